import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnonymisationResultDto, CategoryErasureResultDto, ErasedCountsDto, ErasureExportDto, ErasureKeptDto, ErasureResultDto } from '../../../shared/dto/erasure';
import type { RequestDto } from '../../../shared/dto/requests';
import type { SensitiveCategory } from '../../../shared/vocabulary';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { ErrorMessage, Problem } from '../../components/ErrorMessage';
import { TextField } from '../../components/Field';
import { SelectField } from '../../components/SelectField';
import { formatDate, formatDateMinute, formatNumber } from '../../format';
import { useTask } from '../../use-task';
import { ChoiceGroup } from '../exports/ChoiceGroup';

/** What goes, kind by kind in the core's order, leaving out the kinds the person has none of. */
function Removes({ counts }: { counts: Partial<ErasedCountsDto> }) {
  const { t } = useTranslation();
  const kinds = (Object.entries(counts) as Array<[keyof ErasedCountsDto, number]>).filter(([, n]) => n > 0);
  return (
    <ul className="erasure-list" data-testid="erasure-removes">
      {kinds.map(([k, n]) => (
        <li key={k}>{t(`erasure.removes.${k}`, { count: n, formatted: formatNumber(n) })}</li>
      ))}
    </ul>
  );
}

/** What stays: first what the choice itself keeps (the rest of the contact, its statistics), then what a legal hold keeps. */
function Kept({ stays, items }: { stays: string | null; items: ErasureKeptDto[] }) {
  const { t } = useTranslation();
  if (items.length === 0 && !stays) return <p className="muted">{t('erasure.keepsNothing')}</p>;
  return (
    <ul className="erasure-list" data-testid="erasure-keeps">
      {stays && (
        <li>
          <strong>{stays}</strong>
        </li>
      )}
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

/** The three ways to erase: the whole person, all but their statistics, or one sensitive category of theirs. */
type Choice = 'erase' | 'anonymise' | 'category';

/** What was done, for the caller: after `category` (and only then) the person is still the same contact. */
export type ErasureDone = { kind: 'erase'; result: ErasureResultDto } | { kind: 'anonymise'; result: AnonymisationResultDto } | { kind: 'category'; result: CategoryErasureResultDto };

/** The counts kind a sensitive category's items are listed under in "What goes". */
const CATEGORY_COUNTS: Record<SensitiveCategory, keyof ErasedCountsDto> = { bank: 'bankDetails', identity: 'identityDocuments', photo: 'photos', signature: 'signedSheets' };

/** One preview as the dialog shows it, whichever method gave it; `exports` is null when the choice cannot reach copies (one category). */
interface Shown {
  removes: Partial<ErasedCountsDto>;
  keeps: ErasureKeptDto[];
  exports: ErasureExportDto[] | null;
}

async function loadPreview(choice: Choice, contactId: string, category: SensitiveCategory | undefined): Promise<Shown> {
  if (choice === 'category' && category) {
    const p = await api.call('contacts.eraseCategoryPreview', { contactId, category });
    return { removes: { [CATEGORY_COUNTS[category]]: p.removes }, keeps: p.keeps, exports: null };
  }
  const p = await api.call(choice === 'anonymise' ? 'contacts.anonymisePreview' : 'contacts.erasePreview', { contactId });
  return { removes: p.removes, keeps: p.keeps, exports: p.exports };
}

function Done({ message, kept, exports, ledgerId, onClose }: { message: string; kept: ErasureKeptDto[]; exports: ErasureExportDto[]; ledgerId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      <div className="dialog__scroll" data-testid="erasure-done">
        <p className="message message--success" role="status">
          {message}
        </p>
        <h3 className="dialog__subtitle">{t('erasure.keptTitle')}</h3>
        <Kept stays={null} items={kept} />
        {exports.length > 0 && (
          <>
            <h3 className="dialog__subtitle">{t('erasure.exportsTitle')}</h3>
            <Exports items={exports} />
          </>
        )}
        {ledgerId && <p className="muted small">{t('erasure.ledger', { id: ledgerId })}</p>}
      </div>
      <div className="dialog__actions">
        <button type="button" className="button button--primary" onClick={onClose} autoFocus>
          {t('erasure.close')}
        </button>
      </div>
    </>
  );
}

function DoneFor({ done, name, onClose }: { done: ErasureDone; name: string; onClose: () => void }) {
  const { t } = useTranslation();
  switch (done.kind) {
    case 'erase':
      return (
        <Done message={t('erasure.done', { name, date: formatDate(done.result.erasedOn) })} kept={done.result.kept} exports={done.result.exports} ledgerId={done.result.erasureId} onClose={onClose} />
      );
    case 'anonymise':
      return (
        <Done
          message={t('erasure.anonymise.done', { name, date: formatDate(done.result.erasedOn), fullName: done.result.fullName })}
          kept={done.result.kept}
          exports={done.result.exports}
          ledgerId={done.result.erasureId}
          onClose={onClose}
        />
      );
    case 'category':
      return (
        <Done
          message={t('erasure.category.done', { name, date: formatDate(done.result.erasedOn), what: t(`erasure.category.what.${done.result.category}`) })}
          kept={done.result.kept}
          exports={[]}
          ledgerId={null}
          onClose={onClose}
        />
      );
  }
}

interface Props {
  contact: { id: string; name: string };
  /** The erasure request this answers, when opened from one. */
  requestId?: string;
  /** Opened from one sensitive category of the person's: that category is offered, and chosen first. */
  category?: SensitiveCategory;
  onClose: () => void;
  /** After the erasure; unless only a category went, the person no longer exists as they were, so the caller leaves their page. */
  onErased: (done: ErasureDone) => void;
}

/**
 * Erasing a person (DESIGN §5): first which erasure (all of them, all but their statistics,
 * or one category), then what will go, what stays and why, and the copies already made
 * that Registre cannot reach; then the reason, the request it answers, and an explicit
 * "cannot be undone" before the button works.
 */
export function EraseDialog({ contact, requestId, category, onClose, onErased }: Props) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<Choice>(category ? 'category' : 'erase');
  const [requests, setRequests] = useState<RequestDto[]>([]);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [reason, setReason] = useState(() => (requestId ? t('erasure.reasonRequest') : ''));
  const [linked, setLinked] = useState(requestId ?? '');
  const [understood, setUnderstood] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<ErasureDone | null>(null);

  // Each answer is kept under the choice it answers: a slow preview of another choice never shows under this one.
  const [loaded, setLoaded] = useState<Partial<Record<Choice, { shown: Shown | null; error: unknown }>>>({});
  useEffect(() => {
    loadPreview(choice, contact.id, category).then(
      (shown) => setLoaded((l) => ({ ...l, [choice]: { shown, error: null } })),
      (error: unknown) => setLoaded((l) => ({ ...l, [choice]: { shown: null, error } })),
    );
  }, [choice, contact.id, category]);
  const preview = loaded[choice]?.shown ?? null;
  useEffect(() => {
    api.call('requests.list', { contactId: contact.id, limit: 50 }).then((l) => setRequests(l.items.filter((r) => r.type === 'erasure' && !r.closedDate)), setLoadError);
  }, [contact.id]);

  const erase = useTask(async () => {
    const input = { contactId: contact.id, reason: reason.trim(), ...(linked ? { requestId: linked } : {}) };
    if (choice === 'category' && category) setDone({ kind: 'category', result: await api.call('contacts.eraseCategory', { ...input, category }) });
    else if (choice === 'anonymise') setDone({ kind: 'anonymise', result: await api.call('contacts.anonymise', input) });
    else setDone({ kind: 'erase', result: await api.call('contacts.erase', input) });
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (reason.trim().length < 3) return setProblem(t(`erasure.${choice}.reasonRequired`));
    if (!understood) return setProblem(t('erasure.confirmRequired'));
    setProblem(null);
    void erase.run();
  };
  const choose = (c: Choice) => {
    setChoice(c);
    // The tick confirmed another erasure's list.
    setUnderstood(false);
    setProblem(null);
  };
  const close = () => (done ? onErased(done) : onClose());
  const choices = [
    { value: 'erase' as const, name: t('erasure.erase.name'), help: t('erasure.erase.help') },
    { value: 'anonymise' as const, name: t('erasure.anonymise.name'), help: t('erasure.anonymise.help') },
    ...(category ? [{ value: 'category' as const, name: t(`erasure.category.name.${category}`), help: t('erasure.category.help') }] : []),
  ];

  return (
    <Dialog open wide title={t('erasure.title', { name: contact.name })} busy={erase.pending} onCancel={close}>
      {done ? (
        <DoneFor done={done} name={contact.name} onClose={close} />
      ) : (
        <form onSubmit={submit} noValidate>
          <div className="dialog__scroll">
            <ChoiceGroup legend={t('erasure.choose')} group="erasure-choice" choices={choices} value={choice} onChange={choose} disabled={erase.pending} />
            <p className="message message--warning">{t(`erasure.${choice}.intro`)}</p>
            <ErrorMessage error={loadError ?? loaded[choice]?.error} />
            {preview && (
              <div className="erasure-columns">
                <section>
                  <h3 className="dialog__subtitle">{t('erasure.removesTitle')}</h3>
                  <Removes counts={preview.removes} />
                </section>
                <section>
                  <h3 className="dialog__subtitle">{t('erasure.keptTitle')}</h3>
                  <Kept stays={choice === 'erase' ? null : t(`erasure.${choice}.stays`, { name: contact.name })} items={preview.keeps} />
                </section>
              </div>
            )}
            {preview?.exports && (
              <section>
                <h3 className="dialog__subtitle">{t('erasure.exportsTitle')}</h3>
                <Exports items={preview.exports} />
              </section>
            )}
            <TextField label={t(`erasure.${choice}.reason`)} help={t('erasure.reasonHelp')} value={reason} onChange={setReason} maxLength={200} />
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
              {t(`erasure.${choice}.understood`, { name: contact.name })}
            </label>
            <Problem text={problem} />
            <ErrorMessage error={erase.error} />
          </div>
          <div className="dialog__actions">
            <button type="button" className="button button--secondary" onClick={onClose} disabled={erase.pending}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="button button--danger" disabled={erase.pending || !preview} aria-busy={erase.pending}>
              {erase.pending ? t('erasure.erasing') : t(`erasure.${choice}.confirm`, { name: contact.name })}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
