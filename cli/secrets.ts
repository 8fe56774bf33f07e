/**
 * Where the CLI reads secrets from. Never argv: command lines are visible to every user of
 * the machine (ps, Task Manager) and kept in shell history.
 */
import { readFileSync } from 'node:fs';
import { RegistreError } from '../shared/errors';

function fromFile(path: string): string {
  try {
    // Only the first line: editors add a trailing newline that is not part of the secret.
    return readFileSync(path, 'utf8').split(/\r?\n/)[0] ?? '';
  } catch {
    throw new RegistreError('invalid_input', `Cannot read the passphrase file ${path}.`);
  }
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
