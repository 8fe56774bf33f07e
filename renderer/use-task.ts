import { useCallback, useRef, useState } from 'react';

export interface Task<A extends unknown[]> {
  run: (...args: A) => Promise<boolean>;
  pending: boolean;
  error: unknown;
  clearError: () => void;
}

/**
 * Runs a user-started action (a form submit, a button) and keeps its pending flag and
 * error for the form to show. Resolves true on success so the form can reset itself.
 */
export function useTask<A extends unknown[]>(action: (...args: A) => Promise<unknown>): Task<A> {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const running = useRef(false);
  const run = useCallback(
    async (...args: A) => {
      // A double click must not send the same request twice (e.g. create two vaults).
      if (running.current) return false;
      running.current = true;
      setPending(true);
      setError(null);
      try {
        await action(...args);
        return true;
      } catch (e) {
        setError(e);
        return false;
      } finally {
        running.current = false;
        setPending(false);
      }
    },
    [action],
  );
  const clearError = useCallback(() => setError(null), []);
  return { run, pending, error, clearError };
}
