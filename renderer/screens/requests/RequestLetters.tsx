import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestDetailDto, RequestLetterSummaryDto } from '../../../shared/dto/requests';
import { requestLetterKinds, type RefusalReason, type RequestLetterKind } from '../../../shared/vocabulary';
import { letterRefusal } from '../../../shared/rules/letter-kinds';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { ErrorMessage, Problem } from '../../components/ErrorMessage';
import { TextField } from '../../components/Field';
import { SelectField } from '../../components/SelectField';
import { formatDateMinute } from '../../format';
import { safeFileName, saveTextFile } from '../../save-text-file';
import { useTask } from '../../use-task';

type Language = 'en' | 'fr';

/**
 * The letters to offer: those the core accepts for the request as it stands
 * (shared/rules/letter-kinds.ts), a refusal only once refused (an open request's refusal
 * letter is drafted by the Refuse step, which knows its ground).
 */
export function letterKindsFor(r: RequestDetailDto): RequestLetterKind[] {
  return requestLetterKinds.filter((k) => letterRefusal(k, r.state, r.extension !== null) === null && (k !== 'refusal' || r.state === 'refused'));
}

/** "Copy as text": the subject, a blank line and the body, as a mail program takes them. */
async function copyText(subject: string, body: string): Promise<void> {
  await navigator.clipboard.writeText(`${subject}\n\n${body}\n`);
}

interface LetterProps {
  request: RequestDetailDto;
  kind: RequestLetterKind;
  /** A refusal drafted while refusing: its ground. */
  refusalReason?: RefusalReason;
  onClose: () => void;
  onSaved: () => void;
}

/**
 * One reply, drafted by the core from the request's facts and the controller's details,
 * edited here, then saved on the request (what was sent is part of the proof of reply).
 */
export function LetterDialog({ request, kind, refusalReason, onClose, onSaved }: LetterProps) {
  const { t, i18n } = useTranslation();
  const [language, setLanguage] = useState<Language>(i18n.language === 'fr' ? 'fr' : 'en');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [loadError, setLoadError] = useState<unknown>(null);
  const [copied, setCopied] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api.call('requests.draftLetter', { id: request.id, kind, language, ...(refusalReason ? { refusalReason } : {}) }).then(
      (d) => {
        if (!live) return;
        setLoadError(null);
        setSubject(d.subject);
        setBody(d.body);
      },
      (e: unknown) => {
        if (live) setLoadError(e);
      },
    );
    return () => {
      live = false;
    };
  }, [request.id, kind, language, refusalReason]);
  const save = useTask(async () => {
    await api.call('requests.saveLetter', { id: request.id, kind, language, subject: subject.trim(), body: body.trim() });
    onSaved();
  });
  const copy = useTask(async () => {
    await copyText(subject, body);
    setCopied(true);
  });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!subject.trim() || !body.trim()) return setProblem(t('requests.letters.emptyProblem'));
    void save.run();
  };
  return (
    <Dialog open wide title={t(`requests.letters.kinds.${kind}`)} busy={save.pending} onCancel={onClose}>
      <form onSubmit={submit} noValidate data-testid="letter-dialog">
        <div className="dialog__scroll">
          <p className="muted small">{t('requests.letters.editIntro')}</p>
          <div className="field--narrow">
            <SelectField
              label={t('requests.letters.language')}
              value={language}
              onChange={(v) => setLanguage(v === 'fr' ? 'fr' : 'en')}
              options={[
                { value: 'en', label: 'English' },
                { value: 'fr', label: 'Français' },
              ]}
            />
          </div>
          <ErrorMessage error={loadError} />
          <TextField label={t('requests.letters.subject')} value={subject} onChange={setSubject} maxLength={300} />
          <div className="field">
            <label className="field__label" htmlFor="letter-body">
              {t('requests.letters.body')}
            </label>
            <textarea id="letter-body" className="input letter-body" rows={14} value={body} onChange={(e) => setBody(e.target.value)} maxLength={20_000} />
          </div>
          <Problem text={problem} />
          <ErrorMessage error={save.error ?? copy.error} />
          {copied && (
            <p className="message message--success" role="status">
              {t('requests.letters.copied')}
            </p>
          )}
        </div>
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose} disabled={save.pending}>
            {t('common.cancel')}
          </button>
          <button type="button" className="button button--secondary" onClick={() => void copy.run()} disabled={!body}>
            {t('requests.letters.copy')}
          </button>
          <button type="submit" className="button button--primary" disabled={save.pending || !body}>
            {save.pending ? t('common.saving') : t('requests.letters.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** A saved letter: its words as sent, copied again or saved as a printable HTML page. */
function SavedLetter({ request, letter, onClose }: { request: RequestDetailDto; letter: RequestLetterSummaryDto; onClose: () => void }) {
  const { t } = useTranslation();
  const [full, setFull] = useState<{ subject: string; body: string; html: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  useEffect(() => {
    api.call('requests.letter', { id: request.id, letterId: letter.id }).then(setFull, setError);
  }, [request.id, letter.id]);
  const saveHtml = useTask(async () => {
    if (!full) return;
    const saved = await saveTextFile(`${safeFileName(`${t(`requests.letters.kinds.${letter.kind}`)} ${letter.savedAt.slice(0, 10)}`, 'letter')}.html`, full.html);
    if (saved.kind !== 'cancelled') setDone(saved.kind === 'saved' ? t('requests.letters.savedAt', { path: saved.path }) : t('requests.letters.downloaded'));
  });
  const copy = useTask(async () => {
    if (!full) return;
    await copyText(full.subject, full.body);
    setDone(t('requests.letters.copied'));
  });
  return (
    <Dialog open wide title={t(`requests.letters.kinds.${letter.kind}`)} onCancel={onClose}>
      <div className="dialog__scroll" data-testid="saved-letter">
        <ErrorMessage error={error ?? saveHtml.error ?? copy.error} />
        {full && (
          <>
            <p>
              <strong>{full.subject}</strong>
            </p>
            <div className="request-text letter-text">{full.body}</div>
          </>
        )}
        {done && (
          <p className="message message--success" role="status">
            {done}
          </p>
        )}
      </div>
      <div className="dialog__actions">
        <button type="button" className="button button--secondary" onClick={onClose}>
          {t('requests.letters.close')}
        </button>
        <button type="button" className="button button--secondary" onClick={() => void copy.run()} disabled={!full}>
          {t('requests.letters.copy')}
        </button>
        <button type="button" className="button button--primary" onClick={() => void saveHtml.run()} disabled={!full}>
          {t('requests.letters.saveHtml')}
        </button>
      </div>
    </Dialog>
  );
}

/** The replies: drafted from templates in English or French, edited, saved on the request. */
export function RequestLetters({ request, canWrite, onChanged }: { request: RequestDetailDto; canWrite: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const kinds = letterKindsFor(request);
  const [kind, setKind] = useState<RequestLetterKind | ''>('');
  const [writing, setWriting] = useState<RequestLetterKind | null>(null);
  const [reading, setReading] = useState<RequestLetterSummaryDto | null>(null);
  return (
    <section className="panel" data-testid="request-letters">
      <h2 className="panel__title">{t('requests.letters.title')}</h2>
      {request.letters.length === 0 && <p className="muted">{t('requests.letters.none')}</p>}
      {request.letters.length > 0 && (
        <ul className="plain-list">
          {request.letters.map((l) => (
            <li key={l.id} className="request-file">
              <span>
                <button type="button" className="link-button" onClick={() => setReading(l)}>
                  {t(`requests.letters.kinds.${l.kind}`)}
                </button>
                <span className="muted small">
                  {' '}
                  {t('requests.letters.savedBy', { at: formatDateMinute(l.savedAt), name: l.savedBy?.name ?? t('requests.timeline.nobody'), language: l.language.toUpperCase() })}
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
      {canWrite && kinds.length > 0 && (
        <div className="letter-write">
          <SelectField
            label={t('requests.letters.write')}
            empty={t('requests.letters.choose')}
            value={kind}
            onChange={(v) => setKind(v as RequestLetterKind | '')}
            options={kinds.map((k) => ({ value: k, label: t(`requests.letters.kinds.${k}`) }))}
          />
          <button type="button" className="button button--secondary" disabled={!kind} onClick={() => kind && setWriting(kind)}>
            {t('requests.letters.draft')}
          </button>
        </div>
      )}
      {writing && (
        <LetterDialog
          request={request}
          kind={writing}
          onClose={() => setWriting(null)}
          onSaved={() => {
            setWriting(null);
            onChanged();
          }}
        />
      )}
      {reading && <SavedLetter request={request} letter={reading} onClose={() => setReading(null)} />}
    </section>
  );
}
