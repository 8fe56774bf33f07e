import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactSystemDto, ProcessorDto } from '../../../shared/dto/register';
import { api } from '../../api';
import { DateField } from '../../components/DateInput';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatDate } from '../../format';
import { selectCanWrite, useStore } from '../../store';
import { useTask } from '../../use-task';
import { today } from '../register/labels';

/**
 * Which processors and third-party accounts hold this person's data: what an access reply
 * lists, and whom an erasure or rectification must reach.
 */
export function ContactSystems({ contactId, onChanged }: { contactId: string; onChanged: () => void }) {
  const { t } = useTranslation();
  const canWrite = useStore(selectCanWrite);
  const [processors, setProcessors] = useState<ProcessorDto[] | null>(null);
  const [held, setHeld] = useState<ContactSystemDto[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [since, setSince] = useState(today());

  useEffect(() => {
    api.call('processors.list', {}).then((r) => setProcessors(r.processors), setLoadError);
    api.call('contactSystems.list', { contactId }).then(setHeld, setLoadError);
  }, [contactId]);

  const set = useTask(async (p: ProcessorDto, holds: boolean) => {
    // The tick shows at once; the core's answer (or a reload after a refusal) replaces it.
    setHeld((old) => (holds ? [...(old ?? []), { processorId: p.id, name: p.name, kind: p.kind, since: since || today() }] : (old ?? []).filter((h) => h.processorId !== p.id)));
    try {
      setHeld(await api.call('contactSystems.set', { contactId, processorId: p.id, holds, since: holds && since ? since : undefined }));
    } catch (e) {
      api.call('contactSystems.list', { contactId }).then(setHeld, setLoadError);
      throw e;
    }
    onChanged();
  });

  const byId = new Map((held ?? []).map((h) => [h.processorId, h]));
  return (
    <section className="panel" data-testid="contact-systems" aria-labelledby="contact-systems-title">
      <h2 className="panel__title" id="contact-systems-title">
        {t('register.systems.title')}
      </h2>
      <p className="panel__intro">{t('register.systems.intro')}</p>
      <ErrorMessage error={loadError} />
      {canWrite && <DateField className="field--inline-date" label={t('register.systems.sinceLabel')} value={since} max={today()} onChange={setSince} />}
      {processors && held && (
        <ul className="system-list">
          {processors.map((p) => {
            const h = byId.get(p.id);
            return (
              <li key={p.id} className={h ? 'system-list__item system-list__item--held' : 'system-list__item'}>
                <label className="checkbox checkbox--plain">
                  <input type="checkbox" checked={Boolean(h)} disabled={!canWrite || set.pending} onChange={(e) => void set.run(p, e.target.checked)} />
                  <span>
                    {p.name}
                    <span className="muted small"> · {t(`register.kinds.${p.kind}`)}</span>
                  </span>
                </label>
                {h && <span className="muted small">{t('register.systems.since', { date: formatDate(h.since) })}</span>}
              </li>
            );
          })}
        </ul>
      )}
      {held && held.length === 0 && !canWrite && <p className="muted">{t('register.systems.none')}</p>}
      <ErrorMessage error={set.error} />
    </section>
  );
}
