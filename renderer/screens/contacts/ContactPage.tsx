import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactDto } from '../../../shared/dto/index';
import { formatPhoneForDisplay, formatPhoneInternational } from '../../../shared/rules/phone';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ScreenTitle } from '../../components/ScreenTitle';
import { formatDate } from '../../format';
import { selectCanWrite, useStore } from '../../store';
import { useTask } from '../../use-task';
import { EraseDialog } from '../erasure/EraseDialog';
import { SubjectExportDialog } from '../exports/SubjectExportDialog';
import { ContactConsents, ConsentWarnings, useContactConsents } from './ContactConsents';
import { ContactForm } from './ContactForm';
import { ContactHistory } from './ContactHistory';
import { ContactSharing } from './ContactSharing';
import { contactFieldViews } from './contact-values';
import { ContactSystems } from './ContactSystems';
import { ContactPhotos } from './ContactPhotos';
import { ContactRequests } from './ContactRequests';
import { MergeDialog } from './MergeDialog';
import { Participations } from './Participations';
import { SensitiveSection } from './SensitiveSection';

/** National format for the home country's numbers once the setting is known; international until then. */
function usePhoneFormat(): (e164: string) => string {
  const homeCountry = useStore((s) => s.settings?.homeCountry);
  const ensureSettings = useStore((s) => s.ensureSettings);
  useEffect(() => {
    ensureSettings().catch(() => undefined);
  }, [ensureSettings]);
  return homeCountry ? (e164) => formatPhoneForDisplay(e164, homeCountry) : formatPhoneInternational;
}

function Details({ contact }: { contact: ContactDto }) {
  const { t } = useTranslation();
  const formatPhone = usePhoneFormat();
  const none = t('common.none');
  const others = contact.emails.filter((e) => !e.primary).map((e) => e.address);
  const rows: Array<[string, string]> = [
    [t('contacts.fields.email'), contact.emails.find((e) => e.primary)?.address ?? none],
    ...(others.length ? [[t('contacts.fields.otherEmails'), others.join(', ')] as [string, string]] : []),
    [t('contacts.fields.phone'), contact.phones.map(formatPhone).join(', ') || none],
    ...(['jobTitle', 'organisationId', 'country', 'language', 'gender'] as const).map((f): [string, string] => {
      const view = contactFieldViews[f];
      return [view.label(t), view.shown(contact, t) ?? none];
    }),
    [t('contacts.fields.notes'), contact.notes ?? none],
    [t('contacts.addedOn'), formatDate(contact.createdAt)],
  ];
  return (
    <section className="panel">
      <h2 className="panel__title">{t('contacts.details')}</h2>
      <dl className="facts facts--record">
        {rows.map(([k, v]) => (
          <div key={k} style={{ display: 'contents' }}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export function ContactPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const openContact = useStore((s) => s.openContact);
  const canWrite = useStore(selectCanWrite);
  const navigate = useStore((s) => s.navigate);
  const [contact, setContact] = useState<ContactDto | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [editing, setEditing] = useState(false);
  const [merging, setMerging] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [erasing, setErasing] = useState(false);
  // Bumped by every change made on this page, so the history shows the new line.
  const [changes, setChanges] = useState(0);

  const reload = useCallback(() => api.call('contacts.get', { id }).then(setContact, setLoadError), [id]);
  const changed = useCallback(() => {
    setChanges((n) => n + 1);
    void reload();
  }, [reload]);
  useEffect(() => {
    void reload();
  }, [reload]);
  const consents = useContactConsents(id, changes);

  const archive = useTask(async () => {
    if (contact) setContact(await api.call('contacts.archive', { id, archived: !contact.archivedAt }));
    setChanges((n) => n + 1);
  });

  return (
    <section className="screen screen--wide">
      <p>
        <button type="button" className="link-button" onClick={() => openContact(null)}>
          ← {t('contacts.backToList')}
        </button>
      </p>
      <ErrorMessage error={loadError} />
      {contact && (
        <>
          <header className="screen__header screen__header--split">
            <div>
              <ScreenTitle>{contact.fullName}</ScreenTitle>
              {contact.archivedAt && <p className="lead">{t('contacts.archivedOn', { date: formatDate(contact.archivedAt) })}</p>}
            </div>
            {canWrite && (
              <div className="record-actions">
                <button type="button" className="button button--secondary" onClick={() => setEditing(true)}>
                  {t('contacts.edit')}
                </button>
                <button type="button" className="button button--secondary" onClick={() => setMerging(true)}>
                  {t('contacts.merge.button')}
                </button>
                <button type="button" className="button button--secondary" onClick={() => void archive.run()} disabled={archive.pending}>
                  {contact.archivedAt ? t('contacts.restore') : t('contacts.archive')}
                </button>
                <button type="button" className="button button--secondary" onClick={() => setExporting(true)}>
                  {t('exports.subject.button')}
                </button>
                <button type="button" className="button button--danger-quiet" onClick={() => setErasing(true)}>
                  {t('erasure.button')}
                </button>
              </div>
            )}
          </header>
          <ErrorMessage error={archive.error} />
          {contact.underAge && (
            <div className="message message--warning" role="alert" data-testid="under-age">
              <p>{t('contacts.underAge', { threshold: contact.underAge.threshold, age: contact.underAge.age })}</p>
              <p>
                {canWrite && (
                  <button type="button" className="button button--danger-quiet" onClick={() => setErasing(true)}>
                    {t('erasure.underAgeButton')}
                  </button>
                )}{' '}
                <button type="button" className="button button--quiet" onClick={() => navigate('retention')}>
                  {t('erasure.retentionLink')}
                </button>
              </p>
            </div>
          )}
          <ConsentWarnings consents={consents.consents} onErase={canWrite ? () => setErasing(true) : undefined} />
          <div className="record-grid">
            <Details contact={contact} />
            <SensitiveSection contact={{ id: contact.id, name: contact.fullName }} onChanged={changed} />
            <Participations contact={contact} onChanged={changed} />
            <ContactConsents contactId={contact.id} language={contact.language} state={consents} onChanged={changed} />
            <ContactPhotos key={changes} contactId={contact.id} onChanged={changed} />
            <ContactSystems contactId={contact.id} onChanged={changed} />
            <ContactSharing contactId={contact.id} name={contact.fullName} refreshKey={changes} onChanged={changed} />
            <ContactRequests contact={{ id: contact.id, name: contact.fullName }} refreshKey={changes} />
            <ContactHistory contactId={contact.id} refreshKey={changes} />
          </div>
          {editing && (
            <ContactForm
              contact={contact}
              onClose={() => setEditing(false)}
              onSaved={(c) => {
                setContact(c);
                setEditing(false);
                setChanges((n) => n + 1);
              }}
            />
          )}
          {exporting && <SubjectExportDialog contact={contact} onClose={() => setExporting(false)} />}
          {erasing && <EraseDialog contact={{ id: contact.id, name: contact.fullName }} onClose={() => setErasing(false)} onErased={() => openContact(null)} />}
          {merging && (
            <MergeDialog
              keep={contact}
              onClose={() => setMerging(false)}
              onMerged={(c) => {
                setContact(c);
                setMerging(false);
                setChanges((n) => n + 1);
              }}
            />
          )}
        </>
      )}
    </section>
  );
}
