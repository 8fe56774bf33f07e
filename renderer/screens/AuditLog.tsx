import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEventDto } from '../../shared/dto/index';
import { auditWords } from '../audit-words';
import { ErrorMessage } from '../components/ErrorMessage';
import { Icon } from '../components/Icon';
import { ExportButton } from './exports/ExportButton';
import { ScreenTitle } from '../components/ScreenTitle';
import { formatDateTime, formatNumber } from '../format';
import { useStore } from '../store';
import { useTask } from '../use-task';

function AuditRow({ event }: { event: AuditEventDto }) {
  const { t, i18n } = useTranslation();
  const { action, entity, fields } = auditWords(t, i18n, event);
  return (
    <tr>
      <td className="num">{event.seq}</td>
      <td className="nowrap">{formatDateTime(event.at)}</td>
      <td>{event.staffName ?? t('audit.nobody')}</td>
      <td>
        <span title={event.action}>{action}</span>
      </td>
      <td>
        {entity}
        {event.entityId && (
          <>
            {' '}
            <code className="id" title={event.entityId}>
              {event.entityId.slice(0, 8)}
            </code>
          </>
        )}
      </td>
      <td>{fields || t('common.none')}</td>
    </tr>
  );
}

function Verification() {
  const { t } = useTranslation();
  const verification = useStore((s) => s.audit.verification);
  const verifyAudit = useStore((s) => s.verifyAudit);
  const verify = useTask(verifyAudit);
  return (
    <div className="verify">
      <button type="button" className="button button--secondary" onClick={() => void verify.run()} disabled={verify.pending}>
        <Icon name="shield" /> {verify.pending ? t('audit.verifying') : t('audit.verify')}
      </button>
      <ErrorMessage error={verify.error} />
      {verification && !verify.pending && (
        <div className={verification.intact ? 'message message--success' : 'message message--error'} role={verification.intact ? 'status' : 'alert'} data-testid="verify-result">
          <Icon name={verification.intact ? 'check' : 'alert'} />{' '}
          {verification.intact
            ? t('audit.intact', { count: verification.events, formattedCount: formatNumber(verification.events) })
            : t('audit.broken', { seq: verification.firstBroken?.seq ?? '?', reason: verification.firstBroken?.reason ?? '' })}
        </div>
      )}
    </div>
  );
}

export function AuditLog() {
  const { t } = useTranslation();
  const audit = useStore((s) => s.audit);
  const loadAudit = useStore((s) => s.loadAudit);
  const loadMoreAudit = useStore((s) => s.loadMoreAudit);
  const [loadError, setLoadError] = useState<unknown>(null);
  const more = useTask(loadMoreAudit);

  useEffect(() => {
    loadAudit().catch(setLoadError);
  }, [loadAudit]);

  return (
    <section className="screen">
      <header className="screen__header screen__header--split">
        <div>
          <ScreenTitle>{t('audit.title')}</ScreenTitle>
          <p className="lead">{t('audit.intro')}</p>
        </div>
        <div className="record-actions record-actions--top">
          <ExportButton table="audit" />
          <Verification />
        </div>
      </header>
      <ErrorMessage error={loadError} />
      {!audit.loaded && !loadError && <p className="muted">{t('common.loading')}</p>}
      {audit.loaded && audit.events.length === 0 && <p className="muted">{t('audit.empty')}</p>}
      {audit.events.length > 0 && (
        <div className="table-wrap">
          <table className="table" data-testid="audit-table">
            <caption className="sr-only">{t('audit.caption')}</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t('audit.columns.seq')}
                </th>
                <th scope="col">{t('audit.columns.at')}</th>
                <th scope="col">{t('audit.columns.who')}</th>
                <th scope="col">{t('audit.columns.action')}</th>
                <th scope="col">{t('audit.columns.entity')}</th>
                <th scope="col">{t('audit.columns.fields')}</th>
              </tr>
            </thead>
            <tbody>
              {audit.events.map((e) => (
                <AuditRow key={e.seq} event={e} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ErrorMessage error={more.error} />
      {audit.loaded && audit.events.length > 0 && (
        <div className="table-footer">
          {audit.hasMore ? (
            <button type="button" className="button button--secondary" onClick={() => void more.run()} disabled={more.pending}>
              {more.pending ? t('audit.loadingMore') : t('audit.loadMore')}
            </button>
          ) : (
            <p className="muted">{t('audit.allShown', { count: audit.events.length })}</p>
          )}
        </div>
      )}
    </section>
  );
}
