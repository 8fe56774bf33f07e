import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Problem, Success } from '../../components/ErrorMessage';
import { selectIsAdmin, useStore } from '../../store';
import { useTask } from '../../use-task';

export function AutoLockSection() {
  const { t } = useTranslation();
  const isAdmin = useStore(selectIsAdmin);
  const settings = useStore((s) => s.settings);
  return (
    <section className="panel" aria-labelledby="settings-autolock">
      <h2 className="panel__title" id="settings-autolock">
        {t('settings.autoLock.title')}
      </h2>
      <p className="panel__intro">{t('settings.autoLock.intro')}</p>
      {!settings ? (
        <p className="muted">{t('common.loading')}</p>
      ) : isAdmin ? (
        // Not keyed by the value: the field already holds what was saved, and a remount
        // would wipe the "Saved." confirmation the moment the save lands.
        <AutoLockForm saved={settings.autoLockMinutes} />
      ) : (
        <>
          <p className="value-line">{t('settings.autoLock.value', { count: settings.autoLockMinutes })}</p>
          <p className="muted">{t('settings.autoLock.adminOnly')}</p>
        </>
      )}
    </section>
  );
}

function AutoLockForm({ saved }: { saved: number }) {
  const { t } = useTranslation();
  const saveSettings = useStore((s) => s.saveSettings);
  const [minutes, setMinutes] = useState(String(saved));
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const save = useTask((autoLockMinutes: number) => saveSettings({ autoLockMinutes }));
  const id = useId();

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const n = Number(minutes);
    const ok = Number.isInteger(n) && n >= 1 && n <= 240;
    setProblem(ok ? null : t('settings.autoLock.range'));
    setDone(false);
    if (ok) void save.run(n).then(setDone);
  };

  return (
    <form className="inline-form" onSubmit={onSubmit} noValidate>
      <div className="field field--inline">
        <label htmlFor={id} className="field__label">
          {t('settings.autoLock.label')}
        </label>
        <input
          id={id}
          className="input input--number"
          type="number"
          inputMode="numeric"
          min={1}
          max={240}
          step={1}
          value={minutes}
          onChange={(e) => {
            setMinutes(e.target.value);
            setDone(false);
          }}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
        />
        <button type="submit" className="button button--primary" disabled={save.pending}>
          {save.pending ? t('common.saving') : t('common.save')}
        </button>
      </div>
      <Problem text={problem} id={`${id}-problem`} />
      <ErrorMessage error={save.error} />
      <Success text={done ? t('common.saved') : null} />
    </form>
  );
}
