// Community pages: "load more" without a reload, and the Markdown preview and image upload of the reply box.
// Plain links and forms work without this script; it only makes them smoother.
(function () {
  'use strict';
  var csrf = document.querySelector('meta[name="csrf-token"]');
  var csrfHeader = document.querySelector('meta[name="csrf-header"]');
  var maxImageBytes = 10 * 1024 * 1024;

  // browser calls to the API carry the session cookie, so they need the CSRF token too
  function csrfHeaders(headers) {
    if (csrf && csrfHeader) headers[csrfHeader.content] = csrf.content;
    return headers;
  }

  document.addEventListener('click', function (event) {
    var more = event.target.closest('[data-load-more]');
    if (more) {
      event.preventDefault();
      if (more.getAttribute('aria-busy') === 'true') return;
      more.setAttribute('aria-busy', 'true');
      fetch(more.href, { credentials: 'same-origin' })
        .then(function (r) {
          if (!r.ok) throw new Error('HTTP ' + r.status);
          return r.text();
        })
        .then(function (html) {
          var doc = new DOMParser().parseFromString(html, 'text/html');
          var list = document.querySelector(more.dataset.loadMore);
          var added = doc.querySelectorAll(more.dataset.loadMore + ' > li');
          added.forEach(function (li) { list.appendChild(li); });
          // keyboard and screen-reader users continue at the first new item, not at the top of the page
          if (added.length) { added[0].tabIndex = -1; added[0].focus(); }
          var next = doc.querySelector('[data-load-more]');
          if (next) { more.href = next.href; more.removeAttribute('aria-busy'); } else { more.remove(); }
        })
        // whatever went wrong, the link still works as a plain link: the next page, with its own error if any
        .catch(function () { window.location.href = more.href; });
      return;
    }
    var preview = event.target.closest('[data-preview]');
    if (preview) {
      var source = document.querySelector(preview.dataset.preview);
      var target = document.querySelector(preview.dataset.target);
      fetch('/api/v1/markdown/preview', {
        method: 'POST',
        credentials: 'same-origin',
        headers: csrfHeaders({ 'Content-Type': 'application/json' }),
        body: JSON.stringify({ body: source.value })
      }).then(function (r) { return r.json(); })
        .then(function (json) { target.innerHTML = json.html || ''; }); // server-sanitized HTML
    }
  });

  // Image attachments: upload the chosen file and put its Markdown where the caret is.
  document.querySelectorAll('[data-attach-for]').forEach(function (box) { box.hidden = false; });
  document.addEventListener('change', function (event) {
    var box = event.target.closest('[data-attach-for]');
    if (!box || event.target.type !== 'file' || !event.target.files.length) return;
    var input = event.target;
    var file = input.files[0];
    var status = box.querySelector('[role="status"]');
    var textarea = document.querySelector(box.dataset.attachFor);
    if (file.size > maxImageBytes) { status.textContent = box.dataset.errorTooLarge; input.value = ''; return; }
    var body = new FormData();
    body.append('file', file);
    status.textContent = box.dataset.uploading;
    input.disabled = true;
    fetch('/api/v1/uploads', { method: 'POST', credentials: 'same-origin', headers: csrfHeaders({}), body: body })
      .then(function (r) {
        if (r.ok) {
          return r.json().then(function (json) {
            insertImage(textarea, box.dataset.altPlaceholder || '', json.url);
            status.textContent = box.dataset.uploaded;
          });
        }
        status.textContent = uploadError(box, r.status);
      })
      .catch(function () { status.textContent = box.dataset.errorFailed; })
      .then(function () { input.disabled = false; input.value = ''; });
  });

  function uploadError(box, status) {
    if (status === 413) return box.dataset.errorTooLarge;
    if (status === 415) return box.dataset.errorUnsupported;
    if (status === 422) return box.dataset.errorTooManyPixels;
    return box.dataset.errorFailed;
  }

  // the image's description comes selected, so the author types it over the placeholder (readers without sight hear it)
  function insertImage(textarea, alt, url) {
    insertAtCaret(textarea, '![' + alt + '](' + url + ')');
    var altEnd = textarea.selectionStart - url.length - 3;
    textarea.setSelectionRange(altEnd - alt.length, altEnd);
  }

  function insertAtCaret(textarea, text) {
    var start = textarea.selectionStart;
    var before = textarea.value.slice(0, start);
    var padded = (before && !/\s$/.test(before) ? ' ' : '') + text;
    textarea.setRangeText(padded, start, textarea.selectionEnd, 'end');
    textarea.focus();
  }

  // Similar questions while the title is typed: answers the community already has.
  var similar = document.querySelector('[data-similar-for]');
  if (similar) {
    var title = document.querySelector(similar.dataset.similarFor);
    var kind = document.querySelector('#kind');
    var timer;
    var asked = 0; // only the latest question's answer is shown, whatever order the answers arrive in
    var lookUp = function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var mine = ++asked;
        if ((kind && kind.value !== 'question') || title.value.trim().length < 2) { similar.hidden = true; return; }
        fetch('/api/v1/search/similar-questions?title=' + encodeURIComponent(title.value), { credentials: 'same-origin' })
          .then(function (r) { return r.ok ? r.json() : { items: [] }; })
          .then(function (json) {
            if (mine !== asked) return;
            var list = similar.querySelector('ul');
            list.textContent = '';
            (json.items || []).forEach(function (hit) {
              var li = document.createElement('li');
              var a = document.createElement('a');
              a.href = '/t/' + hit.threadId;
              a.textContent = hit.title;
              li.appendChild(a);
              if (hit.solved) {
                var badge = document.createElement('span');
                badge.className = 'badge ok';
                badge.textContent = similar.dataset.solvedLabel;
                li.appendChild(document.createTextNode(' '));
                li.appendChild(badge);
              }
              list.appendChild(li);
            });
            similar.hidden = list.children.length === 0;
          })
          .catch(function () { if (mine === asked) similar.hidden = true; });
      }, 250);
    };
    title.addEventListener('input', lookUp);
    if (kind) kind.addEventListener('change', lookUp);
  }
})();
