import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportProgressDto } from '../../../../shared/dto';
import { api } from '../../../api';
import { formatNumber } from '../../../format';

const POLL_MS = 250;

/** The core's progress of the running preview or commit, asked again a moment after each answer. */
function useImportProgress(active: boolean): ImportProgressDto | null {
  const [progress, setProgress] = useState<ImportProgressDto | null>(null);
  useEffect(() => {
    if (!active) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = async () => {
      try {
        const answer = await api.call('contacts.importProgress', {});
        if (!stopped) setProgress(answer);
      } catch {
        // The import's own call reports what went wrong; the bar only goes quiet.
      }
      if (!stopped) timer = setTimeout(() => void ask(), POLL_MS);
    };
    void ask();
    return () => {
      stopped = true;
      clearTimeout(timer);
      setProgress(null);
    };
  }, [active]);
  return active ? progress : null;
}

/** Holds its place while idle, so the page does not jump each time a preview runs. */
export function ImportProgressBar({ active }: { active: boolean }) {
  const { t } = useTranslation();
  const progress = useImportProgress(active);
  const running = progress?.running && progress.phase ? progress : null;
  const measured = running && running.total > 0 ? running : null;
  return (
    <div className={active ? 'import-progress' : 'import-progress import-progress--idle'} aria-hidden={!active} data-testid="import-progress">
      <div className="import-progress__label" role="status">
        <span>{active ? t(running ? `import.progress.${running.phase!}` : 'import.progress.working') : ''}</span>
        {measured && <span className="muted small">{t('import.progress.count', { done: formatNumber(measured.done), total: formatNumber(measured.total) })}</span>}
      </div>
      {/* Without a value the bar is indeterminate: the core does not know the total yet. */}
      <progress className="import-progress__bar" aria-label={t('import.progress.label')} max={measured?.total} value={measured?.done} />
    </div>
  );
}
