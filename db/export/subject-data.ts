/**
 * Everything the vault holds about one person, gathered for their bundle (data.json).
 * Each section reads only rows tied to the person's id; names of other records appear only
 * where they describe the person's own record (the event they attended, the purpose they
 * decided on). Staff members are never named: where one recorded or did something, the
 * bundle says "secretariat staff" (CJEU C-579/21: Art. 15 does not in principle entitle
 * the person to the identity of the controller's employees; and a bundle holds nothing
 * about anyone else).
 *
 * Portability (Art. 20) keeps a record only when the purpose it is processed for rests on
 * consent or a contract, looked up in the purposes table (PORTABILITY_PURPOSES below), so
 * an administrator changing a purpose's basis changes what a portability bundle holds.
 * The processing information (purposes, recipients, source, retention) is gathered for
 * every bundle's summary; it goes into data.json only for access bundles.
 */
import type { BundleMode, LawfulBasis } from '../../shared/vocabulary';
import { requestFields } from '../requests/fields';
import type { Kysely } from 'kysely';
import { listAudit } from '../audit/list';
import { deriveConsents, ledgerEvents, purposeRefs } from '../consents/ledger';
import { citesPrivacyShield } from '../register/processors';
import { contactEmailFields, contactFields, organisationFields, participationFields, sensitiveFields } from '../contacts/fields';
import { photoPreferenceFields } from '../photos/fields';
import { processorFields, purposeFields, sharingFields } from '../register/fields';
import type { Database } from '../schema';
import { processorWords } from '../seed/processor-words';
import type { ExportJob } from './job';
import type { BundleData } from './bundle-schema';
import { controllerDetails } from '../settings/controller';
import { WORDS, type SummaryLanguage } from './summary-words';
import { PORTABILITY_PURPOSES, type PortabilityRecord } from './portability';

export interface SubjectRequest {
  contactId: string;
  mode: BundleMode;
  includeSensitive: boolean;
  language: SummaryLanguage;
  generatedAt: string;
}

/** A sensitive detail put in the bundle: each one is logged as disclosed. */
export interface DisclosedExtra {
  id: string;
  category: string;
  fields: string[];
}

export interface SubjectData {
  data: BundleData;
  /** For the summary of every bundle; also in data.json for access bundles. */
  processing: Processing;
  /** The portability rule as it stands in the purposes table, for the summary. */
  portability: PortabilityRule[];
  /** Sensitive files, each its own zip entry. */
  files: BundleFile[];
  disclosed: DisclosedExtra[];
}

export type Processing = NonNullable<BundleData['processing']>;

const AUDIT_PAGE = 1000;

const PORTABLE_BASES: ReadonlySet<LawfulBasis> = new Set(['consent', 'contract']);
const portableBasis = (basis: LawfulBasis): boolean => PORTABLE_BASES.has(basis);

/** Each kind of record with its purpose's current basis and whether it is portable. */
export interface PortabilityRule {
  record: PortabilityRecord;
  purposeCode: string | null;
  lawfulBasis: LawfulBasis | null;
  portable: boolean;
}

async function portabilityRules(db: Kysely<Database>): Promise<PortabilityRule[]> {
  const bases = new Map((await db.selectFrom('purposes').select(['code', 'lawful_basis']).execute()).map((p) => [p.code, p.lawful_basis]));
  return (Object.entries(PORTABILITY_PURPOSES) as Array<[PortabilityRecord, string | null]>).map(([record, purposeCode]) => {
    const lawfulBasis = purposeCode === null ? null : (bases.get(purposeCode) ?? null);
    return { record, purposeCode, lawfulBasis, portable: lawfulBasis !== null && portableBasis(lawfulBasis) };
  });
}

/** What a bundle may hold: everything for access; per record kind for portability. */
type Keeps = (record: PortabilityRecord) => boolean;

/** What the bundle says of the person's organisation: who it is, not its billing details. */
const organisationRef = ({ id, name, country, type }: ReturnType<typeof organisationFields>) => ({ id, name, country, type });

async function contactSection(db: Kysely<Database>, contactId: string, access: boolean) {
  const { organisationId, notes, createdAt, updatedAt, archivedAt, ...details } = contactFields(await db.selectFrom('contacts').selectAll().where('id', '=', contactId).executeTakeFirstOrThrow());
  const emails = await db.selectFrom('contact_emails').select(['id', 'email', 'is_primary']).where('contact_id', '=', contactId).orderBy('is_primary', 'desc').orderBy('email').execute();
  const phones = await db.selectFrom('contact_phones').select(['id', 'e164', 'label']).where('contact_id', '=', contactId).orderBy('e164').execute();
  const org = organisationId ? await db.selectFrom('organisations').selectAll().where('id', '=', organisationId).executeTakeFirst() : undefined;
  return {
    contact: {
      ...details,
      emails: emails.map((e) => ({ id: e.id, ...contactEmailFields(e) })),
      phones: phones.map((p) => ({ id: p.id, number: p.e164, label: p.label })),
      ...(access ? { notes } : {}),
      createdAt,
      updatedAt,
      archivedAt,
    },
    organisation: org ? organisationRef(organisationFields(org)) : null,
  };
}

/** The zip entry of a sensitive detail's file: flat (no folder), named by category and id. */
const FILE_EXTENSIONS: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp', 'application/pdf': 'pdf' };
const sensitiveFileName = (category: string, id: string, contentType: string): string => `file-${category}-${id}.${FILE_EXTENSIONS[contentType] ?? 'bin'}`;

/** A file to put in the zip as its own entry (data.json and the CSV name it). */
export interface BundleFile {
  name: string;
  bytes: Uint8Array;
}

/**
 * Sensitive details. A file (profile photo) becomes its own zip entry: base64 in a CSV cell
 * would pass Excel's 32,767-character limit. A signed attendance sheet's scan is not copied:
 * it shows the other attendees' names and signatures (Art. 15(4)); its details are, and
 * the summary says the sheet can be consulted at the secretariat.
 */
async function sensitiveSection(db: Kysely<Database>, contactId: string, keeps: Keeps, files: BundleFile[]) {
  const rows = await db
    .selectFrom('sensitive_extras as x')
    .leftJoin('events as e', 'e.id', 'x.event_id')
    .select(['x.id', 'x.contact_id', 'x.category', 'x.data', 'x.content', 'x.content_type', 'x.reason', 'x.event_id', 'e.name as event_name', 'x.created_at'])
    .where('x.contact_id', '=', contactId)
    .orderBy('x.created_at')
    .orderBy('x.id')
    .execute();
  return rows
    .filter((r) => keeps(r.category))
    .map((r) => {
      const withheld = r.category === 'signature' && r.content !== null;
      let file: { contentType: string; entry: string } | null = null;
      if (r.content && !withheld) {
        const contentType = r.content_type ?? 'application/octet-stream';
        file = { contentType, entry: sensitiveFileName(r.category, r.id, contentType) };
        files.push({ name: file.entry, bytes: r.content });
      }
      const { contactId: _contactId, eventId, createdAt, ...detail } = sensitiveFields(r);
      return { ...detail, file, fileWithheld: withheld, event: eventId ? { id: eventId, name: r.event_name ?? '' } : null, createdAt };
    });
}

async function participationSection(db: Kysely<Database>, contactId: string, keeps: Keeps) {
  const rows = await db
    .selectFrom('participations as p')
    .leftJoin('events as e', 'e.id', 'p.event_id')
    .leftJoin('projects as j', 'j.id', 'p.project_id')
    .selectAll('p')
    .select(['e.name as event_name', 'e.start_date as event_start', 'e.end_date as event_end', 'e.location', 'j.name as project_name', 'j.start_date as project_start', 'j.end_date as project_end'])
    .where('p.contact_id', '=', contactId)
    .orderBy('p.participated_on')
    .orderBy('p.id')
    .execute();
  return rows
    .filter((r) => keeps(r.event_id ? 'eventParticipations' : 'projectParticipations'))
    .map((r) => {
      const { id, contactId: _contactId, eventId, projectId, ...participation } = participationFields(r);
      return {
        id,
        ...participation,
        event: eventId ? { id: eventId, name: r.event_name ?? '', startDate: r.event_start ?? r.participated_on, endDate: r.event_end, location: r.location } : null,
        project: projectId ? { id: projectId, name: r.project_name ?? '', startDate: r.project_start, endDate: r.project_end } : null,
      };
    });
}

async function consentSection(db: Kysely<Database>, contactId: string, language: SummaryLanguage, access: boolean) {
  const staff = WORDS[language].staffRole;
  const purposes = await purposeRefs(db);
  const events = (await ledgerEvents(db, [contactId])).get(contactId)!;
  const derived = deriveConsents(contactId, purposes, events);
  const byId = new Map(purposes.map((p) => [p.id, p]));
  const named = (purposeId: string) => {
    const p = byId.get(purposeId)!;
    return { purposeCode: p.code, purposeName: language === 'fr' ? p.nameFr : p.nameEn };
  };
  return {
    events: events
      .filter((e) => access || portableBasis(e.lawfulBasis))
      .map((e) => ({
        id: e.id,
        ...named(e.purposeId),
        action: e.action,
        lawfulBasis: e.lawfulBasis,
        channel: e.channel,
        occurredOn: e.occurredOn,
        policyVersion: e.policyVersion ? { number: e.policyVersion.version, language: e.policyVersion.language } : null,
        policyEarlier: e.policyEarlier,
        policyShown: e.policyVersion
          ? WORDS[language].policyVersionShown.replace('{{number}}', String(e.policyVersion.version)).replace('{{language}}', e.policyVersion.language)
          : e.policyEarlier
            ? WORDS[language].policyEarlier
            : null,
        ...(access ? { evidence: e.evidence, recordedBy: e.recordedBy ? staff : null } : {}),
        recordedAt: e.recordedAt,
      })),
    current: derived.purposes
      .filter((s) => access || portableBasis(s.purpose.lawfulBasis))
      .map((s) => ({ ...named(s.purpose.id), lawfulBasis: s.purpose.lawfulBasis, state: s.state, applies: s.applies, since: s.since })),
  };
}

async function photoSection(db: Kysely<Database>, contactId: string, access: boolean) {
  const records = await db
    .selectFrom('photo_optouts as o')
    .leftJoin('events as e', 'e.id', 'o.event_id')
    .selectAll('o')
    .select('e.name as event_name')
    .where('o.contact_id', '=', contactId)
    .orderBy('o.decided_on', 'desc')
    .orderBy('o.recorded_at', 'desc')
    .execute();
  const section: NonNullable<BundleData['photoPreferences']> = {
    records: records.map((r) => {
      const { id, contactId: _contactId, eventId, recordedById: _recordedById, ...decision } = photoPreferenceFields(r);
      return { id, event: eventId ? { id: eventId, name: r.event_name ?? '' } : null, ...decision };
    }),
  };
  if (!access) return section;
  const takedowns = await db
    .selectFrom('photo_takedowns as t')
    .innerJoin('photo_publications as p', 'p.id', 't.publication_id')
    .innerJoin('events as e', 'e.id', 'p.event_id')
    .select(['t.publication_id', 'e.name', 'p.location', 'p.published_on', 't.done_on', 't.note'])
    .where('t.contact_id', '=', contactId)
    .orderBy('t.done_on')
    .orderBy('t.publication_id')
    .execute();
  return {
    ...section,
    takedowns: takedowns.map((t) => ({ publicationId: t.publication_id, event: t.name, location: t.location, publishedOn: t.published_on, doneOn: t.done_on, note: t.note })),
  };
}

async function systemSection(db: Kysely<Database>, contactId: string) {
  const rows = await db
    .selectFrom('contact_processors as cp')
    .innerJoin('processors as p', 'p.id', 'cp.processor_id')
    .select(['p.id', 'p.name', 'p.kind', 'p.role', 'p.country', 'cp.since'])
    .where('cp.contact_id', '=', contactId)
    .orderBy('p.name')
    .execute();
  return rows.map((r) => ({ processorId: r.id, name: r.name, kind: r.kind, role: r.role, country: r.country, since: r.since }));
}

async function sharingSection(db: Kysely<Database>, contactId: string) {
  const rows = await db.selectFrom('partner_sharing').selectAll().where('contact_id', '=', contactId).orderBy('shared_on').orderBy('id').execute();
  // Who recorded it stays out: the bundle names no staff member.
  return rows.map((r) => {
    const { contactId: _contactId, recordedById: _recordedById, ...shared } = sharingFields(r);
    return shared;
  });
}

/** A request as the person reads it: without the register's bookkeeping (who entered it, when, the clock's restart and pause, the test flag). */
const bundleRequest = ({
  contactId: _contactId,
  clockStartedOn: _clockStartedOn,
  pausedOn: _pausedOn,
  isTest: _isTest,
  createdById: _createdById,
  createdAt: _createdAt,
  ...request
}: ReturnType<typeof requestFields>) => request;

async function requestSection(db: Kysely<Database>, contactId: string) {
  // A test entry is staff practising, not a request the person made.
  const requests = await db.selectFrom('rights_requests').selectAll().where('contact_id', '=', contactId).where('is_test', '=', 0).orderBy('received_on').orderBy('id').execute();
  const tasks = requests.length
    ? await db
        .selectFrom('request_tasks as t')
        .leftJoin('processors as p', 'p.id', 't.processor_id')
        .select(['t.id', 't.request_id', 'p.name as processor', 't.partner', 't.status', 't.evidence', 't.done_at'])
        .where(
          't.request_id',
          'in',
          requests.map((r) => r.id),
        )
        .orderBy('t.seq')
        .execute()
    : [];
  return requests.map((r) => ({
    ...bundleRequest(requestFields(r)),
    tasks: tasks.filter((t) => t.request_id === r.id).map((t) => ({ id: t.id, recipient: t.processor ?? t.partner ?? '', status: t.status, note: t.evidence, doneAt: t.done_at })),
  }));
}

/**
 * The audit events about the person through audit-list.ts (so merged duplicates count as
 * theirs), a page at a time by sequence number, oldest first in the bundle.
 */
async function auditSection(db: Kysely<Database>, job: ExportJob, contactId: string, language: SummaryLanguage) {
  const out: NonNullable<BundleData['auditEvents']> = [];
  let beforeSeq: number | undefined;
  for (;;) {
    const page = await listAudit(db, { subjectId: contactId, limit: AUDIT_PAGE, ...(beforeSeq === undefined ? {} : { beforeSeq }) });
    for (const e of page) {
      out.push({ seq: e.seq, at: e.at, staff: e.staffName === null ? null : WORDS[language].staffRole, action: e.action, entityType: e.entityType, entityId: e.entityId, fields: e.fields });
      await job.tick();
    }
    if (page.length < AUDIT_PAGE) break;
    beforeSeq = page.at(-1)!.seq;
  }
  return out.reverse();
}

/**
 * The purposes that apply to the person: one resting on legitimate interest, a contract or
 * a legal obligation applies to everyone in the register; one resting on consent only when
 * the person has a decision for it in the ledger or a record processed for it (per
 * PORTABILITY_PURPOSES: an event participation for event_logistics, and so on).
 */
async function purposesApplying(db: Kysely<Database>, contactId: string): Promise<Set<string>> {
  const purposes = await db.selectFrom('purposes').select(['id', 'code', 'lawful_basis']).execute();
  const decided = new Set((await db.selectFrom('consent_events').select('purpose_id').distinct().where('contact_id', '=', contactId).execute()).map((r) => r.purpose_id));
  const records = new Set<string>();
  const has = async (record: PortabilityRecord, found: Promise<unknown>) => {
    if ((await found) !== undefined) records.add(record);
  };
  await has('eventParticipations', db.selectFrom('participations').select('id').where('contact_id', '=', contactId).where('event_id', 'is not', null).executeTakeFirst());
  await has('projectParticipations', db.selectFrom('participations').select('id').where('contact_id', '=', contactId).where('project_id', 'is not', null).executeTakeFirst());
  await has('photoPreferences', db.selectFrom('photo_optouts').select('id').where('contact_id', '=', contactId).executeTakeFirst());
  for (const r of await db.selectFrom('sensitive_extras').select('category').distinct().where('contact_id', '=', contactId).execute()) records.add(r.category);
  const purposeOf: Record<string, string | null> = PORTABILITY_PURPOSES;
  const byRecord = new Set([...records].map((r) => purposeOf[r] ?? null));
  return new Set(purposes.filter((p) => p.lawful_basis !== 'consent' || decided.has(p.id) || byRecord.has(p.code)).map((p) => p.code));
}

/**
 * Purposes (in the bundle's language), the providers that receive the person's data (those
 * of the purposes that apply to them, and the systems holding their data), partner
 * networks their details were shared with, and the source.
 */
async function processingSection(
  db: Kysely<Database>,
  contactId: string,
  language: SummaryLanguage,
  systems: ReadonlyArray<{ processorId: string }>,
  sharing: ReadonlyArray<{ partner: string }>,
): Promise<NonNullable<BundleData['processing']>> {
  const purposes = await db.selectFrom('purposes').selectAll().orderBy('position').orderBy('code').execute();
  const applying = await purposesApplying(db, contactId);
  const links = await db.selectFrom('purpose_processors as pp').innerJoin('purposes as pu', 'pu.id', 'pp.purpose_id').select(['pp.processor_id', 'pu.code']).orderBy('pu.position').execute();
  const why = new Map<string, string[]>();
  for (const l of links) if (applying.has(l.code)) why.set(l.processor_id, [...(why.get(l.processor_id) ?? []), l.code]);
  for (const s of systems) why.set(s.processorId, [...(why.get(s.processorId) ?? []), 'system']);
  const processors = why.size
    ? await db
        .selectFrom('processors')
        .selectAll()
        .where('id', 'in', [...why.keys()])
        .orderBy('name')
        .execute()
    : [];
  const fr = language === 'fr';
  const { name, address, email } = await controllerDetails(db);
  return {
    controller: { name, address, email },
    purposes: purposes.map(purposeFields).map((p) => ({
      code: p.code,
      name: fr ? p.nameFr : p.nameEn,
      lawfulBasis: p.lawfulBasis,
      description: fr ? (p.descriptionFr ?? p.descriptionEn) : p.descriptionEn,
      retention: fr ? (p.retentionFr ?? p.retentionEn) : p.retentionEn,
    })),
    // The Privacy Shield is recognised in the stored text; the person reads a seeded processor's words in their language.
    recipients: processors.map(processorFields).map((p) => ({
      name: p.name,
      ...processorWords(p, language),
      country: p.country,
      privacyShield: citesPrivacyShield(p.transferSafeguard),
      why: why.get(p.id)!,
    })),
    partnerNetworks: [...new Set(sharing.map((s) => s.partner))].sort(),
    source: WORDS[language].sourceText,
  };
}

/** Reads the person's sections in order, each as a stage of the export job (progress, cancel between sections). */
export async function gatherSubject(db: Kysely<Database>, job: ExportJob, req: SubjectRequest): Promise<SubjectData> {
  const access = req.mode === 'access';
  // Each section starts after a turn of the event loop, so progress and cancel calls are
  // answered between sections (the reads themselves are synchronous SQLite calls).
  const step = async <T>(label: string, read: () => Promise<T>): Promise<T> => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    job.checkCancelled();
    job.stage(label);
    return read();
  };
  const rules = await portabilityRules(db);
  const portable = new Set(rules.filter((r) => r.portable).map((r) => r.record));
  const keeps: Keeps = (record) => access || portable.has(record);
  const files: BundleFile[] = [];
  const { contact, organisation } = await step('contact', () => contactSection(db, req.contactId, access));
  const sensitive = req.includeSensitive ? await step('sensitiveExtras', () => sensitiveSection(db, req.contactId, keeps, files)) : undefined;
  const participations = await step('participations', () => participationSection(db, req.contactId, keeps));
  const consents = await step('consents', () => consentSection(db, req.contactId, req.language, access));
  const photoPreferences = keeps('photoPreferences') ? await step('photoPreferences', () => photoSection(db, req.contactId, access)) : undefined;
  const data: BundleData = {
    format: 'registre-subject-data',
    version: 1,
    generatedAt: req.generatedAt,
    mode: req.mode,
    language: req.language,
    includesSensitive: req.includeSensitive,
    contact,
    organisation,
    ...(sensitive ? { sensitiveExtras: sensitive } : {}),
    participations,
    consents,
    ...(photoPreferences ? { photoPreferences } : {}),
  };
  // Systems and sharing name the recipients every summary owes; they are sections of
  // data.json only in access bundles, like the processing information itself.
  const systems = await step('systems', () => systemSection(db, req.contactId));
  const sharing = await step('sharing', () => sharingSection(db, req.contactId));
  if (access) {
    data.systems = systems;
    data.sharing = sharing;
    data.requests = await step('requests', () => requestSection(db, req.contactId));
    data.auditEvents = await step('auditEvents', () => auditSection(db, job, req.contactId, req.language));
  }
  const processing = await step('processing', () => processingSection(db, req.contactId, req.language, systems, sharing));
  if (access) data.processing = processing;
  job.checkCancelled();
  const disclosed = (sensitive ?? []).map((x) => ({ id: x.id, category: x.category, fields: [x.category, ...Object.keys(x.values)] }));
  return { data, processing, portability: rules, files, disclosed };
}

/** The sections present in a bundle, in data.json's order (the export's audit event names them). */
export const sectionNames = (data: BundleData): string[] =>
  (['contact', 'organisation', 'sensitiveExtras', 'participations', 'consents', 'photoPreferences', 'systems', 'sharing', 'requests', 'auditEvents', 'processing'] as const).filter(
    (k) => data[k] !== undefined,
  );
