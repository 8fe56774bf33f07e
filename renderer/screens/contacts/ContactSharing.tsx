import { knownPartners } from '../../../shared/vocabulary';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecipientDto, SharingDto } from '../../../shared/dto/register';
import { ApiError, api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { ErrorMessage, Problem } from '../../components/ErrorMessage';
import { DateField } from '../../components/DateInput';
import { TextField } from '../../components/Field';
import { SaveCancelActions } from '../../components/SaveCancelActions';
import { errorField } from '../../errors';
import { formatDate } from '../../format';
import { selectCanWrite, useStore } from '../../store';
import { useTask } from '../../use-task';
import { splitList, today } from '../register/labels';
import { SharingTable } from '../register/SharingTable';
import { useFormValues } from '../../use-form-problem';

const objectionActions = ['objected', 'withdrawn', 'restricted', 'none'] as const;

/**
 * The core refuses to log a sharing the consent ledger did not allow on its date (an
 * objection, a withdrawal, a restriction, or no consent where the purpose needs one): say
 * so plainly and say which, it is not a glitch.
 */
function objection(e: unknown): (typeof objectionActions)[number] | null {
  if (!(e instanceof ApiError) || e.detail.reason !== 'sharing_objected') return null;
  return objectionActions.find((a) => a === e.detail.action) ?? 'objected';
}

function RecordSharing({ contactId, name, onClose, onSaved }: { contactId: string; name: string; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const form = useFormValues({ partner: '', mouReference: '', jointActivity: '', dataCategories: t('register.sharing.defaultData'), sharedOn: today() });
  const { v, problem, setProblem } = form;
  const partnersId = useId();
  const partnerInputId = useId();
  // An edit also clears the core's last refusal: it may no longer apply.
  const set = (k: keyof typeof v) => (value: string) => {
    form.set(k)(value);
    save.clearError();
  };
  const save = useTask(async () => {
    await api.call('sharing.record', {
      contactId,
      partner: v.partner,
      mouReference: v.mouReference.trim() || null,
      jointActivity: v.jointActivity,
      dataCategories: splitList(v.dataCategories),
      sharedOn: v.sharedOn,
    });
    onSaved();
  });
  const refusal = objection(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!v.partner.trim()) return setProblem(t('register.sharing.partnerRequired'));
    if (!v.jointActivity.trim()) return setProblem(t('register.sharing.activityRequired'));
    if (splitList(v.dataCategories).length === 0) return setProblem(t('register.sharing.dataRequired'));
    if (!v.sharedOn) return setProblem(t('register.sharing.dateRequired'));
    void save.run();
  };
  return (
    <Dialog open wide title={t('register.sharing.recordTitle', { name })} busy={save.pending} onCancel={onClose}>
      <form onSubmit={submit} noValidate>
        <div className="dialog__scroll">
          <p className="muted small">{t('register.sharing.recordIntro')}</p>
          <div className="form-row">
            <div className="field">
              <label className="field__label" htmlFor={partnerInputId}>
                {t('register.sharing.partner')}
              </label>
              <p className="field__help">{t('register.sharing.partnerHelp')}</p>
              <input id={partnerInputId} className="input" list={partnersId} value={v.partner} onChange={(e) => set('partner')(e.target.value)} autoFocus />
              <datalist id={partnersId}>
                {knownPartners.map((p) => (
                  <option key={p} value={p} />
                ))}
              </datalist>
            </div>
            <TextField label={t('register.sharing.mouReference')} help={t('register.sharing.mouHelp')} value={v.mouReference} onChange={set('mouReference')} />
          </div>
          <TextField label={t('register.sharing.activity')} help={t('register.sharing.activityHelp')} value={v.jointActivity} onChange={set('jointActivity')} />
          <div className="form-row">
            <TextField label={t('register.sharing.data')} help={t('register.sharing.dataHelp')} value={v.dataCategories} onChange={set('dataCategories')} />
            <DateField label={t('register.sharing.date')} value={v.sharedOn} max={today()} onChange={set('sharedOn')} invalid={errorField(save.error) === 'sharedOn'} />
          </div>
        </div>
        <Problem text={problem} />
        {refusal ? (
          <div className="message message--error" role="alert" data-testid="sharing-objected">
            <strong>{t('register.sharing.objectedTitle')}</strong> {t(`register.sharing.objectedBecause.${refusal}`, { name, date: formatDate(v.sharedOn) })} {t('register.sharing.objectedTodo')}
          </div>
        ) : (
          <ErrorMessage error={save.error} />
        )}
        <SaveCancelActions onCancel={onClose} pending={save.pending} saveLabel={t('register.sharing.save')} />
      </form>
    </Dialog>
  );
}

/** Art. 19: everyone who received the data must hear of a later rectification, erasure or restriction. */
function Recipients({ contactId, refreshKey }: { contactId: string; refreshKey: number }) {
  const { t } = useTranslation();
  const [recipients, setRecipients] = useState<RecipientDto[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api.call('sharing.recipients', { contactId }).then(setRecipients, setError);
  }, [contactId, refreshKey]);
  return (
    <section className="panel" data-testid="recipients" aria-labelledby="recipients-title">
      <h2 className="panel__title" id="recipients-title">
        {t('register.recipients.title')}
      </h2>
      <p className="panel__intro">{t('register.recipients.intro')}</p>
      <ErrorMessage error={error} />
      {recipients &&
        (recipients.length === 0 ? (
          <p className="muted">{t('register.recipients.none')}</p>
        ) : (
          <ul className="sensitive-list">
            {recipients.map((r) => (
              <li key={`${r.kind}-${r.processorId ?? r.name}`} className="sensitive-item">
                <div>
                  <strong>{r.name}</strong>
                  <div className="muted small">
                    {t(`register.recipients.kinds.${r.kind}`)} · {t('register.recipients.since', { date: formatDate(r.since) })}
                  </div>
                </div>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}

/** "Recipients to tell of changes" (beside the systems) and "Shared with partner networks" under them, full width. */
export function ContactSharing({ contactId, name, refreshKey, onChanged }: { contactId: string; name: string; refreshKey: number; onChanged: () => void }) {
  const { t } = useTranslation();
  const canWrite = useStore(selectCanWrite);
  const [items, setItems] = useState<SharingDto[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [recording, setRecording] = useState(false);
  useEffect(() => {
    api.call('sharing.list', { contactId, limit: 500 }).then((p) => setItems(p.items), setError);
  }, [contactId, refreshKey]);
  return (
    <>
      <Recipients contactId={contactId} refreshKey={refreshKey} />
      <section className="panel panel--wide" data-testid="contact-sharing" aria-labelledby="contact-sharing-title">
        <div className="panel__header">
          <h2 className="panel__title" id="contact-sharing-title">
            {t('register.sharing.contactTitle')}
          </h2>
          {canWrite && (
            <button type="button" className="button button--secondary" onClick={() => setRecording(true)}>
              {t('register.sharing.record')}
            </button>
          )}
        </div>
        <p className="panel__intro">{t('register.sharing.contactIntro')}</p>
        <ErrorMessage error={error} />
        {items && (items.length === 0 ? <p className="muted">{t('register.sharing.contactNone')}</p> : <SharingTable items={items} showContact={false} />)}
      </section>
      {recording && (
        <RecordSharing
          contactId={contactId}
          name={name}
          onClose={() => setRecording(false)}
          onSaved={() => {
            setRecording(false);
            onChanged();
          }}
        />
      )}
    </>
  );
}
