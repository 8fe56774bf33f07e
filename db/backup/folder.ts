/** Where backups may go: a folder on this computer's own disk, outside the vault's folder. */
import { statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { RegistreError } from '../../shared/errors';
import { assertLocalPath } from '../vault/paths';

/**
 * Refuses a folder that is relative, missing, on a network or synced drive, or inside the
 * vault's own folder (a copy beside the original is lost with the same disk, and the vault
 * folder is Registre's to clean). Returns the folder as an absolute path.
 */
export function assertBackupFolder(vaultDir: string, folder: string): string {
  if (!isAbsolute(folder)) {
    throw new RegistreError('invalid_input', 'Give the full path of the backups folder.', { reason: 'backup_folder_invalid' });
  }
  const dir = resolve(folder);
  assertLocalPath(dir);
  const rel = relative(resolve(vaultDir), dir);
  if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))) {
    throw new RegistreError('invalid_input', 'Backups cannot go inside the vault folder: choose another folder, ideally on another disk.', { reason: 'backup_folder_in_vault' });
  }
  let isFolder = false;
  try {
    isFolder = statSync(dir).isDirectory();
  } catch {
    // absent: said below
  }
  if (!isFolder) throw new RegistreError('invalid_input', `There is no folder ${dir}. Create it (or plug in its drive) and try again.`, { reason: 'backup_folder_absent' });
  return dir;
}
