import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactConsentsDto, PurposeStateDto } from '../../../shared/dto/consents';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Icon } from '../../components/Icon';
import { formatDate, formatDateTime } from '../../format';
import { selectCanWrite, useStore } from '../../store';
import { actionLabel, policyShownLabel, purposeName } from '../consents/consent-words';
import { RecordConsentDialog } from '../consents/RecordConsentDialog';

export interface ContactConsentsState {
  consents: ContactConsentsDto | null;
  error: unknown;
  /** The answer of a recording: the new state, no second round trip. */
  replace: (consents: ContactConsentsDto) => void;
}

/** The contact's consents, read again whenever the page says something changed. */
export function useContactConsents(contactId: string, refreshKey: number): ContactConsentsState {
  const [consents, setConsents] = useState<ContactConsentsDto | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let current = true;
    api.call('consents.forContact', { contactId }).then(
      (c) => current && (setConsents(c), setError(null)),
      (e: unknown) => current && setError(e),
    );
    return () => {
      current = false;
    };
  }, [contactId, refreshKey]);
  return { consents, error, replace: setConsents };
}

/** Shown at the top of the contact page: the two states that change what staff may do. */
/** `onErase` is given to those who may erase: the no-basis warning then leads to the erasure. */
export function ConsentWarnings({ consents, onErase }: { consents: ContactConsentsDto | null; onErase?: () => void }) {
  const { t } = useTranslation();
  if (!consents) return null;
  const noBasis = consents.noRemainingBasis;
  const restricted = consents.purposes.filter((p) => p.state === 'restricted');
  return (
    <>
      {noBasis && (
        <div className="message message--error consent-alert" role="alert" data-testid="no-basis-warning">
          <p className="consent-alert__title">
            <Icon name="alert" /> {t('consents.warnings.noBasisTitle')}
          </p>
          <p>{t('consents.warnings.noBasisSince', { date: formatDate(noBasis.since) })}</p>
          <ul>
            {noBasis.events.map((e) => (
              <li key={e.purpose.id}>
                {t('consents.warnings.event', {
                  purpose: purposeName(e.purpose),
                  action: actionLabel(t, e.action, e.purpose.lawfulBasis).toLowerCase(),
                  date: formatDate(e.occurredOn),
                  channel: t(`consents.channels.${e.channel}`).toLowerCase(),
                })}
              </li>
            ))}
          </ul>
          <p>
            <strong>{t('consents.warnings.todo')}</strong> {t('consents.warnings.noBasisTodo')}
          </p>
          {onErase && (
            <p>
              <button type="button" className="button button--danger-quiet" onClick={onErase}>
                {t('erasure.reviewButton')}
              </button>
            </p>
          )}
        </div>
      )}
      {consents.restricted && (
        <div className="message message--warning consent-alert" role="alert" data-testid="restricted-warning">
          <p className="consent-alert__title">
            <Icon name="lock" /> {t('consents.warnings.restrictedTitle')}
          </p>
          <p>{t('consents.warnings.restrictedText', { purposes: restricted.map((p) => purposeName(p.purpose)).join(', ') })}</p>
        </div>
      )}
    </>
  );
}

function History({ row }: { row: PurposeStateDto }) {
  const { t } = useTranslation();
  const basis = row.purpose.lawfulBasis;
  return (
    <table className="table consent-history">
      <thead>
        <tr>
          <th scope="col">{t('consents.history.date')}</th>
          <th scope="col">{t('consents.history.action')}</th>
          <th scope="col">{t('consents.history.channel')}</th>
          <th scope="col">{t('consents.history.evidence')}</th>
          <th scope="col">{t('consents.history.policy')}</th>
          <th scope="col">{t('consents.history.recordedBy')}</th>
        </tr>
      </thead>
      <tbody>
        {/* Newest first, like the person's history below. */}
        {[...row.history].reverse().map((e) => (
          <tr key={e.id}>
            <td className="nowrap">{formatDate(e.occurredOn)}</td>
            <td>{actionLabel(t, e.action, basis)}</td>
            <td>{t(`consents.channels.${e.channel}`)}</td>
            <td>{e.evidence ?? t('common.none')}</td>
            <td className={e.policyVersion ? 'nowrap' : undefined} data-testid="policy-shown">
              {policyShownLabel(t, e)}
            </td>
            <td>
              {e.recordedBy?.name ?? t('audit.nobody')}
              <div className="muted small">{formatDateTime(e.recordedAt)}</div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PurposeRow({ row }: { row: PurposeStateDto }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const p = row.purpose;
  return (
    <>
      <tr data-testid="consent-row" data-purpose={p.code}>
        <th scope="row">{purposeName(p)}</th>
        <td>{t(`consents.bases.${p.lawfulBasis}`)}</td>
        <td>
          <span className={`badge consent-state consent-state--${row.state}`}>{row.state === 'granted' ? actionLabel(t, 'granted', p.lawfulBasis) : t(`consents.states.${row.state}`)}</span>
        </td>
        <td>
          <span className={row.applies ? 'consent-applies' : 'consent-applies consent-applies--no'}>{row.applies ? t('consents.section.appliesYes') : t('consents.section.appliesNo')}</span>
        </td>
        <td className="nowrap">{row.since ? formatDate(row.since) : t('common.none')}</td>
        <td className="actions">
          {row.history.length > 0 && (
            <button type="button" className="button button--quiet button--small" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
              {open ? t('consents.section.hideHistory') : t('consents.section.showHistory', { count: row.history.length })}
            </button>
          )}
        </td>
      </tr>
      {open && (
        <tr className="consent-history-row">
          <td colSpan={6}>
            <History row={row} />
          </td>
        </tr>
      )}
    </>
  );
}

/** "Consents and lawful bases" on the contact page: every purpose, its state and its ledger. */
export function ContactConsents({ contactId, language, state, onChanged }: { contactId: string; language?: string | null; state: ContactConsentsState; onChanged: () => void }) {
  const { t } = useTranslation();
  const canWrite = useStore(selectCanWrite);
  const [recording, setRecording] = useState(false);
  const { consents, error } = state;
  return (
    <section className="panel panel--wide" data-testid="consents-section">
      <div className="panel__head">
        <h2 className="panel__title">{t('consents.section.title')}</h2>
        {canWrite && consents && (
          <button type="button" className="button button--secondary" onClick={() => setRecording(true)}>
            {t('consents.section.record')}
          </button>
        )}
      </div>
      <p className="panel__intro">{t('consents.section.intro')}</p>
      <ErrorMessage error={error} />
      {consents && (
        <div className="table-wrap">
          <table className="table consent-table">
            <thead>
              <tr>
                <th scope="col">{t('consents.section.purpose')}</th>
                <th scope="col">{t('consents.section.basis')}</th>
                <th scope="col">{t('consents.section.state')}</th>
                <th scope="col">{t('consents.section.applies')}</th>
                <th scope="col">{t('consents.section.since')}</th>
                <th scope="col" className="actions">
                  <span className="sr-only">{t('consents.history.title')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {consents.purposes.map((row) => (
                <PurposeRow key={row.purpose.id} row={row} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {recording && consents && (
        <RecordConsentDialog
          contactId={contactId}
          contactLanguage={language ?? null}
          purposes={consents.purposes}
          onClose={() => setRecording(false)}
          onRecorded={(c) => {
            state.replace(c);
            setRecording(false);
            onChanged();
          }}
        />
      )}
    </section>
  );
}
