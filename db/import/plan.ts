/**
 * CSV import, step 4: the dry run. Each row becomes new, update (matched by e-mail,
 * case-insensitive, against any e-mail of an existing contact; a row without an e-mail by
 * its folded name and organisation), skipped (empty, a duplicate of an earlier row, a
 * possible duplicate of a contact, or nothing to change) or invalid (with reasons). A row
 * may also carry a consent event for the import's purpose (consent.ts), recorded unless
 * the ledger already has it from the same file. The plan touches no database: it
 * asks a `RegisterLookup` (existing.ts) for the part of the register its rows reach, so
 * the commit can rebuild the plan inside its transaction from what the vault holds then.
 */
import { emailKey, validateEmail } from '../../shared/rules/email';
import { nameKey } from '../../shared/rules/names';
import { normalisePhone, type PhoneResult } from '../../shared/rules/phone';
import { orgKey, type ExistingContact, type ExistingState, type RegisterLookup } from './existing';
import type { ParsedCsv } from './parse';
import type { ColumnMapping, ImportTarget } from './presets';
import { consentTargets } from '../../shared/import-format';
import type { ImportProgress } from './progress';
import { countryCode, languageCode } from './values';
import { plannedConsent, readConsent, type ConsentColumn, type PlannedConsent, type RowConsent } from './consent';
import type { ImportCountsDto, ImportReportDto, ImportReportRowDto } from '../../shared/dto/index';

export type RowStatus = 'new' | 'update' | 'skipped' | 'invalid';
export type RowReason =
  | 'ragged_row'
  | 'email_invalid'
  | 'phone_invalid'
  | 'no_name_or_email'
  | 'country_unknown'
  | 'language_unknown'
  | 'too_long'
  | 'empty'
  | 'duplicate'
  | 'duplicate_name'
  | 'possible_duplicate'
  | 'same_contact'
  | 'unchanged'
  | 'unchanged_consent_recorded'
  | 'consent_date_invalid'
  | 'consent_date_missing'
  | 'consent_answer_unknown';

export interface RowIssue {
  reason: RowReason;
  message: string;
}

/** What a valid row says about a person (only the cells that were filled). */
export interface RowValues {
  fullName?: string;
  emails: string[];
  phones: string[];
  jobTitle?: string;
  organisationName?: string;
  country?: string;
  language?: string;
  notes?: string;
  /** What the consent columns say (before the ledger is looked at). */
  consent?: RowConsent;
}

export interface PlannedRow {
  row: number;
  line: number;
  status: RowStatus;
  issues: RowIssue[];
  /** For updates: the matched contact. */
  contactId?: string;
  /** For skipped duplicates: the earlier row. */
  duplicateOf?: number;
  values?: RowValues;
  /** For updates: the API field names that change. */
  changes?: string[];
  /** The consent event this row records (already in the ledger from the same file: absent). */
  consent?: PlannedConsent;
}

/** The dry run's counts, exactly as the API returns them. */
export type PlanCounts = ImportCountsDto;

export interface ImportPlan {
  headers: string[];
  mapping: ColumnMapping;
  rows: PlannedRow[];
  counts: PlanCounts;
  /** Names as first written in the file, one per organisation to create. */
  newOrganisations: string[];
  /** The original cells, for the error report. */
  source: ParsedCsv;
}

export interface PlanOptions {
  /** For national phone numbers of rows without a country. */
  defaultCountry?: string;
  /** The file's name: the evidence of the consents it brings, and what tells one file's from another's. */
  fileName?: string;
  /** YYYY-MM-DD: a consent dated later is refused. */
  today?: string;
}

const LIMITS = Object.entries({ fullName: 200, jobTitle: 200, organisationName: 300, notes: 5000 }) as [keyof RowValues, number][];

function readRow(values: string[], columns: { index: number; target: ImportTarget; header: string }[]) {
  const cells: Partial<Record<ImportTarget, string[]>> = {};
  const noteParts: string[] = [];
  for (const c of columns) {
    const v = (values[c.index] ?? '').trim();
    if (v === '') continue;
    (cells[c.target] ??= []).push(v);
    if (c.target === 'notes') noteParts.push(columns.filter((x) => x.target === 'notes').length > 1 ? `${c.header}: ${v}` : v);
  }
  return { cells, notes: noteParts.join('\n') };
}

const first = (a: string[] | undefined) => a?.[0];

const countryCodes = new Map<string, string | null>();
const languageCodes = new Map<string, string | null>();
function memo(cache: Map<string, string | null>, cell: string, fn: (c: string) => string | null): string | null {
  let v = cache.get(cell);
  if (v === undefined) {
    v = fn(cell);
    if (cache.size > 10_000) cache.clear();
    cache.set(cell, v);
  }
  return v;
}

type PhoneCheck = (raw: string, country: string) => PhoneResult;

/**
 * Phone validation with libphonenumber's full metadata is the dearest check of a row;
 * files repeat numbers (a switchboard for a whole organisation), so each plan checks a
 * distinct number once. The cache lives as long as the plan: numbers are personal data
 * and must not stay in memory after the vault locks.
 */
function phoneChecker(): PhoneCheck {
  const checked = new Map<string, PhoneResult>();
  return (raw, country) => {
    const key = `${country}\u0000${raw}`;
    let result = checked.get(key);
    if (result === undefined) {
      result = normalisePhone(raw, country);
      checked.set(key, result);
    }
    return result;
  };
}

function rowValues(
  values: string[],
  columns: { index: number; target: ImportTarget; header: string }[],
  options: PlanOptions & { consentColumns: ConsentColumn[] },
  checkPhone: PhoneCheck,
): { values: RowValues; issues: RowIssue[]; empty: boolean } {
  const { cells, notes } = readRow(values, columns);
  const issues: RowIssue[] = [];
  const empty = Object.keys(cells).length === 0;
  const out: RowValues = { emails: [], phones: [] };

  const full = first(cells.fullName)?.replace(/\s+/g, ' ');
  const joined = [first(cells.firstName), first(cells.lastName)].filter(Boolean).join(' ').replace(/\s+/g, ' ');
  const name = full || joined;
  if (name) out.fullName = name;

  for (const raw of cells.email ?? []) {
    const checked = validateEmail(raw);
    if (!checked.ok) issues.push({ reason: 'email_invalid', message: `The e-mail address is not valid (${checked.reason.replace('_', ' ')}).` });
    else if (!out.emails.some((e) => e.toLowerCase() === checked.email.toLowerCase())) out.emails.push(checked.email);
  }

  if (cells.country) {
    const code = memo(countryCodes, cells.country[0]!, countryCode);
    if (code) out.country = code;
    else issues.push({ reason: 'country_unknown', message: 'The country is not one we know; write its name or its two-letter code (BE, FR).' });
  }
  if (cells.language) {
    const code = memo(languageCodes, cells.language[0]!, languageCode);
    if (code) out.language = code;
    else issues.push({ reason: 'language_unknown', message: 'The language is not one we know; write its name or its two-letter code (fr, en).' });
  }
  for (const raw of cells.phone ?? []) {
    const checked = checkPhone(raw, out.country ?? options.defaultCountry ?? 'BE');
    if (!checked.ok) issues.push({ reason: 'phone_invalid', message: `The phone number is not valid (${checked.reason.replace('_', ' ')}).` });
    else if (!out.phones.includes(checked.e164)) out.phones.push(checked.e164);
  }
  const job = first(cells.jobTitle);
  if (job) out.jobTitle = job;
  const org = first(cells.organisationName)?.replace(/\s+/g, ' ');
  if (org) out.organisationName = org;
  if (notes) out.notes = notes;

  if (options.consentColumns.length > 0) {
    const read = readConsent(values, options.consentColumns, options.today);
    issues.push(...read.issues);
    if (read.consent) out.consent = read.consent;
  }
  for (const [field, max] of LIMITS) {
    const v = out[field];
    if (typeof v === 'string' && v.length > max) issues.push({ reason: 'too_long', message: `The ${field} is longer than ${max} characters.` });
  }
  if (!empty && !out.fullName && out.emails.length === 0 && !issues.some((i) => i.reason === 'email_invalid')) {
    issues.push({ reason: 'no_name_or_email', message: 'The row has neither a name nor an e-mail address.' });
  }
  return { values: out, issues, empty };
}

/** API field names an update would change, compared with what the contact holds. */
function changesFor(v: RowValues, c: ExistingContact, orgId: string | null | undefined): string[] {
  const changes: string[] = [];
  if (v.fullName !== undefined && v.fullName !== c.fullName) changes.push('fullName');
  const known = new Set(c.emails.map(emailKey));
  if (v.emails.some((e) => !known.has(emailKey(e)))) changes.push('otherEmails');
  if (v.phones.some((p) => !c.phones.includes(p))) changes.push('phone');
  if (v.jobTitle !== undefined && v.jobTitle !== c.jobTitle) changes.push('jobTitle');
  if (orgId !== undefined && orgId !== c.organisationId) changes.push('organisationId');
  if (v.country !== undefined && v.country !== c.country) changes.push('country');
  if (v.language !== undefined && v.language !== c.language) changes.push('language');
  if (v.notes !== undefined && v.notes !== c.notes) changes.push('notes');
  return changes;
}

interface PlanState {
  existing: ExistingState;
  /** nameKey + orgKey → the row that first had them. */
  seenNames: Map<string, number>;
  /** lower-case e-mail → the row that first had it. */
  seenEmails: Map<string, number>;
  /**
   * Existing contact id → the row that updates it. Each row is compared with the register
   * as it was before the import, so a second row for the same person would undo the first
   * one's additions: it is skipped and named instead.
   */
  updating: Map<string, number>;
  /** orgKey → name as first written, for organisations not in the vault. */
  newOrgs: Map<string, string>;
  counts: PlanCounts;
}

function firstFound<V>(keys: readonly string[], map: ReadonlyMap<string, V>): V | undefined {
  for (const k of keys) {
    const v = map.get(k);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** What a row says (pass 1 of the plan); null for a ragged row. */
type RowRead = ReturnType<typeof rowValues> | null;

function planRow(r: ParsedCsv['rows'][number], read: RowRead, s: PlanState): PlannedRow {
  const { counts } = s;
  if (!read) {
    counts.invalid++;
    return { row: r.row, line: r.line, status: 'invalid', issues: [{ reason: 'ragged_row', message: `The row has ${r.problem!.actual} cells but the header has ${r.problem!.expected}.` }] };
  }
  const { values, issues, empty } = read;
  if (empty) {
    counts.skipped++;
    return { row: r.row, line: r.line, status: 'skipped', issues: [{ reason: 'empty', message: 'The row is empty.' }] };
  }
  if (issues.length > 0) {
    counts.invalid++;
    return { row: r.row, line: r.line, status: 'invalid', issues };
  }
  // Validated addresses are normalised already: their key is their lower-case form.
  const keys = values.emails.map((e) => e.toLowerCase());
  const earlier = firstFound(keys, s.seenEmails);
  if (earlier !== undefined) {
    counts.skipped++;
    return { row: r.row, line: r.line, status: 'skipped', duplicateOf: earlier, issues: [{ reason: 'duplicate', message: `Same e-mail address as row ${earlier}.` }] };
  }
  const personKey = values.fullName ? `${nameKey(values.fullName)}\u0000${values.organisationName ? orgKey(values.organisationName) : ''}` : null;
  if (keys.length === 0 && personKey) {
    const sameName = s.seenNames.get(personKey);
    if (sameName !== undefined) {
      counts.skipped++;
      return {
        row: r.row,
        line: r.line,
        status: 'skipped',
        duplicateOf: sameName,
        issues: [{ reason: 'duplicate_name', message: `Same name and organisation as row ${sameName}, and no e-mail address to tell them apart.` }],
      };
    }
  }
  for (const k of keys) s.seenEmails.set(k, r.row);
  if (personKey && !s.seenNames.has(personKey)) s.seenNames.set(personKey, r.row);

  let orgId: string | undefined;
  if (values.organisationName) {
    const k = orgKey(values.organisationName);
    const found = s.existing.organisations.get(k);
    if (found) orgId = found.id;
    else {
      if (!s.newOrgs.has(k)) s.newOrgs.set(k, values.organisationName);
      // Placeholder id for an organisation the commit will create: never equal to a stored id.
      orgId = `new:${k}`;
    }
  }
  let matchId = firstFound(keys, s.existing.byEmail);
  const matchedBy = keys.length > 0 ? 'e-mail' : 'name and organisation';
  if (keys.length === 0 && values.fullName) {
    // No e-mail: the same folded name in the same organisation (or both without one) is the same person.
    const named = (s.existing.byName.get(nameKey(values.fullName)) ?? []).map((id) => s.existing.contacts.get(id)!);
    const same = named.filter((c) => c.organisationId === (orgId ?? null));
    if (same.length === 1) matchId = same[0]!.id;
    else if (named.length > 0) {
      counts.skipped++;
      return {
        row: r.row,
        line: r.line,
        status: 'skipped',
        issues: [
          {
            reason: 'possible_duplicate',
            message:
              same.length > 1
                ? `No e-mail address, and ${same.length} contacts have this name in this organisation: add the e-mail address to the file, or merge them first.`
                : 'No e-mail address, and a contact with this name is in the register in another organisation: add the e-mail address to the file, or add the person by hand.',
          },
        ],
      };
    }
  }
  const match = matchId ? s.existing.contacts.get(matchId) : undefined;
  const consentFor = (contactId: string | null): PlannedConsent | undefined => {
    const planned = values.consent && s.existing.consent ? plannedConsent(s.existing.consent, r.row, values.consent, contactId) : undefined;
    if (planned?.action === 'granted') counts.grants++;
    else if (planned) counts.withdrawals++;
    return planned;
  };
  if (match) {
    const claimedBy = s.updating.get(match.id);
    if (claimedBy !== undefined) {
      counts.skipped++;
      return {
        row: r.row,
        line: r.line,
        status: 'skipped',
        contactId: match.id,
        duplicateOf: claimedBy,
        issues: [{ reason: 'same_contact', message: `Row ${claimedBy} already updates the same contact (matched by ${matchedBy}); merge the two rows.` }],
      };
    }
    const changes = changesFor(values, match, orgId);
    const consent = consentFor(match.id);
    if (changes.length > 0 || consent) s.updating.set(match.id, r.row);
    if (changes.length === 0) {
      counts.skipped++;
      return {
        row: r.row,
        line: r.line,
        status: 'skipped',
        contactId: match.id,
        ...(consent ? { consent } : {}),
        issues: [
          consent
            ? { reason: 'unchanged_consent_recorded', message: `Matches an existing contact by ${matchedBy}; nothing to change but the consent, which is recorded.` }
            : { reason: 'unchanged', message: `Matches an existing contact by ${matchedBy}; nothing to change.` },
        ],
      };
    }
    counts.update++;
    return { row: r.row, line: r.line, status: 'update', contactId: match.id, values, changes, ...(consent ? { consent } : {}), issues: [] };
  }
  // A new contact without a name is named after its e-mail address (the schema needs a name).
  if (!values.fullName) values.fullName = values.emails[0]!;
  counts.new++;
  const consent = consentFor(null);
  return { row: r.row, line: r.line, status: 'new', values, ...(consent ? { consent } : {}), issues: [] };
}

/**
 * Two passes: first what each row says (the validation, the dear part, which ticks
 * `progress` once per row), then each row against the part of the register its addresses
 * and names reach, read in between. Both let pending I/O run now and then: a long file
 * must not hold the event loop.
 */
export async function buildPlan(
  source: ParsedCsv,
  mapping: ColumnMapping,
  register: RegisterLookup,
  options: PlanOptions = {},
  progress?: ImportProgress,
): Promise<{ plan: ImportPlan; existing: ExistingState }> {
  const columns = source.headers
    .map((header, index) => ({ header, index, target: mapping[header] ?? 'ignore' }))
    .filter((c): c is { header: string; index: number; target: ImportTarget } => c.target !== 'ignore');
  const consentColumns = register.consent ? columns.filter((c): c is ConsentColumn => (consentTargets as readonly string[]).includes(c.target)) : [];
  const planOptions = { ...options, consentColumns };
  const checkPhone = phoneChecker();
  const reads = new Array<RowRead>(source.rows.length);
  const emails = new Set<string>();
  const names = new Set<string>();
  for (let i = 0; i < source.rows.length; i++) {
    const r = source.rows[i]!;
    const read = r.problem ? null : rowValues(r.values, columns, planOptions, checkPhone);
    reads[i] = read;
    if (read && !read.empty && read.issues.length === 0) {
      for (const e of read.values.emails) emails.add(e.toLowerCase());
      if (read.values.emails.length === 0 && read.values.fullName) names.add(nameKey(read.values.fullName));
    }
    await progress?.tick();
  }
  const existing = await register.load({ emails, names });
  const state: PlanState = {
    existing,
    seenNames: new Map(),
    seenEmails: new Map(),
    updating: new Map(),
    newOrgs: new Map(),
    counts: { rows: source.rows.length, new: 0, update: 0, skipped: 0, invalid: 0, organisationsToCreate: 0, grants: 0, withdrawals: 0 },
  };
  const rows: PlannedRow[] = new Array<PlannedRow>(source.rows.length);
  for (let i = 0; i < source.rows.length; i++) {
    rows[i] = planRow(source.rows[i]!, reads[i]!, state);
    await progress?.breathe();
  }
  // Only organisations that a row to be written actually uses are created.
  const used = new Set<string>();
  for (const r of rows) if ((r.status === 'new' || r.status === 'update') && r.values?.organisationName) used.add(orgKey(r.values.organisationName));
  const newOrganisations = [...state.newOrgs].filter(([k]) => used.has(k)).map(([, name]) => name);
  state.counts.organisationsToCreate = newOrganisations.length;
  return { plan: { headers: source.headers, mapping, rows, counts: state.counts, newOrganisations, source }, existing };
}

/** Every invalid or skipped row with its original cells, for the error report. */
export function errorReport(plan: ImportPlan, delimiter: ImportReportDto['delimiter'] = ','): ImportReportDto {
  const width = plan.headers.length;
  const byRow = new Map(plan.source.rows.map((r) => [r.row, r.values]));
  const rows: ImportReportRowDto[] = [];
  for (const r of plan.rows) {
    if (r.status !== 'invalid' && r.status !== 'skipped') continue;
    const cells = byRow.get(r.row) ?? [];
    rows.push({
      row: r.row,
      status: r.status,
      reasons: r.issues,
      cells: Array.from({ length: width }, (_, i) => cells[i] ?? ''),
      extraCells: cells.slice(width),
    });
  }
  return { headers: plan.headers, rows, delimiter };
}
