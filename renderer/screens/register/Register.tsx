import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProcessorRegisterDto } from '../../../shared/dto/register';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ScreenTitle } from '../../components/ScreenTitle';
import { useStore } from '../../store';
import { ComplianceWarnings } from './ComplianceWarnings';
import { Policies } from './Policies';
import { Processors } from './Processors';
import { Purposes } from './Purposes';
import { SharingLog } from './SharingLog';

const tabs = ['purposes', 'policies', 'processors', 'sharing'] as const;
type Tab = (typeof tabs)[number];

const arrowSteps: Record<string, (i: number) => number> = {
  ArrowRight: (i) => (i + 1) % tabs.length,
  ArrowLeft: (i) => (i - 1 + tabs.length) % tabs.length,
  Home: () => 0,
  End: () => tabs.length - 1,
};

/**
 * The processing register (Art. 30): purposes, the privacy-policy archive, processors and
 * the partner-sharing log. The compliance warnings sit above the tabs so nobody misses them.
 */
export function Register() {
  const { t } = useTranslation();
  // A finding of the Reports screen's check opens its tab (and its processor): taken once.
  const [fix] = useState(() => useStore.getState().fixTarget);
  const clearFix = useStore((s) => s.clearFix);
  useEffect(() => clearFix(), [clearFix]);
  // Opened from the home dashboard at the Privacy Shield warning: the processors it names are under their tab.
  const [tab, setTab] = useState<Tab>(() => (fix?.route === 'register' ? fix.tab : useStore.getState().focusPanel === 'compliance-warnings' ? 'processors' : 'purposes'));
  const tabButtons = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});
  // The ARIA tabs pattern screen readers announce: one Tab stop, the arrow keys (and Home, End) move between tabs.
  const onTabKey = (e: KeyboardEvent) => {
    const step = arrowSteps[e.key];
    if (!step) return;
    e.preventDefault();
    const next = tabs[step(tabs.indexOf(tab))]!;
    setTab(next);
    tabButtons.current[next]?.focus();
  };
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
      <div className="tabs" role="tablist" aria-label={t('register.tabsLabel')} onKeyDown={onTabKey}>
        {tabs.map((k) => (
          <button
            key={k}
            ref={(el) => {
              tabButtons.current[k] = el;
            }}
            type="button"
            role="tab"
            id={`register-tab-${k}`}
            aria-selected={tab === k}
            aria-controls={`register-panel-${k}`}
            tabIndex={tab === k ? 0 : -1}
            className="tabs__tab"
            onClick={() => setTab(k)}
          >
            {t(`register.tabs.${k}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`register-panel-${tab}`} aria-labelledby={`register-tab-${tab}`} className="tabs__panel">
        {tab === 'purposes' && <Purposes processors={register?.processors ?? []} onChanged={reload} focusId={fix?.route === 'register' && fix.tab === 'purposes' ? fix.id : null} />}
        {tab === 'policies' && <Policies onChanged={reload} />}
        {tab === 'processors' && register && <Processors processors={register.processors} onChanged={reload} focusId={fix?.route === 'register' && fix.tab === 'processors' ? fix.id : null} />}
        {tab === 'sharing' && <SharingLog />}
      </div>
    </section>
  );
}
