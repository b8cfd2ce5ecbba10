// Staff product form: upload an image and add its /media/ URL as a line of the images field.
(function () {
  'use strict';
  var meta = function (name) { var m = document.querySelector('meta[name="' + name + '"]'); return m ? m.content : ''; };
  document.querySelectorAll('[data-upload-into]').forEach(function (box) {
    box.hidden = false;
    var input = box.querySelector('input[type=file]');
    var status = box.querySelector('[role="status"]');
    var target = document.querySelector(box.dataset.uploadInto);
    input.addEventListener('change', function () {
      if (!input.files.length) return;
      var body = new FormData();
      body.append('file', input.files[0]);
      var headers = {};
      headers[meta('csrf-header')] = meta('csrf-token');
      status.textContent = box.dataset.uploading;
      input.disabled = true;
      fetch('/api/v1/uploads', { method: 'POST', credentials: 'same-origin', headers: headers, body: body })
        .then(function (r) {
          if (!r.ok) {
            status.textContent = r.status === 413 ? box.dataset.errorTooLarge
              : r.status === 415 ? box.dataset.errorUnsupported : box.dataset.errorFailed;
            return;
          }
          return r.json().then(function (json) {
            target.value = (target.value.trim() ? target.value.trim() + '\n' : '') + json.url;
            status.textContent = box.dataset.uploaded;
          });
        })
        .catch(function () { status.textContent = box.dataset.errorFailed; })
        .then(function () { input.disabled = false; input.value = ''; });
    });
  });
})();
