/**
 * `exports.verify` / `registre export verify FILE`: does an export still hold the bytes
 * its manifest lists? Needs no vault: whoever received the file can check it.
 * - a bundle (`.zip`): its one `manifest.json` inside; every listed entry's size and
 *   SHA-256, and the entries nobody listed (added after the export), folders included;
 * - a register file: the manifest beside it (`<file>.manifest.json`; the manifest's own
 *   path is accepted too), which must list that very file, and each file it lists, in
 *   the manifest's folder.
 * A zip that cannot be read one way only is refused rather than checked: two entries with
 * one name (a zip tool unpacks one, a reader may check the other), or a name that would
 * unpack outside the folder it is unpacked into (`..`, a leading `/`, a backslash, a
 * drive). Names may hold sub-folders (`files/photo-….jpg`) that stay inside.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ExportFileCheckDto, ExportVerifyDto } from '../../shared/dto/exports';
import { RegistreError } from '../../shared/errors';
import { manifestSchema, type ExportManifest } from '../../shared/export-manifest';
import { readZip, type ZipEntryContent } from './zip';

const MANIFEST_ENTRY = 'manifest.json';
const MANIFEST_SUFFIX = '.manifest.json';

function parseManifest(text: string, where: string): ExportManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new RegistreError('invalid_input', `${where} is not a Registre export manifest (it is not JSON).`, { reason: 'manifest_malformed' });
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue?.path.length ? ` at "${issue.path.join('.')}"` : '';
    throw new RegistreError('invalid_input', `${where} is not a valid Registre export manifest${at}: ${issue?.message ?? 'unknown problem'}.`, {
      reason: 'manifest_malformed',
    });
  }
  return parsed.data;
}

/** Refuses what no export of ours writes: an empty list, or one name twice. */
function checkListedNames(manifest: ExportManifest, where: string, isSafe: (name: string) => boolean, notOurs: string): void {
  if (manifest.files.length === 0) {
    throw new RegistreError('invalid_input', `${where} lists no file: there is nothing it could vouch for.`, { reason: 'manifest_malformed' });
  }
  const seen = new Set<string>();
  for (const f of manifest.files) {
    if (!isSafe(f.name)) throw new RegistreError('invalid_input', `${where} lists "${f.name}", which is ${notOurs}.`, { reason: 'manifest_malformed' });
    if (seen.has(f.name)) throw new RegistreError('invalid_input', `${where} lists "${f.name}" twice.`, { reason: 'manifest_malformed' });
    seen.add(f.name);
  }
}

/**
 * A zip entry name that unpacks inside the folder it is unpacked into: forward-slash
 * sub-folders only, no empty, `.` or `..` part, no backslash (Windows tools read it as a
 * separator), no leading `/`, drive letter or NUL.
 */
function staysInside(name: string): boolean {
  if (name === '' || /[\\\0]/.test(name) || name.startsWith('/') || /^[A-Za-z]:/.test(name)) return false;
  return name.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

const unsafeEntry = (zipName: string, name: string) =>
  new RegistreError('invalid_input', `${zipName} holds an entry named "${name}", which would be unpacked outside its folder: it is not a Registre export.`, {
    reason: 'zip_entry_unsafe',
  });

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** A file's SHA-256 read in chunks (a register file can be large). */
function fileSha256(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

function check(name: string, expected: { sha256: string; bytes: number }, actual: { sha256: string; bytes: number } | null): ExportFileCheckDto {
  const state = actual === null ? 'missing' : actual.sha256 === expected.sha256 && actual.bytes === expected.bytes ? 'ok' : 'changed';
  return { name, state, expectedSha256: expected.sha256, actualSha256: actual?.sha256 ?? null };
}

const result = (manifest: ExportManifest, files: ExportFileCheckDto[], unlisted: string[]): ExportVerifyDto => ({
  ok: files.every((f) => f.state === 'ok') && unlisted.length === 0,
  manifest,
  files,
  unlisted,
});

/** The library's words for a zip it cannot decrypt. */
const passwordProblem = (e: unknown): boolean => e instanceof Error && /password|encrypted/i.test(e.message);

async function verifyZip(path: string, password: string | undefined): Promise<ExportVerifyDto> {
  let entries: ZipEntryContent[];
  try {
    entries = await readZip(path, password);
  } catch (e) {
    // zip.js itself refuses the plainest escapes (`..`, a leading slash or backslash, a drive letter).
    if (e instanceof Error && e.message === 'Unsafe filename') throw unsafeEntry(basename(path), String((e as { filename?: unknown }).filename));
    if (passwordProblem(e)) {
      throw new RegistreError('invalid_input', password ? 'The password does not open this zip.' : 'This zip is protected by a password: give the password to check it.', {
        reason: password ? 'zip_password_wrong' : 'zip_password_needed',
      });
    }
    throw new RegistreError('invalid_input', `${basename(path)} cannot be read as a zip archive.`, { reason: 'zip_unreadable' });
  }
  const zipName = basename(path);
  const byName = new Map<string, ZipEntryContent>();
  for (const e of entries) {
    // A folder entry is "name/": its name without the slash must stay inside too.
    if (!staysInside(e.directory ? e.name.replace(/\/$/, '') : e.name)) throw unsafeEntry(zipName, e.name);
    if (byName.has(e.name)) {
      throw new RegistreError('invalid_input', `${zipName} holds two entries named "${e.name}": zip tools would unpack only one of them, so it cannot be checked.`, {
        reason: 'zip_entry_duplicate',
      });
    }
    byName.set(e.name, e);
  }
  const manifestEntry = byName.get(MANIFEST_ENTRY);
  if (!manifestEntry || manifestEntry.directory) {
    throw new RegistreError('invalid_input', `${zipName} has no manifest.json: it is not a Registre export.`, { reason: 'manifest_absent' });
  }
  const where = `The manifest.json in ${zipName}`;
  const manifest = parseManifest(new TextDecoder().decode(manifestEntry.bytes), where);
  checkListedNames(manifest, where, (name) => staysInside(name) && name !== MANIFEST_ENTRY, 'not an entry of this zip');
  const files = manifest.files.map((f) => {
    const entry = byName.get(f.name);
    return check(f.name, f, entry && !entry.directory ? { sha256: sha256(entry.bytes), bytes: entry.bytes.byteLength } : null);
  });
  const listed = new Set(manifest.files.map((f) => f.name));
  // Folders are reported too: an export writes none, so one is always an addition.
  const unlisted = entries.map((e) => e.name).filter((name) => name !== MANIFEST_ENTRY && !listed.has(name));
  return result(manifest, files, unlisted);
}

async function verifyBesideManifest(path: string): Promise<ExportVerifyDto> {
  const manifestPath = path.toLowerCase().endsWith(MANIFEST_SUFFIX) ? path : `${path}${MANIFEST_SUFFIX}`;
  if (!existsSync(manifestPath)) {
    throw new RegistreError('invalid_input', `No manifest found for ${basename(path)}: ${basename(manifestPath)} should be in the same folder.`, {
      reason: 'manifest_absent',
    });
  }
  const where = basename(manifestPath);
  const manifest = parseManifest(await readFile(manifestPath, 'utf8'), where);
  // A manifest lists files beside it; a name with a folder in it points elsewhere.
  checkListedNames(manifest, where, (name) => staysInside(name) && !name.includes('/'), 'not a file beside it');
  // The manifest must describe this very file: a copy of another export's manifest,
  // renamed to sit beside it, would otherwise vouch for the other file's bytes.
  const dataName = where.slice(0, -MANIFEST_SUFFIX.length);
  if (!manifest.files.some((f) => f.name === dataName)) {
    throw new RegistreError('invalid_input', `${where} does not list ${dataName}: it is the manifest of another export.`, { reason: 'manifest_mismatch' });
  }
  const folder = dirname(manifestPath);
  const files: ExportFileCheckDto[] = [];
  for (const f of manifest.files) {
    const target = join(folder, f.name);
    const present = existsSync(target) && statSync(target).isFile();
    files.push(check(f.name, f, present ? { sha256: await fileSha256(target), bytes: statSync(target).size } : null));
  }
  return result(manifest, files, []);
}

export async function verifyExport(path: string, password?: string): Promise<ExportVerifyDto> {
  const isZip = path.toLowerCase().endsWith('.zip');
  if (isZip) {
    if (!existsSync(path)) throw new RegistreError('not_found', `There is no file at ${path}.`, { reason: 'file_absent' });
    return verifyZip(path, password);
  }
  if (!existsSync(path) && !existsSync(`${path}${MANIFEST_SUFFIX}`)) throw new RegistreError('not_found', `There is no file at ${path}.`, { reason: 'file_absent' });
  return verifyBesideManifest(path);
}
