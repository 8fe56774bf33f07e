/**
 * Audit tamper (issue 2, DESIGN §5): someone with the recovery key opens the file in a
 * SQLCipher tool, drops the append-only triggers and edits the log with raw SQL. The next
 * `audit.verify` must report the chain broken and name the first event that fails.
 *
 * One base vault with ~50 events is built once; every case works on its own copy.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistreCore } from '../../db/core';
import { dispatch } from '../../db/dispatch';
import type { RawDb } from '../../db/vault/open-db';
import type { AuditVerifyDto } from '../../shared/dto/index';
import { PASS, TEST_KEY_STRETCHING } from '../helpers';
import { openRaw } from '../vault/vault-files';

let work: string;
let base: string;
let recoveryKey: string;
/** Number of events in the base vault (the last one is seq N). */
let N: number;
let caseNo = 0;

const core = (dir: string) => new RegistreCore({ vaultDir: dir, allowFolderChange: false, keyStretching: TEST_KEY_STRETCHING });

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'registre-audit-tamper-'));
  base = join(work, 'base');
  const c = core(base);
  ({ recoveryKey } = await c.call('vault.create', { passphrase: PASS, staffName: 'Audit Admin' }));
  const ids: string[] = [];
  for (const [i, role] of (['staff', 'auditor', 'staff', 'admin'] as const).entries()) {
    ids.push((await c.call('staff.add', { name: `Person ${i}`, role, passphrase: `${PASS} number ${i}` })).id);
  }
  for (let i = 0; i < 5; i++) {
    await c.lock();
    await c.call('vault.unlock', { passphrase: PASS });
  }
  await c.call('staff.remove', { id: ids[3]! });
  for (let m = 1; m <= 38; m++) await c.call('settings.update', { autoLockMinutes: m });
  // The newest event is about a contact, so it carries a subject.
  await c.call('contacts.add', { fullName: 'Subject Person' });
  const v = await c.call('audit.verify', {});
  expect(v.intact).toBe(true);
  N = v.events;
  expect(N).toBeGreaterThanOrEqual(50);
  await c.lock();
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Copies the base vault, applies `tamper` with the triggers dropped, then verifies through the API. */
async function verifyAfter(tamper: (raw: RawDb) => void): Promise<AuditVerifyDto> {
  const dir = join(work, `case-${++caseNo}`);
  cpSync(base, dir, { recursive: true });
  const raw = openRaw(dir, recoveryKey);
  try {
    raw.exec('DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete; DROP TRIGGER audit_head_no_delete;');
    tamper(raw);
  } finally {
    raw.close();
  }
  const c = core(dir);
  try {
    // Unlocking appends a session.unlocked event after the (tampered) head, as in real use.
    const unlocked = await dispatch(c, 'vault.unlock', { passphrase: PASS }, () => {});
    if (!unlocked.ok) throw new Error(`the tampered vault no longer unlocks: ${unlocked.error.code}: ${unlocked.error.message}`);
    const r = await dispatch(c, 'audit.verify', {}, () => {});
    if (!r.ok) throw new Error(`audit.verify failed: ${r.error.message}`);
    return r.data as AuditVerifyDto;
  } finally {
    await c.lock();
  }
}

function expectBrokenAt(v: AuditVerifyDto, seq: number | number[]): void {
  expect(v.intact).toBe(false);
  expect(v.headHash).toBeNull();
  const allowed = Array.isArray(seq) ? seq : [seq];
  expect(allowed, `reported ${JSON.stringify(v.firstBroken)}`).toContain(v.firstBroken?.seq);
}

const copyColumns = 'at, staff_id, action, entity_type, entity_id, fields, prev_hash, hash';

/** Makes room at `seq` by moving every event from there on one place up. */
function shiftUpFrom(raw: RawDb, seq: number, by = 1): void {
  raw.prepare('UPDATE audit_events SET seq = -seq WHERE seq >= ?').run(seq);
  raw.prepare('UPDATE audit_events SET seq = -seq + ? WHERE seq < 0').run(by);
}

function forged(raw: RawDb, seq: number): void {
  const prev = raw
    .prepare('SELECT hash FROM audit_events WHERE seq = ?')
    .pluck()
    .get(seq - 1) as string;
  raw
    .prepare('INSERT INTO audit_events (seq, at, staff_id, action, entity_type, entity_id, fields, prev_hash, hash) VALUES (?, ?, NULL, ?, ?, NULL, ?, ?, ?)')
    .run(seq, '2024-01-01T00:00:00.000Z', 'contact.erased', 'contact', '[]', prev, 'f'.repeat(64));
}

describe('audit chain tamper detection', () => {
  it('an untampered copy verifies intact', async () => {
    const v = await verifyAfter(() => {});
    expect(v).toMatchObject({ intact: true, events: N + 1, firstBroken: null });
  });

  it.each([
    ['action', `UPDATE audit_events SET action = 'settings.viewed' WHERE seq = 17`, 17],
    ['staff_id', `UPDATE audit_events SET staff_id = 'someone-else' WHERE seq = 18`, 18],
    ['staff_id to NULL', `UPDATE audit_events SET staff_id = NULL WHERE seq = 19`, 19],
    ['at', `UPDATE audit_events SET at = '2020-01-01T00:00:00.000Z' WHERE seq = 20`, 20],
    ['fields', `UPDATE audit_events SET fields = '["iban"]' WHERE seq = 21`, 21],
    ['entity_id', `UPDATE audit_events SET entity_id = 'other-entity' WHERE seq = 3`, 3],
    ['entity_type', `UPDATE audit_events SET entity_type = 'contact' WHERE seq = 22`, 22],
    ['the first event', `UPDATE audit_events SET action = 'vault.imported' WHERE seq = 1`, 1],
    ['subject_id', `UPDATE audit_events SET subject_id = 'someone-else' WHERE subject_id IS NOT NULL`, 'newest'],
    ['subject_id to NULL', `UPDATE audit_events SET subject_id = NULL WHERE subject_id IS NOT NULL`, 'newest'],
    ['subject_id where there was none', `UPDATE audit_events SET subject_id = 'someone' WHERE seq = 23`, 23],
  ] as const)('changing %s of one event', async (_what, sql, seq) => {
    expectBrokenAt(await verifyAfter((raw) => raw.exec(sql)), seq === 'newest' ? N : seq);
  });

  it('deleting a middle event', async () => {
    const v = await verifyAfter((raw) => raw.exec('DELETE FROM audit_events WHERE seq = 25'));
    expectBrokenAt(v, 25);
    // The screens say it in words: what broke, and no time, since the event is gone.
    expect(v.firstBroken).toMatchObject({ code: 'missing', at: null });
  });

  it('names an altered event by its code and its time, for the words on screen', async () => {
    const v = await verifyAfter((raw) => raw.exec(`UPDATE audit_events SET fields = '["iban"]' WHERE seq = 21`));
    expect(v.firstBroken).toMatchObject({ seq: 21, code: 'altered', at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
  });

  it('deleting the newest event, head kept', async () => {
    expectBrokenAt(await verifyAfter((raw) => raw.prepare('DELETE FROM audit_events WHERE seq = ?').run(N)), N);
  });

  it('deleting the three newest events, head kept', async () => {
    expectBrokenAt(await verifyAfter((raw) => raw.prepare('DELETE FROM audit_events WHERE seq > ?').run(N - 3)), N - 2);
  });

  it('deleting the head row only', async () => {
    // Nothing was removed from the chain, but nothing vouches for its end any more.
    expectBrokenAt(await verifyAfter((raw) => raw.exec('DELETE FROM audit_head')), [N, N + 1]);
  });

  it('deleting the two newest events and the head row', async () => {
    // Without the head the cut cannot be located exactly: at the last remaining event or just after it.
    const v = await verifyAfter((raw) => {
      raw.prepare('DELETE FROM audit_events WHERE seq > ?').run(N - 2);
      raw.exec('DELETE FROM audit_head');
    });
    expectBrokenAt(v, [N - 2, N - 1]);
  });

  it('deleting every event and the head row', async () => {
    // A vault's log always starts with its creation; an empty log restarted by the next unlock is not intact.
    expectBrokenAt(await verifyAfter((raw) => raw.exec('DELETE FROM audit_events; DELETE FROM audit_head;')), 1);
  });

  it('swapping two events completely (reorder)', async () => {
    const v = await verifyAfter((raw) => {
      raw.exec(`CREATE TEMP TABLE t AS SELECT * FROM audit_events WHERE seq IN (10, 20)`);
      raw.exec(`UPDATE audit_events SET (${copyColumns}) = (SELECT ${copyColumns} FROM t WHERE t.seq = 30 - audit_events.seq) WHERE seq IN (10, 20)`);
    });
    expectBrokenAt(v, 10);
  });

  it('swapping the contents of two neighbours but keeping their hashes', async () => {
    const payload = 'at, staff_id, action, entity_type, entity_id, fields';
    const v = await verifyAfter((raw) => {
      // 11 is the last session.unlocked, 12 the staff.removed: their payloads surely differ
      // (two settings.updated events in the same millisecond would not).
      expect(raw.prepare('SELECT action FROM audit_events WHERE seq IN (11, 12) ORDER BY seq').pluck().all()).toEqual(['session.unlocked', 'staff.removed']);
      raw.exec(`CREATE TEMP TABLE t AS SELECT * FROM audit_events WHERE seq IN (11, 12)`);
      raw.exec(`UPDATE audit_events SET (${payload}) = (SELECT ${payload} FROM t WHERE t.seq = 23 - audit_events.seq) WHERE seq IN (11, 12)`);
    });
    expectBrokenAt(v, 11);
  });

  it('swapping the seq numbers of two neighbours', async () => {
    const v = await verifyAfter((raw) => {
      raw.exec('UPDATE audit_events SET seq = -1 WHERE seq = 12; UPDATE audit_events SET seq = 12 WHERE seq = 13; UPDATE audit_events SET seq = 13 WHERE seq = -1;');
    });
    expectBrokenAt(v, 12);
  });

  it('deleting an event and renumbering the rest to close the gap', async () => {
    const v = await verifyAfter((raw) => {
      raw.exec('DELETE FROM audit_events WHERE seq = 25');
      raw.exec('UPDATE audit_events SET seq = -(seq - 1) WHERE seq > 25; UPDATE audit_events SET seq = -seq WHERE seq < 0;');
      raw.exec('UPDATE audit_head SET seq = seq - 1');
    });
    expectBrokenAt(v, 25);
  });

  it('renumbering the newest events far ahead', async () => {
    expectBrokenAt(await verifyAfter((raw) => shiftUpFrom(raw, 40, 1000)), 40);
  });

  it('inserting a forged event in the middle, head moved past it', async () => {
    // A careful forger also moves the head to the new end of the chain.
    const v = await verifyAfter((raw) => {
      const head = raw.prepare('SELECT seq, hash FROM audit_head').get() as { seq: number; hash: string };
      shiftUpFrom(raw, 20);
      forged(raw, 20);
      raw.prepare('UPDATE audit_head SET seq = ?, hash = ?').run(head.seq + 1, head.hash);
    });
    expectBrokenAt(v, 20);
  });

  it('appending a forged event (the head left behind it)', async () => {
    expectBrokenAt(await verifyAfter((raw) => forged(raw, N + 1)), N + 1);
  });

  it('appending a forged event and moving the head to it', async () => {
    const v = await verifyAfter((raw) => {
      forged(raw, N + 1);
      raw.prepare(`UPDATE audit_head SET seq = ?, hash = ?`).run(N + 1, 'f'.repeat(64));
    });
    expectBrokenAt(v, N + 1);
  });
});

describe('append-only triggers', () => {
  it('refuse UPDATE and DELETE of audit events, raw or through the core', async () => {
    const dir = join(work, 'triggers');
    cpSync(base, dir, { recursive: true });
    const raw = openRaw(dir, recoveryKey);
    try {
      expect(() => raw.exec(`UPDATE audit_events SET action = 'x' WHERE seq = 5`)).toThrow(/append-only/);
      expect(() => raw.exec(`UPDATE audit_events SET seq = seq + 1000`)).toThrow(/append-only/);
      expect(() => raw.exec('DELETE FROM audit_events WHERE seq = 5')).toThrow(/append-only/);
      expect(() => raw.exec('DELETE FROM audit_events')).toThrow(/append-only/);
      expect(() => raw.exec('DELETE FROM audit_head')).toThrow(/cannot be removed/);
      expect(raw.prepare('SELECT count(*) FROM audit_events').pluck().get()).toBe(N);
    } finally {
      raw.close();
    }
    const c = core(dir);
    try {
      await c.call('vault.unlock', { passphrase: PASS });
      const { db } = c.context();
      await expect(db.updateTable('audit_events').set({ action: 'x' }).where('seq', '=', 2).execute()).rejects.toThrow(/append-only/);
      await expect(db.deleteFrom('audit_events').where('seq', '=', 2).execute()).rejects.toThrow(/append-only/);
      expect((await c.call('audit.verify', {})).intact).toBe(true);
    } finally {
      await c.lock();
    }
  });
});
