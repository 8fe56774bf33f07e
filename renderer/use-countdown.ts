import { useCallback, useEffect, useState } from 'react';

interface Clock {
  deadline: number;
  now: number;
}

/**
 * A live countdown in whole seconds (for the wait after failed unlocks). `start` is called
 * from event handlers; the optional initial value covers a wait already running when the
 * screen opens.
 */
export function useCountdown(initialSeconds = 0): { remaining: number; start: (seconds: number) => void } {
  const [clock, setClock] = useState<Clock | null>(() => {
    if (initialSeconds <= 0) return null;
    const now = Date.now();
    return { deadline: now + initialSeconds * 1000, now };
  });

  const start = useCallback((seconds: number) => {
    const now = Date.now();
    setClock(seconds > 0 ? { deadline: now + seconds * 1000, now } : null);
  }, []);

  const running = clock !== null && clock.now < clock.deadline;
  useEffect(() => {
    if (!running) return;
    const id = window.setInterval(() => setClock((c) => (c ? { ...c, now: Date.now() } : c)), 250);
    return () => window.clearInterval(id);
  }, [running]);

  const remaining = clock ? Math.max(0, Math.ceil((clock.deadline - clock.now) / 1000)) : 0;
  return { remaining, start };
}
