/**
 * The desktop writes an export only where the save dialog pointed during this session:
 * `exports.subject` and `exports.register` naming any other path are refused before they
 * reach the core, so no file appears and nothing is audited.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportPathAllowed, registerIpc, type InvokeEvent } from '../../electron/ipc';
import { APP_INDEX_URL } from '../../electron/window';
import type { Result } from '../../shared/errors';
import { newCore, PASS, tempDir } from '../helpers';

type Listener = (event: InvokeEvent, input: unknown) => Promise<Result<unknown>>;

async function setup(dialogAnswers: Array<string | null>) {
  const handlers = new Map<string, Listener>();
  const core = newCore(join(tempDir(), 'vault'), true);
  const logs: string[] = [];
  const chosen = new Set<string>();
  registerIpc({
    ipcMain: { handle: (channel, listener) => void handlers.set(channel, listener) },
    core,
    log: (m) => logs.push(m),
    chosenExportPaths: chosen,
    shell: {
      'shell.chooseFolder': async () => ({ path: null, available: true }),
      'shell.saveTextFile': async () => ({ path: null, available: true }),
      'shell.chooseExportPath': async () => ({ path: dialogAnswers.shift() ?? null, available: true }),
    },
  });
  const invoke = (method: string, input: unknown) => handlers.get(`registre:${method}`)!({ senderFrame: { url: APP_INDEX_URL } }, input);
  expect(await invoke('vault.create', { passphrase: PASS, staffName: 'Anna Admin' })).toMatchObject({ ok: true });
  return { invoke, chosen, logs, core };
}

describe('export paths', () => {
  it.each([
    ['exports.register', { table: 'contacts', format: 'csv' }, true],
    ['exports.subject', { contactId: 'c1', mode: 'access' }, true],
    ['contacts.search', {}, false],
    ['exports.progress', {}, false],
  ] as const)('%s is checked: %j', (method, input, checked) => {
    const chosen = new Set(['/home/anna/Downloads/a.csv']);
    expect(exportPathAllowed(method, { ...input, out: '/home/anna/Downloads/a.csv' }, chosen)).toBe(true);
    expect(exportPathAllowed(method, { ...input, out: '/home/anna/.bashrc' }, chosen)).toBe(!checked);
    expect(exportPathAllowed(method, { ...input }, chosen)).toBe(!checked);
    expect(exportPathAllowed(method, null, chosen)).toBe(!checked);
    // Not normalised: only the exact string the dialog returned.
    expect(exportPathAllowed(method, { ...input, out: '/home/anna/Downloads/../Downloads/a.csv' }, chosen)).toBe(!checked);
  });

  it('refuses an export to a path the dialog never returned, without writing or auditing', async () => {
    const dir = tempDir();
    const { invoke, logs } = await setup([]);
    const before = await invoke('audit.list', { limit: 100 });
    const out = join(dir, 'contacts.csv');
    const refused = await invoke('exports.register', { table: 'contacts', format: 'csv', out });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', detail: { reason: 'export_path_not_chosen' } } });
    expect(existsSync(out)).toBe(false);
    expect(await invoke('audit.list', { limit: 100 })).toEqual(before);
    expect(logs.join('\n')).toContain('Refused exports.register');
    const subject = await invoke('exports.subject', { contactId: '00000000-0000-4000-8000-000000000000', mode: 'access', out: join(dir, 'x.zip') });
    expect(subject).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('lets through the path the dialog returned, and remembers nothing when the person cancels', async () => {
    const dir = tempDir();
    const out = join(dir, 'contacts.csv');
    const { invoke, chosen } = await setup([null, out]);
    expect(await invoke('shell.chooseExportPath', { suggestedName: 'contacts.csv' })).toEqual({ ok: true, data: { path: null, available: true } });
    expect(chosen.size).toBe(0);
    expect(await invoke('shell.chooseExportPath', { suggestedName: 'contacts.csv' })).toEqual({ ok: true, data: { path: out, available: true } });
    expect([...chosen]).toEqual([out]);
    // Past the guard: whatever the core answers, it is not the guard's refusal.
    const result = await invoke('exports.register', { table: 'contacts', format: 'csv', out });
    if (!result.ok) expect(result.error.detail?.reason).not.toBe('export_path_not_chosen');
    // A bad shell input is refused by its schema and remembers nothing.
    expect(await invoke('shell.chooseExportPath', { suggestedName: '../x.csv' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect([...chosen]).toEqual([out]);
  });
});
