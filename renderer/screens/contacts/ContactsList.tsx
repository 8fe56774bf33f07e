import { useVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactListItemDto } from '../../../shared/dto/index';
import { ErrorMessage } from '../../components/ErrorMessage';
import { FilterChipList } from '../../components/FilterChipList';
import { Icon } from '../../components/Icon';
import { ScreenTitle } from '../../components/ScreenTitle';
import { SelectField } from '../../components/SelectField';
import { formatNumber } from '../../format';
import { countryCodes, countryName, sortedOptions } from '../../options';
import { selectCanWrite, useStore } from '../../store';
import { emptyContactsFilter, type ArchivedFilter, type ContactsFilter } from '../../store/records-slice';
import { ExportButton } from '../exports/ExportButton';
import { exportFilters } from '../exports/export-filters';
import { ContactForm } from './ContactForm';
import { OrganisationSelect } from './OrganisationSelect';
import { rowAt, rowCount, shownCount, useContactSearch, type ContactListing } from './use-contact-search';

/** Opened by default only where the window has room for the selects and the list together. */
const roomForFilters = () => window.matchMedia('(min-width: 1300px) and (min-height: 760px)').matches;

/** The search box always; organisation, country and archived behind "Filters", which says how many are set. */
function Filters() {
  const { t } = useTranslation();
  const filter = useStore((s) => s.contactsFilter);
  const setFilter = useStore((s) => s.setContactsFilter);
  const [open, setOpen] = useState(roomForFilters);
  const set = [filter.organisation !== null, filter.country !== '', filter.archived !== 'exclude'].filter(Boolean).length;
  return (
    <>
      <div className="filters-bar">
        <div className="field filters__search">
          {/* The box's placeholder says what it searches; the label is for screen readers. */}
          <label className="sr-only" htmlFor="contacts-search">
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
        <button type="button" className="button button--secondary filters__toggle" aria-expanded={open} aria-controls="contacts-filters" onClick={() => setOpen(!open)}>
          <Icon name="filter" /> {set > 0 ? t('contacts.filters.toggleSet', { count: set }) : t('contacts.filters.toggle')}
        </button>
      </div>
      {open && (
        <div className="filters" id="contacts-filters">
          <OrganisationSelect
            label={t('contacts.fields.organisation')}
            emptyLabel={t('contacts.anyOrganisation')}
            value={filter.organisation}
            onChange={(organisation) => setFilter({ organisation })}
          />
          <SelectField
            label={t('contacts.fields.country')}
            empty={t('contacts.anyCountry')}
            value={filter.country}
            onChange={(country) => setFilter({ country })}
            options={sortedOptions(countryCodes, countryName)}
          />
          <SelectField
            label={t('contacts.archivedFilter')}
            value={filter.archived}
            onChange={(v) => setFilter({ archived: v as ArchivedFilter })}
            options={(['exclude', 'only', 'include'] as const).map((v) => ({ value: v, label: t(`contacts.archived.${v}`) }))}
          />
        </div>
      )}
    </>
  );
}

/** "Export…" with the list's own filters, in the contract's terms and in words. */
function ContactsExport() {
  const { t } = useTranslation();
  const { filters, words } = exportFilters(
    useStore((s) => s.contactsFilter),
    t,
  );
  return <ExportButton table="contacts" filters={filters} filterWords={words} />;
}

/**
 * Every filter in force, each with its ×: a filter set on another screen (an event's
 * participants) or folded away under "Filters" never narrows the list unseen.
 */
function FilterChips() {
  const { t } = useTranslation();
  const filter = useStore((s) => s.contactsFilter);
  const setFilter = useStore((s) => s.setContactsFilter);
  const chips: Array<{ key: string; words: string; clear: Partial<ContactsFilter> }> = [];
  if (filter.event) chips.push({ key: 'event', words: t('contacts.participantsOf', { name: filter.event.name }), clear: { event: null } });
  if (filter.organisation) chips.push({ key: 'organisation', words: t('contacts.filters.organisation', { name: filter.organisation.name }), clear: { organisation: null } });
  if (filter.country) chips.push({ key: 'country', words: t('contacts.filters.country', { name: countryName(filter.country) }), clear: { country: '' } });
  if (filter.archived !== 'exclude') chips.push({ key: 'archived', words: t(`contacts.archived.${filter.archived}`), clear: { archived: 'exclude' } });
  return <FilterChipList chips={chips} label={t('contacts.filters.inForce')} removeLabel={(filter) => t('contacts.filters.remove', { filter })} onRemove={setFilter} />;
}

/** What a row is assumed to measure before it is drawn; drawn rows are measured. */
const ROW_HEIGHT = 58;

type Measure = (row: HTMLTableRowElement | null) => void;

function Row({ contact, index, measure }: { contact: ContactListItemDto; index: number; measure: Measure }) {
  const { t } = useTranslation();
  const openContact = useStore((s) => s.openContact);
  const organisation = contact.organisationName ?? t('common.none');
  const email = contact.primaryEmail ?? t('common.none');
  return (
    <tr ref={measure} aria-rowindex={index + 2} data-index={index} className="table__row">
      <td>
        <div className="table__name">
          <button type="button" className="link-button" onClick={() => openContact(contact.id)}>
            {contact.fullName}
          </button>
          {contact.archived && <span className="badge badge--neutral badge--inline">{t('contacts.archivedBadge')}</span>}
        </div>
        {contact.jobTitle && (
          <div className="table__line muted small" title={contact.jobTitle}>
            {contact.jobTitle}
          </div>
        )}
      </td>
      <td className="table__line" title={organisation}>
        {organisation}
      </td>
      <td className="table__line" title={email}>
        {email}
      </td>
      <td className="table__line">{contact.country ? countryName(contact.country) : t('common.none')}</td>
    </tr>
  );
}

function PlaceholderRow({ index, measure }: { index: number; measure: Measure }) {
  const { t } = useTranslation();
  return (
    <tr ref={measure} aria-rowindex={index + 2} data-index={index} className="table__row table__row--placeholder">
      {[0, 1, 2, 3].map((column) => (
        <td key={column}>
          <span className="skeleton" />
          {column === 0 && <span className="sr-only">{t('common.loading')}</span>}
        </td>
      ))}
    </tr>
  );
}

/** Keeps the table's height while only the rows in view exist. */
function Spacer({ height }: { height: number }) {
  if (height <= 0) return null;
  return (
    <tr className="table__spacer" aria-hidden="true" style={{ height }}>
      <td colSpan={4} />
    </tr>
  );
}

function Rows({ listing, loadRows }: { listing: ContactListing; loadRows: (first: number, last: number) => void }) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const count = rowCount(listing);
  // No React Compiler here: the virtualizer re-renders this component on scroll by itself.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;
  const before = items[0]?.start ?? 0;
  const after = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);

  // Asked for in the layout phase, so the request leaves before the frame with the
  // placeholders is painted (React runs a passive effect after a scroll only after it).
  useLayoutEffect(() => {
    if (last >= 0) loadRows(first, last);
  }, [first, last, loadRows]);

  // New results start at the top, in the same frame as they appear.
  useLayoutEffect(() => {
    scroller.current?.scrollTo({ top: 0 });
  }, [listing.filter]);

  return (
    <div className="table-wrap table-wrap--scroll" ref={scroller}>
      <table className="table table--fixed" data-testid="contacts-table" aria-rowcount={count + 1}>
        <caption className="sr-only">{t('contacts.caption')}</caption>
        <colgroup>
          <col className="col--name" />
          <col className="col--organisation" />
          <col className="col--email" />
          <col className="col--country" />
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col">{t('contacts.columns.name')}</th>
            <th scope="col">{t('contacts.columns.organisation')}</th>
            <th scope="col">{t('contacts.columns.email')}</th>
            <th scope="col">{t('contacts.columns.country')}</th>
          </tr>
        </thead>
        <tbody>
          <Spacer height={before} />
          {/* Keyed by position: a contact added elsewhere can shift pages and show one name twice. */}
          {items.map((item) => {
            const contact = rowAt(listing, item.index);
            return contact ? (
              <Row key={item.key} contact={contact} index={item.index} measure={virtualizer.measureElement} />
            ) : (
              <PlaceholderRow key={item.key} index={item.index} measure={virtualizer.measureElement} />
            );
          })}
          <Spacer height={after} />
        </tbody>
      </table>
    </div>
  );
}

function EmptyResults({ filter }: { filter: ContactsFilter }) {
  const { t } = useTranslation();
  const setFilter = useStore((s) => s.setContactsFilter);
  const canWrite = useStore(selectCanWrite);
  const query = filter.query.trim();
  const filtered = filter.organisation !== null || filter.event !== null || filter.country !== '' || filter.archived !== 'exclude';
  let message: string;
  if (query && filtered) message = t('contacts.empty.noMatchQueryFiltered', { query });
  else if (query) message = t('contacts.empty.noMatchQuery', { query });
  else if (filtered) message = t('contacts.empty.noMatch');
  else message = t('contacts.empty.none');
  return (
    <div className="empty-state empty-state--list" data-testid="contacts-empty">
      <div className="empty-state__icon">
        <Icon name="contacts" />
      </div>
      <p className="empty-state__text">{message}</p>
      {query || filtered ? (
        <button type="button" className="button button--secondary" onClick={() => setFilter(emptyContactsFilter)}>
          {filtered ? t('contacts.empty.clear') : t('contacts.empty.clearSearch')}
        </button>
      ) : (
        canWrite && <p className="empty-state__note">{t('contacts.empty.addFirst')}</p>
      )}
    </div>
  );
}

function Count({ listing }: { listing: ContactListing | null }) {
  const { t } = useTranslation();
  if (!listing) return t('common.loading');
  const { count, atLeast } = shownCount(listing);
  return t(atLeast ? 'contacts.countAtLeast' : 'contacts.count', { count, formatted: formatNumber(count) });
}

export function ContactsList() {
  const { t } = useTranslation();
  const filter = useStore((s) => s.contactsFilter);
  const canWrite = useStore(selectCanWrite);
  const openContact = useStore((s) => s.openContact);
  const openImport = useStore((s) => s.openImport);
  const [adding, setAdding] = useState(false);
  const { listing, error, loadRows, stale } = useContactSearch(filter);

  return (
    <section className="screen screen--wide screen--list">
      <header className="screen__header screen__header--split">
        <div>
          <ScreenTitle>{t('contacts.title')}</ScreenTitle>
          <p className="lead">{t('contacts.intro')}</p>
        </div>
        <div className="record-actions">
          <ContactsExport />
          {canWrite && (
            <>
              <button type="button" className="button button--secondary" onClick={openImport}>
                {t('import.open')}
              </button>
              <button type="button" className="button button--primary" onClick={() => setAdding(true)}>
                {t('contacts.add')}
              </button>
            </>
          )}
        </div>
      </header>
      <Filters />
      <FilterChips />
      <ErrorMessage error={error} />
      <div className="results" data-testid="contacts-results" data-query={listing?.filter.query} aria-busy={stale}>
        <p className="result-count" role="status" data-testid="contacts-count">
          {(listing || !error) && <Count listing={listing} />}
        </p>
        {listing && (rowCount(listing) > 0 ? <Rows listing={listing} loadRows={loadRows} /> : <EmptyResults filter={listing.filter} />)}
      </div>
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
