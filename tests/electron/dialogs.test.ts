/**
 * The native dialogs behind the shell methods, against a fake of Electron's dialog module
 * (vi.mock: the real electron package is never loaded) and a real temp folder.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../helpers';

const dialog = vi.hoisted(() => ({ showOpenDialog: vi.fn(), showSaveDialog: vi.fn() }));
vi.mock('electron', () => ({ dialog }));

const { shellHandlers } = await import('../../electron/dialogs');

const parent = { id: 1 } as never;

describe('shell.saveTextFile', () => {
  beforeEach(() => {
    dialog.showSaveDialog.mockReset();
  });

  it('proposes the name in the Downloads folder, then writes the chosen file whole', async () => {
    const downloads = tempDir();
    const target = join(tempDir(), 'report.csv');
    writeFileSync(target, 'last week’s report');
    dialog.showSaveDialog.mockResolvedValue({ canceled: false, filePath: target });
    const handlers = shellHandlers(
      () => parent,
      () => '/vault',
      () => downloads,
    );

    const result = await handlers['shell.saveTextFile']({ suggestedName: 'Import problems.csv', content: '\ufeffRow,Reason\r\n5,Duplicate\r\n' });

    expect(result).toEqual({ path: target, available: true });
    const [owner, options] = dialog.showSaveDialog.mock.calls[0]!;
    expect(owner).toBe(parent);
    expect(options).toMatchObject({ defaultPath: join(downloads, 'Import problems.csv'), filters: [{ name: 'CSV', extensions: ['csv'] }] });
    expect(options.properties).toContain('dontAddToRecent');
    expect(readFileSync(target, 'utf8')).toBe('\ufeffRow,Reason\r\n5,Duplicate\r\n');
    // No temp file is left next to it.
    expect(readdirSync(join(target, '..'))).toEqual(['report.csv']);
  });

  it('writes nothing when the user cancels', async () => {
    const downloads = tempDir();
    dialog.showSaveDialog.mockResolvedValue({ canceled: true, filePath: '' });
    const handlers = shellHandlers(
      () => null,
      () => '/vault',
      () => downloads,
    );

    expect(await handlers['shell.saveTextFile']({ suggestedName: 'x.csv', content: 'a' })).toEqual({ path: null, available: true });
    // Without a window the dialog is opened on its own rather than failing.
    expect(dialog.showSaveDialog.mock.calls[0]).toHaveLength(1);
    expect(existsSync(join(downloads, 'x.csv'))).toBe(false);
  });
});

describe('shell.chooseExportPath', () => {
  beforeEach(() => {
    dialog.showSaveDialog.mockReset();
  });

  it('proposes the name in Downloads with its extension as the filter, and writes nothing', async () => {
    const downloads = tempDir();
    const target = join(tempDir(), 'registre-contacts-2026-11-26.csv');
    dialog.showSaveDialog.mockResolvedValue({ canceled: false, filePath: target });
    const handlers = shellHandlers(
      () => parent,
      () => '/vault',
      () => downloads,
    );

    expect(await handlers['shell.chooseExportPath']({ suggestedName: 'registre-contacts-2026-11-26.csv' })).toEqual({ path: target, available: true });
    const [, options] = dialog.showSaveDialog.mock.calls[0]!;
    expect(options).toMatchObject({ defaultPath: join(downloads, 'registre-contacts-2026-11-26.csv'), filters: [{ name: 'CSV', extensions: ['csv'] }] });
    expect(options.properties).toEqual(expect.arrayContaining(['showOverwriteConfirmation', 'dontAddToRecent']));
    // The core writes the export later, streamed; choosing the place creates nothing.
    expect(existsSync(target)).toBe(false);
  });

  it('answers null when the person cancels', async () => {
    dialog.showSaveDialog.mockResolvedValue({ canceled: true, filePath: '' });
    const handlers = shellHandlers(
      () => null,
      () => '/vault',
      () => tempDir(),
    );
    expect(await handlers['shell.chooseExportPath']({ suggestedName: 'registre-access-Marie Lambert-2026-11-26.zip' })).toEqual({ path: null, available: true });
  });
});

describe('shell.saveFile', () => {
  beforeEach(() => {
    dialog.showSaveDialog.mockReset();
  });

  it('writes the bytes the renderer was handed where the person chose, under the extension of the name proposed', async () => {
    const downloads = tempDir();
    const target = join(tempDir(), 'letter.pdf');
    dialog.showSaveDialog.mockResolvedValue({ canceled: false, filePath: target });
    const handlers = shellHandlers(
      () => parent,
      () => '/vault',
      () => downloads,
    );
    const bytes = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x10]);

    expect(await handlers['shell.saveFile']({ suggestedName: 'letter from Ana.pdf', contentBase64: bytes.toString('base64') })).toEqual({ path: target, available: true });
    expect(dialog.showSaveDialog.mock.calls[0]![1]).toMatchObject({ filters: [{ name: 'PDF', extensions: ['pdf'] }] });
    expect(readFileSync(target)).toEqual(bytes);
  });
});
