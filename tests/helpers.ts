/** Test helpers: real encrypted vaults in temp folders, never mocks of the store. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { RegistreCore } from '../db/core';
import { dispatch } from '../db/dispatch';
import type { Input, Method, Output } from '../shared/api/index';
import { TEST_KEY_STRETCHING } from './key-stretching';

export { TEST_KEY_STRETCHING };

const dirs: string[] = [];
const cores: RegistreCore[] = [];

afterEach(async () => {
  for (const c of cores.splice(0)) await c.lock();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

export function tempDir(prefix = 'registre-test-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

export function newCore(vaultDir = join(tempDir(), 'vault'), allowFolderChange = false): RegistreCore {
  const core = new RegistreCore({ vaultDir, allowFolderChange, keyStretching: TEST_KEY_STRETCHING });
  cores.push(core);
  return core;
}

/** Calls a method through the same envelope as IPC and the preview; throws on error. */
export async function call<M extends Method>(core: RegistreCore, method: M, input: Input<M>): Promise<Output<M>> {
  const r = await dispatch(core, method, input, () => {});
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code, detail: r.error.detail });
  return r.data as Output<M>;
}

export async function callError(core: RegistreCore, method: Method, input: unknown): Promise<{ code: string; message: string }> {
  const r = await dispatch(core, method, input, () => {});
  if (r.ok) throw new Error(`${method} succeeded but an error was expected`);
  return r.error;
}

export const PASS = 'correct horse battery staple';

export async function createdVault(staffName = 'Anna Admin'): Promise<{ core: RegistreCore; recoveryKey: string }> {
  const core = newCore();
  const { recoveryKey } = await call(core, 'vault.create', { passphrase: PASS, staffName });
  return { core, recoveryKey };
}

/** The newsletter list as the core writes it (a real file in a temp folder), with the call's answer. */
export async function exportedMailingList(core: RegistreCore): Promise<{ csv: string; answer: Output<'mailingList.export'>; counts: NonNullable<Output<'mailingList.export'>['counts']> }> {
  const out = join(tempDir('registre-mailing-'), 'newsletter.csv');
  const answer = await call(core, 'mailingList.export', { out });
  if (!answer.counts) throw new Error('The newsletter export was cancelled.');
  return { csv: readFileSync(out, 'utf8'), answer, counts: answer.counts };
}

/**
 * The newest audit events exactly as the vault stores them. audit.list adds, when read, the
 * names of the staff member and of the record the event is about (looked up live, gone once
 * the record is erased); a test that the log itself holds no personal data reads this instead.
 */
export async function storedAuditEvents(core: RegistreCore, limit: number): Promise<unknown[]> {
  return core.context().db.selectFrom('audit_events').selectAll().orderBy('seq', 'desc').limit(limit).execute();
}
