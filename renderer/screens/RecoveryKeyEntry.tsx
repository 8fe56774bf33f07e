import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AttemptFeedback, useGuardedAttempt } from '../components/AttemptFeedback';
import { Problem } from '../components/ErrorMessage';
import { RecoveryKeyField } from '../components/Field';
import { Icon } from '../components/Icon';
import { useStore } from '../store';

/** Step one of recovery, reached from the unlock screen: type the printed key. */
export function RecoveryKeyEntry() {
  const { t } = useTranslation();
  const recover = useStore((s) => s.recover);
  const showUnlockView = useStore((s) => s.showUnlockView);
  const initialWait = useStore((s) => s.status?.retryAfterSeconds ?? 0);
  const [key, setKey] = useState('');
  const [blank, setBlank] = useState(false);
  const { attempt, remaining } = useGuardedAttempt(recover, initialWait);
  const errorId = useId();

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (remaining > 0 || attempt.pending) return;
    const trimmed = key.trim();
    setBlank(!trimmed);
    attempt.clearError();
    if (trimmed) void attempt.run(trimmed);
  };

  return (
    <form className="card auth-card" onSubmit={onSubmit} noValidate aria-busy={attempt.pending}>
      <div className="auth-card__icon">
        <Icon name="key" />
      </div>
      <h1 className="auth-card__title">{t('recover.title')}</h1>
      <p className="lead">{t('recover.intro')}</p>
      <RecoveryKeyField
        label={t('recover.keyLabel')}
        value={key}
        onChange={(v) => {
          setKey(v);
          setBlank(false);
          attempt.clearError();
        }}
        errorId={blank || attempt.error || remaining > 0 ? errorId : undefined}
        invalid={blank || Boolean(attempt.error)}
        autoFocus
      />
      {blank ? <Problem text={t('errors.keyRequired')} id={errorId} /> : <AttemptFeedback error={attempt.error} remaining={remaining} id={errorId} />}
      <div className="form-actions form-actions--stack">
        <button type="submit" className="button button--primary button--large button--block" disabled={attempt.pending || remaining > 0}>
          {attempt.pending ? t('recover.submitting') : t('recover.submit')}
        </button>
        <button type="button" className="link-button" onClick={() => showUnlockView('passphrase')}>
          {t('recover.backToPassphrase')}
        </button>
      </div>
    </form>
  );
}
