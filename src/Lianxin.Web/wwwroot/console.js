// The console's keyboard map (UI.md "Keyboard"). Shortcuts never fire while typing in a field unless
// they use Ctrl/Alt. Lists mark their rows with [data-row] and the selected one with .selected; a row's
// [data-open] link (or the row itself when clicked) opens it.
(function () {
  'use strict';
  function typing(e) {
    var t = e.target;
    return t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
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
      if (primary) { e.preventDefault(); primary.click(); }
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
  window.lianxinFocus = function (selector) {
    var el = document.querySelector(selector);
    if (el) { el.focus(); if (el.select) el.select(); }
  };
})();
