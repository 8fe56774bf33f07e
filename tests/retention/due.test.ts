/**
 * The retention review against real vaults (issue 15): who is due on boundary days with a
 * fixed clock, judged by their own dates (never the day they were entered), frozen by an
 * open request or a legal hold, and rules and holds changed by admins only.
 */
import { describe, expect, it } from 'vitest';
import type { RetentionItemDto } from '../../shared/dto/retention';
import { call, callError, PASS } from '../helpers';
import { itemsOf, vaultOn } from './vault-on';

const byName = (items: RetentionItemDto[]) => Object.fromEntries(items.map((i) => [i.fullName, { dueOn: i.dueOn, state: i.state, clockStart: i.clockStart, clockReason: i.clockReason }]));

describe('retention.due', () => {
  it('lists the day before, on and after each period, leap days included, by the people’s own dates', async () => {
    const { core, person, due } = await vaultOn('2031-06-15');
    // Every contact is entered today (an archive imported now): only their dates count.
    await person('On the day', '2024-06-15');
    await person('Day after', '2024-06-16');
    await person('Day before', '2024-06-14');
    await person('Ninety days', '2024-09-13');
    await person('Ninety-one days', '2024-09-14');
    await person('Leap day', '2024-02-29');
    await person('Recent', '2030-01-01');
    await person('Never took part');
    const consented = await person('Consented later', '2020-01-01');
    await call(core, 'consents.record', { contactId: consented, purposeCode: 'event_logistics', action: 'granted', channel: 'form', occurredOn: '2024-07-01' });

    const d = await due();
    expect(d.today).toBe('2031-06-15');
    expect(byName(itemsOf(d, 'contact_activity'))).toEqual({
      'Day before': { dueOn: '2031-06-14', state: 'due', clockStart: '2024-06-14', clockReason: 'last_participation' },
      'Leap day': { dueOn: '2031-02-28', state: 'due', clockStart: '2024-02-29', clockReason: 'last_participation' },
      'On the day': { dueOn: '2031-06-15', state: 'due', clockStart: '2024-06-15', clockReason: 'last_participation' },
      'Day after': { dueOn: '2031-06-16', state: 'soon', clockStart: '2024-06-16', clockReason: 'last_participation' },
      'Consented later': { dueOn: '2031-07-01', state: 'soon', clockStart: '2024-07-01', clockReason: 'consent_given' },
      'Ninety days': { dueOn: '2031-09-13', state: 'soon', clockStart: '2024-09-13', clockReason: 'last_participation' },
    });
    // Soonest first; the counts say the same.
    expect(itemsOf(d, 'contact_activity').map((i) => i.dueOn)).toEqual([...itemsOf(d, 'contact_activity').map((i) => i.dueOn)].sort());
    expect(d.rules.find((r) => r.rule.code === 'contact_activity')!.counts).toEqual({ due: 3, soon: 3, frozen: 0 });
    expect(byName(itemsOf(await due(91), 'contact_activity'))['Ninety-one days']).toMatchObject({ dueOn: '2031-09-14', state: 'soon' });
    expect(Object.keys(byName(itemsOf(await due(0), 'contact_activity'))).sort()).toEqual(['Day before', 'Leap day', 'On the day']);
    expect((await due(90, 'bank')).rules.map((r) => r.rule.code)).toEqual(['bank']);
  });

  it('starts each category’s clock at its own date', async () => {
    const { core, person, due, moveTo } = await vaultOn('2028-06-15');
    const closedEarly = await call(core, 'requests.add', { type: 'access', receivedOn: '2028-06-01', channel: 'email', requesterName: 'Rae Requester' });
    await call(core, 'requests.close', { id: closedEarly.id, outcome: 'refused', refusalReason: 'manifestly_unfounded', text: 'Not about our data.' });
    await moveTo('2031-06-15');
    const traveller = await person('Traveller', '2031-05-16');
    await call(core, 'sensitive.add', { contactId: traveller, reason: 'Flight booking', identity: { document: 'passport', number: 'X1234567', dateOfBirth: '1980-01-01' } });
    const payee = await person('Payee', '2024-01-10');
    await call(core, 'sensitive.add', { contactId: payee, reason: 'Reimbursement', bank: { iban: 'BE71096123456769', lastPaidOn: '2024-06-15' } });
    const signer = await person('Signer');
    const ev = await call(core, 'events.add', { name: 'Workshop', startDate: '2024-06-10', endDate: '2024-06-12' });
    await call(core, 'sensitive.add', { contactId: signer, reason: 'Attendance sheet', eventId: ev.id, file: { base64: PNG } });
    const reader = await person('Reader');
    await call(core, 'consents.record', { contactId: reader, purposeCode: 'newsletter', action: 'granted', channel: 'form', occurredOn: '2030-01-01' });
    await call(core, 'consents.record', { contactId: reader, purposeCode: 'newsletter', action: 'withdrawn', channel: 'unsubscribe_link', occurredOn: '2031-05-16' });
    const subscriber = await person('Subscriber');
    await call(core, 'consents.record', { contactId: subscriber, purposeCode: 'newsletter', action: 'granted', channel: 'form', occurredOn: '2020-01-01' });
    const child = await person('Child');
    await call(core, 'sensitive.add', { contactId: child, reason: 'Youth event', identity: { dateOfBirth: '2020-03-01' } });

    const d = await due();
    expect(byName(itemsOf(d, 'identity'))).toEqual({
      Traveller: { dueOn: '2031-06-15', state: 'due', clockStart: '2031-05-16', clockReason: 'trip_event' },
      // No event: the day the detail was recorded, the only date there is.
      Child: { dueOn: '2031-07-15', state: 'soon', clockStart: '2031-06-15', clockReason: 'detail_recorded' },
    });
    expect(byName(itemsOf(d, 'bank'))).toEqual({ Payee: { dueOn: '2031-06-15', state: 'due', clockStart: '2024-06-15', clockReason: 'payment' } });
    expect(byName(itemsOf(d, 'signature'))).toEqual({ Signer: { dueOn: '2031-06-12', state: 'due', clockStart: '2024-06-12', clockReason: 'signed_event' } });
    // Still subscribed: kept; withdrawn 30 days ago: due, and under that rule only.
    expect(byName(itemsOf(d, 'newsletter_only'))).toEqual({ Reader: { dueOn: '2031-06-15', state: 'due', clockStart: '2031-05-16', clockReason: 'withdrawal' } });
    expect(Object.keys(byName(itemsOf(d, 'contact_activity')))).not.toContain('Subscriber');
    expect(byName(itemsOf(d, 'minor'))).toEqual({ Child: { dueOn: '2031-06-15', state: 'due', clockStart: '2031-06-15', clockReason: 'under_age' } });
    expect(itemsOf(d, 'closed_requests')).toEqual([
      expect.objectContaining({ requestId: closedEarly.id, contactId: null, fullName: 'Rae Requester', clockStart: '2028-06-15', dueOn: '2031-06-15', state: 'due', clockReason: 'request_closed' }),
    ]);
  });

  it('freezes a person with an open request or a legal hold in force, and only then', async () => {
    const { core, person, due, moveTo } = await vaultOn('2031-06-15');
    const asking = await person('Asking', '2024-01-01');
    const held = await person('Held', '2024-01-01');
    await person('Free', '2024-01-01');
    const request = await call(core, 'requests.add', { type: 'access', receivedOn: '2031-06-10', channel: 'email', contactId: asking });
    await call(core, 'requests.add', { type: 'access', receivedOn: '2031-06-10', channel: 'email', contactId: held, isTest: true });
    const hold = await call(core, 'legalHolds.set', { contactId: held, reason: 'Grant audit 2031', until: '2031-06-20' });
    expect(hold).toMatchObject({ contactId: held, reason: 'Grant audit 2031', until: '2031-06-20', inForce: true, setBy: { name: 'Anna Admin' }, liftedAt: null });

    const frozenOf = async () => Object.fromEntries(itemsOf(await due(), 'contact_activity').map((i) => [i.fullName, i.frozen]));
    expect(await frozenOf()).toEqual({
      Asking: { kind: 'open_request', requestId: request.id },
      Held: { kind: 'legal_hold', holdId: hold.id, reason: 'Grant audit 2031', until: '2031-06-20' },
      Free: null,
    });
    expect((await due()).rules.find((r) => r.rule.code === 'contact_activity')!.counts).toEqual({ due: 1, soon: 0, frozen: 2 });

    // The hold's last day still freezes; the day after, it does not.
    await moveTo('2031-06-20');
    expect((await frozenOf()).Held).toMatchObject({ kind: 'legal_hold' });
    await moveTo('2031-06-21');
    expect((await frozenOf()).Held).toBeNull();
    expect((await call(core, 'legalHolds.list', { contactId: held }))[0]!.inForce).toBe(false);

    const second = await call(core, 'legalHolds.set', { contactId: held, reason: 'Dispute', until: '2032-01-01' });
    expect((await frozenOf()).Held).toMatchObject({ kind: 'legal_hold', holdId: second.id });
    const lifted = await call(core, 'legalHolds.lift', { id: second.id });
    expect(lifted).toMatchObject({ inForce: false, liftedBy: { name: 'Anna Admin' } });
    expect((await frozenOf()).Held).toBeNull();
    expect((await call(core, 'legalHolds.list', {})).map((h) => h.id)).toEqual([second.id, hold.id]);

    // Closing the request unfreezes the person, and is itself a dated thing they took part in: their clock starts again.
    await call(core, 'requests.close', { id: request.id, outcome: 'refused', refusalReason: 'manifestly_unfounded', text: 'x' });
    expect(Object.keys(await frozenOf()).sort()).toEqual(['Free', 'Held']);
  });
});

describe('retention rules and holds: who may change them', () => {
  it('lets admins change a rule (audited by field names), refuses bad input and other roles with nothing changed', async () => {
    const { core, person, due } = await vaultOn('2031-06-15');
    const id = await person('Six years ago', '2025-06-01');
    const rules = await call(core, 'retention.rules', {});
    expect(rules.map((r) => [r.code, r.periodValue, r.periodUnit, r.action])).toEqual([
      ['contact_activity', 7, 'years', 'erase_contact'],
      ['identity', 30, 'days', 'erase_category'],
      ['bank', 7, 'years', 'erase_category'],
      ['newsletter_only', 30, 'days', 'erase_contact'],
      ['signature', 7, 'years', 'erase_category'],
      ['closed_requests', 3, 'years', 'erase_request'],
      ['minor', 0, 'days', 'erase_contact'],
    ]);
    expect(itemsOf(await due(), 'contact_activity')).toEqual([]);

    const changed = await call(core, 'retention.setRule', { code: 'contact_activity', periodValue: 6, periodUnit: 'years', action: 'anonymise' });
    expect(changed[0]).toMatchObject({ periodValue: 6, action: 'anonymise', updatedBy: { name: 'Anna Admin' }, allowedActions: ['erase_contact', 'anonymise'] });
    expect(itemsOf(await due(), 'contact_activity')).toEqual([expect.objectContaining({ contactId: id, dueOn: '2031-06-01', state: 'due' })]);
    const logged = await core.context().db.selectFrom('audit_events').select(['action', 'entity_id', 'fields']).where('action', '=', 'retention.rule_updated').execute();
    expect(logged).toEqual([{ action: 'retention.rule_updated', entity_id: 'contact_activity', fields: JSON.stringify(['periodValue', 'action']) }]);

    const head = async () => (await call(core, 'vault.info', {})).auditHead;
    const before = { rules: await call(core, 'retention.rules', {}), head: await head() };
    expect(await callError(core, 'retention.setRule', { code: 'identity', periodValue: 30, periodUnit: 'days', action: 'anonymise' })).toMatchObject({
      code: 'invalid_input',
      detail: { reason: 'retention_action_not_allowed' },
    });
    expect(await callError(core, 'retention.setRule', { code: 'bank', periodValue: 101, periodUnit: 'years' })).toMatchObject({ code: 'invalid_input' });
    expect(await callError(core, 'retention.setRule', { code: 'bank', periodValue: -1, periodUnit: 'years' })).toMatchObject({ code: 'invalid_input' });
    expect(await callError(core, 'retention.setRule', { code: 'photos', periodValue: 1, periodUnit: 'years' })).toMatchObject({ code: 'invalid_input' });
    expect(await callError(core, 'legalHolds.set', { contactId: id, reason: 'x', until: '2031-06-14' })).toMatchObject({ code: 'invalid_input', detail: { reason: 'date_past' } });
    expect(await callError(core, 'legalHolds.set', { contactId: 'nobody', reason: 'x', until: '2031-07-01' })).toMatchObject({ code: 'not_found' });
    expect(await callError(core, 'legalHolds.set', { contactId: id, reason: '  ', until: '2031-07-01' })).toMatchObject({ code: 'invalid_input' });
    expect(await callError(core, 'legalHolds.lift', { id: 'nothing' })).toMatchObject({ code: 'not_found' });
    expect({ rules: await call(core, 'retention.rules', {}), head: await head() }).toEqual(before);
    expect(await call(core, 'legalHolds.list', {})).toEqual([]);

    const hold = await call(core, 'legalHolds.set', { contactId: id, reason: 'Audit', until: '2031-07-01' });
    await call(core, 'legalHolds.lift', { id: hold.id });
    expect(await callError(core, 'legalHolds.lift', { id: hold.id })).toMatchObject({ code: 'conflict', detail: { reason: 'hold_lifted' } });

    const open = await call(core, 'legalHolds.set', { contactId: id, reason: 'Audit', until: '2031-07-01' });
    await call(core, 'staff.add', { name: 'Sam Staff', role: 'staff', passphrase: 'staff passphrase 1' });
    await call(core, 'staff.add', { name: 'Alex Auditor', role: 'auditor', passphrase: 'auditor passphrase 1' });
    for (const passphrase of ['staff passphrase 1', 'auditor passphrase 1']) {
      await call(core, 'vault.unlock', { passphrase });
      expect(await call(core, 'retention.rules', {})).toEqual(await call(core, 'retention.rules', {}));
      expect((await due()).rules).toHaveLength(7);
      for (const [method, input] of [
        ['retention.setRule', { code: 'bank', periodValue: 1, periodUnit: 'years' }],
        ['legalHolds.set', { contactId: id, reason: 'x', until: '2031-07-01' }],
        ['legalHolds.lift', { id: open.id }],
      ] as const) {
        expect((await callError(core, method, input)).code).toBe('forbidden');
      }
    }
    await call(core, 'vault.unlock', { passphrase: PASS });
    expect((await call(core, 'retention.rules', {})).find((r) => r.code === 'bank')!.periodValue).toBe(7);
    expect((await call(core, 'legalHolds.list', { contactId: id })).filter((h) => h.inForce).map((h) => h.id)).toEqual([open.id]);
  });
});

/** A 1×1 PNG: the smallest signed sheet the vault accepts. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
