import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { AttemptFeedback, useGuardedAttempt } from '../components/AttemptFeedback';
import { AuthLayout } from '../components/AuthLayout';
import { ErrorMessage, Problem } from '../components/ErrorMessage';
import { PassphraseField } from '../components/Field';
import { Icon } from '../components/Icon';
import { useStore } from '../store';
import { useTask } from '../use-task';
import { OpenReadOnly } from './OpenReadOnly';
import { RecoveryKeyEntry } from './RecoveryKeyEntry';
import { RestoreBackup } from './RestoreBackup';

export function Unlock() {
  const view = useStore((s) => s.unlockView);
  const refreshStatus = useStore((s) => s.refreshStatus);
  const [aside, setAside] = useState<'restore' | 'readOnly' | null>(null);
  if (view !== 'passphrase')
    return (
      <AuthLayout>
        <RecoveryKeyEntry />
      </AuthLayout>
    );
  return (
    <AuthLayout>
      {aside === 'restore' && (
        <RestoreBackup
          onBack={() => {
            setAside(null);
            // The vault folder now holds other files (the restored vault, the old one kept aside).
            void refreshStatus();
          }}
        />
      )}
      {aside === 'readOnly' && <OpenReadOnly onBack={() => setAside(null)} />}
      {aside === null && <PassphraseUnlock onRestore={() => setAside('restore')} onReadOnly={() => setAside('readOnly')} />}
    </AuthLayout>
  );
}

function PassphraseUnlock({ onRestore, onReadOnly }: { onRestore: () => void; onReadOnly: () => void }) {
  const { t } = useTranslation();
  const vaultDir = useStore((s) => s.status?.vaultDir ?? '');
  const initialWait = useStore((s) => s.status?.retryAfterSeconds ?? 0);
  const lockedDuringSession = useStore((s) => s.lockedDuringSession);
  const lockLost = useStore((s) => s.status?.lockLost ?? false);
  const unlock = useStore((s) => s.unlock);
  const showUnlockView = useStore((s) => s.showUnlockView);
  const chooseFolder = useStore((s) => s.chooseFolder);
  const [passphrase, setPassphrase] = useState('');
  const [blank, setBlank] = useState(false);
  // The "has been locked" notice has done its job once the user tries to unlock.
  const [tried, setTried] = useState(false);
  const { attempt, remaining } = useGuardedAttempt(unlock, initialWait);
  const choose = useTask(chooseFolder);
  const errorId = useId();

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (remaining > 0 || attempt.pending) return;
    setBlank(!passphrase);
    setTried(true);
    attempt.clearError();
    if (passphrase) void attempt.run(passphrase).then((ok) => ok || setPassphrase(''));
  };

  const hasMessage = blank || Boolean(attempt.error) || remaining > 0;
  return (
    <form className="card auth-card" onSubmit={onSubmit} noValidate aria-busy={attempt.pending}>
      <div className="auth-card__icon">
        <Icon name="lock" />
      </div>
      <h1 className="auth-card__title">{t('unlock.title')}</h1>
      {lockLost && !tried && (
        <p className="message message--warning" role="alert">
          {t('unlock.lockLostNotice')}
        </p>
      )}
      {lockedDuringSession && !lockLost && !tried && (
        <p className="message message--info" role="status">
          {t('unlock.lockedNotice')}
        </p>
      )}
      <p className="lead">{t('unlock.intro')}</p>
      <p className="folder-line" data-testid="vault-folder">
        {t('unlock.folder', { dir: vaultDir })}
      </p>
      <PassphraseField
        label={t('unlock.passphraseLabel')}
        value={passphrase}
        onChange={(v) => {
          setPassphrase(v);
          setBlank(false);
          attempt.clearError();
        }}
        autoComplete="current-password"
        errorId={hasMessage ? errorId : undefined}
        invalid={blank || Boolean(attempt.error)}
        autoFocus
      />
      {blank ? <Problem text={t('errors.blank')} id={errorId} /> : <AttemptFeedback error={attempt.error} remaining={remaining} id={errorId} />}
      <div className="form-actions form-actions--stack">
        <button type="submit" className="button button--primary button--large button--block" disabled={attempt.pending || remaining > 0}>
          {attempt.pending ? t('unlock.submitting') : t('unlock.submit')}
        </button>
        <button type="button" className="link-button" onClick={() => showUnlockView('recoveryKey')}>
          {t('unlock.forgot')}
        </button>
        {api.kind === 'desktop' && (
          <button type="button" className="link-button" onClick={() => void choose.run('open')}>
            {t('unlock.otherFolder')}
          </button>
        )}
        <button type="button" className="link-button" onClick={onReadOnly}>
          {t('readOnly.link')}
        </button>
        <button type="button" className="link-button" onClick={onRestore}>
          {t('restore.link')}
        </button>
      </div>
      <ErrorMessage error={choose.error} />
    </form>
  );
}
