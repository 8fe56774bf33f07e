/**
 * One CSV per section of a bundle, for people who open it in a spreadsheet. Columns are
 * data.json's fields (schema.json describes them) titled in the person's language
 * (export-words.ts); nested lists get their own file (emails.csv, request-tasks.csv), a
 * nested object its own columns (a sensitive detail's values), a list of words one cell
 * joined with "; ". data.json stays the structured, machine form. Only sections present in the bundle get a file.
 * French bundles use `;` (French and Belgian Excel), and every file carries a UTF-8 BOM so
 * Excel on Windows reads accents right. Cells are neutralised against formulas (shared/csv.ts).
 * A sensitive file is never a cell (Excel truncates cells at 32,767 characters): the CSV
 * names its own zip entry, as data.json does.
 */
import { toCsv } from '../../shared/csv';
import type { BundleData } from './bundle-schema';
import type { SectionKey, SummaryLanguage } from './summary-words';
import { exportWords } from './export-words';

export interface BundleCsv {
  name: string;
  section: SectionKey;
  /** False for purposes.csv and recipients.csv: about the register, not records about the person. */
  aboutPerson: boolean;
  rows: number;
  content: string;
}

type Cell = string | number | boolean | null | undefined;

const cell = (v: Cell): string | number | null => (v === undefined || v === null ? null : typeof v === 'boolean' ? (v ? 'true' : 'false') : v);

export function bundleCsvs(data: BundleData, language: SummaryLanguage): BundleCsv[] {
  const out: BundleCsv[] = [];
  const w = exportWords(language);
  /** `valueNames`: the columns of a sensitive detail's values, titled by the contact page's words. */
  const add = (name: string, section: SectionKey, header: string[], rows: Cell[][], valueNames: readonly string[] = []) => {
    out.push({
      name,
      section,
      aboutPerson: section !== 'purposes' && section !== 'recipients',
      rows: rows.length,
      content: toCsv([[...header.map((h) => w.column(h)), ...valueNames.map((k) => w.word(`sensitive.valueNames.${k}`, k))], ...rows.map((r) => r.map(cell))], {
        delimiter: language === 'fr' ? ';' : ',',
        bom: true,
      }),
    });
  };
  const c = data.contact;
  const access = data.mode === 'access';
  add(
    'contact.csv',
    'contact',
    ['id', 'fullName', 'jobTitle', 'gender', 'country', 'language', ...(access ? ['notes'] : []), 'createdAt', 'updatedAt', 'archivedAt'],
    [[c.id, c.fullName, c.jobTitle, c.gender, c.country, c.language, ...(access ? [c.notes] : []), c.createdAt, c.updatedAt, c.archivedAt]],
  );
  add(
    'emails.csv',
    'emails',
    ['id', 'address', 'primary'],
    c.emails.map((e) => [e.id, e.address, e.primary]),
  );
  add(
    'phones.csv',
    'phones',
    ['id', 'number', 'label'],
    c.phones.map((p) => [p.id, p.number, p.label]),
  );
  const o = data.organisation;
  add('organisation.csv', 'organisation', ['id', 'name', 'country', 'type'], o ? [[o.id, o.name, o.country, o.type]] : []);
  if (data.sensitiveExtras) {
    const extras = data.sensitiveExtras;
    const valueNames = [...new Set(extras.flatMap((x) => Object.keys(x.values)))];
    add(
      'sensitive-extras.csv',
      'sensitiveExtras',
      ['id', 'category', 'reason', 'fileContentType', 'fileEntry', 'fileWithheld', 'eventId', 'eventName', 'createdAt'],
      extras.map((x) => [x.id, x.category, x.reason, x.file?.contentType, x.file?.entry, x.fileWithheld, x.event?.id, x.event?.name, x.createdAt, ...valueNames.map((k) => x.values[k])]),
      valueNames,
    );
  }
  add(
    'participations.csv',
    'participations',
    [
      'id',
      'role',
      'travelBooked',
      'participatedOn',
      'eventId',
      'eventName',
      'eventStartDate',
      'eventEndDate',
      'eventLocation',
      'projectId',
      'projectName',
      'projectStartDate',
      'projectEndDate',
      'createdAt',
    ],
    data.participations.map((p) => [
      p.id,
      p.role,
      p.travelBooked,
      p.participatedOn,
      p.event?.id,
      p.event?.name,
      p.event?.startDate,
      p.event?.endDate,
      p.event?.location,
      p.project?.id,
      p.project?.name,
      p.project?.startDate,
      p.project?.endDate,
      p.createdAt,
    ]),
  );
  add(
    'consents.csv',
    'consents',
    [
      'id',
      'purposeCode',
      'purposeName',
      'action',
      'lawfulBasis',
      'channel',
      'occurredOn',
      'policyVersion',
      'policyLanguage',
      'policyShown',
      ...(access ? ['evidence', 'recordedBy'] : []),
      'recordedAt',
    ],
    data.consents.events.map((e) => [
      e.id,
      e.purposeCode,
      e.purposeName,
      e.action,
      e.lawfulBasis,
      e.channel,
      e.occurredOn,
      e.policyVersion?.number,
      e.policyVersion?.language,
      e.policyShown,
      ...(access ? [e.evidence, e.recordedBy] : []),
      e.recordedAt,
    ]),
  );
  add(
    'consent-state.csv',
    'consentState',
    ['purposeCode', 'purposeName', 'lawfulBasis', 'state', 'applies', 'since'],
    data.consents.current.map((s) => [s.purposeCode, s.purposeName, s.lawfulBasis, s.state, s.applies, s.since]),
  );
  const photos = data.photoPreferences;
  if (photos) {
    add(
      'photo-preferences.csv',
      'photoPreferences',
      ['id', 'eventId', 'eventName', 'state', 'channel', 'decidedOn', 'recordedAt', 'withdrawnAt'],
      photos.records.map((r) => [r.id, r.event?.id, r.event?.name, r.state, r.channel, r.decidedOn, r.recordedAt, r.withdrawnAt]),
    );
  }
  if (photos?.takedowns) {
    add(
      'photo-takedowns.csv',
      'photoTakedowns',
      ['publicationId', 'event', 'location', 'publishedOn', 'doneOn', 'note'],
      photos.takedowns.map((t) => [t.publicationId, t.event, t.location, t.publishedOn, t.doneOn, t.note]),
    );
  }
  if (data.systems)
    add(
      'systems.csv',
      'systems',
      ['processorId', 'name', 'kind', 'role', 'country', 'since'],
      data.systems.map((s) => [s.processorId, s.name, s.kind, s.role, s.country, s.since]),
    );
  if (data.sharing) {
    add(
      'sharing.csv',
      'sharing',
      ['id', 'partner', 'mouReference', 'jointActivity', 'dataCategories', 'sharedOn', 'recordedAt'],
      data.sharing.map((s) => [s.id, s.partner, s.mouReference, s.jointActivity, s.dataCategories.join('; '), s.sharedOn, s.recordedAt]),
    );
  }
  if (data.requests) {
    add(
      'requests.csv',
      'requests',
      ['id', 'type', 'status', 'requesterName', 'receivedOn', 'dueOn', 'extendedDueOn', 'extensionReason', 'closedOn', 'refusalReason', 'notes'],
      data.requests.map((r) => [r.id, r.type, r.status, r.requesterName, r.receivedOn, r.dueOn, r.extendedDueOn, r.extensionReason, r.closedOn, r.refusalReason, r.notes]),
    );
    add(
      'request-tasks.csv',
      'requestTasks',
      ['id', 'requestId', 'recipient', 'status', 'note', 'doneAt'],
      data.requests.flatMap((r) => r.tasks.map((t) => [t.id, r.id, t.recipient, t.status, t.note, t.doneAt])),
    );
  }
  if (data.auditEvents) {
    add(
      'audit-events.csv',
      'auditEvents',
      ['seq', 'at', 'staff', 'action', 'entityType', 'entityId', 'fields'],
      data.auditEvents.map((e) => [e.seq, e.at, e.staff, e.action, e.entityType, e.entityId, e.fields.join('; ')]),
    );
  }
  if (data.processing) {
    const p = data.processing;
    add(
      'purposes.csv',
      'purposes',
      ['code', 'name', 'lawfulBasis', 'description', 'retention'],
      p.purposes.map((x) => [x.code, x.name, x.lawfulBasis, x.description, x.retention]),
    );
    add(
      'recipients.csv',
      'recipients',
      ['name', 'role', 'country', 'transferSafeguard', 'privacyShield', 'why'],
      [
        ...p.recipients.map((r) => [r.name, r.role, r.country, r.transferSafeguard, r.privacyShield, r.why.join('; ')]),
        ...p.partnerNetworks.map((n) => [n, w.word('exports.cells.partnerNetwork', 'partner network'), null, null, false, 'partner_sharing']),
      ],
    );
  }
  return out;
}
