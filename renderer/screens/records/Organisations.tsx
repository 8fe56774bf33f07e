import { organisationTypes } from '../../../shared/vocabulary';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrganisationDto } from '../../../shared/dto/index';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { TextField } from '../../components/Field';
import { SelectField, TextAreaField } from '../../components/SelectField';
import { errorField } from '../../errors';
import { formatNumber } from '../../format';
import { countryCodes, countryName, sortedOptions } from '../../options';
import { selectCanWrite, useStore } from '../../store';
import { useDebounced } from '../../use-debounced';
import { useTask } from '../../use-task';
import { useFormValues } from '../../use-form-problem';
import { RecordDialog, RecordsHeader, RecordsTable, useEditing, useRecordList } from './record-screen';
import { RecordsEmpty } from './RecordsEmpty';

const PAGE = 100;

/** The organisations already there under a near name, so the one meant is not added twice. */
function SimilarOrganisations({ found }: { found: OrganisationDto[] }) {
  const { t } = useTranslation();
  return (
    <div className="message message--warning" role="status" data-testid="similar-organisations">
      <p>{t('organisations.similar.already')}</p>
      <ul>
        {found.map((o) => (
          <li key={o.id}>
            {o.name} ({[t(`organisations.types.${o.type}`), o.country ? countryName(o.country) : null].filter(Boolean).join(', ')})
          </li>
        ))}
      </ul>
      <p>{t('organisations.similar.choice')}</p>
    </div>
  );
}

function OrganisationForm({ org, onClose, onSaved }: { org: OrganisationDto | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const { v, set, problem, setProblem } = useFormValues({
    name: org?.name ?? '',
    type: org?.type ?? 'governmental_agency',
    country: org?.country ?? '',
    legalName: org?.legalName ?? '',
    vatNumber: org?.vatNumber ?? '',
    billingAddress: org?.billingAddress ?? '',
    billingEmail: org?.billingEmail ?? '',
  });
  // The near names found for the name as it was when Save was pressed: a second Save creates anyway.
  const [similar, setSimilar] = useState<{ name: string; found: OrganisationDto[] } | null>(null);
  const warned = similar !== null && similar.name === v.name.trim() ? similar.found : null;
  const save = useTask(async () => {
    const name = v.name.trim();
    if (!warned && name !== org?.name) {
      const found = await api.call('organisations.similar', { name, ...(org ? { excludeId: org.id } : {}) });
      if (found.length > 0) {
        setSimilar({ name, found });
        return;
      }
    }
    const fields = {
      name: v.name,
      type: v.type,
      country: v.country || null,
      legalName: v.legalName.trim() || null,
      vatNumber: v.vatNumber.trim() || null,
      billingAddress: v.billingAddress.trim() || null,
      billingEmail: v.billingEmail.trim() || null,
    };
    if (org) await api.call('organisations.update', { id: org.id, ...fields });
    else await api.call('organisations.add', fields);
    onSaved();
  });
  const bad = errorField(save.error);
  const submit = () => (v.name.trim() ? void save.run() : setProblem(t('organisations.nameRequired')));
  return (
    <RecordDialog
      title={org ? t('organisations.editTitle') : t('organisations.addTitle')}
      save={save}
      problem={problem}
      saveLabel={warned ? t(org ? 'organisations.similar.saveAnyway' : 'organisations.similar.createAnyway') : undefined}
      onSubmit={submit}
      onClose={onClose}
    >
      <TextField label={t('organisations.fields.name')} value={v.name} onChange={set('name')} invalid={!!problem} autoFocus />
      {warned && <SimilarOrganisations found={warned} />}
      <div className="form-row">
        <SelectField label={t('organisations.fields.type')} value={v.type} onChange={set('type')} options={organisationTypes.map((o) => ({ value: o, label: t(`organisations.types.${o}`) }))} />
        <SelectField
          label={t('organisations.fields.country')}
          empty={t('contacts.notRecorded')}
          value={v.country}
          onChange={set('country')}
          options={sortedOptions(countryCodes, countryName, v.country)}
        />
      </div>
      <h3 className="panel__subtitle">{t('organisations.billing')}</h3>
      <div className="form-row">
        <TextField label={t('organisations.fields.legalName')} value={v.legalName} onChange={set('legalName')} />
        <TextField label={t('organisations.fields.vatNumber')} value={v.vatNumber} onChange={set('vatNumber')} invalid={bad === 'vatNumber'} />
      </div>
      <TextAreaField label={t('organisations.fields.billingAddress')} value={v.billingAddress} onChange={set('billingAddress')} />
      <TextField label={t('organisations.fields.billingEmail')} type="email" value={v.billingEmail} onChange={set('billingEmail')} invalid={bad === 'billingEmail'} />
    </RecordDialog>
  );
}

export function Organisations() {
  const { t } = useTranslation();
  const canWrite = useStore(selectCanWrite);
  const showContacts = useStore((s) => s.showContacts);
  const openImport = useStore((s) => s.openImport);
  const [query, setQuery] = useState('');
  const settled = useDebounced(query, 150);
  const [limit, setLimit] = useState(PAGE);
  const { data: page, error, reload } = useRecordList(() => api.call('organisations.list', { query: settled.trim() || undefined, limit }), `${limit} ${settled}`);
  const form = useEditing<OrganisationDto>(reload);

  return (
    <section className="screen screen--wide">
      <RecordsHeader route="organisations" onAdd={page && (page.total > 0 || settled.trim()) ? () => form.open('new') : undefined} />
      {/* Nothing to search yet: the empty state comes first. */}
      {(page?.total !== 0 || query) && (
        <TextField
          label={t('organisations.searchLabel')}
          type="search"
          value={query}
          onChange={(q) => {
            setQuery(q);
            setLimit(PAGE);
          }}
          placeholder={t('organisations.searchPlaceholder')}
        />
      )}
      <ErrorMessage error={error} />
      {page && page.total > 0 && (
        <RecordsTable
          route="organisations"
          total={page.total}
          headings={
            <>
              <th scope="col">{t('organisations.fields.name')}</th>
              <th scope="col">{t('organisations.fields.type')}</th>
              <th scope="col">{t('organisations.fields.country')}</th>
              <th scope="col">{t('organisations.fields.vatNumber')}</th>
            </>
          }
        >
          {page.items.map((o) => (
            <tr key={o.id}>
              <td>{o.name}</td>
              <td>{t(`organisations.types.${o.type}`)}</td>
              <td>{o.country ? countryName(o.country) : t('common.none')}</td>
              <td>{o.vatNumber ?? t('common.none')}</td>
              <td className="actions">
                <button type="button" className="button button--secondary button--small" onClick={() => showContacts({ organisation: { id: o.id, name: o.name } })}>
                  {t('organisations.people')}
                </button>
                {canWrite && (
                  <button type="button" className="button button--quiet button--small" onClick={() => form.open(o)}>
                    {t('organisations.edit')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </RecordsTable>
      )}
      {page && page.total === 0 && (
        <RecordsEmpty route="organisations" query={settled} onAdd={() => form.open('new')}>
          <button type="button" className="button button--secondary" onClick={openImport}>
            {t('import.open')}
          </button>
        </RecordsEmpty>
      )}
      {page && page.items.length < page.total && (
        <div className="table-footer">
          <button type="button" className="button button--secondary" onClick={() => setLimit((l) => Math.min(500, l + PAGE))} disabled={limit >= 500}>
            {t('contacts.showMore', { shown: formatNumber(page.items.length), total: formatNumber(page.total) })}
          </button>
        </div>
      )}
      {form.editing && <OrganisationForm org={form.record} onClose={form.close} onSaved={form.saved} />}
    </section>
  );
}
