import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingsDto } from '../../../shared/dto/index';
import { ErrorMessage, Problem, Success } from '../../components/ErrorMessage';
import { SelectField } from '../../components/SelectField';
import { countryCodes, countryName, sortedOptions } from '../../options';
import { selectIsAdmin, useStore } from '../../store';
import { useTask } from '../../use-task';

type RecordSettings = Pick<SettingsDto, 'homeCountry' | 'minorAgeThreshold' | 'auditorsMayReveal'>;

/** The vault-wide rules for records: home country, under-age threshold, auditors' reveals. */
export function RecordsSection() {
  const { t } = useTranslation();
  const isAdmin = useStore(selectIsAdmin);
  const settings = useStore((s) => s.settings);
  return (
    <section className="panel" aria-labelledby="settings-records">
      <h2 className="panel__title" id="settings-records">
        {t('settings.records.title')}
      </h2>
      {!settings ? (
        <p className="muted">{t('common.loading')}</p>
      ) : isAdmin ? (
        // Not keyed by the values: the form's own state already holds what was saved, and a
        // remount would wipe the "Saved." confirmation.
        <RecordsForm saved={settings} />
      ) : (
        <>
          <dl className="facts">
            <dt>{t('settings.records.homeCountry')}</dt>
            <dd>{countryName(settings.homeCountry)}</dd>
            <dt>{t('settings.records.minorAge')}</dt>
            <dd>{t('settings.records.years', { count: settings.minorAgeThreshold })}</dd>
            <dt>{t('settings.records.auditorsMayReveal')}</dt>
            <dd>{settings.auditorsMayReveal ? t('common.yes') : t('common.no')}</dd>
          </dl>
          <p className="muted">{t('settings.autoLock.adminOnly')}</p>
        </>
      )}
    </section>
  );
}

function RecordsForm({ saved }: { saved: RecordSettings }) {
  const { t } = useTranslation();
  const saveSettings = useStore((s) => s.saveSettings);
  const [homeCountry, setHomeCountry] = useState(saved.homeCountry);
  const [minorAge, setMinorAge] = useState(String(saved.minorAgeThreshold));
  const [auditorsMayReveal, setAuditorsMayReveal] = useState(saved.auditorsMayReveal);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const save = useTask(saveSettings);
  const ageId = useId();
  const edited = () => setDone(false);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const age = Number(minorAge);
    const ok = Number.isInteger(age) && age >= 13 && age <= 18;
    setProblem(ok ? null : t('settings.records.minorAgeRange'));
    setDone(false);
    if (ok) void save.run({ homeCountry, minorAgeThreshold: age, auditorsMayReveal }).then(setDone);
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <SelectField
        label={t('settings.records.homeCountry')}
        value={homeCountry}
        onChange={(c) => {
          setHomeCountry(c);
          edited();
        }}
        options={sortedOptions(countryCodes, countryName, homeCountry)}
      />
      <p className="muted small">{t('settings.records.homeCountryHelp')}</p>
      <div className="field">
        <label htmlFor={ageId} className="field__label">
          {t('settings.records.minorAge')}
        </label>
        <input
          id={ageId}
          className="input input--number"
          type="number"
          inputMode="numeric"
          min={13}
          max={18}
          value={minorAge}
          onChange={(e) => {
            setMinorAge(e.target.value);
            edited();
          }}
          aria-invalid={problem ? true : undefined}
          aria-describedby={`${ageId}-help`}
        />
        <p className="muted small" id={`${ageId}-help`}>
          {t('settings.records.minorAgeHelp')}
        </p>
      </div>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={auditorsMayReveal}
          onChange={(e) => {
            setAuditorsMayReveal(e.target.checked);
            edited();
          }}
        />
        {t('settings.records.auditorsMayReveal')}
      </label>
      <p className="muted small">{t('settings.records.auditorsMayRevealHelp')}</p>
      <Problem text={problem} />
      <ErrorMessage error={save.error} />
      <Success text={done ? t('common.saved') : null} />
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={save.pending}>
          {save.pending ? t('common.saving') : t('common.save')}
        </button>
      </div>
    </form>
  );
}
