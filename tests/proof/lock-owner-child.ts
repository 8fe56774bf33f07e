/**
 * A process that holds a vault unlocked, for the lock proofs (tests/proof/lock-owner.ts):
 * it unlocks with the passphrase in REGISTRE_PASSPHRASE, prints one JSON line when ready,
 * then answers one command per stdin line (`write`, `status`, `quit`) with one JSON line.
 * Bundled with esbuild by the parent so it runs on plain node.
 *
 * Usage: node lock-owner-child.cjs VAULT_DIR REFRESH_MS STALE_MS
 */
import { createInterface } from 'node:readline';
import { RegistreCore } from '../../db/core';
import { dispatch } from '../../db/dispatch';
import { setInstanceLockTiming } from '../../db/vault/instance-lock';

const say = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);

async function main(): Promise<void> {
  const [dir, refreshMs, staleMs] = process.argv.slice(2);
  const passphrase = process.env.REGISTRE_PASSPHRASE;
  if (!dir || !refreshMs || !staleMs || !passphrase) throw new Error('usage: lock-owner-child VAULT_DIR REFRESH_MS STALE_MS');
  setInstanceLockTiming({ refreshMs: Number(refreshMs), staleMs: Number(staleMs) });
  const core = new RegistreCore({ vaultDir: dir, allowFolderChange: false });
  const unlocked = await dispatch(core, 'vault.unlock', { passphrase });
  say({ event: 'ready', pid: process.pid, ok: unlocked.ok, ...(unlocked.ok ? {} : { code: unlocked.error.code, reason: unlocked.error.detail?.reason }) });
  let writes = 0;
  for await (const command of createInterface({ input: process.stdin })) {
    if (command === 'write') {
      const r = await dispatch(core, 'contacts.add', { fullName: `Owner ${process.pid} ${++writes}` });
      say({ event: 'write', ok: r.ok, ...(r.ok ? {} : { code: r.error.code, reason: r.error.detail?.reason }) });
    } else if (command === 'status') {
      const { state, lockLost } = core.status();
      say({ event: 'status', state, lockLost });
    } else if (command === 'quit') {
      break;
    }
  }
  await core.lock();
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
