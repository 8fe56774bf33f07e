import { bundleModes, summaryLanguages, type BundleMode } from '../../../shared/vocabulary';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactDto } from '../../../shared/dto/index';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Problem } from '../../components/ErrorMessage';
import { PassphraseField } from '../../components/Field';
import { SelectField } from '../../components/SelectField';
import { exportFileName } from '../../export-path';
import { ExportRunView } from './ExportRunView';
import { useExportRun } from './use-export-run';

type Language = (typeof summaryLanguages)[number];
const MIN_ZIP_PASSWORD = 8;

const isSummaryLanguage = (l: string | null): l is Language => (summaryLanguages as readonly string[]).includes(l ?? '');

interface Props {
  contact: ContactDto;
  /** Made to answer this access or portability request: its mode is fixed and the bundle is recorded on it. */
  request?: { id: string; mode: BundleMode };
  onClose: () => void;
}

/**
 * "Export data…" on a contact page: the person's access (Art. 15) or portability (Art. 20)
 * bundle as a zip, optionally AES-256 encrypted for sending by e-mail.
 */
export function SubjectExportDialog({ contact, request, onClose }: Props) {
  const { t } = useTranslation();
  const run = useExportRun();
  const problemId = useId();
  const [mode, setMode] = useState<BundleMode>(request?.mode ?? 'access');
  const [includeSensitive, setIncludeSensitive] = useState(false);
  const [language, setLanguage] = useState<Language>(isSummaryLanguage(contact.language) ? contact.language : 'en');
  const [protect, setProtect] = useState(false);
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const go = () => {
    if (protect && password.length < MIN_ZIP_PASSWORD) return setProblem(t('exports.subject.passwordShort', { min: MIN_ZIP_PASSWORD }));
    if (protect && password !== confirmation) return setProblem(t('exports.subject.passwordMismatch'));
    setProblem(null);
    const name = exportFileName([t(`exports.subject.fileWord.${mode}`), contact.fullName], 'zip');
    void run.start(name, (out) =>
      api.call('exports.subject', { contactId: contact.id, mode, includeSensitive, language, out, ...(protect ? { password } : {}), ...(request ? { requestId: request.id } : {}) }),
    );
  };

  return (
    <Dialog open title={t('exports.subject.title', { name: contact.fullName })} busy={run.busy} onCancel={onClose} wide>
      <div className="export-flow" data-testid="subject-export">
        {request && <p className="muted small">{t('exports.subject.forRequest')}</p>}
        <fieldset className="fieldset" disabled={run.busy || !!request}>
          <legend className="field__label">{t('exports.subject.mode')}</legend>
          <div className="choice-list">
            {bundleModes.map((m) => (
              <label key={m} className="choice choice--top">
                <input type="radio" name="bundle-mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
                <span className="choice__text">
                  <span className="choice__name">{t(`exports.subject.modes.${m}`)}</span>
                  <span className="muted small">{t(`exports.subject.modeHelp.${m}`)}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <label className="checkbox">
          <input type="checkbox" checked={includeSensitive} onChange={(e) => setIncludeSensitive(e.target.checked)} disabled={run.busy} />
          <span>
            {t('exports.subject.sensitive')}
            <span className="field__help">{t('exports.subject.sensitiveHelp')}</span>
          </span>
        </label>
        {includeSensitive && (
          <p className="message message--warning" role="note">
            {t('exports.subject.sensitiveWarning')}
          </p>
        )}
        <div className="field--narrow">
          <SelectField
            label={t('exports.subject.language')}
            value={language}
            onChange={(v) => setLanguage(v as Language)}
            options={summaryLanguages.map((l) => ({ value: l, label: t(`exports.subject.languages.${l}`) }))}
            disabled={run.busy}
          />
        </div>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={protect}
            onChange={(e) => {
              setProtect(e.target.checked);
              setProblem(null);
            }}
            disabled={run.busy}
          />
          <span>
            {t('exports.subject.protect')}
            <span className="field__help">{t('exports.subject.protectHelp')}</span>
          </span>
        </label>
        {protect && (
          <div className="export-flow__password">
            <PassphraseField
              label={t('exports.subject.password')}
              help={t('exports.subject.passwordHelp', { min: MIN_ZIP_PASSWORD })}
              value={password}
              onChange={setPassword}
              errorId={problem ? problemId : undefined}
              disabled={run.busy}
            />
            <PassphraseField label={t('exports.subject.passwordAgain')} value={confirmation} onChange={setConfirmation} errorId={problem ? problemId : undefined} disabled={run.busy} />
            <p className="muted small">{t('exports.subject.passwordSend')}</p>
          </div>
        )}
        <Problem text={problem} id={problemId} />
        <ExportRunView run={run} />
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose} disabled={run.busy}>
            {t('exports.close')}
          </button>
          <button type="button" className="button button--primary" onClick={go} disabled={run.busy || run.elsewhere}>
            {t('exports.flow.start')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
