/**
 * The renderer's half of auto-lock. The core decides when to lock (idle minutes from the
 * settings); the window only reports activity that made no API call, and notices a lock
 * that happened elsewhere (idle timer, OS lock, suspend, another window) by polling.
 */
import { useEffect } from 'react';
import { api } from './api';
import { useStore } from './store';

const TOUCH_INTERVAL_MS = 30_000;
const POLL_INTERVAL_MS = 10_000;

export function useActivityReporting(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    let last = 0;
    const report = () => {
      const now = Date.now();
      if (now - last < TOUCH_INTERVAL_MS) return;
      last = now;
      // A `locked` answer reaches the store through api.onLocked; nothing else to do here.
      api.call('vault.touch', {}).catch(() => undefined);
    };
    window.addEventListener('keydown', report, { capture: true, passive: true });
    window.addEventListener('pointerdown', report, { capture: true, passive: true });
    return () => {
      window.removeEventListener('keydown', report, { capture: true });
      window.removeEventListener('pointerdown', report, { capture: true });
    };
  }, [active]);
}

export function useStatusPolling(): void {
  const refreshStatus = useStore((s) => s.refreshStatus);
  useEffect(() => {
    void refreshStatus();
    const id = window.setInterval(() => void refreshStatus(), POLL_INTERVAL_MS);
    // Coming back to a hidden tab or a woken laptop: check at once rather than in 10 s.
    const onVisible = () => {
      if (document.visibilityState === 'visible') void refreshStatus();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(id);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [refreshStatus]);
}
