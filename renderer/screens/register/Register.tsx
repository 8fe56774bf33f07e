import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProcessorRegisterDto } from '../../../shared/dto/register';
import { api } from '../../api';
import { useStore } from '../../store';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ScreenTitle } from '../../components/ScreenTitle';
import { ComplianceWarnings } from './ComplianceWarnings';
import { Policies } from './Policies';
import { Processors } from './Processors';
import { Purposes } from './Purposes';
import { SharingLog } from './SharingLog';

const tabs = ['purposes', 'policies', 'processors', 'sharing'] as const;
type Tab = (typeof tabs)[number];

/**
 * The processing register (Art. 30): purposes, the privacy-policy archive, processors and
 * the partner-sharing log. The compliance warnings sit above the tabs so nobody misses them.
 */
export function Register() {
  const { t } = useTranslation();
  // Opened from the home dashboard at the Privacy Shield warning: the processors it names are under their tab.
  const [tab, setTab] = useState<Tab>(() => (useStore.getState().focusPanel === 'compliance-warnings' ? 'processors' : 'purposes'));
  const [register, setRegister] = useState<ProcessorRegisterDto | null>(null);
  const [error, setError] = useState<unknown>(null);
  // A failed reload shows in `error`: nobody needs to wait for one or catch it.
  const reload = useCallback(() => void api.call('processors.list', {}).then(setRegister, setError), []);
  useEffect(() => {
    void reload();
  }, [reload]);

  return (
    <section className="screen screen--wide register">
      <header className="screen__header">
        <ScreenTitle>{t('register.title')}</ScreenTitle>
        <p className="lead">{t('register.intro')}</p>
      </header>
      <ErrorMessage error={error} />
      {register && <ComplianceWarnings warnings={register.warnings} />}
      <div className="tabs" role="tablist" aria-label={t('register.tabsLabel')}>
        {tabs.map((k) => (
          <button key={k} type="button" role="tab" id={`register-tab-${k}`} aria-selected={tab === k} aria-controls={`register-panel-${k}`} className="tabs__tab" onClick={() => setTab(k)}>
            {t(`register.tabs.${k}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`register-panel-${tab}`} aria-labelledby={`register-tab-${tab}`} className="tabs__panel">
        {tab === 'purposes' && <Purposes processors={register?.processors ?? []} onChanged={reload} />}
        {tab === 'policies' && <Policies onChanged={reload} />}
        {tab === 'processors' && register && <Processors processors={register.processors} onChanged={reload} />}
        {tab === 'sharing' && <SharingLog />}
      </div>
    </section>
  );
}
