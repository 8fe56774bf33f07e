import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ControllerDto } from '../../../shared/dto/index';
import { TextField } from '../../components/Field';
import { ErrorMessage, Problem, Success } from '../../components/ErrorMessage';
import { TextAreaField } from '../../components/SelectField';
import { describeError, errorField } from '../../errors';
import { selectIsAdmin, useStore } from '../../store';
import { useTask } from '../../use-task';

type Field = 'name' | 'address' | 'email' | 'contactPerson' | 'authorityName' | 'authorityAddress' | 'authorityEmail' | 'authorityWebsite';
type Values = Record<Field, string>;

const valuesOf = (c: ControllerDto): Values => ({
  name: c.name,
  address: c.address,
  email: c.email,
  contactPerson: c.contactPerson ?? '',
  authorityName: c.authority.name,
  authorityAddress: c.authority.address,
  authorityEmail: c.authority.email,
  authorityWebsite: c.authority.website,
});

/**
 * The organisation responsible for the data (the controller) and its supervisory
 * authority: what access bundles, letters to requesters and reports print.
 */
export function OrganisationSection() {
  const { t } = useTranslation();
  const isAdmin = useStore(selectIsAdmin);
  const settings = useStore((s) => s.settings);
  return (
    <section className="panel panel--wide" aria-labelledby="settings-organisation" data-testid="organisation-section">
      <h2 className="panel__title" id="settings-organisation">
        {t('settings.organisation.title')}
      </h2>
      <p className="panel__intro">{t('settings.organisation.intro')}</p>
      {!settings ? (
        <p className="muted">{t('common.loading')}</p>
      ) : isAdmin ? (
        // Not keyed by the values: the form's own state already holds what was saved, and a
        // remount would wipe the "Saved." confirmation.
        <OrganisationForm saved={settings.controller} />
      ) : (
        <OrganisationFacts controller={settings.controller} />
      )}
    </section>
  );
}

function OrganisationFacts({ controller: c }: { controller: ControllerDto }) {
  const { t } = useTranslation();
  const none = t('settings.organisation.none');
  const lines = (text: string) => (text ? <span className="pre-line">{text}</span> : none);
  return (
    <>
      <dl className="facts">
        <dt>{t('settings.organisation.name')}</dt>
        <dd>{c.name}</dd>
        <dt>{t('settings.organisation.address')}</dt>
        <dd>{lines(c.address)}</dd>
        <dt>{t('settings.organisation.email')}</dt>
        <dd>{c.email}</dd>
        <dt>{t('settings.organisation.contactPersonShort')}</dt>
        <dd>{c.contactPerson ?? t('settings.organisation.noContactPerson')}</dd>
      </dl>
      <h3 className="panel__subtitle">{t('settings.organisation.authorityTitle')}</h3>
      <dl className="facts">
        <dt>{t('settings.organisation.authorityName')}</dt>
        <dd>{c.authority.name}</dd>
        <dt>{t('settings.organisation.authorityAddressShort')}</dt>
        <dd>{lines(c.authority.address)}</dd>
        <dt>{t('settings.organisation.authorityEmailShort')}</dt>
        <dd>{c.authority.email || none}</dd>
        <dt>{t('settings.organisation.authorityWebsiteShort')}</dt>
        <dd>{c.authority.website || none}</dd>
      </dl>
      <p className="muted">{t('settings.organisation.adminOnly')}</p>
    </>
  );
}

function OrganisationForm({ saved }: { saved: ControllerDto }) {
  const { t } = useTranslation();
  const saveController = useStore((s) => s.saveController);
  const [v, setValues] = useState<Values>(() => valuesOf(saved));
  const [done, setDone] = useState(false);
  const save = useTask(saveController);
  const set = (field: Field) => (value: string) => {
    setValues((old) => ({ ...old, [field]: value }));
    setDone(false);
  };
  const label = (field: Field) => t(`settings.organisation.${field}`);
  const wrongField = errorField(save.error);
  const wrong = wrongField !== null && wrongField in v ? (wrongField as Field) : null;
  const problemId = useId();
  const form = useRef<HTMLFormElement>(null);
  // The refused field may be far above the Save button: go to it, its reason just under it.
  useEffect(() => {
    if (wrong) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [save.error, wrong]);
  const problem = (field: Field) => (wrong === field ? <Problem id={problemId} text={describeError(save.error, t)} /> : null);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    void save
      .run({
        name: v.name,
        address: v.address,
        email: v.email,
        contactPerson: v.contactPerson,
        authority: { name: v.authorityName, address: v.authorityAddress, email: v.authorityEmail, website: v.authorityWebsite },
      })
      .then((ok) => {
        if (!ok) return;
        // What the core kept (trimmed lines, a normalised e-mail) is what the form shows next.
        const now = useStore.getState().settings?.controller;
        if (now) setValues(valuesOf(now));
        setDone(true);
      });
  };

  const text = (field: Field, props: { type?: string; help?: string } = {}) => (
    <>
      <TextField
        label={label(field)}
        value={v[field]}
        onChange={set(field)}
        invalid={wrong === field}
        errorId={wrong === field ? problemId : undefined}
        help={props.help}
        type={props.type}
        spellCheck={props.type === 'email' ? false : undefined}
      />
      {problem(field)}
    </>
  );

  return (
    <form ref={form} className="organisation-form" onSubmit={onSubmit} noValidate>
      <div className="form-row">
        <div>
          {text('name')}
          <TextAreaField label={label('address')} help={t('settings.organisation.addressHelp')} value={v.address} onChange={set('address')} rows={4} invalid={wrong === 'address'} />
          {problem('address')}
          {text('email', { type: 'email' })}
          {text('contactPerson', { help: t('settings.organisation.contactPersonHelp') })}
        </div>
        <fieldset className="fieldset">
          <legend className="panel__subtitle">{t('settings.organisation.authorityTitle')}</legend>
          <p className="muted small">{t('settings.organisation.authorityIntro')}</p>
          {text('authorityName')}
          <TextAreaField label={label('authorityAddress')} value={v.authorityAddress} onChange={set('authorityAddress')} rows={2} invalid={wrong === 'authorityAddress'} />
          {problem('authorityAddress')}
          {text('authorityEmail', { type: 'email' })}
          {text('authorityWebsite')}
        </fieldset>
      </div>
      {!wrong && <ErrorMessage error={save.error} />}
      <Success text={done ? t('common.saved') : null} />
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={save.pending}>
          {save.pending ? t('common.saving') : t('common.save')}
        </button>
      </div>
    </form>
  );
}
