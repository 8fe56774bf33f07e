/**
 * Register exports at scale (issue 5 targets): the contacts register as CSV and as JSON —
 * time, rows/s, resident memory — and the ratio to the `sqlite3` command-line tool writing
 * the same columns as CSV from a decrypted copy (target ≤ 3×); then the consent ledger
 * (about a million events, seeded by bench/consents.ts) as CSV, whose export must not
 * raise resident memory by more than 100 MB.
 *
 * Memory: `maxRSS` is the process's high-water mark, often set earlier by the seeding, so
 * RSS is also sampled every 20 ms while the export runs (the export yields to the event
 * loop every 1,000 rows, so the sampling timer runs) and the rise over the RSS before it
 * is printed.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RegistreCore } from '../db/index';
import { exportContract } from '../shared/api/exports';

type Report = (what: string, value: string, target?: string) => void;

const MiB = 1024 * 1024;
const mib = (bytes: number) => `${(bytes / MiB).toFixed(0)} MiB`;

interface Measured {
  ms: number;
  rows: number;
  rssBefore: number;
  rssPeak: number;
  maxRssBefore: number;
  maxRssAfter: number;
}

async function measuredExport(core: RegistreCore, input: Record<string, unknown>): Promise<Measured> {
  const parsed = exportContract['exports.register'].input.parse(input);
  const rssBefore = process.memoryUsage().rss;
  const maxRssBefore = process.resourceUsage().maxRSS * 1024;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  }, 20);
  const t = performance.now();
  try {
    const r = await core.call('exports.register', parsed);
    const ms = performance.now() - t;
    if (r.outcome !== 'written') throw new Error('bench export was cancelled');
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    return { ms, rows: r.rows, rssBefore, rssPeak, maxRssBefore, maxRssAfter: process.resourceUsage().maxRSS * 1024 };
  } finally {
    clearInterval(sampler);
  }
}

const rate = (m: Measured) => `${Math.round(m.rows / (m.ms / 1000)).toLocaleString('en')} rows/s`;

/** The contacts export's columns and order in SQL, for the sqlite3 tool (lists joined with "; " as the CSV writer does). */
const CONTACTS_SQL = `SELECT c.id AS id, c.full_name AS fullName,
  (SELECT email FROM contact_emails e WHERE e.contact_id = c.id AND e.is_primary = 1) AS primaryEmail,
  (SELECT group_concat(email, '; ') FROM contact_emails e WHERE e.contact_id = c.id AND e.is_primary = 0) AS otherEmails,
  (SELECT group_concat(e164, '; ') FROM contact_phones p WHERE p.contact_id = c.id) AS phones,
  c.job_title AS jobTitle, c.gender AS gender, c.organisation_id AS organisationId, o.name AS organisationName,
  c.country AS country, c.language AS language, c.notes AS notes, c.created_at AS createdAt, c.updated_at AS updatedAt, c.archived_at AS archivedAt
FROM contacts c LEFT JOIN organisations o ON o.id = c.organisation_id
WHERE c.archived_at IS NULL ORDER BY c.sort_rank`;
const COPIED_TABLES = ['contacts', 'organisations', 'contact_emails', 'contact_phones'];

/**
 * A decrypted copy of the tables the contacts export reads, with their indexes. The
 * cipher library's `VACUUM INTO` always writes with the vault's cipher (even to a
 * `file:…?key=` URI the sqlite3 tool cannot read the result) and it has no
 * `sqlcipher_export()`; a database attached with an empty key is plain SQLite, so the
 * tables' own CREATE statements are replayed there and filled from the vault.
 */
function plainCopy(core: RegistreCore, path: string): void {
  const raw = core.context().vault.raw;
  // ATTACH opens with the vault connection's flags, which do not include "create": an
  // empty file is an empty database.
  writeFileSync(path, '');
  raw.prepare('ATTACH DATABASE ? AS plain KEY ?').run(path, '');
  try {
    const schema = raw
      .prepare(`SELECT type, name, sql FROM sqlite_schema WHERE tbl_name IN (${COPIED_TABLES.map(() => '?').join(', ')}) AND sql IS NOT NULL ORDER BY type DESC`)
      .all(...COPIED_TABLES) as Array<{ type: string; name: string; sql: string }>;
    for (const s of schema.filter((x) => x.type === 'table')) {
      raw.exec(s.sql.replace(/^CREATE TABLE\s+("?)(\w+)\1/i, 'CREATE TABLE plain.$2'));
      raw.exec(`INSERT INTO plain.${s.name} SELECT * FROM main.${s.name}`);
    }
    for (const s of schema.filter((x) => x.type === 'index')) raw.exec(s.sql.replace(/^CREATE (UNIQUE )?INDEX\s+("?)(\w+)\2/i, 'CREATE $1INDEX plain.$3'));
  } finally {
    raw.exec('DETACH DATABASE plain');
  }
}

function sqlite3Csv(plain: string, out: string): number | null {
  if (spawnSync('sqlite3', ['--version'], { stdio: 'ignore' }).error) return null;
  const fd = openSync(out, 'w');
  try {
    const t = performance.now();
    const r = spawnSync('sqlite3', ['-csv', '-header', plain, CONTACTS_SQL], { stdio: ['ignore', fd, 'inherit'] });
    if (r.status !== 0) throw new Error(`sqlite3 exited with ${String(r.status)}`);
    return performance.now() - t;
  } finally {
    closeSync(fd);
  }
}

/** `dir`: an empty scratch folder for the files (removed by the caller). */
export async function benchExportRegisters(core: RegistreCore, report: Report, dir: string): Promise<void> {
  const csv = await measuredExport(core, { table: 'contacts', format: 'csv', out: join(dir, 'contacts.csv') });
  report(`export contacts CSV, ${csv.rows} rows`, `${(csv.ms / 1000).toFixed(2)} s`, rate(csv));
  report('  RSS before → peak during (rise)', `${mib(csv.rssBefore)} → ${mib(csv.rssPeak)}`, `+${mib(csv.rssPeak - csv.rssBefore)}`);
  const json = await measuredExport(core, { table: 'contacts', format: 'json', out: join(dir, 'contacts.json') });
  report(`export contacts JSON, ${json.rows} rows`, `${(json.ms / 1000).toFixed(2)} s`, rate(json));
  report('  RSS before → peak during (rise)', `${mib(json.rssBefore)} → ${mib(json.rssPeak)}`, `+${mib(json.rssPeak - json.rssBefore)}`);
  report('  peak RSS (maxRSS, whole process)', mib(json.maxRssAfter));

  const plain = join(dir, 'plain.db');
  plainCopy(core, plain);
  const sqliteMs = sqlite3Csv(plain, join(dir, 'sqlite3.csv'));
  rmSync(plain, { force: true });
  if (sqliteMs === null) report('sqlite3 CLI, same columns as CSV', 'sqlite3 not installed');
  else {
    report('sqlite3 CLI, same columns as CSV (plain copy)', `${(sqliteMs / 1000).toFixed(2)} s`);
    report('register CSV export / sqlite3 CLI', `${(csv.ms / sqliteMs).toFixed(2)}×`, 'target ≤ 3×');
  }
  for (const f of ['contacts.csv', 'contacts.json', 'sqlite3.csv']) rmSync(join(dir, f), { force: true });

  const ledger = await measuredExport(core, { table: 'consents', format: 'csv', out: join(dir, 'consents.csv') });
  report(`export consent ledger CSV, ${ledger.rows} rows`, `${(ledger.ms / 1000).toFixed(2)} s`, rate(ledger));
  report('  RSS before → peak during (rise)', `${mib(ledger.rssBefore)} → ${mib(ledger.rssPeak)}`, `+${mib(ledger.rssPeak - ledger.rssBefore)}, target ≤ 100 MB`);
  report('  maxRSS before → after', `${mib(ledger.maxRssBefore)} → ${mib(ledger.maxRssAfter)}`);
  rmSync(join(dir, 'consents.csv'), { force: true });
}
