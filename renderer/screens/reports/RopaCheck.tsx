import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RopaFindingDto } from '../../../shared/dto/report-docs';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Icon } from '../../components/Icon';
import { useStore } from '../../store';

/** What the record of processing lacks, each finding with a button to where it is fixed. */
export function RopaCheck() {
  const { t } = useTranslation();
  const openFix = useStore((s) => s.openFix);
  const [findings, setFindings] = useState<RopaFindingDto[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => void api.call('reports.ropaCheck', {}).then(setFindings, setError), []);
  const subject = (f: RopaFindingDto) => (f.code === 'category_no_retention' && f.subject ? t(`ropa.categories.${f.subject}`, { defaultValue: f.subject }) : (f.subject ?? ''));

  return (
    <section className="panel panel--wide" aria-labelledby="reports-check" data-testid="ropa-check">
      <h2 className="panel__title" id="reports-check">
        {t('reports.screen.checkTitle')}
      </h2>
      <p className="panel__intro">{t('reports.screen.checkIntro')}</p>
      <ErrorMessage error={error} />
      {findings === null && !error && <p className="muted">{t('common.loading')}</p>}
      {findings?.length === 0 && <p className="muted">{t('ropa.checkClean')}</p>}
      {findings && findings.length > 0 && (
        <ul className="reports__findings">
          {findings.map((f, i) => (
            <li key={`${f.code}-${f.fix.id ?? ''}-${i}`} className="reports__finding" data-code={f.code}>
              <Icon name="alert" className="reports__finding-icon" />
              <span className="reports__finding-text">{t(`ropa.findings.${f.code}`, { subject: subject(f) })}</span>
              <button type="button" className="button button--secondary button--small" onClick={() => openFix(f.fix)}>
                {t(`reports.screen.fix.${f.fix.route}`)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
