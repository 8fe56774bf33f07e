import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { actionWords, entityWords } from '../../audit-words';
import { DateField } from '../../components/DateInput';
import { FilterChipList } from '../../components/FilterChipList';
import { Icon } from '../../components/Icon';
import { SelectField } from '../../components/SelectField';
import { formatDay } from '../../format';
import { useStore } from '../../store';
import { daysInOrder, type AuditFilter } from '../../store/audit-slice';
import { PersonPicker } from './PersonPicker';

/** Opened by default only where the window has room for the filters and the log together (as the Contacts list). */
const roomForFilters = () => window.matchMedia('(min-width: 1300px) and (min-height: 760px)').matches;

const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label);

/** Each filter in force, in words, with what clears it: the chips, and the export dialog's list. */
export function useAuditFilterWords(): Array<{ key: keyof AuditFilter; words: string; clear: Partial<AuditFilter> }> {
  const { t, i18n } = useTranslation();
  const { filter, options } = useStore((s) => s.audit);
  const chips: Array<{ key: keyof AuditFilter; words: string; clear: Partial<AuditFilter> }> = [];
  if (filter.person) chips.push({ key: 'person', words: t('audit.filters.chips.person', { name: filter.person.name }), clear: { person: null } });
  if (filter.staffId) {
    const name = options?.staff.find((s) => s.id === filter.staffId)?.name ?? filter.staffId;
    chips.push({ key: 'staffId', words: t('audit.filters.chips.staff', { name }), clear: { staffId: '' } });
  }
  if (filter.action) chips.push({ key: 'action', words: t('audit.filters.chips.action', { name: actionWords(t, i18n, filter.action) }), clear: { action: '' } });
  if (filter.entityType) chips.push({ key: 'entityType', words: t('audit.filters.chips.entityType', { name: entityWords(t, i18n, filter.entityType) }), clear: { entityType: '' } });
  if (filter.from) chips.push({ key: 'from', words: t('audit.filters.chips.from', { day: formatDay(filter.from, false) }), clear: { from: '' } });
  if (filter.to) chips.push({ key: 'to', words: t('audit.filters.chips.to', { day: formatDay(filter.to, false) }), clear: { to: '' } });
  return chips;
}

/** Person, staff member, action, kind of record and days, folded behind "Filters" where the window is small. */
export function AuditFilters() {
  const { t, i18n } = useTranslation();
  const { filter, options } = useStore((s) => s.audit);
  const setFilter = useStore((s) => s.setAuditFilter);
  const [open, setOpen] = useState(roomForFilters);
  const chips = useAuditFilterWords();
  const change = (patch: Partial<AuditFilter>) => void setFilter(patch).catch(() => undefined);
  return (
    <>
      <div className="filters-bar audit-filters-bar">
        <button type="button" className="button button--secondary filters__toggle" aria-expanded={open} aria-controls="audit-filters" onClick={() => setOpen(!open)}>
          <Icon name="filter" /> {chips.length > 0 ? t('audit.filters.toggleSet', { count: chips.length }) : t('audit.filters.toggle')}
        </button>
      </div>
      {open && (
        <fieldset className="filters audit-filters" id="audit-filters">
          <legend className="sr-only">{t('audit.filters.legend')}</legend>
          {filter.person ? (
            <div className="field">
              <span className="field__label">{t('audit.filters.person')}</span>
              <button type="button" className="button button--secondary audit-filters__person" title={filter.person.name} onClick={() => change({ person: null })}>
                {filter.person.name} · {t('audit.filters.personChange')}
              </button>
            </div>
          ) : (
            <PersonPicker onPick={(person) => change({ person })} />
          )}
          <SelectField
            label={t('audit.filters.staff')}
            empty={t('audit.filters.any')}
            value={filter.staffId}
            onChange={(staffId) => change({ staffId })}
            options={(options?.staff ?? []).map((s) => ({ value: s.id, label: s.removed ? t('audit.filters.removedStaff', { name: s.name }) : s.name })).sort(byLabel)}
          />
          <SelectField
            label={t('audit.filters.action')}
            empty={t('audit.filters.any')}
            value={filter.action}
            onChange={(action) => change({ action })}
            options={(options?.actions ?? []).map((a) => ({ value: a, label: actionWords(t, i18n, a) })).sort(byLabel)}
          />
          <SelectField
            label={t('audit.filters.entityType')}
            empty={t('audit.filters.any')}
            value={filter.entityType}
            onChange={(entityType) => change({ entityType })}
            options={(options?.entityTypes ?? []).map((e) => ({ value: e, label: entityWords(t, i18n, e) })).sort(byLabel)}
          />
          <DateField label={t('audit.filters.from')} value={filter.from} onChange={(from) => change({ from })} />
          <DateField label={t('audit.filters.to')} value={filter.to} onChange={(to) => change({ to })} invalid={!daysInOrder(filter)} />
        </fieldset>
      )}
      {!daysInOrder(filter) && (
        <p className="message message--error" role="alert">
          {t('audit.filters.dayOrder')}
        </p>
      )}
      <FilterChipList chips={chips} label={t('audit.filters.inForce')} removeLabel={(filter) => t('audit.filters.remove', { filter })} onRemove={change} />
    </>
  );
}
