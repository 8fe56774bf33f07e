import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExportFile } from '../../db/export/output-file';
import { verifyExport } from '../../db/export/verify';
import { writeZip, type ZipEntryInput } from '../../db/export/zip';
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
});
