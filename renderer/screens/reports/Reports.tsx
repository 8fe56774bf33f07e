import { useTranslation } from 'react-i18next';
import { ScreenTitle } from '../../components/ScreenTitle';
import { ComplianceReport } from './ComplianceReport';
import { RopaCheck } from './RopaCheck';
import { RopaReport } from './RopaReport';

/** Reports (issue 16): the compliance report for a period, the record of processing activities, and what it lacks. */
export function Reports() {
  const { t } = useTranslation();
  return (
    <section className="screen screen--wide reports">
      <header className="screen__header">
        <ScreenTitle>{t('reports.screen.title')}</ScreenTitle>
        <p className="lead">{t('reports.screen.intro')}</p>
      </header>
      <RopaCheck />
      <ComplianceReport />
      <RopaReport />
    </section>
  );
}
