import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { RequestDto } from '../../../shared/dto/requests';
import { formatDate } from '../../format';

/**
 * Who asked: the linked contact's name, else the name the requester gave; an erased
 * person's request keeps neither (its name is blanked), and says so.
 */
export function requesterOf(r: RequestDto, t: TFunction): string {
  if (r.contact) return r.contact.name;
  if (r.requesterName === '') return t('requests.erasedPerson');
  return r.requesterName ?? t('requests.unnamed');
}

/** The deadline as a coloured word: on time, due within 7 days, overdue; grey while the clock is stopped or once closed. */
export function DeadlineBadge({ request }: { request: RequestDto }) {
  const { t } = useTranslation();
  if (request.closedDate) return <span className="badge badge--neutral">{t('requests.deadline.closed', { date: formatDate(request.closedDate) })}</span>;
  if (request.daysLeft === null || request.urgency === null) return <span className="badge badge--neutral">{t('requests.deadline.stopped')}</span>;
  const left = request.daysLeft;
  const words = left < 0 ? t('requests.deadline.overdue', { count: -left }) : left === 0 ? t('requests.deadline.today') : t('requests.deadline.left', { count: left });
  return (
    <span className={`badge deadline deadline--${request.urgency}`} data-urgency={request.urgency}>
      {words}
    </span>
  );
}
