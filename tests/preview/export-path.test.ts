/**
 * The preview has no save dialog: `shell.chooseExportPath` answers with the exports
 * folder and the suggested name, never the name of a file already there.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { previewExportPath, startPreviewServer, type PreviewServer } from '../../preview/server';
import { newCore, tempDir } from '../helpers';
import { postApi } from './api-client';

const servers: PreviewServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

describe('preview export path', () => {
  it('adds (2), (3)… before the extension rather than overwrite', () => {
    const dir = tempDir();
    expect(previewExportPath(dir, 'registre-contacts-2026-11-26.csv')).toBe(join(dir, 'registre-contacts-2026-11-26.csv'));
    writeFileSync(join(dir, 'registre-contacts-2026-11-26.csv'), 'x');
    expect(previewExportPath(dir, 'registre-contacts-2026-11-26.csv')).toBe(join(dir, 'registre-contacts-2026-11-26 (2).csv'));
    writeFileSync(join(dir, 'registre-contacts-2026-11-26 (2).csv'), 'x');
    expect(previewExportPath(dir, 'registre-contacts-2026-11-26.csv')).toBe(join(dir, 'registre-contacts-2026-11-26 (3).csv'));
    expect(previewExportPath(dir, 'other.csv')).toBe(join(dir, 'other.csv'));
  });

  it("also avoids a name whose manifest is there, so an export never overwrites another's manifest", () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'registre-audit.csv.manifest.json'), '{}');
    expect(previewExportPath(dir, 'registre-audit.csv')).toBe(join(dir, 'registre-audit (2).csv'));
  });

  it('also avoids the names, and their manifests, of exports already handed out', () => {
    const dir = tempDir();
    const claimed = [join(dir, 'registre-audit.csv'), join(dir, 'registre-audit (2).csv')];
    expect(previewExportPath(dir, 'registre-audit.csv', claimed)).toBe(join(dir, 'registre-audit (3).csv'));
    expect(previewExportPath(dir, 'registre-audit.csv.manifest.json', claimed)).toBe(join(dir, 'registre-audit.csv.manifest (2).json'));
    expect(previewExportPath(dir, 'other.csv', claimed)).toBe(join(dir, 'other.csv'));
  });

  it('answers chooseExportPath with the exports folder; other shell methods stay unavailable', async () => {
    const staticDir = join(tempDir(), 'renderer');
    mkdirSync(staticDir);
    const exportsDir = tempDir();
    const s = await startPreviewServer({ core: newCore(), staticDir, exportsDir, log: () => {} });
    servers.push(s);
    expect(await postApi(s, 'shell.chooseExportPath', { suggestedName: 'Marie Curie access.zip' })).toEqual({
      ok: true,
      data: { path: join(exportsDir, 'Marie Curie access.zip'), available: true },
    });
    expect(await postApi(s, 'shell.chooseExportPath', { suggestedName: '../../etc/passwd.csv' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await postApi(s, 'shell.chooseExportPath', { suggestedName: 'x.csv', folder: '/tmp' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await postApi(s, 'shell.chooseFolder', { purpose: 'open' })).toEqual({ ok: true, data: { path: null, available: false } });
  });
});
