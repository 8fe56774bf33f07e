/**
 * An export file written the crash-safe way (DESIGN §6): bytes go to a temporary file in
 * the target's folder through a small buffer (memory does not grow with the row count)
 * while their SHA-256 and size are counted; `commit` fsyncs and puts it at the target,
 * `abort` removes it. Until `commit`, nothing exists at the target. The temporary file's
 * name carries a random tag that the export's journal (journal.ts) names before the file
 * exists, so whatever a killed process leaves is found and removed at the next start.
 */
import { createHash, randomBytes, type Hash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, linkSync, openSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { RegistreError } from '../../shared/errors';
import { reached } from '../steps';
import { fsyncDir, renameWithRetry } from '../vault/atomic-file';
import { describeBytes, freeBytes } from '../vault/disk-space';

const FLUSH_BYTES = 256 * 1024;

/**
 * How a file is put at its target: `replace` renames over whatever is there (the desktop's
 * save dialog asked the person about overwriting; the CLI's --out is the person's own
 * word); `no-overwrite` links the file in, so a name taken since it was checked is refused
 * rather than overwritten (the preview, which asked no one).
 */
export type Placement = 'replace' | 'no-overwrite';

/** What the system says when a file cannot be created (or put in place) in a folder: the place, not Registre, is at fault. */
const REFUSED_WRITES = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'ENOENT', 'EISDIR', 'EXDEV', 'ENOTSUP', 'EOPNOTSUPP', 'EMLINK']);
const FULL_DISK = new Set(['ENOSPC', 'EDQUOT']);

/**
 * A refused write as a person's problem, one line: the place is full (`export_disk_full`,
 * the disk saved to, which need not be the vault's) or will not take the file
 * (`write_refused`); any other failure stays Registre's own.
 */
export function writeRefused(e: unknown, path?: string): unknown {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== 'string') return e;
  if (FULL_DISK.has(code)) {
    const free = path === undefined ? null : freeBytes(dirname(path));
    const room = free === null ? '' : ` (${describeBytes(free)} free)`;
    return new RegistreError('invalid_input', `The disk you are saving to is full${room}: nothing was saved. Free some space there or choose another place.`, {
      reason: 'export_disk_full',
    });
  }
  if (!REFUSED_WRITES.has(code)) return e;
  return new RegistreError('invalid_input', 'Registre cannot write a file there: choose another folder.', { reason: 'write_refused' });
}

/** The hidden temporary file of the target `path` with the random `tag`. */
export const tempPathFor = (path: string, tag: string): string => join(dirname(path), `.${basename(path)}.${tag}.partial`);

/** The temporary files' names: the target's name is the first group, the tag the second. */
export const TEMP_NAME = /^\.(.+)\.([0-9a-f]{12})\.partial$/;

/** Refuses a target whose folder does not exist, or that is a folder itself. */
export function assertTarget(path: string): void {
  const dir = dirname(path);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new RegistreError('invalid_input', 'The folder to save the export in does not exist. Choose another place.', { reason: 'no_folder' });
  }
  if (existsSync(path) && statSync(path).isDirectory()) {
    throw new RegistreError('invalid_input', 'A folder already has that name. Choose another file name.', { reason: 'is_folder' });
  }
}

/** The file's inode (its identity on the disk, kept by rename and link), or null when nothing is there. */
export function inodeOf(path: string): string | null {
  try {
    const st = statSync(path, { bigint: true });
    return st.isFile() ? st.ino.toString() : null;
  } catch {
    return null;
  }
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

  /** Opens the temporary file (tagged `tag`, the one the journal names); refuses a folder that does not exist. */
  constructor(
    readonly path: string,
    tag = randomBytes(6).toString('hex'),
  ) {
    assertTarget(path);
    this.tempPath = tempPathFor(path, tag);
    // 0600: an export holds personal data; others on the machine have no business reading it.
    try {
      this.fd = openSync(this.tempPath, 'wx', 0o600);
    } catch (e) {
      throw writeRefused(e, path);
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
    try {
      while (off < buf.length) off += writeSync(this.fd, buf, off, buf.length - off);
    } catch (e) {
      throw writeRefused(e, this.path);
    }
    this.written += buf.length;
    this.pending = [];
    this.pendingBytes = 0;
    reached('export', 'streaming');
  }

  /**
   * Flushes, fsyncs and closes the temporary file and returns its size and SHA-256,
   * still without touching the target: the manifest that lists this hash is written (and
   * the export journaled) before `commit` puts the file in place.
   */
  seal(): { bytes: number; sha256: string } {
    if (this.sealed) return this.sealed;
    if (this.fd === null) throw new Error('ExportFile is closed');
    this.flush();
    try {
      fsyncSync(this.fd);
    } catch (e) {
      throw writeRefused(e, this.path);
    }
    closeSync(this.fd);
    this.fd = null;
    this.sealed = { bytes: this.written, sha256: this.hash.digest('hex') };
    return this.sealed;
  }

  /** Seals the file if needed and puts it at the target in one atomic step. */
  commit(placement: Placement = 'replace'): WrittenFile {
    const sealed = this.seal();
    try {
      if (placement === 'replace') renameWithRetry(this.tempPath, this.path);
      else linkInPlace(this.tempPath, this.path);
    } catch (e) {
      throw writeRefused(e, this.path);
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

/**
 * link() creates the target only if the name is free, in one step, where a check followed
 * by a rename would overwrite a file that appeared in between. Where the file system has no
 * hard links (FAT, exFAT) link() fails and the export is refused as a place that cannot be
 * written (writeRefused): nothing weaker stands in for it. A crash between the link and the
 * unlink leaves the temporary name beside the target, which the journal's clean-up removes.
 */
function linkInPlace(temp: string, target: string): void {
  try {
    linkSync(temp, target);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    throw new RegistreError('conflict', 'A file appeared under that name while the export was being written; Registre does not overwrite it. Choose where to save the export again.', {
      reason: 'export_path_not_chosen',
    });
  }
  try {
    unlinkSync(temp);
  } catch {
    // The export is in place; the journal's clean-up removes the second name (delivery.ts).
  }
}
