import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEventDto } from '../../../shared/dto/index';
import { api } from '../../api';
import { auditWords } from '../../audit-words';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatDateTime } from '../../format';
import { AuditAbout } from '../audit/AuditAbout';

const PAGE = 20;

function HistoryRow({ event, contactId }: { event: AuditEventDto; contactId: string }) {
  const { t, i18n } = useTranslation();
  const { action, entity, fields } = auditWords(t, i18n, event);
  // A look names what was looked at; a change names its fields.
  const what = event.action === 'auditor.viewed' || event.action === 'read_only.viewed' ? `${action}: ${entity}` : action;
  return (
    <tr>
      <td className="nowrap">{formatDateTime(event.at)}</td>
      <td>{event.staffName ?? t('audit.nobody')}</td>
      <td>
        <span title={event.action}>{what}</span>
      </td>
      <td className="audit-about">
        <AuditAbout about={event.about} here={contactId} />
      </td>
      <td>{fields || t('common.none')}</td>
    </tr>
  );
}

/**
 * What the audit log holds about this person, newest first: changes, reveals of their
 * sensitive details, participations, and what was recorded about a duplicate merged into
 * them. `refreshKey` changes whenever the page changed something, so the new line shows.
 */
export function ContactHistory({ contactId, refreshKey }: { contactId: string; refreshKey: number }) {
  const { t } = useTranslation();
  const [events, setEvents] = useState<AuditEventDto[] | null>(null);
  const [hasOlder, setHasOlder] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const page = useCallback((beforeSeq?: number) => api.call('audit.list', { subjectId: contactId, limit: PAGE, beforeSeq }), [contactId]);
  useEffect(() => {
    let current = true;
    page().then(
      (first) => {
        if (!current) return;
        setEvents(first);
        setHasOlder(first.length === PAGE);
        setError(null);
      },
      (e: unknown) => current && setError(e),
    );
    return () => {
      current = false;
    };
  }, [page, refreshKey]);
  const showOlder = async (beforeSeq: number) => {
    try {
      const older = await page(beforeSeq);
      // A reload may have replaced the list meanwhile: never show a line twice.
      setEvents((known) => [...(known ?? []), ...older.filter((e) => !known?.some((k) => k.seq === e.seq))]);
      setHasOlder(older.length === PAGE);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section className="panel panel--wide" data-testid="contact-history">
      <h2 className="panel__title">{t('contacts.history.title')}</h2>
      <p className="muted small">{t('contacts.history.intro')}</p>
      <ErrorMessage error={error} />
      {events?.length === 0 && <p className="muted">{t('contacts.history.empty')}</p>}
      {events && events.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption className="sr-only">{t('contacts.history.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.columns.at')}</th>
                <th scope="col">{t('audit.columns.who')}</th>
                <th scope="col">{t('audit.columns.action')}</th>
                <th scope="col">{t('audit.columns.about')}</th>
                <th scope="col">{t('audit.columns.fields')}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <HistoryRow key={e.seq} event={e} contactId={contactId} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {hasOlder && events && (
        <button type="button" className="button button--secondary" onClick={() => void showOlder(events.at(-1)!.seq)}>
          {t('contacts.history.older')}
        </button>
      )}
    </section>
  );
}
