/**
 * The desktop writes an export only where the save dialog pointed, once per answer:
 * `exports.subject`, `exports.register` and `mailingList.export` naming any other path,
 * or a path already used, or one chosen before a lock, are refused before they reach the
 * core, so no file appears and nothing is audited.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportPathAllowed } from '../../electron/export-approvals';
import { registerIpc, type InvokeEvent } from '../../electron/ipc';
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
      'shell.saveFile': async () => ({ path: null, available: true }),
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
    ['mailingList.export', {}, true],
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
    // A bad shell input is refused by its schema and remembers nothing.
    expect(await invoke('shell.chooseExportPath', { suggestedName: '../x.csv' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect([...chosen]).toEqual([out]);
    // Past the guard: the file and the manifest the core derives from its name.
    expect(await invoke('exports.register', { table: 'contacts', format: 'csv', out })).toMatchObject({ ok: true, data: { outcome: 'written', manifestPath: `${out}.manifest.json` } });
    expect(existsSync(out) && existsSync(`${out}.manifest.json`)).toBe(true);
  });

  it('lets one export use a dialog answer, whatever its outcome', async () => {
    const dir = tempDir();
    const out = join(dir, 'contacts.csv');
    const { invoke, chosen } = await setup([out, out]);
    await invoke('shell.chooseExportPath', { suggestedName: 'contacts.csv' });
    expect(await invoke('exports.register', { table: 'contacts', format: 'csv', out })).toMatchObject({ ok: true });
    expect(chosen.size).toBe(0);
    // Again without the dialog: refused, the file stays as the first export wrote it.
    const first = readFileSync(out);
    expect(await invoke('exports.register', { table: 'contacts', format: 'json', out })).toMatchObject({ ok: false, error: { detail: { reason: 'export_path_not_chosen' } } });
    expect(readFileSync(out)).toEqual(first);
    // A failed export uses the answer up too.
    await invoke('shell.chooseExportPath', { suggestedName: 'contacts.csv' });
    expect(await invoke('exports.register', { table: 'consents', format: 'csv', filters: { from: '2026-02-30' }, out })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(chosen.size).toBe(0);
  });

  it('forgets the dialog answers at lock and unlock', async () => {
    const dir = tempDir();
    const out = join(dir, 'contacts.csv');
    const { invoke, chosen } = await setup([out]);
    await invoke('shell.chooseExportPath', { suggestedName: 'contacts.csv' });
    expect([...chosen]).toEqual([out]);
    expect(await invoke('vault.lock', {})).toMatchObject({ ok: true });
    expect(chosen.size).toBe(0);
    expect(await invoke('vault.unlock', { passphrase: PASS })).toMatchObject({ ok: true });
    expect(await invoke('exports.register', { table: 'contacts', format: 'csv', out })).toMatchObject({ ok: false, error: { detail: { reason: 'export_path_not_chosen' } } });
    expect(existsSync(out)).toBe(false);
  });
});
