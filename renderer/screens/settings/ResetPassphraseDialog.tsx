import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffDto } from '../../../shared/dto/index';
import { Dialog } from '../../components/Dialog';
import { ErrorMessage, Problem } from '../../components/ErrorMessage';
import { NewPassphraseFields } from '../../components/NewPassphraseFields';
import { describeProblem } from '../../errors';
import { newPassphraseProblem } from '../../passphrase-strength';
import { useStore } from '../../store';
import { useFormProblem } from '../../use-form-problem';
import { useTask } from '../../use-task';

/** Admins set a new passphrase for a colleague who forgot theirs (no recovery key needed). */
export function ResetPassphraseDialog({ person, onClose, onDone }: { person: StaffDto | null; onClose: () => void; onDone: (name: string) => void }) {
  const { t } = useTranslation();
  return (
    <Dialog open={person !== null} title={t('settings.staff.resetTitle', { name: person?.name ?? '' })} onCancel={onClose}>
      {/* Keyed by person so the fields start empty for each colleague. */}
      {person && <ResetForm key={person.id} person={person} onClose={onClose} onDone={onDone} />}
    </Dialog>
  );
}

function ResetForm({ person, onClose, onDone }: { person: StaffDto; onClose: () => void; onDone: (name: string) => void }) {
  const { t } = useTranslation();
  const resetStaffPassphrase = useStore((s) => s.resetStaffPassphrase);
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const reset = useTask(resetStaffPassphrase);
  const { problem, setProblem, edited } = useFormProblem(reset.clearError);
  const errorId = useId();

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const found = newPassphraseProblem(passphrase, confirmation, [person.name]);
    const text = found ? describeProblem(found, t) : null;
    setProblem(text);
    if (text) return;
    void reset.run(person.id, passphrase).then((ok) => ok && onDone(person.name));
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-busy={reset.pending}>
      <p className="dialog__body">{t('settings.staff.resetBody')}</p>
      <NewPassphraseFields
        label={t('settings.staff.resetPassphrase')}
        confirmLabel={t('settings.staff.resetConfirm')}
        value={passphrase}
        confirmation={confirmation}
        onChange={edited(setPassphrase)}
        onConfirmationChange={edited(setConfirmation)}
        userInputs={[person.name]}
        errorId={problem || reset.error ? errorId : undefined}
      />
      <Problem text={problem} id={errorId} />
      {!problem && <ErrorMessage error={reset.error} id={errorId} />}
      <div className="dialog__actions">
        <button type="button" className="button button--secondary" onClick={onClose} disabled={reset.pending}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button button--primary" disabled={reset.pending}>
          {reset.pending ? t('settings.staff.resetting') : t('settings.staff.resetSubmit')}
        </button>
      </div>
    </form>
  );
}
