import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { AuthLayout } from '../components/AuthLayout';
import { ErrorMessage, Problem } from '../components/ErrorMessage';
import { TextField } from '../components/Field';
import { Icon } from '../components/Icon';
import { NewPassphraseFields } from '../components/NewPassphraseFields';
import { describeProblem } from '../errors';
import { newPassphraseProblem } from '../passphrase-strength';
import { useStore } from '../store';
import { useFormProblem } from '../use-form-problem';
import { useTask } from '../use-task';

/** First run: no vault in the folder yet. */
export function CreateVault() {
  const { t } = useTranslation();
  const vaultDir = useStore((s) => s.status?.vaultDir ?? '');
  const createVault = useStore((s) => s.createVault);
  const chooseFolder = useStore((s) => s.chooseFolder);
  const [staffName, setStaffName] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const create = useTask(createVault);
  const { problem, setProblem, edited } = useFormProblem(create.clearError);
  const choose = useTask(chooseFolder);
  const errorId = useId();
  const desktop = api.kind === 'desktop';

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const name = staffName.trim();
    const found = name ? newPassphraseProblem(passphrase, confirmation, [name]) : null;
    const text = !name ? t('errors.nameRequired') : found ? describeProblem(found, t) : null;
    setProblem(text);
    if (!text) void create.run({ passphrase, staffName: name });
  };

  return (
    <AuthLayout>
      <form className="card auth-card" onSubmit={onSubmit} noValidate aria-busy={create.pending}>
        <h1 className="auth-card__title">{t('create.title')}</h1>
        <p className="lead">{t('create.intro')}</p>

        <div className="field">
          <span className="field__label" id={`${errorId}-folder`}>
            {t('create.folderLabel')}
          </span>
          <p className="field__help">{desktop ? t('create.folderHelpDesktop') : t('create.folderHelpPreview')}</p>
          <div className="folder-row">
            <Icon name="folder" />
            <output className="folder-row__path" aria-labelledby={`${errorId}-folder`} data-testid="vault-folder">
              {vaultDir}
            </output>
            {desktop && (
              <button type="button" className="button button--secondary" onClick={() => void choose.run('create')} disabled={choose.pending}>
                {t('create.chooseFolder')}
              </button>
            )}
          </div>
          <ErrorMessage error={choose.error} />
        </div>

        <TextField label={t('create.nameLabel')} help={t('create.nameHelp')} value={staffName} onChange={edited(setStaffName)} autoComplete="name" maxLength={120} required autoFocus />
        <NewPassphraseFields
          label={t('create.passphraseLabel')}
          confirmLabel={t('create.confirmLabel')}
          value={passphrase}
          confirmation={confirmation}
          onChange={edited(setPassphrase)}
          onConfirmationChange={edited(setConfirmation)}
          userInputs={staffName.trim() ? [staffName.trim()] : []}
          errorId={problem || create.error ? errorId : undefined}
        />

        <Problem text={problem} id={errorId} />
        {!problem && <ErrorMessage error={create.error} id={errorId} />}

        <div className="form-actions">
          <button type="submit" className="button button--primary button--large" disabled={create.pending}>
            {create.pending ? t('create.submitting') : t('create.submit')}
          </button>
        </div>
      </form>
    </AuthLayout>
  );
}
