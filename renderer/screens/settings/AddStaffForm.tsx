import { roles, type Role } from '../../../shared/vocabulary';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Problem, Success } from '../../components/ErrorMessage';
import { TextField } from '../../components/Field';
import { NewPassphraseFields } from '../../components/NewPassphraseFields';
import { describeProblem } from '../../errors';
import { newPassphraseProblem } from '../../passphrase-strength';
import { useStore } from '../../store';
import { useFormProblem } from '../../use-form-problem';
import { useTask } from '../../use-task';

export function AddStaffForm() {
  const { t } = useTranslation();
  const addStaff = useStore((s) => s.addStaff);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('staff');
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [added, setAdded] = useState<string | null>(null);
  const add = useTask(addStaff);
  const { problem, setProblem, edited } = useFormProblem(add.clearError);
  const roleId = useId();
  const errorId = useId();

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const trimmed = name.trim();
    const found = trimmed ? newPassphraseProblem(passphrase, confirmation, [trimmed]) : null;
    const text = !trimmed ? t('errors.nameRequired') : found ? describeProblem(found, t) : null;
    setProblem(text);
    setAdded(null);
    if (text) return;
    void add.run(trimmed, role, passphrase).then((ok) => {
      if (!ok) return;
      setName('');
      setRole('staff');
      setPassphrase('');
      setConfirmation('');
      setAdded(trimmed);
    });
  };

  return (
    <form className="subform" onSubmit={onSubmit} noValidate aria-busy={add.pending} aria-labelledby={`${roleId}-title`}>
      <h3 className="panel__subtitle" id={`${roleId}-title`}>
        {t('settings.staff.addTitle')}
      </h3>
      <div className="form-row">
        <TextField label={t('settings.staff.addName')} value={name} onChange={edited(setName)} maxLength={120} autoComplete="off" required />
        <div className="field">
          <label htmlFor={roleId} className="field__label">
            {t('settings.staff.addRole')}
          </label>
          <select id={roleId} className="input" value={role} onChange={(e) => setRole(e.target.value as Role)} aria-describedby={`${roleId}-help`}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
          <p className="field__help" id={`${roleId}-help`}>
            {t(`roleHelp.${role}`)}
          </p>
        </div>
      </div>
      <NewPassphraseFields
        label={t('settings.staff.addPassphrase')}
        help={t('settings.staff.addPassphraseHelp')}
        confirmLabel={t('settings.staff.addConfirm')}
        value={passphrase}
        confirmation={confirmation}
        onChange={edited(setPassphrase)}
        onConfirmationChange={edited(setConfirmation)}
        userInputs={name.trim() ? [name.trim()] : []}
        errorId={problem || add.error ? errorId : undefined}
      />
      <Problem text={problem} id={errorId} />
      {!problem && <ErrorMessage error={add.error} id={errorId} />}
      <Success text={added ? t('settings.staff.added', { name: added }) : null} />
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={add.pending}>
          {add.pending ? t('settings.staff.adding') : t('settings.staff.addSubmit')}
        </button>
      </div>
    </form>
  );
}
