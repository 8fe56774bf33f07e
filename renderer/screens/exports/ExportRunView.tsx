import { useTranslation } from 'react-i18next';
import { registerTables, type RegisterTable } from '../../../shared/api-exports';
import { ApiError } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatNumber } from '../../format';
import type { ExportRun } from './use-export-run';

/** Export problems a person can meet, in their language; others go through the app's usual messages. */
const exportReasons = ['no_folder', 'is_folder', 'export_path_not_chosen'] as const;
type ExportReason = (typeof exportReasons)[number];
const exportReason = (e: unknown): ExportReason | null =>
  e instanceof ApiError && (exportReasons as readonly unknown[]).includes(e.detail.reason) ? (e.detail.reason as ExportReason) : null;

/** The file name at the end of a path, whichever separator the system uses. */
const fileName = (path: string) => path.split(/[\\/]/).pop() ?? path;

/** What the core is gathering: a register's name, or a bundle's section as it calls it. */
function useLabel(): (label: string | null) => string | null {
  const { t } = useTranslation();
  return (label) => {
    if (!label) return null;
    if ((registerTables as readonly string[]).includes(label)) return t(`exports.registers.${label as RegisterTable}.name`);
    if (label === 'mailingList') return t('consents.mailing.title');
    return label;
  };
}

/** The running export's bar and cancel button, then what came of it. */
export function ExportRunView({ run }: { run: ExportRun }) {
  const { t } = useTranslation();
  const labelOf = useLabel();
  const { state } = run;
  if (state.phase === 'running') {
    const progress = state.progress?.running ? state.progress : null;
    const measured = progress && progress.total > 0 ? progress : null;
    const label = labelOf(progress?.label ?? null);
    return (
      <div className="export-run" data-testid="export-progress">
        <div className="import-progress__label" role="status">
          <span>{state.cancelling ? t('exports.run.cancelling') : label ? t('exports.run.writingWhat', { what: label }) : t('exports.run.writing')}</span>
          {measured && <span className="muted small">{t('exports.run.count', { done: formatNumber(measured.done), total: formatNumber(measured.total) })}</span>}
        </div>
        {/* Without a value the bar is indeterminate: the total is not known yet. */}
        <progress className="import-progress__bar" aria-label={t('exports.run.label')} max={measured?.total} value={measured?.done} />
        <p className="muted small">{t('exports.run.savingTo', { path: state.path })}</p>
        <div>
          <button type="button" className="button button--secondary" onClick={run.cancel} disabled={state.cancelling}>
            {t('exports.run.cancel')}
          </button>
        </div>
      </div>
    );
  }
  if (state.phase === 'done') {
    const { result } = state;
    const manifest = result.manifestPath ? fileName(result.manifestPath) : 'manifest.json';
    return (
      <div className="message message--success export-result" role="status" data-testid="export-result">
        <p>
          <strong>{t('exports.run.saved')}</strong> <span className="export-result__path">{result.path}</span>
        </p>
        <p>
          {result.manifestPath
            ? t('exports.run.rows', { count: result.rows, formatted: formatNumber(result.rows) })
            : t('exports.run.bundleRows', { count: result.rows, formatted: formatNumber(result.rows), files: formatNumber(result.files.length) })}
        </p>
        <p>{result.manifestPath ? t('exports.run.manifestBeside', { name: manifest }) : t('exports.run.manifestInside', { name: manifest })}</p>
      </div>
    );
  }
  if (state.phase === 'cancelled') {
    return (
      <p className="message message--warning" role="status" data-testid="export-cancelled">
        {t('exports.run.cancelled')}
      </p>
    );
  }
  if (state.phase === 'unavailable') {
    return (
      <p className="message message--warning" role="status">
        {t('exports.run.unavailable')}
      </p>
    );
  }
  if (state.phase === 'error') {
    const reason = exportReason(state.error);
    if (!reason) return <ErrorMessage error={state.error} />;
    return (
      <p className="message message--error" role="alert">
        {t(`exports.errors.${reason}`)}
      </p>
    );
  }
  return null;
}
