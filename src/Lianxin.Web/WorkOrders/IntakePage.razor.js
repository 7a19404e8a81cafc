// The intake screen's own keys (UI.md "Intake"): F8 直接答复, F9 不予受理, Ctrl+Shift+Enter 登记并派单.
// Caught on window in the capture phase so the console's Ctrl+Enter (which ignores Shift) does not also fire.
export function start() {
  const handler = e => {
    if (document.querySelector('.ant-drawer-open')) return;
    let target = null;
    if (e.key === 'F8') target = '#answer-directly';
    else if (e.key === 'F9') target = '#not-accept';
    else if (e.ctrlKey && e.shiftKey && e.key === 'Enter') target = '#register-dispatch';
    if (!target) return;
    e.preventDefault();
    e.stopPropagation();
    const button = document.querySelector(target);
    if (button && !button.disabled) button.click();
  };
  window.addEventListener('keydown', handler, true);
  return { stop: () => window.removeEventListener('keydown', handler, true) };
}

export function stop(handle) { if (handle) handle.stop(); }
