import { useTranslation } from 'react-i18next';
import type { ProjectDto } from '../../../shared/dto/index';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { DateField } from '../../components/DateInput';
import { TextField } from '../../components/Field';
import { TextAreaField } from '../../components/SelectField';
import { errorField } from '../../errors';
import { formatDate } from '../../format';
import { selectCanWrite, useStore } from '../../store';
import { useTask } from '../../use-task';
import { useFormValues } from '../../use-form-problem';
import { NameCell, RecordDialog, RecordsHeader, RecordsTable, useEditing, useRecordList } from './record-screen';
import { RecordsEmpty } from './RecordsEmpty';

/** Adds a project, or changes `project` with the same fields and checks. */
function ProjectForm({ project, onClose, onSaved }: { project: ProjectDto | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const { v, set, problem, setProblem } = useFormValues({
    name: project?.name ?? '',
    type: project?.type ?? '',
    startDate: project?.startDate ?? '',
    endDate: project?.endDate ?? '',
    description: project?.description ?? '',
  });
  const save = useTask(async () => {
    const fields = { name: v.name, type: v.type.trim() || null, startDate: v.startDate || null, endDate: v.endDate || null, description: v.description.trim() || null };
    if (project) await api.call('projects.update', { id: project.id, ...fields });
    else await api.call('projects.add', fields);
    onSaved();
  });
  const bad = errorField(save.error);
  const submit = () => (v.name.trim() ? void save.run() : setProblem(t('projects.nameRequired')));
  return (
    <RecordDialog title={project ? t('projects.editTitle') : t('projects.addTitle')} save={save} problem={problem} onSubmit={submit} onClose={onClose}>
      <div className="form-row">
        <TextField label={t('projects.fields.name')} value={v.name} onChange={set('name')} invalid={!!problem} autoFocus />
        <TextField label={t('projects.fields.type')} placeholder={t('projects.typePlaceholder')} value={v.type} onChange={set('type')} />
      </div>
      <div className="form-row">
        <DateField label={t('projects.fields.startDate')} value={v.startDate} onChange={set('startDate')} invalid={bad === 'startDate'} />
        <DateField label={t('projects.fields.endDate')} value={v.endDate} onChange={set('endDate')} invalid={bad === 'endDate'} />
      </div>
      <TextAreaField label={t('projects.fields.description')} value={v.description} onChange={set('description')} />
    </RecordDialog>
  );
}

function Dates({ project: p }: { project: ProjectDto }) {
  const { t } = useTranslation();
  if (p.startDate && p.endDate) return p.startDate === p.endDate ? formatDate(p.startDate) : `${formatDate(p.startDate)} – ${formatDate(p.endDate)}`;
  if (p.startDate) return t('projects.from', { date: formatDate(p.startDate) });
  if (p.endDate) return t('projects.until', { date: formatDate(p.endDate) });
  return t('projects.noDates');
}

export function Projects() {
  const { t } = useTranslation();
  const canWrite = useStore(selectCanWrite);
  const { data: projects, error, reload } = useRecordList(() => api.call('projects.list', {}), '');
  const form = useEditing<ProjectDto>(reload);

  return (
    <section className="screen screen--wide">
      <RecordsHeader route="projects" onAdd={projects?.length ? () => form.open('new') : undefined} />
      <ErrorMessage error={error} />
      {projects && projects.length > 0 && (
        <RecordsTable
          route="projects"
          total={projects.length}
          headings={
            <>
              <th scope="col">{t('projects.fields.name')}</th>
              <th scope="col">{t('projects.columns.dates')}</th>
              <th scope="col">{t('projects.fields.description')}</th>
            </>
          }
        >
          {projects.map((p) => (
            <tr key={p.id}>
              <NameCell name={p.name} type={p.type} />
              <td className="nowrap">
                <Dates project={p} />
              </td>
              <td className="muted">{p.description ?? t('common.none')}</td>
              <td className="actions">
                {canWrite && (
                  <button type="button" className="button button--quiet button--small" onClick={() => form.open(p)}>
                    {t('projects.edit')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </RecordsTable>
      )}
      {projects && projects.length === 0 && <RecordsEmpty route="projects" query="" onAdd={() => form.open('new')} />}
      {form.editing && <ProjectForm project={form.record} onClose={form.close} onSaved={form.saved} />}
    </section>
  );
}
