import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Problem } from '../../components/ErrorMessage';
import { RecoveryKeyField } from '../../components/Field';
import { useStore } from '../../store';
import { useTask } from '../../use-task';

/**
 * The second half of a rekey: the person types the new key back from their copy, which
 * proves they hold it before the vault switches to it. A wrong key changes nothing.
 */
export function RekeyConfirm() {
  const { t } = useTranslation();
  const commit = useTask(useStore((s) => s.commitRekey));
  const cancel = useTask(useStore((s) => s.cancelRekey));
  const [typed, setTyped] = useState('');
  const [blank, setBlank] = useState(false);
  const errorId = useId();

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (commit.pending) return;
    const trimmed = typed.trim();
    setBlank(!trimmed);
    commit.clearError();
    if (trimmed) void commit.run(trimmed);
  };

  return (
    <form className="recovery__confirm recovery__confirm--rekey" onSubmit={onSubmit} noValidate aria-busy={commit.pending}>
      <div className="recovery__typed">
        <RecoveryKeyField
          label={t('recoveryKey.confirmLabel')}
          value={typed}
          onChange={(v) => {
            setTyped(v);
            setBlank(false);
            commit.clearError();
          }}
          errorId={blank || commit.error ? errorId : undefined}
          invalid={blank || Boolean(commit.error)}
        />
        <p className="field__help">{t('recoveryKey.confirmHelp')}</p>
        {blank ? <Problem text={t('errors.keyRequired')} id={errorId} /> : <ErrorMessage error={commit.error ?? cancel.error} id={errorId} />}
      </div>
      <div className="form-actions">
        <button type="button" className="button button--secondary" disabled={commit.pending || cancel.pending} onClick={() => void cancel.run()}>
          {t('recoveryKey.cancelRekey')}
        </button>
        <button type="submit" className="button button--primary button--large" disabled={commit.pending}>
          {commit.pending ? t('recoveryKey.switching') : t('recoveryKey.switch')}
        </button>
      </div>
    </form>
  );
}
