import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { exportSubject } from '../../db/export/bundle';
import type { BundleData } from '../../db/export/bundle-schema';
import { ExportCancelled, ExportJob } from '../../db/export/job';
import { readZip, type ZipEntryContent } from '../../db/export/zip';
import { manifestSchema } from '../../shared/export-manifest';
import { call, callError, tempDir } from '../helpers';
import { PNG, bundleVault, type Person } from './export-bundle-seed';

const text = (e: ZipEntryContent) => Buffer.from(e.bytes).toString('utf8');
const entryOf = (entries: ZipEntryContent[], name: string) => {
  const e = entries.find((x) => x.name === name);
  if (!e) throw new Error(`${name} is missing from the bundle`);
  return e;
};
const dataOf = (entries: ZipEntryContent[]) => JSON.parse(text(entryOf(entries, 'data.json'))) as BundleData;

type Vault = Awaited<ReturnType<typeof bundleVault>>;

/** What the vault holds about one person, read independently of the bundle's code. */
async function heldAbout(v: Vault, p: Person) {
  const db = v.core.context().db;
  const ids = async (table: 'contact_emails' | 'contact_phones' | 'sensitive_extras' | 'participations' | 'consent_events' | 'photo_optouts' | 'partner_sharing' | 'rights_requests') =>
    (await db.selectFrom(table).select('id').where('contact_id', '=', p.id).execute()).map((r) => r.id).sort();
  const requests = await ids('rights_requests');
  return {
    emails: await ids('contact_emails'),
    phones: await ids('contact_phones'),
    sensitive: await ids('sensitive_extras'),
    participations: await ids('participations'),
    consents: await ids('consent_events'),
    photos: await ids('photo_optouts'),
    sharing: await ids('partner_sharing'),
    requests,
    tasks: (await db.selectFrom('request_tasks').select('id').where('request_id', 'in', requests).execute()).map((r) => r.id).sort(),
    takedowns: (await db.selectFrom('photo_takedowns').select('publication_id').where('contact_id', '=', p.id).execute()).map((r) => r.publication_id).sort(),
    systems: (await db.selectFrom('contact_processors').select('processor_id').where('contact_id', '=', p.id).execute()).map((r) => r.processor_id).sort(),
    audit: (await db.selectFrom('audit_events').select('seq').where('subject_id', '=', p.id).orderBy('seq').execute()).map((r) => r.seq),
  };
}

/** Every id and personal value of B, to be searched for in every entry of A's bundle. */
async function tracesOf(v: Vault, p: Person): Promise<string[]> {
  const held = await heldAbout(v, p);
  return [
    p.id,
    p.name,
    ...p.emails,
    ...p.phones,
    p.iban,
    p.passport,
    'Knows Alice',
    ...held.emails,
    ...held.phones,
    ...held.sensitive,
    ...held.participations,
    ...held.consents,
    ...held.photos,
    ...held.sharing,
    ...held.requests,
    ...held.tasks,
  ];
}

async function exported(v: Vault, input: { mode: 'access' | 'portability'; includeSensitive?: boolean; language?: 'en' | 'fr'; password?: string; contactId?: string }) {
  const out = join(tempDir(), 'bundle.zip');
  const result = await call(v.core, 'exports.subject', { contactId: input.contactId ?? v.a.id, out, ...input });
  if (result.outcome !== 'written') throw new Error('the export was not written');
  return { out, result, entries: await readZip(out, input.password) };
}

const sorted = (xs: Array<{ id: string }>) => xs.map((x) => x.id).sort();

describe('subject bundle (access)', () => {
  it('names the policy each decision came with, an earlier policy in the person’s words', async () => {
    const v = await bundleVault();
    // Before version 1's date (2025-01-01): an earlier policy, whose text is not kept.
    await call(v.core, 'consents.record', { contactId: v.a.id, purposeCode: 'basecamp', action: 'granted', channel: 'paper', occurredOn: '2024-06-01' });
    for (const [language, earlier, version] of [
      ['fr', 'une politique antérieure, dont le texte n’est pas conservé', 'version 1 (fr)'],
      ['en', 'an earlier policy, whose text is not kept', 'version 1 (fr)'],
    ] as const) {
      const { entries } = await exported(v, { mode: 'access', language });
      const events = dataOf(entries).consents.events;
      expect(events.find((e) => e.occurredOn === '2024-06-01')).toMatchObject({ policyVersion: null, policyEarlier: true, policyShown: earlier });
      expect(events.find((e) => e.occurredOn === '2026-01-02')).toMatchObject({ policyVersion: { number: 1, language: 'fr' }, policyEarlier: false, policyShown: version });
      const rows = parse(text(entryOf(entries, 'consents.csv')), { columns: true, delimiter: language === 'fr' ? ';' : ',', bom: true }) as Array<Record<string, string>>;
      expect(rows.find((r) => r.Date === '2024-06-01')![language === 'fr' ? 'Politique présentée' : 'Policy shown']).toBe(earlier);
    }
  });

  it('holds every record of the person and nothing of anyone else', async () => {
    const v = await bundleVault();
    const held = await heldAbout(v, v.a);
    const { entries, result } = await exported(v, { mode: 'access', includeSensitive: true });
    const data = dataOf(entries);

    expect(data.mode).toBe('access');
    expect(data.contact).toMatchObject({
      id: v.a.id,
      fullName: 'Alice Subject',
      jobTitle: 'Inspector',
      gender: 'prefer_not_to_say',
      country: 'BE',
      language: 'fr',
      notes: 'Prefers French-language calls',
    });
    expect(sorted(data.contact.emails)).toEqual(held.emails);
    expect(data.contact.emails.map((e) => e.address).sort()).toEqual([...v.a.emails].sort());
    expect(data.contact.phones.map((p) => p.number).sort()).toEqual([...v.a.phones].sort());
    expect(sorted(data.contact.phones)).toEqual(held.phones);
    // The organisation link and its name, not the organisation's billing details.
    expect(data.organisation).toEqual({ id: v.org.id, name: 'Bruxelles Environnement', country: 'BE', type: 'governmental_agency' });
    expect(JSON.stringify(data)).not.toContain('BE0123456789');

    expect(sorted(data.sensitiveExtras!)).toEqual(held.sensitive);
    expect(data.sensitiveExtras!.map((x) => x.category).sort()).toEqual(['bank', 'identity', 'photo', 'signature']);
    expect(data.sensitiveExtras!.find((x) => x.category === 'bank')!.values).toEqual({ iban: v.a.iban, holder: v.a.name });
    expect(data.sensitiveExtras!.find((x) => x.category === 'identity')!.values).toMatchObject({ number: v.a.passport, dateOfBirth: '1980-02-03' });
    // The profile photo is its own zip entry, named from data.json and the CSV, never a cell.
    const photo = data.sensitiveExtras!.find((x) => x.category === 'photo')!;
    expect(photo.file).toEqual({ contentType: 'image/png', entry: `file-photo-${photo.id}.png` });
    expect(Buffer.from(entryOf(entries, photo.file!.entry).bytes).equals(PNG)).toBe(true);
    expect(result.files.find((f) => f.name === photo.file!.entry)).toMatchObject({ rows: null, bytes: PNG.length });
    // A signed sheet's details but not its scan (it shows the other attendees, Art. 15(4)).
    const sheet = data.sensitiveExtras!.find((x) => x.category === 'signature')!;
    expect(sheet).toMatchObject({ event: { id: v.event.id, name: 'Annual Conference' }, reason: 'Signed attendance sheet', file: null, fileWithheld: true });
    expect(entries.filter((e) => e.name.startsWith('file-')).map((e) => e.name)).toEqual([photo.file!.entry]);
    for (const e of entries) expect(text(e).includes(PNG.toString('base64')), e.name).toBe(false);
    expect(text(entryOf(entries, 'summary.html'))).toContain('Vous pouvez la consulter à notre secrétariat.');

    expect(sorted(data.participations)).toEqual(held.participations);
    expect(data.participations.map((p) => p.event?.name ?? p.project?.name).sort()).toEqual(['Annual Conference', 'Waste Shipments']);

    expect(sorted(data.consents.events)).toEqual(held.consents);
    expect(new Set(data.consents.events.map((e) => e.action))).toEqual(new Set(['granted', 'withdrawn', 'objected', 'restricted']));
    const granted = data.consents.events.find((e) => e.action === 'granted' && e.purposeCode === 'newsletter')!;
    // The role, never the staff member's name.
    expect(granted).toMatchObject({ purposeName: "Lettre d'information", evidence: 'Web form', recordedBy: 'personnel du secrétariat', policyVersion: { number: 1, language: 'fr' } });
    expect(data.auditEvents!.every((e) => e.staff === null || e.staff === 'personnel du secrétariat')).toBe(true);
    expect(data.auditEvents!.some((e) => e.staff === 'personnel du secrétariat')).toBe(true);
    // The current state is the ledger's own derivation (db/consents/ledger.ts).
    const state = await call(v.core, 'consents.forContact', { contactId: v.a.id });
    expect(data.consents.current.map((s) => [s.purposeCode, s.state, s.applies])).toEqual(state.purposes.map((s) => [s.purpose.code, s.state, s.applies]));

    expect(sorted(data.photoPreferences!.records)).toEqual(held.photos);
    expect(data.photoPreferences!.records.map((r) => r.event?.name ?? null).sort()).toEqual(['Annual Conference', null]);
    expect(data.photoPreferences!.takedowns!.map((t) => t.publicationId)).toEqual(held.takedowns);
    expect(data.systems!.map((s) => s.processorId)).toEqual(held.systems);
    expect(data.systems![0]!.name).toBe('Mailchimp');
    expect(sorted(data.sharing!)).toEqual(held.sharing);
    expect(sorted(data.requests!)).toEqual(held.requests);
    expect(data.requests![0]!.tasks.map((t) => t.id).sort()).toEqual(held.tasks);
    expect(data.requests![0]!.tasks.map((t) => t.recipient).sort()).toEqual(['ENPE', 'Mailchimp']);
    // Every audit event about A before the export, oldest first.
    expect(data.auditEvents!.map((e) => e.seq)).toEqual(held.audit);

    // Processing information in the person's language (French): purposes, recipients, partners.
    const processing = data.processing!;
    expect(processing.controller.email).toBe('info@impel.eu');
    expect(processing.purposes.find((p) => p.code === 'newsletter')).toMatchObject({ lawfulBasis: 'consent', retention: "Jusqu'au retrait du consentement" });
    expect(processing.recipients.find((r) => r.name === 'Mailchimp')!.why).toEqual(['newsletter', 'system']);
    expect(processing.partnerNetworks).toEqual(['ENPE']);

    // Nothing of B, and no staff member's name, in any entry.
    const traces = [...(await tracesOf(v, v.b)), 'Anna Admin'];
    for (const e of entries) {
      const body = text(e);
      for (const t of traces) expect(body.includes(t), `${e.name} contains ${t}`).toBe(false);
    }

    // One CSV per section; each parses back to the same rows as data.json.
    const names = entries.map((e) => e.name);
    expect(names).toEqual([
      'data.json',
      'contact.csv',
      'emails.csv',
      'phones.csv',
      'organisation.csv',
      'sensitive-extras.csv',
      'participations.csv',
      'consents.csv',
      'consent-state.csv',
      'photo-preferences.csv',
      'photo-takedowns.csv',
      'systems.csv',
      'sharing.csv',
      'requests.csv',
      'request-tasks.csv',
      'audit-events.csv',
      'purposes.csv',
      'recipients.csv',
      photo.file!.entry,
      'schema.json',
      'summary.html',
      'README.txt',
      'manifest.json',
    ]);
    const csv = (name: string) => parse(text(entryOf(entries, name)), { columns: true, delimiter: ';', bom: true }) as Array<Record<string, string>>;
    expect(
      csv('consents.csv')
        .map((r) => r.Identifiant)
        .sort(),
    ).toEqual(held.consents);
    expect(
      csv('emails.csv')
        .map((r) => r['Adresse électronique'])
        .sort(),
    ).toEqual([...v.a.emails].sort());
    expect(csv('audit-events.csv').map((r) => Number(r.Numéro))).toEqual(held.audit);
    expect(result.files.find((f) => f.name === 'audit-events.csv')!.rows).toBe(held.audit.length);
    // data.json's row count is the records about the person: not the purposes and recipients rows.
    const csvRows = (names: string[]) => result.files.filter((f) => names.includes(f.name)).reduce((n, f) => n + f.rows!, 0);
    const aboutPerson = result.files.filter((f) => f.name.endsWith('.csv') && f.name !== 'purposes.csv' && f.name !== 'recipients.csv').map((f) => f.name);
    expect(result.rows).toBe(csvRows(aboutPerson));
    expect(result.files.find((f) => f.name === 'data.json')!.rows).toBe(result.rows);
    expect(csvRows(['purposes.csv', 'recipients.csv'])).toBeGreaterThan(0);

    // Audited: the export with its section names, and each sensitive detail as disclosed.
    const audit = await call(v.core, 'audit.list', { subjectId: v.a.id, limit: 10 });
    const exportEvent = audit.find((e) => e.action === 'export.subject')!;
    expect(exportEvent).toMatchObject({ entityType: 'contact', entityId: v.a.id, subjectId: v.a.id });
    expect(exportEvent.fields).toEqual(['contact', 'organisation', 'sensitiveExtras', 'participations', 'consents', 'photoPreferences', 'systems', 'sharing', 'requests', 'auditEvents', 'processing']);
    const disclosed = audit.filter((e) => e.action === 'sensitive.disclosed');
    expect(disclosed.map((e) => e.entityId).sort()).toEqual(held.sensitive);
    expect(disclosed.find((e) => e.fields[0] === 'bank')!.fields).toEqual(['bank', 'iban', 'holder']);
  });

  it('leaves sensitive details out unless asked, and then logs no disclosure', async () => {
    const v = await bundleVault();
    const { entries } = await exported(v, { mode: 'access' });
    const data = dataOf(entries);
    expect(data.includesSensitive).toBe(false);
    expect(data.sensitiveExtras).toBeUndefined();
    expect(entries.map((e) => e.name)).not.toContain('sensitive-extras.csv');
    for (const e of entries) {
      expect(text(e)).not.toContain(v.a.iban);
      expect(text(e)).not.toContain(v.a.passport);
    }
    const audit = await call(v.core, 'audit.list', { subjectId: v.a.id, limit: 5 });
    expect(audit[0]!.action).toBe('export.subject');
    expect(audit.some((e) => e.action === 'sensitive.disclosed')).toBe(false);
  });

  it('validates against its own schema.json, whose every property is described', async () => {
    const v = await bundleVault();
    for (const mode of ['access', 'portability'] as const) {
      const { entries } = await exported(v, { mode, includeSensitive: true });
      const schema = JSON.parse(text(entryOf(entries, 'schema.json'))) as Record<string, unknown>;
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      const ajv = new Ajv2020({ allErrors: true, strict: false });
      addFormats(ajv);
      const validate = ajv.compile(schema);
      const data = dataOf(entries);
      expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
      // The schema is not vacuous: a wrong type and an unknown section are refused.
      expect(validate({ ...data, contact: { ...data.contact, fullName: 42 } })).toBe(false);
      expect(validate({ ...data, generatedAt: 'yesterday' })).toBe(false);

      const undescribed: string[] = [];
      let properties = 0;
      const walk = (node: unknown, path: string) => {
        if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${path}[${i}]`));
        if (!node || typeof node !== 'object') return;
        const obj = node as Record<string, unknown>;
        if (obj.properties && typeof obj.properties === 'object') {
          for (const [k, p] of Object.entries(obj.properties as Record<string, Record<string, unknown>>)) {
            properties++;
            if (typeof p.description !== 'string' || p.description.length < 3) undescribed.push(`${path}.${k}`);
          }
        }
        for (const [k, child] of Object.entries(obj)) walk(child, `${path}/${k}`);
      };
      walk(schema, '');
      expect(undescribed).toEqual([]);
      expect(properties).toBeGreaterThan(100);
    }
  });
});

describe('subject bundle audit events', () => {
  it('includes the events of a duplicate merged into the person', async () => {
    const v = await bundleVault();
    const duplicate = await call(v.core, 'contacts.add', { fullName: 'Alice Subject', email: 'alice.old@subject.example' });
    await call(v.core, 'contacts.merge', { keepId: v.a.id, mergeId: duplicate.id });
    const db = v.core.context().db;
    const ownSeqs = (await db.selectFrom('audit_events').select('seq').where('subject_id', 'in', [v.a.id, duplicate.id]).orderBy('seq').execute()).map((r) => r.seq);
    const { entries } = await exported(v, { mode: 'access' });
    const events = dataOf(entries).auditEvents!;
    expect(events.map((e) => e.seq)).toEqual(ownSeqs);
    expect(events.find((e) => e.action === 'contact.created' && e.entityId === duplicate.id)).toBeDefined();
  });
});

describe('subject bundle (portability)', () => {
  it('holds only what the person provided under consent or contract', async () => {
    const v = await bundleVault();
    const held = await heldAbout(v, v.a);
    const { entries } = await exported(v, { mode: 'portability', includeSensitive: true });
    const data = dataOf(entries);
    expect(data.mode).toBe('portability');
    // Photo preferences (photos) rest on legitimate interest as seeded: not portable.
    expect(Object.keys(data).sort()).toEqual(
      ['format', 'version', 'generatedAt', 'mode', 'language', 'includesSensitive', 'contact', 'organisation', 'sensitiveExtras', 'participations', 'consents'].sort(),
    );
    // Staff notes and staff-side metadata are not the person's own data.
    expect(data.contact).not.toHaveProperty('notes');
    expect(data.consents.events[0]).not.toHaveProperty('evidence');
    expect(data.consents.events[0]).not.toHaveProperty('recordedBy');
    // Ledger events whose own basis is consent or contract: newsletter twice, event logistics;
    // not the objection (collaboration) nor the restriction (photos), both legitimate interest.
    const db = v.core.context().db;
    const portableEvents = await db.selectFrom('consent_events').select('id').where('contact_id', '=', v.a.id).where('lawful_basis', 'in', ['consent', 'contract']).execute();
    expect(sorted(data.consents.events)).toEqual(portableEvents.map((e) => e.id).sort());
    expect(data.consents.events).toHaveLength(3);
    expect(held.consents.length).toBeGreaterThan(3);
    expect(data.consents.current.map((s) => s.purposeCode).sort()).toEqual(['event_logistics', 'newsletter', 'payments']);
    // The event registration (event_logistics, consent), not the project (collaboration, legitimate interest).
    expect(data.participations.map((p) => p.event?.name ?? p.project?.name)).toEqual(['Annual Conference']);
    // Bank (payments, contract) and identity (event_logistics, consent); not the profile photo
    // (basecamp, legitimate interest) nor the signed sheet (accounting obligation).
    expect(data.sensitiveExtras!.map((x) => x.category).sort()).toEqual(['bank', 'identity']);
    expect(entries.map((e) => e.name)).toEqual([
      'data.json',
      'contact.csv',
      'emails.csv',
      'phones.csv',
      'organisation.csv',
      'sensitive-extras.csv',
      'participations.csv',
      'consents.csv',
      'consent-state.csv',
      'schema.json',
      'summary.html',
      'README.txt',
      'manifest.json',
    ]);
    for (const e of entries) expect(text(e)).not.toContain('Prefers French-language calls');
    const audit = await call(v.core, 'audit.list', { subjectId: v.a.id, limit: 5 });
    expect(audit.filter((e) => e.action === 'sensitive.disclosed')).toHaveLength(2);
    expect(audit.find((e) => e.action === 'export.subject')!.fields).toEqual(['contact', 'organisation', 'sensitiveExtras', 'participations', 'consents']);

    // The summary still says why, from where, to whom and for how long (processing stays out of data.json).
    const html = text(entryOf(entries, 'summary.html'));
    for (const heading of ['Pourquoi nous utilisons vos données', 'D’où viennent vos données', 'Qui reçoit vos données', 'Combien de temps nous conservons vos données'])
      expect(html).toContain(heading);
    expect(html).toContain('TravelPerk');
    const readme = text(entryOf(entries, 'README.txt'));
    expect(readme).toContain('Qui reçoit vos données');
    expect(readme).toContain('Préférences photo : Non');
  });

  it('follows the purposes table: a purpose moved to consent makes its records portable', async () => {
    const v = await bundleVault();
    const purposes = await call(v.core, 'purposes.list', {});
    for (const code of ['photos', 'basecamp', 'collaboration']) await call(v.core, 'purposes.update', { id: purposes.find((p) => p.code === code)!.id, lawfulBasis: 'consent' });
    const held = await heldAbout(v, v.a);
    const { entries } = await exported(v, { mode: 'portability', includeSensitive: true, language: 'en' });
    const data = dataOf(entries);
    expect(sorted(data.photoPreferences!.records)).toEqual(held.photos);
    expect(data.photoPreferences).not.toHaveProperty('takedowns');
    expect(sorted(data.participations)).toEqual(held.participations);
    expect(data.sensitiveExtras!.map((x) => x.category).sort()).toEqual(['bank', 'identity', 'photo']);
    expect(entries.map((e) => e.name)).toContain('photo-preferences.csv');
    expect(text(entryOf(entries, 'README.txt'))).toContain('- Photo preferences: Yes');

    // And a purpose moved away from consent or contract takes its records out.
    await call(v.core, 'purposes.update', { id: purposes.find((p) => p.code === 'payments')!.id, lawfulBasis: 'legal_obligation' });
    const after = dataOf((await exported(v, { mode: 'portability', includeSensitive: true })).entries);
    expect(after.sensitiveExtras!.map((x) => x.category).sort()).toEqual(['identity', 'photo']);
  });
});

describe('subject bundle manifest and summary', () => {
  it('lists every other entry with its SHA-256 and the audit head after the export', async () => {
    const v = await bundleVault();
    const { entries, result } = await exported(v, { mode: 'access', language: 'en' });
    const manifest = manifestSchema.parse(JSON.parse(text(entryOf(entries, 'manifest.json'))));
    expect(manifest.kind).toBe('subject');
    expect(manifest.subject).toEqual({ contactId: v.a.id, mode: 'access', includeSensitive: false, language: 'en', encrypted: false });
    // The role, not the staff member's name (the person's copy names no one else).
    expect(manifest.createdBy.name).toBe('secretariat staff');
    expect(manifest.files.map((f) => f.name)).toEqual(entries.filter((e) => e.name !== 'manifest.json').map((e) => e.name));
    for (const f of manifest.files) {
      const e = entryOf(entries, f.name);
      expect(f.sha256).toBe(createHash('sha256').update(e.bytes).digest('hex'));
      expect(f.bytes).toBe(e.bytes.length);
      expect(f.rows === null).toBe(!f.name.endsWith('.csv') && f.name !== 'data.json');
    }
    expect(manifest.files).toEqual(result.files);
    const head = await v.core.context().db.selectFrom('audit_head').select(['seq', 'hash']).executeTakeFirstOrThrow();
    expect(manifest.auditChain).toEqual({ seq: head.seq, hash: head.hash });
    expect(result.auditHead).toEqual(manifest.auditChain);
    expect(await call(v.core, 'audit.verify', {})).toMatchObject({ intact: true, headHash: head.hash });
  });

  it('writes the summary and README in the asked language, else the person’s, with every value escaped', async () => {
    const v = await bundleVault();
    await call(v.core, 'contacts.update', { id: v.a.id, jobTitle: '<script>alert(1)</script> & "chief"' });
    const fr = await exported(v, { mode: 'access' });
    const html = text(entryOf(fr.entries, 'summary.html'));
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('Vos droits');
    expect(html).toContain('Autorité de protection des données');
    expect(html).toContain('Rue de la Presse 35, 1000 Bruxelles');
    expect(html).toContain('info@impel.eu');
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;chief&quot;');
    expect(text(entryOf(fr.entries, 'README.txt'))).toContain('Si vous n’êtes pas satisfait(e)');

    const en = await exported(v, { mode: 'access', language: 'en' });
    const enHtml = text(entryOf(en.entries, 'summary.html'));
    expect(enHtml).toContain('<html lang="en">');
    for (const right of ['access', 'rectification', 'erasure', 'restriction', 'objection', 'portability', 'withdrawal']) expect(enHtml).toContain(`(${right})`);
    expect(enHtml).toContain('Belgian Data Protection Authority');
    expect(enHtml).toContain('Mailchimp');
    expect(dataOf(en.entries).processing!.purposes[0]!.name).toBe('Newsletter');
  });
});

describe('subject bundle recipients', () => {
  it('lists the providers of purposes that apply to the person, and says the Privacy Shield is no safeguard', async () => {
    const v = await bundleVault();
    // Someone with no decision and no record: consent purposes (newsletter, event logistics) do not apply.
    const bare = await call(v.core, 'contacts.add', { fullName: 'Carla Bare', email: 'carla@bare.example', language: 'en' });
    const { entries } = await exported(v, { mode: 'access', contactId: bare.id });
    const recipients = dataOf(entries).processing!.recipients;
    const names = recipients.map((r) => r.name);
    for (const absent of ['Mailchimp', 'TravelPerk', 'Azavista']) expect(names).not.toContain(absent);
    // Legitimate interest (collaboration, basecamp) and contract (payments) apply to everyone in the register.
    for (const present of ['OneDrive', 'Basecamp', 'SurveyMonkey']) expect(names).toContain(present);
    expect(recipients.find((r) => r.name === 'OneDrive')!.why).toEqual(['collaboration', 'payments']);

    // Alice decided on the newsletter and registered for an event: those providers are hers.
    const alice = dataOf((await exported(v, { mode: 'access' })).entries).processing!.recipients;
    expect(alice.map((r) => r.name)).toEqual(expect.arrayContaining(['Mailchimp', 'TravelPerk']));

    const html = text(entryOf(entries, 'summary.html'));
    expect(recipients.find((r) => r.name === 'Mailchimp')).toBeUndefined();
    expect(recipients.find((r) => r.name === 'Basecamp')!.privacyShield).toBe(true);
    expect(html).toContain(
      'EU–US Privacy Shield (as the policy states). This framework was invalidated by the Court of Justice of the EU on 16 July 2020 (Schrems II); we are reviewing this transfer.',
    );
    const fr = await exported(v, { mode: 'portability', contactId: bare.id, language: 'fr' });
    expect(text(entryOf(fr.entries, 'summary.html'))).toContain('Ce cadre a été invalidé par la Cour de justice de l’Union européenne le 16 juillet 2020');
    expect(text(entryOf(fr.entries, 'README.txt'))).toContain('16 juillet 2020');
  });
});

describe('subject bundle CSV files', () => {
  it('neutralise formula cells and keep every other value exact, as data.json has them', async () => {
    const v = await bundleVault();
    const notes = '=HYPERLINK("http://evil.example","click")\nline two; "quoted", and a \u2028 separator';
    await call(v.core, 'contacts.update', { id: v.a.id, notes, jobTitle: '@chief, "lead"' });
    const { entries } = await exported(v, { mode: 'access', language: 'en' });
    expect(dataOf(entries).contact).toMatchObject({ notes, jobTitle: '@chief, "lead"' });
    const contactCsv = Buffer.from(entryOf(entries, 'contact.csv').bytes).toString('utf8');
    expect(contactCsv.startsWith('\uFEFF')).toBe(true);
    const [row] = parse(contactCsv, { columns: true, bom: true }) as Array<Record<string, string>>;
    expect(row!.Notes).toBe(`'${notes}`);
    expect(row!['Job title']).toBe(`'@chief, "lead"`);
    expect(row!['Full name']).toBe('Alice Subject');
  });
});

describe('subject bundle with a password', () => {
  it('encrypts every entry; 7-Zip opens it with the password and not without', async () => {
    const v = await bundleVault();
    const password = 'a sturdy zip password';
    const { out, entries } = await exported(v, { mode: 'access', password });
    expect(entries.every((e) => e.encrypted)).toBe(true);
    expect(JSON.parse(text(entryOf(entries, 'manifest.json'))).subject.encrypted).toBe(true);
    await expect(readZip(out)).rejects.toThrow();
    await expect(readZip(out, 'wrong password!')).rejects.toThrow();

    const sevenZip = ['7zz', '7z'].find((b) => spawnSync(b, ['i'], { stdio: 'ignore' }).status === 0);
    if (sevenZip) {
      expect(spawnSync(sevenZip, ['t', out, `-p${password}`], { encoding: 'utf8' }).status).toBe(0);
      expect(spawnSync(sevenZip, ['t', out, '-pnot-the-password'], { encoding: 'utf8' }).status).not.toBe(0);
    }
  });
});

describe('subject bundle refusals and cancel', () => {
  const auditCount = async (v: Vault) =>
    Number(
      (
        await v.core
          .context()
          .db.selectFrom('audit_events')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('refuses a wrong contact or a relative path with a clear error, writing nothing', async () => {
    const v = await bundleVault();
    const dir = tempDir();
    const before = await auditCount(v);
    const missing = await callError(v.core, 'exports.subject', { contactId: 'no-such-contact', mode: 'access', out: join(dir, 'x.zip') });
    expect(missing).toMatchObject({ code: 'not_found', message: 'This contact does not exist.' });
    const relative = await callError(v.core, 'exports.subject', { contactId: v.a.id, mode: 'access', out: 'bundle.zip' });
    expect(relative.code).toBe('invalid_input');
    expect(relative.message).toMatch(/full path/);
    const noFolder = await callError(v.core, 'exports.subject', { contactId: v.a.id, mode: 'access', out: join(dir, 'nope', 'x.zip') });
    expect(noFolder.message).toMatch(/folder .* does not exist/);
    expect(readdirSync(dir)).toEqual([]);
    expect(existsSync('bundle.zip')).toBe(false);
    expect(await auditCount(v)).toBe(before);
  });

  it('begins its job before anything else, so a cancel sent as the call starts is honoured', async () => {
    const v = await bundleVault();
    const dir = tempDir();
    const before = await auditCount(v);
    const job = new ExportJob();
    const running = exportSubject(v.core.context(), job, { contactId: v.a.id, mode: 'access', includeSensitive: false, out: join(dir, 'bundle.zip') });
    // No await in between: the export has not read anything yet.
    expect(job.cancel()).toBe(true);
    await expect(running).rejects.toBeInstanceOf(ExportCancelled);
    expect(readdirSync(dir)).toEqual([]);
    expect(await auditCount(v)).toBe(before);
  });

  it('stops when cancelled, leaving no file and no audit event', async () => {
    const v = await bundleVault();
    const dir = tempDir();
    const out = join(dir, 'bundle.zip');
    const before = await auditCount(v);
    const running = call(v.core, 'exports.subject', { contactId: v.a.id, mode: 'access', includeSensitive: true, out });
    let cancelling = false;
    while (!cancelling) {
      await new Promise((resolve) => setImmediate(resolve));
      cancelling = (await call(v.core, 'exports.cancel', {})).cancelling;
    }
    expect(await running).toEqual({ outcome: 'cancelled' });
    expect(readdirSync(dir)).toEqual([]);
    expect(await auditCount(v)).toBe(before);
    expect((await call(v.core, 'exports.progress', {})).running).toBe(false);
  });
});
