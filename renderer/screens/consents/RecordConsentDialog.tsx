import { channels, type ConsentAction, type Channel } from '../../../shared/vocabulary';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactConsentsDto, PurposeStateDto } from '../../../shared/dto/consents';
import type { PolicyVersionDto } from '../../../shared/dto/register';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { ErrorMessage, Problem } from '../../components/ErrorMessage';
import { DateField } from '../../components/DateInput';
import { SelectField, TextAreaField } from '../../components/SelectField';
import { SaveCancelActions } from '../../components/SaveCancelActions';
import { formatDate } from '../../format';
import { useFormProblem } from '../../use-form-problem';
import { useTask } from '../../use-task';
import { policyChoices } from '../../../shared/rules/policy-versions';
import { actionLabel, actionsFor, policyLabel, purposeName, today } from './consent-words';

/** The policy archive, for the "version shown" picker; without it Registre chooses the version. */
function usePolicyVersions(): PolicyVersionDto[] | null {
  const [versions, setVersions] = useState<PolicyVersionDto[] | null>(null);
  useEffect(() => {
    api.call('policies.list', {}).then(setVersions, () => setVersions([]));
  }, []);
  return versions;
}

interface Props {
  contactId: string;
  /** The contact's language: the version in effect in it is chosen first (else French). */
  contactLanguage?: string | null;
  purposes: PurposeStateDto[];
  onClose: () => void;
  onRecorded: (consents: ContactConsentsDto) => void;
}

/** One event for the ledger: a consent, a withdrawal, an objection or a restriction. */
export function RecordConsentDialog({ contactId, contactLanguage = null, purposes, onClose, onRecorded }: Props) {
  const { t } = useTranslation();
  const versions = usePolicyVersions();
  const [purposeId, setPurposeId] = useState('');
  const [action, setAction] = useState<ConsentAction | ''>('');
  const [channel, setChannel] = useState<Channel | ''>('');
  const [occurredOn, setOccurredOn] = useState(today());
  // '' follows the date: the version in effect then, in the contact's language or French.
  const [chosenPolicy, setChosenPolicy] = useState('');
  const choices = policyChoices(versions ?? [], occurredOn, contactLanguage);
  const policyVersionId = choices.options.some((v) => v.id === chosenPolicy) ? chosenPolicy : (choices.preferred?.id ?? '');
  const [evidence, setEvidence] = useState('');
  const save = useTask(async () => {
    if (!purposeId || !action || !channel) return;
    onRecorded(
      await api.call('consents.record', {
        contactId,
        purposeId,
        action,
        channel,
        occurredOn,
        evidence: evidence.trim() || null,
        ...(policyVersionId ? { policyVersionId } : {}),
      }),
    );
  });
  const { problem, setProblem, edited } = useFormProblem(save.clearError);
  const purpose = purposes.find((p) => p.purpose.id === purposeId)?.purpose ?? null;
  const actions = purpose ? actionsFor(purpose.lawfulBasis) : [];

  const choosePurpose = (id: string) => {
    const basis = purposes.find((p) => p.purpose.id === id)?.purpose.lawfulBasis;
    // An objection does not fit a consent purpose, nor a withdrawal the other bases.
    if (!basis || (action && !actionsFor(basis).includes(action))) setAction('');
    setPurposeId(id);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!purposeId) return setProblem(t('consents.dialog.choosePurpose'));
    if (!action) return setProblem(t('consents.dialog.chooseAction'));
    if (!channel) return setProblem(t('consents.dialog.chooseChannel'));
    if (!occurredOn) return setProblem(t('consents.dialog.chooseDate'));
    if (occurredOn > today()) return setProblem(t('consents.dialog.future'));
    void save.run();
  };

  return (
    <Dialog open title={t('consents.dialog.title')} busy={save.pending} onCancel={onClose} wide>
      <form className="consent-form" onSubmit={submit} noValidate data-testid="record-consent">
        <SelectField
          label={t('consents.dialog.purpose')}
          empty={t('consents.dialog.choosePurpose')}
          value={purposeId}
          onChange={edited(choosePurpose)}
          options={purposes.map(({ purpose: p }) => ({ value: p.id, label: `${purposeName(p)} — ${t(`consents.bases.${p.lawfulBasis}`)}` }))}
        />
        <div>
          <SelectField
            label={t('consents.dialog.action')}
            empty={purpose ? t('consents.dialog.chooseAction') : t('consents.dialog.purposeFirst')}
            value={action}
            onChange={edited((a: string) => setAction(a as ConsentAction))}
            options={purpose ? actions.map((a) => ({ value: a, label: actionLabel(t, a, purpose.lawfulBasis) })) : []}
            disabled={!purpose}
          />
          {purpose && <p className="field__help consent-form__basis">{t(purpose.lawfulBasis === 'consent' ? 'consents.dialog.consentHelp' : 'consents.dialog.objectionHelp')}</p>}
        </div>
        <SelectField
          label={t('consents.dialog.channel')}
          empty={t('consents.dialog.chooseChannel')}
          value={channel}
          onChange={edited((c: string) => setChannel(c as Channel))}
          options={channels.map((c) => ({ value: c, label: t(`consents.channels.${c}`) }))}
        />
        <DateField label={t('consents.dialog.date')} max={today()} value={occurredOn} onChange={edited(setOccurredOn)} />
        <div className="consent-form__wide" data-testid="policy-picker">
          {versions === null ? null : choices.earlier && choices.options.length === 0 ? (
            <>
              <p className="field__label">{t('consents.dialog.policy')}</p>
              <p className="message message--info" data-testid="policy-earlier">
                {t('consents.dialog.policyEarlierNote')}
              </p>
            </>
          ) : (
            <>
              <SelectField
                label={t('consents.dialog.policy')}
                empty={choices.preferred ? undefined : t('consents.policyEarlier')}
                value={policyVersionId}
                onChange={edited(setChosenPolicy)}
                options={choices.options.map((v) => ({ value: v.id, label: t('consents.dialog.policyOption', { version: policyLabel(t, v), date: formatDate(v.effectiveDate) }) }))}
              />
              <p className="field__help">{t('consents.dialog.policyInEffectHelp')}</p>
            </>
          )}
        </div>
        <div className="consent-form__wide">
          <TextAreaField label={t('consents.dialog.evidence')} value={evidence} onChange={edited(setEvidence)} />
          <p className="field__help">{t('consents.dialog.evidenceHelp')}</p>
        </div>
        <div className="consent-form__wide">
          <Problem text={problem} />
          <ErrorMessage error={save.error} />
          <SaveCancelActions onCancel={onClose} pending={save.pending} saveLabel={t('consents.dialog.save')} />
        </div>
      </form>
    </Dialog>
  );
}
