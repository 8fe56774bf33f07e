import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicationDto } from '../../../shared/dto/photos';
import { api } from '../../api';
import { ErrorMessage, Problem } from '../../components/ErrorMessage';
import { DateField } from '../../components/DateInput';
import { TextField } from '../../components/Field';
import { SaveCancelActions } from '../../components/SaveCancelActions';
import { formatDate } from '../../format';
import { selectCanWrite, useStore } from '../../store';
import { useTask } from '../../use-task';
import { localDay } from '../../../shared/rules/dates';

function AddPublication({ eventId, onDone, onCancel }: { eventId: string; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [where, setWhere] = useState('');
  const [date, setDate] = useState(() => localDay(new Date()));
  const [description, setDescription] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const save = useTask(async () => {
    await api.call('photos.publish', { eventId, location: where, publishedOn: date, description: description.trim() || null });
    onDone();
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!where.trim()) return setProblem(t('photos.publications.whereHelp'));
    void save.run();
  };
  return (
    <form className="subform" onSubmit={submit} noValidate>
      <TextField
        label={t('photos.publications.where')}
        help={t('photos.publications.whereHelp')}
        value={where}
        onChange={(v) => {
          setWhere(v);
          setProblem(null);
        }}
        autoFocus
      />
      <div className="form-row">
        <DateField label={t('photos.publications.date')} value={date} onChange={setDate} />
        <TextField label={t('photos.publications.description')} value={description} onChange={setDescription} />
      </div>
      <Problem text={problem} />
      <ErrorMessage error={save.error} />
      <SaveCancelActions onCancel={onCancel} pending={save.pending} saveLabel={t('photos.publications.save')} />
    </form>
  );
}

/** Where one event's photos were published (what a later opt-out has to take down). */
export function Publications({ eventId, publications, onChanged }: { eventId: string; publications: PublicationDto[]; onChanged: () => void }) {
  const { t } = useTranslation();
  const canWrite = useStore(selectCanWrite);
  const [adding, setAdding] = useState(false);
  return (
    <section className="panel" data-testid="publications">
      <h2 className="panel__title">{t('photos.publications.title')}</h2>
      {publications.length === 0 ? (
        <p className="muted">{t('photos.publications.empty')}</p>
      ) : (
        <ul className="sensitive-list">
          {publications.map((p) => (
            <li key={p.id} className="sensitive-item">
              <div>
                <strong className="photo-location">{p.location}</strong>
                <div className="muted small">
                  {formatDate(p.publishedOn)}
                  {p.description ? ` · ${p.description}` : ''}
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
      {canWrite &&
        (adding ? (
          <AddPublication
            eventId={eventId}
            onCancel={() => setAdding(false)}
            onDone={() => {
              setAdding(false);
              onChanged();
            }}
          />
        ) : (
          <button type="button" className="button button--secondary" onClick={() => setAdding(true)}>
            {t('photos.publications.add')}
          </button>
        ))}
    </section>
  );
}
