// For signed-in pages: the live unread count in the header (Server-Sent Events) and the follow buttons.
// Without this script the header still links to /notifications, and posting in a thread still follows it.
(function () {
  'use strict';
  var csrf = document.querySelector('meta[name="csrf-token"]');
  var csrfHeader = document.querySelector('meta[name="csrf-header"]');

  function headers() {
    var h = { 'Accept': 'application/json' };
    if (csrf && csrfHeader) h[csrfHeader.content] = csrf.content;
    return h;
  }

  var badge = document.querySelector('[data-unread-count]');
  if (badge && window.EventSource) {
    var stream = new EventSource('/api/v1/me/notifications/stream');
    stream.addEventListener('unread', function (event) {
      var count = JSON.parse(event.data).count;
      var shown = count >= 100 ? '99+' : String(count);
      // the number is for the eye; screen readers hear "3 unread" (and each change, politely) instead of a bare "3"
      badge.querySelector('[data-unread-number]').textContent = shown;
      var label = badge.querySelector('[data-unread-label]');
      label.textContent = count === 0 ? '' : label.dataset.unreadLabel.replace('{0}', shown);
      badge.hidden = count === 0;
    });
  }

  document.querySelectorAll('[data-follow]').forEach(function (button) {
    var url = button.dataset.follow;
    function show(following) {
      button.dataset.following = following ? 'true' : 'false';
      button.textContent = following ? button.dataset.unfollowLabel : button.dataset.followLabel;
      button.setAttribute('aria-pressed', following ? 'true' : 'false');
      button.hidden = false;
    }
    fetch(url, { credentials: 'same-origin', headers: headers() })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (json) { if (json) show(json.following); });
    button.addEventListener('click', function () {
      var follow = button.dataset.following !== 'true';
      button.disabled = true;
      fetch(url, { method: follow ? 'PUT' : 'DELETE', credentials: 'same-origin', headers: headers() })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (json) { if (json) show(json.following); })
        .finally(function () { button.disabled = false; });
    });
  });
})();
