import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactListItemDto } from '../../../shared/dto/index';
import { requestChannels, requestTypes, type RequestChannel, type RequestType } from '../../../shared/vocabulary';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { ErrorMessage, Problem } from '../../components/ErrorMessage';
import { DateField } from '../../components/DateInput';
import { TextField } from '../../components/Field';
import { SelectField, TextAreaField } from '../../components/SelectField';
import { useDebounced } from '../../use-debounced';
import { useTask } from '../../use-task';
import { today } from '../register/labels';

/**
 * Contacts who may be the requester, from the name and the e-mail as typed: the search
 * index folds accents and case, so "Jose Garcia" finds "José García".
 */
function useSuggestions(name: string, email: string): ContactListItemDto[] {
  // One string, so the effect runs when the words change, not on every render.
  const key = useDebounced([email.trim(), name.trim()].filter((q) => q.length >= 3).join('\n'), 300);
  const [found, setFound] = useState<ContactListItemDto[]>([]);
  useEffect(() => {
    let live = true;
    const queries = key ? key.split('\n') : [];
    Promise.all(queries.map((q) => api.call('contacts.search', { query: q, archived: 'include', limit: 5 }))).then(
      (pages) => {
        const seen = new Map<string, ContactListItemDto>();
        for (const c of pages.flatMap((p) => p.items)) seen.set(c.id, c);
        if (live) setFound([...seen.values()].slice(0, 5));
      },
      () => {
        if (live) setFound([]);
      },
    );
    return () => {
      live = false;
    };
  }, [key]);
  return found;
}

interface Props {
  /** Logged from a contact's page: the request is theirs. */
  contact?: { id: string; name: string };
  onClose: () => void;
  onAdded: (id: string) => void;
}

/** Logging a request as it arrived: what is asked, when and how, who asks, and their words. */
export function NewRequestDialog({ contact, onClose, onAdded }: Props) {
  const { t } = useTranslation();
  const [type, setType] = useState<RequestType | ''>('');
  const [receivedOn, setReceivedOn] = useState(today());
  const [channel, setChannel] = useState<RequestChannel>('email');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [text, setText] = useState('');
  const [isTest, setIsTest] = useState(false);
  const [linked, setLinked] = useState<string>(contact?.id ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const suggestions = useSuggestions(contact ? '' : name, contact ? '' : email);

  const add = useTask(async () => {
    const r = await api.call('requests.add', {
      type: type as RequestType,
      receivedOn,
      channel,
      ...(linked ? { contactId: linked } : {}),
      requesterName: name.trim() || null,
      requesterEmail: email.trim() || null,
      requestText: text.trim() || null,
      isTest,
    });
    onAdded(r.id);
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!type) return setProblem(t('requests.add.typeRequired'));
    if (!receivedOn) return setProblem(t('requests.add.dateRequired'));
    if (receivedOn > today()) return setProblem(t('requests.add.dateFuture'));
    if (!linked && !name.trim()) return setProblem(t('requests.add.whoRequired'));
    setProblem(null);
    void add.run();
  };

  return (
    <Dialog open wide title={contact ? t('requests.add.titleFor', { name: contact.name }) : t('requests.add.title')} busy={add.pending} onCancel={onClose}>
      <form onSubmit={submit} noValidate>
        <div className="dialog__scroll">
          <div className="form-row form-row--three">
            <SelectField
              label={t('requests.add.type')}
              empty={t('requests.add.chooseType')}
              value={type}
              onChange={(v) => setType(v as RequestType | '')}
              options={requestTypes.map((k) => ({ value: k, label: t(`requests.types.${k}`) }))}
            />
            <DateField label={t('requests.add.receivedOn')} max={today()} value={receivedOn} onChange={setReceivedOn} />
            <SelectField
              label={t('requests.fields.channel')}
              value={channel}
              onChange={(v) => setChannel(v as RequestChannel)}
              options={requestChannels.map((k) => ({ value: k, label: t(`requests.channels.${k}`) }))}
            />
          </div>
          {!contact && <p className="muted small">{t('requests.add.whoHelp')}</p>}
          <div className="form-row">
            <TextField label={t('requests.add.name')} value={name} onChange={setName} maxLength={200} autoComplete="off" />
            <TextField label={t('requests.add.email')} type="email" value={email} onChange={setEmail} maxLength={254} autoComplete="off" />
          </div>
          {!contact && (
            <fieldset className="fieldset" data-testid="request-contact-suggestions">
              <legend className="field__label">{t('requests.add.linkTo')}</legend>
              <label className="checkbox">
                <input type="radio" name="linked" checked={linked === ''} onChange={() => setLinked('')} />
                {t('requests.add.nobody')}
              </label>
              {suggestions.map((c) => (
                <label key={c.id} className="checkbox">
                  <input type="radio" name="linked" checked={linked === c.id} onChange={() => setLinked(c.id)} />
                  <span>
                    {c.fullName}
                    <span className="muted small"> {[c.primaryEmail, c.organisationName].filter(Boolean).join(' · ')}</span>
                  </span>
                </label>
              ))}
              {suggestions.length === 0 && <p className="muted small">{t('requests.add.noSuggestion')}</p>}
            </fieldset>
          )}
          <TextAreaField label={t('requests.add.text')} value={text} onChange={setText} rows={4} />
          <label className="checkbox">
            <input type="checkbox" checked={isTest} onChange={(e) => setIsTest(e.target.checked)} />
            {t('requests.add.isTest')}
          </label>
          <Problem text={problem} />
          <ErrorMessage error={add.error} />
        </div>
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose} disabled={add.pending}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={add.pending}>
            {add.pending ? t('common.saving') : t('requests.add.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
