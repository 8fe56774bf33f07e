import { identityDocuments, sensitiveCategories } from '../../../shared/vocabulary';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { type Input } from '../../../shared/api/index';
import type { EventDto } from '../../../shared/dto/index';
import { api } from '../../api';
import { ErrorMessage, Problem } from '../../components/ErrorMessage';
import { DateField } from '../../components/DateInput';
import { TextField } from '../../components/Field';
import { SelectField } from '../../components/SelectField';
import { SaveCancelActions } from '../../components/SaveCancelActions';
import { errorField } from '../../errors';
import { countryCodes, countryName, sortedOptions } from '../../options';
import { readBase64 } from '../../read-file';
import { useTask } from '../../use-task';

type Category = (typeof sensitiveCategories)[number];

const blank = { iban: '', bic: '', holder: '', document: 'passport', number: '', expiry: '', nationality: '', dateOfBirth: '', eventId: '', reason: '' };

export function AddSensitiveForm({ contactId, onCancel, onAdded }: { contactId: string; onCancel: () => void; onAdded: () => void }) {
  const { t } = useTranslation();
  const [category, setCategory] = useState<Category>('bank');
  const [v, setV] = useState(blank);
  const [file, setFile] = useState<File | null>(null);
  const [events, setEvents] = useState<EventDto[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const set = (k: keyof typeof blank) => (value: string) => {
    setV((old) => ({ ...old, [k]: value }));
    setProblem(null);
  };

  useEffect(() => {
    if (category === 'signature')
      api.call('events.list', { limit: 500 }).then(
        (p) => setEvents(p.items),
        () => setEvents([]),
      );
  }, [category]);

  const save = useTask(async () => {
    const input: Input<'sensitive.add'> = { contactId, reason: v.reason };
    if (category === 'bank') input.bank = { iban: v.iban, bic: v.bic.trim() || undefined, holder: v.holder.trim() || undefined };
    if (category === 'identity')
      input.identity = {
        // No number means a date of birth recorded on its own, without a document.
        ...(v.number.trim() ? { document: v.document as (typeof identityDocuments)[number], number: v.number } : {}),
        expiry: v.expiry || undefined,
        nationality: v.nationality || undefined,
        dateOfBirth: v.dateOfBirth || undefined,
      };
    if ((category === 'photo' || category === 'signature') && file) input.file = { base64: await readBase64(file), name: file.name };
    if (category === 'signature') input.eventId = v.eventId;
    await api.call('sensitive.add', input);
    onAdded();
  });
  const bad = errorField(save.error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (category === 'bank' && !v.iban.trim()) return setProblem(t('sensitive.problems.iban'));
    if (category === 'identity' && !v.number.trim() && !v.dateOfBirth) return setProblem(t('sensitive.problems.numberOrBirth'));
    if (category === 'identity' && v.number.trim() && v.number.trim().length < 3) return setProblem(t('sensitive.problems.number'));
    if ((category === 'photo' || category === 'signature') && !file) return setProblem(t('sensitive.problems.file'));
    if (category === 'signature' && !v.eventId) return setProblem(t('sensitive.problems.event'));
    if (v.reason.trim().length < 3) return setProblem(t('sensitive.problems.reason'));
    void save.run();
  };

  return (
    <form className="subform" onSubmit={submit} noValidate data-testid="add-sensitive">
      <SelectField
        label={t('sensitive.kind')}
        value={category}
        onChange={(c) => setCategory(c as Category)}
        options={sensitiveCategories.map((c) => ({ value: c, label: t(`sensitive.categories.${c}`) }))}
      />
      {category === 'bank' && (
        <>
          <TextField label={t('sensitive.valueNames.iban')} value={v.iban} onChange={set('iban')} invalid={bad === 'iban'} autoComplete="off" spellCheck={false} />
          <div className="form-row">
            <TextField label={t('sensitive.valueNames.bic')} value={v.bic} onChange={set('bic')} invalid={bad === 'bic'} autoComplete="off" />
            <TextField label={t('sensitive.valueNames.holder')} value={v.holder} onChange={set('holder')} autoComplete="off" />
          </div>
        </>
      )}
      {category === 'identity' && (
        <>
          <div className="form-row">
            <SelectField
              label={t('sensitive.valueNames.document')}
              value={v.document}
              onChange={set('document')}
              options={identityDocuments.map((d) => ({ value: d, label: t(`sensitive.documents.${d}`) }))}
            />
            <TextField label={t('sensitive.valueNames.number')} value={v.number} onChange={set('number')} autoComplete="off" />
          </div>
          <div className="form-row">
            <DateField label={t('sensitive.valueNames.expiry')} value={v.expiry} onChange={set('expiry')} invalid={bad === 'expiry'} />
            <DateField label={t('sensitive.valueNames.dateOfBirth')} value={v.dateOfBirth} onChange={set('dateOfBirth')} invalid={bad === 'dateOfBirth'} />
          </div>
          <SelectField
            label={t('sensitive.valueNames.nationality')}
            empty={t('contacts.notRecorded')}
            value={v.nationality}
            onChange={set('nationality')}
            options={sortedOptions(countryCodes, countryName)}
          />
        </>
      )}
      {(category === 'photo' || category === 'signature') && (
        <div className="field">
          <label className="field__label" htmlFor="sensitive-file">
            {category === 'photo' ? t('sensitive.photoFile') : t('sensitive.sheetFile')}
          </label>
          <input
            id="sensitive-file"
            type="file"
            accept={category === 'photo' ? 'image/jpeg,image/png,image/webp' : 'application/pdf,image/jpeg,image/png'}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
      )}
      {category === 'signature' && (
        <SelectField
          label={t('sensitive.event')}
          empty={t('sensitive.chooseEvent')}
          value={v.eventId}
          onChange={set('eventId')}
          options={events.map((e) => ({ value: e.id, label: `${e.name} (${e.startDate})` }))}
        />
      )}
      <TextField label={t('sensitive.reason')} help={t('sensitive.reasonHelp')} value={v.reason} onChange={set('reason')} />
      <Problem text={problem} />
      <ErrorMessage error={save.error} />
      <SaveCancelActions onCancel={onCancel} pending={save.pending} saveLabel={t('sensitive.save')} />
    </form>
  );
}
