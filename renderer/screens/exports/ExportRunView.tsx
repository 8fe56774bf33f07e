import { registerTables, type RegisterTable } from '../../../shared/vocabulary';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatNumber } from '../../format';
import type { ExportProgressDto } from '../../../shared/dto/exports';
import type { ExportRun } from './use-export-run';

/** Export problems a person can meet about the place chosen, in their language. */
const exportReasons = ['no_folder', 'is_folder', 'export_path_not_chosen', 'extension'] as const;
type ExportReason = (typeof exportReasons)[number] | 'writeFailed';
function exportReason(e: unknown): ExportReason | null {
  if (!(e instanceof ApiError)) return null;
  const { reason, field } = e.detail;
  if ((exportReasons as readonly unknown[]).includes(reason)) return reason as ExportReason;
  // The contract refuses a path that does not end in the format's extension before the core runs.
  if (reason === 'input_invalid' && field === 'out') return 'extension';
  // The core names a place it cannot write (EACCES, EROFS, EPERM…) `write_refused`; any other
  // failing write still reaches the renderer as `internal`: both say to choose another folder.
  if (reason === 'write_refused' || e.code === 'internal') return 'writeFailed';
  return null;
}

/** The file name at the end of a path, whichever separator the system uses. */
const fileName = (path: string) => path.split(/[\\/]/).pop() ?? path;

/** A bundle's stages as the core names them (db/export/subject-data.ts, bundle.ts). */
const bundleStages = ['contact', 'organisation', 'sensitiveExtras', 'participations', 'consents', 'photoPreferences', 'systems', 'sharing', 'requests', 'auditEvents', 'processing', 'files'] as const;
type BundleStage = (typeof bundleStages)[number];

/** What the core is doing, in words: a register's name or a bundle's stage; a label this version does not know says "Writing…". */
function useDoing(): (progress: ExportProgressDto | null) => string {
  const { t } = useTranslation();
  return (progress) => {
    const label = progress?.running ? progress.label : null;
    if (progress?.kind === 'register') {
      if ((registerTables as readonly unknown[]).includes(label)) return t('exports.run.writingWhat', { what: t(`exports.registers.${label as RegisterTable}.name`) });
      if (label === 'mailingList') return t('exports.run.writingWhat', { what: t('consents.mailing.title') });
    }
    if (progress?.kind === 'subject' && (bundleStages as readonly unknown[]).includes(label)) return t(`exports.run.stages.${label as BundleStage}`);
    return t('exports.run.writing');
  };
}

function RunState({ run }: { run: ExportRun }) {
  const { t } = useTranslation();
  const doing = useDoing();
  const { state } = run;
  if (state.phase === 'running') {
    const progress = state.progress?.running ? state.progress : null;
    const measured = progress && progress.total > 0 ? progress : null;
    const cancelling = state.cancel === 'cancelling';
    return (
      <div className="export-run" data-testid="export-progress">
        <div className="import-progress__label" role="status">
          <span>{cancelling ? t('exports.run.cancelling') : doing(progress)}</span>
          {measured && <span className="muted small">{t('exports.run.count', { done: formatNumber(measured.done), total: formatNumber(measured.total) })}</span>}
        </div>
        {/* Without a value the bar is indeterminate: the total is not known yet. */}
        <progress className="import-progress__bar" aria-label={t('exports.run.label')} max={measured?.total} value={measured?.done} />
        <p className="muted small">{t('exports.run.savingTo', { path: state.path })}</p>
        {state.cancel === 'missed' && (
          <p className="muted small" role="status" data-testid="export-cancel-missed">
            {t('exports.run.cancelMissed')}
          </p>
        )}
        <div>
          <button type="button" className="button button--secondary" onClick={run.cancel} disabled={state.cancel === 'asking' || cancelling}>
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

/** The running export's bar and cancel button, then what came of it; and why nothing can start while another export runs. */
export function ExportRunView({ run }: { run: ExportRun }) {
  const { t } = useTranslation();
  return (
    <>
      <RunState run={run} />
      {run.elsewhere && (
        <p className="message message--info" role="status" data-testid="export-elsewhere">
          {t('exports.run.elsewhere')}
        </p>
      )}
    </>
  );
}
