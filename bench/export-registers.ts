/**
 * Register exports at scale (issue 5 targets): the contacts register as CSV and as JSON —
 * time, rows/s, resident memory — and the ratio to the sqlcipher shell writing the same
 * columns as CSV from the same encrypted file (issue 17 target ≤ 1.5×); then the consent ledger
 * (about a million events, seeded by bench/consents.ts) as CSV, whose export must not
 * raise resident memory by more than 100 MB.
 *
 * Memory: `maxRSS` is the process's high-water mark, often set earlier by the seeding, so
 * RSS is also sampled every 20 ms while the export runs (the export yields to the event
 * loop every 1,000 rows, so the sampling timer runs) and the rise over the RSS before it
 * is printed.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { decodeRecoveryKey, sqlcipherPragmas, type RegistreCore } from '../db/index';
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

/** The contacts export's columns and order in SQL, for the sqlcipher shell (lists joined with "; " as the CSV writer does). */
const CONTACTS_SQL = `SELECT c.id AS id, c.full_name AS fullName,
  (SELECT email FROM contact_emails e WHERE e.contact_id = c.id AND e.is_primary = 1) AS primaryEmail,
  (SELECT group_concat(email, '; ') FROM contact_emails e WHERE e.contact_id = c.id AND e.is_primary = 0) AS otherEmails,
  (SELECT group_concat(e164, '; ') FROM contact_phones p WHERE p.contact_id = c.id) AS phones,
  c.job_title AS jobTitle, c.gender AS gender, c.organisation_id AS organisationId, o.name AS organisationName,
  c.country AS country, c.language AS language, c.notes AS notes, c.created_at AS createdAt, c.updated_at AS updatedAt, c.archived_at AS archivedAt
FROM contacts c LEFT JOIN organisations o ON o.id = c.organisation_id
WHERE c.archived_at IS NULL ORDER BY c.sort_rank`;
/**
 * The sqlcipher shell writing the same columns as CSV from the same encrypted file, with
 * the vault's page cache (64 MiB): what the storage allows. Null when the shell is not
 * installed (CI installs it).
 */
function shellCsv(core: RegistreCore, out: string): number | null {
  if (spawnSync('sqlcipher', ['-version'], { stdio: 'ignore' }).error) return null;
  const key = decodeRecoveryKey(core.context().vault.recoveryKey());
  const script = `${sqlcipherPragmas(key)}\nPRAGMA cache_size = -65536;\n.headers on\n.mode csv\n${CONTACTS_SQL};\n`;
  const fd = openSync(out, 'w');
  try {
    const t = performance.now();
    const r = spawnSync('sqlcipher', [core.context().vault.paths.db], { input: script, stdio: ['pipe', fd, 'inherit'] });
    if (r.status !== 0) throw new Error(`sqlcipher exited with ${String(r.status)}`);
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

  const shellMs = shellCsv(core, join(dir, 'shell.csv'));
  if (shellMs === null) report('sqlcipher shell, same columns as CSV', 'sqlcipher not installed');
  else {
    report('sqlcipher shell, same columns as CSV', `${(shellMs / 1000).toFixed(2)} s`);
    report('register CSV export / sqlcipher shell', `${(csv.ms / shellMs).toFixed(2)}×`, 'target ≤ 1.5×');
  }
  for (const f of ['contacts.csv', 'contacts.json', 'shell.csv']) rmSync(join(dir, f), { force: true });

  const ledger = await measuredExport(core, { table: 'consents', format: 'csv', out: join(dir, 'consents.csv') });
  report(`export consent ledger CSV, ${ledger.rows} rows`, `${(ledger.ms / 1000).toFixed(2)} s`, rate(ledger));
  report('  RSS before → peak during (rise)', `${mib(ledger.rssBefore)} → ${mib(ledger.rssPeak)}`, `+${mib(ledger.rssPeak - ledger.rssBefore)}, target ≤ 100 MB`);
  report('  maxRSS before → after', `${mib(ledger.maxRssBefore)} → ${mib(ledger.maxRssAfter)}`);
  rmSync(join(dir, 'consents.csv'), { force: true });
}
