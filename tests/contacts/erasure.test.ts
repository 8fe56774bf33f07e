/**
 * Erasing a person (issue 13). The residue test writes a unique marker into every field
 * of every table that can hold one for person A, and other markers for person B; erases
 * A; then decrypts every page of registre.db and every frame of its WAL (free pages and
 * stale frames included) with the data key and looks for the markers: none of A's may be
 * left, all of B's must be found. A control scan before the erasure finds all of A's, so
 * the scan can fail.
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RegistreCore } from '../../db/core';
import { erasurePseudonym } from '../../db/erasure/erase';
import { readLedgerFile } from '../../db/erasure/ledger-file';
import { decodeRecoveryKey } from '../../db/vault/recovery-key';
import { ibanCheckDigits } from '../../shared/rules/iban';
import { yearsAfter } from '../../shared/rules/legal-holds';
import { localDay } from '../../shared/rules/dates';
import { call, callError, createdVault, PASS, tempDir } from '../helpers';
import { decryptVaultPages, findInPages, snapshotPages } from '../vault/sqlcipher-pages';
import { daysAgo, digits, hex, personMarkers, seedPerson } from './erasure-seed';
import { openRaw } from '../vault/vault-files';

const auditHead = (core: RegistreCore) => core.context().db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();

async function rowCounts(core: RegistreCore): Promise<Record<string, number>> {
  const raw = core.context().vault.raw;
  const tables = raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'contact_search_%'`).pluck().all() as string[];
  return Object.fromEntries(tables.map((t) => [t, raw.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number]));
}

describe('erasing a person', () => {
  it('leaves none of their markers in any page or WAL frame, and every marker of the others', async () => {
    const { core, recoveryKey } = await createdVault();
    const key = decodeRecoveryKey(recoveryKey);
    const oldEvent = await call(core, 'events.add', { name: 'Workshop 2012', startDate: '2012-03-01' });
    const a = personMarkers('ZQX7A');
    const b = personMarkers('ZQX7B');
    const aId = await seedPerson(core, a, oldEvent.id, true);
    const bId = await seedPerson(core, b, oldEvent.id, true);

    // Control: before the erasure the scan finds every marker of both.
    const before = snapshotPages(core.vaultDir, key);
    expect(before.some((p) => p.source === 'wal')).toBe(true);
    expect([...findInPages(before, a.needles)].sort()).toEqual([...a.needles].sort());

    const preview = await call(core, 'contacts.erasePreview', { contactId: aId });
    expect(preview.removes).toEqual({
      contact: 1,
      emails: 2,
      phones: 1,
      bankDetails: 1,
      identityDocuments: 1,
      photos: 1,
      signedSheets: 1,
      participations: 1,
      consentEvents: 1,
      photoPreferences: 1,
      photoTakedowns: 1,
      sharing: 1,
      systems: 1,
      searchEntries: 1,
      requestAttachments: 1,
    });
    expect(preview.keeps).toEqual(Array(3).fill(expect.objectContaining({ kind: 'rights_request', hold: 'proof_of_reply', until: null })));

    const result = await call(core, 'contacts.erase', { contactId: aId, reason: 'Art. 17 request by e-mail' });
    expect(result.removed).toEqual(preview.removes);
    expect(result.kept).toEqual(preview.keeps);
    expect(result.erasureId).toBe(erasurePseudonym(core.requireAuditKey(), aId));

    expect((await callError(core, 'contacts.get', { id: aId })).code).toBe('not_found');
    expect((await call(core, 'contacts.get', { id: bId })).fullName).toBe(`${b.name.text} Person`);
    expect((await call(core, 'contacts.search', { query: b.name.text, limit: 10, offset: 0 })).total).toBe(1);
    expect((await call(core, 'contacts.search', { query: a.name.text, limit: 10, offset: 0 })).total).toBe(0);
    expect((await call(core, 'audit.verify', {})).intact).toBe(true);

    // While open (what a crash would leave), then closed.
    const open = snapshotPages(core.vaultDir, key);
    // The checkpoint after the erasure left no frame in the WAL.
    expect(open.filter((p) => p.source === 'wal')).toEqual([]);
    expect([...findInPages(open, a.needles)]).toEqual([]);
    await call(core, 'vault.lock', {});
    const closed = decryptVaultPages(join(core.vaultDir, 'registre.db'), key);
    const foundA = findInPages(closed, a.needles);
    const foundB = findInPages(closed, b.needles);
    console.log(
      `residue: ${before.length} pages before (${before.filter((p) => p.source === 'wal').length} WAL frames), ${open.length} open after, ${closed.length} closed after; ` +
        `A markers found ${foundA.size}/${a.needles.length}, B markers found ${foundB.size}/${b.needles.length - 1} (its former name excluded)`,
    );
    expect([...foundA]).toEqual([]);
    // B's former name went when B was renamed (the index's secure-delete, 0011): every other marker of B stays.
    expect([...foundB].sort()).toEqual(b.needles.filter((n) => n !== b.oldName.needle).sort());

    // The kept requests lost their names, notes and link; the erasure ledger names no one.
    const raw = openRaw(core.vaultDir, recoveryKey);
    try {
      const ids = result.kept.map((k) => k.id);
      const among = `(${ids.map(() => '?').join(',')})`;
      expect(result.kept.map((k) => k.kind)).toEqual(ids.map(() => 'rights_request'));
      for (const id of ids) {
        expect(raw.prepare(`SELECT contact_id, requester_name, requester_email, request_text, identity_seen, notes FROM rights_requests WHERE id = ?`).get(id)).toEqual({
          contact_id: null,
          requester_name: '',
          requester_email: null,
          request_text: null,
          identity_seen: null,
          notes: null,
        });
      }
      // Their tasks stay (each place was searched), without the words written about them; the files the person sent go.
      expect(raw.prepare(`SELECT seq, kind, status, evidence FROM request_tasks WHERE request_id IN ${among} AND status <> 'open' ORDER BY seq`).all(...ids)).toEqual([
        { seq: 1, kind: 'system', status: 'done', evidence: '' },
        { seq: 2, kind: 'partner', status: 'done', evidence: '' },
      ]);
      expect(
        raw
          .prepare(`SELECT count(*) FROM request_attachments WHERE request_id IN ${among}`)
          .pluck()
          .get(...ids),
      ).toBe(0);
      expect(raw.prepare('SELECT count(*) FROM request_attachments').pluck().get()).toBe(1);
      expect(raw.prepare('SELECT id, request_id, reason, kept_count FROM erasures').all()).toEqual([
        { id: result.erasureId, request_id: null, reason: 'Art. 17 request by e-mail', kept_count: ids.length },
      ]);
      // What was carried out stays, without the values: the fields rectified, the bundle's hash but not its name.
      const actions = raw.prepare(`SELECT action, detail FROM request_actions WHERE request_id IN ${among} ORDER BY seq`).all(...ids) as Array<{
        action: string;
        detail: string;
      }>;
      expect(actions.map((a) => [a.action, JSON.parse(a.detail)])).toEqual([
        ['rectification', { fields: ['jobTitle'], changes: null }],
        ['bundle', expect.objectContaining({ fileName: null, mode: 'access', manifestSha256: expect.stringMatching(/^[0-9a-f]{64}$/) })],
      ]);
      const events = raw.prepare(`SELECT action, entity_id, fields FROM audit_events WHERE subject_id = ? ORDER BY seq DESC LIMIT 1`).all(aId);
      expect(events).toEqual([{ action: 'contact.erased', entity_id: aId, fields: expect.stringContaining('consentEvents') }]);
    } finally {
      raw.close();
    }
    const ledger = readFileSync(join(core.vaultDir, 'registre.erasures'), 'utf8');
    expect(ledger).toBe(`${JSON.stringify({ erasure: result.erasureId, on: result.erasedOn })}\n`);
  });

  it('keeps what the legal holds need, exactly as listed, and nothing else of the person', async () => {
    const { core, recoveryKey } = await createdVault();
    const key = decodeRecoveryKey(recoveryKey);
    const recent = await call(core, 'events.add', { name: 'Conference', startDate: daysAgo(1), endDate: daysAgo(1) });
    const old = await call(core, 'events.add', { name: 'Old seminar', startDate: '2015-06-01' });
    const m = personMarkers('ZQX7C');
    const c = await call(core, 'contacts.add', { fullName: `${m.name.text} Held`, email: `${m.email.text}@example.org` });
    const paidOn = daysAgo(2);
    const paidBank = await call(core, 'sensitive.add', { contactId: c.id, reason: 'reimbursement', bank: { iban: m.iban, bic: 'GEBABEBB', holder: m.holder.text, lastPaidOn: paidOn } });
    expect(paidBank.lastPaidOn).toBe(paidOn);
    const unusedBban = digits(12);
    await call(core, 'sensitive.add', { contactId: c.id, reason: 'reimbursement', bank: { iban: `BE${ibanCheckDigits('BE', unusedBban)}${unusedBban}` } });
    const stalePaidBban = digits(12);
    await call(core, 'sensitive.add', { contactId: c.id, reason: 'reimbursement', bank: { iban: `BE${ibanCheckDigits('BE', stalePaidBban)}${stalePaidBban}`, lastPaidOn: '2015-01-10' } });
    const sheet = await call(core, 'sensitive.add', { contactId: c.id, reason: 'attendance', eventId: recent.id, file: { base64: Buffer.from(`%PDF-1.4 ${m.sheet.text}`).toString('base64') } });
    const oldSheetMarker = hex(6);
    await call(core, 'sensitive.add', { contactId: c.id, reason: 'attendance', eventId: old.id, file: { base64: Buffer.from(`%PDF-1.4 ${oldSheetMarker}`).toString('base64') } });

    const preview = await call(core, 'contacts.erasePreview', { contactId: c.id });
    const expected = [
      { id: paidBank.id, kind: 'bank_details', hold: 'accounting', until: yearsAfter(paidOn, 7), keeps: ['iban', 'bic', 'lastPaidOn'], eventId: null },
      { id: sheet.id, kind: 'signed_attendance_sheet', hold: 'accounting_and_grants', until: yearsAfter(daysAgo(1), 7), keeps: ['file', 'event'], eventId: recent.id },
    ];
    expect(preview.keeps).toEqual(expected);
    expect(preview.removes).toMatchObject({ bankDetails: 2, signedSheets: 1 });
    const request = await call(core, 'requests.add', { type: 'erasure', receivedOn: localDay(new Date()), channel: 'email', contactId: c.id });
    expect(await callError(core, 'contacts.erase', { contactId: c.id, reason: 'erasure request', requestId: 'req-2026-014' })).toMatchObject({ code: 'not_found' });
    const result = await call(core, 'contacts.erase', { contactId: c.id, reason: 'erasure request', requestId: request.id });
    // The request itself stays as proof it was answered, after the held items.
    expect(result.kept).toEqual([...expected, expect.objectContaining({ id: request.id, kind: 'rights_request', hold: 'proof_of_reply' })]);
    expect(result.requestId).toBe(request.id);

    await call(core, 'vault.lock', {});
    const raw = openRaw(core.vaultDir, recoveryKey);
    try {
      const holds = raw.prepare('SELECT id, erasure_id, kind, event_id, data, content, held_until FROM erasure_holds ORDER BY kind').all() as Array<Record<string, unknown>>;
      expect(holds).toEqual([
        {
          id: paidBank.id,
          erasure_id: result.erasureId,
          kind: 'bank_details',
          event_id: null,
          data: JSON.stringify({ iban: m.iban, bic: 'GEBABEBB', lastPaidOn: paidOn }),
          content: null,
          held_until: expected[0]!.until,
        },
        {
          id: sheet.id,
          erasure_id: result.erasureId,
          kind: 'signed_attendance_sheet',
          event_id: recent.id,
          data: '{}',
          content: Buffer.from(`%PDF-1.4 ${m.sheet.text}`),
          held_until: expected[1]!.until,
        },
      ]);
      expect(raw.prepare('SELECT count(*) FROM sensitive_extras').pluck().get()).toBe(0);
      expect(raw.prepare('SELECT request_id, kept_count FROM erasures').get()).toEqual({ request_id: request.id, kept_count: 3 });
    } finally {
      raw.close();
    }
    const pages = decryptVaultPages(join(core.vaultDir, 'registre.db'), key);
    // What the holds keep is there; the holder's name, the name, the e-mail and everything unheld are not.
    expect([...findInPages(pages, [m.iban.slice(4), m.sheet.needle])].sort()).toEqual([m.iban.slice(4), m.sheet.needle].sort());
    expect([...findInPages(pages, [m.name.needle, m.email.needle, m.holder.needle, unusedBban, stalePaidBban, oldSheetMarker])]).toEqual([]);
  });

  it('changes nothing for an unknown contact, in a preview, or for a reason that names the person', async () => {
    const { core } = await createdVault();
    const c = await call(core, 'contacts.add', { fullName: 'Ana Ruiz', email: 'ana.ruiz@example.org' });
    const head = await auditHead(core);
    const counts = await rowCounts(core);

    expect(await callError(core, 'contacts.erase', { contactId: randomUUID(), reason: 'request' })).toMatchObject({ code: 'not_found' });
    expect(await callError(core, 'contacts.erasePreview', { contactId: randomUUID() })).toMatchObject({ code: 'not_found' });
    await call(core, 'contacts.erasePreview', { contactId: c.id });
    const named = await callError(core, 'contacts.erase', { contactId: c.id, reason: 'Asked by ana RUIZ on the phone' });
    expect(named).toMatchObject({ code: 'invalid_input' });
    const mailed = await callError(core, 'contacts.erase', { contactId: c.id, reason: 'mail from Ana.Ruiz@example.org' });
    expect(mailed).toMatchObject({ code: 'invalid_input' });
    expect(await callError(core, 'contacts.erase', { contactId: c.id, reason: 'request', requestId: 'not an id' })).toMatchObject({ code: 'invalid_input' });

    expect(await auditHead(core)).toEqual(head);
    expect(await rowCounts(core)).toEqual(counts);
    expect(existsSync(join(core.vaultDir, 'registre.erasures'))).toBe(false);
    expect((await call(core, 'contacts.get', { id: c.id })).fullName).toBe('Ana Ruiz');
  });

  it('writes the ledger beside the vault at the next unlock when the process died before, and starts afresh after a torn line', async () => {
    const { core } = await createdVault();
    const ana = await call(core, 'contacts.add', { fullName: 'Ana Ruiz' });
    const ben = await call(core, 'contacts.add', { fullName: 'Ben Okafor' });
    const first = await call(core, 'contacts.erase', { contactId: ana.id, reason: 'request' });
    const file = join(core.vaultDir, 'registre.erasures');
    const line = (r: { erasureId: string; erasedOn: string }) => `${JSON.stringify({ erasure: r.erasureId, on: r.erasedOn })}\n`;
    // As if the process died between the commit and the append.
    rmSync(file);
    await call(core, 'vault.lock', {});
    await call(core, 'vault.unlock', { passphrase: PASS });
    expect(readFileSync(file, 'utf8')).toBe(line(first));
    // A crash cut the next line short: it stays, skipped, and the next erasure starts a line of its own.
    appendFileSync(file, '{"erasure":"12');
    const second = await call(core, 'contacts.erase', { contactId: ben.id, reason: 'request' });
    expect(readFileSync(file, 'utf8')).toBe(`${line(first)}{"erasure":"12\n${line(second)}`);
    expect(readLedgerFile(file)).toEqual([
      { erasure: first.erasureId, on: first.erasedOn, kind: 'erased' },
      { erasure: second.erasureId, on: second.erasedOn, kind: 'erased' },
    ]);
  });

  it('lists the exports already made that held the person', async () => {
    const { core } = await createdVault();
    const c = await call(core, 'contacts.add', { fullName: 'Ben Okafor' });
    const other = await call(core, 'contacts.add', { fullName: 'Chen Wei' });
    const dir = tempDir();
    await call(core, 'exports.register', { table: 'contacts', format: 'csv', out: join(dir, 'contacts.csv') });
    await call(core, 'exports.subject', { contactId: c.id, mode: 'access', out: join(dir, 'ben.zip') });
    await call(core, 'exports.subject', { contactId: other.id, mode: 'access', out: join(dir, 'chen.zip') });
    // Exports of registers that list no one, and made before the person was added, are not theirs.
    await call(core, 'exports.register', { table: 'processors', format: 'csv', out: join(dir, 'processors.csv') });
    const preview = await call(core, 'contacts.erasePreview', { contactId: c.id });
    expect(preview.exports).toEqual([
      expect.objectContaining({ action: 'export.register', entityType: 'contacts', scope: 'register' }),
      expect.objectContaining({ action: 'export.subject', entityType: 'contact', scope: 'person' }),
    ]);
  });
});
