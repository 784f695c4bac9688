import { useEffect, useState } from 'react';

const shown = (el: HTMLElement | null) => (el && el.isConnected && el.offsetParent !== null ? el : null);

/**
 * Where the focus can be given back: the opener itself, or the control that replaced it (same test id or id) after
 * a reload of the list; never a hidden one (saving may have opened another screen, the list kept hidden behind it).
 */
function findOpener(opener: HTMLElement): HTMLElement | null {
  if (opener.isConnected) return shown(opener);
  const testId = opener.getAttribute('data-testid');
  if (testId) return shown(document.querySelector<HTMLElement>(`[data-testid="${CSS.escape(testId)}"]`));
  return opener.id ? shown(document.getElementById(opener.id)) : null;
}

const focusLost = () => {
  const now = document.activeElement;
  return !now || now === document.body || !now.isConnected || !!now.closest('.ant-modal-wrap');
};

/**
 * Gives the focus back to the control that had it when a dialog appeared (the button that opened it), when the
 * dialog goes away. antd's Modal does this only when it closes while still mounted; most of our dialogs are
 * unmounted on close (`{editing && <Form …/>}`), and the list behind them often reloads and redraws that button, so
 * the focus would fall to the page's body and a keyboard user would start again from the top. Tried for a moment
 * after the dialog goes; nothing happens when the user has since put the focus elsewhere.
 */
export function useReturnFocus() {
  // read while rendering, before the dialog's own effects move the focus into it
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null));
  useEffect(
    () => () => {
      if (!opener) return;
      const until = Date.now() + 1500;
      const tryFocus = () => {
        if (!focusLost()) return;
        const target = findOpener(opener);
        if (target) target.focus();
        if (Date.now() < until) setTimeout(tryFocus, 50);
      };
      setTimeout(tryFocus, 0);
    },
    [opener],
  );
}
