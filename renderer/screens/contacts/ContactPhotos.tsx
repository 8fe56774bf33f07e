import { channels, photoStates, type Channel, type PhotoState } from '../../../shared/vocabulary';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactPhotosDto } from '../../../shared/dto/photos';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { DateField } from '../../components/DateInput';
import { SelectField } from '../../components/SelectField';
import { SaveCancelActions } from '../../components/SaveCancelActions';
import { formatDate } from '../../format';
import { selectCanWrite, useStore } from '../../store';
import { useTask } from '../../use-task';
import { StandingBadge } from '../photos/StandingBadge';
import { TakedownsOwed } from '../photos/TakedownsOwed';
import { localDay } from '../../../shared/rules/dates';

const today = () => localDay(new Date());

function SetPreferenceDialog({ photos, onClose, onSaved }: { photos: ContactPhotosDto; onClose: () => void; onSaved: (p: ContactPhotosDto) => void }) {
  const { t } = useTranslation();
  const [scope, setScope] = useState('');
  const [state, setState] = useState<PhotoState>('opted_out');
  const [channel, setChannel] = useState<Channel>('email');
  const [decidedOn, setDecidedOn] = useState(today());
  const save = useTask(async () => {
    onSaved(await api.call('photos.setPreference', { contactId: photos.contactId, eventId: scope || undefined, state, channel, decidedOn }));
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save.run();
  };
  return (
    <Dialog open title={t('photos.dialog.title')} busy={save.pending} onCancel={onClose}>
      <form onSubmit={submit} noValidate>
        <SelectField
          label={t('photos.dialog.scope')}
          value={scope}
          onChange={setScope}
          options={[{ value: '', label: t('photos.dialog.allEvents') }, ...photos.events.map((e) => ({ value: e.eventId, label: `${e.name} (${formatDate(e.startDate)})` }))]}
        />
        <p className="field__help">{t('photos.dialog.scopeHelp')}</p>
        <SelectField label={t('photos.dialog.state')} value={state} onChange={(v) => setState(v as PhotoState)} options={photoStates.map((s) => ({ value: s, label: t(`photos.states.${s}`) }))} />
        <SelectField label={t('photos.dialog.channel')} value={channel} onChange={(v) => setChannel(v as Channel)} options={channels.map((c) => ({ value: c, label: t(`photos.channels.${c}`) }))} />
        <DateField label={t('photos.dialog.date')} max={today()} value={decidedOn} onChange={setDecidedOn} />
        <ErrorMessage error={save.error} />
        <SaveCancelActions onCancel={onClose} pending={save.pending} saveLabel={t('photos.dialog.save')} />
      </form>
    </Dialog>
  );
}

/** The contact page's "Photo preferences": where the person stands, every record, and takedowns owed. */
export function ContactPhotos({ contactId, onChanged }: { contactId: string; onChanged: () => void }) {
  const { t } = useTranslation();
  const canWrite = useStore(selectCanWrite);
  const [photos, setPhotos] = useState<ContactPhotosDto | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [setting, setSetting] = useState(false);
  const reload = useCallback(() => api.call('photos.forContact', { contactId }).then(setPhotos, setLoadError), [contactId]);
  useEffect(() => {
    void reload();
  }, [reload]);
  const changed = (p: ContactPhotosDto) => {
    setPhotos(p);
    onChanged();
  };
  const withdraw = useTask(async (id: string) => changed(await api.call('photos.withdrawPreference', { id })));

  return (
    <section className="panel" data-testid="contact-photos">
      <h2 className="panel__title">{t('photos.contact.title')}</h2>
      <ErrorMessage error={loadError} />
      {photos && (
        <>
          <ul className="photo-standings" data-testid="photo-standings">
            <li>
              <span className="photo-standings__what">{t('photos.contact.global')}</span>
              <StandingBadge standing={photos.global.standing} />
            </li>
            {photos.events.map((e) => (
              <li key={e.eventId}>
                <span className="photo-standings__what">
                  {e.name} <span className="muted small">{formatDate(e.startDate)}</span>
                </span>
                <span>
                  <StandingBadge standing={e.standing} /> {e.source && <span className="muted small">{t(`photos.source.${e.source}`)}</span>}
                </span>
              </li>
            ))}
          </ul>
          {photos.events.length === 0 && <p className="muted small">{t('photos.contact.noEvents')}</p>}
          <h3 className="panel__subtitle">{t('photos.contact.history')}</h3>
          {photos.preferences.length === 0 ? (
            <p className="muted">{t('photos.contact.empty')}</p>
          ) : (
            <ul className="sensitive-list" data-testid="photo-records">
              {photos.preferences.map((p) => (
                <li key={p.id} className={p.withdrawnAt ? 'sensitive-item photo-record--withdrawn' : 'sensitive-item'}>
                  <div>
                    <strong>{t(`photos.states.${p.state}`)}</strong> — {p.event ? p.event.name : t('photos.dialog.allEvents')}
                    <div className="muted small">
                      {t('photos.contact.decided', { channel: t(`photos.channels.${p.channel}`), date: formatDate(p.decidedOn) })}
                      {p.recordedBy && ` · ${t('photos.contact.recordedBy', { name: p.recordedBy.name })}`}
                      {p.withdrawnAt && ` · ${t('photos.contact.withdrawn', { date: formatDate(p.withdrawnAt) })}`}
                    </div>
                  </div>
                  {canWrite && !p.withdrawnAt && (
                    <div className="record-actions">
                      <button type="button" className="button button--quiet button--small" onClick={() => void withdraw.run(p.id)} disabled={withdraw.pending}>
                        {t('photos.contact.withdraw')}
                      </button>
                    </div>
                  )}
                </li>
              ))}
            </ul>
          )}
          <ErrorMessage error={withdraw.error} />
          {photos.takedownsOwed.length > 0 && (
            <>
              <h3 className="panel__subtitle">{t('photos.contact.takedowns')}</h3>
              <TakedownsOwed owed={photos.takedownsOwed} showPerson={false} onDone={() => void reload().then(onChanged)} />
            </>
          )}
          {canWrite && (
            <button type="button" className="button button--secondary" onClick={() => setSetting(true)}>
              {t('photos.contact.set')}
            </button>
          )}
          {setting && (
            <SetPreferenceDialog
              photos={photos}
              onClose={() => setSetting(false)}
              onSaved={(p) => {
                setSetting(false);
                changed(p);
              }}
            />
          )}
        </>
      )}
    </section>
  );
}
