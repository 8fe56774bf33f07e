import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ImportPreviewDto } from '../../../../shared/dto/index';
import { ErrorMessage, Success } from '../../../components/ErrorMessage';
import { formatNumber } from '../../../format';
import { safeFileName, saveTextFile, type SavedFile } from '../../../save-text-file';
import { useTask } from '../../../use-task';
import { importReportCsv } from '../../../../shared/import-report';

const SHOWN = 10;

const rowReasons = new Set([
  'email_invalid',
  'phone_invalid',
  'no_name_or_email',
  'country_unknown',
  'language_unknown',
  'too_long',
  'empty',
  'duplicate',
  'duplicate_name',
  'possible_duplicate',
  'same_contact',
  'unchanged',
  'unchanged_consent_recorded',
  'ragged_row',
  'consent_date_invalid',
  'consent_date_missing',
  'consent_answer_unknown',
]);

type Issue = Pick<ImportPreviewDto['issues'][number], 'reasons'>;

// A reason this screen does not know yet (a newer core) is still given, in the core's words.
const reasonText = (t: TFunction) => (issue: Issue) => issue.reasons.map((r) => (rowReasons.has(r.reason) ? t(`import.reasons.${r.reason as 'empty'}`) : r.message)).join(' ');

/** The report in the user's language: column titles, statuses and reasons; the file's own cells as they were. */
function translatedReport(preview: ImportPreviewDto, t: TFunction): string {
  return importReportCsv(preview.report, {
    row: t('import.problems.row'),
    status: t('import.problems.status'),
    reason: t('import.problems.reason'),
    extraCells: t('import.problems.extraCells'),
    statusText: (status) => t(`import.status.${status}`),
    reasonText: reasonText(t),
  });
}

function DownloadReport({ preview, fileName }: { preview: ImportPreviewDto; fileName: string }) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState<SavedFile | null>(null);
  const save = useTask(async () => {
    setSaved(null);
    setSaved(await saveTextFile(t('import.problems.fileName', { name: safeFileName(fileName, 'import') }), translatedReport(preview, t)));
  });
  const done = saved?.kind === 'saved' ? t('import.problems.saved', { path: saved.path }) : saved?.kind === 'downloaded' ? t('import.problems.downloaded') : null;
  return (
    <>
      <button type="button" className="button button--secondary" onClick={() => void save.run()} disabled={save.pending}>
        {t('import.problems.download')}
      </button>
      <ErrorMessage error={save.error} />
      <Success text={done} />
    </>
  );
}

/** The first rows that will be left out, why, and the full list as a CSV to fix them in. */
export function ImportProblems({ preview, fileName }: { preview: ImportPreviewDto; fileName: string }) {
  const { t } = useTranslation();
  if (preview.issues.length === 0) return null;
  const total = preview.counts.skipped + preview.counts.invalid;
  const more = total - Math.min(SHOWN, preview.issues.length);
  return (
    <div className="import-problems" data-testid="import-problems">
      <h3 className="panel__subtitle">{t('import.problems.title')}</h3>
      <p className="panel__intro">{t('import.problems.intro')}</p>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('import.problems.row')}</th>
              <th scope="col">{t('import.problems.status')}</th>
              <th scope="col">{t('import.problems.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.issues.slice(0, SHOWN).map((issue) => (
              <tr key={issue.row}>
                <td className="import-problems__row">
                  {formatNumber(issue.row)}
                  {/* Differs only after a cell that spans several lines (a comment with line breaks). */}
                  {issue.line !== issue.row && <span className="muted small"> ({t('import.problems.lineHint', { line: formatNumber(issue.line) })})</span>}
                </td>
                <td>
                  <span className={issue.status === 'invalid' ? 'badge badge--alert' : 'badge badge--neutral'}>
                    {t(issue.status === 'invalid' ? 'import.status.invalid' : 'import.status.skipped')}
                  </span>
                </td>
                <td>{reasonText(t)(issue)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {more > 0 && <p className="muted small">{t('import.problems.more', { count: more })}</p>}
      <DownloadReport preview={preview} fileName={fileName} />
    </div>
  );
}
