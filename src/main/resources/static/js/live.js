// The live show page: one EventSource carries chat, questions, pin, stock, viewers, state and reactions; members post
// through the API with the session cookie and CSRF header; the pinned product is bought in a dialog without leaving
// the show; after the show, the chat replays in step with the video's time. All member text is set as textContent.
(function () {
  'use strict';
  var root = document.getElementById('live');
  if (!root) return;
  var show = root.dataset.show;
  var staff = root.dataset.staff === 'true';
  var me = root.dataset.me;
  var signedIn = root.dataset.signedIn === 'true';
  var texts = {};
  document.querySelectorAll('#live-texts li').forEach(function (li) { texts[li.dataset.key] = li.textContent; });
  var csrf = document.querySelector('meta[name="csrf-token"]');
  var csrfHeader = document.querySelector('meta[name="csrf-header"]');
  var pinnedSku = root.dataset.pinned || null;
  var pinnedProduct = null;
  var source = null;

  function t(key, arg) {
    var s = texts[key] || key;
    return arg === undefined ? s : s.replace('{0}', arg);
  }

  function $(id) { return document.getElementById(id); }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  function call(method, path, body, extraHeaders) {
    var headers = { 'Accept': 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (csrf && csrfHeader) headers[csrfHeader.content] = csrf.content;
    Object.keys(extraHeaders || {}).forEach(function (k) { headers[k] = extraHeaders[k]; });
    return fetch('/api/v1/live-sessions/' + show + path, {
      method: method, credentials: 'same-origin', headers: headers,
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (r) {
      var result = { ok: r.ok, status: r.status, retryAfter: r.headers.get('Retry-After'), json: null };
      if (r.status === 204 || r.status === 202) return result;
      return r.json().then(function (j) { result.json = j; return result; }, function () { return result; });
    });
  }

  function problem(r) {
    var j = r.json || {};
    if (r.status === 429) return t('live.error.429', r.retryAfter || '1');
    if (j.errors && j.errors.length) return j.errors.map(function (e) { return t(e.message); }).join(' ');
    if (r.status === 403 && j.type && /muted$/.test(j.type)) return t('live.muted');
    return j.detail || t('live.error');
  }

  // --- state -------------------------------------------------------------------------------------------------------
  function setState(state, slowModeSeconds) {
    root.dataset.state = state;
    document.querySelectorAll('[data-when]').forEach(function (e) {
      e.hidden = e.dataset.when.split(' ').indexOf(state) < 0;
    });
    var badge = $('live-state');
    badge.textContent = t('live.state.' + state);
    badge.className = 'live-badge live-badge-' + state;
    if (slowModeSeconds !== undefined) {
      var note = $('slow-mode-note');
      note.hidden = !slowModeSeconds;
      note.textContent = note.dataset.template.replace('{0}', slowModeSeconds);
    }
    if (state === 'ended') {
      if (source) source.close();
      startReplay();
    }
  }

  function countdown() {
    var target = new Date(root.dataset.startsAt).getTime();
    var box = $('countdown');
    function tick() {
      if (root.dataset.state !== 'scheduled') return;
      var left = Math.max(0, Math.floor((target - Date.now()) / 1000));
      if (left === 0) { box.textContent = t('live.countdown.now'); return; }
      var d = Math.floor(left / 86400), h = Math.floor(left % 86400 / 3600), m = Math.floor(left % 3600 / 60), s = left % 60;
      var hms = (d > 0 ? d + ' / ' : '') + pad(h) + ':' + pad(m) + ':' + pad(s);
      box.textContent = t('live.countdown.format', hms);
      setTimeout(tick, 1000);
    }
    tick();
  }

  function pad(n) { return (n < 10 ? '0' : '') + n; }

  // --- chat and questions ------------------------------------------------------------------------------------------
  var chat = $('chat');

  function authorOf(m) {
    var who = el('span', 'chat-author', m.author.displayName || '—');
    if (m.author.staff) who.appendChild(el('span', 'staff-badge', t('live.staff')));
    if (m.author.id === me) who.appendChild(el('span', 'you-badge', t('live.you')));
    return who;
  }

  function actions(m) {
    var box = el('span', 'chat-actions');
    if (staff || m.author.id === me) {
      var del = el('button', 'link', t('live.delete'));
      del.type = 'button';
      del.addEventListener('click', function () { call('DELETE', '/messages/' + m.id).then(function (r) { if (r.ok) removeMessage(m.id); }); });
      box.appendChild(del);
    }
    if (staff && !m.author.staff && m.author.id !== me) {
      var mute = el('button', 'link', t('live.mute'));
      mute.type = 'button';
      mute.addEventListener('click', function () { call('PUT', '/mutes/' + m.author.id).then(function (r) { if (r.ok) mute.disabled = true; }); });
      box.appendChild(mute);
    }
    return box;
  }

  function chatItem(m) {
    var li = el('li', 'chat-item kind-' + m.kind);
    li.id = 'message-' + m.id;
    li.appendChild(authorOf(m));
    if (m.kind !== 'chat') li.appendChild(el('span', 'kind-label', t('live.kind.' + m.kind)));
    li.appendChild(el('span', 'chat-body', m.body));
    li.appendChild(actions(m));
    return li;
  }

  function addToChat(m) {
    if ($('message-' + m.id)) return;
    var nearBottom = chat.scrollHeight - chat.scrollTop - chat.clientHeight < 60;
    chat.appendChild(chatItem(m));
    while (chat.children.length > 300) chat.removeChild(chat.firstChild);
    if (nearBottom) chat.scrollTop = chat.scrollHeight;
  }

  function onMessage(m) {
    addToChat(m);
    if (m.kind === 'question') addQuestion(m, []);
    if (m.kind === 'answer') addAnswer(m);
  }

  function addQuestion(q, answers) {
    if ($('question-' + q.id)) return;
    var li = el('li', 'question-item');
    li.id = 'question-' + q.id;
    li.appendChild(authorOf(q));
    li.appendChild(el('p', 'question-body', q.body));
    var list = el('ol', 'answer-list');
    list.id = 'answers-' + q.id;
    li.appendChild(list);
    var tools = el('div', 'question-tools');
    if (signedIn && root.dataset.state === 'live') tools.appendChild(answerForm(q));
    if (staff && !q.answered) {
      var mark = el('button', 'button small secondary mark-answered', t('live.markAnswered'));
      mark.type = 'button';
      mark.addEventListener('click', function () {
        call('POST', '/messages/' + q.id + '/answered').then(function (r) { if (r.ok) markAnswered(q.id); });
      });
      tools.appendChild(mark);
    }
    li.appendChild(tools);
    (q.answered ? $('questions-answered') : $('questions-open')).appendChild(li);
    if (q.answered) li.classList.add('is-answered');
    answers.forEach(addAnswer);
    counts();
  }

  function answerForm(q) {
    var form = el('form', 'answer-form');
    var id = 'answer-body-' + q.id;
    var label = el('label', 'visually-hidden', t('live.answer'));
    label.htmlFor = id;
    var input = el('input');
    input.id = id;
    input.maxLength = 500;
    input.placeholder = t('live.answer');
    var send = el('button', 'button small', t('live.answerSubmit'));
    send.type = 'submit';
    var error = el('p', 'error');
    error.setAttribute('role', 'alert');
    error.hidden = true;
    form.append(label, input, send, error);
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      call('POST', '/messages', { body: input.value, kind: 'answer', replyTo: q.id }).then(function (r) {
        error.hidden = r.ok;
        if (!r.ok) { error.textContent = problem(r); return; }
        input.value = '';
        onMessage(r.json);
      });
    });
    return form;
  }

  function addAnswer(a) {
    var list = $('answers-' + a.replyTo);
    if (!list || $('answer-' + a.id)) return;
    var li = el('li', 'answer-item');
    li.id = 'answer-' + a.id;
    li.appendChild(authorOf(a));
    li.appendChild(el('span', 'answer-body', a.body));
    list.appendChild(li);
  }

  function markAnswered(id) {
    var li = $('question-' + id);
    if (!li || li.classList.contains('is-answered')) return;
    li.classList.add('is-answered');
    var mark = li.querySelector('.mark-answered');
    if (mark) mark.remove();
    li.insertBefore(el('span', 'answered-badge', t('live.answered')), li.firstChild);
    $('questions-answered').appendChild(li);
    counts();
  }

  function removeMessage(id) {
    ['message-', 'question-', 'answer-'].forEach(function (p) { var e = $(p + id); if (e) e.remove(); });
    counts();
  }

  function counts() {
    $('open-count').textContent = $('questions-open').children.length;
    $('answered-count').textContent = $('questions-answered').children.length;
  }

  function loadQuestions() {
    fetch('/api/v1/live-sessions/' + show + '/questions?limit=100', { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : { items: [] }; })
      .then(function (page) { page.items.forEach(function (q) { addQuestion(q.question, q.answers); }); });
  }

  var form = $('chat-form');
  if (form) {
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var error = $('chat-error');
      var send = $('chat-send');
      send.disabled = true;
      call('POST', '/messages', { body: $('chat-body').value, kind: $('chat-kind').value }).then(function (r) {
        send.disabled = false;
        error.hidden = r.ok;
        if (!r.ok) { error.textContent = problem(r); return; }
        $('chat-body').value = '';
        $('chat-kind').value = 'chat';
        onMessage(r.json);
      }, function () { send.disabled = false; error.hidden = false; error.textContent = t('live.error'); });
    });
  }

  // --- pinned product and reactions --------------------------------------------------------------------------------
  function showStock(stock) {
    var text = $('pinned-stock');
    text.textContent = stock > 0 ? t('live.stock', stock) : t('live.soldOut');
    var buy = $('buy');
    if (buy) buy.disabled = !(stock > 0);
  }

  function onPin(p) {
    pinnedSku = p.sku;
    pinnedProduct = p.product;
    var card = $('pinned');
    card.hidden = !p.sku;
    if (!p.sku) return;
    var product = p.product;
    $('pinned-name').textContent = product.productName + ' (' + product.variantName + ')';
    $('pinned-link').href = '/store/' + product.productSlug;
    var price = signedIn && product.memberPrice !== null && product.memberPrice < product.price ? product.memberPrice : product.price;
    $('pinned-price').textContent = '¥' + price.toLocaleString('ja-JP');
    var img = $('pinned-image');
    img.hidden = !product.image;
    if (product.image) img.src = product.image;
    showStock(product.stock);
  }

  document.querySelectorAll('[data-reaction]').forEach(function (b) {
    b.addEventListener('click', function () { call('POST', '/reactions', { type: b.dataset.reaction }); });
  });

  function onReaction(counts) {
    var burst = $('reaction-burst');
    Object.keys(counts).forEach(function (type) {
      var button = document.querySelector('[data-reaction="' + type + '"]');
      if (!button) return;
      for (var i = 0; i < Math.min(counts[type], 5); i++) {
        var f = el('span', 'float', button.textContent);
        f.style.left = (10 + Math.random() * 80) + '%';
        burst.appendChild(f);
        setTimeout(function (node) { node.remove(); }, 1600, f);
      }
    });
  }

  // --- the event stream --------------------------------------------------------------------------------------------
  function viewerKey() {
    try {
      var key = localStorage.getItem('kizuna_viewer');
      if (!key) {
        key = Array.from(crypto.getRandomValues(new Uint8Array(16)), function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
        localStorage.setItem('kizuna_viewer', key);
      }
      return key;
    } catch (e) {
      return '';
    }
  }

  function connect() {
    if (!window.EventSource) return;
    source = new EventSource('/api/v1/live-sessions/' + show + '/events?v=' + viewerKey());
    source.addEventListener('message', function (e) { onMessage(JSON.parse(e.data)); });
    source.addEventListener('delete', function (e) { removeMessage(JSON.parse(e.data).id); });
    source.addEventListener('answered', function (e) { markAnswered(JSON.parse(e.data).id); });
    source.addEventListener('pin', function (e) { onPin(JSON.parse(e.data)); });
    source.addEventListener('stock', function (e) { var s = JSON.parse(e.data); if (s.sku === pinnedSku) showStock(s.stock); });
    source.addEventListener('viewers', function (e) { $('live-viewers').textContent = JSON.parse(e.data).count; });
    source.addEventListener('reaction', function (e) { onReaction(JSON.parse(e.data)); });
    source.addEventListener('state', function (e) {
      var s = JSON.parse(e.data);
      if (s.startedAt) root.dataset.startedAt = s.startedAt;
      if (s.state !== root.dataset.state || s.state === 'live') setState(s.state, s.slowModeSeconds);
    });
  }

  // --- staff controls ----------------------------------------------------------------------------------------------
  var pinSelect = $('pin-sku');
  if (pinSelect) {
    pinSelect.addEventListener('change', function () {
      if (pinSelect.value) call('POST', '/pins', { sku: pinSelect.value });
      else call('DELETE', '/pins');
    });
  }
  var slow = $('slow-mode');
  if (slow) slow.addEventListener('change', function () { call('PUT', '/slow-mode', { seconds: Number(slow.value) }); });

  // --- buying in the show ------------------------------------------------------------------------------------------
  var dialog = $('buy-dialog');
  var idempotencyKey = null;

  function orderBody() {
    var f = $('buy-form');
    var v = function (name) { return f.elements[name].value; };
    return {
      items: [{ sku: pinnedSku, quantity: Number(v('quantity')) }],
      paymentMethod: f.querySelector('input[name="paymentMethod"]:checked').value,
      shippingAddress: { name: v('name'), postalCode: v('postalCode'), prefecture: v('prefecture'), city: v('city'),
        line1: v('line1'), line2: v('line2') || null, phone: v('phone') }
    };
  }

  function step(name) {
    ['address', 'confirm', 'done'].forEach(function (s) { $('buy-step-' + s).hidden = s !== name; });
  }

  function fieldErrors(r, box) {
    document.querySelectorAll('#buy-form [aria-invalid]').forEach(function (e) { e.removeAttribute('aria-invalid'); });
    var j = r.json || {};
    (j.errors || []).forEach(function (e) {
      var name = e.field.replace('shippingAddress.', '').replace(/^items\[0\]\./, '');
      var input = $('buy-' + name);
      if (input) input.setAttribute('aria-invalid', 'true');
    });
    box.hidden = false;
    box.textContent = problem(r);
  }

  if (dialog) {
    $('buy').addEventListener('click', function () {
      if (!pinnedSku) return;
      var name = $('pinned-name').textContent;
      $('buy-product').textContent = name + ' ' + $('pinned-price').textContent;
      step('address');
      $('buy-error').hidden = true;
      dialog.showModal();
    });
    dialog.querySelectorAll('[data-close]').forEach(function (b) { b.addEventListener('click', function () { dialog.close(); }); });
    $('buy-back').addEventListener('click', function () { step('address'); });
    $('buy-confirm').addEventListener('click', function () {
      var body = orderBody();
      call('POST', '/checkout/quote', body).then(function (r) {
        if (!r.ok) { fieldErrors(r, $('buy-error')); return; }
        $('buy-error').hidden = true;
        var q = r.json.quote;
        var items = $('confirm-items');
        items.textContent = '';
        q.items.forEach(function (i) {
          items.appendChild(el('li', null, i.productName + ' (' + i.variantName + ') × ' + i.quantity + ' = ¥' + (i.unitPrice * i.quantity).toLocaleString('ja-JP')));
        });
        var totals = $('confirm-totals');
        totals.textContent = '';
        var rows = [['store.subtotal', q.totals.subtotal], ['store.shipping', q.totals.shipping]];
        if (q.totals.discount > 0) rows.push(['store.discount', -q.totals.discount]);
        if (q.totals.fee > 0) rows.push(['store.codFee', q.totals.fee]);
        rows.push(['store.total', q.totals.total]);
        rows.forEach(function (row) {
          totals.appendChild(el('dt', null, t(row[0])));
          var dd = el('dd', null, '¥' + row[1].toLocaleString('ja-JP'));
          if (row[0] === 'store.total') dd.id = 'confirm-total';
          totals.appendChild(dd);
        });
        $('confirm-payment').textContent = r.json.paymentMethod + ': ' + r.json.paymentTiming;
        $('confirm-delivery').textContent = r.json.deliveryTiming;
        var a = body.shippingAddress;
        $('confirm-address').textContent = a.name + ' 〒' + a.postalCode + ' ' + $('buy-prefecture').selectedOptions[0].textContent + ' ' + a.city + ' ' + a.line1 + ' ' + (a.line2 || '') + ' / ' + a.phone;
        $('confirm-cancellation').textContent = r.json.cancellationTerms;
        idempotencyKey = window.crypto && crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random();
        $('place-error').hidden = true;
        step('confirm');
      });
    });
    $('buy-place').addEventListener('click', function () {
      var place = $('buy-place');
      place.disabled = true;
      call('POST', '/orders', orderBody(), { 'Idempotency-Key': idempotencyKey }).then(function (r) {
        place.disabled = false;
        if (!r.ok) { fieldErrors(r, $('place-error')); return; }
        var done = $('buy-done');
        done.textContent = t('live.buy.placed', r.json.id) + ' ';
        var link = el('a', null, t('live.buy.orderLink'));
        link.href = '/orders/' + r.json.id;
        link.target = '_blank';
        link.rel = 'noopener';
        link.id = 'buy-order-link';
        done.appendChild(link);
        step('done');
      });
    });
  }

  // --- the replay --------------------------------------------------------------------------------------------------
  var replay = { messages: [], shown: 0, time: 0, timer: null, started: false };

  function clock(s) {
    s = Math.floor(s);
    var h = Math.floor(s / 3600), m = Math.floor(s % 3600 / 60);
    return (h > 0 ? h + ':' + pad(m) : String(m)) + ':' + pad(s % 60);
  }

  function setTime(seconds) {
    if (seconds < replay.time) { chat.textContent = ''; replay.shown = 0; }
    replay.time = seconds;
    while (replay.shown < replay.messages.length && replay.messages[replay.shown].offsetSeconds <= seconds) {
      addToChat(replay.messages[replay.shown++]);
    }
    $('replay-time').value = Math.floor(seconds);
    $('replay-clock').textContent = clock(seconds);
  }

  function loadReplay(cursor, pages) {
    var url = '/api/v1/live-sessions/' + show + '/messages?limit=100' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : '');
    return fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : { items: [], nextCursor: null }; })
      .then(function (page) {
        replay.messages = replay.messages.concat(page.items);
        if (page.nextCursor && pages < 50) return loadReplay(page.nextCursor, pages + 1);
      });
  }

  function followPlayer() {
    var player = $('player');
    if (!player) return;
    var kind = root.dataset.embed;
    if (kind === 'video') {
      player.addEventListener('timeupdate', function () { setTime(player.currentTime); });
      return;
    }
    // YouTube and Vimeo report the video's time by postMessage once asked, without loading their scripts
    window.addEventListener('message', function (e) {
      if (e.source !== player.contentWindow) return;
      var data;
      try { data = typeof e.data === 'string' ? JSON.parse(e.data) : e.data; } catch (err) { return; }
      if (data && data.event === 'infoDelivery' && data.info && typeof data.info.currentTime === 'number') setTime(data.info.currentTime);
      if (data && data.event === 'timeupdate' && data.data && typeof data.data.seconds === 'number') setTime(data.data.seconds);
    });
    function ask() {
      if (kind === 'youtube') player.contentWindow.postMessage(JSON.stringify({ event: 'listening', id: 1, channel: 'widget' }), '*');
      if (kind === 'vimeo') player.contentWindow.postMessage(JSON.stringify({ method: 'addEventListener', value: 'timeupdate' }), '*');
    }
    player.addEventListener('load', ask);
    ask();
  }

  function startReplay() {
    if (replay.started) return;
    replay.started = true;
    chat.textContent = '';
    loadReplay(null, 0).then(function () {
      var last = replay.messages.length ? replay.messages[replay.messages.length - 1].offsetSeconds : 0;
      $('replay-time').max = String(last + 60);
      setTime(0);
    });
    followPlayer();
    $('replay-time').addEventListener('input', function () { setTime(Number($('replay-time').value)); });
    var play = $('replay-play');
    play.addEventListener('click', function () {
      if (replay.timer) {
        clearInterval(replay.timer);
        replay.timer = null;
        play.setAttribute('aria-pressed', 'false');
        return;
      }
      play.setAttribute('aria-pressed', 'true');
      replay.timer = setInterval(function () { setTime(replay.time + 1); }, 1000);
    });
  }

  // --- start -------------------------------------------------------------------------------------------------------
  loadQuestions();
  var initial = root.dataset.state;
  if (initial === 'scheduled') countdown();
  if (initial === 'ended') startReplay();
  else connect();
})();
