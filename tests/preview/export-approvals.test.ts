/**
 * The preview writes an export only where it chose itself: a file-writing call (every
 * `writesFile` entry of the contract) must name, as its `out`, a path the preview handed
 * out from `shell.chooseExportPath` in this session, once, and still free when the export
 * runs. An existing file outside the exports folder, a `..` path, a name in the folder it
 * never handed out, a handed-out name used twice or one that appeared meanwhile: refused
 * with `export_path_not_chosen`, for an auditor as for a staff member, and nothing is
 * written, changed or audited.
 */
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { RegistreCore } from '../../db/index';
import { startPreviewServer, type PreviewServer } from '../../preview/server';
import { fileWritingMethods, type Method } from '../../shared/api/index';
import { call, newCore, PASS, tempDir } from '../helpers';
import { postApi, type Answer } from './api-client';

const servers: PreviewServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

const roles = {
  staff: 'staff passphrase number one',
  auditor: 'auditor passphrase number one',
} as const;
type Role = keyof typeof roles;

/** Each file-writing method: the extension its `out` takes and its input around an `out`. */
const writers: Record<string, { extension: string; input: (out: string) => unknown; mayRun: Record<Role, boolean> }> = {
  'exports.register': { extension: 'csv', input: (out) => ({ table: 'contacts', format: 'csv', out }), mayRun: { staff: true, auditor: true } },
  'exports.subject': { extension: 'zip', input: (out) => ({ contactId, mode: 'access', out }), mayRun: { staff: true, auditor: false } },
  'mailingList.export': { extension: 'csv', input: (out) => ({ out }), mayRun: { staff: true, auditor: false } },
  'reports.ropa': { extension: 'html', input: (out) => ({ format: 'html', out }), mayRun: { staff: true, auditor: true } },
  'reports.compliance': { extension: 'html', input: (out) => ({ from: '2026-01-01', to: '2026-12-31', language: 'en', format: 'html', out }), mayRun: { staff: true, auditor: true } },
};
const writerCases = [...fileWritingMethods].sort().map((method) => [method] as const);

interface Setup {
  s: PreviewServer;
  core: RegistreCore;
  exportsDir: string;
  /** A folder beside the exports folder, holding files the preview must never touch. */
  outside: string;
  /** Calls the file-writing `method` with `out`. */
  write(method: Method, out: string): Promise<Answer>;
  /** A path the preview hands out for `name`. */
  choose(name: string): Promise<string>;
  auditCount(): number;
}

/**
 * One vault for the whole file (a contact, a staff member and an auditor), copied for each
 * test: each key slot costs a key derivation, and a fresh copy keeps the tests apart.
 */
let template = '';
let contactId = '';
beforeAll(async () => {
  template = mkdtempSync(join(tmpdir(), 'registre-approvals-'));
  const core = new RegistreCore({ vaultDir: join(template, 'vault'), allowFolderChange: false });
  await call(core, 'vault.create', { passphrase: PASS, staffName: 'Anna Admin' });
  await call(core, 'staff.add', { name: 'Sam Staff', role: 'staff', passphrase: roles.staff });
  await call(core, 'staff.add', { name: 'Olga Auditor', role: 'auditor', passphrase: roles.auditor });
  contactId = (await call(core, 'contacts.add', { fullName: 'Marie Curie' })).id;
  await core.lock();
});
afterAll(() => rmSync(template, { recursive: true, force: true }));

/** A copy of the vault served by a preview, signed in as `role`. */
async function setup(role: Role): Promise<Setup> {
  const staticDir = join(tempDir(), 'renderer');
  mkdirSync(staticDir);
  const exportsDir = tempDir('registre-exports-');
  const outside = tempDir('registre-outside-');
  const vaultDir = join(tempDir(), 'vault');
  cpSync(join(template, 'vault'), vaultDir, { recursive: true });
  const core = newCore(vaultDir);
  const s = await startPreviewServer({ core, staticDir, exportsDir, log: () => {} });
  servers.push(s);
  expect(await postApi(s, 'vault.unlock', { passphrase: roles[role] })).toMatchObject({ ok: true, data: { staff: { role } } });
  return {
    s,
    core,
    exportsDir,
    outside,
    write: (method, out) => postApi(s, method, writers[method]!.input(out)),
    choose: async (name) => {
      const answer = await postApi(s, 'shell.chooseExportPath', { suggestedName: name });
      expect(answer).toMatchObject({ ok: true, data: { available: true } });
      return (answer.data as { path: string }).path;
    },
    auditCount: () => (core.context().vault.raw.prepare('SELECT count(*) AS n FROM audit_events').get() as { n: number }).n,
  };
}

/** A file someone else owns the contents of: its bytes and mode, to prove nothing touched it. */
function victim(path: string, text = 'not yours to overwrite\n'): () => void {
  writeFileSync(path, text);
  chmodSync(path, 0o644);
  const bytes = readFileSync(path);
  return () => {
    expect(readFileSync(path)).toEqual(bytes);
    expect(statSync(path).mode & 0o777).toBe(0o644);
    expect(existsSync(`${path}.manifest.json`)).toBe(false);
  };
}

/** Expects the call refused before the core: the reason, no audit event, the exports folder as it was. */
async function expectRefused(v: Setup, method: Method, out: string): Promise<void> {
  const audited = v.auditCount();
  const folder = readdirSync(v.exportsDir).sort();
  const answer = await v.write(method, out);
  expect(answer, `${method} → ${out}`).toMatchObject({ ok: false, error: { code: 'forbidden', detail: { reason: 'export_path_not_chosen' } } });
  expect(v.auditCount()).toBe(audited);
  expect(readdirSync(v.exportsDir).sort()).toEqual(folder);
}

it('covers every file-writing method of the contract', () => {
  expect(Object.keys(writers).sort()).toEqual([...fileWritingMethods].sort());
});

describe.each(Object.keys(roles) as Role[])('the preview writes exports only where it chose (%s)', (role) => {
  it.each(writerCases)('%s refuses a path it never handed out: outside the folder, with "..", or inside the folder', async (method) => {
    const v = await setup(role);
    const ext = writers[method]!.extension;
    const outsideFile = join(v.outside, `victim.${ext}`);
    const outsideUntouched = victim(outsideFile);
    await expectRefused(v, method, outsideFile);
    outsideUntouched();
    // Climbing out of the exports folder, unnormalised, to the same file.
    await expectRefused(v, method, `${v.exportsDir}/../${basename(v.outside)}/victim.${ext}`);
    outsideUntouched();
    // Inside the folder: last week's export, and a free name, neither handed out.
    const inside = join(v.exportsDir, `last week.${ext}`);
    const insideUntouched = victim(inside);
    await expectRefused(v, method, inside);
    insideUntouched();
    await expectRefused(v, method, join(v.exportsDir, `fresh.${ext}`));
    expect(existsSync(join(v.exportsDir, `fresh.${ext}`))).toBe(false);
    // A handed-out path climbed out of is another path.
    const handed = await v.choose(`climb.${ext}`);
    await expectRefused(v, method, `${handed}/../../${basename(v.outside)}/victim.${ext}`);
    outsideUntouched();
  });

  it.each(writerCases)('%s runs once on a handed-out path, then refuses it', async (method) => {
    const v = await setup(role);
    const out = await v.choose(`export.${writers[method]!.extension}`);
    expect(out.startsWith(v.exportsDir)).toBe(true);
    const audited = v.auditCount();
    const answer = await v.write(method, out);
    if (writers[method]!.mayRun[role]) {
      expect(answer).toMatchObject({ ok: true });
      expect(existsSync(out)).toBe(true);
      expect(statSync(out).mode & 0o777).toBe(0o600);
      expect(v.auditCount()).toBeGreaterThan(audited);
    } else {
      // The role may not run it: the core says so, and nothing is written.
      expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(answer.error?.detail?.reason).not.toBe('export_path_not_chosen');
      expect(readdirSync(v.exportsDir)).toEqual([]);
    }
    const first = existsSync(out) ? readFileSync(out) : null;
    const folder = readdirSync(v.exportsDir).sort();
    await expectRefused(v, method, out);
    expect(existsSync(out) ? readFileSync(out) : null).toEqual(first);
    expect(readdirSync(v.exportsDir).sort()).toEqual(folder);
  });

  it.each(writerCases)('%s refuses a handed-out path whose file (or manifest) appeared meanwhile', async (method) => {
    const v = await setup(role);
    const ext = writers[method]!.extension;
    const appeared = await v.choose(`appeared.${ext}`);
    const untouched = victim(appeared, 'written by someone else meanwhile\n');
    await expectRefused(v, method, appeared);
    untouched();
    // Its manifest's name taken: the export would overwrite that file.
    const manifestTaken = await v.choose(`manifest taken.${ext}`);
    const untouchedManifest = victim(`${manifestTaken}.manifest.json`, '{}');
    await expectRefused(v, method, manifestTaken);
    untouchedManifest();
    expect(existsSync(manifestTaken)).toBe(false);
    // A link put there, to a file outside or to nowhere, is something there too.
    const outsideFile = join(v.outside, `victim.${ext}`);
    const outsideUntouched = victim(outsideFile);
    const linked = await v.choose(`linked.${ext}`);
    symlinkSync(outsideFile, linked);
    await expectRefused(v, method, linked);
    outsideUntouched();
    const dangling = await v.choose(`dangling.${ext}`);
    symlinkSync(join(v.outside, `not there.${ext}`), dangling);
    await expectRefused(v, method, dangling);
    expect(existsSync(join(v.outside, `not there.${ext}`))).toBe(false);
  });

  it.each(writerCases)('%s forgets the handed-out paths when the session changes', async (method) => {
    const v = await setup(role);
    const out = await v.choose(`before lock.${writers[method]!.extension}`);
    expect(await postApi(v.s, 'vault.lock', {})).toMatchObject({ ok: true });
    expect(await postApi(v.s, 'vault.unlock', { passphrase: roles[role] })).toMatchObject({ ok: true });
    await expectRefused(v, method, out);
    expect(existsSync(out)).toBe(false);
  });
});

it('never hands out a name already handed out, nor one an export is still writing', async () => {
  const v = await setup('staff');
  const first = await v.choose('contacts.csv');
  expect(first).toBe(join(v.exportsDir, 'contacts.csv'));
  expect(await v.choose('contacts.csv')).toBe(join(v.exportsDir, 'contacts (2).csv'));
  // Not the name of the manifest an export to the first will write either.
  expect(await v.choose('contacts.csv.manifest.json')).toBe(join(v.exportsDir, 'contacts.csv.manifest (2).json'));
  // The export to the first name waits in the core: its file is not on disk yet.
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  let entered = false;
  const call = v.core.call.bind(v.core);
  v.core.call = (async (method: Method, input: never) => {
    if (method === 'exports.register') {
      entered = true;
      await held;
    }
    return call(method, input);
  }) as typeof v.core.call;
  const running = v.write('exports.register', first);
  await vi.waitFor(() => expect(entered).toBe(true));
  expect(await v.choose('contacts.csv')).toBe(join(v.exportsDir, 'contacts (3).csv'));
  release();
  expect(await running).toMatchObject({ ok: true, data: { outcome: 'written', path: first } });
  expect(await v.choose('contacts.csv')).toBe(join(v.exportsDir, 'contacts (4).csv'));
});
