import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Problem, Success } from '../../components/ErrorMessage';
import { PassphraseField } from '../../components/Field';
import { NewPassphraseFields } from '../../components/NewPassphraseFields';
import { describeProblem } from '../../errors';
import { newPassphraseProblem } from '../../passphrase-strength';
import { selectMe, useStore } from '../../store';
import { useFormProblem } from '../../use-form-problem';
import { useTask } from '../../use-task';

/** Every role may change its own passphrase: it protects the person's access, not the records. */
export function MyPassphraseSection() {
  const { t } = useTranslation();
  const me = useStore(selectMe);
  const changeMyPassphrase = useStore((s) => s.changeMyPassphrase);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [done, setDone] = useState(false);
  const change = useTask(changeMyPassphrase);
  const { problem, setProblem, edited } = useFormProblem(change.clearError);
  const errorId = useId();

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const found = newPassphraseProblem(next, confirmation, me ? [me.name] : []);
    const text = !current ? t('errors.blank') : found ? describeProblem(found, t) : null;
    setProblem(text);
    setDone(false);
    if (text) return;
    void change.run(current, next).then((ok) => {
      if (!ok) return;
      setCurrent('');
      setNext('');
      setConfirmation('');
      setDone(true);
    });
  };

  return (
    <section className="panel" aria-labelledby="settings-passphrase">
      <h2 className="panel__title" id="settings-passphrase">
        {t('settings.passphrase.title')}
      </h2>
      <p className="panel__intro">{t('settings.passphrase.intro')}</p>
      <form onSubmit={onSubmit} noValidate aria-busy={change.pending}>
        <PassphraseField label={t('settings.passphrase.current')} value={current} onChange={edited(setCurrent)} autoComplete="current-password" required />
        <NewPassphraseFields
          label={t('settings.passphrase.next')}
          confirmLabel={t('settings.passphrase.confirm')}
          value={next}
          confirmation={confirmation}
          onChange={edited(setNext)}
          onConfirmationChange={edited(setConfirmation)}
          userInputs={me ? [me.name] : []}
          errorId={problem || change.error ? errorId : undefined}
        />
        <Problem text={problem} id={errorId} />
        {!problem && <ErrorMessage error={change.error} id={errorId} />}
        <Success text={done ? t('settings.passphrase.done') : null} />
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={change.pending}>
            {change.pending ? t('settings.passphrase.submitting') : t('settings.passphrase.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
