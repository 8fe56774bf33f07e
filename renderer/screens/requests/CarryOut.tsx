import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { ContactDto } from '../../../shared/dto/index';
import type { PurposeDto } from '../../../shared/dto/register';
import type { RequestActionDto, RequestDetailDto } from '../../../shared/dto/requests';
import { api } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatDateMinute } from '../../format';
import { useTask } from '../../use-task';
import { purposeName } from '../consents/consent-words';
import { ContactForm } from '../contacts/ContactForm';
import { EraseDialog } from '../erasure/EraseDialog';
import { SubjectExportDialog } from '../exports/SubjectExportDialog';

type Changed = () => void;

/** A value before or after a rectification, as a person reads it. */
function shown(value: unknown, none: string): string {
  if (value === null || value === undefined || value === '') return none;
  if (Array.isArray(value)) return value.length ? value.join(', ') : none;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** One thing done to carry the request out, in words, with a rectification's before and after. */
type ErasureDetail = Extract<RequestActionDto, { action: 'erasure' }>['detail'];

/** A whole erasure, an anonymisation or one category's, with what the holds kept. */
function erasureDone(t: TFunction, d: ErasureDetail): string {
  if (d.category) return t('requests.carry.done.erasureCategory', { count: d.keptCount, category: t(`sensitive.categories.${d.category}`) });
  return t(d.anonymised ? 'requests.carry.done.anonymised' : 'requests.carry.done.erasure', { count: d.keptCount });
}

function ActionItem({ action }: { action: RequestActionDto }) {
  const { t } = useTranslation();
  const none = t('common.none');
  const by = t('requests.carry.doneBy', { at: formatDateMinute(action.doneAt), name: action.doneBy?.name ?? t('requests.timeline.nobody') });
  return (
    <li data-action={action.action}>
      {action.action === 'bundle' && (
        <>
          <strong>{t(`requests.carry.done.bundle.${action.detail.mode}`)}</strong>
          <div className="small">{action.detail.fileName ?? t('requests.carry.nameErased')}</div>
          <div className="muted small mono">{t('requests.carry.manifest', { hash: action.detail.manifestSha256 })}</div>
        </>
      )}
      {action.action === 'rectification' && (
        <>
          <strong>{t('requests.carry.done.rectification')}</strong>
          {action.detail.changes ? (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('requests.carry.field')}</th>
                  <th scope="col">{t('requests.carry.before')}</th>
                  <th scope="col">{t('requests.carry.after')}</th>
                </tr>
              </thead>
              <tbody>
                {action.detail.changes.map((c) => (
                  <tr key={c.field}>
                    <td>{t(`audit.fieldNames.${c.field}`, { defaultValue: c.field })}</td>
                    <td>{shown(c.before, none)}</td>
                    <td>{shown(c.after, none)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <div className="small">{action.detail.fields.map((f) => t(`audit.fieldNames.${f}`, { defaultValue: f })).join(', ')}</div>
          )}
        </>
      )}
      {action.action === 'restriction' && <strong>{action.detail.lifted ? t('requests.carry.done.lifted') : t('requests.carry.done.restriction')}</strong>}
      {(action.action === 'objection' || action.action === 'withdrawal') && (
        <>
          <strong>{t(`requests.carry.done.${action.action}`)}</strong>
          <div className="small">{action.detail.purposeCodes.join(', ')}</div>
        </>
      )}
      {action.action === 'erasure' && <strong>{erasureDone(t, action.detail)}</strong>}
      <div className="muted small">{by}</div>
    </li>
  );
}

/** Purposes to choose for an objection (legitimate interest) or a withdrawal (consent). */
function PurposeChoice({ basis, chosen, onChange }: { basis: 'legitimate_interest' | 'consent'; chosen: string[]; onChange: (codes: string[]) => void }) {
  const { t } = useTranslation();
  const [purposes, setPurposes] = useState<PurposeDto[]>([]);
  useEffect(() => {
    api.call('purposes.list', {}).then(
      (all) => setPurposes(all.filter((p) => p.lawfulBasis === basis)),
      () => setPurposes([]),
    );
  }, [basis]);
  return (
    <fieldset className="fieldset">
      <legend className="field__label">{t(`requests.carry.purposes.${basis}`)}</legend>
      {purposes.map((p) => (
        <label key={p.id} className="checkbox">
          <input type="checkbox" checked={chosen.includes(p.code)} onChange={(e) => onChange(e.target.checked ? [...chosen, p.code] : chosen.filter((c) => c !== p.code))} />
          {purposeName(p)}
        </label>
      ))}
    </fieldset>
  );
}

/** The one right this request asks for, carried out from its page with the right's own screen. */
function Carry({ request, onChanged }: { request: RequestDetailDto; onChanged: Changed }) {
  const { t } = useTranslation();
  const contact = request.contact!;
  const [full, setFull] = useState<ContactDto | null>(null);
  const [open, setOpen] = useState<'bundle' | 'rectify' | 'restrict' | 'erase' | null>(null);
  const [codes, setCodes] = useState<string[]>([]);
  const needsContact = request.type === 'access' || request.type === 'portability' || request.type === 'rectification';
  useEffect(() => {
    if (needsContact) api.call('contacts.get', { id: contact.id }).then(setFull, () => setFull(null));
  }, [contact.id, needsContact]);
  const act = useTask(async (what: 'restrict' | 'lift' | 'object' | 'withdraw') => {
    if (what === 'restrict') await api.call('requests.restrict', { id: request.id });
    if (what === 'lift') await api.call('requests.liftRestriction', { id: request.id });
    if (what === 'object') await api.call('requests.object', { id: request.id, ...(codes.length ? { purposeCodes: codes } : {}) });
    if (what === 'withdraw') await api.call('requests.withdraw', { id: request.id, purposeCodes: codes });
    setOpen(null);
    setCodes([]);
    onChanged();
  });
  const restricted = request.actions.filter((a) => a.action === 'restriction').at(-1);
  const isRestricted = restricted?.action === 'restriction' && !restricted.detail.lifted;
  const close = () => {
    setOpen(null);
    onChanged();
  };
  const mode = request.type === 'portability' ? 'portability' : 'access';

  return (
    <>
      <p>{t(`requests.carry.what.${request.type}`, { name: contact.name })}</p>
      {(request.type === 'access' || request.type === 'portability') && (
        <button type="button" className="button button--primary" disabled={!full} onClick={() => setOpen('bundle')}>
          {t('requests.carry.bundleButton')}
        </button>
      )}
      {request.type === 'rectification' && (
        <button type="button" className="button button--primary" disabled={!full} onClick={() => setOpen('rectify')}>
          {t('requests.carry.rectifyButton')}
        </button>
      )}
      {request.type === 'restriction' &&
        (isRestricted ? (
          <button type="button" className="button button--secondary" disabled={act.pending} onClick={() => void act.run('lift')}>
            {t('requests.carry.liftButton')}
          </button>
        ) : (
          !request.closedDate && (
            <button type="button" className="button button--primary" onClick={() => setOpen('restrict')}>
              {t('requests.carry.restrictButton')}
            </button>
          )
        ))}
      {request.type === 'objection' && (
        <>
          <PurposeChoice basis="legitimate_interest" chosen={codes} onChange={setCodes} />
          <p className="muted small">{t('requests.carry.objectHelp')}</p>
          <button type="button" className="button button--primary" disabled={act.pending} onClick={() => void act.run('object')}>
            {t('requests.carry.objectButton')}
          </button>
        </>
      )}
      {request.type === 'consent_withdrawal' && (
        <>
          <PurposeChoice basis="consent" chosen={codes} onChange={setCodes} />
          <button type="button" className="button button--primary" disabled={act.pending || codes.length === 0} onClick={() => void act.run('withdraw')}>
            {t('requests.carry.withdrawButton')}
          </button>
        </>
      )}
      {request.type === 'erasure' && (
        <button type="button" className="button button--danger" onClick={() => setOpen('erase')}>
          {t('requests.carry.eraseButton', { name: contact.name })}
        </button>
      )}
      <ErrorMessage error={act.error} />
      {open === 'bundle' && full && <SubjectExportDialog contact={full} request={{ id: request.id, mode }} onClose={close} />}
      {open === 'rectify' && full && <ContactForm contact={full} onClose={() => setOpen(null)} onSaved={close} rectifying={{ requestId: request.id, onRectified: close }} />}
      <ConfirmDialog
        open={open === 'restrict'}
        title={t('requests.carry.restrictTitle', { name: contact.name })}
        confirmLabel={t('requests.carry.restrictConfirm')}
        pending={act.pending}
        onConfirm={() => void act.run('restrict')}
        onCancel={() => setOpen(null)}
      >
        <p>{t('requests.carry.restrictText')}</p>
      </ConfirmDialog>
      {open === 'erase' && <EraseDialog contact={contact} requestId={request.id} onClose={() => setOpen(null)} onErased={close} />}
    </>
  );
}

/**
 * "Carry out the request": the right's own action while the work is in progress, and
 * what was done so far (kept on the request as its evidence).
 */
export function CarryOut({ request, canWrite, onChanged }: { request: RequestDetailDto; canWrite: boolean; onChanged: Changed }) {
  const { t } = useTranslation();
  const working = canWrite && request.state === 'in_progress' && request.contact !== null;
  // A restriction outlasts the reply: it can be lifted after the request is closed.
  const liftLater = canWrite && request.type === 'restriction' && request.closedDate !== null && request.contact !== null;
  if (!working && !liftLater && request.actions.length === 0) return null;
  return (
    <section className="panel request-carry" data-testid="request-carry-out">
      <h2 className="panel__title">{t('requests.carry.title')}</h2>
      {(working || liftLater) && <Carry request={request} onChanged={onChanged} />}
      {request.actions.length > 0 && (
        <>
          <h3 className="dialog__subtitle">{t('requests.carry.doneTitle')}</h3>
          <ul className="plain-list request-actions">
            {request.actions.map((a) => (
              <ActionItem key={a.id} action={a} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
