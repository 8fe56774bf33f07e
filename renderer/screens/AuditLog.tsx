import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEventDto } from '../../shared/dto/index';
import { auditWords, verifyWords } from '../audit-words';
import { ErrorMessage } from '../components/ErrorMessage';
import { Icon } from '../components/Icon';
import { ExportButton } from './exports/ExportButton';
import { ScreenTitle } from '../components/ScreenTitle';
import { formatDateTime } from '../format';
import { useStore } from '../store';
import { auditFilterInput } from '../store/audit-slice';
import { useTask } from '../use-task';
import { AuditAbout } from './audit/AuditAbout';
import { AuditFilters, useAuditFilterWords } from './audit/AuditFilters';

function AuditRow({ event }: { event: AuditEventDto }) {
  const { t, i18n } = useTranslation();
  const { action, fields } = auditWords(t, i18n, event);
  return (
    <tr>
      <td className="num">{event.seq}</td>
      <td className="nowrap">{formatDateTime(event.at)}</td>
      <td>{event.staffName ?? t('audit.nobody')}</td>
      <td>
        <span title={event.action}>{action}</span>
      </td>
      <td className="audit-about" data-testid="audit-about">
        <AuditAbout about={event.about} />
      </td>
      <td>{fields || t('common.none')}</td>
    </tr>
  );
}

function Verification() {
  const { t, i18n } = useTranslation();
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
          <Icon name={verification.intact ? 'check' : 'alert'} /> {verifyWords(t, i18n, verification)}
        </div>
      )}
    </div>
  );
}

/** "Export…" with the log's filters in force, in the contract's terms and in words. */
function AuditExport() {
  const filter = useStore((s) => s.audit.filter);
  const words = useAuditFilterWords().map((c) => c.words);
  const filters = Object.fromEntries(Object.entries(auditFilterInput(filter)).filter(([, v]) => v !== undefined));
  return <ExportButton table="audit" filters={filters} filterWords={words} />;
}

export function AuditLog() {
  const { t } = useTranslation();
  const audit = useStore((s) => s.audit);
  const loadAudit = useStore((s) => s.loadAudit);
  const loadOptions = useStore((s) => s.loadAuditOptions);
  const loadMoreAudit = useStore((s) => s.loadMoreAudit);
  const [loadError, setLoadError] = useState<unknown>(null);
  const more = useTask(loadMoreAudit);
  const filtered = useAuditFilterWords().length > 0;

  useEffect(() => {
    loadAudit().catch(setLoadError);
    loadOptions().catch(setLoadError);
  }, [loadAudit, loadOptions]);

  return (
    <section className="screen">
      <header className="screen__header screen__header--split">
        <div>
          <ScreenTitle>{t('audit.title')}</ScreenTitle>
          <p className="lead">{t('audit.intro')}</p>
        </div>
        <div className="record-actions record-actions--top">
          <AuditExport />
          <Verification />
        </div>
      </header>
      <AuditFilters />
      <ErrorMessage error={loadError} />
      {!audit.loaded && !loadError && <p className="muted">{t('common.loading')}</p>}
      {audit.loaded && audit.events.length === 0 && <p className="muted">{filtered ? t('audit.filters.noneMatch') : t('audit.empty')}</p>}
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
                <th scope="col">{t('audit.columns.about')}</th>
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
