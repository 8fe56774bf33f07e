/** CLI commands for shared/api/retention.ts: retention rules, the due list, and legal holds. */
import type { LegalHoldDto, RetentionItemDto, RetentionRuleDto } from '../shared/dto/retention';
import { RegistreError } from '../shared/errors';
import en from '../shared/i18n/en.json';
import { retentionActions, retentionRuleCodes, retentionUnits, type RetentionRuleCode } from '../shared/rules/retention';
import { call, common, numberOption, oneOf, str, withVault, type Command, type Values } from './kit';

const words = en.retention;

const period = (r: RetentionRuleDto) => `${r.periodValue} ${words.units[r.periodUnit]}`;

function rulesText(rules: RetentionRuleDto[]): string {
  return [
    'Retention rules (the clock starts at the latest dated thing the person took part in):',
    ...rules.map((r) => {
      const others = r.allowedActions.filter((a) => a !== r.action);
      const by = r.updatedBy ? `changed by ${r.updatedBy.name} on ${r.updatedAt.slice(0, 10)}` : "the policy's default";
      return `  ${r.code.padEnd(17)} ${period(r).padEnd(9)} ${r.action.padEnd(15)} ${words.rules[r.code]}: ${words.actions[r.action]}${others.length ? ` (may also: ${others.join(', ')})` : ''}; ${by}`;
    }),
  ].join('\n');
}

function ruleCode(v: Values, name: string): RetentionRuleCode | undefined {
  return str(v[name]) === undefined ? undefined : oneOf(v, name, retentionRuleCodes);
}

function itemText(i: RetentionItemDto): string {
  const who = `${i.fullName ?? '(no name)'}${i.organisationName ? ` (${i.organisationName})` : ''}`;
  const id = i.requestId ? `request ${i.requestId}` : `contact ${i.contactId}`;
  const state = i.frozen ? 'FROZEN' : i.state === 'due' ? 'DUE' : 'soon';
  const frozen = !i.frozen
    ? ''
    : i.frozen.kind === 'open_request'
      ? `; ${words.frozen.open_request} ${i.frozen.requestId}`
      : `; ${words.frozen.legal_hold} until ${i.frozen.until}: ${i.frozen.reason}`;
  return `  ${i.dueOn}  ${state.padEnd(6)} ${who}  clock ${i.clockStart}, ${words.clockReasons[i.clockReason]}  ${id}${frozen}`;
}

function holdText(h: LegalHoldDto): string {
  const state = h.inForce ? 'IN FORCE' : h.liftedAt ? `lifted on ${h.liftedAt.slice(0, 10)}${h.liftedBy ? ` by ${h.liftedBy.name}` : ''}` : 'ended';
  return `  ${h.id}  contact ${h.contactId}  until ${h.until}  ${state}  set on ${h.setAt.slice(0, 10)}${h.setBy ? ` by ${h.setBy.name}` : ''}: ${h.reason}`;
}

function required(v: Values, name: string, what: string): string {
  const value = str(v[name]);
  if (!value?.trim()) throw new RegistreError('invalid_input', `--${name} is required: ${what}.`);
  return value;
}

export const retentionCommands: Record<string, Command> = {
  'retention rules': {
    options: common,
    run: (v) =>
      withVault(v, async (core, out) => {
        const rules = await call(core, 'retention.rules', {});
        out.result(rules, () => rulesText(rules));
        return 0;
      }),
  },
  'retention set-rule': {
    options: { ...common, period: { type: 'string' }, unit: { type: 'string' }, action: { type: 'string' } },
    run: (v, [code]) => {
      if (!code || !(retentionRuleCodes as readonly string[]).includes(code)) throw new RegistreError('invalid_input', `Give the rule: one of ${retentionRuleCodes.join(', ')}.`);
      const periodValue = numberOption(v, 'period', 0, 36_500);
      if (periodValue === undefined) throw new RegistreError('invalid_input', '--period is required: a whole number of days or years.');
      const periodUnit = oneOf(v, 'unit', retentionUnits);
      const action = str(v.action) === undefined ? undefined : oneOf(v, 'action', retentionActions);
      return withVault(v, async (core, out) => {
        const rules = await call(core, 'retention.setRule', { code: code as RetentionRuleCode, periodValue, periodUnit, action });
        out.result(rules, () => rulesText(rules));
        return 0;
      });
    },
  },
  'retention due': {
    options: { ...common, 'within-days': { type: 'string' }, rule: { type: 'string' } },
    run: (v) => {
      const withinDays = numberOption(v, 'within-days', 0, 3650, 90);
      const rule = ruleCode(v, 'rule');
      return withVault(v, async (core, out) => {
        const due = await call(core, 'retention.due', { withinDays, rule });
        out.result(due, () =>
          [
            `Retention review on ${due.today}: due now and within ${due.withinDays} days. Frozen people are listed, never to be applied.`,
            ...due.rules.flatMap((r) => [
              `${words.rules[r.rule.code]} (${r.rule.code}, ${period(r.rule)}, ${r.rule.action}): ${r.counts.due} due, ${r.counts.soon} soon, ${r.counts.frozen} frozen`,
              ...r.items.map(itemText),
            ]),
          ].join('\n'),
        );
        return 0;
      });
    },
  },
  'retention apply': {
    options: { ...common, rule: { type: 'string' }, confirm: { type: 'string' } },
    run: (v) => {
      const rule = ruleCode(v, 'rule');
      if (!rule) throw new RegistreError('invalid_input', `--rule is required: one of ${retentionRuleCodes.join(', ')}.`);
      const confirm = numberOption(v, 'confirm', 0, 1_000_000);
      if (confirm === undefined) throw new RegistreError('invalid_input', '--confirm is required: the number of items due, as `retention due --within-days 0` counts them.');
      return withVault(v, async (core, out) => {
        const result = await call(core, 'retention.apply', { rule, confirm });
        const failed = result.items.filter((i) => i.outcome === 'failed');
        out.result(result, () =>
          [
            `${words.rules[rule]} (${rule}): ${result.applied} of ${result.items.length} due done.`,
            ...failed.map((i) => `  FAILED ${i.requestId ? `request ${i.requestId}` : `contact ${i.contactId}`}: ${i.error}`),
          ].join('\n'),
        );
        return failed.length ? 1 : 0;
      });
    },
  },
  'holds set': {
    options: { ...common, contact: { type: 'string' }, reason: { type: 'string' }, until: { type: 'string' } },
    run: (v) => {
      const input = {
        contactId: required(v, 'contact', 'the contact to hold'),
        reason: required(v, 'reason', 'say why the person is held'),
        until: required(v, 'until', 'the last day of the hold, YYYY-MM-DD'),
      };
      return withVault(v, async (core, out) => {
        const hold = await call(core, 'legalHolds.set', input);
        out.result(hold, () => `Legal hold ${hold.id} set: contact ${hold.contactId} is frozen against retention until ${hold.until}.`);
        return 0;
      });
    },
  },
  'holds lift': {
    options: common,
    run: (v, [id]) => {
      if (!id) throw new RegistreError('invalid_input', 'Give the id of the legal hold to lift.');
      return withVault(v, async (core, out) => {
        const hold = await call(core, 'legalHolds.lift', { id });
        out.result(hold, () => `Legal hold ${hold.id} lifted: contact ${hold.contactId} is no longer frozen by it.`);
        return 0;
      });
    },
  },
  'holds list': {
    options: { ...common, contact: { type: 'string' } },
    run: (v) =>
      withVault(v, async (core, out) => {
        const holds = await call(core, 'legalHolds.list', { contactId: str(v.contact) });
        out.result(holds, () => (holds.length ? ['Legal holds, newest first:', ...holds.map(holdText)].join('\n') : 'No legal holds.'));
        return 0;
      }),
  },
};

/** This module's lines of `registre --help`. */
export const retentionUsage = `
Retention (rules per data category, who is due under them, and applying a rule once confirmed)
  retention rules                     Each rule's period and what happens once it is due
  retention set-rule CODE --period N --unit days|years [--action A]
                                      Change a rule (admins); CODE: ${retentionRuleCodes.join(', ')}
  retention due [--within-days N] [--rule CODE]
                                      Who is due now and within N days (default 90), per rule, with the
                                      day and the reason each clock started; frozen people shown as such
  retention apply --rule CODE --confirm N
                                      Apply the rule to everyone due under it today (admins); N must be
                                      the count due (frozen people excepted), else nothing is done
  holds set --contact ID --reason TEXT --until YYYY-MM-DD
                                      Freeze a person against retention until that day (admins)
  holds lift ID                       Lift a legal hold (admins)
  holds list [--contact ID]           Legal holds, newest first
`;
