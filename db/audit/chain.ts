/**
 * Tamper-evident audit log (DESIGN §5). Every change, reveal, export and erasure appends
 * one event in the same transaction as the change. Events carry ids and field names only,
 * never personal values, so erasure never has to touch the log. Each event's HMAC covers
 * the previous event's hash; the head row makes removal of the newest events detectable.
 */
import { createHmac, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { Kysely } from 'kysely';
import type { AuditAction, AuditEntityType } from '../../shared/audit-vocabulary';
import type { AuditBreakCode } from '../../shared/dto/index';
import type { Database } from '../schema';
import type { RawDb } from '../vault/open-db';

export const GENESIS_HASH = '0'.repeat(64);
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_.]{0,63}$/;

export interface AuditEntry {
  staffId: string | null;
  action: AuditAction;
  entityType: AuditEntityType;
  entityId?: string | null;
  /** The contact the event is about; defaults to the entity itself when that is a contact. */
  subjectId?: string | null;
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
  subject_id: string | null;
  fields: string;
  prev_hash: string;
}

export function newAuditKey(): Buffer {
  return randomBytes(32);
}

export function eventHash(key: Buffer | KeyObject, e: ChainedEvent): string {
  const parts: unknown[] = [e.seq, e.at, e.staff_id, e.action, e.entity_type, e.entity_id, e.fields, e.prev_hash];
  // Only when set, so events from before subjects existed keep their hashes.
  if (e.subject_id !== null) parts.push(e.subject_id);
  const canonical = JSON.stringify(parts);
  return createHmac('sha256', key).update(canonical).digest('hex');
}

/**
 * Appends to the chain. Appends run on every write, so they use prepared statements on the
 * vault's own connection rather than building Kysely queries each time (measured: query
 * building alone made a small audited write cost twice an unaudited one). They run inside
 * the caller's Kysely transaction, which holds this same single SQLite connection.
 */
export class AuditAppender {
  private readonly chainState: Statement<[], { headSeq: number | null; headHash: string | null; newestSeq: number | null }>;
  private readonly insert: Statement<[number, string, string | null, string, string, string | null, string | null, string, string, string]>;
  private readonly advanceHead: Statement<[number, string]>;
  /**
   * Measured: an HMAC keyed with a KeyObject costs two thirds of one keyed with a Buffer,
   * which counts when an import appends 100k events. Unlike the Buffer, the KeyObject's
   * copy cannot be wiped: it goes when the core drops the appender at lock and the garbage
   * collector frees it. Accepted because this key only lets someone who can already write
   * the decrypted database forge chain links; the data key is never held this way.
   */
  private readonly key: KeyObject;

  constructor(
    readonly connection: RawDb,
    key: Buffer,
  ) {
    this.key = createSecretKey(key);
    // Normally the head and the newest seq agree. If the log was tampered with (head
    // removed or behind), the next event still goes after the newest one, so the vault
    // keeps working and verify reports the break: prev_hash stays the head's.
    this.chainState = connection.prepare(
      `SELECT (SELECT seq FROM audit_head WHERE id = 1) AS headSeq,
              (SELECT hash FROM audit_head WHERE id = 1) AS headHash,
              (SELECT max(seq) FROM audit_events) AS newestSeq`,
    );
    this.insert = connection.prepare(
      `INSERT INTO audit_events (seq, at, staff_id, action, entity_type, entity_id, subject_id, fields, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // Once per batch, in the batch's transaction (a trigger did it per event until 0022).
    this.advanceHead = connection.prepare(`INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash`);
  }

  /** Call inside the transaction that makes the change being logged. */
  append(entry: AuditEntry, now = new Date()): number {
    return this.appendAll([entry], now);
  }

  /**
   * Appends the entries in order, one event each, as `append` would one by one; the chain
   * state is read once for the batch (bulk imports log one event per contact). Returns the
   * last seq.
   */
  appendAll(entries: readonly AuditEntry[], now = new Date()): number {
    if (!this.connection.inTransaction) throw new Error('audit events are appended inside the transaction of the change');
    for (const entry of entries) {
      for (const f of entry.fields ?? []) {
        if (!FIELD_NAME.test(f)) throw new Error(`audit field names must be identifiers, got ${JSON.stringify(f)}`);
      }
    }
    const chain = this.chainState.get()!;
    let seq = Math.max(chain.headSeq ?? 0, chain.newestSeq ?? 0);
    let prevHash = chain.headHash ?? GENESIS_HASH;
    const at = now.toISOString();
    for (const entry of entries) {
      const event: ChainedEvent = {
        seq: ++seq,
        at,
        staff_id: entry.staffId,
        action: entry.action,
        entity_type: entry.entityType,
        entity_id: entry.entityId ?? null,
        subject_id: entry.subjectId ?? (entry.entityType === 'contact' ? (entry.entityId ?? null) : null),
        fields: JSON.stringify(entry.fields ?? []),
        prev_hash: prevHash,
      };
      prevHash = eventHash(this.key, event);
      this.insert.run(event.seq, at, event.staff_id, event.action, event.entity_type, event.entity_id, event.subject_id, event.fields, event.prev_hash, prevHash);
    }
    if (entries.length > 0) this.advanceHead.run(seq, prevHash);
    return seq;
  }
}

/** The seq of the chain's newest event (0 before the first): it moves with every write. */
export async function chainSeq(db: Kysely<Database>): Promise<number> {
  return Number((await db.selectFrom('audit_head').select('seq').executeTakeFirst())?.seq ?? 0);
}

export interface VerifyResult {
  intact: boolean;
  events: number;
  headHash: string | null;
  /** `reason` in English (the CLI, the integrity check); `code` for the screens' words; `at` the broken event's time when it exists. */
  firstBroken: { seq: number; reason: string; code: AuditBreakCode; at: string | null } | null;
}

/** Walks the whole chain (streamed) and names the first event that does not check out. */
export async function verifyAudit(db: Kysely<Database>, key: Buffer): Promise<VerifyResult> {
  const macKey = createSecretKey(key);
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  let lastAt: string | null = null;
  const broken = (seq: number, code: AuditBreakCode, reason: string, at: string | null = null): VerifyResult => ({
    intact: false,
    events: count,
    headHash: null,
    firstBroken: { seq, reason, code, at },
  });
  const rows = db.selectFrom('audit_events').selectAll().orderBy('seq').stream(500);
  for await (const row of rows) {
    if (row.seq !== expectedSeq) {
      return row.seq > expectedSeq ? broken(expectedSeq, 'missing', `event ${expectedSeq} is missing`) : broken(row.seq, 'out_of_order', `event ${row.seq} is out of order`, row.at);
    }
    // A wholly emptied log would otherwise restart as a valid chain.
    if (row.seq === 1 && row.action !== 'vault.created') return broken(1, 'not_genesis', 'the log does not start with the creation of the vault', row.at);
    if (row.prev_hash !== prevHash) return broken(row.seq, 'unlinked', 'does not link to the previous event (reordered or an earlier event was removed)', row.at);
    if (eventHash(macKey, row) !== row.hash) return broken(row.seq, 'altered', 'its content was altered', row.at);
    prevHash = row.hash;
    lastAt = row.at;
    expectedSeq += 1;
    count += 1;
  }
  const head = await db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirst();
  // Every vault starts its log with vault.created: an empty log has been emptied.
  if (count === 0) return broken(1, 'empty', 'the log is empty: every event was removed');
  if (!head) return broken(count, 'head_missing', 'the chain head record is missing', lastAt);
  if (head.seq !== count || head.hash !== prevHash) {
    return head.seq > count
      ? broken(count + 1, 'removed_after', `events ${count + 1} to ${head.seq} were removed`)
      : broken(head.seq, 'head_mismatch', 'the chain head does not match the newest event', lastAt);
  }
  return { intact: true, events: count, headHash: prevHash, firstBroken: null };
}
