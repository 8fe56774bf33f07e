/**
 * Tamper-evident audit log (DESIGN §5). Every change, reveal, export and erasure appends
 * one event in the same transaction as the change. Events carry ids and field names only,
 * never personal values, so erasure never has to touch the log. Each event's HMAC covers
 * the previous event's hash; the head row makes removal of the newest events detectable.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './schema';

export const GENESIS_HASH = '0'.repeat(64);
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_.]{0,63}$/;

export interface AuditEntry {
  staffId: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  /** Names of the fields touched (never their values). */
  fields?: string[];
}

interface ChainedEvent {
  seq: number;
  at: string;
  staff_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  fields: string;
  prev_hash: string;
}

export function newAuditKey(): Buffer {
  return randomBytes(32);
}

export function eventHash(key: Buffer, e: ChainedEvent): string {
  const canonical = JSON.stringify([e.seq, e.at, e.staff_id, e.action, e.entity_type, e.entity_id, e.fields, e.prev_hash]);
  return createHmac('sha256', key).update(canonical).digest('hex');
}

/** Call inside the transaction that makes the change being logged. */
export async function appendAudit(db: Kysely<Database>, key: Buffer, entry: AuditEntry, now = new Date()): Promise<number> {
  const fields = entry.fields ?? [];
  for (const f of fields) {
    if (!FIELD_NAME.test(f)) throw new Error(`audit field names must be identifiers, got ${JSON.stringify(f)}`);
  }
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
  // Normally head.seq is the newest seq. If the log was tampered with (head removed or
  // behind), still append after the newest event so the vault keeps working and verify
  // can report the break: prev_hash stays the head's, which no longer links.
  const newest = await db.selectFrom('audit_events').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const event: ChainedEvent = {
    seq: Math.max(head?.seq ?? 0, newest?.seq ?? 0) + 1,
    at: now.toISOString(),
    staff_id: entry.staffId,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId ?? null,
    fields: JSON.stringify(fields),
    prev_hash: head?.hash ?? GENESIS_HASH,
  };
  const hash = eventHash(key, event);
  // The audit_events_advance_head trigger moves the head in the same statement.
  await db.insertInto('audit_events').values({ ...event, hash }).execute();
  return event.seq;
}

export interface VerifyResult {
  intact: boolean;
  events: number;
  headHash: string | null;
  firstBroken: { seq: number; reason: string } | null;
}

/** Walks the whole chain (streamed) and names the first event that does not check out. */
export async function verifyAudit(db: Kysely<Database>, key: Buffer): Promise<VerifyResult> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  const broken = (seq: number, reason: string): VerifyResult => ({
    intact: false,
    events: count,
    headHash: null,
    firstBroken: { seq, reason },
  });
  const rows = db.selectFrom('audit_events').selectAll().orderBy('seq').stream(500);
  for await (const row of rows) {
    if (row.seq !== expectedSeq) {
      return broken(expectedSeq, row.seq > expectedSeq ? `event ${expectedSeq} is missing` : `event ${row.seq} is out of order`);
    }
    // A wholly emptied log would otherwise restart as a valid chain.
    if (row.seq === 1 && row.action !== 'vault.created') return broken(1, 'the log does not start with the creation of the vault');
    if (row.prev_hash !== prevHash) return broken(row.seq, 'does not link to the previous event (reordered or an earlier event was removed)');
    if (eventHash(key, row) !== row.hash) return broken(row.seq, 'its content was altered');
    prevHash = row.hash;
    expectedSeq += 1;
    count += 1;
  }
  const head = await db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirst();
  if (count === 0 && !head) return { intact: true, events: 0, headHash: null, firstBroken: null };
  if (!head) return broken(count, 'the chain head record is missing');
  if (head.seq !== count || head.hash !== prevHash) {
    return head.seq > count
      ? broken(count + 1, `events ${count + 1} to ${head.seq} were removed`)
      : broken(head.seq, 'the chain head does not match the newest event');
  }
  return { intact: true, events: count, headHash: prevHash, firstBroken: null };
}
