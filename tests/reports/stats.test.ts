/**
 * The statistics of a period (issue 16): a real encrypted vault seeded through the contract
 * on the days the test sets, every number checked against a query written here (not the
 * module's), and the hand-worked values of the seed.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RegistreCore } from '../../db/core';
import type { Input } from '../../shared/api/index';
import { call, callError, PASS, tempDir } from '../helpers';

/** A vault whose "today" the test moves; each day the person signs in again. */
async function vaultOn(day: string) {
  let now = new Date(`${day}T10:00:00.000Z`);
  const core = new RegistreCore({ vaultDir: join(tempDir(), 'vault'), allowFolderChange: false, now: () => now });
  await call(core, 'vault.create', { passphrase: PASS, staffName: 'Anna Admin' });
  const setToday = async (d: string) => {
    await core.lock();
    now = new Date(`${d}T10:00:00.000Z`);
    await call(core, 'vault.unlock', { passphrase: PASS });
  };
  return { core, setToday };
}

/**
 * The seed, day by day (period 2026-01-01 … 2026-03-31, judged on 2026-04-20):
 * - access A received Sat 31 Jan (due Mon 2 Mar), closed 10 Mar: 38 days, late;
 * - erasure B received 5 Jan (due 5 Feb), closed 3 Feb: 29 days, on time;
 * - objection C received 15 Jan, extended by a month (due 16 Mar), refused 10 Mar: 54 days, on time;
 * - rectification D received 10 Feb, still open (due 10 Mar): overdue now;
 * - portability E received 1 Apr (after the period), open, not yet due;
 * - two test requests (one closed, one open and overdue) that count nowhere.
 */
async function seeded() {
  const v = await vaultOn('2026-01-31');
  const { core, setToday } = v;
  const add = async (input: Partial<Input<'requests.add'>>) => {
    const r = await call(core, 'requests.add', { type: 'access', receivedOn: '2026-01-31', channel: 'email', requesterName: 'Someone', ...input });
    await call(core, 'requests.start', { id: r.id });
    return r;
  };
  const a = await add({ type: 'access', receivedOn: '2026-01-31' });
  const b = await add({ type: 'erasure', receivedOn: '2026-01-05' });
  const c = await add({ type: 'objection', receivedOn: '2026-01-15' });
  const t1 = await add({ type: 'access', receivedOn: '2026-01-20', isTest: true });
  await add({ type: 'access', receivedOn: '2026-01-20', isTest: true });
  await call(core, 'requests.extend', { id: c.id, months: 1, reason: 'Many systems to search' });

  const ana = await call(core, 'contacts.add', { fullName: 'Ana Ruiz', email: 'ana@example.org' });
  const bob = await call(core, 'contacts.add', { fullName: 'Bob Stone', email: 'bob@example.org' });
  const carl = await call(core, 'contacts.add', { fullName: 'Carl Doe', email: 'carl@example.org' });
  const dora = await call(core, 'contacts.add', { fullName: 'Dora Lee', email: 'dora@example.org' });
  const finn = await call(core, 'contacts.add', { fullName: 'Finn Berg', email: 'finn@example.org' });
  await call(core, 'consents.record', { contactId: ana.id, purposeCode: 'newsletter', action: 'granted', channel: 'form', occurredOn: '2025-12-31' });
  await call(core, 'consents.record', { contactId: dora.id, purposeCode: 'newsletter', action: 'granted', channel: 'form', occurredOn: '2026-01-31' });
  const summit = await call(core, 'events.add', { name: 'Spring summit', startDate: '2026-01-20' });
  const forum = await call(core, 'events.add', { name: 'Winter forum', startDate: '2026-01-10' });
  for (const who of [ana, bob, dora]) await call(core, 'participations.add', { contactId: who.id, eventId: summit.id });
  await call(core, 'participations.add', { contactId: ana.id, eventId: forum.id });
  await call(core, 'photos.setPreference', { contactId: ana.id, eventId: summit.id, state: 'opted_out', channel: 'email', decidedOn: '2026-01-15' });
  await call(core, 'photos.setPreference', { contactId: bob.id, eventId: summit.id, state: 'opted_out', channel: 'email', decidedOn: '2026-01-16' });
  await call(core, 'photos.setPreference', { contactId: dora.id, eventId: summit.id, state: 'allowed', channel: 'email', decidedOn: '2026-01-16' });
  await call(core, 'photos.setPreference', { contactId: ana.id, eventId: forum.id, state: 'opted_out', channel: 'email', decidedOn: '2025-12-20' });
  await call(core, 'photos.setPreference', { contactId: dora.id, state: 'opted_out', channel: 'paper', decidedOn: '2026-01-30' });
  // Dora opts out of the forum, then changes her mind: no opt-out in force there.
  await call(core, 'participations.add', { contactId: dora.id, eventId: forum.id });
  await call(core, 'photos.setPreference', { contactId: dora.id, eventId: forum.id, state: 'opted_out', channel: 'email', decidedOn: '2026-01-20' });
  await call(core, 'photos.setPreference', { contactId: dora.id, eventId: forum.id, state: 'allowed', channel: 'email', decidedOn: '2026-01-25' });

  await setToday('2026-02-03');
  await call(core, 'requests.close', { id: b.id, outcome: 'completed' });
  await call(core, 'requests.close', { id: t1.id, outcome: 'completed' });
  await call(core, 'consents.record', { contactId: ana.id, purposeCode: 'newsletter', action: 'withdrawn', channel: 'unsubscribe_link' });
  await call(core, 'consents.record', { contactId: dora.id, purposeCode: 'collaboration', action: 'objected', channel: 'email' });
  await call(core, 'exports.register', { table: 'contacts', format: 'csv', out: join(tempDir(), 'contacts.csv') });
  await call(core, 'mailingList.export', { out: join(tempDir(), 'newsletter.csv') });

  await setToday('2026-03-10');
  await call(core, 'requests.add', { type: 'rectification', receivedOn: '2026-02-10', channel: 'post', requesterName: 'Dee' });
  await call(core, 'requests.close', { id: c.id, outcome: 'refused', refusalReason: 'manifestly_unfounded' });
  await call(core, 'requests.close', { id: a.id, outcome: 'completed' });
  await call(core, 'contacts.erase', { contactId: carl.id, reason: 'Asked to be forgotten' });
  await call(core, 'contacts.anonymise', { contactId: finn.id, reason: 'No longer a member' });

  await setToday('2026-04-20');
  await call(core, 'requests.add', { type: 'portability', receivedOn: '2026-04-01', channel: 'email', requesterName: 'Eve' });
  return v;
}

describe('stats.get', () => {
  it('counts each part of the period as an independent query over the vault does, and as worked out by hand', async () => {
    const { core } = await seeded();
    const s = await call(core, 'stats.get', { from: '2026-01-01', to: '2026-03-31' });
    const raw = core.context().vault.raw;
    const all = <T>(sql: string, ...params: unknown[]) => raw.prepare(sql).all(...params) as T[];
    const one = (sql: string, ...params: unknown[]) =>
      raw
        .prepare(sql)
        .pluck()
        .get(...params) as number;
    const [from, to] = ['2026-01-01', '2026-03-31'];

    expect(s.months).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(s.today).toBe('2026-04-20');

    // Requests received per month by type, test ones left out.
    const perMonth = all<{ m: string; type: string; n: number }>(
      `SELECT substr(received_on, 1, 7) AS m, type, count(*) AS n FROM rights_requests WHERE is_test = 0 AND received_on BETWEEN ? AND ? GROUP BY m, type`,
      from,
      to,
    );
    for (const row of s.requests.perMonth) {
      for (const [type, n] of Object.entries(row.byType)) expect(n).toBe(perMonth.find((r) => r.m === row.month && r.type === type)?.n ?? 0);
    }
    expect(s.requests.perMonth.map((m) => m.total)).toEqual([3, 1, 0]);
    expect(s.requests.perMonth[0]!.byType).toMatchObject({ access: 1, erasure: 1, objection: 1, portability: 0 });
    expect(s.requests.received).toBe(one(`SELECT count(*) FROM rights_requests WHERE is_test = 0 AND received_on BETWEEN ? AND ?`, from, to));

    // Days to close: julianday differences of the requests closed in the period.
    const days = all<{ type: string; d: number; late: number }>(
      `SELECT type, CAST(julianday(closed_on) - julianday(received_on) AS INTEGER) AS d, closed_on > coalesce(extended_due_on, due_on) AS late
       FROM rights_requests WHERE is_test = 0 AND closed_on BETWEEN ? AND ? ORDER BY d`,
      from,
      to,
    );
    expect(days.map((r) => r.d)).toEqual([29, 38, 54]);
    expect(s.requests.daysToClose).toMatchObject({ closed: 3, median: 38, p90: 54 });
    expect(s.requests.daysToClose.byType.objection).toEqual({ closed: 1, median: 54, p90: 54 });
    expect(s.requests.daysToClose.byType.rectification).toEqual({ closed: 0, median: null, p90: null });
    expect(s.requests.onTime).toEqual({ closed: days.length, onTime: days.filter((r) => !r.late).length, share: 2 / 3 });
    expect(s.requests.extensions).toBe(one(`SELECT count(*) FROM rights_requests WHERE is_test = 0 AND received_on BETWEEN ? AND ? AND extended_due_on IS NOT NULL`, from, to));
    expect(s.requests.extensions).toBe(1);
    const overdue = one(`SELECT count(*) FROM rights_requests WHERE is_test = 0 AND status NOT IN ('completed', 'refused') AND coalesce(extended_due_on, due_on) < '2026-04-20'`);
    expect(s.requests.overdueNow).toBe(overdue);
    expect(overdue).toBe(1);

    // Consents per purpose and month.
    const consents = all<{ code: string; m: string; action: string; n: number }>(
      `SELECT p.code, substr(e.occurred_at, 1, 7) AS m, e.action, count(*) AS n FROM consent_events e JOIN purposes p ON p.id = e.purpose_id
       WHERE e.occurred_at BETWEEN ? AND ? GROUP BY p.code, m, e.action`,
      from,
      to,
    );
    for (const purpose of s.consents) {
      for (const month of purpose.perMonth) {
        for (const action of ['granted', 'withdrawn', 'objected', 'restricted'] as const) {
          expect(month[action]).toBe(consents.find((r) => r.code === purpose.code && r.m === month.month && r.action === action)?.n ?? 0);
        }
      }
    }
    const newsletter = s.consents.find((p) => p.code === 'newsletter')!;
    // Ana's grant of 31 Dec is before the period.
    expect(newsletter.perMonth.map((m) => [m.granted, m.withdrawn])).toEqual([
      [1, 0],
      [0, 1],
      [0, 0],
    ]);
    expect(s.consents.find((p) => p.code === 'collaboration')!.totals).toEqual({ granted: 0, withdrawn: 0, objected: 1, restricted: 0 });

    // Photo opt-outs in force, decided in the period.
    const photos = all<{ event_id: string | null; n: number }>(
      `SELECT o.event_id, count(DISTINCT o.contact_id) AS n FROM photo_optouts o
       WHERE o.state = 'opted_out' AND o.withdrawn_at IS NULL AND o.decided_on BETWEEN ? AND ?
         AND NOT EXISTS (SELECT 1 FROM photo_optouts l WHERE l.contact_id = o.contact_id AND l.event_id IS o.event_id AND l.recorded_at > o.recorded_at AND l.withdrawn_at IS NULL)
       GROUP BY o.event_id`,
      from,
      to,
    );
    expect(s.photos.global).toBe(photos.find((r) => r.event_id === null)?.n ?? 0);
    expect(s.photos.perEvent.map((e) => [e.eventId, e.optedOut])).toEqual(photos.filter((r) => r.event_id !== null).map((r) => [r.event_id, r.n]));
    // Ana's forum opt-out was decided before the period, Dora's was replaced by an "allowed"; her summit "allowed" is no opt-out.
    expect(s.photos.perEvent.map((e) => [e.name, e.optedOut])).toEqual([['Spring summit', 2]]);
    expect(s.photos.global).toBe(1);

    // Erasures, anonymisations and the audit log's own days.
    const ledger = (kind: string) => one(`SELECT count(*) FROM erasures WHERE kind = ? AND erased_on BETWEEN ? AND ?`, kind, from, to);
    expect(s.erasures.totals).toMatchObject({ erased: ledger('erased'), anonymised: ledger('anonymised'), category: 0, retentionRuns: 0 });
    expect(s.erasures.perMonth.map((m) => [m.month, m.erased, m.anonymised])).toEqual([
      ['2026-01', 0, 0],
      ['2026-02', 0, 0],
      ['2026-03', 1, 1],
    ]);
    const exportsOf = (action: string) => one(`SELECT count(*) FROM audit_events WHERE action = ? AND date(at, 'localtime') BETWEEN ? AND ?`, action, from, to);
    expect(s.exports.byKind).toEqual({ subject: exportsOf('export.subject'), register: exportsOf('export.register'), mailing_list: exportsOf('mailing_list.exported'), photo_list: 0 });
    expect(s.exports).toEqual({ byKind: { subject: 0, register: 1, mailing_list: 1, photo_list: 0 }, total: 2 });
  });

  it('counts a request received on 31 January in January, and a period of one day has its one month', async () => {
    const { core } = await seeded();
    const jan31 = await call(core, 'stats.get', { from: '2026-01-31', to: '2026-01-31' });
    expect(jan31.months).toEqual(['2026-01']);
    expect(jan31.requests.perMonth).toEqual([expect.objectContaining({ month: '2026-01', total: 1 })]);
    expect(jan31.requests.perMonth[0]!.byType.access).toBe(1);
    const feb = await call(core, 'stats.get', { from: '2026-02-01', to: '2026-02-28' });
    expect(feb.requests.received).toBe(1);
    expect(feb.requests.daysToClose).toMatchObject({ closed: 1, median: 29, p90: 29 });
  });

  it('refuses a reversed or over-long period', async () => {
    const { core } = await vaultOn('2026-01-31');
    const reversed = await callError(core, 'stats.get', { from: '2026-03-01', to: '2026-02-01' });
    expect(reversed.code).toBe('invalid_input');
    const long = await callError(core, 'stats.get', { from: '2010-01-01', to: '2020-01-02' });
    expect(long.code).toBe('invalid_input');
    expect(long.message).toContain('10 years');
    expect((await call(core, 'stats.get', { from: '2010-01-01', to: '2020-01-01' })).months).toHaveLength(121);
    expect((await callError(core, 'stats.get', { from: '2026-02-30', to: '2026-03-01' })).code).toBe('invalid_input');
  });
});
