/**
 * An import's consent columns (issue 14 §1): what a row says about the person's consent
 * to the import's purpose, and what the ledger already holds for it.
 *
 * - A filled withdrawal column (Mailchimp's UNSUB_TIME, CLEAN_TIME) is a withdrawal on
 *   that day, whatever else the row says: an unsubscribed or cleaned row is never a grant.
 * - Otherwise a yes/no answer (a form's question, a ticked box) dated by the row's answer
 *   date: yes is a grant; no is a withdrawal only for someone whose consent the ledger
 *   holds (a person never asked who says no has nothing to withdraw).
 * - Otherwise the latest filled grant column (OPTIN_TIME, CONFIRM_TIME): a grant on that day.
 * The event's evidence names the file and the row ("audience.csv, row 4, CONFIRM_TIME
 * 2023-01-12 09:15:40"). Importing the same file again records nothing twice: an event of
 * the same contact, action and day whose evidence names the same file is already there.
 */
import type { Kysely } from 'kysely';
import { RegistreError } from '../../shared/errors';
import { parseLooseDate } from '../../shared/rules/dates';
import type { ImportTarget } from '../../shared/import-format';
import type { Database } from '../schema';
import { consentAnswer } from './values';

export interface ConsentColumn {
  index: number;
  header: string;
  target: Extract<ImportTarget, 'consentGranted' | 'consentWithdrawn' | 'consentAnswer' | 'consentDate'>;
}

/** What the row's consent columns say. `no` becomes a withdrawal only for someone who had consented. */
export interface RowConsent {
  action: 'granted' | 'withdrawn' | 'no';
  day: string;
  /** The column and cell the day was read from, for the evidence. */
  column: string;
  cell: string;
}

/** A consent event the commit will append. */
export interface PlannedConsent {
  action: 'granted' | 'withdrawn';
  day: string;
  evidence: string;
}

/** The import's purpose, checked to rest on consent, and the file its events will name. */
export interface ConsentPurpose {
  purposeId: string;
  purposeCode: string;
  /** The file's name, as the evidence starts with it. */
  source: string;
}

/** The purpose and what its ledger holds for the contacts the file matches. */
export interface ConsentState extends ConsentPurpose {
  /** consentKey of every import event of the purpose that names this file. */
  recorded: Set<string>;
  /** Contact id → the latest action of the purpose in the ledger. */
  latest: Map<string, string>;
}

/** What tells two events apart for the dedupe: contact, action, day and the file they came from. */
export const consentKey = (contactId: string, action: string, day: string) => `${contactId}\u0000${action}\u0000${day}`;

/** The evidence note: file, row, and the cell the day came from. */
export function consentEvidence(source: string, row: number, c: RowConsent): string {
  return `${source}, row ${row}, ${c.column} ${c.cell}`.slice(0, 1000);
}

/** The file name of an import event's evidence (what consentEvidence wrote first). */
export const sourceOf = (evidence: string | null) => (evidence ? evidence.replace(/, row \d+, [\s\S]*$/, '') : null);

type Issue = { reason: 'consent_date_invalid' | 'consent_date_missing' | 'consent_answer_unknown'; message: string };

/**
 * Mailchimp writes "2023-01-12 09:14:02", Google Forms "2024/03/05 10:20:33 UTC+1" or
 * "05/03/2024 10:20:33", Azavista "12-09-2024": the day is the part before the time, as
 * the source showed it (day first when the year is last).
 */
function dayOf(cell: string, today: string | undefined): { day: string } | { issue: Issue } {
  const day = parseLooseDate(cell.trim().split(/[\sT]/)[0] ?? '');
  if (!day) return { issue: { reason: 'consent_date_invalid', message: `"${cell.slice(0, 40)}" is not a date we can read (write it as 2024-03-05 or 05/03/2024).` } };
  if (today && day > today) return { issue: { reason: 'consent_date_invalid', message: `The consent date ${day} has not come yet.` } };
  return { day };
}

export function readConsent(values: readonly string[], columns: readonly ConsentColumn[], today: string | undefined): { consent?: RowConsent; issues: Issue[] } {
  const filled = columns.map((c) => ({ ...c, cell: (values[c.index] ?? '').trim() })).filter((c) => c.cell !== '');
  const issues: Issue[] = [];
  const latest = (target: ConsentColumn['target']): RowConsent | undefined => {
    let best: RowConsent | undefined;
    for (const c of filled.filter((x) => x.target === target)) {
      const d = dayOf(c.cell, today);
      if ('issue' in d) issues.push(d.issue);
      else if (!best || d.day >= best.day) best = { action: target === 'consentWithdrawn' ? 'withdrawn' : 'granted', day: d.day, column: c.header, cell: c.cell };
    }
    return best;
  };
  const withdrawn = latest('consentWithdrawn');
  if (withdrawn || issues.length > 0) return { consent: withdrawn, issues };
  const answer = filled.find((c) => c.target === 'consentAnswer');
  if (answer) {
    const said = consentAnswer(answer.cell);
    if (!said) return { issues: [{ reason: 'consent_answer_unknown', message: `The answer "${answer.cell.slice(0, 40)}" in "${answer.header}" is neither yes nor no.` }] };
    const dated = filled.find((c) => c.target === 'consentDate') ?? filled.find((c) => c.target === 'consentGranted');
    if (!dated) return { issues: [{ reason: 'consent_date_missing', message: `The answer in "${answer.header}" has no date: map the column with the date of the answer.` }] };
    const d = dayOf(dated.cell, today);
    if ('issue' in d) return { issues: [d.issue] };
    return { consent: { action: said === 'yes' ? 'granted' : 'no', day: d.day, column: dated.header, cell: dated.cell }, issues };
  }
  return { consent: latest('consentGranted'), issues };
}

/** The import's purpose, refused unless it exists and rests on consent. */
export async function importPurpose(db: Kysely<Database>, purposeCode: string, source: string): Promise<ConsentPurpose> {
  const purpose = await db.selectFrom('purposes').select(['id', 'lawful_basis']).where('code', '=', purposeCode).executeTakeFirst();
  if (!purpose) throw new RegistreError('not_found', `There is no purpose with the code "${purposeCode}".`, { reason: 'purpose_absent', field: 'consentPurpose' });
  if (purpose.lawful_basis !== 'consent') {
    throw new RegistreError('invalid_input', `The purpose "${purposeCode}" does not rest on consent: an import can only record consents and withdrawals for a purpose that does.`, {
      reason: 'import_purpose_not_consent',
      field: 'consentPurpose',
    });
  }
  return { purposeId: purpose.id, purposeCode, source };
}

/** The event a row records for `contactId` (null for a new contact), or nothing if the ledger has it already. */
export function plannedConsent(state: ConsentState, row: number, c: RowConsent, contactId: string | null): PlannedConsent | undefined {
  let action: PlannedConsent['action'];
  if (c.action === 'no') {
    if (!contactId || state.latest.get(contactId) !== 'granted') return undefined;
    action = 'withdrawn';
  } else action = c.action;
  if (contactId && state.recorded.has(consentKey(contactId, action, c.day))) return undefined;
  return { action, day: c.day, evidence: consentEvidence(state.source, row, c) };
}
