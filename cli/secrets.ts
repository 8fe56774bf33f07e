/**
 * Where the CLI reads secrets from. Never argv: command lines are visible to every user of
 * the machine (ps, Task Manager) and kept in shell history.
 */
import { readFileSync } from 'node:fs';
import { RegistreError } from '../shared/errors';

/**
 * Windows tools write text with a byte-order mark (Notepad: UTF-8 BOM; PowerShell 5's
 * `>` and Out-File: UTF-16LE). Decode those, so the passphrase is what the person typed.
 */
function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  return bytes.toString('utf8');
}

function fromFile(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new RegistreError('invalid_input', `Cannot read the passphrase file ${path}.`);
  }
  // Only the first line: editors add a trailing newline that is not part of the secret.
  const line = decodeText(bytes).split(/\r?\n/)[0] ?? '';
  if (line.includes('\0')) {
    throw new RegistreError('invalid_input', `The passphrase file ${path} is not plain text (save it as UTF-8).`);
  }
  return line;
}

export function readSecret(opts: { file?: string; env: string; what: string }): string {
  if (opts.file) return fromFile(opts.file);
  const v = process.env[opts.env];
  if (v) return v;
  throw new RegistreError('invalid_input', `${opts.what}: set ${opts.env} or pass a file with the matching --…-file option.`);
}

export function readStdin(): string {
  try {
    return readFileSync(0, 'utf8');
  } catch {
    throw new RegistreError('invalid_input', 'Nothing could be read from standard input.');
  }
}

/** An export zip's password: --password-file, else REGISTRE_ZIP_PASSWORD, else none (no encryption). */
export function zipPassword(file: string | undefined): string | undefined {
  if (file) return readSecret({ file, env: 'REGISTRE_ZIP_PASSWORD', what: 'Zip password needed' });
  return process.env.REGISTRE_ZIP_PASSWORD || undefined;
}
