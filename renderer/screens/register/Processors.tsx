import { dpaStatuses, processorKinds } from '../../../shared/vocabulary';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportButton } from '../exports/ExportButton';
import type { ProcessorDto } from '../../../shared/dto/register';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { ErrorMessage, Problem } from '../../components/ErrorMessage';
import { DateField } from '../../components/DateInput';
import { TextField } from '../../components/Field';
import { SaveCancelActions } from '../../components/SaveCancelActions';
import { SelectField, TextAreaField } from '../../components/SelectField';
import { errorField } from '../../errors';
import { formatDay, formatNumber } from '../../format';
import { countryCodes, countryName, sortedOptions } from '../../options';
import { selectIsAdmin, useStore } from '../../store';
import { useTask } from '../../use-task';
import { inUiLanguage, splitList, today } from './labels';
import { useFormValues } from '../../use-form-problem';

function ProcessorForm({ processor, onClose, onSaved }: { processor: ProcessorDto | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const { v, set, problem, setProblem } = useFormValues({
    name: processor?.name ?? '',
    kind: processor?.kind ?? 'processor',
    role: processor?.role ?? '',
    country: processor?.country ?? '',
    transferSafeguard: processor?.transferSafeguard ?? '',
    dpaStatus: processor?.dpaStatus ?? 'unknown',
    dpaSignedOn: processor?.dpaSignedOn ?? '',
    dataCategories: processor?.dataCategories.join(', ') ?? '',
    policyUrl: processor?.policyUrl ?? '',
    notes: processor?.notes ?? '',
  });
  const save = useTask(async () => {
    const fields = {
      name: v.name,
      kind: v.kind,
      role: v.role,
      country: v.country || null,
      transferSafeguard: v.transferSafeguard.trim() || null,
      dpaStatus: v.dpaStatus,
      // Only a signed agreement has a day; the core clears it for any other status.
      ...(v.dpaStatus === 'signed' ? { dpaSignedOn: v.dpaSignedOn || null } : {}),
      dataCategories: splitList(v.dataCategories),
      policyUrl: v.policyUrl.trim() || null,
      notes: v.notes.trim() || null,
    };
    if (processor) await api.call('processors.update', { id: processor.id, ...fields });
    else await api.call('processors.add', fields);
    onSaved();
  });
  const bad = errorField(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!v.name.trim()) return setProblem(t('register.processors.nameRequired'));
    if (!v.role.trim()) return setProblem(t('register.processors.roleRequired'));
    if (v.policyUrl.trim() && !/^https?:\/\/\S+$/.test(v.policyUrl.trim())) return setProblem(t('register.processors.urlFormat'));
    void save.run();
  };
  return (
    <Dialog open wide title={processor ? t('register.processors.editTitle', { name: processor.name }) : t('register.processors.addTitle')} busy={save.pending} onCancel={onClose}>
      <form onSubmit={submit} noValidate>
        <div className="dialog__scroll">
          <div className="form-row">
            <TextField label={t('register.processors.name')} value={v.name} onChange={set('name')} invalid={bad === 'name'} autoFocus />
            <SelectField label={t('register.processors.kind')} value={v.kind} onChange={set('kind')} options={processorKinds.map((k) => ({ value: k, label: t(`register.kinds.${k}`) }))} />
          </div>
          <TextField label={t('register.processors.role')} help={t('register.processors.roleHelp')} value={v.role} onChange={set('role')} invalid={bad === 'role'} />
          <div className="form-row">
            <SelectField
              label={t('register.processors.country')}
              empty={t('register.processors.countryUnknown')}
              value={v.country}
              onChange={set('country')}
              options={sortedOptions(countryCodes, countryName, v.country)}
            />
            <SelectField label={t('register.processors.dpa')} value={v.dpaStatus} onChange={set('dpaStatus')} options={dpaStatuses.map((d) => ({ value: d, label: t(`register.dpa.${d}`) }))} />
          </div>
          {v.dpaStatus === 'signed' && (
            <DateField
              label={t('register.processors.dpaSignedOn')}
              help={t('register.processors.dpaSignedOnHelp')}
              value={v.dpaSignedOn}
              max={today()}
              onChange={set('dpaSignedOn')}
              invalid={bad === 'dpaSignedOn'}
            />
          )}
          <TextField
            label={t('register.processors.safeguard')}
            help={t('register.processors.safeguardHelp')}
            value={v.transferSafeguard}
            onChange={set('transferSafeguard')}
            invalid={bad === 'transferSafeguard'}
          />
          <TextField
            label={t('register.processors.categories')}
            help={t('register.processors.categoriesHelp')}
            value={v.dataCategories}
            onChange={set('dataCategories')}
            invalid={bad === 'dataCategories'}
          />
          <TextField label={t('register.processors.policyUrl')} type="url" value={v.policyUrl} onChange={set('policyUrl')} invalid={bad === 'policyUrl'} placeholder="https://" />
          <TextAreaField label={t('register.processors.notes')} value={v.notes} onChange={set('notes')} rows={2} />
        </div>
        <Problem text={problem} />
        <ErrorMessage error={save.error} />
        <SaveCancelActions onCancel={onClose} pending={save.pending} />
      </form>
    </Dialog>
  );
}

function ProcessorRow({ p, isAdmin, onEdit }: { p: ProcessorDto; isAdmin: boolean; onEdit: () => void }) {
  const { t } = useTranslation();
  const none = <span className="muted">{t('common.none')}</span>;
  return (
    <tr className={p.citesPrivacyShield ? 'register-row--flagged' : undefined} data-testid="processor-row" data-name={p.name}>
      <td>
        <strong>{p.name}</strong>
        <div className="muted small">{t(`register.kinds.${p.kind}`)}</div>
        {p.policyUrl && (
          <a className="small" href={p.policyUrl} target="_blank" rel="noreferrer noopener">
            {t('register.processors.theirPolicy')}
          </a>
        )}
      </td>
      <td>
        {p.role}
        {p.purposes.length > 0 && <div className="muted small">{t('register.processors.forPurposes', { list: p.purposes.map((x) => inUiLanguage(x.nameEn, x.nameFr)).join(', ') })}</div>}
      </td>
      <td>
        {p.country ? countryName(p.country) : <span className="muted">{t('register.processors.countryUnknown')}</span>}
        <div className={p.citesPrivacyShield ? 'small register-flag' : 'muted small'}>
          {p.citesPrivacyShield && <strong>{t('register.processors.shieldInvalid')} </strong>}
          {p.transferSafeguard ?? (p.country ? t('register.processors.noSafeguard') : '')}
        </div>
      </td>
      <td>
        <span className={`badge badge--dpa-${p.dpaStatus}`}>{t(`register.dpa.${p.dpaStatus}`)}</span>
        {p.dpaSignedOn && <div className="muted small">{t('register.processors.signedOn', { date: formatDay(p.dpaSignedOn, false) })}</div>}
      </td>
      <td className="small">{p.dataCategories.length ? p.dataCategories.join(', ') : none}</td>
      <td className="num" data-testid="contact-count">
        {formatNumber(p.contactCount)}
      </td>
      {isAdmin && (
        <td className="actions">
          <button type="button" className="button button--secondary button--small" onClick={onEdit} aria-label={t('register.processors.editLabel', { name: p.name })}>
            {t('register.edit')}
          </button>
        </td>
      )}
    </tr>
  );
}

/** `focusId`: a processor to open for editing at once (a finding's Fix button on the Reports screen). */
export function Processors({ processors, onChanged, focusId = null }: { processors: ProcessorDto[]; onChanged: () => void; focusId?: string | null }) {
  const { t } = useTranslation();
  const isAdmin = useStore(selectIsAdmin);
  const [editing, setEditing] = useState<ProcessorDto | 'new' | null>(() => (isAdmin && processors.find((p) => p.id === focusId)) || null);
  return (
    <>
      <div className="tabs__intro">
        <p className="muted">{t('register.processors.intro')}</p>
        <div className="record-actions">
          <ExportButton table="processors" />
          {isAdmin && (
            <button type="button" className="button button--primary" onClick={() => setEditing('new')}>
              {t('register.processors.add')}
            </button>
          )}
        </div>
      </div>
      <div className="table-wrap">
        <table className="table register-table" data-testid="processors-table">
          <thead>
            <tr>
              <th scope="col">{t('register.processors.name')}</th>
              <th scope="col" className="register-col--used">
                {t('register.processors.usedFor')}
              </th>
              <th scope="col" className="register-col--safeguard">
                {t('register.processors.countryAndSafeguard')}
              </th>
              <th scope="col">{t('register.processors.dpaShort')}</th>
              <th scope="col" className="register-col--categories">
                {t('register.processors.categories')}
              </th>
              <th scope="col" className="num">
                {t('register.processors.contacts')}
              </th>
              {isAdmin && (
                <th scope="col" className="actions">
                  <span className="sr-only">{t('register.actions')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {processors.map((p) => (
              <ProcessorRow key={p.id} p={p} isAdmin={isAdmin} onEdit={() => setEditing(p)} />
            ))}
          </tbody>
        </table>
      </div>
      {editing && (
        <ProcessorForm
          processor={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            onChanged();
          }}
        />
      )}
    </>
  );
}
