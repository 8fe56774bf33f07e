/**
 * The app's own small settings file (`config.json` in the profile folder): which vault
 * folder to open at start. No personal data: the vault itself holds everything else.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type RegistreCore, writeFileAtomic } from '../db/index';

export interface AppConfig {
  vaultDir: string;
}

/** The saved config, or `defaults` when the file is missing, unreadable or malformed. */
export function readConfig(file: string, defaults: AppConfig): AppConfig {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    const vaultDir = (parsed as Partial<AppConfig> | null)?.vaultDir;
    return typeof vaultDir === 'string' && vaultDir.trim() !== '' ? { vaultDir } : defaults;
  } catch {
    return defaults;
  }
}

export function writeConfig(file: string, config: AppConfig): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileAtomic(file, `${JSON.stringify(config, null, 2)}\n`);
}

/**
 * Returns a check to run after each call: once the core points at another folder that
 * holds a vault (opened or just created), that folder is saved for the next start. A
 * folder merely browsed to, with no vault in it, is not.
 */
export function vaultDirMemory(file: string, core: Pick<RegistreCore, 'vaultDir' | 'status'>): () => void {
  let saved = core.vaultDir;
  return () => {
    const dir = core.vaultDir;
    if (dir === saved || !core.status().exists) return;
    writeConfig(file, { vaultDir: dir });
    saved = dir;
  };
}
