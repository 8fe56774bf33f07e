/**
 * The "people" form of a register file (CSV only): the same columns and rows as the
 * machine form, with column titles and codes in the reader's language and dates as
 * people write them (export-words.ts). The machine form is untouched by this module.
 */
import type { RegisterTable } from '../../shared/vocabulary';
import type { SummaryLanguage } from './summary-words';
import { displayName, exportWords, peopleDate, type ExportWords } from './export-words';
import type { Cell, RegisterRow } from './register-spec';

/** How a column's value reads: a date, yes/no, a country or language code, or a code with words under an i18n prefix. */
type Reading = 'date' | 'yesNo' | 'country' | 'language' | { words: string } | { auditCode: string };

/** Columns read the same way in every register. */
const common: Record<string, Reading> = {
  createdAt: 'date',
  updatedAt: 'date',
  archivedAt: 'date',
  recordedAt: 'date',
  withdrawnAt: 'date',
  startDate: 'date',
  endDate: 'date',
  participatedOn: 'date',
  occurredAt: 'date',
  decidedOn: 'date',
  sharedOn: 'date',
  receivedOn: 'date',
  clockStartedOn: 'date',
  dueOn: 'date',
  pausedOn: 'date',
  identityCheckedOn: 'date',
  extendedDueOn: 'date',
  closedOn: 'date',
  dpaSignedOn: 'date',
  at: 'date',
  travelBooked: 'yesNo',
  policyEarlier: 'yesNo',
  isTest: 'yesNo',
  country: 'country',
  language: 'language',
  policyLanguage: 'language',
};

/** Codes whose words depend on the register. */
const byTable: Partial<Record<RegisterTable, Record<string, Reading>>> = {
  contacts: { gender: { words: 'contacts.genders' } },
  organisations: { type: { words: 'organisations.types' } },
  participations: { role: { words: 'participations.roles' } },
  consents: { action: { words: 'consents.actions' }, lawfulBasis: { words: 'consents.bases' }, channel: { words: 'consents.channels' } },
  photoPreferences: { state: { words: 'photos.states' }, channel: { words: 'photos.channels' } },
  processors: { kind: { words: 'register.kinds' }, dpaStatus: { words: 'register.dpa' } },
  requests: {
    type: { words: 'requests.types' },
    status: { words: 'requests.states' },
    channel: { words: 'requests.channels' },
    identityMethod: { words: 'requests.identityMethods' },
    refusalReason: { words: 'requests.refusalReasons' },
  },
  // Audit codes such as "contact.updated" hold i18next's key separator (renderer/audit-words.ts).
  audit: { action: { auditCode: 'audit.actions' }, entityType: { auditCode: 'audit.entities' }, fields: { words: 'audit.fieldNames' } },
};

function readText(w: ExportWords, language: SummaryLanguage, reading: Reading, value: string): string {
  if (reading === 'date') return peopleDate(value);
  if (reading === 'country' || reading === 'language') return displayName(language, reading === 'country' ? 'region' : 'language', value) ?? value;
  if (reading === 'yesNo') return value;
  if ('auditCode' in reading) return w.word(`${reading.auditCode}.${value.replace(/\./g, '_')}`, value);
  return w.word(`${reading.words}.${value}`, value);
}

function readCell(w: ExportWords, language: SummaryLanguage, reading: Reading | undefined, cell: Cell): Cell {
  if (cell === null || reading === undefined) return cell;
  if (typeof cell === 'boolean') return w.word(`exports.cells.${cell ? 'yes' : 'no'}`, String(cell));
  if (typeof cell === 'number') return cell;
  if (typeof cell === 'string') return readText(w, language, reading, cell);
  return cell.map((v) => readText(w, language, reading, v));
}

export interface PeopleForm {
  /** The CSV's header row: each column's title in the language. */
  headings: string[];
  /** A page of rows with their codes in words and their dates as dates (same keys). */
  rows(rows: readonly RegisterRow[]): RegisterRow[];
}

export function peopleForm(table: RegisterTable, columns: readonly string[], language: SummaryLanguage): PeopleForm {
  const w = exportWords(language);
  const readings = { ...common, ...byTable[table] };
  return {
    headings: columns.map((c) => w.column(c)),
    rows: (rows) => rows.map((r) => Object.fromEntries(columns.map((c) => [c, readCell(w, language, readings[c], r[c] ?? null)]))),
  };
}
