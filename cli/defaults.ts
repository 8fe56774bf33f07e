import { homedir } from 'node:os';
import { join } from 'node:path';

/** Same default as the desktop app: Documents/Registre in the user's home folder. */
export function defaultVaultDir(): string {
  return process.env.REGISTRE_VAULT || join(homedir(), 'Documents', 'Registre');
}
