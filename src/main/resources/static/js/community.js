// Community pages: "load more" without a reload, and the Markdown preview of the reply box.
// Plain links and forms work without this script; it only makes them smoother.
(function () {
  'use strict';
  var csrf = document.querySelector('meta[name="csrf-token"]');
  var csrfHeader = document.querySelector('meta[name="csrf-header"]');

  document.addEventListener('click', function (event) {
    var more = event.target.closest('[data-load-more]');
    if (more) {
      event.preventDefault();
      more.setAttribute('aria-busy', 'true');
      fetch(more.href, { credentials: 'same-origin' })
        .then(function (r) { return r.text(); })
        .then(function (html) {
          var doc = new DOMParser().parseFromString(html, 'text/html');
          var list = document.querySelector(more.dataset.loadMore);
          doc.querySelectorAll(more.dataset.loadMore + ' > li').forEach(function (li) { list.appendChild(li); });
          var next = doc.querySelector('[data-load-more]');
          if (next) { more.href = next.href; more.removeAttribute('aria-busy'); } else { more.remove(); }
        });
      return;
    }
    var preview = event.target.closest('[data-preview]');
    if (preview) {
      var source = document.querySelector(preview.dataset.preview);
      var target = document.querySelector(preview.dataset.target);
      fetch('/api/v1/markdown/preview', {
        method: 'POST',
        credentials: 'same-origin',
        headers: (function () {
          var h = { 'Content-Type': 'application/json' };
          if (csrf && csrfHeader) h[csrfHeader.content] = csrf.content;
          return h;
        })(),
        body: JSON.stringify({ body: source.value })
      }).then(function (r) { return r.json(); })
        .then(function (json) { target.innerHTML = json.html || ''; }); // server-sanitized HTML
    }
  });

  // Similar questions while the title is typed: answers the community already has.
  var similar = document.querySelector('[data-similar-for]');
  if (similar) {
    var title = document.querySelector(similar.dataset.similarFor);
    var kind = document.querySelector('#kind');
    var timer;
    title.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        if ((kind && kind.value !== 'question') || title.value.trim().length < 2) { similar.hidden = true; return; }
        fetch('/api/v1/search/similar-questions?title=' + encodeURIComponent(title.value), { credentials: 'same-origin' })
          .then(function (r) { return r.json(); })
          .then(function (json) {
            var list = similar.querySelector('ul');
            list.textContent = '';
            (json.items || []).forEach(function (hit) {
              var li = document.createElement('li');
              var a = document.createElement('a');
              a.href = '/t/' + hit.threadId;
              a.textContent = hit.title + (hit.solved ? ' ✓' : '');
              li.appendChild(a);
              list.appendChild(li);
            });
            similar.hidden = list.children.length === 0;
          });
      }, 250);
    });
  }
})();
