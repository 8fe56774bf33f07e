/**
 * The preview checks that a handed-out name is still free when it admits an export, but a
 * file can appear there while the export runs: its core then refuses to put the export in
 * place rather than overwrite that file (ExportJob.refuseOverwrites, link() in output-file.ts).
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { insertDemoData } from '../../db/seed/demo';
import { STEP_CHANNEL, type StepMessage } from '../../db/steps';
import { startPreviewServer, type PreviewServer } from '../../preview/server';
import { call, createdVault, tempDir } from '../helpers';
import { postApi } from './api-client';

const servers: PreviewServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

describe('preview exports never overwrite', () => {
  it('refuse a name taken after the call was admitted, and leave that file as it was', async () => {
    const { core } = await createdVault();
    const ctx = core.context();
    await ctx.tx((trx, audit) => insertDemoData(trx, { contacts: 200, now: ctx.now }, (t) => audit({ action: 'demo.generated', entityType: t })));
    const staticDir = join(tempDir(), 'renderer');
    mkdirSync(staticDir);
    const exportsDir = tempDir();
    const s = await startPreviewServer({ core, staticDir, exportsDir, log: () => {} });
    servers.push(s);
    const chosen = (await postApi(s, 'shell.chooseExportPath', { suggestedName: 'contacts.csv' })).data as { path: string };
    const before = (await call(core, 'audit.verify', {})).events;
    // Another program writes the name once the export has sealed its file, long after the preview checked it was free.
    const intruder = (m: unknown) => {
      if ((m as StepMessage).step === 'sealed') writeFileSync(chosen.path, 'written by another program');
    };
    subscribe(STEP_CHANNEL, intruder);
    const answer = await postApi(s, 'exports.register', { table: 'contacts', format: 'csv', out: chosen.path }).finally(() => unsubscribe(STEP_CHANNEL, intruder));
    expect(answer).toMatchObject({ ok: false, error: { code: 'conflict', detail: { reason: 'export_path_not_chosen' } } });
    expect(readFileSync(chosen.path, 'utf8')).toBe('written by another program');
    expect(readdirSync(exportsDir)).toEqual(['contacts.csv']);
    expect((await call(core, 'audit.verify', {})).events).toBe(before);
  });
});
