import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AuthLayout } from '../components/AuthLayout';
import { ErrorMessage, Problem } from '../components/ErrorMessage';
import { NewPassphraseFields } from '../components/NewPassphraseFields';
import { describeProblem } from '../errors';
import { newPassphraseProblem } from '../passphrase-strength';
import { useStore } from '../store';
import { useFormProblem } from '../use-form-problem';
import { useTask } from '../use-task';

/** Step two of recovery: the vault is open with the recovery key; who is this, and their new passphrase. */
export function RecoverProfile() {
  const { t } = useTranslation();
  const profiles = useStore((s) => s.recoveryProfiles);
  const completeRecovery = useStore((s) => s.completeRecovery);
  const abandonRecovery = useStore((s) => s.abandonRecovery);
  const [staffId, setStaffId] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const finish = useTask(completeRecovery);
  const { problem, setProblem, edited } = useFormProblem(finish.clearError);
  const restart = useTask(abandonRecovery);
  const errorId = useId();
  const legendId = useId();

  if (!profiles) {
    // A reload lost the list the recovery key returned: start over rather than guess.
    return (
      <AuthLayout>
        <div className="card auth-card">
          <h1 className="auth-card__title">{t('recover.title')}</h1>
          <p className="message message--warning">{t('recover.interrupted')}</p>
          <ErrorMessage error={restart.error} />
          <div className="form-actions">
            <button type="button" className="button button--primary" onClick={() => void restart.run()} disabled={restart.pending}>
              {t('recover.startAgain')}
            </button>
          </div>
        </div>
      </AuthLayout>
    );
  }

  const chosen = profiles.find((p) => p.id === staffId);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const found = chosen ? newPassphraseProblem(passphrase, confirmation, [chosen.name]) : null;
    const text = !chosen ? t('errors.profileRequired') : found ? describeProblem(found, t) : null;
    setProblem(text);
    if (!text) void finish.run(staffId, passphrase);
  };

  return (
    <AuthLayout>
      <form className="card auth-card" onSubmit={onSubmit} noValidate aria-busy={finish.pending}>
        <h1 className="auth-card__title">{t('recover.profileTitle')}</h1>
        <p className="lead">{t('recover.profileIntro')}</p>
        <fieldset className="fieldset" aria-describedby={problem ? errorId : undefined}>
          <legend className="field__label" id={legendId}>
            {t('recover.profileLegend')}
          </legend>
          <div className="choice-list">
            {profiles.map((p) => (
              <label key={p.id} className="choice">
                <input type="radio" name="profile" value={p.id} checked={staffId === p.id} onChange={() => edited(setStaffId)(p.id)} />
                <span className="choice__name">{p.name}</span>
                <span className={`badge badge--${p.role}`}>{t(`roles.${p.role}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <NewPassphraseFields
          label={t('recover.newPassphraseLabel')}
          confirmLabel={t('recover.confirmLabel')}
          value={passphrase}
          confirmation={confirmation}
          onChange={edited(setPassphrase)}
          onConfirmationChange={edited(setConfirmation)}
          userInputs={chosen ? [chosen.name] : []}
          errorId={problem || finish.error ? errorId : undefined}
        />
        <Problem text={problem} id={errorId} />
        {!problem && <ErrorMessage error={finish.error} id={errorId} />}
        <div className="form-actions">
          <button type="button" className="button button--secondary" onClick={() => void restart.run()} disabled={finish.pending || restart.pending}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button--primary button--large" disabled={finish.pending}>
            {finish.pending ? t('recover.finishing') : t('recover.finish')}
          </button>
        </div>
      </form>
    </AuthLayout>
  );
}
