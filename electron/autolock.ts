/**
 * Auto-lock (DESIGN §4): the core checks its idle time every 15 s, and the vault locks at
 * once when the OS screen locks or the machine suspends, and before the app quits. The
 * event sources are injected (Electron's powerMonitor and app in main.ts, an EventEmitter
 * in tests).
 */
import type { RegistreCore } from '../db/index';
import { errorText, type Log } from './log';

export const IDLE_CHECK_MS = 15_000;

type Lockable = Pick<RegistreCore, 'lock' | 'lockIfIdle'>;

/** powerMonitor's events; `lock-screen` fires on Windows and macOS. */
export interface PowerEvents {
  on(event: 'lock-screen', listener: () => void): unknown;
  on(event: 'suspend', listener: () => void): unknown;
}

export function startAutoLock(core: Lockable, power: PowerEvents, log: Log): void {
  const lockNow = (): void => {
    core.lock().catch((e: unknown) => log(`Locking the vault failed: ${errorText(e)}`));
  };
  power.on('lock-screen', lockNow);
  power.on('suspend', lockNow);
  setInterval(() => {
    try {
      core.lockIfIdle();
    } catch (e) {
      log(`Idle check failed: ${errorText(e)}`);
    }
  }, IDLE_CHECK_MS);
}

export interface QuitEvents {
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  quit(): void;
}

/**
 * Holds the quit until the vault is closed (database closed, key buffers dropped), then
 * quits for real. A second quit request while locking waits for the same lock.
 */
export function lockBeforeQuit(app: QuitEvents, core: Pick<RegistreCore, 'lock'>, log: Log): void {
  let state: 'open' | 'locking' | 'locked' = 'open';
  app.on('before-quit', (event) => {
    if (state === 'locked') return;
    event.preventDefault();
    if (state === 'locking') return;
    state = 'locking';
    core
      .lock()
      .catch((e: unknown) => log(`Locking the vault before quitting failed: ${errorText(e)}`))
      .finally(() => {
        state = 'locked';
        app.quit();
      });
  });
}
