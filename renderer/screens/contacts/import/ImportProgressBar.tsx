import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportProgressDto } from '../../../../shared/dto/index';
import { api } from '../../../api';
import { formatNumber } from '../../../format';

const POLL_MS = 250;
/** Most previews are over before this: no bar flashes by for them. */
const SHOW_AFTER_MS = 400;

/**
 * The core's progress of the running preview or commit, asked again a moment after each
 * answer; null until the work has lasted long enough to be worth showing.
 */
function useImportProgress(active: boolean): { progress: ImportProgressDto | null } | null {
  const [state, setState] = useState<{ progress: ImportProgressDto | null } | null>(null);
  useEffect(() => {
    if (!active) return;
    let stopped = false;
    let latest: ImportProgressDto | null = null;
    let shown = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const reveal = setTimeout(() => {
      shown = true;
      setState({ progress: latest });
    }, SHOW_AFTER_MS);
    const ask = async () => {
      try {
        latest = await api.call('contacts.importProgress', {});
        if (!stopped && shown) setState({ progress: latest });
      } catch {
        // The import's own call reports what went wrong; the bar only stops moving.
      }
      if (!stopped) timer = setTimeout(() => void ask(), POLL_MS);
    };
    void ask();
    return () => {
      stopped = true;
      clearTimeout(reveal);
      clearTimeout(timer);
      setState(null);
    };
  }, [active]);
  return active ? state : null;
}

export function ImportProgressBar({ active }: { active: boolean }) {
  const { t } = useTranslation();
  const state = useImportProgress(active);
  if (!state) return null;
  const running = state.progress?.running && state.progress.phase ? state.progress : null;
  const measured = running && running.total > 0 ? running : null;
  return (
    <div className="import-progress" data-testid="import-progress">
      <div className="import-progress__label" role="status">
        <span>{running?.phase ? t(`import.progress.${running.phase}`) : t('import.progress.working')}</span>
        {measured && <span className="muted small">{t('import.progress.count', { done: formatNumber(measured.done), total: formatNumber(measured.total) })}</span>}
      </div>
      {/* Without a value the bar is indeterminate: the core does not know the total yet. */}
      <progress className="import-progress__bar" aria-label={t('import.progress.label')} max={measured?.total} value={measured?.done} />
    </div>
  );
}
