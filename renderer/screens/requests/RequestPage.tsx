import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestDetailDto, RequestEventDto } from '../../../shared/dto/requests';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ScreenTitle } from '../../components/ScreenTitle';
import { formatDate, formatDateMinute } from '../../format';
import { selectCanWrite, useStore } from '../../store';
import type { RequestActionKind, RequestLetterKind } from '../../../shared/vocabulary';
import { CarryOut } from './CarryOut';
import { DeadlineBadge, requesterOf } from './request-words';
import { RequestFiles } from './RequestFiles';
import { LetterDialog, RequestLetters } from './RequestLetters';
import { StepButtons, type StepChoice } from './RequestSteps';
import { RequestTasks } from './RequestTasks';

/** The letter a step owes the requester, offered as soon as the step is taken. */
const letterAfter: Partial<Record<StepChoice, RequestLetterKind>> = { identity_requested: 'identity_request', extend: 'extension', refused: 'refusal', completed: 'completion' };

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
  if (typeof d.task === 'number') parts.push(t('requests.timeline.task', { seq: d.task }));
  if (event.kind === 'letter_saved' && typeof d.kind === 'string') parts.push(t(`requests.letters.kinds.${d.kind as RequestLetterKind}`));
  if (event.kind === 'carried_out' && typeof d.action === 'string') parts.push(t(`requests.timeline.actions.${d.action as RequestActionKind}`));
  if (typeof d.tasks === 'number' && d.tasks > 0) parts.push(t('requests.timeline.tasksAdded', { count: d.tasks }));
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
  const [letter, setLetter] = useState<RequestLetterKind | null>(null);
  const reload = useCallback(() => api.call('requests.get', { id }).then(setRequest, setError), [id]);
  useEffect(() => {
    void reload();
  }, [reload]);
  const afterStep = (step: StepChoice) => {
    void reload().then(() => setLetter(letterAfter[step] ?? null));
  };
  const r = request;
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
            <ScreenTitle>{t('requests.pageTitle', { type: t(`requests.types.${r.type}`), name: requesterOf(r, t) })}</ScreenTitle>
            <p className="lead request-lead">
              {t(`requests.states.${r.state}`)} <DeadlineBadge request={r} />
              {r.isTest && <span className="badge badge--neutral">{t('requests.test')}</span>}
            </p>
            {canWrite && <StepButtons request={r} onChanged={(_r, step) => afterStep(step)} />}
          </header>
          {letter && (
            <LetterDialog
              request={r}
              kind={letter}
              onClose={() => setLetter(null)}
              onSaved={() => {
                setLetter(null);
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
                    requesterOf(r, t)
                  )}
                  {r.contact && r.requesterName && r.requesterName !== r.contact.name && <div className="muted small">{t('requests.givenName', { name: r.requesterName })}</div>}
                  {r.requesterEmail && <div className="muted small">{r.requesterEmail}</div>}
                </Fact>
                <Fact label={t('requests.fields.channel')}>{t(`requests.channels.${r.channel}`)}</Fact>
                <Fact label={t('requests.fields.received')}>{formatDate(r.receivedDate)}</Fact>
                <Fact label={t('requests.fields.clockStart')}>{formatDate(r.clockStartDate)}</Fact>
                <Fact label={t('requests.fields.due')}>
                  <span className="nowrap">{formatDate(r.dueDate)}</span> {!r.closedDate && <DeadlineBadge request={r} />}
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
          <CarryOut request={r} canWrite={canWrite} onChanged={() => void reload()} />
          <div className="request-grid">
            <RequestTasks request={r} canWrite={canWrite} onChanged={setRequest} />
            <div className="request-stack">
              <RequestLetters request={r} canWrite={canWrite} onChanged={() => void reload()} />
              <RequestFiles request={r} canWrite={canWrite} onChanged={() => void reload()} />
            </div>
          </div>
        </>
      )}
    </section>
  );
}
