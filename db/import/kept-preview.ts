/**
 * The preview's reading and plan, kept for the commit that follows it (issue 17). A file is
 * previewed, then committed as it was shown: reading and planning it again cost a fifth of
 * a 100k-row import. The commit takes the file as read for the same bytes and options; it
 * takes the plan too when the day is the same and nothing was written since (the audit
 * chain's head has not moved: every write appends to it, DESIGN §5). Otherwise it plans
 * again inside its transaction, from the vault as it is then. One per open vault, gone
 * with the commit, the next preview or the lock.
 */
import { createHash } from 'node:crypto';
import type { ParsedCsv } from './parse';
import type { ExistingState } from './existing';
import type { ImportPlan } from './plan';

export interface KeptPreview {
  file: { source: ParsedCsv; encoding: string; delimiter: string };
  /** What the plan was made from, and when. */
  planned: { existing: ExistingState; plan: ImportPlan; seq: number; day: string };
}

export interface RequestParts {
  content: Uint8Array;
  mapping?: unknown;
  encoding?: string;
  delimiter?: string;
  defaultCountry?: string;
  fileName?: string;
  consentPurpose?: string;
}

const kept = new WeakMap<object, { keys: readonly string[]; preview: KeptPreview }>();

/** What makes two requests read and plan alike: the bytes and every option. */
export function requestKey(req: RequestParts): string {
  const options = [req.mapping ?? null, req.encoding ?? null, req.delimiter ?? null, req.defaultCountry ?? null, req.fileName ?? null, req.consentPurpose ?? null];
  return createHash('sha256').update(req.content).update(JSON.stringify(options)).digest('hex');
}

/** `keys`: of the request as made, and as the screen commits it (with the encoding, delimiter and mapping the preview found). */
export function keepPreview(vault: object, keys: readonly string[], preview: KeptPreview): void {
  kept.set(vault, { keys, preview });
}

/** The kept preview of this request, if it is the one kept; it is given up either way. */
export function takePreview(vault: object, key: string): KeptPreview | null {
  const k = kept.get(vault);
  kept.delete(vault);
  return k?.keys.includes(key) ? k.preview : null;
}
