import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { ExportProgressDto, ExportResultDto } from '../../../shared/dto/exports';
import { api } from '../../api';
import { chooseExportPath } from '../../export-path';

const POLL_MS = 250;

/**
 * What became of the cancel button: `asking` until the core answers, `cancelling` when it
 * will stop at its next step, `missed` when it had nothing to stop (the export was
 * finishing, or had not reached the core yet): the export then goes on and ends normally.
 */
export type CancelState = 'none' | 'asking' | 'cancelling' | 'missed';

export type ExportRunState =
  | { phase: 'idle' }
  | { phase: 'choosing' }
  /** The shell has no way to choose a place (should not happen: the preview has its folder). */
  | { phase: 'unavailable' }
  | { phase: 'running'; path: string; progress: ExportProgressDto | null; cancel: CancelState }
  | { phase: 'done'; result: Extract<ExportResultDto, { outcome: 'written' }> }
  | { phase: 'cancelled' }
  | { phase: 'error'; error: unknown };

export interface ExportRun {
  state: ExportRunState;
  /** This flow is choosing a place or writing. */
  busy: boolean;
  /** Another flow's export is still being written (maybe from a screen since left). */
  elsewhere: boolean;
  /** Asks where to save, then runs `write(out)` while polling the core's progress. */
  start(suggestedName: string, write: (out: string) => Promise<ExportResultDto>): Promise<void>;
  cancel(): void;
  reset(): void;
}

/**
 * The app's one export at a time. The core runs exports one after another, and its
 * progress and cancel calls are about whichever one runs: a second flow started meanwhile
 * would wait behind the first while showing (and cancelling) the first one's progress. So
 * a flow holds this until its export call has settled — even after its screen was left —
 * and every other flow says an export is running instead of starting one.
 */
let holder: symbol | null = null;
const listeners = new Set<() => void>();
const setHolder = (next: symbol | null) => {
  holder = next;
  for (const l of listeners) l();
};
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};
const currentHolder = () => holder;

/**
 * One export from the save dialog to its result. The core answers `exports.progress` while
 * the export runs (that method is not queued behind it), so the bar moves as rows are
 * written, and `exports.cancel` stops it with nothing left at the target. Polling stops
 * when the flow's screen or dialog goes away; the export itself runs to its end.
 */
export function useExportRun(): ExportRun {
  const [me] = useState(() => Symbol('export run'));
  const active = useSyncExternalStore(subscribe, currentHolder);
  const [state, setState] = useState<ExportRunState>({ phase: 'idle' });
  const mounted = useRef(true);
  const stopPolling = useRef<() => void>(() => undefined);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      stopPolling.current();
    };
  }, []);
  const update = useCallback((next: ExportRunState | ((s: ExportRunState) => ExportRunState)) => {
    if (mounted.current) setState(next);
  }, []);

  const start = useCallback(
    async (suggestedName: string, write: (out: string) => Promise<ExportResultDto>) => {
      if (holder !== null) return;
      setHolder(me);
      let timer: ReturnType<typeof setTimeout> | undefined;
      let polling = true;
      stopPolling.current = () => {
        polling = false;
        clearTimeout(timer);
      };
      try {
        update({ phase: 'choosing' });
        const chosen = await chooseExportPath(suggestedName);
        if (chosen.kind !== 'chosen') {
          update(chosen.kind === 'unavailable' ? { phase: 'unavailable' } : { phase: 'idle' });
          return;
        }
        update({ phase: 'running', path: chosen.path, progress: null, cancel: 'none' });
        const poll = async () => {
          if (!polling) return;
          try {
            const progress = await api.call('exports.progress', {});
            if (polling) update((s) => (s.phase === 'running' ? { ...s, progress, cancel: progress.cancelling ? 'cancelling' : s.cancel } : s));
          } catch {
            // The export's own call reports what went wrong; the bar only stops moving.
          }
          if (polling) timer = setTimeout(() => void poll(), POLL_MS);
        };
        void poll();
        const result = await write(chosen.path);
        stopPolling.current();
        update(result.outcome === 'written' ? { phase: 'done', result } : { phase: 'cancelled' });
      } catch (error) {
        update({ phase: 'error', error });
      } finally {
        stopPolling.current();
        stopPolling.current = () => undefined;
        setHolder(null);
      }
    },
    [me, update],
  );

  const cancel = useCallback(() => {
    // Only the flow whose export runs may stop it: the core's cancel stops whichever runs.
    if (holder !== me) return;
    update((s) => (s.phase === 'running' ? { ...s, cancel: 'asking' } : s));
    api.call('exports.cancel', {}).then(
      ({ cancelling }) => update((s) => (s.phase === 'running' && s.cancel !== 'cancelling' ? { ...s, cancel: cancelling ? 'cancelling' : 'missed' } : s)),
      () => update((s) => (s.phase === 'running' && s.cancel === 'asking' ? { ...s, cancel: 'missed' } : s)),
    );
  }, [me, update]);

  const reset = useCallback(() => update({ phase: 'idle' }), [update]);
  const busy = state.phase === 'choosing' || state.phase === 'running';
  return { state, busy, elsewhere: active !== null && active !== me, start, cancel, reset };
}
