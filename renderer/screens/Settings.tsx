import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../components/ErrorMessage';
import { ScreenTitle } from '../components/ScreenTitle';
import { selectIsAdmin, selectReadOnly, useStore } from '../store';
import { AutoLockSection } from './settings/AutoLockSection';
import { BackupsSection } from './settings/BackupsSection';
import { CalendarSection } from './settings/CalendarSection';
import { MyPassphraseSection } from './settings/MyPassphraseSection';
import { OrganisationSection } from './settings/OrganisationSection';
import { RecordsSection } from './settings/RecordsSection';
import { RekeySection } from './settings/RekeySection';
import { StaffSection } from './settings/StaffSection';
import { VaultInfoSection } from './settings/VaultInfoSection';

export function Settings() {
  const { t } = useTranslation();
  const isAdmin = useStore(selectIsAdmin);
  const readOnly = useStore(selectReadOnly);
  const loadSettingsScreen = useStore((s) => s.loadSettingsScreen);
  const [loadError, setLoadError] = useState<unknown>(null);

  useEffect(() => {
    loadSettingsScreen().catch(setLoadError);
  }, [loadSettingsScreen]);

  // A finding of the Reports screen's check (no DPO named) opens Settings at the organisation.
  const clearFix = useStore((s) => s.clearFix);
  useEffect(() => {
    if (useStore.getState().fixTarget?.route !== 'settings') return;
    clearFix();
    document.querySelector('[data-testid="organisation-section"]')?.scrollIntoView({ block: 'start' });
  }, [clearFix]);

  return (
    <section className="screen">
      <header className="screen__header">
        <ScreenTitle>{t('settings.title')}</ScreenTitle>
      </header>
      <ErrorMessage error={loadError} />
      <div className="settings-grid">
        <div className="settings-col">
          <VaultInfoSection />
          <AutoLockSection />
        </div>
        <div className="settings-col">
          {!readOnly && <MyPassphraseSection />}
          <RecordsSection />
        </div>
        <OrganisationSection />
        <BackupsSection />
        <StaffSection />
        <CalendarSection />
        {isAdmin && <RekeySection />}
      </div>
    </section>
  );
}
