import type { RegisterTable } from '../../../shared/vocabulary';
import type { ExportForm, ExportFormat } from '../../../shared/vocabulary';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Input } from '../../../shared/api/index';
import { api } from '../../api';
import { exportFileName } from '../../export-path';
import { currentLanguage } from '../../i18n';
import { ChoiceGroup } from './ChoiceGroup';
import { ExportRunView } from './ExportRunView';
import { useExportRun } from './use-export-run';

type Delimiter = ',' | ';';

/** The name a file gets in the save dialog: `registre-contacts-2026-11-26.csv`. */
const fileBase: Record<RegisterTable, string> = {
  contacts: 'contacts',
  organisations: 'organisations',
  events: 'events',
  participations: 'participations',
  consents: 'consents',
  photoPreferences: 'photo-preferences',
  processors: 'processors',
  sharing: 'sharing-log',
  requests: 'requests',
  audit: 'audit-log',
};

interface Props {
  table: RegisterTable;
  /** The register's filters as the contract takes them; absent ones keep every row. */
  filters: Record<string, unknown>;
  /** The filters in words ("Organisation: IMPEL"), shown so nobody is surprised by the row count. */
  filterWords?: readonly string[];
  /** Told when an export starts and ends, so a dialog around it stays open meanwhile. */
  onBusyChange?: (busy: boolean) => void;
}

/**
 * The one export flow every register uses: format (CSV for spreadsheets, JSON the
 * canonical one), who a CSV is for (people: words in the app's language; scripts: the
 * machine form), CSV's delimiter and byte-order mark, then the save dialog, the progress
 * bar with its cancel button, and the result.
 */
export function RegisterExport({ table, filters, filterWords = [], onBusyChange }: Props) {
  const { t } = useTranslation();
  const run = useExportRun();
  const [format, setFormat] = useState<ExportFormat>('csv');
  // French and Belgian Excel split columns on ';' — the likely reader when the app speaks French.
  const [delimiter, setDelimiter] = useState<Delimiter>(currentLanguage() === 'fr' ? ';' : ',');
  // Excel is the audience of a CSV: without the mark, Excel on Windows garbles accents.
  const [bom, setBom] = useState(true);
  // A CSV is most often opened by a person in a spreadsheet; scripts ask for the machine form.
  const [form, setForm] = useState<ExportForm>('people');
  useEffect(() => onBusyChange?.(run.busy), [run.busy, onBusyChange]);

  const go = () =>
    run.start(exportFileName([fileBase[table]], format), (out) => {
      const options = format === 'csv' ? { format, delimiter, bom, form, language: currentLanguage() } : { format };
      return api.call('exports.register', { table, filters, ...options, out } as Input<'exports.register'>);
    });

  return (
    <div className="export-flow" data-testid="register-export">
      {filterWords.length > 0 ? (
        <div className="export-flow__filters">
          <p className="field__label">{t('exports.flow.withFilters')}</p>
          <ul className="export-flow__filter-list">
            {filterWords.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="muted">{t('exports.flow.allRows')}</p>
      )}
      <ChoiceGroup
        legend={t('exports.flow.format')}
        group={`format-${table}`}
        choices={(['csv', 'json'] as const).map((f) => ({ value: f, name: t(`exports.flow.formats.${f}`), help: t(`exports.flow.formatHelp.${f}`) }))}
        value={format}
        onChange={setFormat}
        disabled={run.busy}
      />
      {format === 'csv' && (
        <>
          <ChoiceGroup
            legend={t('exports.flow.form')}
            group={`form-${table}`}
            choices={(['people', 'machine'] as const).map((f) => ({ value: f, name: t(`exports.flow.forms.${f}`), help: t(`exports.flow.formHelp.${f}`) }))}
            value={form}
            onChange={setForm}
            disabled={run.busy}
          />
          <ChoiceGroup
            legend={t('exports.flow.delimiter')}
            group={`delimiter-${table}`}
            choices={[
              { value: ',', name: t('exports.flow.comma'), help: t('exports.flow.commaHelp') },
              { value: ';', name: t('exports.flow.semicolon'), help: t('exports.flow.semicolonHelp') },
            ]}
            value={delimiter}
            onChange={setDelimiter}
            disabled={run.busy}
          />
          <label className="checkbox export-flow__bom">
            <input type="checkbox" checked={bom} onChange={(e) => setBom(e.target.checked)} disabled={run.busy} />
            <span>
              {t('exports.flow.bom')}
              <span className="field__help">{t('exports.flow.bomHelp')}</span>
            </span>
          </label>
        </>
      )}
      <div className="export-flow__actions">
        <button type="button" className="button button--primary" onClick={() => void go()} disabled={run.busy || run.elsewhere}>
          {t('exports.flow.start')}
        </button>
      </div>
      <ExportRunView run={run} />
    </div>
  );
}
