import { useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { ErrorMessage } from '../components/ErrorMessage';
import { Icon } from '../components/Icon';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { routeGroups, type Route, type RouteGroup } from '../routes';
import { selectMe, selectReadOnly, useStore } from '../store';
import { formatDateMinute } from '../format';
import { usePanelFocus } from '../use-panel-focus';
import { useTask } from '../use-task';
import { AuditLog } from './AuditLog';
import { Backups } from './backups/Backups';
import { Exports } from './exports/Exports';
import { Home } from './home/Home';
import { Consents } from './consents/Consents';
import { Contacts } from './contacts/Contacts';
import { Events } from './records/Events';
import { Organisations } from './records/Organisations';
import { Projects } from './records/Projects';
import { PhotoOptOuts } from './photos/PhotoOptOuts';
import { Register } from './register/Register';
import { Reports } from './reports/Reports';
import { RequestsScreen } from './requests/RequestsScreen';
import { Retention } from './retention/Retention';
import { Settings } from './Settings';
import { Statistics } from './statistics/Statistics';

/** Every section's screen: a section added to the routes without one is a compile error. */
const screens: Record<Route, () => ReactElement> = {
  home: Home,
  contacts: Contacts,
  organisations: Organisations,
  projects: Projects,
  events: Events,
  register: Register,
  consents: Consents,
  photoOptOuts: PhotoOptOuts,
  requests: RequestsScreen,
  retention: Retention,
  exports: Exports,
  statistics: Statistics,
  reports: Reports,
  backups: Backups,
  audit: AuditLog,
  settings: Settings,
};

function Screen({ route }: { route: Route }) {
  const Section = screens[route];
  return <Section />;
}

function Navigation({ folded }: { folded: boolean }) {
  const { t } = useTranslation();
  const route = useStore((s) => s.route);
  const backupOverdue = useStore((s) => s.backupOverdue);
  const refreshBackupOverdue = useStore((s) => s.refreshBackupOverdue);
  // Asked again on each change of section, so the mark shows wherever the person is.
  useEffect(() => void refreshBackupOverdue(), [route, refreshBackupOverdue]);
  const navigate = useStore((s) => s.navigate);
  const openContact = useStore((s) => s.openContact);
  const openRequest = useStore((s) => s.openRequest);
  return (
    <nav className="nav" aria-label={t('shell.navLabel')}>
      {(Object.keys(routeGroups) as RouteGroup[]).map((group) => (
        <div className="nav__group" key={group}>
          {group !== 'start' && <h2 className="nav__heading">{t(`shell.groups.${group}`)}</h2>}
          <ul className="nav__list">
            {routeGroups[group].map((r) => (
              <li key={r}>
                <button
                  type="button"
                  className="nav__item"
                  aria-current={r === route ? 'page' : undefined}
                  onClick={() => {
                    // "Contacts" and "Requests" in the sidebar always lead back to their list.
                    if (r === 'contacts') openContact(null);
                    if (r === 'requests') openRequest(null);
                    navigate(r);
                  }}
                  data-route={r}
                  // Folded to its icons, each section keeps its name as a tooltip (and, hidden, for screen readers).
                  title={folded ? t(`nav.${r}`) : undefined}
                >
                  <Icon name={r} />
                  <span>{t(`nav.${r}`)}</span>
                  {r === 'backups' && backupOverdue && (
                    <em className="nav__alert" role="img" aria-label={t('nav.backupOverdue')} title={t('nav.backupOverdue')} data-testid="nav-backup-overdue">
                      !
                    </em>
                  )}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? '';
  const last = parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

function Topbar() {
  const { t } = useTranslation();
  const me = useStore(selectMe);
  const lock = useStore((s) => s.lock);
  const locking = useTask(lock);
  return (
    <header className="topbar">
      <div className="topbar__left">
        {api.kind === 'preview' && (
          <span className="badge badge--neutral" title={t('app.previewBadgeHelp')}>
            {t('app.previewBadge')}
          </span>
        )}
      </div>
      <div className="topbar__right">
        {me && (
          <div className="person" data-testid="signed-in">
            <span className="person__avatar" aria-hidden="true" title={me.name}>
              {initials(me.name)}
            </span>
            <span className="person__text">
              <span className="sr-only">{t('shell.signedInAs')} </span>
              <span className="person__name">{me.name}</span>
              <span className={`badge badge--${me.role}`}>{t(`roles.${me.role}`)}</span>
            </span>
          </div>
        )}
        <LanguageSwitch />
        <button type="button" className="button button--secondary" onClick={() => void locking.run()} disabled={locking.pending} title={t('shell.lockHelp')}>
          <Icon name="lock" /> {t('shell.lock')}
        </button>
      </div>
      <ErrorMessage error={locking.error} />
    </header>
  );
}

/** Says, on every screen, which file is open read-only and that nothing can be changed. */
function ReadOnlyBanner() {
  const { t } = useTranslation();
  const readOnly = useStore(selectReadOnly);
  if (!readOnly) return null;
  return (
    <p className="read-only-banner" role="status" data-testid="read-only-banner">
      <Icon name="lock" />
      <span className="read-only-banner__text">
        <strong>{readOnly.source === 'backup' ? t('readOnly.bannerBackup', { date: formatDateMinute(readOnly.takenAt ?? '') }) : t('readOnly.bannerVault')}</strong>{' '}
        <span className="read-only-banner__path">{readOnly.path}</span>
      </span>
    </p>
  );
}

/** The sidebar folded to its icons, remembered on this computer: a small screen's choice stays made. */
const FOLDED_KEY = 'registre.sidebarFolded';

function useFolded(): [boolean, () => void] {
  const [folded, setFolded] = useState(() => localStorage.getItem(FOLDED_KEY) === '1');
  const toggle = () => {
    localStorage.setItem(FOLDED_KEY, folded ? '0' : '1');
    setFolded(!folded);
  };
  return [folded, toggle];
}

export function AppShell() {
  const { t } = useTranslation();
  const route = useStore((s) => s.route);
  const [folded, toggleFolded] = useFolded();
  usePanelFocus();
  return (
    <div className={folded ? 'shell shell--folded' : 'shell'}>
      <a className="skip-link" href="#main">
        {t('shell.skip')}
      </a>
      <aside className="sidebar">
        <div className="brand brand--sidebar">
          <Icon name="shield" className="brand__mark" />
          <span className="brand__name">{t('app.name')}</span>
        </div>
        <button type="button" className="sidebar__fold" aria-pressed={folded} onClick={toggleFolded} title={folded ? t('shell.unfold') : t('shell.fold')}>
          <Icon name={folded ? 'unfold' : 'fold'} />
          <span className="sidebar__fold-text">{folded ? t('shell.unfold') : t('shell.fold')}</span>
        </button>
        <Navigation folded={folded} />
      </aside>
      <div className="shell__body">
        <ReadOnlyBanner />
        <Topbar />
        <main id="main" className="content" tabIndex={-1}>
          {/* Keyed by route so each screen opens fresh and its heading takes focus. */}
          <Screen key={route} route={route} />
        </main>
      </div>
    </div>
  );
}
