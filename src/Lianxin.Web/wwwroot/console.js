// The console's keyboard map (UI.md "Keyboard"). Shortcuts never fire while typing in a field unless
// they use Ctrl/Alt. Lists mark their rows with [data-row] and the selected one with .selected; a row's
// [data-open] link (or the row itself when clicked) opens it.
(function () {
  'use strict';
  // A group marked [data-own-keys] (the visit form's one-key answers) handles its plain keys itself.
  function typing(e) {
    var t = e.target;
    return t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) || (t.closest && t.closest('[data-own-keys]') !== null));
  }
  function rows() { return Array.prototype.slice.call(document.querySelectorAll('[data-row]')); }
  function move(step) {
    var all = rows();
    if (all.length === 0) return;
    var i = all.findIndex(function (r) { return r.classList.contains('selected'); });
    var next = all[Math.max(0, Math.min(all.length - 1, i < 0 ? 0 : i + step))];
    all.forEach(function (r) { r.classList.remove('selected'); r.removeAttribute('aria-selected'); });
    next.classList.add('selected');
    next.setAttribute('aria-selected', 'true');
    next.scrollIntoView({ block: 'nearest' });
  }
  document.addEventListener('keydown', function (e) {
    if (e.ctrlKey && e.shiftKey && (e.key === 'N' || e.key === 'n')) {
      e.preventDefault();
      location.href = '/intake';
      return;
    }
    if (e.ctrlKey && e.key === 'Enter') {
      // The open form's primary button: a drawer's, else the page's.
      var scope = document.querySelector('.ant-drawer-open') || document;
      var primary = scope.querySelector('[data-submit]:not([disabled])');
      if (primary) {
        e.preventDefault();
        // A field bound on change has not told the server its last keys yet (it changes on blur): tell it
        // first, so the save carries what is on screen. Blazor handles the two events in this order.
        var field = document.activeElement;
        if (field && /^(INPUT|TEXTAREA|SELECT)$/.test(field.tagName)) {
          field.dispatchEvent(new Event('change', { bubbles: true }));
        }
        primary.click();
      }
      return;
    }
    if (e.altKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyS') {
      // Alt+S: the agent's phone state in the top bar (browsers differ on accesskey, so it is handled here).
      var state = document.getElementById('agent-choose');
      if (state) { e.preventDefault(); state.focus(); }
      return;
    }
    var digit = /^Digit([1-9])$/.exec(e.code || '');
    if (e.altKey && !e.ctrlKey && !e.metaKey && digit) {
      // Alt+1…9: the action bar's buttons, each showing its key (a drawer's first, else the page's).
      var bar = document.querySelector('.ant-drawer-open') || document;
      var action = bar.querySelector('[data-shortcut="Alt+' + digit[1] + '"]');
      if (action) { e.preventDefault(); action.click(); }
      return;
    }
    if (e.key === 'Escape' && !e.ctrlKey && !e.altKey && !e.metaKey) {
      // A drawer beside a list closes with Esc wherever the focus is: in the list (after J/K) or in the
      // drawer's action form, which it closes with it (UI.md: Esc closes a drawer).
      var close = document.querySelector('.ant-drawer-open .ant-drawer-close');
      if (close) { e.preventDefault(); close.click(); return; }
    }
    if (e.ctrlKey || e.altKey || e.metaKey || typing(e)) return;
    if (e.key === '/') {
      var q = document.getElementById('q');
      if (q) { e.preventDefault(); q.focus(); q.select(); }
    } else if (e.key === '?') {
      var help = document.getElementById('keyboard-help');
      if (help && !help.open) { e.preventDefault(); help.showModal(); }
    } else if (e.key === 'j' || e.key === 'J') {
      e.preventDefault(); move(1);
    } else if (e.key === 'k' || e.key === 'K') {
      e.preventDefault(); move(-1);
    } else if (e.key === 'n' || e.key === 'N' || e.key === 'p' || e.key === 'P') {
      // A desk's next / previous page.
      var pager = document.querySelector((e.key === 'n' || e.key === 'N') ? '[data-page-next]:not([disabled])' : '[data-page-prev]:not([disabled])');
      if (pager) { e.preventDefault(); pager.click(); }
    } else if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      // A report's previous / next day or month.
      var step = document.querySelector(e.key === 'ArrowLeft' ? '[data-arrow-prev]' : '[data-arrow-next]:not([disabled])');
      if (step) { e.preventDefault(); step.click(); }
    } else if (e.key === 'Enter') {
      var sel = document.querySelector('[data-row].selected');
      if (sel) {
        e.preventDefault();
        var open = sel.querySelector('[data-open]') || sel;
        open.click();
      }
    }
  });

  // Drafts kept in the browser (a half-typed intake survives a reload or a dropped connection).
  window.lianxinDrafts = {
    save: function (key, json) { try { localStorage.setItem('lianxin.draft.' + key, json); } catch (e) { } },
    load: function (key) { try { return localStorage.getItem('lianxin.draft.' + key); } catch (e) { return null; } },
    clear: function (key) { try { localStorage.removeItem('lianxin.draft.' + key); } catch (e) { } }
  };
  window.lianxinSetValue = function (el, value) { if (el && el.value !== value) el.value = value; };

  // 常用语 and 知识库 in any text box (UI.md "Work lists"): "::" (or the IME's "：：") opens the centre's
  // phrases, "??" (or "？？") knowledge answers; what is typed after it filters, ↑/↓ choose, Enter or a click
  // inserts in place of the trigger, Esc cancels (without closing the drawer around the box). Text boxes
  // that must not offer it carry data-no-phrases; the pickers of the intake (role=combobox) are left alone.
  var picker = null;
  var inserting = false;
  var phrases = null;
  var phrasesAt = 0;
  var TRIGGERS = { '::': 'phrase', '\uFF1A\uFF1A': 'phrase', '??': 'knowledge', '\uFF1F\uFF1F': 'knowledge' };
  var zh = (document.documentElement.lang || 'zh').indexOf('en') !== 0;
  function say(z, en) { return zh ? z : en; }
  function textBox(el) {
    if (!el || el.readOnly || el.disabled || el.hasAttribute('data-no-phrases')) return false;
    if (el.tagName === 'TEXTAREA') return true;
    return el.tagName === 'INPUT' && (el.type === 'text' || el.getAttribute('type') === null) && el.getAttribute('role') !== 'combobox';
  }
  function getJson(url) {
    return fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } }).then(function (r) {
      if (!r.ok) throw new Error(r.status === 401 ? say('登录已过期，请刷新页面。', 'Signed out: reload the page.') : say('读取失败（' + r.status + '）。', 'Could not load (' + r.status + ').'));
      return r.json();
    });
  }
  function loadPhrases() {
    if (phrases && Date.now() - phrasesAt < 60000) return Promise.resolve(phrases);
    return getJson('/api/v1/phrases').then(function (list) { phrases = list; phrasesAt = Date.now(); return list; });
  }
  function filterPhrases(list, filter) {
    var f = filter.trim().toLowerCase();
    if (!f) return list.slice(0, 50);
    var exact = list.filter(function (p) { return p.shortcut === f; });
    var starts = list.filter(function (p) { return p.shortcut && p.shortcut !== f && p.shortcut.indexOf(f) === 0; });
    var text = list.filter(function (p) { return exact.indexOf(p) < 0 && starts.indexOf(p) < 0 && p.text.toLowerCase().indexOf(f) >= 0; });
    return exact.concat(starts, text).slice(0, 50);
  }
  // With nothing typed after ??, the page's own context (e.g. the intake's title, description and category) asks.
  function knowledgeUrl(filter) {
    var q = filter.trim();
    if (!q) {
      q = Array.prototype.map.call(document.querySelectorAll('[data-kb-context]'), function (c) { return c.value || ''; }).join(' ').trim().slice(0, 500);
    }
    var url = '/api/v1/knowledge?limit=8' + (q ? '&q=' + encodeURIComponent(q) : '');
    var cat = document.querySelector('[data-kb-category]');
    var id = cat && cat.getAttribute('data-kb-category');
    return id ? url + '&categoryId=' + encodeURIComponent(id) : url;
  }
  function open(el, kind, start) {
    close();
    var box = document.createElement('div');
    box.className = 'lx-picker';
    box.id = kind === 'phrase' ? 'phrase-picker' : 'knowledge-picker';
    box.setAttribute('role', 'listbox');
    box.addEventListener('mousedown', function (e) {
      e.preventDefault();
      var li = e.target.closest('li[data-index]');
      if (li) choose(+li.getAttribute('data-index'));
    });
    document.body.appendChild(box);
    picker = { el: el, kind: kind, start: start, items: [], index: 0, box: box, filter: null, seq: 0, note: say('加载中…', 'Loading…') };
    refresh();
  }
  function close() {
    if (!picker) return;
    picker.box.remove();
    picker = null;
  }
  function refresh() {
    var p = picker;
    var el = p.el;
    var caret = el.selectionStart;
    var trigger = el.value.slice(p.start, p.start + 2);
    if (document.activeElement !== el || caret == null || caret < p.start + 2 || TRIGGERS[trigger] !== p.kind) { close(); return; }
    var filter = el.value.slice(p.start + 2, caret);
    if (filter.indexOf('\n') >= 0 || filter.length > 40) { close(); return; }
    if (filter === p.filter) { render(); return; }
    p.filter = filter;
    var seq = ++p.seq;
    var done = function (items) { if (picker === p && p.seq === seq) { p.items = items; p.index = 0; p.note = items.length ? null : say('没有匹配项', 'Nothing matches'); render(); } };
    var fail = function (err) { if (picker === p) { p.items = []; p.note = err.message; render(); } };
    if (p.kind === 'phrase') {
      loadPhrases().then(function (list) { done(filterPhrases(list, filter)); }, fail);
    } else {
      clearTimeout(p.timer);
      p.timer = setTimeout(function () { getJson(knowledgeUrl(filter)).then(function (page) { done(page.items); }, fail); }, filter ? 200 : 0);
    }
    render();
  }
  function render() {
    var p = picker;
    var box = p.box;
    box.textContent = '';
    var head = document.createElement('div');
    head.className = 'lx-picker-head';
    head.textContent = (p.kind === 'phrase' ? say('常用语', 'Phrases') : say('知识库答复', 'Knowledge answers')) + say(' · 输入筛选 · ↑↓ 选择 · Enter 插入 · Esc 取消', ' · type to filter · ↑↓ · Enter inserts · Esc cancels');
    box.appendChild(head);
    var list = document.createElement('ul');
    p.items.forEach(function (item, i) {
      var li = document.createElement('li');
      li.setAttribute('data-index', String(i));
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', i === p.index ? 'true' : 'false');
      if (i === p.index) li.className = 'on';
      var main = document.createElement('span');
      main.className = 'lx-main';
      main.textContent = p.kind === 'phrase' ? item.text : item.title;
      li.appendChild(main);
      var sub = document.createElement('span');
      sub.className = 'lx-sub';
      sub.textContent = p.kind === 'phrase' ? (item.shortcut ? '::' + item.shortcut : '') : item.summary;
      li.appendChild(sub);
      list.appendChild(li);
    });
    box.appendChild(list);
    if (p.note) {
      var note = document.createElement('div');
      note.className = 'lx-picker-note';
      note.textContent = p.note;
      box.appendChild(note);
    }
    var r = p.el.getBoundingClientRect();
    var width = Math.min(440, Math.max(300, r.width));
    box.style.width = width + 'px';
    box.style.left = Math.max(4, Math.min(r.left, window.innerWidth - width - 4)) + 'px';
    var below = window.innerHeight - r.bottom;
    if (below >= 180 || below >= r.top) { box.style.top = (r.bottom + 2) + 'px'; box.style.bottom = ''; box.style.maxHeight = Math.max(120, below - 8) + 'px'; }
    else { box.style.top = ''; box.style.bottom = (window.innerHeight - r.top + 2) + 'px'; box.style.maxHeight = Math.max(120, r.top - 8) + 'px'; }
    var on = list.querySelector('li.on');
    if (on) on.scrollIntoView({ block: 'nearest' });
  }
  // Sets the box's text and tells Blazor, as typing would (input for @bind:event="oninput", change for @bind).
  function replace(el, start, end, text) {
    var value = el.value.slice(0, start) + text + el.value.slice(end);
    if (el.maxLength > 0 && value.length > el.maxLength) value = value.slice(0, el.maxLength);
    inserting = true;
    try {
      el.value = value;
      var caret = Math.min(value.length, start + text.length);
      el.setSelectionRange(caret, caret);
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
    } finally {
      inserting = false;
    }
    el.focus();
  }
  function choose(i) {
    var p = picker;
    var item = p && p.items[i];
    if (!item) return;
    var el = p.el;
    var start = p.start;
    var end = el.selectionStart;
    var typed = el.value.slice(start, end);
    close();
    if (p.kind === 'phrase') { replace(el, start, end, item.text); return; }
    getJson('/api/v1/knowledge/' + encodeURIComponent(item.id)).then(function (article) {
      // The trigger may have moved while the answer loaded; insert at the caret if it is gone.
      if (el.value.slice(start, start + typed.length) === typed) replace(el, start, start + typed.length, article.answer);
      else replace(el, el.selectionStart, el.selectionStart, article.answer);
    }, function (err) { el.title = err.message; });
  }
  function maybeOpen(el) {
    if (!textBox(el)) return;
    var pos = el.selectionStart;
    if (pos == null || pos < 2 || el.selectionEnd !== pos) return;
    var kind = TRIGGERS[el.value.slice(pos - 2, pos)];
    if (kind) open(el, kind, pos - 2);
  }
  document.addEventListener('input', function (e) {
    if (inserting) return;
    if (picker && picker.el === e.target) { refresh(); return; }
    if (!e.isComposing) maybeOpen(e.target);
  }, true);
  document.addEventListener('compositionend', function (e) {
    var el = e.target;
    setTimeout(function () { if (picker && picker.el === el) refresh(); else maybeOpen(el); }, 0);
  }, true);
  document.addEventListener('focusout', function (e) { if (picker && picker.el === e.target) close(); }, true);
  window.addEventListener('resize', close);
  // Caught on window in the capture phase, before the console's keys and the page's: while the picker is
  // open, its keys are its own (Esc does not close the drawer around the box, Enter adds no line).
  window.addEventListener('keydown', function (e) {
    if (!picker || e.target !== picker.el || e.isComposing || e.keyCode === 229) return;
    var p = picker;
    var handled = true;
    if (e.key === 'ArrowDown') { p.index = Math.min(p.items.length - 1, p.index + 1); render(); }
    else if (e.key === 'ArrowUp') { p.index = Math.max(0, p.index - 1); render(); }
    else if (e.key === 'Enter' && !e.ctrlKey && !e.altKey && !e.shiftKey && !e.metaKey) {
      if (p.items.length) choose(p.index); else close();
    }
    else if (e.key === 'Escape') close();
    else if (e.key === 'Tab') { close(); handled = false; }
    else handled = false;
    if (handled) { e.preventDefault(); e.stopPropagation(); }
  }, true);
  document.addEventListener('selectionchange', function () {
    if (picker && document.activeElement === picker.el && !inserting) {
      var caret = picker.el.selectionStart;
      if (caret < picker.start + 2) close();
    }
  });
  window.lianxinFocus = function (selector) {
    var el = document.querySelector(selector);
    if (el) { el.focus(); if (el.select) el.select(); }
  };
})();

// Staying signed in (ADR 0005: a 12-hour sliding cookie). The console's work travels over the circuit's websocket,
// which never renews the cookie, so a seat busy for a whole shift, or the wallboard on the wall, would meet the
// sign-in page at its next reload (a restart, a dropped network). A light request every 10 minutes renews it while
// someone works here (a key, a click or a touch in the last 30 minutes) or on a page that asks for it
// ([data-keep-signed-in]: the wallboard, which nobody touches); a seat left alone still signs itself out.
(function () {
  'use strict';
  var EVERY = 10 * 60 * 1000;
  var IDLE = 30 * 60 * 1000;
  var lastActive = Date.now();
  ['keydown', 'mousedown', 'touchstart'].forEach(function (type) {
    document.addEventListener(type, function () { lastActive = Date.now(); }, true);
  });
  setInterval(function () {
    if (location.pathname === '/login') return;
    if (!document.querySelector('[data-keep-signed-in]') && Date.now() - lastActive > IDLE) return;
    fetch('/api/v1/auth/me', { credentials: 'same-origin', cache: 'no-store' }).catch(function () { });
  }, EVERY);
})();
