/**
 * Contacts import against a real encrypted vault: the three source formats, updates by
 * e-mail, organisations, audit, and malformed files that must leave the vault unchanged.
 */
import { describe, expect, it } from 'vitest';
import type { RegistreCore } from '../../db/core';
import { commitImport, previewImport, type ImportCommitRequest, type ImportRequest } from '../../db/import';
import { call, createdVault } from '../helpers';
import { englishReportWords, importReportCsv } from '../../shared/import-report';
import { fixture, snapshot } from './fixtures';
import { ImportProgress } from '../../db/import/progress';

const preview = (core: RegistreCore, req: ImportRequest) => previewImport(core.context(), req);
const commit = (core: RegistreCore, req: ImportCommitRequest) => commitImport(core.context(), req);

async function failure(p: Promise<unknown>): Promise<{ code: string; message: string; detail?: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    return e as { code: string; message: string; detail?: Record<string, unknown> };
  }
  throw new Error('expected a failure');
}

async function findOne(core: RegistreCore, query: string) {
  const page = await call(core, 'contacts.search', { query });
  expect(page.total).toBe(1);
  return call(core, 'contacts.get', { id: page.items[0]!.id });
}

async function auditTail(core: RegistreCore, n: number) {
  return (await call(core, 'audit.list', { limit: n })).map((e) => ({ action: e.action, fields: e.fields }));
}

describe('import: Mailchimp audience export (UTF-8 with BOM, commas)', () => {
  it('previews counts and an error report, refuses invalid rows, then imports the rest', async () => {
    const { core } = await createdVault();
    const content = fixture('mailchimp-audience.csv');
    const p = await preview(core, { content });
    expect(p).toMatchObject({ encoding: 'utf-8', delimiter: ',', preset: 'mailchimp' });
    expect(p.counts).toEqual({ rows: 6, new: 4, update: 0, skipped: 1, invalid: 1, organisationsToCreate: 0, grants: 4, withdrawals: 0 });
    expect(p.issues.map((i) => [i.row, i.status, i.reasons.map((r) => r.reason)])).toEqual([
      [5, 'skipped', ['duplicate']],
      [6, 'invalid', ['email_invalid']],
    ]);
    const report = importReportCsv(p.report, englishReportWords)
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(report[0]).toMatch(/^Row,Status,Reason,Email Address,First Name,Last Name,/);
    expect(report[1]).toMatch(/^5,skipped,Same e-mail address as row 2\.,JEAN\.DUPONT@JUSTICE\.FGOV\.BE,Jean,Dupont,/);
    expect(report[2]).toMatch(/^6,invalid,The e-mail address is not valid \(at sign\)\.,not-an-address,Piet,Janssens,/);

    const before = await snapshot(core);
    const refused = await failure(commit(core, { content }));
    expect(refused.code).toBe('invalid_input');
    expect(refused.detail).toMatchObject({ reason: 'import_has_invalid_rows', invalid: 1 });
    expect(await snapshot(core)).toEqual(before);

    const done = await commit(core, { content, skipInvalid: true, expected: p.counts });
    expect(done.counts.new).toBe(4);
    const after = await snapshot(core);
    expect(after.contacts).toBe(4);
    expect(after.indexed).toBe(4);
    // One event per contact, one per consent recorded, and the import's own.
    expect(after.auditSeq).toBe(before.auditSeq + 9);

    const eloise = await findOne(core, 'eloise martin');
    expect(eloise).toMatchObject({ fullName: 'Éloïse Martin', phones: ['+33612345678'], notes: 'Met at the Lyon workshop, prefers French', organisation: null });
    expect(eloise.emails).toEqual([{ address: 'Eloise.Martin@example.fr', primary: true }]);
    expect((await findOne(core, 'muller')).fullName).toBe('Lukas Müller');
    expect((await findOne(core, 'jean.dupont@justice')).phones).toEqual(['+3225426511']);

    const tail = await auditTail(core, 9);
    expect(tail[0]).toEqual({ action: 'import.committed', fields: ['email', 'firstName', 'lastName', 'phone', 'consentGranted', 'country', 'notes'] });
    expect(tail.slice(1, 5).every((e) => e.action === 'consent.recorded')).toBe(true);
    expect(tail.slice(5).every((e) => e.action === 'contact.created')).toBe(true);
    expect(tail.find((e) => e.action === 'contact.created' && e.fields.includes('notes'))?.fields).toEqual(['fullName', 'email', 'phone', 'country', 'notes']);
    expect((await call(core, 'audit.verify', {})).intact).toBe(true);

    // The same file again: every valid row matches and nothing changes.
    const again = await preview(core, { content });
    expect(again.counts).toMatchObject({ new: 0, update: 0, skipped: 5, invalid: 1 });
    expect(again.issues.filter((i) => i.reasons[0]!.reason === 'unchanged')).toHaveLength(4);
    const nothing = await failure(commit(core, { content, skipInvalid: true }));
    expect(nothing.detail?.reason).toBe('import_nothing');
    expect(await snapshot(core)).toEqual(after);
  });
});

describe('import: Google Forms responses in French (";" delimiter)', () => {
  it('matches by e-mail, updates only the fields in the file, and maps organisations by name', async () => {
    const { core } = await createdVault();
    const parquet = await call(core, 'organisations.add', { name: 'Parquet Federal', type: 'governmental_agency' });
    const jean = await call(core, 'contacts.add', { fullName: 'Jean Dupont', email: 'Jean.Dupont@justice.fgov.be', phone: '+32 2 542 65 11', notes: 'Keep' });
    const content = fixture('google-forms-fr.csv');
    const p = await preview(core, { content });
    expect(p).toMatchObject({ encoding: 'utf-8', delimiter: ';', preset: 'google_forms' });
    expect(p.counts).toEqual({ rows: 6, new: 3, update: 1, skipped: 0, invalid: 2, organisationsToCreate: 3, grants: 0, withdrawals: 0 });
    expect(p.newOrganisations).toEqual(['Office français de la biodiversité', 'Openbaar Ministerie', 'Service public fédéral Justice']);
    expect(p.issues.map((i) => [i.row, i.reasons.map((r) => r.reason)])).toEqual([
      [4, ['phone_invalid']],
      [5, ['no_name_or_email']],
    ]);
    // Row 2 holds a two-line comment; the error report keeps the cells as they were.
    expect(p.sample[0]![9]).toBe('Je viendrai avec une collègue.\nMerci !');

    await commit(core, { content, skipInvalid: true });
    const claire = await findOne(core, 'claire lefevre');
    expect(claire).toMatchObject({ fullName: 'Claire Lefèvre', jobTitle: 'Magistrate', country: 'BE', phones: ['+3225573411'], organisation: { id: parquet.id, name: 'Parquet Federal' } });
    expect(claire.notes).toBe('Je viendrai avec une collègue.\nMerci !');
    const updated = await call(core, 'contacts.get', { id: jean.id });
    expect(updated).toMatchObject({ fullName: 'Jean Dupont', jobTitle: 'Attaché', country: 'BE', notes: 'Keep', phones: ['+3225426511'] });
    expect(updated.organisation?.name).toBe('Service public fédéral Justice');
    expect(updated.emails).toEqual([{ address: 'Jean.Dupont@justice.fgov.be', primary: true }]);
    // Search follows the organisation (new and existing) and the updated contact.
    expect((await call(core, 'contacts.search', { query: 'federal' })).total).toBe(2);
    expect((await call(core, 'contacts.search', { query: 'openbaar' })).items[0]?.fullName).toBe('Anna de Vries');
    const orgs = await call(core, 'organisations.list', {});
    expect(orgs.total).toBe(4);

    const tail = await auditTail(core, 8);
    expect(tail[0]!.action).toBe('import.committed');
    expect(tail.find((e) => e.action === 'contact.updated')?.fields).toEqual(['jobTitle', 'organisationId', 'country']);
    expect(tail.filter((e) => e.action === 'organisation.created')).toHaveLength(3);
    expect((await call(core, 'audit.verify', {})).intact).toBe(true);
  });
});

describe('import: Azavista registrations (Windows-1252)', () => {
  it('reads accents, countries and languages, and leaves identity columns out', async () => {
    const { core } = await createdVault();
    const content = fixture('azavista-registrations.csv');
    const p = await preview(core, { content });
    expect(p).toMatchObject({ encoding: 'windows-1252', preset: 'azavista' });
    expect(p.counts).toEqual({ rows: 4, new: 4, update: 0, skipped: 0, invalid: 0, organisationsToCreate: 4, grants: 0, withdrawals: 0 });
    await commit(core, { content });
    const zoe = await findOne(core, 'zoe coeurdevey');
    expect(zoe).toMatchObject({ fullName: 'Zoë Cœurdevey', country: 'BE', language: 'fr', jobTitle: 'Inspectrice', phones: ['+32470123456'] });
    expect(zoe.organisation?.name).toBe('Bruxelles Environnement');
    const soren = await findOne(core, 'soren ostergaard');
    expect(soren).toMatchObject({ fullName: 'Søren Østergaard', country: 'DK', language: 'en' });
    expect((await findOne(core, 'lemaitre')).language).toBe('fr');
    // Date of birth and nationality are sensitive extras: never bulk-imported.
    const { n } = await core
      .context()
      .db.selectFrom('sensitive_extras')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n)).toBe(0);
  });

  it('rolls everything back when a write fails half-way', async () => {
    const { core } = await createdVault();
    const before = await snapshot(core);
    const raw = core.context().vault.raw;
    raw.exec(`CREATE TEMP TRIGGER fail_phones BEFORE INSERT ON main.contact_phones BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    const e = await failure(commit(core, { content: fixture('azavista-registrations.csv') }));
    expect(e.message).toMatch(/disk full/);
    raw.exec('DROP TRIGGER fail_phones');
    expect(await snapshot(core)).toEqual(before);
    await commit(core, { content: fixture('azavista-registrations.csv') });
    expect((await snapshot(core)).contacts).toBe(4);
  });

  it('remembers the mapping in the import transaction: a failure there leaves nothing behind', async () => {
    const { core } = await createdVault();
    const before = await snapshot(core);
    const raw = core.context().vault.raw;
    raw.exec(`CREATE TEMP TRIGGER fail_settings BEFORE INSERT ON main.settings BEGIN SELECT RAISE(ABORT, 'settings unwritable'); END`);
    expect((await failure(commit(core, { content: fixture('azavista-registrations.csv') }))).message).toMatch(/settings unwritable/);
    raw.exec('DROP TRIGGER fail_settings');
    expect(await snapshot(core)).toEqual(before);
  });

  it('two rows for one existing contact: the first updates it, the second is skipped and named', async () => {
    const { core } = await createdVault();
    await call(core, 'contacts.add', { fullName: 'Lotte Peeters', email: 'a@example.be', otherEmails: ['b@example.be'] });
    const content = Buffer.from('Email,Other email,Name\r\na@example.be,carla@example.be,Lotte Peeters\r\nb@example.be,dora@example.be,Lotte Peeters\r\n');
    const mapping = { Email: 'email', 'Other email': 'email', Name: 'fullName' } as const;
    const p = await preview(core, { content, mapping });
    expect(p.counts).toMatchObject({ rows: 2, update: 1, skipped: 1 });
    expect(p.issues).toEqual([expect.objectContaining({ row: 3, status: 'skipped', reasons: [expect.objectContaining({ reason: 'same_contact' })] })]);
    await commit(core, { content, mapping, expected: p.counts });
    const lotte = await findOne(core, 'carla');
    expect(lotte.emails.map((e) => e.address)).toEqual(['a@example.be', 'b@example.be', 'carla@example.be']);
    expect((await call(core, 'contacts.search', { query: 'dora' })).total).toBe(0);
  });

  it('matches addresses in any case, accented letters included, and rows without one by name, among contacts the file does not name', async () => {
    const { core } = await createdVault();
    for (let i = 0; i < 30; i++) await call(core, 'contacts.add', { fullName: `Other Person ${i}`, email: `other${i}@example.be` });
    const elise = await call(core, 'contacts.add', { fullName: 'Élise Dupont', email: 'Élise.Dupont@example.be' });
    const marc = await call(core, 'contacts.add', { fullName: 'Marc Janssens', email: 'Marc.Janssens@example.be', jobTitle: 'Inspector' });
    const ana = await call(core, 'contacts.add', { fullName: 'Ana Silva' });
    const content = Buffer.from(
      'Email,Name,Job\r\nélise.dupont@example.be,Élise Dupont,Inspector\r\nMARC.JANSSENS@EXAMPLE.BE,Marc Janssens,Inspector\r\n,Silva Ana,Lawyer\r\nnew@example.be,New Person,\r\n',
    );
    const mapping = { Email: 'email', Name: 'fullName', Job: 'jobTitle' } as const;
    const p = await preview(core, { content, mapping });
    expect(p.counts).toMatchObject({ rows: 4, new: 1, update: 2, skipped: 1, invalid: 0 });
    expect(p.issues).toEqual([expect.objectContaining({ row: 3, status: 'skipped', reasons: [expect.objectContaining({ reason: 'unchanged' })] })]);
    await commit(core, { content, mapping, expected: p.counts });
    expect((await call(core, 'contacts.get', { id: elise.id })).jobTitle).toBe('Inspector');
    expect((await call(core, 'contacts.get', { id: ana.id })).jobTitle).toBe('Lawyer');
    expect((await call(core, 'contacts.get', { id: marc.id })).emails.map((e) => e.address)).toEqual(['Marc.Janssens@example.be']);
    expect((await call(core, 'contacts.search', { query: '' })).total).toBe(34);
  });

  it('refuses to commit when the register changed since the preview', async () => {
    const { core } = await createdVault();
    const content = fixture('azavista-registrations.csv');
    const p = await preview(core, { content });
    await call(core, 'contacts.add', { fullName: 'Inès Martínez', email: 'ines.martinez@example.es' });
    const before = await snapshot(core);
    const e = await failure(commit(core, { content, expected: p.counts }));
    expect(e.code).toBe('conflict');
    expect(await snapshot(core)).toEqual(before);
  });

  it("commits the preview's plan while nothing changed, and plans again after any write or for another file", async () => {
    const { core } = await createdVault();
    const content = fixture('azavista-registrations.csv');
    /** The phases the progress bar went through (reading begins again once the file's size is known). */
    const phases = async (run: (progress: ImportProgress) => Promise<unknown>) => {
      const seen: string[] = [];
      const progress = new ImportProgress();
      const begin = progress.begin.bind(progress);
      progress.begin = (phase, total) => (seen.at(-1) === phase || seen.push(phase), begin(phase, total));
      await run(progress);
      return seen;
    };
    await preview(core, { content });
    const other = new TextEncoder().encode('Email,Full name\r\nnobody@example.org,No Body\r\n');
    expect(await phases((p) => commitImport(core.context(), { content: other }, p))).toEqual(['reading', 'checking', 'writing']);
    // That commit gave up the kept preview: this one plans again.
    expect(await phases((p) => commitImport(core.context(), { content }, p))).toEqual(['reading', 'checking', 'writing']);
    const once = await snapshot(core);

    const { core: fresh } = await createdVault();
    await previewImport(fresh.context(), { content });
    expect(await phases((p) => commitImport(fresh.context(), { content }, p))).toEqual(['reading', 'writing']);
    // The same rows as planning again gave (that vault has No Body besides).
    expect(await snapshot(fresh)).toMatchObject({ contacts: once.contacts - 1, emails: once.emails - 1 });

    // The screen commits with what the preview found: the encoding, the delimiter and the mapping.
    const { core: screen } = await createdVault();
    const shown = await previewImport(screen.context(), { content });
    const asShown = { content, encoding: shown.encoding, delimiter: shown.delimiter, mapping: shown.mapping, expected: shown.counts };
    expect(await phases((p) => commitImport(screen.context(), asShown, p))).toEqual(['reading', 'writing']);

    // A write between the two: the commit plans from the vault as it is then, and matches the new contact.
    const { core: third } = await createdVault();
    const p = await previewImport(third.context(), { content });
    await call(third, 'contacts.add', { fullName: 'Inès Martínez', email: 'ines.martinez@example.es' });
    expect(await phases((pr) => commitImport(third.context(), { content, skipInvalid: true }, pr))).toEqual(['reading', 'checking', 'writing']);
    expect((await snapshot(third)).contacts).toBe(p.counts.new);
  });
});

describe('import: malformed files leave the vault unchanged', () => {
  const cases: [string, Uint8Array, RegExp, Partial<ImportRequest>?][] = [
    ['empty file', new Uint8Array(), /This file is empty/],
    ['header only', fixture('header-only.csv'), /header row but no data rows/],
    ['unbalanced quotes', fixture('unbalanced-quotes.csv'), /quoted cell is never closed/],
    ['stray quote', fixture('stray-quote.csv'), /quote appears in the middle of a cell .*line 3/],
    ['UTF-16 without BOM', fixture('utf16-no-bom.csv'), /UTF-16 text without a byte-order mark/],
    ['Windows-1252 read as UTF-8', fixture('latin1-declared-utf8.csv'), /not valid UTF-8/, { encoding: 'utf-8' }],
    ['an Excel workbook', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0]), /Excel workbook/],
    ['no usable column', new TextEncoder().encode('Shoe size,Colour\n42,blue\n'), /Map at least one column/],
  ];
  for (const [what, content, message, options] of cases) {
    it(`${what}: a clear error from preview and commit`, async () => {
      const { core } = await createdVault();
      const before = await snapshot(core);
      const p = await failure(preview(core, { content, ...options }));
      expect(p.code).toBe('invalid_input');
      expect(p.message).toMatch(message);
      const c = await failure(commit(core, { content, skipInvalid: true, ...options }));
      expect(c.message).toMatch(message);
      expect(await snapshot(core)).toEqual(before);
    });
  }

  it('ragged rows: per-row errors with row numbers; commit refused unless asked to skip them', async () => {
    const { core } = await createdVault();
    const content = fixture('ragged-rows.csv');
    const p = await preview(core, { content });
    expect(p.counts).toMatchObject({ new: 2, invalid: 2 });
    expect(p.issues.map((i) => [i.row, i.reasons[0]!.message])).toEqual([
      [3, 'The row has 2 cells but the header has 3.'],
      [4, 'The row has 4 cells but the header has 3.'],
    ]);
    expect(importReportCsv(p.report, englishReportWords)).toContain('4,invalid,The row has 4 cells but the header has 3.,carl@example.org,Carl,Jones,extra');
    const before = await snapshot(core);
    expect((await failure(commit(core, { content }))).detail?.reason).toBe('import_has_invalid_rows');
    expect(await snapshot(core)).toEqual(before);
  });

  it('a mapping that names a missing column is refused', async () => {
    const { core } = await createdVault();
    const e = await failure(preview(core, { content: fixture('ragged-rows.csv'), mapping: { 'E-mail': 'email' } }));
    expect(e.message).toMatch(/column "E-mail" that this file does not have/);
  });

  it('50 MB: a quote never closed is reported at once; over 60 MB is refused', async () => {
    const { core } = await createdVault();
    const before = await snapshot(core);
    const line = 'someone.long.address@example.org,Firstname,Lastname-Doubled-For-Size,+32 470 12 34 56,Some organisation name\n';
    const body = line.repeat(Math.ceil((50 * 1024 * 1024) / line.length));
    const broken = Buffer.from('Email,First name,Last name,Phone,Company\nx@y.be,"Oops,a,b,c\n' + body);
    expect(broken.length).toBeGreaterThan(50 * 1024 * 1024);
    const e = await failure(preview(core, { content: broken }));
    expect(e.message).toMatch(/larger than 1 MB \(probably a quote that is never closed\)/);
    const big = Buffer.concat([broken, Buffer.alloc(11 * 1024 * 1024, 0x41)]);
    const tooBig = await failure(commit(core, { content: big }));
    expect(tooBig.detail?.reason).toBe('file_too_large');
    expect(await snapshot(core)).toEqual(before);
  });
});
