import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventDto, Page, ProjectDto } from '../../../shared/dto/index';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { ErrorMessage, Problem } from '../../components/ErrorMessage';
import { TextField } from '../../components/Field';
import { ScreenTitle } from '../../components/ScreenTitle';
import { SelectField } from '../../components/SelectField';
import { SaveCancelActions } from '../../components/SaveCancelActions';
import { errorField } from '../../errors';
import { formatDate, formatNumber } from '../../format';
import { selectCanWrite, useStore } from '../../store';
import { useDebounced } from '../../use-debounced';
import { useTask } from '../../use-task';
import { useFormValues } from '../../use-form-problem';

function EventForm({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const { v, set, problem, setProblem } = useFormValues({ name: '', type: '', startDate: '', endDate: '', location: '', organiser: '', projectId: '' });
  const [projects, setProjects] = useState<ProjectDto[]>([]);
  useEffect(() => {
    api.call('projects.list', {}).then(setProjects, () => setProjects([]));
  }, []);
  const save = useTask(async () => {
    await api.call('events.add', {
      name: v.name,
      type: v.type.trim() || null,
      startDate: v.startDate,
      endDate: v.endDate || null,
      location: v.location.trim() || null,
      organiser: v.organiser.trim() || null,
      projectId: v.projectId || null,
    });
    onSaved();
  });
  const bad = errorField(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!v.name.trim()) return setProblem(t('events.nameRequired'));
    if (!v.startDate) return setProblem(t('events.startRequired'));
    void save.run();
  };
  return (
    <Dialog open wide title={t('events.addTitle')} busy={save.pending} onCancel={onClose}>
      <form onSubmit={submit} noValidate>
        <div className="dialog__scroll">
          <TextField label={t('events.fields.name')} value={v.name} onChange={set('name')} autoFocus />
          <div className="form-row">
            <TextField label={t('events.fields.type')} help={t('events.typeHelp')} value={v.type} onChange={set('type')} />
            <SelectField
              label={t('events.fields.project')}
              empty={t('events.noProject')}
              value={v.projectId}
              onChange={set('projectId')}
              options={projects.map((p) => ({ value: p.id, label: p.name }))}
            />
          </div>
          <div className="form-row">
            <TextField label={t('events.fields.startDate')} type="date" value={v.startDate} onChange={set('startDate')} invalid={bad === 'startDate'} />
            <TextField label={t('events.fields.endDate')} type="date" value={v.endDate} onChange={set('endDate')} invalid={bad === 'endDate'} />
          </div>
          <div className="form-row">
            <TextField label={t('events.fields.location')} value={v.location} onChange={set('location')} />
            <TextField label={t('events.fields.organiser')} value={v.organiser} onChange={set('organiser')} />
          </div>
        </div>
        <Problem text={problem} />
        <ErrorMessage error={save.error} />
        <SaveCancelActions onCancel={onClose} pending={save.pending} />
      </form>
    </Dialog>
  );
}

function dates(e: EventDto): string {
  return e.endDate && e.endDate !== e.startDate ? `${formatDate(e.startDate)} – ${formatDate(e.endDate)}` : formatDate(e.startDate);
}

export function Events() {
  const { t } = useTranslation();
  const canWrite = useStore(selectCanWrite);
  const showContacts = useStore((s) => s.showContacts);
  const [query, setQuery] = useState('');
  const settled = useDebounced(query, 150);
  const [page, setPage] = useState<Page<EventDto> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [adding, setAdding] = useState(false);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let current = true;
    api.call('events.list', { query: settled.trim() || undefined, limit: 200 }).then(
      (p) => current && setPage(p),
      (e: unknown) => current && setError(e),
    );
    return () => {
      current = false;
    };
  }, [settled, reloads]);

  return (
    <section className="screen screen--wide">
      <header className="screen__header screen__header--split">
        <div>
          <ScreenTitle>{t('events.title')}</ScreenTitle>
          <p className="lead">{t('events.intro')}</p>
        </div>
        {canWrite && (
          <button type="button" className="button button--primary" onClick={() => setAdding(true)}>
            {t('events.add')}
          </button>
        )}
      </header>
      <TextField label={t('events.searchLabel')} type="search" value={query} onChange={setQuery} />
      <ErrorMessage error={error} />
      {page && (
        <p className="result-count" role="status">
          {t('events.count', { count: page.total, formatted: formatNumber(page.total) })}
        </p>
      )}
      {page && page.items.length > 0 && (
        <div className="table-wrap">
          <table className="table" data-testid="events-table">
            <thead>
              <tr>
                <th scope="col">{t('events.fields.name')}</th>
                <th scope="col">{t('events.columns.dates')}</th>
                <th scope="col">{t('events.fields.location')}</th>
                <th scope="col" className="num">
                  {t('events.columns.participants')}
                </th>
                <th scope="col" className="actions">
                  <span className="sr-only">{t('organisations.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((e) => (
                <tr key={e.id}>
                  <td>
                    {e.name}
                    {e.type && <div className="muted small">{e.type}</div>}
                  </td>
                  <td className="nowrap">{dates(e)}</td>
                  <td>{e.location ?? t('common.none')}</td>
                  <td className="num">{formatNumber(e.participants)}</td>
                  <td className="actions">
                    <button type="button" className="button button--secondary button--small" onClick={() => showContacts({ event: { id: e.id, name: e.name } })}>
                      {t('events.participants')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page && page.items.length < page.total && <p className="muted">{t('events.narrow', { shown: page.items.length })}</p>}
      {adding && (
        <EventForm
          onClose={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            setReloads((n) => n + 1);
          }}
        />
      )}
    </section>
  );
}
