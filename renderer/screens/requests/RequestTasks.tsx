import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactSuggestionDto, RequestDetailDto, RequestTaskDto } from '../../../shared/dto/requests';
import { api } from '../../api';
import { ErrorMessage, Problem } from '../../components/ErrorMessage';
import { DateField } from '../../components/DateInput';
import { TextAreaField } from '../../components/SelectField';
import { Dialog } from '../../components/Dialog';
import { formatDate } from '../../format';
import { useTask } from '../../use-task';
import { today } from '../register/labels';

type Changed = (r: RequestDetailDto) => void;

function TaskStatus({ task }: { task: RequestTaskDto }) {
  const { t } = useTranslation();
  return <span className={`badge ${task.status === 'open' ? 'badge--warning' : 'badge--success'}`}>{t(`requests.tasks.status.${task.status}`)}</span>;
}

/** Where the Art. 19 notice stands: owed, sent, confirmed. */
function NoticeLine({ task }: { task: RequestTaskDto }) {
  const { t } = useTranslation();
  if (!task.noticeDue) return null;
  const words: string = task.noticeConfirmedDate
    ? t('requests.tasks.noticeConfirmed', { sent: formatDate(task.noticeSentDate!), confirmed: formatDate(task.noticeConfirmedDate) })
    : task.noticeSentDate
      ? t('requests.tasks.noticeSent', { date: formatDate(task.noticeSentDate) })
      : t('requests.tasks.noticeOwed');
  return <div className={task.noticeSentDate ? 'muted small' : 'small request-task__owed'}>{words}</div>;
}

type TaskDialogKind = 'done' | 'sent' | 'confirmed';

function TaskDialog({ request, task, kind, onClose, onChanged }: { request: RequestDetailDto; task: RequestTaskDto; kind: TaskDialogKind; onClose: () => void; onChanged: Changed }) {
  const { t } = useTranslation();
  const [evidence, setEvidence] = useState('');
  const [nothingFound, setNothingFound] = useState(false);
  const [date, setDate] = useState(today());
  const [problem, setProblem] = useState<string | null>(null);
  const save = useTask(async () => {
    const r =
      kind === 'done'
        ? await api.call('requests.taskDone', { id: request.id, task: task.seq, evidence: evidence.trim(), nothingFound })
        : kind === 'sent'
          ? await api.call('requests.noticeSent', { id: request.id, task: task.seq, sentOn: date })
          : await api.call('requests.noticeConfirmed', { id: request.id, task: task.seq, confirmedOn: date });
    onChanged(r);
  });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (kind === 'done' && !evidence.trim()) return setProblem(t('requests.tasks.evidenceRequired'));
    if (kind !== 'done' && !date) return setProblem(t('requests.steps.dateRequired'));
    void save.run();
  };
  return (
    <Dialog open title={t(`requests.tasks.dialog.${kind}`, { name: task.name })} busy={save.pending} onCancel={onClose}>
      <form onSubmit={submit} noValidate>
        {kind === 'done' ? (
          <>
            <p className="muted small">{t('requests.tasks.doneIntro')}</p>
            <TextAreaField label={t('requests.tasks.evidence')} value={evidence} onChange={setEvidence} />
            <label className="checkbox">
              <input type="checkbox" checked={nothingFound} onChange={(e) => setNothingFound(e.target.checked)} />
              {t('requests.tasks.nothingFound')}
            </label>
          </>
        ) : (
          <DateField label={t(`requests.tasks.dateLabel.${kind}`)} max={today()} value={date} onChange={setDate} />
        )}
        <Problem text={problem} />
        <ErrorMessage error={save.error} />
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose} disabled={save.pending}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={save.pending}>
            {save.pending ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** A request logged for nobody yet: the contacts it may be about, one click to link. */
function LinkContact({ request, onChanged }: { request: RequestDetailDto; onChanged: Changed }) {
  const { t } = useTranslation();
  const [suggestions, setSuggestions] = useState<ContactSuggestionDto[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api.call('requests.suggestContacts', { id: request.id }).then(setSuggestions, setError);
  }, [request.id]);
  const link = useTask(async (contactId: string) => onChanged(await api.call('requests.link', { id: request.id, contactId })));
  return (
    <div className="message message--warning" data-testid="request-link">
      <p>{t('requests.link.intro')}</p>
      <ErrorMessage error={error ?? link.error} />
      {suggestions && suggestions.length === 0 && <p className="small">{t('requests.link.none')}</p>}
      {suggestions && suggestions.length > 0 && (
        <ul className="plain-list">
          {suggestions.map((c) => (
            <li key={c.id} className="request-link__item">
              <span>
                <strong>{c.fullName}</strong> <span className="muted small">{[c.primaryEmail, c.organisationName, t(`requests.link.reasons.${c.reason}`)].filter(Boolean).join(' · ')}</span>
              </span>
              <button type="button" className="button button--secondary" disabled={link.pending} onClick={() => void link.run(c.id)}>
                {t('requests.link.button')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * One task per place that holds the person's data (systems ticked for them, partners
 * they were shared with), each ticked off with its evidence, and the Art. 19 notices owed
 * to partners for a rectification, erasure or restriction.
 */
export function RequestTasks({ request, canWrite, onChanged }: { request: RequestDetailDto; canWrite: boolean; onChanged: Changed }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<{ task: RequestTaskDto; kind: TaskDialogKind } | null>(null);
  const refresh = useTask(async () => onChanged(await api.call('requests.refreshTasks', { id: request.id })));
  const closed = request.closedDate !== null;
  const left = request.tasks.filter((x) => x.status === 'open' || (x.noticeDue && !x.noticeSentDate)).length;
  return (
    <section className="panel" data-testid="request-tasks">
      <h2 className="panel__title">{t('requests.tasks.title')}</h2>
      {canWrite && !closed && !request.contact && <LinkContact request={request} onChanged={onChanged} />}
      {request.contact && request.tasks.length === 0 && <p className="muted">{t('requests.tasks.none')}</p>}
      {request.tasks.length > 0 && (
        <>
          <p className="small">{left === 0 ? t('requests.tasks.allDone') : t('requests.tasks.left', { count: left })}</p>
          <ol className="request-tasks">
            {request.tasks.map((task) => (
              <li key={task.seq} data-seq={task.seq}>
                <div className="request-task__head">
                  <span>
                    <strong>{task.name}</strong> <span className="muted small">{t(`requests.tasks.kind.${task.kind}`)}</span>
                  </span>
                  <TaskStatus task={task} />
                </div>
                {task.evidence && <div className="small request-text">{task.evidence}</div>}
                {task.doneAt && <div className="muted small">{t('requests.tasks.doneBy', { date: formatDate(task.doneAt), name: task.doneBy?.name ?? t('requests.timeline.nobody') })}</div>}
                <NoticeLine task={task} />
                {canWrite && (
                  <div className="request-task__actions">
                    {!closed && task.status === 'open' && (
                      <button type="button" className="button button--secondary" onClick={() => setOpen({ task, kind: 'done' })}>
                        {t('requests.tasks.tick')}
                      </button>
                    )}
                    {!closed && task.noticeDue && !task.noticeSentDate && (
                      <button type="button" className="button button--secondary" onClick={() => setOpen({ task, kind: 'sent' })}>
                        {t('requests.tasks.markSent')}
                      </button>
                    )}
                    {task.noticeSentDate && !task.noticeConfirmedDate && (
                      <button type="button" className="button button--secondary" onClick={() => setOpen({ task, kind: 'confirmed' })}>
                        {t('requests.tasks.markConfirmed')}
                      </button>
                    )}
                  </div>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
      {canWrite && !closed && request.contact && (
        <p>
          <button type="button" className="button button--quiet" disabled={refresh.pending} onClick={() => void refresh.run()}>
            {t('requests.tasks.refresh')}
          </button>
        </p>
      )}
      <ErrorMessage error={refresh.error} />
      {open && (
        <TaskDialog
          request={request}
          task={open.task}
          kind={open.kind}
          onClose={() => setOpen(null)}
          onChanged={(r) => {
            setOpen(null);
            onChanged(r);
          }}
        />
      )}
    </section>
  );
}
