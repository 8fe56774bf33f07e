import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactListItemDto } from '../../../shared/dto';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ScreenTitle } from '../../components/ScreenTitle';
import { SelectField } from '../../components/SelectField';
import { formatNumber } from '../../format';
import { countryCodes, countryName, sortedOptions } from '../../options';
import { selectCanWrite, useStore } from '../../store';
import type { ArchivedFilter } from '../../store/records-slice';
import { ContactForm } from './ContactForm';
import { OrganisationSelect } from './OrganisationSelect';
import { useContactSearch } from './use-contact-search';

function Filters() {
  const { t } = useTranslation();
  const filter = useStore((s) => s.contactsFilter);
  const setFilter = useStore((s) => s.setContactsFilter);
  return (
    <div className="filters">
      <div className="field filters__search">
        <label className="field__label" htmlFor="contacts-search">
          {t('contacts.search')}
        </label>
        <input
          id="contacts-search"
          className="input"
          type="search"
          value={filter.query}
          placeholder={t('contacts.searchPlaceholder')}
          onChange={(e) => setFilter({ query: e.target.value })}
          autoComplete="off"
        />
      </div>
      <OrganisationSelect label={t('contacts.fields.organisation')} emptyLabel={t('contacts.anyOrganisation')} value={filter.organisation} onChange={(organisation) => setFilter({ organisation })} />
      <SelectField label={t('contacts.fields.country')} empty={t('contacts.anyCountry')} value={filter.country} onChange={(country) => setFilter({ country })} options={sortedOptions(countryCodes, countryName)} />
      <SelectField
        label={t('contacts.archivedFilter')}
        value={filter.archived}
        onChange={(v) => setFilter({ archived: v as ArchivedFilter })}
        options={(['exclude', 'only', 'include'] as const).map((v) => ({ value: v, label: t(`contacts.archived.${v}`) }))}
      />
    </div>
  );
}

function EventChip() {
  const { t } = useTranslation();
  const event = useStore((s) => s.contactsFilter.event);
  const setFilter = useStore((s) => s.setContactsFilter);
  if (!event) return null;
  return (
    <p className="chip">
      {t('contacts.participantsOf', { name: event.name })}{' '}
      <button type="button" className="link-button" onClick={() => setFilter({ event: null })}>
        {t('contacts.clearEvent')}
      </button>
    </p>
  );
}

function Row({ contact }: { contact: ContactListItemDto }) {
  const { t } = useTranslation();
  const openContact = useStore((s) => s.openContact);
  return (
    <tr>
      <td>
        <button type="button" className="link-button" onClick={() => openContact(contact.id)}>
          {contact.fullName}
        </button>
        {contact.archived && <span className="badge badge--neutral badge--inline">{t('contacts.archivedBadge')}</span>}
        {contact.jobTitle && <div className="muted small">{contact.jobTitle}</div>}
      </td>
      <td>{contact.organisationName ?? t('common.none')}</td>
      <td>{contact.primaryEmail ?? t('common.none')}</td>
      <td>{contact.country ? countryName(contact.country) : t('common.none')}</td>
    </tr>
  );
}

export function ContactsList() {
  const { t } = useTranslation();
  const filter = useStore((s) => s.contactsFilter);
  const canWrite = useStore(selectCanWrite);
  const openContact = useStore((s) => s.openContact);
  const openImport = useStore((s) => s.openImport);
  const [adding, setAdding] = useState(false);
  const results = useContactSearch(filter);

  return (
    <section className="screen screen--wide">
      <header className="screen__header screen__header--split">
        <div>
          <ScreenTitle>{t('contacts.title')}</ScreenTitle>
          <p className="lead">{t('contacts.intro')}</p>
        </div>
        {canWrite && (
          <div className="record-actions">
            <button type="button" className="button button--secondary" onClick={openImport}>
              {t('import.open')}
            </button>
            <button type="button" className="button button--primary" onClick={() => setAdding(true)}>
              {t('contacts.add')}
            </button>
          </div>
        )}
      </header>
      <Filters />
      <EventChip />
      <ErrorMessage error={results.error} />
      <p className="result-count" role="status" data-testid="contacts-count">
        {results.loaded ? t('contacts.count', { count: results.total, formatted: formatNumber(results.total) }) : t('common.loading')}
      </p>
      {results.items.length > 0 && (
        <div className="table-wrap" aria-busy={results.stale}>
          <table className="table" data-testid="contacts-table">
            <caption className="sr-only">{t('contacts.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('contacts.columns.name')}</th>
                <th scope="col">{t('contacts.columns.organisation')}</th>
                <th scope="col">{t('contacts.columns.email')}</th>
                <th scope="col">{t('contacts.columns.country')}</th>
              </tr>
            </thead>
            <tbody>
              {results.items.map((c) => (
                <Row key={c.id} contact={c} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ErrorMessage error={results.moreError} />
      {results.items.length < results.total && (
        <div className="table-footer">
          <button type="button" className="button button--secondary" onClick={() => void results.showMore()} disabled={results.loadingMore}>
            {results.loadingMore ? t('common.loading') : t('contacts.showMore', { shown: formatNumber(results.items.length), total: formatNumber(results.total) })}
          </button>
        </div>
      )}
      {adding && (
        <ContactForm
          onClose={() => setAdding(false)}
          onSaved={(c) => {
            setAdding(false);
            openContact(c.id);
          }}
        />
      )}
    </section>
  );
}
