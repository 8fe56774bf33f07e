import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { ImportProgressBar } from './ImportProgressBar';
import type { ContactImport } from './use-contact-import';

/** The Import button, held back while invalid rows would be lost without the user saying so. */
export function ImportCommit({ imp }: { imp: ContactImport }) {
  const { t } = useTranslation();
  const counts = imp.preview!.counts;
  const toWrite = counts.new + counts.update;
  const consents = counts.grants + counts.withdrawals;
  const blocked = counts.invalid > 0 && !imp.skipInvalid;
  const conflict = imp.commitError instanceof ApiError && imp.commitError.code === 'conflict';
  return (
    <div className="import-commit">
      {counts.invalid > 0 && toWrite > 0 && (
        <label className="checkbox">
          <input type="checkbox" checked={imp.skipInvalid} onChange={(e) => imp.setSkipInvalid(e.target.checked)} />
          <span>{t('import.commit.skipInvalid', { count: counts.invalid })}</span>
        </label>
      )}
      {toWrite + consents === 0 ? (
        <p className="message message--warning">{t('import.commit.nothing')}</p>
      ) : (
        <>
          {blocked && <p className="field__help">{t('import.commit.blocked')}</p>}
          <p className="field__help">{t('import.commit.allOrNothing')}</p>
          <button type="button" className="button button--primary button--large" onClick={() => void imp.commit()} disabled={blocked || conflict || imp.committing || imp.checking}>
            {toWrite > 0 ? t('import.commit.button', { count: toWrite }) : t('import.commit.consentsButton', { count: consents })}
          </button>
          <ImportProgressBar active={imp.committing} />
        </>
      )}
      <ErrorMessage error={imp.commitError} />
      {conflict && (
        <button type="button" className="button button--primary" onClick={imp.recheck}>
          {t('import.commit.previewAgain')}
        </button>
      )}
    </div>
  );
}
