/**
 * Canary scan (issue 2): unique markers written through every path that exists must never
 * appear in plaintext in any file of the vault folder, open (WAL present) or locked.
 * Markers are searched as UTF-8 and UTF-16LE, in several case and Unicode forms, so a
 * page that escaped encryption is found whatever SQLite's text encoding was.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RegistreCore } from '../../db/core';
import { decodeRecoveryKey } from '../../db/vault/recovery-key';
import { call, callError, newCore, tempDir } from '../helpers';

const tag = () => randomBytes(5).toString('hex');

/** Every file below `dir` (the lock is a directory), with its bytes. */
function folderFiles(dir: string): Array<{ path: string; bytes: Buffer }> {
  const out: Array<{ path: string; bytes: Buffer }> = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...folderFiles(p));
    else out.push({ path: p, bytes: readFileSync(p) });
  }
  return out;
}

function textNeedles(marker: string): Buffer[] {
  const forms = new Set<string>();
  for (const base of [marker, marker.normalize('NFC'), marker.normalize('NFD')]) {
    forms.add(base).add(base.toLowerCase()).add(base.toUpperCase());
  }
  return [...forms].flatMap((f) => [Buffer.from(f, 'utf8'), Buffer.from(f, 'utf16le')]);
}

/** Returns "file: marker" for every hit; [] means the folder leaks nothing. */
function scan(dir: string, texts: string[], binaries: Buffer[]): string[] {
  const hits: string[] = [];
  for (const { path, bytes } of folderFiles(dir)) {
    for (const t of texts) if (textNeedles(t).some((n) => bytes.includes(n))) hits.push(`${path}: ${t}`);
    for (const b of binaries) if (bytes.includes(b)) hits.push(`${path}: <${b.length} key bytes>`);
  }
  return hits;
}

async function writeRecords(core: RegistreCore, m: Record<string, string>): Promise<void> {
  const ctx = core.context();
  const now = new Date().toISOString();
  await ctx.tx(async (trx, audit) => {
    const orgId = randomUUID();
    await trx
      .insertInto('organisations')
      .values({
        id: orgId,
        name: m.orgName!,
        country: 'BE',
        type: 'governmental_agency',
        legal_name: m.orgName!,
        vat_number: null,
        billing_address: m.billingAddress!,
        billing_email: m.email!,
        created_at: now,
        updated_at: now,
        archived_at: null,
      })
      .execute();
    const contactId = randomUUID();
    await trx
      .insertInto('contacts')
      .values({
        id: contactId,
        full_name: m.contactName!,
        job_title: m.jobTitle!,
        gender: 'prefer_not_to_say',
        organisation_id: orgId,
        country: 'FR',
        language: 'fr',
        notes: m.notes!,
        created_at: now,
        updated_at: now,
        archived_at: null,
      })
      .execute();
    await trx.insertInto('contact_emails').values({ id: randomUUID(), contact_id: contactId, email: m.email!, is_primary: 1 }).execute();
    await trx.insertInto('contact_phones').values({ id: randomUUID(), contact_id: contactId, e164: m.phone!, label: null }).execute();
    await trx
      .insertInto('sensitive_extras')
      .values({
        id: randomUUID(),
        contact_id: contactId,
        category: 'bank',
        data: JSON.stringify({ iban: m.iban }),
        content: Buffer.from(m.blob!, 'utf8'),
        content_type: 'text/plain',
        event_id: null,
        reason: 'reimbursement',
        created_at: now,
        created_by: ctx.session!.staff.id,
      })
      .execute();
    await trx
      .insertInto('settings')
      .values({ key: 'canary', value: JSON.stringify(m.setting) })
      .execute();
    // A value that is deleted again must not linger either (secure_delete + encryption).
    const gone = randomUUID();
    await trx
      .insertInto('contacts')
      .values({
        id: gone,
        full_name: m.deleted!,
        job_title: null,
        gender: null,
        organisation_id: null,
        country: null,
        language: null,
        notes: null,
        created_at: now,
        updated_at: now,
        archived_at: null,
      })
      .execute();
    await trx.deleteFrom('contacts').where('id', '=', gone).execute();
    await audit({ action: 'contact.created', entityType: 'contact', entityId: contactId, fields: ['full_name', 'notes'] });
  });
}

describe('canary scan of the vault folder', () => {
  it('finds no marker, passphrase or key byte in any file, open and locked', async () => {
    const m = {
      adminName: `Zoë Ærwyn-Canary ${tag()}`,
      staffName: `Quillon Staffcanary ${tag()}`,
      auditorName: `Ysolde Auditcanary ${tag()}`,
      orgName: `Agence Canari Wexford ${tag()}`,
      billingAddress: `Rue du Canari ${tag()} Bruxelles`,
      contactName: `Þórdís Canaryperson ${tag()}`,
      jobTitle: `Chief Canary Officer ${tag()}`,
      notes: `Canary notes ${tag()} — allergique aux arachides`,
      email: `canary.${tag()}@example.org`,
      phone: `+3247${Date.now() % 10_000_000}`,
      iban: `BE71096123456769${tag()}`,
      blob: `CanaryBlob ${tag()}`,
      setting: `CanarySetting ${tag()}`,
      deleted: `Deleted Canary ${tag()}`,
    };
    const passphrases = [`admin canary phrase ${tag()}`, `staff canary phrase ${tag()}`, `auditor canary phrase ${tag()}`];
    const core = newCore();
    const { recoveryKey } = await call(core, 'vault.create', { passphrase: passphrases[0]!, staffName: m.adminName });
    await call(core, 'staff.add', { name: m.staffName, role: 'staff', passphrase: passphrases[1]! });
    await call(core, 'staff.add', { name: m.auditorName, role: 'auditor', passphrase: passphrases[2]! });
    await call(core, 'settings.update', { autoLockMinutes: 17 });
    await writeRecords(core, m);

    const dataKey = decodeRecoveryKey(recoveryKey);
    const auditKey = Buffer.from(core.requireAuditKey());
    const secrets = [recoveryKey, recoveryKey.replace(/-/g, ''), dataKey.toString('hex'), dataKey.toString('base64'), auditKey.toString('base64'), auditKey.toString('hex')];
    const texts = [...Object.values(m), ...passphrases, ...secrets];
    const binaries = [dataKey, auditKey];

    // A second window cannot even try a passphrase while the vault is open here.
    const other = newCore(core.vaultDir);
    expect((await callError(other, 'vault.unlock', { passphrase: `wrong canary ${m.adminName}` })).code).toBe('conflict');

    const dir = core.vaultDir;
    const openNames = readdirSync(dir);
    expect(openNames).toEqual(expect.arrayContaining(['registre.db', 'registre.db-wal', 'registre.keys']));
    // The WAL must hold frames, or the "open" scan would not have covered uncheckpointed pages.
    expect(statSync(join(dir, 'registre.db-wal')).size).toBeGreaterThan(4096);
    expect(scan(dir, texts, binaries)).toEqual([]);

    await call(core, 'vault.lock', {});
    expect(readdirSync(dir)).not.toContain('registre.db-wal');
    // A wrong attempt on the locked vault creates registre.lockout: it is scanned too.
    expect((await callError(other, 'vault.unlock', { passphrase: `wrong canary ${m.adminName}` })).code).toBe('invalid_input');
    expect(readdirSync(dir)).toContain('registre.lockout');
    expect(scan(dir, texts, binaries)).toEqual([]);

    const header = readFileSync(join(dir, 'registre.db')).subarray(0, 16);
    expect(header.equals(Buffer.from('SQLite format 3\0', 'latin1'))).toBe(false);

    // The sidecar holds ids, KDF parameters and sealed keys only: no name in any form.
    const sidecarText = readFileSync(join(dir, 'registre.keys'), 'utf8');
    const sidecar = JSON.parse(sidecarText) as Record<string, unknown>;
    expect(Object.keys(sidecar).sort()).toEqual(['currentKeyId', 'format', 'kdf', 'keyChecks', 'pendingKeyId', 'slots', 'vaultId', 'version']);
    for (const name of [m.adminName, m.staffName, m.auditorName]) {
      for (const word of name.split(' ')) expect(sidecarText.toLowerCase()).not.toContain(word.toLowerCase());
    }
  });

  it('the scanner does find markers in an unencrypted database (control)', () => {
    // Proves the scan above can fail: same markers, plain SQLite, in the same kind of folder.
    const dir = tempDir();
    const marker = `Zoë Ærwyn-Canary ${tag()}`;
    const plain = new Database(join(dir, 'plain.db'));
    plain.pragma('encoding = "UTF-16le"');
    plain.exec('CREATE TABLE t (v TEXT)');
    plain.prepare('INSERT INTO t VALUES (?)').run(marker.toUpperCase());
    plain.close();
    expect(scan(dir, [marker], [])).toHaveLength(1);
  });
});
