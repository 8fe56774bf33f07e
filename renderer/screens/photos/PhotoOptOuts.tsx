import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventDto } from '../../../shared/dto/index';
import type { EventPhotoEntryDto, EventPhotoListDto, PublicationDto, TakedownOwedDto } from '../../../shared/dto/photos';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ScreenTitle } from '../../components/ScreenTitle';
import { SelectField } from '../../components/SelectField';
import { formatDate, formatNumber } from '../../format';
import { currentLanguage } from '../../i18n';
import { saveTextFile, type SavedFile } from '../../save-text-file';
import { useStore } from '../../store';
import { useTask } from '../../use-task';
import { PrintSheet } from './PrintSheet';
import { Publications } from './Publications';
import { TakedownsOwed } from './TakedownsOwed';

function PeopleTable({ entries, testId }: { entries: EventPhotoEntryDto[]; testId: string }) {
  const { t } = useTranslation();
  const openContact = useStore((s) => s.openContact);
  const navigate = useStore((s) => s.navigate);
  if (entries.length === 0) return <p className="muted">{t('photos.nobody')}</p>;
  return (
    <div className="table-wrap">
      <table className="table photo-people" data-testid={testId}>
        <tbody>
          {entries.map((e) => (
            <tr key={e.contactId}>
              <td>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => {
                    openContact(e.contactId);
                    navigate('contacts');
                  }}
                >
                  {e.fullName}
                </button>
              </td>
              <td className="muted">{e.organisation ?? ''}</td>
              <td className="muted small">
                {e.source && t(`photos.source.${e.source}`)}
                {e.decidedOn && ` · ${formatDate(e.decidedOn)}`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function EventLists({ list }: { list: EventPhotoListDto }) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState<SavedFile | null>(null);
  const [printHtml, setPrintHtml] = useState<string | null>(null);
  const language = currentLanguage();
  const print = useTask(async () => {
    setPrintHtml((await api.call('photos.eventListFile', { eventId: list.event.id, format: 'html', language })).content);
  });
  const exportCsv = useTask(async () => {
    const file = await api.call('photos.eventListFile', { eventId: list.event.id, format: 'csv', language });
    setSaved(await saveTextFile(file.fileName, file.content));
  });
  const printed = useCallback(() => setPrintHtml(null), []);
  const c = list.counts;
  return (
    <section className="panel panel--wide" data-testid="photo-lists">
      <div className="screen__header--split">
        <div>
          <h2 className="panel__title">{list.event.name}</h2>
          <p className="muted">
            {formatDate(list.event.startDate)}
            {list.event.location ? ` · ${list.event.location}` : ''} · {t('photos.attendees', { count: c.attendees, formatted: formatNumber(c.attendees) })}
          </p>
        </div>
        <div className="record-actions">
          <button type="button" className="button button--primary" onClick={() => void print.run()} disabled={print.pending}>
            {t('photos.print')}
          </button>
          <button type="button" className="button button--secondary" onClick={() => void exportCsv.run()} disabled={exportCsv.pending}>
            {t('photos.exportCsv')}
          </button>
        </div>
      </div>
      <p className="field__help">{t('photos.printHelp')}</p>
      <ErrorMessage error={print.error ?? exportCsv.error} />
      {saved?.kind === 'saved' && <p className="message message--success">{t('photos.saved', { path: saved.path })}</p>}
      {saved?.kind === 'downloaded' && <p className="message message--success">{t('photos.downloaded')}</p>}
      <dl className="counts photo-counts" data-testid="photo-counts">
        {(['opted_out', 'never_answered', 'undecided', 'allowed'] as const).map((k) => (
          <div key={k} className={k === 'opted_out' ? 'counts__item counts__item--alert' : 'counts__item'}>
            <dt>{t(`photos.standings.${k}`)}</dt>
            <dd>{formatNumber(c[k])}</dd>
          </div>
        ))}
      </dl>
      <h3 className="panel__subtitle photo-heading--opted_out">{t('photos.standings.opted_out')}</h3>
      <PeopleTable entries={list.mustNotPhotograph} testId="list-opted-out" />
      <h3 className="panel__subtitle">{t('photos.standings.never_answered')}</h3>
      <p className="field__help">{t('photos.standingHelp.never_answered')}</p>
      <PeopleTable entries={list.neverAnswered} testId="list-never-answered" />
      {list.undecided.length > 0 && (
        <>
          <h3 className="panel__subtitle">{t('photos.standings.undecided')}</h3>
          <p className="field__help">{t('photos.standingHelp.undecided')}</p>
          <PeopleTable entries={list.undecided} testId="list-undecided" />
        </>
      )}
      {list.allowed.length > 0 && (
        <details className="photo-allowed">
          <summary>{t('photos.showAllowed', { count: list.allowed.length })}</summary>
          <PeopleTable entries={list.allowed} testId="list-allowed" />
        </details>
      )}
      {printHtml && <PrintSheet html={printHtml} onPrinted={printed} />}
    </section>
  );
}

/** "Photo opt-outs": one event's lists for the photographer, its publications, and takedowns owed everywhere. */
export function PhotoOptOuts() {
  const { t } = useTranslation();
  const [events, setEvents] = useState<EventDto[] | null>(null);
  const [eventId, setEventId] = useState('');
  const [list, setList] = useState<EventPhotoListDto | null>(null);
  const [publications, setPublications] = useState<PublicationDto[]>([]);
  const [owed, setOwed] = useState<TakedownOwedDto[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    api.call('events.list', { limit: 500 }).then((p) => setEvents(p.items), setError);
  }, []);
  const reloadOwed = useCallback(() => api.call('photos.takedownsOwed', {}).then(setOwed, setError), []);
  const reloadEvent = useCallback(() => {
    // With no event chosen the lists are hidden by the render (they show only the chosen event's).
    if (!eventId) return;
    api.call('photos.eventList', { eventId }).then(setList, setError);
    api.call('photos.publications', { eventId }).then(setPublications, setError);
  }, [eventId]);
  useEffect(() => {
    void reloadOwed();
  }, [reloadOwed]);
  useEffect(reloadEvent, [reloadEvent]);

  return (
    <section className="screen screen--wide">
      <header className="screen__header">
        <ScreenTitle>{t('photos.title')}</ScreenTitle>
        <p className="lead">{t('photos.intro')}</p>
      </header>
      <ErrorMessage error={error} />
      {events && events.length === 0 && <p className="muted">{t('photos.noEvents')}</p>}
      {events && events.length > 0 && (
        <div className="photo-event-picker">
          <SelectField
            label={t('photos.chooseEvent')}
            empty={t('photos.chooseEventEmpty')}
            value={eventId}
            onChange={setEventId}
            options={events.map((e) => ({ value: e.id, label: `${e.name} (${formatDate(e.startDate)})` }))}
          />
        </div>
      )}
      <div className="record-grid">
        {list && list.event.id === eventId && <EventLists list={list} />}
        {list && list.event.id === eventId && (
          <Publications
            eventId={eventId}
            publications={publications}
            onChanged={() => {
              reloadEvent();
              void reloadOwed();
            }}
          />
        )}
        <section className="panel" aria-labelledby="photos-takedowns" data-testid="takedowns">
          <h2 className="panel__title" id="photos-takedowns">
            {t('photos.takedowns.title')}
          </h2>
          <p className="panel__intro">{t('photos.takedowns.intro')}</p>
          {owed && <TakedownsOwed owed={owed} showPerson onDone={() => void reloadOwed()} />}
        </section>
      </div>
    </section>
  );
}
