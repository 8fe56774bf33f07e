/**
 * `npm run bench -- --scale [--sizes N,N,…]` (default 10000,100000,1000000): the same operations
 * on vaults of each size, each seeded fresh, printed as one table with how each number
 * grows from one size to the next (issue 17). A flat row is what the storage allows; a row
 * growing with N is a scan somewhere.
 *   - vault size on disk; unlock with the passphrase (KDF included, the migrations check)
 *   - search p95 over whole words, broad prefixes and two words; a list page p95 read on
 *     from a row anywhere in the register (the screen's scrolling)
 *   - a 20,000-row Mailchimp file previewed and committed (rows/s of both)
 *   - the contacts register exported as CSV (rows/s) and the process's peak RSS so far
 *   - erasing one person (p50 of five), the retention review (p50 of three), a backup
 *     and its verified restore
 */
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { RegistreCore, insertDemoData } from '../db/index';
import { exportContract } from '../shared/api/exports';
import { localDay } from '../shared/rules/dates';
import { addDays } from '../shared/rules/deadline';
import { mailchimpExport } from './import';
import { seedErasee, stats, timed } from './requests';

const PASS = 'benchmark passphrase';
const IMPORT_ROWS = 20_000;

type Row = Record<string, number>;

interface Metric {
  what: string;
  unit: string;
  /** Higher is better (a rate): its growth is read the other way. */
  rate?: boolean;
}

const METRICS: Record<string, Metric> = {
  seedS: { what: 'seed demo contacts', unit: 's' },
  sizeMiB: { what: 'vault size on disk', unit: 'MiB' },
  unlockMs: { what: 'unlock (scrypt + checks), p50 of 3', unit: 'ms' },
  searchP95: { what: 'search p95 (words, prefixes, two words)', unit: 'ms' },
  listP95: { what: 'list page of 100 after a row, p95', unit: 'ms' },
  importRate: { what: `import ${IMPORT_ROWS.toLocaleString('en')} rows (preview + commit)`, unit: 'rows/s', rate: true },
  exportRate: { what: 'export contacts CSV', unit: 'rows/s', rate: true },
  eraseMs: { what: 'erase one person, p50 of 5', unit: 'ms' },
  retentionMs: { what: 'retention review (90 days), p50 of 3', unit: 'ms' },
  backupS: { what: 'backup', unit: 's' },
  restoreS: { what: 'verified restore', unit: 's' },
  rssMiB: { what: 'peak RSS during this size', unit: 'MiB' },
};

/** Bytes of the vault's files (database, WAL, key file). */
const sizeOf = (dir: string) => readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);

async function measure(root: string, contacts: number): Promise<Row> {
  const dir = join(root, `vault-${contacts}`);
  const core = new RegistreCore({ vaultDir: dir, allowFolderChange: false });
  await core.create(PASS, 'Bench Admin');
  const row: Row = {};
  let rss = process.memoryUsage().rss;
  const sampler = setInterval(() => (rss = Math.max(rss, process.memoryUsage().rss)), 50);
  try {
    const ctx = () => core.context();
    row.seedS = (await timed(() => ctx().tx((trx, audit) => insertDemoData(trx, { contacts, now: new Date() }, (t) => audit({ action: 'demo.generated', entityType: t }))))) / 1000;
    await core.lock();
    row.sizeMiB = sizeOf(dir) / 1024 / 1024;
    const unlocks: number[] = [];
    for (let i = 0; i < 3; i++) {
      unlocks.push(await timed(() => core.unlock(PASS)));
      if (i < 2) await core.lock();
    }
    row.unlockMs = stats(unlocks).p50;

    const searches: number[] = [];
    for (let r = 0; r < 10; r++) {
      for (const query of ['eric', 'muller', 'inspector', 'jo', 'pe', 'mar', 'anna sch', 'jan nov']) {
        searches.push(await timed(() => core.call('contacts.search', { query, archived: 'exclude', limit: 50, offset: 0 })));
      }
    }
    row.searchP95 = stats(searches).p95;
    const cursors: string[] = [];
    for (let k = 0; k < 50; k++) {
      const at = ((k * 7919) % 50) * Math.floor(contacts / 50);
      cursors.push((await ctx().db.selectFrom('contacts').select('id').orderBy('sort_rank').offset(at).limit(1).executeTakeFirstOrThrow()).id);
    }
    const pages: number[] = [];
    for (const after of cursors) pages.push(await timed(() => core.call('contacts.search', { archived: 'exclude', limit: 100, offset: 0, after })));
    row.listP95 = stats(pages).p95;

    const contentBase64 = mailchimpExport(IMPORT_ROWS).toString('base64');
    const importMs = await timed(async () => {
      const preview = await core.call('contacts.importPreview', { contentBase64 });
      await core.call('contacts.importCommit', { contentBase64, skipInvalid: true, expected: preview.counts });
    });
    row.importRate = IMPORT_ROWS / (importMs / 1000);

    const out = join(root, `contacts-${contacts}.csv`);
    let exported = 0;
    const exportMs = await timed(async () => {
      const r = await core.call('exports.register', exportContract['exports.register'].input.parse({ table: 'contacts', format: 'csv', out }));
      if (r.outcome === 'written') exported = r.rows;
    });
    row.exportRate = exported / (exportMs / 1000);

    const day = localDay(new Date());
    const event = await core.call('events.add', { name: 'Bench Scale Meeting', startDate: addDays(day, -30) });
    const erasees = [];
    for (let i = 0; i < 5; i++) erasees.push(await seedErasee(core, i, event.id, day));
    const erasures: number[] = [];
    for (const { contactId, requestId } of erasees) erasures.push(await timed(() => core.call('contacts.erase', { contactId, requestId, reason: 'Erasure requested by the person' })));
    row.eraseMs = stats(erasures).p50;
    const reviews: number[] = [];
    for (let i = 0; i < 3; i++) reviews.push(await timed(() => core.call('retention.due', { withinDays: 90 })));
    row.retentionMs = stats(reviews).p50;

    const folder = join(root, `backups-${contacts}`);
    mkdirSync(folder);
    let made = '';
    row.backupS = (await timed(async () => (made = (await core.call('backups.make', { folder })).path))) / 1000;
    await core.lock();
    row.restoreS = (await timed(() => core.call('vault.restore', { folder: made, passphrase: PASS }))) / 1000;
    row.rssMiB = Math.max(rss, process.memoryUsage().rss) / 1024 / 1024;
    return row;
  } finally {
    clearInterval(sampler);
    await core.lock();
  }
}

const shown = (v: number) => (v >= 100 ? Math.round(v).toLocaleString('en') : v >= 10 ? v.toFixed(1) : v.toFixed(2));

/** Measures each size in turn and prints the curve; `out` prints a line. */
export async function benchScale(root: string, sizes: readonly number[], out: (line: string) => void): Promise<void> {
  const rows: Row[] = [];
  for (const n of sizes) {
    out(`  measuring ${n.toLocaleString('en')} contacts…`);
    rows.push(await measure(root, n));
  }
  const growth = sizes.slice(1).map((n, i) => `×${+(n / sizes[i]!).toFixed(1)} N`);
  out('');
  out(['scale curve'.padEnd(44), ...sizes.map((n) => n.toLocaleString('en').padStart(11)), ...growth.map((g) => g.padStart(9))].join(' '));
  for (const [key, m] of Object.entries(METRICS)) {
    const values = rows.map((r) => r[key]!);
    // How much worse each step is: time and size over the previous, a rate the other way round.
    const steps = values.slice(1).map((v, i) => (m.rate ? values[i]! / v : v / values[i]!));
    out([`${m.what} (${m.unit})`.padEnd(44), ...values.map((v) => shown(v).padStart(11)), ...steps.map((s) => `×${s.toFixed(2)}`.padStart(9))].join(' '));
  }
}
