import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErasedCountsDto, ErasureExportDto, ErasureKeptDto, ErasurePreviewDto, ErasureResultDto } from '../../../shared/dto/erasure';
import type { RequestDto } from '../../../shared/dto/requests';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { ErrorMessage, Problem } from '../../components/ErrorMessage';
import { TextField } from '../../components/Field';
import { SelectField } from '../../components/SelectField';
import { formatDate, formatDateMinute, formatNumber } from '../../format';
import { useTask } from '../../use-task';

/** What goes, kind by kind in the core's order, leaving out the kinds the person has none of. */
function Removes({ counts }: { counts: ErasedCountsDto }) {
  const { t } = useTranslation();
  const kinds = (Object.keys(counts) as Array<keyof ErasedCountsDto>).filter((k) => counts[k] > 0);
  return (
    <ul className="erasure-list" data-testid="erasure-removes">
      {kinds.map((k) => (
        <li key={k}>{t(`erasure.removes.${k}`, { count: counts[k], formatted: formatNumber(counts[k]) })}</li>
      ))}
    </ul>
  );
}

function Kept({ items }: { items: ErasureKeptDto[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return <p className="muted">{t('erasure.keepsNothing')}</p>;
  return (
    <ul className="erasure-list" data-testid="erasure-keeps">
      {items.map((k) => (
        <li key={k.id}>
          <strong>{t(`erasure.kept.${k.kind}`)}</strong> — {t(`erasure.holds.${k.hold}`)}
          <div className="muted small">{k.until ? t('erasure.keptUntil', { date: formatDate(k.until) }) : t('erasure.keptNoEnd')}</div>
        </li>
      ))}
    </ul>
  );
}

/** Copies made before: outside the vault, so the erasure cannot reach them. */
function Exports({ items }: { items: ErasureExportDto[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return <p className="muted">{t('erasure.noExports')}</p>;
  return (
    <>
      <p className="small">{t('erasure.exportsIntro')}</p>
      <ul className="erasure-list" data-testid="erasure-exports">
        {items.map((x) => (
          <li key={x.seq}>
            {x.action === 'export.subject'
              ? t('erasure.exportBundle')
              : x.action === 'export.register'
                ? t('erasure.exportRegister', { register: t(`exports.registers.${x.entityType}.name`, { defaultValue: x.entityType }) })
                : t('erasure.exportOther', { action: x.action })}
            <span className="muted small"> — {formatDateMinute(x.at)}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

function Done({ name, result, onClose }: { name: string; result: ErasureResultDto; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      <div className="dialog__scroll" data-testid="erasure-done">
        <p className="message message--success" role="status">
          {t('erasure.done', { name, date: formatDate(result.erasedOn) })}
        </p>
        <h3 className="dialog__subtitle">{t('erasure.keptTitle')}</h3>
        <Kept items={result.kept} />
        {result.exports.length > 0 && (
          <>
            <h3 className="dialog__subtitle">{t('erasure.exportsTitle')}</h3>
            <Exports items={result.exports} />
          </>
        )}
        <p className="muted small">{t('erasure.ledger', { id: result.erasureId })}</p>
      </div>
      <div className="dialog__actions">
        <button type="button" className="button button--primary" onClick={onClose} autoFocus>
          {t('erasure.close')}
        </button>
      </div>
    </>
  );
}

interface Props {
  contact: { id: string; name: string };
  /** The erasure request this answers, when opened from one. */
  requestId?: string;
  onClose: () => void;
  /** After the erasure: the person no longer exists, so the caller leaves their page. */
  onErased: (result: ErasureResultDto) => void;
}

/**
 * Erasing a person (DESIGN §5): first what will go, what stays and why, and the copies
 * already made that Registre cannot reach; then the reason, the request it answers, and
 * an explicit "cannot be undone" before the button works.
 */
export function EraseDialog({ contact, requestId, onClose, onErased }: Props) {
  const { t } = useTranslation();
  const [preview, setPreview] = useState<ErasurePreviewDto | null>(null);
  const [requests, setRequests] = useState<RequestDto[]>([]);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [reason, setReason] = useState(() => (requestId ? t('erasure.reasonRequest') : ''));
  const [linked, setLinked] = useState(requestId ?? '');
  const [understood, setUnderstood] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [result, setResult] = useState<ErasureResultDto | null>(null);

  useEffect(() => {
    api.call('contacts.erasePreview', { contactId: contact.id }).then(setPreview, setLoadError);
    api.call('requests.list', { contactId: contact.id, limit: 50 }).then((l) => setRequests(l.items.filter((r) => r.type === 'erasure' && !r.closedDate)), setLoadError);
  }, [contact.id]);

  const erase = useTask(async () => {
    setResult(await api.call('contacts.erase', { contactId: contact.id, reason: reason.trim(), ...(linked ? { requestId: linked } : {}) }));
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (reason.trim().length < 3) return setProblem(t('erasure.reasonRequired'));
    if (!understood) return setProblem(t('erasure.confirmRequired'));
    setProblem(null);
    void erase.run();
  };
  const close = () => (result ? onErased(result) : onClose());

  return (
    <Dialog open wide title={t('erasure.title', { name: contact.name })} busy={erase.pending} onCancel={close}>
      {result ? (
        <Done name={contact.name} result={result} onClose={close} />
      ) : (
        <form onSubmit={submit} noValidate>
          <div className="dialog__scroll">
            <p className="message message--warning">{t('erasure.intro')}</p>
            <ErrorMessage error={loadError} />
            {preview && (
              <div className="erasure-columns">
                <section>
                  <h3 className="dialog__subtitle">{t('erasure.removesTitle')}</h3>
                  <Removes counts={preview.removes} />
                </section>
                <section>
                  <h3 className="dialog__subtitle">{t('erasure.keptTitle')}</h3>
                  <Kept items={preview.keeps} />
                </section>
              </div>
            )}
            {preview && (
              <section>
                <h3 className="dialog__subtitle">{t('erasure.exportsTitle')}</h3>
                <Exports items={preview.exports} />
              </section>
            )}
            <TextField label={t('erasure.reason')} help={t('erasure.reasonHelp')} value={reason} onChange={setReason} maxLength={200} />
            {requests.length > 0 && (
              <SelectField
                label={t('erasure.request')}
                empty={t('erasure.noRequest')}
                value={linked}
                onChange={setLinked}
                options={requests.map((r) => ({ value: r.id, label: t('erasure.requestOption', { date: formatDate(r.receivedDate) }) }))}
              />
            )}
            <label className="checkbox">
              <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} />
              {t('erasure.understood', { name: contact.name })}
            </label>
            <Problem text={problem} />
            <ErrorMessage error={erase.error} />
          </div>
          <div className="dialog__actions">
            <button type="button" className="button button--secondary" onClick={onClose} disabled={erase.pending}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="button button--danger" disabled={erase.pending || !preview} aria-busy={erase.pending}>
              {erase.pending ? t('erasure.erasing') : t('erasure.confirm', { name: contact.name })}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
