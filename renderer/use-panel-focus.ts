import { useEffect } from 'react';
import { useStore } from './store';

/** About two seconds of frames: long enough for a panel waiting on its data, short enough not to jump later. */
const MAX_FRAMES = 120;

/**
 * Brings the panel `navigate(route, focusPanel)` named into view and gives it the focus,
 * once it is on the page (some panels appear only when their data has come). It runs
 * after the screen's own title took the focus, so a keyboard user lands on the panel.
 */
export function usePanelFocus(): void {
  const route = useStore((s) => s.route);
  const focusPanel = useStore((s) => s.focusPanel);
  useEffect(() => {
    if (!focusPanel) return;
    let frames = 0;
    let handle = 0;
    const tryFocus = () => {
      const el = document.getElementById(focusPanel);
      if (!el) {
        if (++frames < MAX_FRAMES) handle = requestAnimationFrame(tryFocus);
        return;
      }
      if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
      el.scrollIntoView({ block: 'start' });
      el.focus({ preventScroll: true });
    };
    handle = requestAnimationFrame(tryFocus);
    return () => cancelAnimationFrame(handle);
  }, [route, focusPanel]);
}
