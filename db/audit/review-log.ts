/**
 * The review log of a backup copy opened read-only: the copy's own audit log cannot take
 * the events (its file must stay the backup that was made), so every view and export is
 * one JSON line in `review-log.jsonl` beside it. Lines are HMAC-chained with the backup's
 * audit key, as the audit log is, so a line changed, removed or added later shows.
 */
import { createHmac } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Method } from '../../shared/api/index';
import { RegistreError } from '../../shared/errors';
import type { AuditInput } from '../context';
import { GENESIS_HASH } from './chain';

export const REVIEW_LOG_FILE = 'review-log.jsonl';

export interface ReviewEvent {
  seq: number;
  at: string;
  staff: { id: string; name: string };
  action: string;
  entityType: string;
  entityId: string | null;
  subjectId: string | null;
  /** The contract method that was running. */
  method: string | null;
  prevHash: string;
  hash: string;
}

type Unhashed = Omit<ReviewEvent, 'hash'>;

function hashOf(key: Buffer, e: Unhashed): string {
  const canonical = JSON.stringify([e.seq, e.at, e.staff.id, e.staff.name, e.action, e.entityType, e.entityId, e.subjectId, e.method, e.prevHash]);
  // Its own label: a review line's MAC can never pass for an audit event's, under the same key.
  return createHmac('sha256', key).update(`registre review log v1\n${canonical}`).digest('hex');
}

export interface ReviewLogCheck {
  intact: boolean;
  events: number;
  /** The first line (1-based) that does not check out. */
  firstBroken: number | null;
  head: { seq: number; hash: string } | null;
}

/** Walks the log line by line and names the first one that was altered, removed or inserted. */
export function verifyReviewLog(path: string, key: Buffer): ReviewLogCheck {
  const lines = existsSync(path)
    ? readFileSync(path, 'utf8')
        .split('\n')
        .filter((l) => l !== '')
    : [];
  let prev = GENESIS_HASH;
  for (const [i, line] of lines.entries()) {
    let e: ReviewEvent;
    try {
      e = JSON.parse(line) as ReviewEvent;
    } catch {
      return { intact: false, events: i, firstBroken: i + 1, head: null };
    }
    if (e.seq !== i + 1 || e.prevHash !== prev || hashOf(key, e) !== e.hash) return { intact: false, events: i, firstBroken: i + 1, head: null };
    prev = e.hash;
  }
  return { intact: true, events: lines.length, firstBroken: null, head: lines.length ? { seq: lines.length, hash: prev } : null };
}

const unwritable = (folder: string) =>
  new RegistreError(
    'forbidden',
    `Registre cannot write the review log beside this backup (${REVIEW_LOG_FILE} in ${folder}): every look at a backup is logged. Copy the backup folder somewhere you may write, and open that copy.`,
    { reason: 'review_log_unwritable' },
  );

export class ReviewLog {
  private constructor(
    readonly path: string,
    private readonly folder: string,
    private readonly key: Buffer,
    private head: { seq: number; hash: string } | null,
  ) {}

  /** The log beside `folder`, carried on from its last line; refuses one that was altered. */
  static open(folder: string, key: Buffer): ReviewLog {
    const path = join(folder, REVIEW_LOG_FILE);
    let check: ReviewLogCheck;
    try {
      check = verifyReviewLog(path, key);
    } catch {
      throw unwritable(folder); // not a file Registre can read and add to
    }
    if (!check.intact) {
      throw new RegistreError(
        'conflict',
        `The review log beside this backup (${REVIEW_LOG_FILE}) was changed outside Registre at line ${check.firstBroken}. Keep it as evidence, and open a fresh copy of the backup folder.`,
        { reason: 'review_log_broken', line: check.firstBroken },
      );
    }
    return new ReviewLog(path, folder, key, check.head);
  }

  /** Appends one line per entry, fsynced before it returns; refuses (nothing half-said) when the folder cannot take it. */
  append(entries: readonly AuditInput[], staff: { id: string; name: string }, method: Method | null, now: Date): void {
    if (entries.length === 0) return;
    let { seq, hash } = this.head ?? { seq: 0, hash: GENESIS_HASH };
    const at = now.toISOString();
    const lines: string[] = [];
    for (const entry of entries) {
      const e: Unhashed = {
        seq: ++seq,
        at,
        staff,
        action: entry.action,
        entityType: entry.entityType,
        entityId: entry.entityId ?? null,
        subjectId: entry.subjectId ?? (entry.entityType === 'contact' ? (entry.entityId ?? null) : null),
        method,
        prevHash: hash,
      };
      hash = hashOf(this.key, e);
      lines.push(JSON.stringify({ ...e, hash }));
    }
    let fd: number | null = null;
    try {
      fd = openSync(this.path, 'a', 0o600);
      writeSync(fd, `${lines.join('\n')}\n`);
      fsyncSync(fd);
    } catch {
      throw unwritable(this.folder);
    } finally {
      if (fd !== null) closeSync(fd);
    }
    this.head = { seq, hash };
  }
}
