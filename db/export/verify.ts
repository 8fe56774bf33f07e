/**
 * `exports.verify` / `registre export verify FILE`: does an export still hold the bytes
 * its manifest lists? Needs no vault: whoever received the file can check it.
 * - a bundle (`.zip`): its `manifest.json` inside; every listed entry's size and SHA-256,
 *   and the entries nobody listed (added after the export);
 * - a register file: the manifest beside it (`<file>.manifest.json`; the manifest's own
 *   path is accepted too) and each file it lists, in the manifest's folder.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ExportFileCheckDto, ExportVerifyDto } from '../../shared/dto-exports';
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
    if (passwordProblem(e)) {
      throw new RegistreError(
        'invalid_input',
        password ? 'The password does not open this zip.' : 'This zip is protected by a password: give the password to check it.',
        { reason: password ? 'zip_password_wrong' : 'zip_password_needed' },
      );
    }
    throw new RegistreError('invalid_input', `${basename(path)} cannot be read as a zip archive.`, { reason: 'zip_unreadable' });
  }
  const manifestEntry = entries.find((e) => e.name === MANIFEST_ENTRY);
  if (!manifestEntry) throw new RegistreError('invalid_input', `${basename(path)} has no manifest.json: it is not a Registre export.`, { reason: 'manifest_absent' });
  const manifest = parseManifest(new TextDecoder().decode(manifestEntry.bytes), `The manifest.json in ${basename(path)}`);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const files = manifest.files.map((f) => {
    const entry = byName.get(f.name);
    return check(f.name, f, entry ? { sha256: sha256(entry.bytes), bytes: entry.bytes.byteLength } : null);
  });
  const listed = new Set(manifest.files.map((f) => f.name));
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
  const manifest = parseManifest(await readFile(manifestPath, 'utf8'), basename(manifestPath));
  const folder = dirname(manifestPath);
  const files: ExportFileCheckDto[] = [];
  for (const f of manifest.files) {
    // A manifest lists files beside it; a name with a folder in it points elsewhere.
    if (basename(f.name) !== f.name || f.name === '.' || f.name === '..') {
      throw new RegistreError('invalid_input', `${basename(manifestPath)} lists "${f.name}", which is not a file beside it.`, { reason: 'manifest_malformed' });
    }
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
