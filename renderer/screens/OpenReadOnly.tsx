import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Problem } from '../components/ErrorMessage';
import { PassphraseField, TextField } from '../components/Field';
import { Icon } from '../components/Icon';
import { useStore } from '../store';
import { useTask } from '../use-task';
import { ChoiceGroup } from './exports/ChoiceGroup';

type Source = 'vault' | 'backup';

/**
 * Signing in to look only, offered by the unlock screen: this vault, or a backup copy whose
 * folder the person pastes (as for a restore: the backups folder is unreadable while locked).
 */
export function OpenReadOnly({ onBack }: { onBack: () => void }) {
  const { t } = useTranslation();
  const openReadOnly = useStore((s) => s.openReadOnly);
  const [source, setSource] = useState<Source>('backup');
  const [folder, setFolder] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const open = useTask(() => openReadOnly(passphrase, source === 'backup' ? folder.trim() : undefined));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (source === 'backup' && !folder.trim()) return setProblem(t('readOnly.folderRequired'));
    if (!passphrase) return setProblem(t('errors.blank'));
    setProblem(null);
    void open.run();
  };
  const choices = (['backup', 'vault'] as const).map((value) => ({
    value,
    name: t(value === 'vault' ? 'readOnly.sourceVault' : 'readOnly.sourceBackup'),
    help: t(value === 'vault' ? 'readOnly.sourceVaultHelp' : 'readOnly.sourceBackupHelp'),
  }));
  return (
    <form className="card auth-card" onSubmit={submit} noValidate aria-busy={open.pending} data-testid="open-read-only">
      <div className="auth-card__icon">
        <Icon name="audit" />
      </div>
      <h1 className="auth-card__title">{t('readOnly.title')}</h1>
      <p className="lead">{t('readOnly.intro')}</p>
      <ChoiceGroup legend={t('readOnly.source')} group="read-only-source" choices={choices} value={source} onChange={setSource} disabled={open.pending} />
      {source === 'backup' && <TextField label={t('readOnly.folder')} help={t('readOnly.folderHelp')} value={folder} onChange={setFolder} spellCheck={false} autoComplete="off" autoFocus />}
      <PassphraseField
        label={t('readOnly.passphrase')}
        help={t(source === 'vault' ? 'readOnly.passphraseHelpVault' : 'readOnly.passphraseHelpBackup')}
        value={passphrase}
        onChange={setPassphrase}
        autoComplete="current-password"
      />
      <Problem text={problem} />
      <ErrorMessage error={open.error} />
      <div className="form-actions form-actions--stack">
        <button type="submit" className="button button--primary button--large button--block" disabled={open.pending}>
          {open.pending ? t('readOnly.submitting') : t('readOnly.submit')}
        </button>
        <button type="button" className="link-button" onClick={onBack} disabled={open.pending}>
          {t('readOnly.back')}
        </button>
      </div>
    </form>
  );
}
