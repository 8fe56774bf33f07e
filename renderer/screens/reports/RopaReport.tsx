import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../i18n';
import { api } from '../../api';
import { exportFileName } from '../../export-path';
import { currentLanguage } from '../../i18n';
import { ChoiceGroup } from '../exports/ChoiceGroup';
import { ExportRunView } from '../exports/ExportRunView';
import { useExportRun } from '../exports/use-export-run';
import { LanguageChoice } from './LanguageChoice';

/** The record of processing activities (Art. 30) as a printable page, a PDF, or JSON for scripts. */
export function RopaReport() {
  const { t } = useTranslation();
  const run = useExportRun();
  const [language, setLanguage] = useState<Language>(currentLanguage());
  const [format, setFormat] = useState<'pdf' | 'html' | 'json'>('pdf');
  const make = () => run.start(exportFileName(['record-of-processing'], format), (out) => api.call('reports.ropa', { format, language, out }));

  return (
    <section className="panel panel--wide" aria-labelledby="reports-ropa" data-testid="ropa-report">
      <h2 className="panel__title" id="reports-ropa">
        {t('reports.screen.ropaTitle')}
      </h2>
      <p className="panel__intro">{t('reports.screen.ropaIntro')}</p>
      <div className="reports__choices">
        <LanguageChoice group="ropa-language" value={language} onChange={setLanguage} disabled={run.busy || format === 'json'} />
        <ChoiceGroup
          legend={t('reports.screen.format')}
          group="ropa-format"
          choices={(['pdf', 'html', 'json'] as const).map((f) => ({ value: f, name: t(`reports.screen.formats.${f}`), help: t(`reports.screen.formatHelp.${f}`) }))}
          value={format}
          onChange={setFormat}
          disabled={run.busy}
        />
      </div>
      <div className="export-flow__actions">
        <button type="button" className="button button--primary" onClick={() => void make()} disabled={run.busy || run.elsewhere}>
          {t('reports.screen.makeRopa')}
        </button>
      </div>
      <ExportRunView run={run} />
    </section>
  );
}
