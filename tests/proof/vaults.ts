/**
 * What the proof rows share about vaults: the repository's root (the rows run from
 * tests/proof under vitest and from dist/proof.cjs), real encrypted vaults made once and
 * copied per trial (each key slot costs a key derivation), the whole vault's state as
 * counts and the audit head, and the crash checks (integrity, audit chain, leftovers).
 */
import { cpSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { build } from 'esbuild';
import { RegistreCore } from '../../db/core';
import { dispatch } from '../../db/dispatch';
import type { Input, Method, Output } from '../../shared/api/index';

export const PASS = 'correct horse battery staple';
export const ROLE_PASSPHRASES = { staff: 'staff passphrase for the proof', auditor: 'auditor passphrase for the proof' } as const;

/** The folder holding package.json, from wherever this file was bundled or is run. */
export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('The proof must run inside the Registre repository.');
    dir = up;
  }
  return dir;
}

/** Bundles a child process entry (a path from the repository's root) for plain node; the cipher module stays external. */
export async function bundleChild(entry: string, outfile: string): Promise<string> {
  await build({
    entryPoints: [join(repoRoot(), entry)],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    external: ['better-sqlite3-multiple-ciphers'],
    define: { __APP_VERSION__: JSON.stringify('proof') },
    logLevel: 'silent',
  });
  return outfile;
}

/** Calls through the shared envelope; throws with the message on a refusal. */
export async function call<M extends Method>(core: RegistreCore, method: M, input: Input<M>): Promise<Output<M>> {
  const r = await dispatch(core, method, input, () => {});
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.data as Output<M>;
}

export const openCore = (vaultDir: string): RegistreCore => new RegistreCore({ vaultDir, allowFolderChange: false });

/** A fresh copy of a template vault, for one trial or one series of trials. */
export function copyVault(template: string, to: string): string {
  cpSync(template, to, { recursive: true });
  return to;
}

/** Row counts of every table (FTS shadow tables included) and the audit head: equal means unchanged. */
export function vaultState(core: RegistreCore): string {
  const raw = core.context().vault.raw;
  const tables = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
  const counts = tables.map(
    (t) =>
      `${t}=${String(
        raw
          .prepare(`SELECT count(*) FROM "${t.replaceAll('"', '""')}"`)
          .pluck()
          .get(),
      )}`,
  );
  const head = raw.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as { seq: number; hash: string } | undefined;
  return `${counts.join(' ')} head=${head?.seq}:${head?.hash}`;
}

/** The vault files' sizes and bytes, for a locked vault (nothing may change it either). */
export function fileState(dir: string): string {
  return readdirSync(dir)
    .filter((f) => f !== 'registre.lock')
    .sort()
    .map((f) => {
      const p = join(dir, f);
      return statSync(p).isFile() ? `${f}:${readFileSync(p).toString('base64')}` : `${f}/`;
    })
    .join('|');
}

/** Files of the vault folder that hold one of `markers` in plain bytes: the cipher must hide them all. */
export function plaintextLeftovers(dir: string, markers: readonly string[]): string[] {
  const found: string[] = [];
  for (const f of readdirSync(dir, { recursive: true }) as string[]) {
    const p = join(dir, f);
    if (!statSync(p).isFile()) continue;
    const bytes = readFileSync(p);
    for (const m of markers) {
      if (bytes.includes(Buffer.from(m, 'utf8')) || bytes.includes(Buffer.from(m, 'utf16le'))) found.push(`${f} holds "${m}" in plain text`);
    }
  }
  return found;
}

/** Everything a crash must leave true, through a fresh core (a restart); problems, one line each. */
export async function crashChecks(dir: string, previousEvents: number): Promise<{ problems: string[]; events: number; core: RegistreCore | null }> {
  const core = openCore(dir);
  const unlocked = await dispatch(core, 'vault.unlock', { passphrase: PASS }, () => {});
  if (!unlocked.ok) return { problems: [`the vault does not unlock: ${unlocked.error.message}`], events: previousEvents, core: null };
  const problems: string[] = [];
  const integrity = core.context().vault.raw.pragma('integrity_check', { simple: true });
  if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);
  const verify = await dispatch(core, 'audit.verify', {}, () => {});
  if (!verify.ok) problems.push(`audit.verify refused: ${verify.error.message}`);
  else {
    const v = verify.data as Output<'audit.verify'>;
    if (!v.intact) problems.push(`audit chain broken at ${v.firstBroken?.seq}: ${v.firstBroken?.reason}`);
    // The restart's own unlock is one more event: fewer means acknowledged events were lost.
    if (v.events < previousEvents + 1) problems.push(`audit events went from ${previousEvents} to ${v.events}`);
    return { problems, events: v.events, core };
  }
  return { problems, events: previousEvents, core };
}

/** Names in the vault folder that no vault holds (a half-written temp file, a stray copy). */
export function strayFiles(dir: string): string[] {
  const expected = new Set(['registre.db', 'registre.db-wal', 'registre.db-shm', 'registre.keys', 'registre.lock', 'registre.lockout', 'registre.erasures']);
  return readdirSync(dir).filter((f) => !expected.has(f));
}

export const resolveRoot = (...parts: string[]): string => resolve(repoRoot(), ...parts);
