import { useCallback, useEffect, useRef, useState } from 'react';
import type { ExportProgressDto, ExportResultDto } from '../../../shared/dto-exports';
import { api } from '../../api';
import { chooseExportPath } from '../../export-path';

const POLL_MS = 250;

export type ExportRunState =
  | { phase: 'idle' }
  | { phase: 'choosing' }
  /** The shell has no way to choose a place (should not happen: the preview has its folder). */
  | { phase: 'unavailable' }
  | { phase: 'running'; path: string; progress: ExportProgressDto | null; cancelling: boolean }
  | { phase: 'done'; result: Extract<ExportResultDto, { outcome: 'written' }> }
  | { phase: 'cancelled' }
  | { phase: 'error'; error: unknown };

export interface ExportRun {
  state: ExportRunState;
  busy: boolean;
  /** Asks where to save, then runs `write(out)` while polling the core's progress. */
  start(suggestedName: string, write: (out: string) => Promise<ExportResultDto>): Promise<void>;
  cancel(): void;
  reset(): void;
}

/**
 * One export from the save dialog to its result. The core answers `exports.progress` while
 * the export runs (that method is not queued behind it), so the bar moves as rows are
 * written, and `exports.cancel` stops it with nothing left at the target.
 */
export function useExportRun(): ExportRun {
  const [state, setState] = useState<ExportRunState>({ phase: 'idle' });
  const running = useRef(false);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const update = useCallback((next: ExportRunState | ((s: ExportRunState) => ExportRunState)) => {
    if (mounted.current) setState(next);
  }, []);

  const start = useCallback(
    async (suggestedName: string, write: (out: string) => Promise<ExportResultDto>) => {
      if (running.current) return;
      running.current = true;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let polling = true;
      try {
        update({ phase: 'choosing' });
        const chosen = await chooseExportPath(suggestedName);
        if (chosen.kind !== 'chosen') {
          update(chosen.kind === 'unavailable' ? { phase: 'unavailable' } : { phase: 'idle' });
          return;
        }
        update({ phase: 'running', path: chosen.path, progress: null, cancelling: false });
        const poll = async () => {
          try {
            const progress = await api.call('exports.progress', {});
            if (polling) update((s) => (s.phase === 'running' ? { ...s, progress, cancelling: s.cancelling || progress.cancelling } : s));
          } catch {
            // The export's own call reports what went wrong; the bar only stops moving.
          }
          if (polling) timer = setTimeout(() => void poll(), POLL_MS);
        };
        void poll();
        const result = await write(chosen.path);
        polling = false;
        update(result.outcome === 'written' ? { phase: 'done', result } : { phase: 'cancelled' });
      } catch (error) {
        update({ phase: 'error', error });
      } finally {
        polling = false;
        clearTimeout(timer);
        running.current = false;
      }
    },
    [update],
  );

  const cancel = useCallback(() => {
    update((s) => (s.phase === 'running' ? { ...s, cancelling: true } : s));
    api.call('exports.cancel', {}).catch(() => undefined);
  }, [update]);

  const reset = useCallback(() => update({ phase: 'idle' }), [update]);
  const busy = state.phase === 'choosing' || state.phase === 'running';
  return { state, busy, start, cancel, reset };
}
