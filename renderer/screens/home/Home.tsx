import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DashboardDto } from '../../../shared/dto/dashboard';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Icon } from '../../components/Icon';
import { ScreenTitle } from '../../components/ScreenTitle';
import { formatDate } from '../../format';
import { selectRole, useStore } from '../../store';
import { homeItems, type HomeGroup, type HomeItem } from './home-items';
import { UrgentRequests } from './UrgentRequests';

const GROUPS: HomeGroup[] = ['now', 'soon', 'info'];

function ItemCard({ item, dashboard }: { item: HomeItem; dashboard: DashboardDto }) {
  const { t } = useTranslation();
  const navigate = useStore((s) => s.navigate);
  const openRequest = useStore((s) => s.openRequest);
  const requests = item.key === 'requestsOverdue' ? dashboard.requests.overdue : item.key === 'requestsSoon' ? dashboard.requests.dueSoon : null;
  const open = () => {
    // "Open the requests" leads to the list, not to the request last looked at.
    if (item.route === 'requests') openRequest(null);
    navigate(item.route, item.panel);
  };
  return (
    <li className={`home-item home-item--${item.group}`} data-testid={`home-${item.key}`}>
      <div className="home-item__body">
        <p className="home-item__sentence">{item.sentence}</p>
        {requests && <UrgentRequests requests={requests.top} more={requests.count - requests.top.length} />}
        {item.group === 'info' && <p className="home-item__who">{t(`home.who.${item.actor}`)}</p>}
      </div>
      <button type="button" className={item.group === 'now' ? 'button button--primary button--small' : 'button button--secondary button--small'} onClick={open}>
        {item.action}
      </button>
    </li>
  );
}

/**
 * The first screen after unlocking: what needs doing today, grouped by how soon, each
 * item one click from where it is fixed. What the person's role cannot fix is shown for
 * information, with who can.
 */
export function Home() {
  const { t } = useTranslation();
  const role = useStore(selectRole);
  const [dashboard, setDashboard] = useState<DashboardDto | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let current = true;
    api.call('dashboard.get', {}).then(
      (d) => current && setDashboard(d),
      (e: unknown) => current && setError(e),
    );
    return () => {
      current = false;
    };
  }, []);
  const items = dashboard ? homeItems(dashboard, role, t) : [];
  const actionable = items.filter((i) => i.group !== 'info');

  return (
    <section className="screen screen--wide home">
      <header className="screen__header">
        <ScreenTitle>{t('home.title')}</ScreenTitle>
        {dashboard && <p className="lead">{t('home.intro', { date: formatDate(dashboard.today) })}</p>}
      </header>
      <ErrorMessage error={error} />
      {!dashboard && !error && (
        <p className="muted" role="status">
          {t('home.loading')}
        </p>
      )}
      {dashboard && actionable.length === 0 && (
        <div className="home-clear" role="status" data-testid="home-all-clear">
          <Icon name="check" className="home-clear__icon" />
          <p>{items.length === 0 ? t('home.allClear') : t('home.allClearForYou')}</p>
        </div>
      )}
      {GROUPS.map((group) => {
        const inGroup = items.filter((i) => i.group === group);
        if (inGroup.length === 0) return null;
        return (
          <section className="home-group" key={group} aria-labelledby={`home-group-${group}`} data-testid={`home-group-${group}`}>
            <h2 className="home-group__title" id={`home-group-${group}`}>
              {t(`home.groups.${group}`)}
            </h2>
            <ul className="home-list">
              {inGroup.map((item) => (
                <ItemCard key={item.key} item={item} dashboard={dashboard!} />
              ))}
            </ul>
          </section>
        );
      })}
    </section>
  );
}
