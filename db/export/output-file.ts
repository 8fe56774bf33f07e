/**
 * An export file written the crash-safe way (DESIGN §6): bytes go to a temporary file in
 * the target's folder through a small buffer (memory does not grow with the row count)
 * while their SHA-256 and size are counted; `commit` fsyncs and renames it over the
 * target, `abort` removes it. Until `commit`, nothing exists at the target: a killed
 * process leaves at most a hidden `.partial` file beside it, never half an export.
 */
import { createHash, randomBytes, type Hash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { RegistreError } from '../../shared/errors';
import { fsyncDir, renameWithRetry } from '../vault/atomic-file';

const FLUSH_BYTES = 256 * 1024;

/**
 * How old a leftover temporary file must be before an export removes it. A live export
 * flushes every FLUSH_BYTES, so its temporary file's time stays recent; one untouched
 * this long was left by a killed process (or a crash) and would otherwise stay forever,
 * holding personal data in a hidden file. Fresh ones are spared: another Registre (the
 * CLI beside the desktop) may be writing the same name right now.
 */
export const STALE_PARTIAL_MS = 10 * 60 * 1000;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What the system says when a file cannot be created (or put in place) in a folder: the place, not Registre, is at fault. */
const REFUSED_WRITES = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'ENOENT', 'EISDIR', 'EXDEV', 'ENOSPC', 'EDQUOT']);

/** A refused write as a person's problem (`write_refused`, one line); any other failure stays Registre's own. */
export function writeRefused(e: unknown): unknown {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== 'string' || !REFUSED_WRITES.has(code)) return e;
  return new RegistreError('invalid_input', 'Registre cannot write a file there: choose another folder.', { reason: 'write_refused' });
}

/**
 * Removes leftover `.<name>.<random>.partial` files of the target `path` older than
 * STALE_PARTIAL_MS. Best effort: a file it cannot remove is left for the next export
 * rather than failing this one.
 */
export function removeStalePartials(path: string, now = Date.now()): void {
  const dir = dirname(path);
  const pattern = new RegExp(`^\\.${escapeRegExp(basename(path))}\\.[0-9a-f]{12}\\.partial$`);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return; // A folder it cannot list: opening the export there will say what is wrong.
  }
  for (const name of names) {
    if (!pattern.test(name)) continue;
    const leftover = join(dir, name);
    try {
      if (now - statSync(leftover).mtimeMs > STALE_PARTIAL_MS) unlinkSync(leftover);
    } catch {
      // Gone already, or not ours to remove: the export goes on either way.
    }
  }
}

/** Removes a file an export had already put in place (when its partner file could not be), and fsyncs the folder. */
export function removeCommitted(path: string): void {
  if (!existsSync(path)) return;
  unlinkSync(path);
  fsyncDir(dirname(path));
}

export interface WrittenFile {
  path: string;
  bytes: number;
  sha256: string;
}

export class ExportFile {
  readonly tempPath: string;
  private fd: number | null;
  private readonly hash: Hash = createHash('sha256');
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private written = 0;
  private sealed: { bytes: number; sha256: string } | null = null;

  /** Opens the temporary file; refuses a folder that does not exist. */
  constructor(readonly path: string) {
    const dir = dirname(path);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new RegistreError('invalid_input', 'The folder to save the export in does not exist. Choose another place.', { reason: 'no_folder' });
    }
    if (existsSync(path) && statSync(path).isDirectory()) {
      throw new RegistreError('invalid_input', 'A folder already has that name. Choose another file name.', { reason: 'is_folder' });
    }
    removeStalePartials(path);
    this.tempPath = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.partial`);
    // 0600: an export holds personal data; others on the machine have no business reading it.
    try {
      this.fd = openSync(this.tempPath, 'wx', 0o600);
    } catch (e) {
      throw writeRefused(e);
    }
  }

  /** Bytes written so far (buffered ones included). */
  get bytes(): number {
    return this.written + this.pendingBytes;
  }

  write(data: string | Uint8Array): void {
    if (this.fd === null) throw new Error('ExportFile is closed');
    const chunk = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    if (chunk.length === 0) return;
    this.hash.update(chunk);
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes >= FLUSH_BYTES) this.flush();
  }

  private flush(): void {
    if (this.fd === null || this.pendingBytes === 0) return;
    const buf = Buffer.concat(this.pending, this.pendingBytes);
    let off = 0;
    while (off < buf.length) off += writeSync(this.fd, buf, off, buf.length - off);
    this.written += buf.length;
    this.pending = [];
    this.pendingBytes = 0;
  }

  /**
   * Flushes, fsyncs and closes the temporary file and returns its size and SHA-256,
   * still without touching the target: the manifest that lists this hash is written (and
   * the export logged) before `commit` puts the file in place.
   */
  seal(): { bytes: number; sha256: string } {
    if (this.sealed) return this.sealed;
    if (this.fd === null) throw new Error('ExportFile is closed');
    this.flush();
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.fd = null;
    this.sealed = { bytes: this.written, sha256: this.hash.digest('hex') };
    return this.sealed;
  }

  /** Seals the file if needed and puts it at the target in one atomic step. */
  commit(): WrittenFile {
    const sealed = this.seal();
    try {
      renameWithRetry(this.tempPath, this.path);
    } catch (e) {
      throw writeRefused(e);
    }
    fsyncDir(dirname(this.path));
    return { path: this.path, ...sealed };
  }

  /** Removes the temporary file; the target is left as it was. Safe to call twice. */
  abort(): void {
    if (this.fd !== null) {
      closeSync(this.fd);
      this.fd = null;
    }
    if (existsSync(this.tempPath)) unlinkSync(this.tempPath);
  }
}
