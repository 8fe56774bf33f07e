import { registerTables, type RegisterTable } from '../../../shared/vocabulary';
import { knownPartners } from '../../../shared/vocabulary';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/DateInput';
import { TextField } from '../../components/Field';
import { ScreenTitle } from '../../components/ScreenTitle';
import { SelectField } from '../../components/SelectField';
import { countryCodes, countryName, sortedOptions } from '../../options';
import { OrganisationSelect } from '../contacts/OrganisationSelect';
import { EventSelect, ProjectSelect, PurposeSelect, type Picked } from './RecordSelects';
import { exportFilters, type ScreenFilters } from './export-filters';
import { RegisterExport } from './RegisterExport';

type Archived = 'exclude' | 'include' | 'only';

/** Every filter any register has; each register reads only its own. */
interface FilterValues {
  query: string;
  organisation: Picked;
  country: string;
  event: Picked;
  project: Picked;
  purpose: Picked;
  archived: Archived;
  from: string;
  to: string;
  partner: string;
}

const noFilters: FilterValues = { query: '', organisation: null, country: '', event: null, project: null, purpose: null, archived: 'exclude', from: '', to: '', partner: '' };

/** Which filters each register offers here (shared/api/exports.ts); ones about one person live on the contact page. */
const filtersOf: Record<RegisterTable, ReadonlyArray<keyof FilterValues>> = {
  contacts: ['query', 'organisation', 'country', 'event', 'archived'],
  organisations: ['query'],
  events: ['query'],
  participations: ['event', 'project'],
  consents: ['purpose', 'from', 'to'],
  photoPreferences: ['event'],
  processors: [],
  sharing: ['partner'],
  requests: [],
  audit: ['from', 'to'],
};

/** The form's values for the filters `table` offers, for exportFilters. */
function offeredValues(table: RegisterTable, v: FilterValues): ScreenFilters {
  return Object.fromEntries(filtersOf[table].map((k) => [k, v[k]]));
}

function Filters({ table, values, set }: { table: RegisterTable; values: FilterValues; set: (patch: Partial<FilterValues>) => void }) {
  const { t } = useTranslation();
  const offered = filtersOf[table];
  if (offered.length === 0) return <p className="muted">{t('exports.noFilters')}</p>;
  const has = (k: keyof FilterValues) => offered.includes(k);
  return (
    <div className="export-filters" data-testid="export-filters">
      {has('query') && <TextField label={t('exports.filters.query')} type="search" value={values.query} onChange={(query) => set({ query })} autoComplete="off" />}
      {has('organisation') && (
        <OrganisationSelect label={t('contacts.fields.organisation')} emptyLabel={t('contacts.anyOrganisation')} value={values.organisation} onChange={(organisation) => set({ organisation })} />
      )}
      {has('country') && (
        <SelectField
          label={t('contacts.fields.country')}
          empty={t('contacts.anyCountry')}
          value={values.country}
          onChange={(country) => set({ country })}
          options={sortedOptions(countryCodes, countryName)}
        />
      )}
      {has('event') && <EventSelect label={t('exports.filters.event')} empty={t('exports.filters.anyEvent')} value={values.event} onChange={(event) => set({ event })} />}
      {has('project') && <ProjectSelect label={t('exports.filters.project')} empty={t('exports.filters.anyProject')} value={values.project} onChange={(project) => set({ project })} />}
      {has('purpose') && <PurposeSelect label={t('exports.filters.purpose')} empty={t('exports.filters.anyPurpose')} value={values.purpose} onChange={(purpose) => set({ purpose })} />}
      {has('archived') && (
        <SelectField
          label={t('contacts.archivedFilter')}
          value={values.archived}
          onChange={(v) => set({ archived: v as Archived })}
          options={(['exclude', 'only', 'include'] as const).map((v) => ({ value: v, label: t(`contacts.archived.${v}`) }))}
        />
      )}
      {has('partner') && (
        <SelectField
          label={t('exports.filters.partner')}
          empty={t('exports.filters.anyPartner')}
          value={values.partner}
          onChange={(partner) => set({ partner })}
          options={knownPartners.map((p) => ({ value: p, label: p }))}
        />
      )}
      {has('from') && <DateField label={t('exports.filters.from')} value={values.from} onChange={(from) => set({ from })} />}
      {has('to') && <DateField label={t('exports.filters.to')} value={values.to} onChange={(to) => set({ to })} />}
    </div>
  );
}

/**
 * Administration → Exports: any register as CSV or JSON with its filters, and what the
 * files hold (formula neutralisation, the manifest). A person's own bundle is on their
 * contact page.
 */
export function Exports() {
  const { t } = useTranslation();
  const [table, setTable] = useState<RegisterTable>('contacts');
  const [values, setValues] = useState<FilterValues>(noFilters);
  // While a file is being written the register stays put: its result belongs to it.
  const [busy, setBusy] = useState(false);
  const { filters, words } = exportFilters(offeredValues(table, values), t);
  return (
    <section className="screen screen--wide exports">
      <header className="screen__header">
        <ScreenTitle>{t('exports.title')}</ScreenTitle>
        <p className="lead">{t('exports.intro')}</p>
      </header>
      <div className="exports__layout">
        <fieldset className="fieldset exports__registers" disabled={busy}>
          <legend className="field__label">{t('exports.chooseRegister')}</legend>
          <div className="choice-list">
            {registerTables.map((r) => (
              <label key={r} className="choice choice--top" data-register={r}>
                <input type="radio" name="register" value={r} checked={table === r} onChange={() => setTable(r)} />
                <span className="choice__text">
                  <span className="choice__name">{t(`exports.registers.${r}.name`)}</span>
                  <span className="muted small">{t(`exports.registers.${r}.about`)}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <div className="exports__panel">
          <section className="panel">
            <h2 className="panel__title">{t('exports.filtersTitle', { register: t(`exports.registers.${table}.name`) })}</h2>
            <Filters table={table} values={values} set={(patch) => setValues((v) => ({ ...v, ...patch }))} />
          </section>
          <section className="panel">
            <h2 className="panel__title">{t('exports.fileTitle')}</h2>
            {/* Keyed by register: a finished export's result belongs to the register it was. */}
            <RegisterExport key={table} table={table} filters={filters} filterWords={words} onBusyChange={setBusy} />
          </section>
          <section className="panel exports__notes">
            <h2 className="panel__title">{t('exports.notesTitle')}</h2>
            <p>{t('exports.notes.formulas')}</p>
            <p>{t('exports.notes.manifest')}</p>
            <p>{t('exports.notes.audit')}</p>
            <p>{t('exports.notes.person')}</p>
          </section>
        </div>
      </div>
    </section>
  );
}
