import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { channelFor } from '../../electron/bridge';
import { loadBuiltPreload } from './preload-bundle';
import { registerIpc, type InvokeEvent, type ShellHandlers } from '../../electron/ipc';
import { APP_INDEX_URL } from '../../electron/window';
import { methods, shellMethods } from '../../shared/api/index';
import type { Result } from '../../shared/errors';
import { newCore, PASS, tempDir } from '../helpers';

type Listener = (event: InvokeEvent, input: unknown) => Promise<Result<unknown>>;

function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  return {
    handlers,
    handle(channel: string, listener: Listener) {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
  };
}

const from = (url: string | null): InvokeEvent => ({ senderFrame: url === null ? null : { url } });

function setup(shell?: Partial<ShellHandlers>) {
  const ipcMain = fakeIpcMain();
  const core = newCore(join(tempDir(), 'vault'), true);
  const logs: string[] = [];
  const shellCalls: unknown[] = [];
  let after = 0;
  const channels = registerIpc({
    ipcMain,
    core,
    log: (m) => logs.push(m),
    shell: {
      'shell.chooseFolder': async (input) => {
        shellCalls.push(input);
        return { path: '/chosen', available: true };
      },
      'shell.saveTextFile': async (input) => {
        shellCalls.push(input);
        return { path: '/saved.csv', available: true };
      },
      'shell.saveFile': async (input) => {
        shellCalls.push(input);
        return { path: '/saved.pdf', available: true };
      },
      'shell.chooseExportPath': async (input) => {
        shellCalls.push(input);
        return { path: '/export.zip', available: true };
      },
      ...shell,
    },
    afterCall: () => void after++,
  });
  const invoke = (channel: string, input: unknown, url: string | null = APP_INDEX_URL) => {
    const handler = ipcMain.handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler(from(url), input);
  };
  return { ipcMain, core, logs, shellCalls, channels, invoke, afterCalls: () => after };
}

describe('IPC registration', () => {
  it('registers one channel per contract and shell method, and nothing else', () => {
    const { ipcMain, channels } = setup();
    const expected = [...methods, ...shellMethods].map((m) => `registre:${m}`).sort();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(expected);
    expect([...channels].sort()).toEqual(expected);
    expect(ipcMain.handlers.size).toBe(methods.length + shellMethods.length);
    expect(ipcMain.handlers.has('registre:invoke')).toBe(false);
    expect(methods).toContain('vault.status');
    expect(shellMethods).toContain('shell.chooseFolder');
  });

  it('matches the built preload bridge name for name and channel for channel', async () => {
    const { ipcMain } = setup();
    const seen: Array<[string, unknown]> = [];
    const exposed = loadBuiltPreload(async (channel, input) => void seen.push([channel, input]));
    expect(exposed.name).toBe('registre');
    const bridge = exposed.api as Record<string, unknown>;
    expect(Object.keys(bridge).map(channelFor).sort()).toEqual([...ipcMain.handlers.keys()].sort());
    // Raw calls with a probe input: the bridge forwards whatever it is given, unparsed.
    const loose = bridge as unknown as Record<string, (input: unknown) => Promise<unknown>>;
    for (const name of Object.keys(bridge)) await loose[name]!({ probe: name });
    expect(seen).toEqual(Object.keys(bridge).map((name) => [`registre:${name}`, { probe: name }]));
    expect(Object.values(bridge).every((f) => typeof f === 'function')).toBe(true);
    expect(Object.isFrozen(bridge)).toBe(true);
  });
});

describe('sender check', () => {
  const untrusted = [null, '', 'about:blank', 'https://example.org/', 'file:///tmp/index.html', 'app://registre/other.html', 'app://evil/index.html', 'devtools://devtools/bundled/inspector.html'];

  it.each(untrusted)('answers forbidden to %j on every channel, without reaching the core', async (url) => {
    const { ipcMain, core, invoke, logs, shellCalls, afterCalls } = setup();
    for (const channel of ipcMain.handlers.keys()) {
      const result = await invoke(channel, { passphrase: PASS, staffName: 'Mallory', purpose: 'create' }, url);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('forbidden');
    }
    expect(core.status().exists).toBe(false);
    expect(shellCalls).toEqual([]);
    expect(afterCalls()).toBe(0);
    expect(logs.length).toBe(ipcMain.handlers.size);
    expect(logs[0]).toMatch(/^Refused registre:/);
  });
});

describe('trusted calls', () => {
  it('reach a real core through the shared envelope', async () => {
    const { core, invoke, afterCalls } = setup();
    const status = await invoke('registre:vault.status', {});
    expect(status).toEqual({ ok: true, data: expect.objectContaining({ state: 'absent', exists: false, vaultDir: core.vaultDir }) });
    expect(afterCalls()).toBe(1);
  });

  it('create, lock and unlock a vault over IPC, and report errors as values', async () => {
    const { invoke } = setup();
    const created = await invoke('registre:vault.create', { passphrase: PASS, staffName: 'Anna Admin' }, `${APP_INDEX_URL}#/welcome`);
    expect(created.ok).toBe(true);
    expect(await invoke('registre:vault.lock', {})).toMatchObject({ ok: true, data: { state: 'locked' } });
    expect(await invoke('registre:staff.list', {})).toMatchObject({ ok: false, error: { code: 'locked' } });
    const wrong = await invoke('registre:vault.unlock', { passphrase: 'wrong' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await invoke('registre:vault.unlock', { passphrase: PASS })).toMatchObject({ ok: true, data: { staff: { name: 'Anna Admin' } } });
  });

  it('rejects malformed input with invalid_input', async () => {
    const { invoke } = setup();
    expect(await invoke('registre:vault.status', { extra: 1 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await invoke('registre:vault.unlock', 'passphrase')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('parses shell input with its schema before calling the handler', async () => {
    const { invoke, shellCalls } = setup();
    expect(await invoke('registre:shell.chooseFolder', { purpose: 'create' })).toEqual({ ok: true, data: { path: '/chosen', available: true } });
    expect(await invoke('registre:shell.chooseFolder', { purpose: 'format-disk' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await invoke('registre:shell.chooseFolder', { purpose: 'open', path: '/etc' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(shellCalls).toEqual([{ purpose: 'create' }]);
  });

  it('lets the renderer propose a file name for saving, never a folder', async () => {
    const { invoke, shellCalls } = setup();
    const save = (suggestedName: string) => invoke('registre:shell.saveTextFile', { suggestedName, content: 'Row,Reason\r\n' });
    expect(await save('Import problems 2026-11-26.csv')).toEqual({ ok: true, data: { path: '/saved.csv', available: true } });
    for (const name of ['../../AppData/evil.csv', 'C:\\Users\\anna\\x.csv', '/etc/cron.d/x.txt', 'report.exe', '.csv']) {
      expect(await save(name)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(shellCalls).toHaveLength(1);
  });

  it('turns a failing shell handler into internal, with the stack only in the log', async () => {
    const { invoke, logs } = setup({
      'shell.chooseFolder': async () => {
        throw new Error('dialog exploded at /home/anna');
      },
    });
    const result = await invoke('registre:shell.chooseFolder', { purpose: 'open' });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('/home/anna');
    expect(logs.join('\n')).toContain('dialog exploded');
  });

  it('still answers when the after-call hook fails', async () => {
    const ipcMain = fakeIpcMain();
    const logs: string[] = [];
    registerIpc({
      ipcMain,
      core: newCore(),
      log: (m) => logs.push(m),
      shell: {
        'shell.chooseFolder': async () => ({ path: null, available: true }),
        'shell.saveTextFile': async () => ({ path: null, available: true }),
        'shell.saveFile': async () => ({ path: null, available: true }),
        'shell.chooseExportPath': async () => ({ path: null, available: true }),
      },
      afterCall: () => {
        throw new Error('disk full');
      },
    });
    const result = await ipcMain.handlers.get('registre:vault.status')?.(from(APP_INDEX_URL), {});
    expect(result?.ok).toBe(true);
    expect(logs.join('\n')).toContain('disk full');
  });
});
