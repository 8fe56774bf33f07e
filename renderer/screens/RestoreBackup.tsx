import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RestoreReportDto } from '../../shared/dto/backup';
import { api } from '../api';
import { ErrorMessage, Problem } from '../components/ErrorMessage';
import { PassphraseField, TextField } from '../components/Field';
import { Icon } from '../components/Icon';
import { formatDateMinute, formatDay, formatNumber } from '../format';
import { useTask } from '../use-task';

/** Enough of a 64-hex pseudonym to tell two apart on screen; the whole one is its title. */
const shortId = (id: string) => id.slice(0, 12);

/** What the restore did: which backup, the erasures carried out again, where the replaced vault went. */
function Report({ report, onDone }: { report: RestoreReportDto; onDone: () => void }) {
  const { t } = useTranslation();
  const n = report.reapplied.length;
  return (
    <div className="card auth-card" data-testid="restore-report">
      <div className="auth-card__icon">
        <Icon name="check" />
      </div>
      <h1 className="auth-card__title">{t('restore.doneTitle')}</h1>
      <p className="message message--success" role="status">
        {t('restore.done', { name: report.backup, date: formatDateMinute(report.createdAt) })}
      </p>
      <h2 className="section-title">{t('restore.reappliedTitle')}</h2>
      {n === 0 ? (
        <p className="muted">{t('restore.noneReapplied')}</p>
      ) : (
        <>
          <p data-testid="restore-reapplied">{t('restore.reapplied', { count: n, formatted: formatNumber(n) })}</p>
          <ul className="plain-list">
            {report.reapplied.map((r) => (
              <li key={`${r.kind}-${r.erasure}`}>
                <code title={r.erasure}>{shortId(r.erasure)}</code> — {t(`restore.kinds.${r.kind}`, { day: formatDay(r.on, false), what: r.category ? t(`sensitive.categories.${r.category}`) : '' })}
              </li>
            ))}
          </ul>
        </>
      )}
      {!report.integrity.ok && (
        <p className="message message--warning" role="alert">
          {t('restore.integrityProblem', {
            checks: report.integrity.checks
              .filter((c) => !c.ok)
              .map((c) => c.name)
              .join(', '),
          })}
        </p>
      )}
      <h2 className="section-title">{t('restore.keptAsideTitle')}</h2>
      <p className="small">{t('restore.keptAside')}</p>
      <ul className="plain-list" data-testid="restore-kept-aside">
        <li>
          <code>{report.keptAsideAs.db}</code>
        </li>
        <li>
          <code>{report.keptAsideAs.keys}</code>
        </li>
      </ul>
      <div className="form-actions form-actions--stack">
        <button type="button" className="button button--primary button--large button--block" onClick={onDone} autoFocus>
          {t('restore.unlock')}
        </button>
      </div>
    </div>
  );
}

/**
 * Restoring a backup, offered by the unlock screen since it runs only while the vault is
 * locked. The backups folder is in the vault's settings, unreadable while locked, so the
 * person pastes the path the Backups screen showed them.
 */
export function RestoreBackup({ onBack }: { onBack: () => void }) {
  const { t } = useTranslation();
  const [folder, setFolder] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [report, setReport] = useState<RestoreReportDto | null>(null);
  const restore = useTask(async () => setReport(await api.call('vault.restore', { folder: folder.trim(), passphrase })));

  if (report) return <Report report={report} onDone={onBack} />;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!folder.trim()) return setProblem(t('restore.folderRequired'));
    if (!passphrase) return setProblem(t('errors.blank'));
    setProblem(null);
    void restore.run();
  };
  return (
    <form className="card auth-card" onSubmit={submit} noValidate aria-busy={restore.pending}>
      <div className="auth-card__icon">
        <Icon name="backups" />
      </div>
      <h1 className="auth-card__title">{t('restore.title')}</h1>
      <p className="lead">{t('restore.intro')}</p>
      <TextField label={t('restore.folder')} help={t('restore.folderHelp')} value={folder} onChange={setFolder} spellCheck={false} autoComplete="off" autoFocus />
      <PassphraseField label={t('restore.passphrase')} help={t('restore.passphraseHelp')} value={passphrase} onChange={setPassphrase} autoComplete="current-password" />
      <Problem text={problem} />
      <ErrorMessage error={restore.error} />
      <div className="form-actions form-actions--stack">
        <button type="submit" className="button button--primary button--large button--block" disabled={restore.pending}>
          {restore.pending ? t('restore.submitting') : t('restore.submit')}
        </button>
        <button type="button" className="link-button" onClick={onBack} disabled={restore.pending}>
          {t('restore.back')}
        </button>
      </div>
    </form>
  );
}
