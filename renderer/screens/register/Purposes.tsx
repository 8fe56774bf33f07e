import { dataSubjectKinds, lawfulBases, type DataSubjectKind, type LawfulBasis } from '../../../shared/vocabulary';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProcessorDto, PurposeDto } from '../../../shared/dto/register';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { ErrorMessage, Problem } from '../../components/ErrorMessage';
import { TextField } from '../../components/Field';
import { SaveCancelActions } from '../../components/SaveCancelActions';
import { SelectField, TextAreaField } from '../../components/SelectField';
import { errorField } from '../../errors';
import { selectIsAdmin, useStore } from '../../store';
import { useTask } from '../../use-task';
import { inUiLanguage } from './labels';
import { useFormValues } from '../../use-form-problem';

function PurposeForm({ purpose, processors, onClose, onSaved }: { purpose: PurposeDto | null; processors: ProcessorDto[]; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const { v, set, problem, setProblem } = useFormValues({
    code: purpose?.code ?? '',
    nameEn: purpose?.nameEn ?? '',
    nameFr: purpose?.nameFr ?? '',
    lawfulBasis: purpose?.lawfulBasis ?? ('' as const),
    retentionEn: purpose?.retentionEn ?? '',
    retentionFr: purpose?.retentionFr ?? '',
    descriptionEn: purpose?.descriptionEn ?? '',
    descriptionFr: purpose?.descriptionFr ?? '',
  });
  const [processorIds, setProcessorIds] = useState<Set<string>>(new Set(purpose?.processors.map((p) => p.id)));
  const subjectsHelp = useId();
  const [dataSubjects, setDataSubjects] = useState<Set<DataSubjectKind>>(new Set(purpose?.dataSubjects));
  const save = useTask(async () => {
    const fields = {
      nameEn: v.nameEn,
      nameFr: v.nameFr,
      lawfulBasis: v.lawfulBasis as LawfulBasis,
      retentionEn: v.retentionEn.trim() || null,
      retentionFr: v.retentionFr.trim() || null,
      descriptionEn: v.descriptionEn.trim() || null,
      descriptionFr: v.descriptionFr.trim() || null,
      dataSubjects: dataSubjectKinds.filter((k) => dataSubjects.has(k)),
      processorIds: [...processorIds],
    };
    if (purpose) await api.call('purposes.update', { id: purpose.id, ...fields });
    else await api.call('purposes.add', { code: v.code.trim(), ...fields });
    onSaved();
  });
  const bad = errorField(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!purpose && !v.code.trim()) return setProblem(t('register.purposes.codeRequired'));
    if (!purpose && !/^[a-z][a-z0-9_]{1,39}$/.test(v.code.trim())) return setProblem(t('register.purposes.codeFormat'));
    if (!v.nameEn.trim() || !v.nameFr.trim()) return setProblem(t('register.purposes.namesRequired'));
    if (!v.lawfulBasis) return setProblem(t('register.purposes.basisRequired'));
    void save.run();
  };
  const toggled =
    <T,>(id: T, on: boolean) =>
    (old: Set<T>) => {
      const next = new Set(old);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    };
  return (
    <Dialog
      open
      wide
      title={purpose ? t('register.purposes.editTitle', { name: inUiLanguage(purpose.nameEn, purpose.nameFr) }) : t('register.purposes.addTitle')}
      busy={save.pending}
      onCancel={onClose}
    >
      <form onSubmit={submit} noValidate>
        <div className="dialog__scroll">
          {purpose ? (
            <p className="muted small">{t('register.purposes.codeFixed', { code: purpose.code })}</p>
          ) : (
            <TextField label={t('register.purposes.code')} help={t('register.purposes.codeHelp')} value={v.code} onChange={set('code')} invalid={bad === 'code'} autoFocus spellCheck={false} />
          )}
          <div className="form-row">
            <TextField label={t('register.purposes.nameEn')} value={v.nameEn} onChange={set('nameEn')} invalid={bad === 'nameEn'} />
            <TextField label={t('register.purposes.nameFr')} value={v.nameFr} onChange={set('nameFr')} invalid={bad === 'nameFr'} lang="fr" />
          </div>
          <SelectField
            label={t('register.purposes.basis')}
            empty={t('register.purposes.chooseBasis')}
            value={v.lawfulBasis}
            onChange={set('lawfulBasis')}
            options={lawfulBases.map((b) => ({ value: b, label: t(`register.bases.${b}`) }))}
          />
          <div className="form-row">
            <TextField label={t('register.purposes.retentionEn')} value={v.retentionEn} onChange={set('retentionEn')} />
            <TextField label={t('register.purposes.retentionFr')} value={v.retentionFr} onChange={set('retentionFr')} lang="fr" />
          </div>
          <div className="form-row">
            <TextAreaField label={t('register.purposes.descriptionEn')} value={v.descriptionEn} onChange={set('descriptionEn')} />
            <TextAreaField label={t('register.purposes.descriptionFr')} value={v.descriptionFr} onChange={set('descriptionFr')} />
          </div>
          <fieldset className="choices" aria-describedby={subjectsHelp}>
            <legend className="field__label">{t('register.purposes.dataSubjects')}</legend>
            <p id={subjectsHelp} className="field__help">
              {t('register.purposes.dataSubjectsHelp')}
            </p>
            <div className="choices__grid">
              {dataSubjectKinds.map((k) => (
                <label key={k} className="checkbox checkbox--plain">
                  <input type="checkbox" checked={dataSubjects.has(k)} onChange={(e) => setDataSubjects(toggled(k, e.target.checked))} />
                  {t(`ropa.subjects.${k}`)}
                </label>
              ))}
            </div>
          </fieldset>
          <fieldset className="choices">
            <legend className="field__label">{t('register.purposes.processorsUsed')}</legend>
            <div className="choices__grid">
              {processors.map((p) => (
                <label key={p.id} className="checkbox checkbox--plain">
                  <input type="checkbox" checked={processorIds.has(p.id)} onChange={(e) => setProcessorIds(toggled(p.id, e.target.checked))} />
                  {p.name}
                </label>
              ))}
            </div>
          </fieldset>
        </div>
        <Problem text={problem} />
        <ErrorMessage error={save.error} />
        <SaveCancelActions onCancel={onClose} pending={save.pending} />
      </form>
    </Dialog>
  );
}

/** `focusId`: a purpose to open for editing once the list is in (a finding's Fix button on the Reports screen). */
export function Purposes({ processors, onChanged, focusId = null }: { processors: ProcessorDto[]; onChanged: () => void; focusId?: string | null }) {
  const { t } = useTranslation();
  const isAdmin = useStore(selectIsAdmin);
  const [purposes, setPurposes] = useState<PurposeDto[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState<PurposeDto | 'new' | null>(null);
  const [reloads, setReloads] = useState(0);
  // Taken at the first load only: after the dialog closes the list stays a list.
  const focus = useRef(isAdmin ? focusId : null);
  useEffect(() => {
    api.call('purposes.list', {}).then((list) => {
      setPurposes(list);
      const found = list.find((p) => p.id === focus.current);
      focus.current = null;
      if (found) setEditing(found);
    }, setError);
  }, [reloads]);

  return (
    <>
      <div className="tabs__intro">
        <p className="muted">{t('register.purposes.intro')}</p>
        {isAdmin && (
          <button type="button" className="button button--primary" onClick={() => setEditing('new')}>
            {t('register.purposes.add')}
          </button>
        )}
      </div>
      <ErrorMessage error={error} />
      {purposes && (
        <div className="table-wrap">
          <table className="table register-table" data-testid="purposes-table">
            <thead>
              <tr>
                <th scope="col">{t('register.purposes.purpose')}</th>
                <th scope="col">{t('register.purposes.basis')}</th>
                <th scope="col">{t('register.purposes.retention')}</th>
                <th scope="col">{t('register.purposes.processors')}</th>
                {isAdmin && (
                  <th scope="col" className="actions">
                    <span className="sr-only">{t('register.actions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {purposes.map((p) => (
                <tr key={p.id}>
                  <td>
                    <strong>{inUiLanguage(p.nameEn, p.nameFr)}</strong>
                    {inUiLanguage(p.descriptionEn, p.descriptionFr) && <div className="muted small">{inUiLanguage(p.descriptionEn, p.descriptionFr)}</div>}
                    <div className="muted small">
                      {p.dataSubjects.length ? t('register.purposes.concerns', { list: p.dataSubjects.map((k) => t(`ropa.subjects.${k}`)).join(', ') }) : t('register.purposes.concernsNone')}
                    </div>
                  </td>
                  <td className="nowrap">{t(`register.bases.${p.lawfulBasis}`)}</td>
                  <td>{inUiLanguage(p.retentionEn, p.retentionFr) ?? t('common.none')}</td>
                  <td>{p.processors.length ? p.processors.map((x) => x.name).join(', ') : <span className="muted">{t('register.purposes.noProcessors')}</span>}</td>
                  {isAdmin && (
                    <td className="actions">
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        onClick={() => setEditing(p)}
                        aria-label={t('register.purposes.editLabel', { name: inUiLanguage(p.nameEn, p.nameFr) })}
                      >
                        {t('register.edit')}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing && (
        <PurposeForm
          purpose={editing === 'new' ? null : editing}
          processors={processors}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            setReloads((n) => n + 1);
            // Processors list the purposes that use them.
            onChanged();
          }}
        />
      )}
    </>
  );
}
