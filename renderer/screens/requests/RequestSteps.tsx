import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestDto } from '../../../shared/dto/requests';
import type { RequestStep } from '../../../shared/rules/request-states';
import { identityMethods, refusalReasons, type IdentityMethod, type RefusalReason } from '../../../shared/vocabulary';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { ErrorMessage, Problem } from '../../components/ErrorMessage';
import { DateField } from '../../components/DateInput';
import { TextField } from '../../components/Field';
import { SelectField, TextAreaField } from '../../components/SelectField';
import { formatDate } from '../../format';
import { useTask } from '../../use-task';
import { today } from '../register/labels';

/** The steps that need words or a date from staff open a dialog; the others are one click. */
export type StepChoice = RequestStep | 'extend';

interface StepProps {
  request: RequestDto;
  onClose: () => void;
  /** The request as the core returned it after the step. */
  onDone: (r: RequestDto) => void;
}

/** The dialog's frame: a form, its problem line, the core's refusal and the two buttons. */
function StepForm({
  title,
  busy,
  onClose,
  onSubmit,
  problem,
  error,
  saveLabel,
  danger = false,
  children,
}: {
  title: string;
  busy: boolean;
  onClose: () => void;
  onSubmit: () => void;
  problem: string | null;
  error: unknown;
  saveLabel: string;
  danger?: boolean;
  children: React.ReactNode;
}) {
  const { t } = useTranslation();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <Dialog open wide title={title} busy={busy} onCancel={onClose}>
      <form onSubmit={submit} noValidate>
        <div className="dialog__scroll">
          {children}
          <Problem text={problem} />
          <ErrorMessage error={error} />
        </div>
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </button>
          <button type="submit" className={danger ? 'button button--danger' : 'button button--primary'} disabled={busy}>
            {busy ? t('common.saving') : saveLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function AskIdentity({ request, onClose, onDone }: StepProps) {
  const { t } = useTranslation();
  const [askedOn, setAskedOn] = useState(today());
  const [problem, setProblem] = useState<string | null>(null);
  const save = useTask(async () => onDone(await api.call('requests.awaitIdentity', { id: request.id, askedOn })));
  return (
    <StepForm
      title={t('requests.steps.identity_requested')}
      busy={save.pending}
      onClose={onClose}
      problem={problem}
      error={save.error}
      saveLabel={t('requests.steps.identityAskSave')}
      onSubmit={() => (askedOn ? void save.run() : setProblem(t('requests.steps.dateRequired')))}
    >
      <p>{t('requests.steps.identityAskIntro')}</p>
      <DateField label={t('requests.steps.askedOn')} max={today()} value={askedOn} onChange={setAskedOn} />
    </StepForm>
  );
}

function IdentityReceived({ request, onClose, onDone }: StepProps) {
  const { t } = useTranslation();
  const [date, setDate] = useState(today());
  const [method, setMethod] = useState<IdentityMethod | ''>('');
  const [seen, setSeen] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const save = useTask(async () => onDone(await api.call('requests.identityReceived', { id: request.id, date, method: method as IdentityMethod, seen: seen.trim() || null })));
  const submit = () => {
    if (!date) return setProblem(t('requests.steps.dateRequired'));
    if (!method) return setProblem(t('requests.steps.methodRequired'));
    void save.run();
  };
  return (
    <StepForm title={t('requests.steps.identity_received')} busy={save.pending} onClose={onClose} problem={problem} error={save.error} saveLabel={t('common.save')} onSubmit={submit}>
      <p>{t('requests.steps.identityReceivedIntro')}</p>
      <div className="form-row">
        <DateField label={t('requests.steps.arrivedOn')} max={today()} value={date} onChange={setDate} />
        <SelectField
          label={t('requests.steps.method')}
          empty={t('requests.steps.chooseMethod')}
          value={method}
          onChange={(v) => setMethod(v as IdentityMethod | '')}
          options={identityMethods.map((m) => ({ value: m, label: t(`requests.identityMethods.${m}`) }))}
        />
      </div>
      <TextField label={t('requests.steps.seen')} help={t('requests.steps.seenHelp')} value={seen} onChange={setSeen} maxLength={200} />
    </StepForm>
  );
}

function Extend({ request, onClose, onDone }: StepProps) {
  const { t } = useTranslation();
  const [months, setMonths] = useState<'1' | '2'>('2');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const save = useTask(async () => onDone(await api.call('requests.extend', { id: request.id, months: months === '1' ? 1 : 2, reason: reason.trim() })));
  return (
    <StepForm
      title={t('requests.steps.extend')}
      busy={save.pending}
      onClose={onClose}
      problem={problem}
      error={save.error}
      saveLabel={t('requests.steps.extendSave')}
      onSubmit={() => (reason.trim() ? void save.run() : setProblem(t('requests.steps.reasonRequired')))}
    >
      <p>{t('requests.steps.extendIntro', { date: formatDate(request.dueDate) })}</p>
      <SelectField
        label={t('requests.steps.months')}
        value={months}
        onChange={(v) => setMonths(v === '1' ? '1' : '2')}
        options={[
          { value: '1', label: t('requests.steps.byMonths', { count: 1 }) },
          { value: '2', label: t('requests.steps.byMonths', { count: 2 }) },
        ]}
      />
      <TextAreaField label={t('requests.steps.extendReason')} value={reason} onChange={setReason} />
    </StepForm>
  );
}

function Complete({ request, onClose, onDone }: StepProps) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const save = useTask(async () => onDone(await api.call('requests.close', { id: request.id, outcome: 'completed', text: note.trim() || null })));
  return (
    <StepForm
      title={t('requests.steps.completed')}
      busy={save.pending}
      onClose={onClose}
      problem={null}
      error={save.error}
      saveLabel={t('requests.steps.completeSave')}
      onSubmit={() => void save.run()}
    >
      <p>{t(`requests.steps.completeIntro.${request.type}`)}</p>
      <TextAreaField label={t('requests.steps.outcomeNote')} value={note} onChange={setNote} />
    </StepForm>
  );
}

function Refuse({ request, onClose, onDone }: StepProps) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<RefusalReason | ''>('');
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const save = useTask(async () => onDone(await api.call('requests.close', { id: request.id, outcome: 'refused', refusalReason: reason as RefusalReason, text: text.trim() })));
  const submit = () => {
    if (!reason) return setProblem(t('requests.steps.groundRequired'));
    if (!text.trim()) return setProblem(t('requests.steps.explainRequired'));
    void save.run();
  };
  return (
    <StepForm title={t('requests.steps.refused')} busy={save.pending} onClose={onClose} problem={problem} error={save.error} saveLabel={t('requests.steps.refuseSave')} danger onSubmit={submit}>
      <p>{t('requests.steps.refuseIntro')}</p>
      <SelectField
        label={t('requests.steps.ground')}
        empty={t('requests.steps.chooseGround')}
        value={reason}
        onChange={(v) => setReason(v as RefusalReason | '')}
        options={refusalReasons.map((r) => ({ value: r, label: t(`requests.refusalReasons.${r}`) }))}
      />
      <TextAreaField label={t('requests.steps.explain')} value={text} onChange={setText} rows={4} />
    </StepForm>
  );
}

/** The dialog for a step that needs one; null for the one-click steps. */
export function StepDialog({ step, ...props }: StepProps & { step: StepChoice }) {
  if (step === 'identity_requested') return <AskIdentity {...props} />;
  if (step === 'identity_received') return <IdentityReceived {...props} />;
  if (step === 'extend') return <Extend {...props} />;
  if (step === 'completed') return <Complete {...props} />;
  if (step === 'refused') return <Refuse {...props} />;
  return null;
}

const oneClick: Partial<Record<StepChoice, 'requests.start' | 'requests.hold' | 'requests.resume'>> = { started: 'requests.start', held: 'requests.hold', resumed: 'requests.resume' };

/**
 * The buttons of what the request allows next (the core's table, so nothing else is
 * offered), the one extension while it is possible, and refusal last in red.
 */
export function StepButtons({ request, onChanged }: { request: RequestDto; onChanged: (r: RequestDto, step: StepChoice) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<StepChoice | null>(null);
  const click = useTask(async (step: StepChoice, m: 'requests.start' | 'requests.hold' | 'requests.resume') => onChanged(await api.call(m, { id: request.id }), step));
  const steps: StepChoice[] = [...request.nextSteps.filter((s) => s !== 'refused'), ...(request.canExtend ? (['extend'] as const) : []), ...request.nextSteps.filter((s) => s === 'refused')];
  if (steps.length === 0) return null;
  return (
    <>
      <div className="record-actions request-steps" data-testid="request-steps">
        {steps.map((s) => {
          const method = oneClick[s];
          return (
            <button
              key={s}
              type="button"
              data-step={s}
              className={s === 'refused' ? 'button button--danger-quiet' : s === 'completed' ? 'button button--primary' : 'button button--secondary'}
              disabled={click.pending}
              onClick={() => (method ? void click.run(s, method) : setOpen(s))}
            >
              {t(`requests.steps.${s}`)}
            </button>
          );
        })}
      </div>
      <ErrorMessage error={click.error} />
      {open && (
        <StepDialog
          step={open}
          request={request}
          onClose={() => setOpen(null)}
          onDone={(r) => {
            setOpen(null);
            onChanged(r, open);
          }}
        />
      )}
    </>
  );
}
