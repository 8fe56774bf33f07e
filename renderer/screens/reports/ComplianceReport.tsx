import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../i18n';
import { api } from '../../api';
import { DateField } from '../../components/DateInput';
import { exportFileName } from '../../export-path';
import { currentLanguage } from '../../i18n';
import { ChoiceGroup } from '../exports/ChoiceGroup';
import { ExportRunView } from '../exports/ExportRunView';
import { useExportRun } from '../exports/use-export-run';
import { LanguageChoice } from './LanguageChoice';
import { periodPresets, presetPeriod, type PeriodPreset } from './periods';

/**
 * The compliance report for a period: a preset or two typed days, the report's language
 * (the board may read French while the app speaks English), HTML or PDF, then the export
 * flow (save dialog, progress, the saved path).
 */
export function ComplianceReport() {
  const { t } = useTranslation();
  const run = useExportRun();
  const [period, setPeriod] = useState(() => presetPeriod('lastYear'));
  const [language, setLanguage] = useState<Language>(currentLanguage());
  const [format, setFormat] = useState<'pdf' | 'html'>('pdf');
  const ready = period.from !== '' && period.to !== '' && period.from <= period.to;
  const make = () => run.start(exportFileName(['compliance', period.from, period.to], format), (out) => api.call('reports.compliance', { ...period, language, format, out }));

  return (
    <section className="panel panel--wide" aria-labelledby="reports-compliance" data-testid="compliance-report">
      <h2 className="panel__title" id="reports-compliance">
        {t('reports.screen.complianceTitle')}
      </h2>
      <p className="panel__intro">{t('reports.screen.complianceIntro')}</p>
      <fieldset className="fieldset" disabled={run.busy}>
        <legend className="field__label">{t('reports.screen.period')}</legend>
        <div className="reports__presets">
          {periodPresets.map((p: PeriodPreset) => (
            <button key={p} type="button" className="button button--secondary button--small" onClick={() => setPeriod(presetPeriod(p))}>
              {t(`reports.screen.presets.${p}`)}
            </button>
          ))}
        </div>
        <div className="reports__dates">
          <DateField label={t('reports.screen.from')} value={period.from} onChange={(from) => setPeriod((x) => ({ ...x, from }))} />
          <DateField label={t('reports.screen.to')} value={period.to} onChange={(to) => setPeriod((x) => ({ ...x, to }))} />
        </div>
        {period.from !== '' && period.to !== '' && period.from > period.to && <p className="field__error">{t('reports.screen.reversed')}</p>}
      </fieldset>
      <div className="reports__choices">
        <LanguageChoice group="compliance-language" value={language} onChange={setLanguage} disabled={run.busy} />
        <ChoiceGroup
          legend={t('reports.screen.format')}
          group="compliance-format"
          choices={(['pdf', 'html'] as const).map((f) => ({ value: f, name: t(`reports.screen.formats.${f}`), help: t(`reports.screen.formatHelp.${f}`) }))}
          value={format}
          onChange={setFormat}
          disabled={run.busy}
        />
      </div>
      <div className="export-flow__actions">
        <button type="button" className="button button--primary" onClick={() => void make()} disabled={!ready || run.busy || run.elsewhere}>
          {t('reports.screen.makeCompliance')}
        </button>
      </div>
      <ExportRunView run={run} />
    </section>
  );
}
