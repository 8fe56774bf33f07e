import { registerTables, type RegisterTable } from '../../shared/vocabulary';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { RegistreCore } from '../../db/core';
import { insertDemoData } from '../../db/seed/demo';
import { csvCellText } from '../../db/export/register-format';
import { exportHandlers } from '../../db/export/handlers';
import { contract } from '../../shared/api/index';
import { neutraliseFormula } from '../../shared/csv';
import type { ExportResultDto } from '../../shared/dto/exports';
import { manifestSchema } from '../../shared/export-manifest';
import { call, callError, createdVault, PASS, tempDir, TEST_KEY_STRETCHING } from '../helpers';

type Row = Record<string, unknown>;

/** A vault with something in every register, a few records with hostile text among them. */
async function seeded() {
  const { core } = await createdVault();
  const ctx = core.context();
  await ctx.tx((trx, audit) => insertDemoData(trx, { contacts: 150, now: ctx.now, seed: 7 }, (t) => audit({ action: 'demo.generated', entityType: t })));
  const org = await call(core, 'organisations.add', {
    name: '=Agence "Nord"',
    type: 'other',
    country: 'BE',
    legalName: 'Agence Nord ASBL',
    vatNumber: 'BE0123456789',
    billingAddress: 'Rue X 1\n1000 Bruxelles',
    billingEmail: 'billing@nord.be',
  });
  const ana = await call(core, 'contacts.add', {
    fullName: 'Ana "Zé" Ruiz',
    email: 'ana@example.org',
    otherEmails: ['ana.ruiz@example.es', 'a.ruiz@example.com'],
    phone: '+32 470 12 34 56',
    otherPhones: ['+34 600 123 456'],
    jobTitle: '-Head of Unit; Waste',
    gender: 'female',
    organisationId: org.id,
    country: 'ES',
    language: 'es',
    notes: 'Met in Lisbon,\r\nprefers e-mail\u2028ok',
  });
  const ben = await call(core, 'contacts.add', { fullName: 'Ben Okafor', email: 'ben@example.org', country: 'IE' });
  await call(core, 'contacts.archive', { id: ben.id, archived: true });
  const events = await call(core, 'events.list', { limit: 3, offset: 0 });
  const event = events.items[0]!;
  await call(core, 'participations.add', { contactId: ana.id, eventId: event.id, role: 'speaker', travelBooked: true });
  await call(core, 'consents.record', { contactId: ana.id, purposeCode: 'newsletter', action: 'granted', channel: 'form', evidence: '@form 12', occurredOn: '2026-01-10' });
  await call(core, 'consents.record', { contactId: ana.id, purposeCode: 'newsletter', action: 'withdrawn', channel: 'email', occurredOn: '2026-02-20' });
  await call(core, 'consents.record', { contactId: ben.id, purposeCode: 'partner_sharing', action: 'granted', channel: 'paper', occurredOn: '2025-12-01' });
  await call(core, 'photos.setPreference', { contactId: ana.id, eventId: event.id, state: 'opted_out', channel: 'email', decidedOn: '2026-01-05' });
  await call(core, 'photos.setPreference', { contactId: ben.id, state: 'allowed', channel: 'form', decidedOn: '2026-01-06' });
  await call(core, 'sharing.record', { contactId: ben.id, partner: 'enpe', jointActivity: 'Joint training', dataCategories: ['name', 'e-mail address'], sharedOn: '2026-01-15' });
  const { processors } = await call(core, 'processors.list', {});
  await call(core, 'contactSystems.set', { contactId: ana.id, processorId: processors[0]!.id, holds: true });
  await ctx.db
    .insertInto('rights_requests')
    .values({
      id: randomUUID(),
      contact_id: ana.id,
      requester_name: 'Ana Ruiz',
      type: 'access',
      status: 'received',
      channel: 'post',
      received_on: '2026-03-01',
      clock_started_on: '2026-03-01',
      due_on: '2026-04-01',
      created_by: core.context().session!.staff.id,
      created_at: ctx.now.toISOString(),
    })
    .execute();
  return { core, ana, ben, org, event };
}

/**
 * What each register holds, read with plain SQL straight from the vault (not through the
 * export's queries), in the export's order; lists as JSON arrays.
 */
const EXPECTED: Record<RegisterTable, string> = {
  contacts: `SELECT c.id, c.full_name AS fullName,
      (SELECT email FROM contact_emails e WHERE e.contact_id = c.id AND is_primary = 1) AS primaryEmail,
      (SELECT json_group_array(email) FROM (SELECT email FROM contact_emails e WHERE e.contact_id = c.id AND is_primary = 0 ORDER BY entry_seq)) AS otherEmails,
      (SELECT json_group_array(e164) FROM (SELECT e164 FROM contact_phones p WHERE p.contact_id = c.id ORDER BY entry_seq)) AS phones,
      c.job_title AS jobTitle, c.gender, c.organisation_id AS organisationId, o.name AS organisationName, c.country, c.language, c.notes,
      c.created_at AS createdAt, c.updated_at AS updatedAt, c.archived_at AS archivedAt
    FROM contacts c LEFT JOIN organisations o ON o.id = c.organisation_id WHERE c.archived_at IS NULL ORDER BY c.sort_rank`,
  organisations: `SELECT id, name, type, country, legal_name AS legalName, vat_number AS vatNumber, billing_address AS billingAddress, billing_email AS billingEmail,
      created_at AS createdAt, updated_at AS updatedAt, archived_at AS archivedAt FROM organisations ORDER BY id`,
  events: `SELECT e.id, e.name, e.type, e.start_date AS startDate, e.end_date AS endDate, e.location, e.organiser, e.project_id AS projectId, j.name AS projectName,
      (SELECT count(*) FROM participations p WHERE p.event_id = e.id) AS participants, e.created_at AS createdAt
    FROM events e LEFT JOIN projects j ON j.id = e.project_id ORDER BY e.id`,
  participations: `SELECT p.id, p.contact_id AS contactId, c.full_name AS contactName, p.event_id AS eventId, e.name AS eventName, p.project_id AS projectId, j.name AS projectName,
      p.role, CASE p.travel_booked WHEN 1 THEN 'true' ELSE 'false' END AS travelBooked, p.participated_on AS participatedOn, p.created_at AS createdAt
    FROM participations p JOIN contacts c ON c.id = p.contact_id LEFT JOIN events e ON e.id = p.event_id LEFT JOIN projects j ON j.id = p.project_id ORDER BY p.id`,
  consents: `SELECT k.id, k.contact_id AS contactId, c.full_name AS contactName, u.code AS purposeCode, k.action, k.lawful_basis AS lawfulBasis, k.channel, k.evidence,
      v.version AS policyVersion, v.language AS policyLanguage, CASE k.policy_earlier WHEN 1 THEN 'true' ELSE 'false' END AS policyEarlier, k.occurred_at AS occurredAt, k.recorded_by AS recordedById, s.name AS recordedBy, k.recorded_at AS recordedAt
    FROM consent_events k JOIN contacts c ON c.id = k.contact_id JOIN purposes u ON u.id = k.purpose_id
    LEFT JOIN policy_versions v ON v.id = k.policy_version_id LEFT JOIN staff s ON s.id = k.recorded_by ORDER BY k.entry_seq`,
  photoPreferences: `SELECT o.id, o.contact_id AS contactId, c.full_name AS contactName, o.event_id AS eventId, e.name AS eventName, o.state, o.channel, o.decided_on AS decidedOn,
      o.recorded_by AS recordedById, s.name AS recordedBy, o.recorded_at AS recordedAt, o.withdrawn_at AS withdrawnAt
    FROM photo_optouts o JOIN contacts c ON c.id = o.contact_id LEFT JOIN events e ON e.id = o.event_id LEFT JOIN staff s ON s.id = o.recorded_by ORDER BY o.id`,
  processors: `SELECT p.id, p.name, p.kind, p.role, p.country, p.transfer_safeguard AS transferSafeguard, p.dpa_status AS dpaStatus, p.dpa_signed_on AS dpaSignedOn, p.data_categories AS dataCategories,
      p.policy_url AS policyUrl, p.notes,
      (SELECT json_group_array(code) FROM (SELECT u.code FROM purpose_processors pp JOIN purposes u ON u.id = pp.purpose_id WHERE pp.processor_id = p.id ORDER BY u.position, u.code)) AS purposes,
      (SELECT count(*) FROM contact_processors cp WHERE cp.processor_id = p.id) AS contacts, p.created_at AS createdAt
    FROM processors p ORDER BY p.id`,
  sharing: `SELECT s.id, s.contact_id AS contactId, c.full_name AS contactName, s.partner, s.mou_reference AS mouReference, s.joint_activity AS jointActivity,
      s.data_categories AS dataCategories, s.shared_on AS sharedOn, s.recorded_by AS recordedById, st.name AS recordedBy, s.recorded_at AS recordedAt
    FROM partner_sharing s JOIN contacts c ON c.id = s.contact_id LEFT JOIN staff st ON st.id = s.recorded_by ORDER BY s.id`,
  requests: `SELECT r.id, r.contact_id AS contactId, r.requester_name AS requesterName, r.requester_email AS requesterEmail, r.type, r.status, r.channel,
      r.request_text AS requestText, CASE r.is_test WHEN 1 THEN 'true' ELSE 'false' END AS isTest, r.received_on AS receivedOn, r.clock_started_on AS clockStartedOn,
      r.due_on AS dueOn, r.paused_on AS pausedOn, r.identity_checked_on AS identityCheckedOn, r.identity_method AS identityMethod, r.identity_seen AS identitySeen,
      r.extension_months AS extensionMonths, r.extended_due_on AS extendedDueOn, r.extension_reason AS extensionReason, r.closed_on AS closedOn, r.outcome,
      r.refusal_reason AS refusalReason, r.refusal_text AS refusalText, r.outcome_note AS outcomeNote, r.notes,
      r.created_by AS createdById, s.name AS createdBy, r.created_at AS createdAt
    FROM rights_requests r LEFT JOIN staff s ON s.id = r.created_by ORDER BY r.id`,
  audit: `SELECT a.seq, a.at, a.staff_id AS staffId, s.name AS staffName, a.action, a.entity_type AS entityType, a.entity_id AS entityId, a.subject_id AS subjectId,
      a.fields, a.prev_hash AS prevHash, a.hash FROM audit_events a LEFT JOIN staff s ON s.id = a.staff_id ORDER BY a.seq`,
};
const LISTS = new Set(['otherEmails', 'phones', 'dataCategories', 'purposes', 'fields']);

function expectedRows(core: RegistreCore, table: RegisterTable): Row[] {
  const rows = core.context().vault.raw.prepare(EXPECTED[table]).all() as Row[];
  return rows.map((r) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, LISTS.has(k) ? JSON.parse(v as string) : k === 'travelBooked' || k === 'isTest' || k === 'policyEarlier' ? v === 'true' : v])),
  );
}

/** The same rows as CSV cells: text, lists joined, neutralised. */
const asCsv = (rows: Row[]): string[][] => rows.map((r) => Object.values(r).map((v) => neutraliseFormula(csvCellText(v as never))));

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

async function auditHead(core: RegistreCore) {
  const h = await core.context().db.selectFrom('audit_head').select(['seq', 'hash']).executeTakeFirstOrThrow();
  return { seq: Number(h.seq), hash: h.hash };
}

function written(r: ExportResultDto) {
  if (r.outcome !== 'written') throw new Error('expected a written export');
  return r;
}

describe('exports.register', () => {
  it('writes every register as JSON and CSV with exactly the rows the vault holds, a manifest and one audit event', async () => {
    const { core } = await seeded();
    const dir = tempDir();
    for (const table of registerTables) {
      const expected = expectedRows(core, table);
      if (table !== 'requests') expect(expected.length, table).toBeGreaterThan(0);
      const columns = Object.keys(expectedRows(core, table)[0] ?? {});

      const jsonPath = join(dir, `${table}.json`);
      const json = written(await call(core, 'exports.register', { table, format: 'json', out: jsonPath } as never));
      const doc = JSON.parse(readFileSync(jsonPath, 'utf8')) as { register: string; exportedAt: string; filters: object; columns: string[]; rows: Row[] };
      expect(doc.register).toBe(table);
      expect(doc.exportedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      if (columns.length) expect(doc.columns).toEqual(columns);
      // The audit register was read before its own export event was appended.
      expect(doc.rows, table).toEqual(table === 'audit' ? expected : expectedRows(core, table));
      expect(json.rows).toBe(expected.length);

      const csvPath = join(dir, `${table}.csv`);
      const headBefore = await auditHead(core);
      const csv = written(await call(core, 'exports.register', { table, format: 'csv', out: csvPath } as never));
      const text = readFileSync(csvPath, 'utf8');
      expect(text.charCodeAt(0)).not.toBe(0xfeff);
      expect(text.endsWith('\r\n')).toBe(true);
      const parsed = parse(text) as string[][];
      expect(parsed[0]).toEqual(doc.columns);
      expect(parsed.slice(1), table).toEqual(asCsv(table === 'audit' ? expectedRows(core, 'audit').slice(0, -1) : expected));

      // The manifest lists the file's bytes, and its chain head is the export's own audit event.
      const manifest = manifestSchema.parse(JSON.parse(readFileSync(`${csvPath}.manifest.json`, 'utf8')));
      expect(manifest.kind).toBe('register');
      expect(manifest.register).toMatchObject({ table, format: 'csv', delimiter: ',', bom: false });
      expect(manifest.files).toEqual([{ name: `${table}.csv`, rows: parsed.length - 1, bytes: readFileSync(csvPath).length, sha256: sha256(csvPath) }]);
      expect(manifest.auditChain).toEqual(await auditHead(core));
      expect(manifest.auditChain.seq).toBe(headBefore.seq + 1);
      expect(csv.auditHead).toEqual(manifest.auditChain);
      const event = core.context().vault.raw.prepare('SELECT action, entity_type, fields FROM audit_events WHERE seq = ?').get(manifest.auditChain.seq) as Row;
      expect(event).toEqual({ action: 'export.register', entity_type: table, fields: JSON.stringify(doc.columns) });
    }
    // Nothing but the exports and their manifests in the folder: no temporary file left.
    expect(readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
    expect((await call(core, 'audit.verify', {})).intact).toBe(true);
  });

  it('exports the requests register with its headers when it is empty', async () => {
    const { core } = await createdVault();
    const dir = tempDir();
    await call(core, 'exports.register', { table: 'requests', format: 'csv', out: join(dir, 'r.csv') });
    expect(readFileSync(join(dir, 'r.csv'), 'utf8')).toBe(
      'id,contactId,requesterName,requesterEmail,type,status,channel,requestText,isTest,receivedOn,clockStartedOn,dueOn,pausedOn,identityCheckedOn,identityMethod,identitySeen,extensionMonths,extendedDueOn,extensionReason,closedOn,outcome,refusalReason,refusalText,outcomeNote,notes,createdById,createdBy,createdAt\r\n',
    );
    const r = written(await call(core, 'exports.register', { table: 'requests', format: 'json', out: join(dir, 'r.json') }));
    expect(r.rows).toBe(0);
    expect((JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as { rows: unknown[] }).rows).toEqual([]);
  });

  it('selects the same contacts as contacts.search for the same filters', async () => {
    const { core, org, ana, event } = await seeded();
    const dir = tempDir();
    const demoOrg = await core.context().db.selectFrom('contacts').select('organisation_id').where('organisation_id', 'is not', null).where('organisation_id', '!=', org.id).executeTakeFirstOrThrow();
    const cases: Array<Record<string, string>> = [
      {},
      { archived: 'include' },
      { archived: 'only' },
      { country: 'ES' },
      { organisationId: org.id },
      { organisationId: demoOrg.organisation_id! },
      { eventId: event.id },
      { query: 'ana' },
      { query: 'ruiz', country: 'ES' },
      { query: 'ma', organisationId: demoOrg.organisation_id! },
      { query: 'inspector' },
      { query: 'zzzznobody' },
      { query: '!!' },
    ];
    let i = 0;
    for (const filters of cases) {
      const search = await call(core, 'contacts.search', { ...filters, limit: 200, offset: 0 });
      expect(search.totalIsFloor, JSON.stringify(filters)).toBeFalsy();
      const out = join(dir, `c${i++}.json`);
      const r = written(await call(core, 'exports.register', { table: 'contacts', format: 'json', filters, out } as never));
      const rows = (JSON.parse(readFileSync(out, 'utf8')) as { rows: Array<{ id: string }> }).rows;
      expect(r.rows, JSON.stringify(filters)).toBe(search.total);
      expect(
        rows.map((c) => c.id),
        JSON.stringify(filters),
      ).toEqual(search.items.map((c) => c.id));
    }
    const onlyAna = JSON.parse(readFileSync(join(dir, 'c4.json'), 'utf8')) as { filters: object; rows: Row[] };
    expect(onlyAna.filters).toEqual({ organisationId: org.id, archived: 'exclude' });
    expect(onlyAna.rows).toEqual([
      expect.objectContaining({ id: ana.id, primaryEmail: 'ana@example.org', otherEmails: ['ana.ruiz@example.es', 'a.ruiz@example.com'], phones: ['+32470123456', '+34600123456'] }),
    ]);
  });

  it('narrows the other registers by their filters', async () => {
    const { core, ana, ben, event } = await seeded();
    const dir = tempDir();
    const rowsOf = async (table: RegisterTable, filters: object) => {
      const out = join(dir, `${randomUUID()}.json`);
      await call(core, 'exports.register', { table, format: 'json', filters, out } as never);
      return (JSON.parse(readFileSync(out, 'utf8')) as { rows: Row[] }).rows;
    };
    const all = (table: RegisterTable) => expectedRows(core, table);
    expect(await rowsOf('participations', { eventId: event.id })).toEqual(all('participations').filter((p) => p.eventId === event.id));
    expect(await rowsOf('participations', { contactId: ana.id })).toEqual(all('participations').filter((p) => p.contactId === ana.id));
    expect((await rowsOf('consents', { contactId: ana.id })).map((c) => c.action).sort()).toEqual(['granted', 'withdrawn']);
    expect((await rowsOf('consents', { from: '2026-01-10', to: '2026-01-31' })).map((c) => c.occurredAt)).toEqual(['2026-01-10']);
    expect((await rowsOf('consents', { from: '2025-12-01', to: '2026-02-20' })).length).toBe(3);
    const newsletter = (await core.context().db.selectFrom('purposes').select('id').where('code', '=', 'newsletter').executeTakeFirstOrThrow()).id;
    expect((await rowsOf('consents', { purposeId: newsletter })).map((c) => c.contactId)).toEqual([ana.id, ana.id]);
    expect((await rowsOf('photoPreferences', { eventId: event.id })).map((p) => p.contactId)).toEqual([ana.id]);
    expect((await rowsOf('photoPreferences', { contactId: ben.id })).map((p) => p.state)).toEqual(['allowed']);
    expect((await rowsOf('sharing', { partner: 'ENPE' })).map((s) => s.contactId)).toEqual([ben.id]);
    expect(await rowsOf('sharing', { partner: 'EnviCrimeNet' })).toEqual([]);
    expect((await rowsOf('requests', { status: 'received' })).length).toBe(1);
    expect(await rowsOf('requests', { status: 'completed' })).toEqual([]);
    expect((await rowsOf('organisations', { query: 'nord' })).map((o) => o.name)).toEqual(['=Agence "Nord"']);
    expect((await rowsOf('events', { query: event.name })).map((e) => e.id)).toEqual([event.id]);
    const history = await rowsOf('audit', { subjectId: ana.id });
    expect(history.length).toBeGreaterThan(3);
    expect(history.every((a) => a.subjectId === ana.id)).toBe(true);
    const err = await callError(core, 'exports.register', { table: 'audit', format: 'json', filters: { from: '2026-02-30' }, out: join(dir, 'bad.json') });
    expect(err).toMatchObject({ code: 'invalid_input', detail: { reason: 'date_invalid', field: 'filters' } });
    expect(err.message).toMatch(/^filters\.from: This is not a real date/);
    expect(readdirSync(dir).filter((f) => f.startsWith('bad') || f.startsWith('.bad'))).toEqual([]);
  });

  it('writes CSV with ";" and a BOM when asked, neutralising formula cells', async () => {
    const { core, ana } = await seeded();
    const dir = tempDir();
    const out = join(dir, 'contacts.csv');
    await call(core, 'exports.register', { table: 'contacts', format: 'csv', delimiter: ';', bom: true, filters: { query: 'Zé' }, out });
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.split('\r\n')[0]).toBe('\ufeffid;fullName;primaryEmail;otherEmails;phones;jobTitle;gender;organisationId;organisationName;country;language;notes;createdAt;updatedAt;archivedAt');
    const [header, row] = parse(text, { bom: true, delimiter: ';' }) as string[][];
    const cell = (name: string) => row![header!.indexOf(name)];
    expect(cell('id')).toBe(ana.id);
    expect(cell('fullName')).toBe('Ana "Zé" Ruiz');
    expect(cell('jobTitle')).toBe("'-Head of Unit; Waste");
    expect(cell('phones')).toBe("'+32470123456; +34600123456");
    expect(cell('organisationName')).toBe('\'=Agence "Nord"');
    expect(cell('notes')).toBe('Met in Lisbon,\r\nprefers e-mail\u2028ok');
    const manifest = manifestSchema.parse(JSON.parse(readFileSync(`${out}.manifest.json`, 'utf8')));
    expect(manifest.register).toMatchObject({ delimiter: ';', bom: true, filters: { query: 'Zé', archived: 'exclude' } });
    expect(manifest.files[0]!.sha256).toBe(sha256(out));
  });

  it('lets an auditor export, logging the export itself and no "viewed" line', async () => {
    const { core } = await seeded();
    await call(core, 'staff.add', { name: 'Olga Auditor', role: 'auditor', passphrase: 'auditor passphrase 123' });
    await call(core, 'vault.lock', {});
    await call(core, 'vault.unlock', { passphrase: 'auditor passphrase 123' });
    const before = await auditHead(core);
    const out = join(tempDir(), 'orgs.csv');
    written(await call(core, 'exports.register', { table: 'organisations', format: 'csv', out }));
    const events = core.context().vault.raw.prepare('SELECT action FROM audit_events WHERE seq > ?').all(before.seq) as Row[];
    expect(events).toEqual([{ action: 'export.register' }]);
    await call(core, 'vault.lock', {});
    await call(core, 'vault.unlock', { passphrase: PASS });
  });

  it('refuses bad input and writes nothing', async () => {
    const { core } = await seeded();
    const dir = tempDir();
    const before = await auditHead(core);
    const bad = [
      { table: 'contacts', format: 'csv', out: 'contacts.csv' },
      { table: 'contacts', format: 'csv', out: join(dir, 'missing', 'contacts.csv') },
      { table: 'contacts', format: 'csv', out: join(dir, 'contacts.json') },
      { table: 'contacts', format: 'json', out: join(dir, 'contacts.txt') },
      { table: 'contacts', format: 'csv', delimiter: '\t', out: join(dir, 'contacts.csv') },
      { table: 'nobody', format: 'csv', out: join(dir, 'x.csv') },
      { table: 'consents', format: 'csv', filters: { eventId: randomUUID() }, out: join(dir, 'x.csv') },
    ];
    for (const input of bad) {
      const err = await callError(core, 'exports.register', input);
      expect(err.code, JSON.stringify(input)).toBe('invalid_input');
    }
    expect(readdirSync(dir)).toEqual([]);
    expect(await auditHead(core)).toEqual(before);
  });

  it('stops on cancel: no file at the target, no temporary file, no audit event', async () => {
    const { core } = await createdVault();
    const ctx = core.context();
    await ctx.tx((trx, audit) => insertDemoData(trx, { contacts: 6000, now: ctx.now }, (t) => audit({ action: 'demo.generated', entityType: t })));
    const dir = tempDir();
    const out = join(dir, 'contacts.json');
    const before = await auditHead(core);
    const running = call(core, 'exports.register', { table: 'contacts', format: 'json', out });
    let progress = await call(core, 'exports.progress', {});
    while (progress.done === 0) {
      await new Promise((r) => setImmediate(r));
      progress = await call(core, 'exports.progress', {});
    }
    expect(progress).toMatchObject({ running: true, kind: 'register', label: 'contacts', total: 6000 });
    expect(await call(core, 'exports.cancel', {})).toEqual({ cancelling: true });
    expect(await running).toEqual({ outcome: 'cancelled' });
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
    expect(await auditHead(core)).toEqual(before);
    expect(await call(core, 'exports.progress', {})).toMatchObject({ running: false });
    // The next export runs normally.
    expect(written(await call(core, 'exports.register', { table: 'contacts', format: 'csv', out: join(dir, 'contacts.csv') })).rows).toBe(6000);
  });

  it('honours a cancel sent as the export call starts, before it has counted anything', async () => {
    const { core } = await createdVault();
    const ctx = core.context();
    await ctx.tx((trx, audit) => insertDemoData(trx, { contacts: 50, now: ctx.now }, (t) => audit({ action: 'demo.generated', entityType: t })));
    const dir = tempDir();
    const out = join(dir, 'contacts.csv');
    const before = await auditHead(core);
    // The handler as the core runs it once the call's turn comes; the cancel in the same
    // step (the export has not reached its first await: it begins its job before counting).
    const input = contract['exports.register'].input.parse({ table: 'contacts', format: 'csv', out });
    const running = exportHandlers['exports.register'](input, core);
    expect(core.exportJob.cancel()).toBe(true);
    expect(await running).toEqual({ outcome: 'cancelled' });
    expect(readdirSync(dir)).toEqual([]);
    expect(await auditHead(core)).toEqual(before);
    // With no export running a cancel is refused and not remembered: the next export runs.
    expect(await call(core, 'exports.cancel', {})).toEqual({ cancelling: false });
    expect(written(await call(core, 'exports.register', { table: 'contacts', format: 'csv', out })).rows).toBe(50);
  });

  it('keeps a cancel that comes while the export call still waits its turn, for that export only', async () => {
    const { core } = await createdVault();
    const ctx = core.context();
    await ctx.tx((trx, audit) => insertDemoData(trx, { contacts: 50, now: ctx.now }, (t) => audit({ action: 'demo.generated', entityType: t })));
    const dir = tempDir();
    const before = await auditHead(core);
    // Through the core: both calls wait in its queue when the cancel comes (same step).
    const first = call(core, 'exports.register', { table: 'contacts', format: 'csv', out: join(dir, 'first.csv') });
    const second = call(core, 'exports.register', { table: 'contacts', format: 'json', out: join(dir, 'second.json') });
    expect(await call(core, 'exports.cancel', {})).toEqual({ cancelling: true });
    expect(await first).toEqual({ outcome: 'cancelled' });
    expect(written(await second).rows).toBe(50);
    expect(readdirSync(dir).sort()).toEqual(['second.json', 'second.json.manifest.json']);
    expect((await auditHead(core)).seq).toBe(before.seq + 1);
    // Once every export call is over, nothing is remembered.
    expect(await call(core, 'exports.cancel', {})).toEqual({ cancelling: false });
    expect(written(await call(core, 'exports.register', { table: 'contacts', format: 'csv', out: join(dir, 'third.csv') })).rows).toBe(50);
  });

  it('cancels the newsletter list when the cancel comes as it starts', async () => {
    const { core } = await createdVault();
    const dir = tempDir();
    const before = await auditHead(core);
    const running = call(core, 'mailingList.export', { out: join(dir, 'newsletter.csv') });
    expect(await call(core, 'exports.cancel', {})).toEqual({ cancelling: true });
    expect((await running).result).toEqual({ outcome: 'cancelled' });
    expect(readdirSync(dir)).toEqual([]);
    expect(await auditHead(core)).toEqual(before);
  });

  it("filters the audit log by the office's days (Brussels), whatever the computer's zone", async () => {
    let now = new Date('2026-03-01T12:00:00.000Z');
    const { RegistreCore } = await import('../../db/core');
    const core = new RegistreCore({ vaultDir: join(tempDir(), 'vault'), allowFolderChange: false, now: () => now, keyStretching: TEST_KEY_STRETCHING });
    await call(core, 'vault.create', { passphrase: PASS, staffName: 'Anna Admin' });
    // Midnights of 4 and 5 March in Brussels (UTC+1 in winter).
    const start = Date.parse('2026-03-03T23:00:00.000Z');
    const end = Date.parse('2026-03-04T23:00:00.000Z');
    const at = [start - 60_000, start, start + 30 * 60_000, end - 60_000, end];
    // Hours pass between the calls: the vault would lock itself when idle, so each step unlocks again.
    const moveTo = async (t: number) => {
      await core.lock();
      now = new Date(t);
      await call(core, 'vault.unlock', { passphrase: PASS });
    };
    for (const [i, t] of at.entries()) {
      await moveTo(t);
      await call(core, 'contacts.add', { fullName: `Person ${i}` });
    }
    await moveTo(Date.parse('2026-03-10T12:00:00.000Z'));
    const dir = tempDir();
    const rowsOf = async (name: string, filters: Record<string, string>) => {
      await call(core, 'exports.register', { table: 'audit', format: 'json', filters, out: join(dir, name) });
      return (JSON.parse(readFileSync(join(dir, name), 'utf8')) as { rows: Array<{ at: string; entityType: string }> }).rows;
    };
    const day = await rowsOf('day.json', { from: '2026-03-04', to: '2026-03-04' });
    const all = await rowsOf('all.json', {});
    expect(day).toEqual(all.filter((r) => Date.parse(r.at) >= start && Date.parse(r.at) < end));
    expect(day.filter((r) => r.entityType === 'contact').map((r) => r.at)).toEqual([start, start + 30 * 60_000, end - 60_000].map((t) => new Date(t).toISOString()));
    await core.lock();
  });

  it.each([
    ['the manifest', (out: string) => `${out}.manifest.json`],
    ['the data file, after its manifest', (out: string) => out],
  ])('leaves neither file when %s cannot be put in place', async (_what, blocked) => {
    const { core } = await createdVault();
    const ctx = core.context();
    await ctx.tx((trx, audit) => insertDemoData(trx, { contacts: 1500, now: ctx.now }, (t) => audit({ action: 'demo.generated', entityType: t })));
    const dir = tempDir();
    const out = join(dir, 'contacts.csv');
    const running = call(core, 'exports.register', { table: 'contacts', format: 'csv', out });
    while ((await call(core, 'exports.progress', {})).done === 0) await new Promise((r) => setImmediate(r));
    // A folder appears at one of the targets while the export runs: renaming over it fails.
    mkdirSync(blocked(out));
    writeFileSync(join(blocked(out), 'keep.txt'), 'x');
    const err = await running.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).not.toBeNull();
    expect(readdirSync(dir)).toEqual([basename(blocked(out))]);
    expect(readdirSync(blocked(out))).toEqual(['keep.txt']);
  });
});
