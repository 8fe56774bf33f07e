import { participationRoles } from '../../../shared/vocabulary';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactDto, EventDto } from '../../../shared/dto/index';
import { api } from '../../api';
import { ErrorMessage, Problem } from '../../components/ErrorMessage';
import { SelectField } from '../../components/SelectField';
import { SaveCancelActions } from '../../components/SaveCancelActions';
import { formatDate } from '../../format';
import { selectCanWrite, useStore } from '../../store';
import { useTask } from '../../use-task';

type Role = (typeof participationRoles)[number];

function AddParticipation({ contactId, onDone, onCancel }: { contactId: string; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [events, setEvents] = useState<EventDto[]>([]);
  const [eventId, setEventId] = useState('');
  const [role, setRole] = useState<Role>('participant');
  const [travelBooked, setTravelBooked] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    api.call('events.list', { limit: 500 }).then(
      (p) => setEvents(p.items),
      () => setEvents([]),
    );
  }, []);
  const save = useTask(async () => {
    await api.call('participations.add', { contactId, eventId, role, travelBooked });
    onDone();
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!eventId) return setProblem(t('participations.chooseEvent'));
    void save.run();
  };
  return (
    <form className="subform" onSubmit={submit} noValidate>
      <SelectField
        label={t('participations.event')}
        empty={t('participations.chooseEvent')}
        value={eventId}
        onChange={(id) => {
          setEventId(id);
          setProblem(null);
        }}
        options={events.map((e) => ({ value: e.id, label: `${e.name} (${e.startDate})` }))}
      />
      {events.length === 0 && <p className="muted small">{t('participations.noEvents')}</p>}
      <SelectField label={t('participations.role')} value={role} onChange={(r) => setRole(r as Role)} options={participationRoles.map((r) => ({ value: r, label: t(`participations.roles.${r}`) }))} />
      <label className="checkbox">
        <input type="checkbox" checked={travelBooked} onChange={(e) => setTravelBooked(e.target.checked)} />
        {t('participations.travelBooked')}
      </label>
      <Problem text={problem} />
      <ErrorMessage error={save.error} />
      <SaveCancelActions onCancel={onCancel} pending={save.pending} saveLabel={t('participations.save')} />
    </form>
  );
}

export function Participations({ contact, onChanged }: { contact: ContactDto; onChanged: () => void }) {
  const { t } = useTranslation();
  const canWrite = useStore(selectCanWrite);
  const [adding, setAdding] = useState(false);
  return (
    <section className="panel">
      <h2 className="panel__title">{t('participations.title')}</h2>
      {contact.participations.length === 0 ? (
        <p className="muted">{t('participations.empty')}</p>
      ) : (
        <ul className="sensitive-list">
          {contact.participations.map((p) => (
            <li key={p.id} className="sensitive-item">
              <div>
                <strong>{p.name}</strong>
                <div className="muted small">
                  {t(`participations.roles.${p.role}`)} · {formatDate(p.participatedOn)}
                  {p.travelBooked ? ` · ${t('participations.travel')}` : ''}
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
      {canWrite &&
        (adding ? (
          <AddParticipation
            contactId={contact.id}
            onCancel={() => setAdding(false)}
            onDone={() => {
              setAdding(false);
              onChanged();
            }}
          />
        ) : (
          <button type="button" className="button button--secondary" onClick={() => setAdding(true)}>
            {t('participations.add')}
          </button>
        ))}
    </section>
  );
}
