/**
 * Rights requests from intake to reply (issue 13, DESIGN §5): the deadline set at intake
 * and restarted by the identity proof, the one extension, the steps the state machine
 * allows, each on the timeline and in the audit log, and bad input changing nothing.
 * Real encrypted vaults with the core's clock set by the test.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RegistreCore } from '../../db/core';
import type { Input } from '../../shared/api/index';
import { call, callError, PASS, tempDir } from '../helpers';

/** A vault whose "today" the test moves (the core reads ctx.now). */
async function vaultOn(day: string) {
  let now = new Date(`${day}T10:00:00.000Z`);
  const core = new RegistreCore({ vaultDir: join(tempDir(), 'vault'), allowFolderChange: false, now: () => now });
  await call(core, 'vault.create', { passphrase: PASS, staffName: 'Anna Admin' });
  const ana = await call(core, 'contacts.add', { fullName: 'Ana Ruiz', email: 'ana@example.org' });
  /** Days later the vault has locked itself for idleness: the test signs in again, as a person would. */
  const setToday = async (d: string) => {
    await core.lock();
    now = new Date(`${d}T10:00:00.000Z`);
    await call(core, 'vault.unlock', { passphrase: PASS });
  };
  const add = (input: Partial<Input<'requests.add'>> = {}) => call(core, 'requests.add', { type: 'access', receivedOn: '2026-01-31', channel: 'email', contactId: ana.id, ...input });
  /** What a refused call must leave as it was: every row count, the audit head, and the request itself. */
  const snapshot = async (id?: string) => {
    const raw = core.context().vault.raw;
    const count = (t: string) => raw.prepare(`SELECT count(*) FROM ${t}`).pluck().get();
    return {
      requests: count('rights_requests'),
      events: count('request_events'),
      audit: raw.prepare('SELECT seq, hash FROM audit_head').get(),
      row: id ? raw.prepare('SELECT * FROM rights_requests WHERE id = ?').get(id) : null,
    };
  };
  return { core, ana, setToday, add, snapshot };
}

describe('a rights request', () => {
  it('is due one month after receipt, moved off a weekend; a date in the future or an unknown type is refused and changes nothing', async () => {
    const { core, ana, add, snapshot } = await vaultOn('2026-02-02');
    // 28 February 2026 is a Saturday: the reply is due on Monday 2 March.
    const r = await add({ requestText: 'Please send me everything you hold about me.' });
    expect(r).toMatchObject({ type: 'access', state: 'received', channel: 'email', receivedDate: '2026-01-31', clockStartDate: '2026-01-31', dueDate: '2026-03-02', firstDueDate: '2026-03-02' });
    expect(r).toMatchObject({ contact: { id: ana.id, name: 'Ana Ruiz' }, isTest: false, daysLeft: 28, urgency: 'on_time', extension: null, canExtend: true });
    expect(r.nextSteps).toEqual(['identity_requested', 'started', 'refused']);

    const before = await snapshot();
    const future = await callError(core, 'requests.add', { type: 'access', receivedOn: '2026-02-03', channel: 'email', contactId: ana.id });
    expect(future).toMatchObject({ code: 'invalid_input', detail: { reason: 'date_future', field: 'receivedOn' } });
    expect((await callError(core, 'requests.add', { type: 'complaint', receivedOn: '2026-01-31', channel: 'email', contactId: ana.id })).code).toBe('invalid_input');
    expect((await callError(core, 'requests.add', { type: 'access', receivedOn: '2026-01-31', channel: 'pigeon', contactId: ana.id })).code).toBe('invalid_input');
    expect(await callError(core, 'requests.add', { type: 'access', receivedOn: '2026-01-31', channel: 'post' })).toMatchObject({ detail: { reason: 'requester_missing' } });
    expect(await callError(core, 'requests.add', { type: 'access', receivedOn: '2026-01-31', channel: 'post', requesterName: 'X', requesterEmail: 'not-an-address' })).toMatchObject({
      detail: { reason: 'email_invalid' },
    });
    expect(await callError(core, 'requests.add', { type: 'access', receivedOn: '2026-01-31', channel: 'post', contactId: 'nobody' })).toMatchObject({ detail: { reason: 'contact_absent' } });
    expect(await snapshot()).toEqual(before);

    // Someone not (yet) in the register can ask too, under the name they gave.
    const stranger = await add({ contactId: undefined, requesterName: 'Jo Bloggs', requesterEmail: 'jo@example.org', channel: 'post', type: 'erasure' });
    expect(stranger).toMatchObject({ contact: null, requesterName: 'Jo Bloggs', requesterEmail: 'jo@example.org', type: 'erasure' });
    expect((await call(core, 'requests.get', { id: r.id })).requestText).toBe('Please send me everything you hold about me.');
  });

  it('stops the clock while identity is awaited and restarts it from the day the proof arrived', async () => {
    const { core, add, setToday, snapshot } = await vaultOn('2026-02-05');
    const r = await add();
    const waiting = await call(core, 'requests.awaitIdentity', { id: r.id });
    expect(waiting).toMatchObject({ state: 'awaiting_identity', pausedDate: '2026-02-05', daysLeft: null, urgency: null, nextSteps: ['identity_received', 'refused'] });

    await setToday('2026-02-21');
    const before = await snapshot(r.id);
    // Not in the future, and not before it was asked for.
    expect(await callError(core, 'requests.identityReceived', { id: r.id, date: '2026-02-22', method: 'document_shown' })).toMatchObject({ detail: { reason: 'date_future' } });
    expect(await callError(core, 'requests.identityReceived', { id: r.id, date: '2026-02-04', method: 'document_shown' })).toMatchObject({ detail: { reason: 'dates_reversed' } });
    expect((await callError(core, 'requests.identityReceived', { id: r.id, date: '2026-02-20', method: 'photocopy' })).code).toBe('invalid_input');
    expect(await snapshot(r.id)).toEqual(before);

    const restarted = await call(core, 'requests.identityReceived', { id: r.id, date: '2026-02-20', method: 'document_shown', seen: 'Belgian identity card, shown at the desk' });
    expect(restarted).toMatchObject({
      state: 'in_progress',
      receivedDate: '2026-01-31',
      clockStartDate: '2026-02-20',
      dueDate: '2026-03-20',
      daysLeft: 27,
      identity: { checkedDate: '2026-02-20', method: 'document_shown', seen: 'Belgian identity card, shown at the desk' },
    });
    // What was seen is noted; nothing of it reaches the audit log or the timeline.
    const detail = await call(core, 'requests.get', { id: r.id });
    expect(detail.events.at(-1)).toMatchObject({ kind: 'identity_received', fromState: 'awaiting_identity', toState: 'in_progress', detail: { date: '2026-02-20', dueDate: '2026-03-20' } });
    const raw = core.context().vault.raw;
    expect(raw.prepare(`SELECT count(*) FROM audit_events WHERE fields LIKE '%Belgian%'`).pluck().get()).toBe(0);
  });

  it('is extended once only, before its deadline, with a reason; refused extensions change nothing', async () => {
    const { core, add, setToday, snapshot } = await vaultOn('2026-03-01');
    const r = await add();
    const late = await add({ receivedOn: '2026-01-15' });
    expect(late.dueDate).toBe('2026-02-16');

    let before = await snapshot(r.id);
    expect((await callError(core, 'requests.extend', { id: r.id, months: 2, reason: '   ' })).code).toBe('invalid_input');
    expect((await callError(core, 'requests.extend', { id: r.id, months: 3, reason: 'Complex' })).code).toBe('invalid_input');
    expect(await snapshot(r.id)).toEqual(before);

    const extended = await call(core, 'requests.extend', { id: r.id, months: 2, reason: 'Several systems and partners to search' });
    expect(extended).toMatchObject({
      dueDate: '2026-04-30',
      firstDueDate: '2026-03-02',
      extension: { months: 2, reason: 'Several systems and partners to search', dueDate: '2026-04-30' },
      canExtend: false,
    });

    before = await snapshot(r.id);
    const again = await callError(core, 'requests.extend', { id: r.id, months: 1, reason: 'More' });
    expect(again).toMatchObject({ code: 'conflict', detail: { reason: 'already_extended' } });
    expect(await snapshot(r.id)).toEqual(before);

    before = await snapshot(late.id);
    expect(late.canExtend).toBe(false);
    const tooLate = await callError(core, 'requests.extend', { id: late.id, months: 1, reason: 'Complex' });
    expect(tooLate).toMatchObject({ code: 'conflict', message: expect.stringMatching(/deadline \(2026-02-16\) has passed/), detail: { reason: 'extension_too_late' } });
    expect(await snapshot(late.id)).toEqual(before);

    // The deadline day itself is still in time.
    const onTime = await add({ receivedOn: '2026-02-01' });
    await setToday(onTime.dueDate);
    expect((await call(core, 'requests.extend', { id: onTime.id, months: 1, reason: 'Complex' })).dueDate).toBe('2026-04-01');
  });

  it('keeps a granted extension when the clock restarts, counted from the new start', async () => {
    const { core, add, setToday } = await vaultOn('2026-02-05');
    const r = await add();
    await call(core, 'requests.extend', { id: r.id, months: 2, reason: 'Complex' });
    await call(core, 'requests.awaitIdentity', { id: r.id, askedOn: '2026-02-05' });
    await setToday('2026-02-20');
    const restarted = await call(core, 'requests.identityReceived', { id: r.id, date: '2026-02-20', method: 'known_contact_details' });
    // 20 May 2026 is a Wednesday.
    expect(restarted).toMatchObject({ firstDueDate: '2026-03-20', dueDate: '2026-05-20', extension: { months: 2, dueDate: '2026-05-20' } });
  });

  it('writes every step on its timeline and in the audit log, ids and field names only', async () => {
    const { core, ana, add } = await vaultOn('2026-02-10');
    const r = await add();
    await call(core, 'requests.awaitIdentity', { id: r.id, askedOn: '2026-02-01' });
    await call(core, 'requests.identityReceived', { id: r.id, date: '2026-02-03', method: 'video_call' });
    await call(core, 'requests.hold', { id: r.id });
    await call(core, 'requests.resume', { id: r.id });
    await call(core, 'requests.extend', { id: r.id, months: 1, reason: 'Complex' });
    const done = await call(core, 'requests.close', { id: r.id, outcome: 'completed', text: 'Bundle sent by e-mail' });
    expect(done).toMatchObject({
      state: 'completed',
      closedDate: '2026-02-10',
      outcome: 'completed',
      outcomeNote: 'Bundle sent by e-mail',
      refusal: null,
      daysLeft: null,
      nextSteps: [],
      canExtend: false,
    });

    const { events } = await call(core, 'requests.get', { id: r.id });
    expect(events.map((e) => [e.kind, e.fromState, e.toState])).toEqual([
      ['received', null, 'received'],
      ['identity_requested', 'received', 'awaiting_identity'],
      ['identity_received', 'awaiting_identity', 'in_progress'],
      ['held', 'in_progress', 'on_hold'],
      ['resumed', 'on_hold', 'in_progress'],
      ['extended', 'in_progress', 'in_progress'],
      ['completed', 'in_progress', 'completed'],
    ]);
    expect(events.every((e) => e.staff?.name === 'Anna Admin')).toBe(true);
    expect(events.map((e) => e.seq)).toEqual([...events.map((e) => e.seq)].sort((a, b) => a - b));
    expect(events[0]!.detail).toEqual({ receivedOn: '2026-01-31', dueDate: '2026-03-02' });
    expect(events[5]!.detail).toEqual({ months: 1, dueDate: '2026-04-03' });

    const log = (await call(core, 'audit.list', { subjectId: ana.id, limit: 50 })).filter((e) => e.entityType === 'rights_request').reverse();
    expect(log.map((e) => e.action)).toEqual([
      'request.received',
      'request.identity_requested',
      'request.identity_received',
      'request.held',
      'request.resumed',
      'request.extended',
      'request.completed',
    ]);
    expect(log.every((e) => e.entityId === r.id && e.subjectId === ana.id)).toBe(true);
    expect(log[0]!.fields).toEqual(['type', 'channel', 'receivedOn', 'isTest', 'contactId']);
    expect(log.at(-1)!.fields).toEqual(['status', 'closedOn', 'outcome', 'outcomeNote']);
    expect((await call(core, 'audit.verify', {})).intact).toBe(true);
  });

  it('allows only the steps of the state table; a refusal needs its ground; closing twice is refused', async () => {
    const { core, add, snapshot } = await vaultOn('2026-02-10');
    const r = await add();
    let before = await snapshot(r.id);
    const early = await callError(core, 'requests.close', { id: r.id, outcome: 'completed' });
    expect(early).toMatchObject({ code: 'conflict', detail: { reason: 'request_transition', state: 'received', allowed: ['identity_requested', 'started', 'refused'] } });
    expect((await callError(core, 'requests.hold', { id: r.id })).message).toBe('A request that is received cannot be put on hold; the steps it allows now: identity_requested, started, refused.');
    expect(await callError(core, 'requests.resume', { id: r.id })).toMatchObject({ detail: { reason: 'request_transition' } });
    expect(await callError(core, 'requests.identityReceived', { id: r.id, date: '2026-02-01', method: 'other' })).toMatchObject({ detail: { reason: 'request_transition' } });
    expect(await callError(core, 'requests.close', { id: r.id, outcome: 'refused' })).toMatchObject({ code: 'invalid_input', detail: { reason: 'refusal_reason_missing' } });
    expect((await callError(core, 'requests.close', { id: r.id, outcome: 'refused', refusalReason: 'vexatious' })).code).toBe('invalid_input');
    expect((await callError(core, 'requests.close', { id: r.id, outcome: 'completed', refusalReason: 'excessive' })).code).toBe('invalid_input');
    expect(await callError(core, 'requests.start', { id: 'no-such-request' })).toMatchObject({ code: 'not_found', detail: { reason: 'request_absent' } });
    expect(await snapshot(r.id)).toEqual(before);

    // Identity never proven: refused while waiting for it.
    await call(core, 'requests.awaitIdentity', { id: r.id });
    const refused = await call(core, 'requests.close', { id: r.id, outcome: 'refused', refusalReason: 'identity_not_proven', text: 'No proof of identity came within the time we gave.' });
    expect(refused).toMatchObject({ state: 'refused', outcome: 'refused', refusal: { reason: 'identity_not_proven', text: 'No proof of identity came within the time we gave.' }, outcomeNote: null });

    before = await snapshot(r.id);
    const twice = await callError(core, 'requests.close', { id: r.id, outcome: 'completed' });
    expect(twice).toMatchObject({ code: 'conflict', detail: { reason: 'request_closed', state: 'refused' } });
    expect(await callError(core, 'requests.close', { id: r.id, outcome: 'refused', refusalReason: 'excessive' })).toMatchObject({ detail: { reason: 'request_closed' } });
    expect(await callError(core, 'requests.extend', { id: r.id, months: 1, reason: 'x' })).toMatchObject({ detail: { reason: 'request_closed' } });
    expect(await callError(core, 'requests.start', { id: r.id })).toMatchObject({ detail: { reason: 'request_closed' } });
    expect(await snapshot(r.id)).toEqual(before);
  });

  it('lists by deadline with counts per state, overdue and due soon, test entries only when asked', async () => {
    const { core, add, setToday } = await vaultOn('2026-03-05');
    const overdue = await add({ receivedOn: '2026-01-15' }); // due 2026-02-16
    const soon = await add({ receivedOn: '2026-02-10' }); // due 2026-03-10
    const later = await add({ receivedOn: '2026-03-01' }); // due 2026-04-01
    const paused = await add({ receivedOn: '2026-01-20' });
    await call(core, 'requests.awaitIdentity', { id: paused.id, askedOn: '2026-01-21' });
    const test = await add({ receivedOn: '2026-01-16', isTest: true });
    await call(core, 'requests.start', { id: later.id });

    const all = await call(core, 'requests.list', {});
    expect(all.counts).toEqual({ received: 2, awaiting_identity: 1, in_progress: 1, on_hold: 0, completed: 0, refused: 0 });
    expect(all.total).toBe(4);
    expect(all.items.map((i) => i.id)).toEqual([overdue.id, paused.id, soon.id, later.id]);
    expect(all.items[0]).toMatchObject({ daysLeft: -17, urgency: 'overdue' });

    // A stopped clock is neither overdue nor due soon.
    expect((await call(core, 'requests.list', { overdue: true })).items.map((i) => i.id)).toEqual([overdue.id]);
    expect((await call(core, 'requests.list', { dueWithinDays: 7 })).items.map((i) => i.id)).toEqual([soon.id]);
    expect((await call(core, 'requests.list', { state: 'in_progress' })).items.map((i) => i.id)).toEqual([later.id]);
    const withTests = await call(core, 'requests.list', { includeTests: true, overdue: true });
    expect(withTests.items.map((i) => i.id)).toEqual([overdue.id, test.id]);
    expect(withTests.counts.received).toBe(3);
    expect((await call(core, 'requests.list', { limit: 1, offset: 1 })).items.map((i) => i.id)).toEqual([paused.id]);

    await setToday('2026-04-02');
    expect((await call(core, 'requests.list', { overdue: true })).items.map((i) => i.id)).toEqual([overdue.id, soon.id, later.id]);
  });

  it("lists one person's requests for their contact page, counted for them alone", async () => {
    const { core, ana, add } = await vaultOn('2026-03-05');
    const ben = await call(core, 'contacts.add', { fullName: 'Ben Smit' });
    const anas = [await add({ receivedOn: '2026-02-01' }), await add({ type: 'erasure', receivedOn: '2026-03-01' })];
    await add({ contactId: ben.id });
    await add({ contactId: undefined, requesterName: 'Nobody yet' });
    const mine = await call(core, 'requests.list', { contactId: ana.id });
    expect(mine.items.map((i) => i.id)).toEqual(anas.map((r) => r.id));
    expect(mine.total).toBe(2);
    expect(mine.counts.received).toBe(2);
    expect((await call(core, 'requests.list', { contactId: ben.id })).total).toBe(1);
  });

  it("logs an auditor's look at a request in the person's history, and refuses an auditor's changes", async () => {
    const { core, ana, add } = await vaultOn('2026-02-10');
    const r = await add();
    await call(core, 'staff.add', { name: 'Olga Auditor', role: 'auditor', passphrase: 'auditor passphrase' });
    await call(core, 'vault.lock', {});
    await call(core, 'vault.unlock', { passphrase: 'auditor passphrase' });
    expect((await call(core, 'requests.get', { id: r.id })).events).toHaveLength(1);
    await call(core, 'requests.list', {});
    let history = await call(core, 'audit.list', { subjectId: ana.id, limit: 10 });
    expect(history.find((e) => e.action === 'auditor.viewed')).toMatchObject({ entityType: 'requests.get', entityId: r.id, staffName: 'Olga Auditor' });
    expect(history.filter((e) => e.action === 'auditor.viewed')).toHaveLength(1);
    // Looking at one person's requests is looking at that person.
    await call(core, 'requests.list', { contactId: ana.id });
    history = await call(core, 'audit.list', { subjectId: ana.id, limit: 10 });
    expect(history.filter((e) => e.action === 'auditor.viewed').map((e) => e.entityType)).toEqual(['requests.list', 'audit.list', 'requests.get']);
    expect(await callError(core, 'requests.start', { id: r.id })).toMatchObject({ code: 'forbidden', detail: { reason: 'auditor_read_only' } });
  });
});
