/**
 * `npm run preview [-- --vault DIR] [--port N]`: the app in a browser tab. Without --vault
 * it serves a throwaway demo vault (synthetic data, deleted on exit) whose passphrase is
 * printed, so anyone can try Registre where the Electron binary is not available.
 * Exports go to --exports-dir, else $REGISTRE_EXPORTS_DIR, else ~/Downloads if it exists,
 * else the current folder: a browser tab has no save dialog.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { RegistreCore, insertDemoData } from '../db/index';
import { startPreviewServer } from './server';

export const DEMO_PASSPHRASE = 'demo passphrase 2026';

function exportsFolder(flag: string | undefined): string {
  const chosen = flag ?? process.env.REGISTRE_EXPORTS_DIR;
  if (chosen) {
    const dir = resolve(chosen);
    mkdirSync(dir, { recursive: true });
    return dir;
  }
  const downloads = join(homedir(), 'Downloads');
  return existsSync(downloads) ? downloads : process.cwd();
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { vault: { type: 'string' }, port: { type: 'string' }, contacts: { type: 'string' }, 'exports-dir': { type: 'string' } },
    strict: true,
  });
  let vaultDir = values.vault;
  let throwaway: string | null = null;
  if (!vaultDir) {
    throwaway = mkdtempSync(join(tmpdir(), 'registre-demo-'));
    vaultDir = join(throwaway, 'vault');
    const seed = new RegistreCore({ vaultDir, allowFolderChange: false });
    await seed.create(DEMO_PASSPHRASE, 'Demo Administrator');
    const ctx = seed.context();
    await ctx.tx((trx, audit) => insertDemoData(trx, { contacts: Number(values.contacts ?? 2000), now: ctx.now }, (entityType) => audit({ action: 'demo.generated', entityType })));
    await seed.lock();
  }
  const core = new RegistreCore({ vaultDir, allowFolderChange: false, scheduledBackups: true });
  const exportsDir = exportsFolder(values['exports-dir']);
  const preview = await startPreviewServer({ core, staticDir: join(__dirname, 'renderer'), exportsDir, port: values.port ? Number(values.port) : 0 });
  process.stdout.write(`Registre preview: ${preview.url}\n`);
  if (throwaway) process.stdout.write(`Demo vault (deleted on exit) — passphrase: ${DEMO_PASSPHRASE}\n`);
  else process.stdout.write(`Vault folder: ${core.vaultDir}\n`);
  process.stdout.write(`Exports are saved in: ${exportsDir}\n`);
  process.stdout.write('Press Ctrl+C to stop.\n');
  const stop = () => {
    void preview.close().finally(() => {
      if (throwaway) rmSync(throwaway, { recursive: true, force: true });
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`registre preview: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
