/**
 * Applying a retention rule against real vaults with a fixed clock (issue 15): only the
 * people due today are touched, never the frozen or the soon; a confirmation that does not
 * name the count due now changes nothing; admins only.
 */
import { describe, expect, it } from 'vitest';
import { call, callError, PASS } from '../helpers';
import { itemsOf, vaultOn } from './vault-on';

const PASSPORT = { document: 'passport', number: 'X1234567', dateOfBirth: '1980-01-01' } as const;

describe('retention.apply', () => {
  it('erases the identity details of the people due only, after a confirmation naming their count', async () => {
    const { core, person, due } = await vaultOn('2031-06-15');
    const traveller = await person('Traveller', '2031-05-10');
    const asking = await person('Asking', '2031-05-01');
    const held = await person('Held', '2031-05-01');
    const recent = await person('Recent', '2031-06-01');
    for (const id of [traveller, asking, held, recent]) await call(core, 'sensitive.add', { contactId: id, reason: 'Flight booking', identity: PASSPORT });
    await call(core, 'sensitive.add', { contactId: traveller, reason: 'Reimbursement', bank: { iban: 'BE71096123456769', lastPaidOn: '2031-05-20' } });
    await call(core, 'requests.add', { type: 'access', receivedOn: '2031-06-10', channel: 'email', contactId: asking });
    await call(core, 'legalHolds.set', { contactId: held, reason: 'Grant audit', until: '2031-12-31' });
    expect((await due()).rules.find((r) => r.rule.code === 'identity')!.counts).toEqual({ due: 1, soon: 1, frozen: 2 });

    const categories = async (contactId: string) => (await call(core, 'sensitive.list', { contactId })).map((x) => x.category).sort();
    const head = async () => (await call(core, 'vault.info', {})).auditHead;
    const before = await head();
    for (const confirm of [0, 2, 4]) {
      expect(await callError(core, 'retention.apply', { rule: 'identity', confirm })).toMatchObject({ code: 'conflict', detail: { reason: 'retention_count_changed', count: 1 } });
    }
    expect(await head()).toEqual(before);
    expect(await categories(traveller)).toEqual(['bank', 'identity']);

    const result = await call(core, 'retention.apply', { rule: 'identity', confirm: 1 });
    expect(result).toEqual({ rule: 'identity', applied: 1, items: [{ contactId: traveller, requestId: null, outcome: 'category_erased' }] });
    expect(await categories(traveller)).toEqual(['bank']);
    for (const id of [asking, held, recent]) expect(await categories(id)).toEqual(['identity']);
    const erasure = await core.context().db.selectFrom('category_erasures').select(['contact_id', 'category', 'reason']).execute();
    expect(erasure).toEqual([{ contact_id: traveller, category: 'identity', reason: 'Retention rule identity: trip_event 2031-05-10' }]);
    const logged = await core.context().db.selectFrom('audit_events').select(['action', 'entity_type', 'entity_id', 'fields']).where('action', '=', 'retention.applied').execute();
    expect(logged).toEqual([{ action: 'retention.applied', entity_type: 'retention_rule', entity_id: 'identity', fields: JSON.stringify(['count']) }]);
    expect((await due()).rules.find((r) => r.rule.code === 'identity')!.counts).toEqual({ due: 0, soon: 1, frozen: 2 });
  });

  it('erases whole contacts under the activity rule and old closed requests under theirs, frozen people untouched', async () => {
    const { core, person, due, moveTo } = await vaultOn('2028-06-01');
    const closed = await call(core, 'requests.add', { type: 'access', receivedOn: '2028-06-01', channel: 'email', requesterName: 'Rae Requester' });
    await call(core, 'requests.close', { id: closed.id, outcome: 'refused', refusalReason: 'manifestly_unfounded', text: 'Not about our data.' });
    await moveTo('2031-06-15');
    const gone = await person('Long gone', '2024-01-01');
    const kept = await person('Kept on hold', '2024-01-01');
    await person('Still active', '2031-01-01');
    await call(core, 'legalHolds.set', { contactId: kept, reason: 'Dispute', until: '2031-07-01' });
    expect(itemsOf(await due(0, 'contact_activity'), 'contact_activity').map((i) => [i.fullName, i.frozen?.kind ?? null])).toEqual([
      ['Kept on hold', 'legal_hold'],
      ['Long gone', null],
    ]);

    expect(await call(core, 'retention.apply', { rule: 'contact_activity', confirm: 1 })).toMatchObject({ applied: 1, items: [{ contactId: gone, outcome: 'erased' }] });
    expect(await callError(core, 'contacts.get', { id: gone })).toMatchObject({ code: 'not_found' });
    expect((await call(core, 'contacts.get', { id: kept })).fullName).toBe('Kept on hold');
    const ledger = await core.context().db.selectFrom('erasures').select(['reason', 'kind']).execute();
    expect(ledger).toEqual([{ reason: 'Retention rule contact_activity: last_participation 2024-01-01', kind: 'erased' }]);

    expect(await call(core, 'retention.apply', { rule: 'closed_requests', confirm: 1 })).toEqual({
      rule: 'closed_requests',
      applied: 1,
      items: [{ contactId: null, requestId: closed.id, outcome: 'request_erased' }],
    });
    expect(await callError(core, 'requests.get', { id: closed.id })).toMatchObject({ code: 'not_found' });
    const db = core.context().db;
    expect(await db.selectFrom('request_events').select('seq').where('request_id', '=', closed.id).execute()).toEqual([]);
    const erased = await db.selectFrom('audit_events').select(['entity_type', 'entity_id']).where('action', '=', 'request.erased').execute();
    expect(erased).toEqual([{ entity_type: 'rights_request', entity_id: closed.id }]);
    // Nothing due any more: confirming zero does nothing and logs nothing.
    expect(await call(core, 'retention.apply', { rule: 'closed_requests', confirm: 0 })).toEqual({ rule: 'closed_requests', applied: 0, items: [] });
    expect(await db.selectFrom('audit_events').select('seq').where('action', '=', 'retention.applied').execute()).toHaveLength(2);
  });

  it('anonymises when the rule says so', async () => {
    const { core, person } = await vaultOn('2031-06-15');
    const old = await person('Old Member', '2024-01-01');
    await call(core, 'retention.setRule', { code: 'contact_activity', periodValue: 7, periodUnit: 'years', action: 'anonymise' });
    expect(await call(core, 'retention.apply', { rule: 'contact_activity', confirm: 1 })).toMatchObject({ applied: 1, items: [{ contactId: old, outcome: 'anonymised' }] });
    expect((await call(core, 'contacts.get', { id: old })).fullName).toBe('Anonymised contact 0001');
    // Kept for the statistics with its participations: no longer due, under any action.
    expect(itemsOf(await call(core, 'retention.due', { withinDays: 90 }), 'contact_activity')).toEqual([]);
    await call(core, 'retention.setRule', { code: 'contact_activity', periodValue: 7, periodUnit: 'years', action: 'erase_contact' });
    expect(await call(core, 'retention.apply', { rule: 'contact_activity', confirm: 0 })).toMatchObject({ applied: 0 });
  });

  it('refuses staff and auditors, with nothing changed', async () => {
    const { core, person } = await vaultOn('2031-06-15');
    const old = await person('Old', '2024-01-01');
    await call(core, 'staff.add', { name: 'Sam Staff', role: 'staff', passphrase: 'staff passphrase 1' });
    await call(core, 'staff.add', { name: 'Alex Auditor', role: 'auditor', passphrase: 'auditor passphrase 1' });
    for (const passphrase of ['staff passphrase 1', 'auditor passphrase 1']) {
      await call(core, 'vault.unlock', { passphrase });
      expect((await callError(core, 'retention.apply', { rule: 'contact_activity', confirm: 1 })).code).toBe('forbidden');
    }
    await call(core, 'vault.unlock', { passphrase: PASS });
    expect((await call(core, 'contacts.get', { id: old })).fullName).toBe('Old');
  });
});
