/**
 * Exports killed by SIGKILL (issue 12, defect 5): a child process (tests/fixtures/export-child.ts,
 * bundled with esbuild) exports a register, a subject bundle or the newsletter list and is
 * killed at every named step of the export (db/steps.ts) and at random moments. After each
 * kill a fresh core starts on the vault (the clean-up needs no key) and then unlocks it
 * (which settles the audit), and the proof counts what a person must never find:
 *
 * - plaintextLeftovers: `.partial` files where the export wrote, after the start;
 * - orphanManifests: a manifest without its data file, after the start;
 * - auditedButMissing: an export event in the log whose files are not both at their targets
 *   with the hashes the manifest names, after the unlock;
 * - deliveredButUnaudited: files at their targets that check out, with no export event.
 *
 * Integrity, the audit chain and the journal's removal are checked after every kill; a
 * failure there throws. No vitest here: `npm run proof` calls it with large sizes, the
 * test file (export-kills.test.ts) with small ones.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { RegistreCore } from '../../db/core';
import { dispatch } from '../../db/dispatch';
import { manifestPathFor } from '../../db/export/rows-export';
import { verifyExport } from '../../db/export/verify';
import { insertDemoData } from '../../db/seed/demo';
import { vaultPaths } from '../../db/vault/paths';
import type { Input, Method, Output } from '../../shared/api/index';
import { repoRoot } from './vaults';

export interface ExportKillOptions {
  /** Kills per named step and per kind of export. */
  perStep: number;
  /** Kills at random moments, spread over the three kinds. */
  random: number;
  /** Contacts in the vault: the register export streams them all (above 256 KB, it flushes mid-way). */
  contacts?: number;
  /** Contacts subscribed to the newsletter (the mailing list's rows). */
  subscribers?: number;
  /** The repository's root (for the child's source and node_modules). */
  root?: string;
}

export interface ExportKillCounts {
  kills: number;
  plaintextLeftovers: number;
  orphanManifests: number;
  auditedButMissing: number;
  deliveredButUnaudited: number;
  /** Runs whose export was on record and delivered after the unlock (the rest left nothing). */
  delivered: number;
  /** Of those, the ones the unlock put on record (killed after the files were in place). */
  settledAtUnlock: number;
}

type Kind = 'register' | 'subject' | 'mailing';

/** The steps each kind of export goes through (a bundle carries its manifest inside the zip). */
export const EXPORT_STEPS: Record<Kind, readonly string[]> = {
  register: ['journaled', 'streaming', 'sealed', 'manifest-written', 'committing', 'manifest-in-place', 'data-in-place', 'audited', 'journal-cleared'],
  mailing: ['journaled', 'streaming', 'sealed', 'manifest-written', 'committing', 'manifest-in-place', 'data-in-place', 'audited', 'journal-cleared'],
  subject: ['journaled', 'streaming', 'sealed', 'committing', 'data-in-place', 'audited', 'journal-cleared'],
};

const KINDS: readonly Kind[] = ['register', 'subject', 'mailing'];
const EXPORT_ACTIONS = ['export.register', 'export.subject', 'mailing_list.exported'];
const PASSPHRASE = 'export kills passphrase one';

async function call<M extends Method>(core: RegistreCore, method: M, input: Input<M>): Promise<Output<M>> {
  const r = await dispatch(core, method, input, () => {});
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.data as Output<M>;
}

async function seed(dir: string, contacts: number, subscribers: number): Promise<string> {
  const core = new RegistreCore({ vaultDir: dir, allowFolderChange: false });
  await call(core, 'vault.create', { passphrase: PASSPHRASE, staffName: 'Export Admin' });
  const ctx = core.context();
  await ctx.tx((trx, audit) => insertDemoData(trx, { contacts, now: ctx.now, seed: 12 }, (t) => audit({ action: 'demo.generated', entityType: t })));
  const people = await ctx.db.selectFrom('contacts').select('id').orderBy('sort_rank').limit(subscribers).execute();
  for (const p of people) await call(core, 'consents.record', { contactId: p.id, purposeCode: 'newsletter', action: 'granted', channel: 'form', occurredOn: '2026-01-10' });
  const subject = people[0]!.id;
  // Two sensitive details: the bundle then appends three events, all foreseen at once.
  await call(core, 'sensitive.add', { contactId: subject, reason: 'Refund of travel costs', bank: { iban: 'BE68539007547034', holder: 'Subject' } });
  await call(core, 'sensitive.add', { contactId: subject, reason: 'Flight booking', identity: { document: 'passport', number: 'EK1234567', nationality: 'BE' } });
  await core.lock();
  return subject;
}

export interface ChildRun {
  killed: boolean;
  code: number | null;
  /** How long the operation took, from the child's "done <ms>" line (null when killed first). */
  exportMs: number | null;
  stderr: string;
}

/** Where to kill a child: at the nth time it reaches a named step, after a delay from its "ready", or never. */
export type ChildKill = { step: string; nth: number } | { afterReadyMs: number } | null;

/** Runs a bundled child (export-child, backup-child) that unlocks with `passphrase`, killing it as told. */
export function runChild(childJs: string, root: string, args: string[], kill: ChildKill, passphrase = PASSPHRASE): Promise<ChildRun> {
  return new Promise((resolvePromise, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_PATH: join(root, 'node_modules'), REGISTRE_PASSPHRASE: passphrase };
    delete env.KILL_AT;
    if (kill && 'step' in kill) Object.assign(env, { KILL_AT: kill.step, KILL_NTH: String(kill.nth) });
    const child = spawn(process.execPath, [childJs, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const run: ChildRun = { killed: false, code: null, exportMs: null, stderr: '' };
    let out = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      for (let nl = out.indexOf('\n'); nl >= 0; nl = out.indexOf('\n')) {
        const line = out.slice(0, nl);
        out = out.slice(nl + 1);
        if (line === 'ready' && kill && 'afterReadyMs' in kill) timer = setTimeout(() => child.kill('SIGKILL'), kill.afterReadyMs);
        if (line.startsWith('done ')) run.exportMs = Number(line.slice(5));
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (run.stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      run.code = code;
      run.killed = signal === 'SIGKILL';
      resolvePromise(run);
    });
  });
}

async function exportEvents(core: RegistreCore): Promise<Array<{ seq: number; hash: string; action: string }>> {
  const rows = await core.context().db.selectFrom('audit_events').select(['seq', 'hash', 'action']).where('action', 'in', EXPORT_ACTIONS).orderBy('seq').execute();
  return rows.map((r) => ({ seq: Number(r.seq), hash: r.hash, action: r.action }));
}

/** Whether the export's files are at their targets with the hashes the manifest names, and the head it carries. */
async function deliveredHead(kind: Kind, out: string): Promise<{ seq: number; hash: string } | null> {
  if (!existsSync(out) || (kind !== 'subject' && !existsSync(manifestPathFor(out)))) return null;
  try {
    const check = await verifyExport(out);
    return check.ok ? check.manifest.auditChain : null;
  } catch {
    return null;
  }
}

export async function runExportKills(options: ExportKillOptions): Promise<ExportKillCounts> {
  const root = options.root ?? repoRoot();
  const work = mkdtempSync(join(tmpdir(), 'registre-export-kills-'));
  try {
    const childJs = join(work, 'export-child.cjs');
    await build({
      entryPoints: [join(root, 'tests/fixtures/export-child.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      outfile: childJs,
      external: ['better-sqlite3-multiple-ciphers'],
      logLevel: 'silent',
    });
    const vault = join(work, 'vault');
    const subject = await seed(vault, options.contacts ?? 2500, options.subscribers ?? 200);
    const counts: ExportKillCounts = { kills: 0, plaintextLeftovers: 0, orphanManifests: 0, auditedButMissing: 0, deliveredButUnaudited: 0, delivered: 0, settledAtUnlock: 0 };
    const extension: Record<Kind, string> = { register: 'csv', subject: 'zip', mailing: 'csv' };
    let runs = 0;
    /** The export events on record before this run. */
    let recorded = new Set<number>();

    const once = async (kind: Kind, kill: Parameters<typeof runChild>[3]): Promise<ChildRun> => {
      const outDir = join(work, `out-${++runs}`);
      mkdirSync(outDir);
      const out = join(outDir, `export.${extension[kind]}`);
      // Every other register export is the form for people (words, dates in words): the same pipeline, other bytes.
      const last = kind === 'subject' ? [subject] : kind === 'register' && runs % 2 === 0 ? ['people'] : [];
      const run = await runChild(childJs, root, [vault, kind, out, ...last], kill);
      const where = `${kind} run ${runs} (${JSON.stringify(kill)}): ${run.stderr}`;
      if (!run.killed && run.code !== 0) throw new Error(`the export failed by itself: ${where}`);
      if (run.killed) counts.kills += 1;

      const core = new RegistreCore({ vaultDir: vault, allowFolderChange: false });
      counts.plaintextLeftovers += readdirSync(outDir).filter((n) => n.endsWith('.partial')).length;
      if (kind !== 'subject' && existsSync(manifestPathFor(out)) && !existsSync(out)) counts.orphanManifests += 1;

      await call(core, 'vault.unlock', { passphrase: PASSPHRASE });
      try {
        const events = await exportEvents(core);
        const added = events.filter((e) => !recorded.has(e.seq));
        if (added.length > 1) throw new Error(`one export was recorded ${added.length} times: ${where}`);
        const head = await deliveredHead(kind, out);
        const own = added[0];
        if (own && !head) counts.auditedButMissing += 1;
        if (head && !own) counts.deliveredButUnaudited += 1;
        if (own && head) {
          counts.delivered += 1;
          // The manifest carries the export's own event (its last one for a bundle).
          const last = await core.context().db.selectFrom('audit_events').select(['seq', 'hash']).where('seq', '=', head.seq).executeTakeFirst();
          if (last?.hash !== head.hash || head.seq < own.seq) throw new Error(`the manifest's audit head is not the export's own event: ${where}`);
          if (run.killed) counts.settledAtUnlock += 1;
        }
        const ctx = core.context();
        if (ctx.vault.raw.pragma('integrity_check', { simple: true }) !== 'ok') throw new Error(`integrity check failed: ${where}`);
        const verify = await call(core, 'audit.verify', {});
        if (!verify.intact) throw new Error(`audit chain broken at ${verify.firstBroken?.seq}: ${where}`);
        if (existsSync(vaultPaths(vault).exportJournal)) throw new Error(`the export journal is still there after the unlock: ${where}`);
        if (readdirSync(outDir).some((n) => n.endsWith('.partial'))) throw new Error(`a temporary file is left after the unlock: ${where}`);
        recorded = new Set(events.map((e) => e.seq));
      } finally {
        await core.lock();
      }
      return run;
    };

    // One uncontended export of each kind, to spread the random kills over its real length.
    const duration: Record<Kind, number> = { register: 0, subject: 0, mailing: 0 };
    for (const kind of KINDS) duration[kind] = (await once(kind, null)).exportMs ?? 0;

    for (const kind of KINDS) {
      for (const step of EXPORT_STEPS[kind]) {
        for (let i = 0; i < options.perStep; i++) {
          const run = await once(kind, { step, nth: 1 });
          if (!run.killed) throw new Error(`the ${kind} export never reached step ${step}`);
        }
      }
    }
    for (let i = 0; i < options.random; i++) {
      const kind = KINDS[i % KINDS.length]!;
      await once(kind, { afterReadyMs: Math.random() * 1.2 * duration[kind] });
    }
    return counts;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
