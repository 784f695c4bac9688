import { useEffect, useRef } from 'react';

/** No control has the focus, or the one that has it is no longer shown (a dialog of a screen now hidden). */
const lost = () => {
  const now = document.activeElement as HTMLElement | null;
  if (!now || now === document.body || !now.isConnected) return true;
  return typeof now.checkVisibility === 'function' ? !now.checkVisibility() : now.getClientRects().length === 0;
};

/** The visible page's first heading (kept-alive screens stay in the page, hidden), else the main region itself. */
function pageHeading(main: HTMLElement): HTMLElement | null {
  for (const h of main.querySelectorAll<HTMLElement>('h1, h2, h3')) if (h.offsetParent !== null) return h;
  return null;
}

/**
 * After a change of screen, a keyboard or screen-reader user whose focus was lost (it was on a button or a dialog
 * that went away with the old screen: a record created opens its own page) finds it on the new screen's heading,
 * not back at the top of the document. A focus still on a control (the side menu link just used) is left alone.
 */
export function useFocusOnNavigate(pathname: string, mainRef: React.RefObject<HTMLElement | null>) {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const until = Date.now() + 3000;
    let timer = 0;
    const tryFocus = () => {
      const main = mainRef.current;
      const target = main && lost() ? pageHeading(main) : null;
      if (target) {
        if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
        target.focus({ preventScroll: true });
      }
      // Watched for a moment: the old screen's dialog lets the focus go only when its closing animation ends (and then
      // drops it on the hidden button that opened it), and the new screen may still be loading its heading.
      if (Date.now() < until) timer = window.setTimeout(tryFocus, 50);
    };
    // the user acting (a key, a click) ends the watch: from then on the focus is theirs to move
    const stop = () => window.clearTimeout(timer);
    window.addEventListener('keydown', stop, true);
    window.addEventListener('pointerdown', stop, true);
    timer = window.setTimeout(tryFocus, 0);
    return () => {
      stop();
      window.removeEventListener('keydown', stop, true);
      window.removeEventListener('pointerdown', stop, true);
    };
  }, [pathname, mainRef]);
}
