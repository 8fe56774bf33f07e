import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestDetailDto, RequestEventDto } from '../../../shared/dto/requests';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ScreenTitle } from '../../components/ScreenTitle';
import { formatDate, formatDateMinute } from '../../format';
import { selectCanWrite, useStore } from '../../store';
import { EraseDialog } from '../erasure/EraseDialog';
import { DeadlineBadge, requesterOf } from './request-words';
import { StepButtons } from './RequestSteps';

/** The dates an event carries, in words ("reply due by 2 January 2027"). */
function EventDetail({ event }: { event: RequestEventDto }) {
  const { t } = useTranslation();
  const d = event.detail;
  const day = (k: string) => (typeof d[k] === 'string' ? formatDate(d[k]) : null);
  const parts: string[] = [];
  if (event.kind === 'received' && day('receivedOn')) parts.push(t('requests.timeline.receivedOn', { date: day('receivedOn') }));
  if (event.kind === 'identity_requested' && day('askedOn')) parts.push(t('requests.timeline.askedOn', { date: day('askedOn') }));
  if (event.kind === 'identity_received' && day('date')) parts.push(t('requests.timeline.arrivedOn', { date: day('date') }));
  if (event.kind === 'extended' && typeof d.months === 'number') parts.push(t('requests.timeline.byMonths', { count: d.months }));
  if (day('dueDate')) parts.push(t('requests.timeline.dueBy', { date: day('dueDate') }));
  if (parts.length === 0) return null;
  return <div className="muted small">{parts.join(' · ')}</div>;
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** One rights request: what was asked, its deadline, the identity check and outcome, and its timeline. */
export function RequestPage({ id, onBack }: { id: string; onBack: () => void }) {
  const { t } = useTranslation();
  const canWrite = useStore(selectCanWrite);
  const openContact = useStore((s) => s.openContact);
  const [request, setRequest] = useState<RequestDetailDto | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [erasing, setErasing] = useState(false);
  const reload = useCallback(() => api.call('requests.get', { id }).then(setRequest, setError), [id]);
  useEffect(() => {
    void reload();
  }, [reload]);
  const r = request;
  const open = r !== null && !r.closedDate;
  return (
    <section className="screen screen--wide">
      <p>
        <button type="button" className="link-button" onClick={onBack}>
          ← {t('requests.backToList')}
        </button>
      </p>
      <ErrorMessage error={error} />
      {r && (
        <>
          <header className="screen__header">
            <ScreenTitle>{t('requests.pageTitle', { type: t(`requests.types.${r.type}`), name: requesterOf(r) ?? t('requests.unnamed') })}</ScreenTitle>
            <p className="lead request-lead">
              {t(`requests.states.${r.state}`)} <DeadlineBadge request={r} />
              {r.isTest && <span className="badge badge--neutral">{t('requests.test')}</span>}
            </p>
            {canWrite && <StepButtons request={r} onChanged={() => void reload()} />}
          </header>
          {canWrite && open && r.type === 'erasure' && r.contact && r.state === 'in_progress' && (
            <section className="panel request-carry" data-testid="request-carry-out">
              <h2 className="panel__title">{t('requests.carry.title')}</h2>
              <p>{t('requests.carry.erasure', { name: r.contact.name })}</p>
              <button type="button" className="button button--danger" onClick={() => setErasing(true)}>
                {t('requests.carry.eraseButton', { name: r.contact.name })}
              </button>
            </section>
          )}
          {erasing && r.contact && (
            <EraseDialog
              contact={r.contact}
              requestId={r.id}
              onClose={() => setErasing(false)}
              onErased={() => {
                setErasing(false);
                void reload();
              }}
            />
          )}
          <div className="request-grid">
            <section className="panel" data-testid="request-details">
              <h2 className="panel__title">{t('requests.details')}</h2>
              <dl className="facts facts--record">
                <Fact label={t('requests.fields.type')}>{t(`requests.types.${r.type}`)}</Fact>
                <Fact label={t('requests.fields.requester')}>
                  {r.contact ? (
                    <button type="button" className="link-button" onClick={() => openContact(r.contact!.id)}>
                      {r.contact.name}
                    </button>
                  ) : (
                    (r.requesterName ?? t('requests.unnamed'))
                  )}
                  {r.contact && r.requesterName && r.requesterName !== r.contact.name && <div className="muted small">{t('requests.givenName', { name: r.requesterName })}</div>}
                  {r.requesterEmail && <div className="muted small">{r.requesterEmail}</div>}
                </Fact>
                <Fact label={t('requests.fields.channel')}>{t(`requests.channels.${r.channel}`)}</Fact>
                <Fact label={t('requests.fields.received')}>{formatDate(r.receivedDate)}</Fact>
                <Fact label={t('requests.fields.clockStart')}>{formatDate(r.clockStartDate)}</Fact>
                <Fact label={t('requests.fields.due')}>
                  <span className="nowrap">{formatDate(r.dueDate)}</span> <DeadlineBadge request={r} />
                </Fact>
                {r.pausedDate && !r.closedDate && r.state === 'awaiting_identity' && <Fact label={t('requests.fields.paused')}>{formatDate(r.pausedDate)}</Fact>}
                {r.extension && (
                  <Fact label={t('requests.fields.extension')}>
                    {t('requests.extension', { count: r.extension.months, date: formatDate(r.firstDueDate) })}
                    <div className="muted small">{r.extension.reason}</div>
                  </Fact>
                )}
                {r.identity && (
                  <Fact label={t('requests.fields.identity')}>
                    {t('requests.identity', { method: t(`requests.identityMethods.${r.identity.method}`), date: formatDate(r.identity.checkedDate) })}
                    {r.identity.seen && <div className="muted small">{r.identity.seen}</div>}
                  </Fact>
                )}
                {r.outcome && r.closedDate && (
                  <Fact label={t('requests.fields.outcome')}>
                    {t(`requests.outcomes.${r.outcome}`, { date: formatDate(r.closedDate) })}
                    {r.refusal && <div>{t(`requests.refusalReasons.${r.refusal.reason}`)}</div>}
                    {(r.refusal?.text ?? r.outcomeNote) && <div className="muted small">{r.refusal?.text ?? r.outcomeNote}</div>}
                  </Fact>
                )}
                {r.requestText && (
                  <>
                    <dt className="facts__wide">{t('requests.fields.text')}</dt>
                    <dd className="facts__wide request-text">{r.requestText}</dd>
                  </>
                )}
              </dl>
            </section>
            <section className="panel" data-testid="request-timeline">
              <h2 className="panel__title">{t('requests.timeline.title')}</h2>
              <ol className="request-timeline">
                {r.events.map((e) => (
                  <li key={e.seq} data-kind={e.kind}>
                    <strong>{t(`requests.events.${e.kind}`)}</strong>
                    <EventDetail event={e} />
                    <div className="muted small">{t('requests.timeline.by', { at: formatDateMinute(e.at), name: e.staff?.name ?? t('requests.timeline.nobody') })}</div>
                  </li>
                ))}
              </ol>
            </section>
          </div>
        </>
      )}
    </section>
  );
}
