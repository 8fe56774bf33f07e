import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Problem } from '../../../components/ErrorMessage';
import { ScreenTitle } from '../../../components/ScreenTitle';
import { MAX_IMPORT_BYTES } from '../../../../shared/import-format';
import { formatNumber } from '../../../format';
import { useStore } from '../../../store';
import { purposeName } from '../../consents/consent-words';
import { ColumnMapping } from './ColumnMapping';
import { ImportCommit } from './ImportCommit';
import { ImportCounts } from './ImportCounts';
import { ImportDone } from './ImportDone';
import { ImportProblems } from './ImportProblems';
import { ImportProgressBar } from './ImportProgressBar';
import { ReadOptions } from './ReadOptions';
import { useContactImport, type ContactImport } from './use-contact-import';

function fileSize(t: TFunction, bytes: number): string {
  return bytes < 1024 * 1024
    ? t('import.file.kilobytes', { size: formatNumber(Math.max(1, Math.round(bytes / 1024))) })
    : t('import.file.megabytes', { size: formatNumber(Math.round((bytes / 1024 / 1024) * 10) / 10) });
}

/** Step 1: the file. Choosing another one starts over. */
function ChooseFile({ imp }: { imp: ContactImport }) {
  const { t } = useTranslation();
  const problem = imp.fileProblem === 'tooLarge' ? t('import.file.tooLarge', { max: MAX_IMPORT_BYTES / 1024 / 1024 }) : imp.fileProblem === 'unreadable' ? t('import.file.unreadable') : null;
  return (
    <section className="panel import-step" aria-labelledby="import-step-file">
      <h2 className="panel__title" id="import-step-file">
        {t('import.steps.file')}
      </h2>
      <p className="field__help" id="import-file-help">
        {t('import.file.help')}
      </p>
      {/* The browser's own file input says "No file chosen" once reset; a button-like label says what to do instead. */}
      <div className="file-picker">
        <input
          id="import-file"
          className="file-picker__input"
          type="file"
          accept=".csv,.txt,text/csv"
          aria-describedby="import-file-help"
          onChange={(e) => {
            const picked = e.target.files?.[0];
            if (picked) void imp.choose(picked);
            // The same file chosen again (after fixing it) must fire a change too.
            e.target.value = '';
          }}
        />
        <label className={imp.file ? 'button button--secondary' : 'button button--primary'} htmlFor="import-file">
          {imp.file ? t('import.file.other') : t('import.file.label')}
        </label>
        <span className={imp.file ? 'value-line' : 'muted'} data-testid="import-file">
          {imp.file ? t('import.file.chosen', { name: imp.file.name, size: fileSize(t, imp.file.size) }) : t('import.file.none')}
        </span>
      </div>
      <Problem text={problem} />
      {!imp.preview && (
        <>
          <ImportProgressBar active={imp.checking} />
          <ErrorMessage error={imp.previewError} />
        </>
      )}
    </section>
  );
}

/** Step 4: the dry run's outcome and the Import button. */
function Outcome({ imp }: { imp: ContactImport }) {
  const { t } = useTranslation();
  return (
    <section className="panel import-step" aria-labelledby="import-step-result" aria-busy={imp.checking}>
      <h2 className="panel__title" id="import-step-result">
        {t('import.steps.result')}
      </h2>
      <ImportProgressBar active={imp.checking} />
      {imp.previewError ? (
        <ErrorMessage error={imp.previewError} />
      ) : (
        <>
          <ImportCounts preview={imp.preview!} purpose={imp.purpose ? purposeName(imp.purpose) : ''} />
          <ImportProblems preview={imp.preview!} fileName={imp.file!.name} />
          <ImportCommit imp={imp} />
        </>
      )}
    </section>
  );
}

/** Contacts from a CSV file, in one page: file, how it is read, columns, dry run, import. */
export function ImportContacts() {
  const { t } = useTranslation();
  const openContact = useStore((s) => s.openContact);
  const imp = useContactImport();
  return (
    <section className="screen screen--wide import">
      <p>
        <button type="button" className="link-button" onClick={() => openContact(null)}>
          ← {t('import.back')}
        </button>
      </p>
      <header className="screen__header">
        <ScreenTitle>{t('import.title')}</ScreenTitle>
        <p className="lead">{t('import.intro')}</p>
      </header>
      {imp.result && imp.file ? (
        <ImportDone result={imp.result} fileName={imp.file.name} mapping={imp.preview?.mapping ?? {}} purpose={imp.purpose ? purposeName(imp.purpose) : ''} onAnother={imp.restart} />
      ) : (
        <div className="import-steps">
          <ChooseFile imp={imp} />
          {imp.preview && imp.file && (
            <>
              <ReadOptions imp={imp} />
              <ColumnMapping imp={imp} />
              <Outcome imp={imp} />
            </>
          )}
        </div>
      )}
    </section>
  );
}
