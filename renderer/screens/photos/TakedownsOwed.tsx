import { useTranslation } from 'react-i18next';
import type { TakedownOwedDto } from '../../../shared/dto/photos';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatDate } from '../../format';
import { selectCanWrite, useStore } from '../../store';
import { useTask } from '../../use-task';

/** Publications to take down, each with "Mark done" for those who may change records. */
export function TakedownsOwed({ owed, showPerson, onDone }: { owed: TakedownOwedDto[]; showPerson: boolean; onDone: () => void }) {
  const { t } = useTranslation();
  const canWrite = useStore(selectCanWrite);
  const mark = useTask(async (o: TakedownOwedDto) => {
    await api.call('photos.markTakenDown', { contactId: o.contactId, publicationId: o.publication.id });
    onDone();
  });
  if (owed.length === 0) return <p className="muted">{t('photos.takedowns.empty')}</p>;
  return (
    <>
      <ul className="sensitive-list" data-testid="takedowns-owed">
        {owed.map((o) => (
          <li key={`${o.contactId}|${o.publication.id}`} className="sensitive-item">
            <div>
              <strong>{showPerson ? o.contactName : o.publication.eventName}</strong>
              <div className="photo-location">{o.publication.location}</div>
              <div className="muted small">
                {showPerson && `${o.publication.eventName} · `}
                {t('photos.takedowns.publishedOn', { date: formatDate(o.publication.publishedOn) })} ·{' '}
                {t('photos.takedowns.optedOutOn', { date: formatDate(o.optedOutOn), source: t(`photos.source.${o.source}`) })}
              </div>
            </div>
            {canWrite && (
              <div className="record-actions">
                <button type="button" className="button button--secondary button--small" onClick={() => void mark.run(o)} disabled={mark.pending}>
                  {t('photos.takedowns.markDone')}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      <ErrorMessage error={mark.error} />
    </>
  );
}
