import { organisationTypes } from '../../../shared/vocabulary';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrganisationDto, Page } from '../../../shared/dto/index';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { ErrorMessage, Problem } from '../../components/ErrorMessage';
import { TextField } from '../../components/Field';
import { ScreenTitle } from '../../components/ScreenTitle';
import { SelectField, TextAreaField } from '../../components/SelectField';
import { SaveCancelActions } from '../../components/SaveCancelActions';
import { errorField } from '../../errors';
import { formatNumber } from '../../format';
import { countryCodes, countryName, sortedOptions } from '../../options';
import { selectCanWrite, useStore } from '../../store';
import { useDebounced } from '../../use-debounced';
import { useTask } from '../../use-task';
import { useFormValues } from '../../use-form-problem';

const PAGE = 100;

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
  const save = useTask(async () => {
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
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!v.name.trim()) return setProblem(t('organisations.nameRequired'));
    void save.run();
  };
  return (
    <Dialog open wide title={org ? t('organisations.editTitle') : t('organisations.addTitle')} busy={save.pending} onCancel={onClose}>
      <form onSubmit={submit} noValidate>
        <div className="dialog__scroll">
          <TextField label={t('organisations.fields.name')} value={v.name} onChange={set('name')} invalid={!!problem} autoFocus />
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
        </div>
        <Problem text={problem} />
        <ErrorMessage error={save.error} />
        <SaveCancelActions onCancel={onClose} pending={save.pending} />
      </form>
    </Dialog>
  );
}

export function Organisations() {
  const { t } = useTranslation();
  const canWrite = useStore(selectCanWrite);
  const showContacts = useStore((s) => s.showContacts);
  const [query, setQuery] = useState('');
  const settled = useDebounced(query, 150);
  const [limit, setLimit] = useState(PAGE);
  const [page, setPage] = useState<Page<OrganisationDto> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState<OrganisationDto | 'new' | null>(null);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let current = true;
    api.call('organisations.list', { query: settled.trim() || undefined, limit }).then(
      (p) => current && setPage(p),
      (e: unknown) => current && setError(e),
    );
    return () => {
      current = false;
    };
  }, [settled, limit, reloads]);

  return (
    <section className="screen screen--wide">
      <header className="screen__header screen__header--split">
        <div>
          <ScreenTitle>{t('organisations.title')}</ScreenTitle>
          <p className="lead">{t('organisations.intro')}</p>
        </div>
        {canWrite && (
          <button type="button" className="button button--primary" onClick={() => setEditing('new')}>
            {t('organisations.add')}
          </button>
        )}
      </header>
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
      <ErrorMessage error={error} />
      {page && (
        <p className="result-count" role="status">
          {t('organisations.count', { count: page.total, formatted: formatNumber(page.total) })}
        </p>
      )}
      {page && page.items.length > 0 && (
        <div className="table-wrap">
          <table className="table" data-testid="organisations-table">
            <thead>
              <tr>
                <th scope="col">{t('organisations.fields.name')}</th>
                <th scope="col">{t('organisations.fields.type')}</th>
                <th scope="col">{t('organisations.fields.country')}</th>
                <th scope="col">{t('organisations.fields.vatNumber')}</th>
                <th scope="col" className="actions">
                  <span className="sr-only">{t('organisations.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
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
                      <button type="button" className="button button--quiet button--small" onClick={() => setEditing(o)}>
                        {t('organisations.edit')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page && page.items.length < page.total && (
        <div className="table-footer">
          <button type="button" className="button button--secondary" onClick={() => setLimit((l) => Math.min(500, l + PAGE))} disabled={limit >= 500}>
            {t('contacts.showMore', { shown: formatNumber(page.items.length), total: formatNumber(page.total) })}
          </button>
        </div>
      )}
      {editing && (
        <OrganisationForm
          org={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            setReloads((n) => n + 1);
          }}
        />
      )}
    </section>
  );
}
