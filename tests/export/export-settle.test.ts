/**
 * The unlock settles an export cut short after its files reached their targets (delivery.ts,
 * recovery.ts): the vault is copied as it is on disk at the `data-in-place` step, as a kill
 * there would leave it, and opened again. The journal's foreseen events go on record exactly
 * as the manifest names them; a journal edited to say something else writes nothing to the
 * log, and the files that nobody can then show are on record go.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyExport } from '../../db/export/verify';
import { STEP_CHANNEL, type StepMessage } from '../../db/steps';
import { vaultPaths } from '../../db/vault/paths';
import { call, createdVault, newCore, PASS, tempDir } from '../helpers';

const EXPORT_ACTIONS = ['export.subject', 'sensitive.disclosed'];

/** A bundle with one sensitive detail (two events), and two copies of the vault taken as its zip arrived. */
async function cutShort() {
  const { core } = await createdVault();
  const contact = await call(core, 'contacts.add', { fullName: 'Inès Fontaine', country: 'BE' });
  await call(core, 'sensitive.add', { contactId: contact.id, reason: 'Refund of travel costs', bank: { iban: 'BE68539007547034' } });
  const out = join(tempDir(), 'bundle.zip');
  const copies = [join(tempDir(), 'vault'), join(tempDir(), 'vault')];
  const snapshot = (m: unknown) => {
    if ((m as StepMessage).step !== 'data-in-place') return;
    for (const copy of copies) cpSync(core.vaultDir, copy, { recursive: true, filter: (src) => !src.endsWith('registre.lock') });
  };
  subscribe(STEP_CHANNEL, snapshot);
  const written = await call(core, 'exports.subject', { contactId: contact.id, mode: 'access', includeSensitive: true, out }).finally(() => unsubscribe(STEP_CHANNEL, snapshot));
  await core.lock();
  if (written.outcome !== 'written') throw new Error('the export was cancelled');
  return { out, copies, head: written.auditHead };
}

async function exportEvents(vaultDir: string) {
  const core = newCore(vaultDir);
  await call(core, 'vault.unlock', { passphrase: PASS });
  const events = await core.context().db.selectFrom('audit_events').select(['seq', 'hash', 'action']).where('action', 'in', EXPORT_ACTIONS).orderBy('seq').execute();
  const verify = await call(core, 'audit.verify', {});
  await core.lock();
  return { events, verify };
}

describe('an export cut short once its files were in place', () => {
  it('is put on record at the next unlock, with the very events its manifest names', async () => {
    const { out, copies, head } = await cutShort();
    const journal = vaultPaths(copies[0]!).exportJournal;
    expect(existsSync(journal)).toBe(true);
    const { events, verify } = await exportEvents(copies[0]!);
    expect(events.map((e) => e.action)).toEqual(['export.subject', 'sensitive.disclosed']);
    expect({ seq: Number(events[1]!.seq), hash: events[1]!.hash }).toEqual(head);
    expect(verify).toMatchObject({ intact: true });
    expect(existsSync(journal)).toBe(false);
    expect((await verifyExport(out)).ok).toBe(true);
  });

  it('writes nothing to the log from a journal edited to say something else, and removes the files', async () => {
    const { out, copies } = await cutShort();
    const journalPath = vaultPaths(copies[1]!).exportJournal;
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { audit: { entries: Array<{ action: string }> } };
    journal.audit.entries[0]!.action = 'staff.removed';
    writeFileSync(journalPath, JSON.stringify(journal));
    const { events, verify } = await exportEvents(copies[1]!);
    expect(events).toEqual([]);
    expect(verify).toMatchObject({ intact: true });
    expect(existsSync(journalPath)).toBe(false);
    expect(readdirSync(join(out, '..'))).toEqual([]);
  });
});
