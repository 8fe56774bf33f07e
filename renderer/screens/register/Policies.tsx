import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PolicyTextDto, PolicyVersionDto } from '../../../shared/dto/register';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { ErrorMessage, Problem } from '../../components/ErrorMessage';
import { DateField } from '../../components/DateInput';
import { TextField } from '../../components/Field';
import { SaveCancelActions } from '../../components/SaveCancelActions';
import { SelectField, TextAreaField } from '../../components/SelectField';
import { errorField } from '../../errors';
import { formatDate, formatDateTime, formatNumber } from '../../format';
import { languageCodes, languageName, sortedOptions } from '../../options';
import { readBase64 } from '../../read-file';
import { selectIsAdmin, useStore } from '../../store';
import { useTask } from '../../use-task';
import { today } from './labels';
import { useFormValues } from '../../use-form-problem';

/** A .txt file's text: UTF-8, as policies are published (a BOM is dropped by the decoder). */
async function readText(file: File): Promise<string> {
  const bytes = Uint8Array.from(atob(await readBase64(file)), (c) => c.charCodeAt(0));
  return new TextDecoder('utf-8').decode(bytes);
}

function ReadPolicy({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [policy, setPolicy] = useState<PolicyTextDto | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api.call('policies.get', { id }).then(setPolicy, setError);
  }, [id]);
  const title = policy ? t('register.policies.readTitle', { version: policy.version, language: languageName(policy.language) }) : t('common.loading');
  return (
    <Dialog open wide title={title} onCancel={onClose}>
      <ErrorMessage error={error} />
      {policy && (
        <>
          <p className="muted small">
            {t('register.policies.effective', { date: formatDate(policy.effectiveDate) })} ·{' '}
            {t('register.policies.characters', { count: policy.characters, formatted: formatNumber(policy.characters) })}
          </p>
          {policy.dateChanges.length > 0 && (
            <div className="small" data-testid="policy-date-changes">
              <p className="field__label">{t('register.policies.dateChanges')}</p>
              <ul>
                {policy.dateChanges.map((c) => (
                  <li key={c.changedAt}>
                    {t('register.policies.dateChange', {
                      from: formatDate(c.fromDate),
                      to: formatDate(c.toDate),
                      who: c.changedBy?.name ?? t('audit.nobody'),
                      when: formatDateTime(c.changedAt),
                      reason: c.reason,
                    })}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <div className="policy-text" lang={policy.language} tabIndex={0} data-testid="policy-text">
            {policy.text}
          </div>
        </>
      )}
      <div className="form-actions">
        <button type="button" className="button button--primary" onClick={onClose} autoFocus>
          {t('register.close')}
        </button>
      </div>
    </Dialog>
  );
}

function AddPolicy({ nextVersion, onClose, onSaved }: { nextVersion: number; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const { v, setV, set, problem, setProblem } = useFormValues({ version: String(nextVersion), language: 'fr', effectiveDate: today(), text: '', summary: '' });
  const [material, setMaterial] = useState(false);
  const [fileName, setFileName] = useState<string | null>(null);
  const load = useTask(async (file: File) => {
    const text = await readText(file);
    setV((old) => ({ ...old, text }));
    setFileName(file.name);
  });
  const save = useTask(async () => {
    await api.call('policies.add', {
      version: Number(v.version),
      language: v.language,
      effectiveDate: v.effectiveDate,
      text: v.text,
      materialChange: material,
      summary: v.summary.trim() || null,
    });
    onSaved();
  });
  const bad = errorField(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!/^\d+$/.test(v.version.trim()) || Number(v.version) < 1) return setProblem(t('register.policies.versionRequired'));
    if (!v.effectiveDate) return setProblem(t('register.policies.dateRequired'));
    if (!v.text.trim()) return setProblem(t('register.policies.textRequired'));
    void save.run();
  };
  return (
    <Dialog open wide title={t('register.policies.addTitle')} busy={save.pending} onCancel={onClose}>
      <form onSubmit={submit} noValidate>
        <div className="dialog__scroll">
          <div className="form-row form-row--three">
            <TextField label={t('register.policies.version')} type="number" min={1} value={v.version} onChange={set('version')} invalid={bad === 'version'} />
            <SelectField label={t('register.policies.language')} value={v.language} onChange={set('language')} options={sortedOptions(languageCodes, languageName, v.language)} />
            <DateField label={t('register.policies.effectiveDate')} value={v.effectiveDate} onChange={set('effectiveDate')} invalid={bad === 'effectiveDate'} />
          </div>
          <TextAreaField label={t('register.policies.text')} value={v.text} onChange={set('text')} rows={8} />
          <div className="file-pick">
            <label className="button button--secondary button--small file-pick__button">
              {t('register.policies.loadFile')}
              <input
                type="file"
                accept=".txt,text/plain"
                className="sr-only"
                data-testid="policy-file"
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  if (file) void load.run(file);
                  e.target.value = '';
                }}
              />
            </label>
            <span className="muted small">{fileName ? t('register.policies.loaded', { name: fileName, count: v.text.length }) : t('register.policies.fileHelp')}</span>
          </div>
          <ErrorMessage error={load.error} />
          <label className="checkbox checkbox--block">
            <input type="checkbox" checked={material} onChange={(e) => setMaterial(e.target.checked)} />
            <span>
              {t('register.policies.materialLabel')}
              <span className="field__help">{t('register.policies.materialHelp')}</span>
            </span>
          </label>
          <TextAreaField label={t('register.policies.summary')} value={v.summary} onChange={set('summary')} rows={2} />
        </div>
        <Problem text={problem} />
        <ErrorMessage error={save.error} />
        <SaveCancelActions onCancel={onClose} pending={save.pending} saveLabel={t('register.policies.save')} />
      </form>
    </Dialog>
  );
}

/** Sets or corrects the day a version took effect, with the reason kept beside the change. */
function SetDate({ policy, onClose, onSaved }: { policy: PolicyVersionDto; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const { v, set, problem, setProblem } = useFormValues({ effectiveDate: policy.effectiveDate, reason: '' });
  const save = useTask(async () => {
    await api.call('policies.setEffectiveDate', { id: policy.id, effectiveDate: v.effectiveDate, reason: v.reason.trim() });
    onSaved();
  });
  const bad = errorField(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!v.effectiveDate) return setProblem(t('register.policies.dateRequired'));
    if (!v.reason.trim()) return setProblem(t('register.policies.reasonRequired'));
    void save.run();
  };
  return (
    <Dialog open title={t('register.policies.setDateTitle', { version: policy.version, language: languageName(policy.language) })} busy={save.pending} onCancel={onClose}>
      <form onSubmit={submit} noValidate data-testid="policy-set-date">
        <p className="muted">{t('register.policies.setDateIntro')}</p>
        <DateField label={t('register.policies.effectiveDate')} value={v.effectiveDate} onChange={set('effectiveDate')} invalid={bad === 'effectiveDate'} />
        <TextAreaField label={t('register.policies.reason')} value={v.reason} onChange={set('reason')} rows={2} />
        <p className="field__help">{t('register.policies.reasonHelp')}</p>
        <Problem text={problem} />
        <ErrorMessage error={save.error} />
        <SaveCancelActions onCancel={onClose} pending={save.pending} saveLabel={t('register.policies.saveDate')} />
      </form>
    </Dialog>
  );
}

function MaterialToggle({ policy, onDone }: { policy: PolicyVersionDto; onDone: () => void }) {
  const { t } = useTranslation();
  const toggle = useTask(async () => {
    await api.call('policies.setMaterialChange', { id: policy.id, materialChange: !policy.materialChange });
    onDone();
  });
  return (
    <>
      <button type="button" className="button button--secondary button--small" onClick={() => void toggle.run()} disabled={toggle.pending}>
        {policy.materialChange ? t('register.policies.unmark') : t('register.policies.mark')}
      </button>
      <ErrorMessage error={toggle.error} />
    </>
  );
}

export function Policies({ onChanged }: { onChanged: () => void }) {
  const { t } = useTranslation();
  const isAdmin = useStore(selectIsAdmin);
  const [policies, setPolicies] = useState<PolicyVersionDto[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [reading, setReading] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [dating, setDating] = useState<PolicyVersionDto | null>(null);
  const [reloads, setReloads] = useState(0);
  useEffect(() => {
    api.call('policies.list', {}).then(setPolicies, setError);
  }, [reloads]);
  const changed = () => {
    setReloads((n) => n + 1);
    // The warnings read the current policy's text.
    onChanged();
  };
  const nextVersion = Math.max(0, ...(policies ?? []).map((p) => p.version)) + 1;

  return (
    <>
      <div className="tabs__intro">
        <div>
          <p className="muted">{t('register.policies.intro')}</p>
          <p className="message message--info">{t('register.policies.materialExplained')}</p>
        </div>
        {isAdmin && (
          <button type="button" className="button button--primary" onClick={() => setAdding(true)}>
            {t('register.policies.add')}
          </button>
        )}
      </div>
      <ErrorMessage error={error} />
      {policies && (
        <div className="table-wrap">
          <table className="table register-table" data-testid="policies-table">
            <thead>
              <tr>
                <th scope="col">{t('register.policies.version')}</th>
                <th scope="col">{t('register.policies.language')}</th>
                <th scope="col">{t('register.policies.effectiveDate')}</th>
                <th scope="col">{t('register.policies.status')}</th>
                <th scope="col">{t('register.policies.summary')}</th>
                <th scope="col" className="actions">
                  <span className="sr-only">{t('register.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {policies.map((p) => (
                <tr key={p.id}>
                  <td className="nowrap">{t('register.policies.versionN', { version: p.version })}</td>
                  <td>{languageName(p.language)}</td>
                  <td className="nowrap">{formatDate(p.effectiveDate)}</td>
                  <td>
                    <div className="badges">
                      {p.current && <span className="badge badge--current">{t('register.policies.current')}</span>}
                      {p.materialChange && <span className="badge badge--material">{t('register.policies.material')}</span>}
                      {!p.current && !p.materialChange && <span className="muted">{t('common.none')}</span>}
                    </div>
                  </td>
                  <td>{p.summary ?? <span className="muted">{t('common.none')}</span>}</td>
                  <td className="actions actions--stack">
                    <div>
                      <button type="button" className="button button--secondary button--small" onClick={() => setReading(p.id)}>
                        {t('register.policies.read')}
                      </button>
                      {isAdmin && (
                        <button type="button" className="button button--secondary button--small" onClick={() => setDating(p)}>
                          {t('register.policies.setDate')}
                        </button>
                      )}
                      {isAdmin && <MaterialToggle policy={p} onDone={changed} />}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {reading && <ReadPolicy id={reading} onClose={() => setReading(null)} />}
      {dating && (
        <SetDate
          policy={dating}
          onClose={() => setDating(null)}
          onSaved={() => {
            setDating(null);
            changed();
          }}
        />
      )}
      {adding && (
        <AddPolicy
          nextVersion={nextVersion}
          onClose={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            changed();
          }}
        />
      )}
    </>
  );
}
