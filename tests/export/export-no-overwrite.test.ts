/**
 * A core whose exports must not overwrite (the preview's, ExportJob.refuseOverwrites) puts
 * its files in place with link(), so a file that appears at the target between the check
 * and the end of the export is refused, not overwritten: the file stays as it was, nothing
 * of the export is left, nothing is logged. A desktop core keeps replacing (its save dialog
 * asked the person).
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RegistreCore } from '../../db/core';
import { insertDemoData } from '../../db/seed/demo';
import { STEP_CHANNEL, type StepMessage } from '../../db/steps';
import { vaultPaths } from '../../db/vault/paths';
import { dispatch } from '../../db/dispatch';
import { call, callError, createdVault, tempDir } from '../helpers';

async function auditHead(core: RegistreCore) {
  const h = await core.context().db.selectFrom('audit_head').select(['seq', 'hash']).executeTakeFirstOrThrow();
  return { seq: Number(h.seq), hash: h.hash };
}

async function withContacts(contacts: number): Promise<RegistreCore> {
  const { core } = await createdVault();
  const ctx = core.context();
  await ctx.tx((trx, audit) => insertDemoData(trx, { contacts, now: ctx.now }, (t) => audit({ action: 'demo.generated', entityType: t })));
  return core;
}

/** Exports the contacts and, once the data file is sealed (its name long checked), puts a stranger's file at `taken`; returns the call's answer. */
async function exportWhileTaken(core: RegistreCore, out: string, taken: string) {
  const intruder = (m: unknown) => {
    if ((m as StepMessage).step === 'sealed') writeFileSync(taken, 'a file someone else put here');
  };
  subscribe(STEP_CHANNEL, intruder);
  try {
    return await dispatch(core, 'exports.register', { table: 'contacts', format: 'csv', out });
  } finally {
    unsubscribe(STEP_CHANNEL, intruder);
  }
}

describe('exports that must not overwrite', () => {
  it.each([
    ['the data file', (out: string) => out],
    ['the manifest', (out: string) => `${out}.manifest.json`],
  ])('refuse when a file appears at %s meanwhile, and leave it untouched', async (_what, at) => {
    const core = await withContacts(300);
    core.exportJob.refuseOverwrites();
    const dir = tempDir();
    const out = join(dir, 'contacts.csv');
    const before = await auditHead(core);
    const answer = await exportWhileTaken(core, out, at(out));
    expect(answer.ok).toBe(false);
    const err = answer.ok ? null : answer.error;
    expect(err).toMatchObject({ code: 'conflict', detail: { reason: 'export_path_not_chosen' } });
    expect(err?.message).toContain('does not overwrite');
    expect(readdirSync(dir)).toEqual([at(out).slice(dir.length + 1)]);
    expect(readFileSync(at(out), 'utf8')).toBe('a file someone else put here');
    expect(await auditHead(core)).toEqual(before);
    expect(existsSync(vaultPaths(core.vaultDir).exportJournal)).toBe(false);
    // Nothing of the refused export is in the way of the next one.
    const written = await call(core, 'exports.register', { table: 'contacts', format: 'csv', out: join(dir, 'fresh.csv') });
    expect(written).toMatchObject({ outcome: 'written', rows: 300 });
  });

  it('refuse a bundle whose name was taken meanwhile', async () => {
    const core = await withContacts(0);
    core.exportJob.refuseOverwrites();
    const contact = await call(core, 'contacts.add', { fullName: 'Inès Fontaine', country: 'BE' });
    const dir = tempDir();
    const out = join(dir, 'bundle.zip');
    writeFileSync(out, 'not a zip');
    const before = await auditHead(core);
    // The preview checks the name when it admits the call; here the file is there from the start, as if it came just after.
    expect(await callError(core, 'exports.subject', { contactId: contact.id, mode: 'access', out })).toMatchObject({ code: 'conflict', detail: { reason: 'export_path_not_chosen' } });
    expect(readdirSync(dir)).toEqual(['bundle.zip']);
    expect(readFileSync(out, 'utf8')).toBe('not a zip');
    expect(await auditHead(core)).toEqual(before);
  });

  it('a desktop core replaces the file, as the save dialog agreed', async () => {
    const core = await withContacts(300);
    const dir = tempDir();
    const out = join(dir, 'contacts.csv');
    expect(await exportWhileTaken(core, out, out)).toMatchObject({ ok: true, data: { outcome: 'written', rows: 300 } });
    expect(readFileSync(out, 'utf8')).not.toBe('a file someone else put here');
    expect((await call(core, 'exports.verify', { path: out })).ok).toBe(true);
  });
});
