/**
 * Writes that survive a crash or power cut: a temp file in the same folder, fsync, rename
 * over the target, fsync of the folder. A reader sees the old file or the new one, never
 * half of either.
 */
import { closeSync, fsyncSync, openSync, readSync, renameSync, writeSync, unlinkSync, existsSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';

export function fsyncDir(dir: string): void {
  // Windows cannot open a directory for fsync; NTFS metadata is journaled there.
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function fsyncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * rename(), retried briefly on Windows, where antivirus and indexers hold freshly written
 * files open for a moment (EPERM, EBUSY, EACCES).
 */
export function renameWithRetry(from: string, to: string): void {
  for (let attempt = 0; ; attempt++) {
    try {
      renameSync(from, to);
      return;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (process.platform !== 'win32' || attempt >= 20 || !['EPERM', 'EBUSY', 'EACCES'].includes(code ?? '')) throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  }
}

export function writeFileAtomic(path: string, data: string | Buffer): void {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    if (existsSync(tmp)) unlinkSync(tmp);
    throw e;
  }
  closeSync(fd);
  renameWithRetry(tmp, path);
  fsyncDir(dirname(path));
}

/** Replaces `target` with the already-complete, fsynced `source` in one atomic step. */
export function replaceFileAtomic(source: string, target: string): void {
  fsyncFile(source);
  renameWithRetry(source, target);
  fsyncDir(dirname(target));
}

/**
 * A file's size and SHA-256, read a megabyte at a time (exports and backups): read whole,
 * a vault's file over 2 GiB (about a million contacts) cannot be hashed at all.
 */
export function fileDigest(path: string): { bytes: number; sha256: string } {
  const hash = createHash('sha256');
  const buf = Buffer.alloc(1 << 20);
  const fd = openSync(path, 'r');
  let bytes = 0;
  try {
    for (let n: number; (n = readSync(fd, buf, 0, buf.length, null)) > 0; bytes += n) hash.update(buf.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return { bytes, sha256: hash.digest('hex') };
}
