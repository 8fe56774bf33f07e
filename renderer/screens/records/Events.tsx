import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventDto, ProjectDto } from '../../../shared/dto/index';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { DateField } from '../../components/DateInput';
import { TextField } from '../../components/Field';
import { SelectField } from '../../components/SelectField';
import { errorField } from '../../errors';
import { formatDate, formatNumber } from '../../format';
import { selectCanWrite, useStore } from '../../store';
import { useDebounced } from '../../use-debounced';
import { useTask } from '../../use-task';
import { useFormValues } from '../../use-form-problem';
import { NameCell, RecordDialog, RecordsHeader, RecordsTable, useEditing, useRecordList } from './record-screen';
import { RecordsEmpty } from './RecordsEmpty';

/** Adds an event, or changes `event` with the same fields and checks. */
function EventForm({ event, onClose, onSaved }: { event: EventDto | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const { v, set, problem, setProblem } = useFormValues({
    name: event?.name ?? '',
    type: event?.type ?? '',
    startDate: event?.startDate ?? '',
    endDate: event?.endDate ?? '',
    location: event?.location ?? '',
    organiser: event?.organiser ?? '',
    projectId: event?.projectId ?? '',
  });
  const [projects, setProjects] = useState<ProjectDto[]>([]);
  useEffect(() => {
    api.call('projects.list', {}).then(setProjects, () => setProjects([]));
  }, []);
  const save = useTask(async () => {
    const fields = {
      name: v.name,
      type: v.type.trim() || null,
      startDate: v.startDate,
      endDate: v.endDate || null,
      location: v.location.trim() || null,
      organiser: v.organiser.trim() || null,
      projectId: v.projectId || null,
    };
    if (event) await api.call('events.update', { id: event.id, ...fields });
    else await api.call('events.add', fields);
    onSaved();
  });
  const bad = errorField(save.error);
  const submit = () => {
    if (!v.name.trim()) return setProblem(t('events.nameRequired'));
    if (!v.startDate) return setProblem(t('events.startRequired'));
    void save.run();
  };
  return (
    <RecordDialog title={event ? t('events.editTitle') : t('events.addTitle')} save={save} problem={problem} onSubmit={submit} onClose={onClose}>
      <TextField label={t('events.fields.name')} value={v.name} onChange={set('name')} autoFocus />
      <div className="form-row">
        <TextField label={t('events.fields.type')} help={t('events.typeHelp')} value={v.type} onChange={set('type')} />
        <SelectField label={t('events.fields.project')} empty={t('events.noProject')} value={v.projectId} onChange={set('projectId')} options={projects.map((p) => ({ value: p.id, label: p.name }))} />
      </div>
      <div className="form-row">
        <DateField label={t('events.fields.startDate')} value={v.startDate} onChange={set('startDate')} invalid={bad === 'startDate'} />
        <DateField label={t('events.fields.endDate')} value={v.endDate} onChange={set('endDate')} invalid={bad === 'endDate'} />
      </div>
      <div className="form-row">
        <TextField label={t('events.fields.location')} value={v.location} onChange={set('location')} />
        <TextField label={t('events.fields.organiser')} value={v.organiser} onChange={set('organiser')} />
      </div>
    </RecordDialog>
  );
}

/** Each date stays on one line; a long span breaks between them, so the row's actions fit at 1024 px. */
function Dates({ event: e }: { event: EventDto }) {
  if (!e.endDate || e.endDate === e.startDate) return <span className="nowrap">{formatDate(e.startDate)}</span>;
  return (
    <>
      <span className="nowrap">{formatDate(e.startDate)} –</span> <span className="nowrap">{formatDate(e.endDate)}</span>
    </>
  );
}

export function Events() {
  const { t } = useTranslation();
  const canWrite = useStore(selectCanWrite);
  const showContacts = useStore((s) => s.showContacts);
  const [query, setQuery] = useState('');
  const settled = useDebounced(query, 150);
  const { data: page, error, reload } = useRecordList(() => api.call('events.list', { query: settled.trim() || undefined, limit: 200 }), settled);
  const form = useEditing<EventDto>(reload);

  return (
    <section className="screen screen--wide">
      <RecordsHeader route="events" onAdd={page && (page.total > 0 || settled.trim()) ? () => form.open('new') : undefined} />
      {/* Nothing to search yet: the empty state comes first. */}
      {(page?.total !== 0 || query) && <TextField label={t('events.searchLabel')} type="search" value={query} onChange={setQuery} />}
      <ErrorMessage error={error} />
      {page && page.total > 0 && (
        <RecordsTable
          route="events"
          total={page.total}
          headings={
            <>
              <th scope="col">{t('events.fields.name')}</th>
              <th scope="col">{t('events.columns.dates')}</th>
              <th scope="col">{t('events.fields.location')}</th>
              <th scope="col" className="num">
                {t('events.columns.participants')}
              </th>
            </>
          }
        >
          {page.items.map((e) => (
            <tr key={e.id}>
              <NameCell name={e.name} type={e.type} />
              <td>
                <Dates event={e} />
              </td>
              <td>{e.location ?? t('common.none')}</td>
              <td className="num">{formatNumber(e.participants)}</td>
              <td className="actions">
                <button type="button" className="button button--secondary button--small" onClick={() => showContacts({ event: { id: e.id, name: e.name } })}>
                  {t('events.participants')}
                </button>
                {canWrite && (
                  <button type="button" className="button button--quiet button--small" onClick={() => form.open(e)}>
                    {t('events.edit')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </RecordsTable>
      )}
      {page && page.items.length < page.total && <p className="muted">{t('events.narrow', { shown: page.items.length })}</p>}
      {page && page.total === 0 && <RecordsEmpty route="events" query={settled} onAdd={() => form.open('new')} />}
      {form.editing && <EventForm event={form.record} onClose={form.close} onSaved={form.saved} />}
    </section>
  );
}
