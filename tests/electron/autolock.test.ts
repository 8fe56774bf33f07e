import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IDLE_CHECK_MS, lockBeforeQuit, startAutoLock } from '../../electron/autolock';
import { join } from 'node:path';
import { RegistreCore } from '../../db/core';
import { call, createdVault, PASS, tempDir } from '../helpers';

function fakeCore() {
  const calls: string[] = [];
  return {
    calls,
    lock: vi.fn(async () => {
      calls.push('lock');
      return { vaultDir: '', exists: true, state: 'locked' as const, session: null, retryAfterSeconds: 0, lockLost: false };
    }),
    lockIfIdle: vi.fn(() => {
      calls.push('lockIfIdle');
      return false;
    }),
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('auto-lock', () => {
  it('asks the core every 15 seconds whether it has been idle too long', () => {
    vi.useFakeTimers();
    const core = fakeCore();
    startAutoLock(core, new EventEmitter(), () => {});
    expect(IDLE_CHECK_MS).toBe(15_000);
    vi.advanceTimersByTime(IDLE_CHECK_MS - 1);
    expect(core.lockIfIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(core.lockIfIdle).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(4 * IDLE_CHECK_MS);
    expect(core.lockIfIdle).toHaveBeenCalledTimes(5);
    expect(core.lock).not.toHaveBeenCalled();
  });

  it.each(['lock-screen', 'suspend'])('locks at once on %s', (name) => {
    vi.useFakeTimers();
    const core = fakeCore();
    const power = new EventEmitter();
    startAutoLock(core, power, () => {});
    power.emit(name);
    expect(core.lock).toHaveBeenCalledTimes(1);
  });

  it('keeps checking after a failed idle check, and logs it', () => {
    vi.useFakeTimers();
    const core = fakeCore();
    core.lockIfIdle.mockImplementationOnce(() => {
      throw new Error('boom');
    });
    const logs: string[] = [];
    startAutoLock(core, new EventEmitter(), (m) => logs.push(m));
    vi.advanceTimersByTime(2 * IDLE_CHECK_MS);
    expect(core.lockIfIdle).toHaveBeenCalledTimes(2);
    expect(logs.join()).toContain('boom');
  });

  it('locks a real vault once it has been idle longer than its setting', async () => {
    let now = new Date('2025-03-03T09:00:00Z');
    const core = new RegistreCore({ vaultDir: join(tempDir(), 'vault'), allowFolderChange: false, now: () => now });
    try {
      await call(core, 'vault.create', { passphrase: PASS, staffName: 'Anna Admin' });
      vi.useFakeTimers();
      startAutoLock(core, new EventEmitter(), () => {});
      now = new Date('2025-03-03T09:09:00Z');
      vi.advanceTimersByTime(IDLE_CHECK_MS);
      expect(core.status().state).toBe('unlocked');
      now = new Date('2025-03-03T09:10:01Z');
      vi.advanceTimersByTime(IDLE_CHECK_MS);
      vi.useRealTimers();
      await vi.waitFor(() => expect(core.status().state).toBe('locked'));
    } finally {
      vi.useRealTimers();
      await core.lock();
    }
  });

  it('closes a real unlocked vault when the machine suspends', async () => {
    const { core } = await createdVault();
    const power = new EventEmitter();
    vi.useFakeTimers();
    startAutoLock(core, power, () => {});
    expect(core.status().state).toBe('unlocked');
    power.emit('suspend');
    vi.useRealTimers();
    await vi.waitFor(() => expect(core.status().state).toBe('locked'));
  });
});

class FakeApp extends EventEmitter {
  quits = 0;
  quit(): void {
    this.quits++;
    const e = { prevented: false, preventDefault: () => void (e.prevented = true) };
    this.emit('before-quit', e);
    this.lastQuitPrevented = e.prevented;
  }
  lastQuitPrevented = false;
}

describe('lock before quit', () => {
  it('holds the first quit, locks, then quits for real', async () => {
    const app = new FakeApp();
    const core = fakeCore();
    lockBeforeQuit(app, core, () => {});
    app.quit();
    expect(app.lastQuitPrevented).toBe(true);
    // A second quit request while locking is held too and locks nothing twice.
    app.quit();
    expect(app.lastQuitPrevented).toBe(true);
    await vi.waitFor(() => expect(app.quits).toBe(3));
    expect(app.lastQuitPrevented).toBe(false);
    expect(core.lock).toHaveBeenCalledTimes(1);
  });

  it('quits even when locking fails, and logs why', async () => {
    const app = new FakeApp();
    const core = fakeCore();
    core.lock.mockRejectedValueOnce(new Error('close failed'));
    const logs: string[] = [];
    lockBeforeQuit(app, core, (m) => logs.push(m));
    app.quit();
    await vi.waitFor(() => expect(app.quits).toBe(2));
    expect(app.lastQuitPrevented).toBe(false);
    expect(logs.join()).toContain('close failed');
  });

  it('locks a real vault before quitting', async () => {
    const { core } = await createdVault();
    const app = new FakeApp();
    lockBeforeQuit(app, core, () => {});
    app.quit();
    await vi.waitFor(() => expect(app.quits).toBe(2));
    expect(core.status().state).toBe('locked');
  });
});
