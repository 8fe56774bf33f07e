/**
 * `registre rekey`: the new recovery key is shown and held by the person (typed back on a
 * terminal, or written to a new file by a script) before the vault switches to it, so
 * a crash at any moment leaves the vault under a key someone has.
 */
import { closeSync, existsSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { RegistreCore } from '../db/index';
import { RegistreError } from '../shared/errors';
import { call, str, type Values } from './kit';
import type { Out } from './output';

/** Refuses before the vault opens when the new key would have nowhere to go. */
export function rekeyKeyFile(v: Values): string | undefined {
  const file = str(v['recovery-key-out']);
  if (file === undefined && !process.stdin.isTTY) {
    throw new RegistreError('invalid_input', 'Without a terminal to type the new recovery key back, give --recovery-key-out FILE (a new file). Run registre --help.');
  }
  if (file !== undefined && existsSync(file)) throw new RegistreError('invalid_input', `${file} already exists; the new recovery key goes into a new file only.`);
  return file;
}

/** Created new (never over another file) and readable by its owner only, on disk before the switch. */
function writeKeyFile(path: string, recoveryKey: string): void {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch {
    throw new RegistreError('invalid_input', `Cannot create ${path} (it exists, or the folder cannot be written). The vault was not changed.`);
  }
  try {
    writeSync(fd, `${recoveryKey}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  // Windows cannot open a folder to sync it; NTFS journals the new entry.
  if (process.platform !== 'win32') {
    const dir = openSync(dirname(resolve(path)), 'r');
    fsyncSync(dir);
    closeSync(dir);
  }
}

async function typedBack(): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question('Type the new recovery key to switch to it (the old one keeps working until then): ');
  } finally {
    rl.close();
  }
}

/** `show` prints the key for people; with --json the one document comes at the end, so a terminal gets the key on stderr first. */
export async function rekey(core: RegistreCore, out: Out, keyFile: string | undefined, show: (recoveryKey: string) => void): Promise<number> {
  const { recoveryKey } = await call(core, 'vault.rekeyPrepare', {});
  if (!out.json) show(recoveryKey);
  else if (keyFile === undefined) process.stderr.write(`New recovery key: ${recoveryKey}\n`);
  let confirmed = recoveryKey;
  if (keyFile !== undefined) writeKeyFile(keyFile, recoveryKey);
  else confirmed = await typedBack();
  await call(core, 'vault.rekeyCommit', { recoveryKey: confirmed });
  out.result({ vault: core.vaultDir, recoveryKey, recoveryKeyFile: keyFile ?? null, switched: true }, () =>
    ['The vault is now encrypted with the new key. The previous recovery key no longer opens it: destroy any copy of it.', ...(keyFile ? [`The new key is in ${keyFile}.`] : [])].join('\n'),
  );
  return 0;
}
