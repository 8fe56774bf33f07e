import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExportFile } from '../../db/export/output-file';
import { verifyExport } from '../../db/export/verify';
import { writeZip, type ZipEntryInput } from '../../db/export/zip';
import { Uint8ArrayReader, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js';
import type { ExportManifest } from '../../shared/export-manifest';
import { RegistreError } from '../../shared/errors';
import { call, callError, createdVault, tempDir } from '../helpers';

const sha256 = (bytes: string | Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A zip laid out as a bundle: the listed entries, manifest.json, and any extra entries. */
async function bundle(path: string, listed: ZipEntryInput[], opts: { extra?: ZipEntryInput[]; password?: string; tamper?: string } = {}) {
  const manifest: ExportManifest = {
    format: 'registre-export-manifest',
    version: 1,
    kind: 'subject',
    createdAt: '2026-03-01T10:00:00.000Z',
    createdBy: { staffId: 's1', name: 'Anna Admin' },
    files: listed.map((e) => {
      const bytes = typeof e.content === 'string' ? new TextEncoder().encode(e.content) : e.content;
      return { name: e.name, rows: null, bytes: bytes.byteLength, sha256: sha256(bytes) };
    }),
    auditChain: { seq: 12, hash: 'abc' },
  };
  const entries = listed.map((e) => (e.name === opts.tamper ? { name: e.name, content: `${String(e.content)} ` } : e));
  const file = new ExportFile(path);
  await writeZip(file, [...entries, { name: 'manifest.json', content: JSON.stringify(manifest) }, ...(opts.extra ?? [])], opts.password);
  file.commit();
}

function manifestOf(kind: 'subject' | 'register', files: Array<{ name: string; content: string }>): string {
  const manifest: ExportManifest = {
    format: 'registre-export-manifest',
    version: 1,
    kind,
    createdAt: '2026-03-01T10:00:00.000Z',
    createdBy: { staffId: 's1', name: 'Anna Admin' },
    ...(kind === 'register' ? { register: { table: 'contacts' as const, format: 'csv' as const, filters: {} } } : {}),
    files: files.map((f) => ({ name: f.name, rows: null, bytes: Buffer.byteLength(f.content), sha256: sha256(f.content) })),
    auditChain: { seq: 12, hash: 'abc' },
  };
  return JSON.stringify(manifest);
}

/**
 * A zip holding exactly these entries, names as given (repeated, or escaping, which
 * zip.js will not write): each is written under a placeholder of the same length, then
 * the placeholder's bytes are replaced by the name in the local and central headers.
 */
async function rawZip(path: string, entries: Array<[string, string]>): Promise<void> {
  const writer = new ZipWriter(new Uint8ArrayWriter(), { level: 0 });
  const placeholders = entries.map(([name], i) => `Q${i}`.padEnd(name.length, 'Q'));
  for (const [i, [, content]] of entries.entries()) await writer.add(placeholders[i]!, new Uint8ArrayReader(new TextEncoder().encode(content)));
  const bytes = Buffer.from(await writer.close());
  for (const [i, [name]] of entries.entries()) {
    const from = Buffer.from(placeholders[i]!);
    for (let at = bytes.indexOf(from); at >= 0; at = bytes.indexOf(from, at + 1)) Buffer.from(name).copy(bytes, at);
  }
  writeFileSync(path, bytes);
}

async function rejection(p: Promise<unknown>): Promise<RegistreError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(e instanceof RegistreError)) throw new Error(`expected a RegistreError, got ${String(e)}`);
  return e;
}

const listed = [
  { name: 'data.json', content: '{"contact":{"fullName":"Ana"}}' },
  { name: 'contact.csv', content: 'id,fullName\r\n1,Ana\r\n' },
];

describe('export verification', () => {
  it('checks a register file against the manifest beside it: intact, a changed byte, a missing file', async () => {
    const { core } = await createdVault();
    const dir = tempDir();
    const out = join(dir, 'audit.csv');
    await call(core, 'exports.register', { table: 'audit', format: 'csv', out });
    await call(core, 'vault.lock', {});
    // No vault needed: the check reads the files only.
    const intact = await verifyExport(out);
    expect(intact.ok).toBe(true);
    expect(intact.files).toEqual([{ name: 'audit.csv', state: 'ok', expectedSha256: sha256(readFileSync(out)), actualSha256: sha256(readFileSync(out)) }]);
    expect(intact.manifest.register?.table).toBe('audit');
    expect((await verifyExport(`${out}.manifest.json`)).ok).toBe(true);

    const bytes = readFileSync(out);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 3) ^ 0x01, bytes.length - 3);
    writeFileSync(out, bytes);
    const changed = await verifyExport(out);
    expect(changed.ok).toBe(false);
    expect(changed.files[0]).toMatchObject({ state: 'changed', actualSha256: sha256(bytes) });

    rmSync(out);
    const missing = await verifyExport(out);
    expect(missing.ok).toBe(false);
    expect(missing.files[0]).toMatchObject({ state: 'missing', actualSha256: null });
  });

  it('refuses a malformed manifest, an absent one and a manifest pointing outside its folder, clearly', async () => {
    const dir = tempDir();
    const data = join(dir, 'x.csv');
    writeFileSync(data, 'a\r\n');
    expect(await rejection(verifyExport(data))).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('x.csv.manifest.json') });
    writeFileSync(`${data}.manifest.json`, '{not json');
    expect(await rejection(verifyExport(data))).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('not JSON') });
    writeFileSync(`${data}.manifest.json`, JSON.stringify({ format: 'registre-export-manifest', version: 2 }));
    expect(await rejection(verifyExport(data))).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('not a valid Registre export manifest') });
    const manifest = {
      format: 'registre-export-manifest',
      version: 1,
      kind: 'register',
      createdAt: '2026-03-01T10:00:00.000Z',
      createdBy: { staffId: 's', name: 'n' },
      files: [{ name: '../secret.csv', rows: 1, bytes: 3, sha256: sha256('a\r\n') }],
      auditChain: { seq: 1, hash: 'h' },
    };
    writeFileSync(`${data}.manifest.json`, JSON.stringify(manifest));
    expect(await rejection(verifyExport(data))).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('not a file beside it') });
    expect(await rejection(verifyExport(join(dir, 'nothing.csv')))).toMatchObject({ code: 'not_found' });
  });

  it('checks every entry of a bundle zip and reports entries its manifest does not list', async () => {
    const dir = tempDir();
    const good = join(dir, 'good.zip');
    await bundle(good, listed);
    const ok = await verifyExport(good);
    expect(ok.ok).toBe(true);
    expect(ok.files.map((f) => [f.name, f.state])).toEqual([
      ['data.json', 'ok'],
      ['contact.csv', 'ok'],
    ]);
    expect(ok.unlisted).toEqual([]);

    const added = join(dir, 'added.zip');
    await bundle(added, listed, { extra: [{ name: 'invoice.exe', content: 'MZ' }] });
    expect(await verifyExport(added)).toMatchObject({ ok: false, unlisted: ['invoice.exe'] });
    expect((await verifyExport(added)).files.every((f) => f.state === 'ok')).toBe(true);

    const tampered = join(dir, 'tampered.zip');
    await bundle(tampered, listed, { tamper: 'contact.csv' });
    const t = await verifyExport(tampered);
    expect(t.ok).toBe(false);
    expect(t.files.map((f) => f.state)).toEqual(['ok', 'changed']);

    const short = join(dir, 'short.zip');
    const file = new ExportFile(short);
    await writeZip(file, [listed[0]!, { name: 'manifest.json', content: JSON.stringify(ok.manifest) }]);
    file.commit();
    expect((await verifyExport(short)).files.map((f) => f.state)).toEqual(['ok', 'missing']);

    const noManifest = join(dir, 'plain.zip');
    const plain = new ExportFile(noManifest);
    await writeZip(plain, listed);
    plain.commit();
    expect(await rejection(verifyExport(noManifest))).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('no manifest.json') });
  });

  it('opens a password-protected bundle only with its password', async () => {
    const dir = tempDir();
    const locked = join(dir, 'locked.zip');
    await bundle(locked, listed, { password: 'zip password 2026' });
    expect((await verifyExport(locked, 'zip password 2026')).ok).toBe(true);
    expect(await rejection(verifyExport(locked))).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('protected by a password') });
    expect(await rejection(verifyExport(locked, 'not the password'))).toMatchObject({ code: 'invalid_input', message: 'The password does not open this zip.' });
  });

  it('answers through exports.verify with the same DTO', async () => {
    const { core } = await createdVault();
    const dir = tempDir();
    const zip = join(dir, 'b.zip');
    await bundle(zip, listed, { extra: [{ name: 'x.txt', content: 'x' }] });
    expect(await call(core, 'exports.verify', { path: zip })).toMatchObject({ ok: false, unlisted: ['x.txt'] });
    expect((await callError(core, 'exports.verify', { path: join(dir, 'none.zip') })).code).toBe('not_found');
  });

  describe('cannot be fooled', () => {
    const good = '{"contact":{"fullName":"Ana"}}';
    const bad = '{"contact":{"fullName":"Bob"}}';

    it('refuses a zip with one name twice: a tampered entry before the original, or a second manifest.json', async () => {
      const dir = tempDir();
      const manifest = manifestOf('subject', [{ name: 'data.json', content: good }]);
      const dup = join(dir, 'dup.zip');
      await rawZip(dup, [
        ['data.json', bad],
        ['data.json', good],
        ['manifest.json', manifest],
      ]);
      expect(await rejection(verifyExport(dup))).toMatchObject({ code: 'invalid_input', detail: { reason: 'zip_entry_duplicate' }, message: expect.stringContaining('"data.json"') });
      const twoManifests = join(dir, 'two.zip');
      await rawZip(twoManifests, [
        ['data.json', good],
        ['manifest.json', manifest],
        ['manifest.json', '{"evil":true}'],
      ]);
      expect(await rejection(verifyExport(twoManifests))).toMatchObject({ detail: { reason: 'zip_entry_duplicate' }, message: expect.stringContaining('manifest.json') });
      // The same bytes under distinct names are intact: the refusal is about the names.
      const plain = join(dir, 'plain.zip');
      await rawZip(plain, [
        ['data.json', good],
        ['manifest.json', manifest],
      ]);
      expect((await verifyExport(plain)).ok).toBe(true);
    });

    it.each(['../../evil.json', '/etc/evil.json', 'files\\..\\..\\evil.json', 'files/../../evil.json', 'C:evil.json', 'files//evil.json', './data.json'])(
      'refuses an entry named %s, listed or not',
      async (name) => {
        const dir = tempDir();
        const listedZip = join(dir, 'listed.zip');
        await rawZip(listedZip, [
          [name, good],
          ['manifest.json', manifestOf('subject', [{ name, content: good }])],
        ]);
        expect(await rejection(verifyExport(listedZip))).toMatchObject({ code: 'invalid_input', detail: { reason: 'zip_entry_unsafe' } });
        const extra = join(dir, 'extra.zip');
        await rawZip(extra, [
          ['data.json', good],
          [name, bad],
          ['manifest.json', manifestOf('subject', [{ name: 'data.json', content: good }])],
        ]);
        expect(await rejection(verifyExport(extra))).toMatchObject({ detail: { reason: 'zip_entry_unsafe' } });
      },
    );

    it('refuses a manifest listing an escaping name, a name twice, or nothing', async () => {
      const dir = tempDir();
      for (const [label, manifest] of [
        ['escaping', manifestOf('subject', [{ name: '../data.json', content: good }])],
        [
          'twice',
          manifestOf('subject', [
            { name: 'data.json', content: good },
            { name: 'data.json', content: good },
          ]),
        ],
        ['empty', manifestOf('subject', [])],
      ] as const) {
        const zip = join(dir, `${label}.zip`);
        await rawZip(zip, [
          ['data.json', good],
          ['manifest.json', manifest],
        ]);
        expect(await rejection(verifyExport(zip)), label).toMatchObject({ code: 'invalid_input', detail: { reason: 'manifest_malformed' } });
      }
    });

    it('accepts entries in a sub-folder, and reports an added folder entry as unlisted', async () => {
      const dir = tempDir();
      const photo = 'files/photo-0b9c.jpg';
      const withFolder = join(dir, 'sub.zip');
      await bundle(withFolder, [listed[0]!, { name: photo, content: 'JFIF' }]);
      const ok = await verifyExport(withFolder);
      expect(ok).toMatchObject({ ok: true, unlisted: [] });
      expect(ok.files.map((f) => [f.name, f.state])).toEqual([
        ['data.json', 'ok'],
        [photo, 'ok'],
      ]);

      const added = join(dir, 'folder.zip');
      const file = new ExportFile(added);
      const manifest = manifestOf('subject', [{ name: 'data.json', content: good }]);
      const writer = new ZipWriter(new WritableStream<Uint8Array>({ write: (chunk) => file.write(chunk) }));
      await writer.add('data.json', new Uint8ArrayReader(new TextEncoder().encode(good)));
      await writer.add('manifest.json', new Uint8ArrayReader(new TextEncoder().encode(manifest)));
      await writer.add('extra/', undefined, { directory: true });
      await writer.close();
      file.commit();
      expect(await verifyExport(added)).toMatchObject({ ok: false, unlisted: ['extra/'] });
    });

    it("refuses a register file's manifest that does not list that file, or lists nothing", async () => {
      const dir = tempDir();
      const a = join(dir, 'a.csv');
      writeFileSync(a, good);
      writeFileSync(`${a}.manifest.json`, manifestOf('register', [{ name: 'a.csv', content: good }]));
      expect((await verifyExport(a)).ok).toBe(true);
      // Another export's manifest copied beside a changed file must not vouch for it.
      const b = join(dir, 'b.csv');
      writeFileSync(b, bad);
      copyFileSync(`${a}.manifest.json`, `${b}.manifest.json`);
      expect(await rejection(verifyExport(b))).toMatchObject({ code: 'invalid_input', detail: { reason: 'manifest_mismatch' }, message: expect.stringContaining('does not list b.csv') });
      expect(await rejection(verifyExport(`${b}.manifest.json`))).toMatchObject({ detail: { reason: 'manifest_mismatch' } });
      const c = join(dir, 'c.csv');
      writeFileSync(c, bad);
      writeFileSync(`${c}.manifest.json`, manifestOf('register', []));
      expect(await rejection(verifyExport(c))).toMatchObject({ detail: { reason: 'manifest_malformed' }, message: expect.stringContaining('lists no file') });
    });
  });
});
