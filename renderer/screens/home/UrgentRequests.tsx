import { useTranslation } from 'react-i18next';
import type { DashboardRequestDto } from '../../../shared/dto/dashboard';
import { formatDate } from '../../format';
import { useStore } from '../../store';

/** The few soonest requests of a group, each one click from its page. */
export function UrgentRequests({ requests, more }: { requests: DashboardRequestDto[]; more: number }) {
  const { t } = useTranslation();
  const openRequest = useStore((s) => s.openRequest);
  if (requests.length === 0) return null;
  return (
    <ul className="home-requests">
      {requests.map((r) => (
        <li key={r.id}>
          <button type="button" className="link-button" onClick={() => openRequest(r.id)}>
            {t('home.requestLine', {
              type: t(`requests.types.${r.type}`),
              name: r.name === '' ? t('requests.erasedPerson') : (r.name ?? t('requests.unnamed')),
            })}
          </button>{' '}
          <span className={`badge deadline deadline--${r.daysLeft < 0 ? 'overdue' : 'due_soon'}`}>
            {r.daysLeft < 0 ? t('requests.deadline.overdue', { count: -r.daysLeft }) : r.daysLeft === 0 ? t('requests.deadline.today') : t('requests.deadline.left', { count: r.daysLeft })}
          </span>{' '}
          <span className="muted">{t('home.dueOn', { date: formatDate(r.dueDate) })}</span>
        </li>
      ))}
      {more > 0 && <li className="muted">{t('home.moreRequests', { count: more })}</li>}
    </ul>
  );
}
