// Review forms: a chosen photo is uploaded at once (POST /api/v1/uploads) and kept as a hidden field, up to five.
(function () {
  'use strict';
  var token = document.querySelector('meta[name="csrf-token"]');
  var header = document.querySelector('meta[name="csrf-header"]');
  document.addEventListener('change', function (event) {
    var box = event.target.closest('[data-review-photos]');
    if (!box || event.target.type !== 'file' || !event.target.files.length) return;
    var input = event.target;
    var list = box.querySelector('.photo-list');
    var status = box.querySelector('[role="status"]');
    if (list.children.length >= (box.hasAttribute('data-single') ? 1 : 5)) { status.textContent = box.dataset.tooMany; input.value = ''; return; }
    var body = new FormData();
    body.append('file', input.files[0]);
    var headers = {};
    if (token && header) headers[header.content] = token.content;
    status.textContent = box.dataset.uploading;
    input.disabled = true;
    fetch('/api/v1/uploads', { method: 'POST', credentials: 'same-origin', headers: headers, body: body })
      .then(function (r) {
        if (!r.ok) { status.textContent = box.dataset.failed; return; }
        return r.json().then(function (json) {
          var item = document.createElement('li');
          var hidden = document.createElement('input');
          hidden.type = 'hidden'; hidden.name = box.hasAttribute('data-single') ? 'photo' : 'photos'; hidden.value = json.id;
          var img = document.createElement('img');
          img.src = json.thumbnailUrl; img.alt = ''; img.width = 80;
          item.appendChild(hidden); item.appendChild(img);
          list.appendChild(item);
          status.textContent = '';
        });
      })
      .catch(function () { status.textContent = box.dataset.failed; })
      .then(function () { input.disabled = false; input.value = ''; });
  });
})();
