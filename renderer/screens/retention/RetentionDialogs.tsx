/** The Retention screen's dialogs: applying a rule, changing a rule, and holding a person. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RetentionApplyResultDto, RetentionRuleDto } from '../../../shared/dto/retention';
import { retentionUnits } from '../../../shared/rules/retention';
import { api, ApiError } from '../../api';
import { DateField } from '../../components/DateInput';
import { Dialog } from '../../components/Dialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { TextField } from '../../components/Field';
import { SelectField } from '../../components/SelectField';
import { useTask } from '../../use-task';

/** The confirmation's words: what exactly is erased, and of how many (the count is what the core checks). */
export function confirmKey(rule: RetentionRuleDto) {
  if (rule.action !== 'erase_category') return rule.action;
  return rule.code === 'bank' || rule.code === 'signature' ? rule.code : 'identity';
}

function Actions({ onCancel, pending, disabled, label, danger = false }: { onCancel: () => void; pending: boolean; disabled?: boolean; label: string; danger?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="dialog__actions">
      <button type="button" className="button button--secondary" onClick={onCancel} disabled={pending}>
        {t('common.cancel')}
      </button>
      <button type="submit" className={danger ? 'button button--danger' : 'button button--primary'} disabled={pending || disabled} aria-busy={pending}>
        {label}
      </button>
    </div>
  );
}

/** The count shown is the count sent: if the core finds another number due, the screen reloads and says so. */
export function ApplyDialog({
  rule,
  count,
  onApplied,
  onCountChanged,
  onCancel,
}: {
  rule: RetentionRuleDto;
  count: number;
  onApplied: (r: RetentionApplyResultDto) => void;
  onCountChanged: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [understood, setUnderstood] = useState(false);
  const apply = useTask(async () => {
    try {
      onApplied(await api.call('retention.apply', { rule: rule.code, confirm: count }));
    } catch (e) {
      if (e instanceof ApiError && e.detail.reason === 'retention_count_changed') onCountChanged();
      else throw e;
    }
  });
  const submit = () => void apply.run();
  return (
    <Dialog open title={t('retention.screen.applyTitle', { rule: t(`retention.rules.${rule.code}`) })} busy={apply.pending} onCancel={onCancel}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <div className="dialog__body">
          <p data-testid="apply-what">
            <strong>{t(`retention.screen.confirm.${confirmKey(rule)}`, { count })}</strong>
          </p>
          <p className="muted small">{t('retention.screen.confirmFrozen')}</p>
          <label className="checkbox">
            <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} />
            {t('retention.screen.understand')}
          </label>
          <ErrorMessage error={apply.error} />
        </div>
        <Actions onCancel={onCancel} pending={apply.pending} disabled={!understood} danger label={apply.pending ? t('retention.screen.applying') : t('retention.screen.applyButton')} />
      </form>
    </Dialog>
  );
}

export function RuleDialog({ rule, onSaved, onCancel }: { rule: RetentionRuleDto; onSaved: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(String(rule.periodValue));
  const [unit, setUnit] = useState(rule.periodUnit);
  const [action, setAction] = useState(rule.action);
  const save = useTask(async () => {
    await api.call('retention.setRule', { code: rule.code, periodValue: Number(value), periodUnit: unit, action });
    onSaved();
  });
  return (
    <Dialog open title={t('retention.screen.ruleTitle', { rule: t(`retention.rules.${rule.code}`) })} busy={save.pending} onCancel={onCancel}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save.run();
        }}
      >
        <div className="dialog__body">
          <div className="form-row">
            <TextField label={t('retention.screen.periodValue')} type="number" min={0} value={value} onChange={setValue} autoFocus />
            <SelectField
              label={t('retention.screen.periodUnit')}
              value={unit}
              onChange={(u) => setUnit(u as typeof unit)}
              options={retentionUnits.map((u) => ({ value: u, label: t(`retention.units.${u}`) }))}
            />
          </div>
          {rule.allowedActions.length > 1 && (
            <SelectField
              label={t('retention.screen.action')}
              value={action}
              onChange={(a) => setAction(a as typeof action)}
              options={rule.allowedActions.map((a) => ({ value: a, label: t(`retention.actions.${a}`) }))}
            />
          )}
          <ErrorMessage error={save.error} />
        </div>
        <Actions onCancel={onCancel} pending={save.pending} disabled={value.trim() === ''} label={t('retention.screen.save')} />
      </form>
    </Dialog>
  );
}

export function HoldDialog({ contactId, name, onSaved, onCancel }: { contactId: string; name: string; onSaved: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  const save = useTask(async () => {
    await api.call('legalHolds.set', { contactId, reason, until });
    onSaved();
  });
  return (
    <Dialog open title={t('retention.screen.holdTitle', { name })} busy={save.pending} onCancel={onCancel}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save.run();
        }}
      >
        <div className="dialog__body">
          <TextField label={t('retention.screen.holdReason')} value={reason} onChange={setReason} maxLength={500} autoFocus />
          <DateField label={t('retention.screen.holdUntil')} value={until} onChange={setUntil} />
          <ErrorMessage error={save.error} />
        </div>
        <Actions onCancel={onCancel} pending={save.pending} disabled={!reason.trim() || !until} label={t('retention.screen.holdSave')} />
      </form>
    </Dialog>
  );
}
