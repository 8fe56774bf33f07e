import { useTranslation } from 'react-i18next';
import { ExportButton } from '../exports/ExportButton';
import { ScreenTitle } from '../../components/ScreenTitle';
import { MailingList } from './MailingList';
import { MinorsReview } from './MinorsReview';
import { NoBasisReview } from './NoBasisReview';
import { ReconsentList } from './ReconsentList';

/** The consents section: the review lists the ledger feeds and the newsletter export. */
export function Consents() {
  const { t } = useTranslation();
  return (
    <section className="screen screen--wide">
      <header className="screen__header screen__header--split">
        <div>
          <ScreenTitle>{t('consents.title')}</ScreenTitle>
          <p className="lead">{t('consents.intro')}</p>
        </div>
        <div className="record-actions">
          <ExportButton table="consents" />
        </div>
      </header>
      <div className="consent-grid">
        <MailingList />
        <NoBasisReview />
        <MinorsReview />
        <ReconsentList />
      </div>
    </section>
  );
}
