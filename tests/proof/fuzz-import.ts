/**
 * The import paths fed mutated files: every fixture of tests/fixtures/import and a clean
 * file, truncated, overwritten with random bytes, flipped, re-encoded, given huge cells,
 * thousands of columns, NULs, lone CRs and formula cells, sent through the dry run and the
 * commit (contacts.importPreview / importCommit) with random options. Counted as for the
 * contract fuzz; at the end the vault must still pass integrity_check and its audit chain.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dispatch } from '../../db/dispatch';
import { importDelimiters, importEncodings } from '../../shared/import-format';
import { unreadable } from './readable';
import { Failures, type ProofCheck, type ProofRow } from './table';
import { call, crashChecks, openCore, PASS, ROLE_PASSPHRASES, repoRoot, vaultState } from './vaults';

/** A small deterministic generator, so a failure can be replayed from the seed in the row's detail. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const CLEAN = [
  'Full name;Email;Organisation;Phone;Country;Notes',
  'Marie Curie;marie@example.org;Institut du Radium;+33 1 23 45 67 89;FR;first',
  'Ada Lovelace;ada@example.org;Analytical Engines;020 7946 0000;GB;second',
  'Émile Zola;emile@example.org;;;BE;troisième',
].join('\r\n');

const FORMULAS = ["=cmd|' /C calc'!A0", '+1+1', '-2+3', '@SUM(A1:A9)', '\t=1+1', '\r=1', '=HYPERLINK("http://evil.example","x")', '"=1"'];

type Mutation = (bytes: Buffer, rnd: () => number) => Buffer;

const pick = <T>(xs: readonly T[], rnd: () => number): T => xs[Math.floor(rnd() * xs.length)]!;

const MUTATIONS: Record<string, Mutation> = {
  truncated: (b, rnd) => b.subarray(0, Math.floor(rnd() * b.length)),
  'random bytes': (_b, rnd) => Buffer.from(Array.from({ length: 1 + Math.floor(rnd() * 4096) }, () => Math.floor(rnd() * 256))),
  'flipped bytes': (b, rnd) => {
    const c = Buffer.from(b);
    for (let i = 0; i < 1 + rnd() * 12; i++) if (c.length) c[Math.floor(rnd() * c.length)] = Math.floor(rnd() * 256);
    return c;
  },
  'UTF-16LE without BOM': (b) => Buffer.from(b.toString('utf8'), 'utf16le'),
  'UTF-16BE with BOM': (b) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(b.toString('utf8'), 'utf16le').swap16()]),
  'Latin-1 bytes': (b) => Buffer.from(b.toString('utf8'), 'latin1'),
  'two BOMs': (b) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]), b]),
  'huge cell': (b, rnd) => Buffer.concat([b, Buffer.from(`\nHuge Cell;huge@example.org;${'x'.repeat(1 + Math.floor(rnd() * 3_000_000))}\n`)]),
  'many columns': (b) => Buffer.concat([Buffer.from(`${Array.from({ length: 5000 }, (_, i) => `c${i}`).join(',')},Email\n`), b]),
  'NUL bytes': (b, rnd) => {
    const c = Buffer.from(b);
    for (let i = 0; i < 5; i++) if (c.length) c[Math.floor(rnd() * c.length)] = 0;
    return c;
  },
  'lone CRs': (b) => Buffer.from(b.toString('utf8').replace(/\r?\n/g, '\r')),
  'formula cells': (b, rnd) =>
    Buffer.concat([b, Buffer.from(`\n${pick(FORMULAS, rnd)};formula${Math.floor(rnd() * 1e6)}@example.org;${pick(FORMULAS, rnd)};${pick(FORMULAS, rnd)};BE;${pick(FORMULAS, rnd)}\n`)]),
  'only quotes and delimiters': (_b, rnd) => Buffer.from(Array.from({ length: 200 }, () => pick(['"', ',', ';', '\t', '\n', '""'], rnd)).join('')),
  'duplicate headers': (b) => Buffer.concat([Buffer.from('Email;Email;Full name;Full name\n'), b]),
};

function sources(): { name: string; bytes: Buffer }[] {
  const dir = join(repoRoot(), 'tests/fixtures/import');
  return [{ name: 'clean.csv', bytes: Buffer.from(CLEAN) }, ...readdirSync(dir).map((name) => ({ name, bytes: readFileSync(join(dir, name)) }))];
}

async function importFuzz(size: number, scratch: string): Promise<ProofRow> {
  const dir = join(scratch, 'vault');
  const admin = openCore(dir);
  await call(admin, 'vault.create', { passphrase: PASS, staffName: 'Import Admin' });
  await call(admin, 'staff.add', { name: 'Import Staff', role: 'staff', passphrase: ROLE_PASSPHRASES.staff });
  await admin.lock();
  const core = openCore(dir);
  await call(core, 'vault.unlock', { passphrase: ROLE_PASSPHRASES.staff });

  const seed = Math.floor(Math.random() * 2 ** 31);
  const rnd = random(seed);
  const files = sources();
  const names = Object.keys(MUTATIONS);
  const failures = new Failures();
  let trials = 0;
  let accepted = 0;
  for (let i = 0; i < size; i++) {
    const source = pick(files, rnd);
    const mutation = names[i % names.length]!;
    const bytes = MUTATIONS[mutation]!(source.bytes, rnd);
    const options = {
      ...(rnd() < 0.3 ? { encoding: pick(importEncodings, rnd) } : {}),
      ...(rnd() < 0.3 ? { delimiter: pick(importDelimiters, rnd) } : {}),
    };
    for (const method of ['contacts.importPreview', 'contacts.importCommit'] as const) {
      // An empty file never reaches the importer: the contract refuses it, which is tested elsewhere.
      const input = { contentBase64: bytes.length ? bytes.toString('base64') : 'AA==', ...options, ...(method === 'contacts.importCommit' ? { skipInvalid: rnd() < 0.5 } : {}) };
      trials += 1;
      const where = `${method} ${source.name} ${mutation} ${JSON.stringify(options)}`;
      const logs: string[] = [];
      const before = vaultState(core);
      let r;
      try {
        r = await dispatch(core, method, input, (m) => logs.push(m));
      } catch (e) {
        failures.add(`${where}: threw ${e instanceof Error ? e.message : String(e)}`);
        continue;
      }
      if (r.ok) {
        accepted += 1;
        continue;
      }
      const problems: string[] = [];
      if (r.error.code === 'internal') problems.push(`internal: ${logs[0]?.split('\n')[0] ?? ''}`);
      if (vaultState(core) !== before) problems.push('refused but changed the vault');
      const kind = unreadable(r.error.message);
      if (kind) problems.push(`message (${kind}): ${r.error.message}`);
      if (problems.length) failures.add(`${where}: ${problems.join('; ')}`);
    }
  }
  await core.lock();
  const after = await crashChecks(dir, 0);
  for (const p of after.problems) failures.add(`after the fuzz: ${p}`);
  await after.core?.lock();
  return {
    area: 'fuzz',
    check: 'import paths fed mutated files',
    trials,
    failures: failures.count,
    detail: [...failures.lines, `${accepted} of ${trials} calls accepted; ${names.length} mutations of ${files.length} files, seed ${seed}`],
  };
}

export const importFileFuzz: ProofCheck = {
  area: 'fuzz',
  check: 'import paths fed mutated files',
  failureMeans: 'a mutated CSV thrown past the envelope, an internal error, a refusal that changed the vault, an unreadable message, or a damaged vault',
  sizes: { full: 400, quick: 14 },
  run: importFuzz,
};
