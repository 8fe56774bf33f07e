import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestDto } from '../../../shared/dto/requests';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatDate } from '../../format';
import { selectCanWrite, useStore } from '../../store';
import { NewRequestDialog } from '../requests/NewRequestDialog';
import { DeadlineBadge } from '../requests/request-words';

/** The person's rights requests, open ones first by deadline, each one click from its page. */
export function ContactRequests({ contact, refreshKey }: { contact: { id: string; name: string }; refreshKey: number }) {
  const { t } = useTranslation();
  const openRequest = useStore((s) => s.openRequest);
  const canWrite = useStore(selectCanWrite);
  const [requests, setRequests] = useState<RequestDto[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [adding, setAdding] = useState(false);
  useEffect(() => {
    let live = true;
    api.call('requests.list', { contactId: contact.id, includeTests: true, limit: 100 }).then(
      (l) => {
        if (live) setRequests(l.items);
      },
      (e: unknown) => {
        if (live) setError(e);
      },
    );
    return () => {
      live = false;
    };
  }, [contact.id, refreshKey]);

  return (
    <section className="panel" data-testid="contact-requests">
      <h2 className="panel__title">{t('requests.contact.title')}</h2>
      <ErrorMessage error={error} />
      {requests && requests.length === 0 && <p className="muted">{t('requests.contact.none')}</p>}
      {requests && requests.length > 0 && (
        <ul className="plain-list">
          {requests.map((r) => (
            <li key={r.id} className="contact-request">
              <button type="button" className="link-button" onClick={() => openRequest(r.id)}>
                {t('requests.contact.item', { type: t(`requests.types.${r.type}`), date: formatDate(r.receivedDate) })}
              </button>{' '}
              <span className="muted small">{t(`requests.states.${r.state}`)}</span> <DeadlineBadge request={r} />
              {r.isTest && <span className="badge badge--neutral badge--inline">{t('requests.test')}</span>}
            </li>
          ))}
        </ul>
      )}
      {canWrite && (
        <p>
          <button type="button" className="button button--secondary" onClick={() => setAdding(true)}>
            {t('requests.add.button')}
          </button>
        </p>
      )}
      {adding && <NewRequestDialog contact={contact} onClose={() => setAdding(false)} onAdded={(id) => openRequest(id)} />}
    </section>
  );
}
