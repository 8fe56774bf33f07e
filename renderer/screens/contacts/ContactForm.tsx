import { genders } from '../../../shared/vocabulary';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactDto } from '../../../shared/dto/index';
import { formatPhoneInternational } from '../../../shared/rules/phone';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { ErrorMessage, Problem } from '../../components/ErrorMessage';
import { TextField } from '../../components/Field';
import { SelectField, TextAreaField } from '../../components/SelectField';
import { SaveCancelActions } from '../../components/SaveCancelActions';
import { errorField } from '../../errors';
import { countryCodes, countryName, languageCodes, languageName, sortedOptions } from '../../options';
import { useStore } from '../../store';
import { useTask } from '../../use-task';
import { OrganisationSelect } from './OrganisationSelect';
import { useDuplicates } from './use-duplicates';

type Gender = (typeof genders)[number];

const list = (text: string) =>
  text
    .split(/[\n,;]/)
    .map((s) => s.trim())
    .filter(Boolean);

function initialValues(c?: ContactDto) {
  return {
    fullName: c?.fullName ?? '',
    email: c?.emails.find((e) => e.primary)?.address ?? '',
    otherEmails: (c?.emails.filter((e) => !e.primary).map((e) => e.address) ?? []).join(', '),
    // Stored as E.164; edited in the readable international form, which parses back the same.
    phone: c?.phones[0] ? formatPhoneInternational(c.phones[0]) : '',
    otherPhones: (c?.phones.slice(1) ?? []).map(formatPhoneInternational).join(', '),
    jobTitle: c?.jobTitle ?? '',
    gender: c?.gender ?? ('' as const),
    organisation: c?.organisation ?? null,
    country: c?.country ?? '',
    language: c?.language ?? '',
    notes: c?.notes ?? '',
  };
}
type Values = ReturnType<typeof initialValues>;

function Duplicates({ values, excludeId, onOpen }: { values: Values; excludeId?: string; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const found = useDuplicates({ fullName: values.fullName, email: values.email, organisationId: values.organisation?.id ?? null, excludeId });
  if (found.length === 0) return null;
  return (
    <div className="message message--warning duplicates" role="status" data-testid="duplicates">
      <ul>
        {found.map((d) => (
          <li key={d.id}>
            {t(`contacts.duplicate.${d.reason}`, { name: d.organisationName ? `${d.fullName} (${d.organisationName})` : d.fullName })}{' '}
            <button type="button" className="link-button" onClick={() => onOpen(d.id)}>
              {t('contacts.duplicate.open')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface Props {
  contact?: ContactDto;
  onClose: () => void;
  onSaved: (c: ContactDto) => void;
  /**
   * A rectification request the correction answers: only the fields changed are sent,
   * through the request, which keeps each one's value before and after.
   */
  rectifying?: { requestId: string; onRectified: () => void };
}

type Fields = ReturnType<typeof formFields>;

function formFields(v: Values) {
  return {
    fullName: v.fullName,
    email: v.email.trim() || null,
    otherEmails: list(v.otherEmails),
    phone: v.phone.trim() || null,
    otherPhones: list(v.otherPhones),
    jobTitle: v.jobTitle.trim() || null,
    gender: v.gender || null,
    organisationId: v.organisation?.id ?? null,
    country: v.country || null,
    language: v.language || null,
    notes: v.notes.trim() || null,
  };
}

/** The fields whose value differs from what the form opened with. */
function changedFields(before: Fields, after: Fields): Partial<Fields> {
  return Object.fromEntries(Object.entries(after).filter(([k, value]) => JSON.stringify(value) !== JSON.stringify(before[k as keyof Fields])));
}

export function ContactForm({ contact, onClose, onSaved, rectifying }: Props) {
  const { t } = useTranslation();
  const openContact = useStore((s) => s.openContact);
  const [v, setValues] = useState(() => initialValues(contact));
  const [problem, setProblem] = useState<string | null>(null);
  const set =
    <K extends keyof Values>(key: K) =>
    (value: Values[K]) => {
      setValues((old) => ({ ...old, [key]: value }));
      setProblem(null);
    };
  const [opened] = useState(() => formFields(initialValues(contact)));
  const save = useTask(async () => {
    const fields = formFields(v);
    if (rectifying) {
      await api.call('requests.rectify', { id: rectifying.requestId, changes: changedFields(opened, fields) });
      return rectifying.onRectified();
    }
    onSaved(contact ? await api.call('contacts.update', { id: contact.id, ...fields }) : await api.call('contacts.add', fields));
  });
  const bad = errorField(save.error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!v.fullName.trim()) return setProblem(t('contacts.nameRequired'));
    void save.run();
  };

  return (
    <Dialog open wide title={rectifying ? t('requests.carry.rectifyTitle') : contact ? t('contacts.editTitle') : t('contacts.addTitle')} busy={save.pending} onCancel={onClose}>
      <form onSubmit={submit} noValidate>
        <div className="dialog__scroll">
          <TextField label={t('contacts.fields.fullName')} value={v.fullName} onChange={set('fullName')} invalid={!!problem} autoFocus autoComplete="off" />
          <div className="form-row">
            <TextField label={t('contacts.fields.email')} type="email" value={v.email} onChange={set('email')} invalid={bad === 'email'} autoComplete="off" />
            <TextField label={t('contacts.fields.otherEmails')} help={t('contacts.separateHelp')} value={v.otherEmails} onChange={set('otherEmails')} invalid={bad === 'otherEmails'} />
          </div>
          <Duplicates
            values={v}
            excludeId={contact?.id}
            onOpen={(id) => {
              onClose();
              openContact(id);
            }}
          />
          <div className="form-row">
            <TextField label={t('contacts.fields.phone')} type="tel" value={v.phone} onChange={set('phone')} invalid={bad === 'phone'} />
            <TextField label={t('contacts.fields.otherPhones')} help={t('contacts.separateHelp')} value={v.otherPhones} onChange={set('otherPhones')} invalid={bad === 'otherPhones'} />
          </div>
          <div className="form-row">
            <TextField label={t('contacts.fields.jobTitle')} value={v.jobTitle} onChange={set('jobTitle')} />
            <SelectField
              label={t('contacts.fields.gender')}
              empty={t('contacts.notRecorded')}
              value={v.gender}
              onChange={(g) => set('gender')(g as Gender | '')}
              options={genders.map((g) => ({ value: g, label: t(`contacts.genders.${g}`) }))}
            />
          </div>
          <OrganisationSelect
            label={t('contacts.fields.organisation')}
            emptyLabel={t('contacts.noOrganisation')}
            value={v.organisation}
            onChange={set('organisation')}
            invalid={bad === 'organisationId'}
          />
          <div className="form-row">
            <SelectField
              label={t('contacts.fields.country')}
              empty={t('contacts.notRecorded')}
              value={v.country}
              onChange={set('country')}
              options={sortedOptions(countryCodes, countryName, v.country)}
              invalid={bad === 'country'}
            />
            <SelectField
              label={t('contacts.fields.language')}
              empty={t('contacts.notRecorded')}
              value={v.language}
              onChange={set('language')}
              options={sortedOptions(languageCodes, languageName, v.language)}
              invalid={bad === 'language'}
            />
          </div>
          <TextAreaField label={t('contacts.fields.notes')} value={v.notes} onChange={set('notes')} />
        </div>
        <Problem text={problem} />
        <ErrorMessage error={save.error} />
        <SaveCancelActions onCancel={onClose} pending={save.pending} />
      </form>
    </Dialog>
  );
}
