// The newsroom's small script: keyboard shortcuts and bulk selection on the moderation
// desk. Everything it does, the page also does with plain forms and buttons.
(function () {
  'use strict';

  var form = document.getElementById('desk-form');
  var status = document.getElementById('desk-status');
  var help = document.getElementById('kbd-help');

  var selectAll = document.getElementById('select-all');
  if (selectAll && form) {
    selectAll.addEventListener('change', function () {
      var boxes = form.querySelectorAll('input[name="ids"]');
      for (var i = 0; i < boxes.length; i++) boxes[i].checked = selectAll.checked;
    });
  }

  if (!form) return;
  var csrf = form.getAttribute('data-csrf') || '';
  var current = -1;

  function items() {
    return Array.prototype.slice.call(form.querySelectorAll('.queue-item:not(.decided)'));
  }

  function say(text) {
    if (status) status.textContent = text;
  }

  function focusAt(index) {
    var list = items();
    if (list.length === 0) {
      current = -1;
      say('صف خالی شد.');
      return;
    }
    current = Math.max(0, Math.min(index, list.length - 1));
    var all = form.querySelectorAll('.queue-item.current');
    for (var i = 0; i < all.length; i++) all[i].classList.remove('current');
    var item = list[current];
    item.classList.add('current');
    item.focus();
    item.scrollIntoView({ block: 'nearest' });
  }

  function currentItem() {
    var list = items();
    var active = document.activeElement && document.activeElement.closest ? document.activeElement.closest('.queue-item') : null;
    if (active && !active.classList.contains('decided')) {
      current = list.indexOf(active);
      return active;
    }
    return list[current] || null;
  }

  var NAMES = { approve: 'تأیید شد', reject: 'رد شد', spam: 'هرزنامه شد' };

  function decide(item, action) {
    var id = item.getAttribute('data-id');
    var body = new URLSearchParams();
    body.set('_csrf', csrf);
    body.set('action', action);
    var index = items().indexOf(item);
    item.classList.add('decided');
    item.setAttribute('aria-busy', 'true');
    fetch('/newsroom/comments/' + id + '/decision', {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': csrf },
      body: body.toString(),
      credentials: 'same-origin',
    })
      .then(function (res) {
        if (!res.ok) throw new Error(String(res.status));
        return res.json();
      })
      .then(function () {
        item.removeAttribute('aria-busy');
        var box = item.querySelector('input[name="ids"]');
        if (box) box.checked = false;
        item.remove();
        say('نظر ' + (item.querySelector('.author') ? item.querySelector('.author').textContent : '') + ' ' + NAMES[action] + '.');
        focusAt(index);
      })
      .catch(function () {
        item.classList.remove('decided');
        item.removeAttribute('aria-busy');
        say('ثبت تصمیم ناموفق بود؛ دوباره تلاش کنید.');
      });
  }

  document.addEventListener('keydown', function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    var tag = target && target.tagName;
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || (target && target.isContentEditable)) {
      if (!(tag === 'INPUT' && target.type === 'checkbox')) return;
    }
    var key = event.key;
    if (key === 'j' || key === 'k') {
      event.preventDefault();
      var item = currentItem();
      var at = item ? items().indexOf(item) : -1;
      focusAt(key === 'j' ? at + 1 : Math.max(0, at - 1));
    } else if (key === 'a' || key === 'r' || key === 's') {
      var it = currentItem();
      if (!it) return;
      event.preventDefault();
      decide(it, key === 'a' ? 'approve' : key === 'r' ? 'reject' : 'spam');
    } else if (key === 'x') {
      var sel = currentItem();
      if (!sel) return;
      event.preventDefault();
      var box = sel.querySelector('input[name="ids"]');
      if (box) box.checked = !box.checked;
    } else if (key === '?') {
      if (help) {
        event.preventDefault();
        help.hidden = !help.hidden;
      }
    }
  });
})();
