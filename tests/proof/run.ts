/**
 * `npm run proof [-- --quick] [--only AREA] [--check TEXT]`: runs every proof row (or those whose check names TEXT) (the attacks and crash
 * kills of DESIGN §7) at full size, or at the reduced size `npm test` uses with --quick,
 * prints one table, and exits 1 when any row has a failure. Each row gets its own scratch
 * folder, removed afterwards unless it failed (so what it left can be looked at).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { bridgeCorpora } from './bridge';
import { consentCrash, eraseCrash, importCrash, requestCrash } from './crash-writes';
import { contractFuzz } from './fuzz-contract';
import { importFileFuzz } from './fuzz-import';
import { backupCrash, diskFull, exportCrash, rekeyCrash, restoreCrash, twoWriters } from './held-rows';
import { formatTable, type ProofArea, type ProofCheck, type ProofRow } from './table';
import { xssCorpus } from './xss';

const rows: readonly ProofCheck[] = [
  importCrash,
  consentCrash,
  eraseCrash,
  requestCrash,
  rekeyCrash,
  restoreCrash,
  exportCrash,
  backupCrash,
  contractFuzz,
  importFileFuzz,
  xssCorpus,
  bridgeCorpora,
  diskFull,
  twoWriters,
];

const AREAS: readonly ProofArea[] = ['crash', 'fuzz', 'xss', 'bridge', 'disk full', 'two writers'];

async function runRow(row: ProofCheck, quick: boolean): Promise<ProofRow & { failureMeans: string }> {
  const size = quick ? row.sizes.quick : row.sizes.full;
  const scratch = mkdtempSync(join(tmpdir(), 'registre-proof-'));
  const started = performance.now();
  process.stderr.write(`proof: ${row.area} / ${row.check} (size ${size})…\n`);
  let result: ProofRow;
  try {
    result = await row.run(size, scratch);
  } catch (e) {
    // A row that cannot run proves nothing: it counts as failed, with why.
    result = { area: row.area, check: row.check, trials: 0, failures: 1, detail: [`the row could not run: ${e instanceof Error ? e.message : String(e)}`] };
  }
  const failed = result.failures > 0 || result.trials === 0;
  process.stderr.write(
    `proof: ${row.check}: ${result.trials} trials, ${result.failures} failures (${((performance.now() - started) / 1000).toFixed(0)} s)${failed ? `, scratch kept in ${scratch}` : ''}\n`,
  );
  if (!failed) rmSync(scratch, { recursive: true, force: true });
  return { ...result, failureMeans: row.failureMeans };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, only: { type: 'string' }, check: { type: 'string' } }, strict: true });
  if (values.only !== undefined && !AREAS.includes(values.only as ProofArea)) throw new Error(`--only takes one of: ${AREAS.join(', ')}`);
  const chosen = rows.filter((r) => (values.only === undefined || r.area === values.only) && (values.check === undefined || r.check.includes(values.check)));
  if (chosen.length === 0) throw new Error(`no row matches: ${rows.map((r) => r.check).join('; ')}`);
  const results: (ProofRow & { failureMeans: string })[] = [];
  for (const row of chosen) results.push(await runRow(row, values.quick));
  process.stdout.write(`\n${formatTable(results)}\n`);
  const failing = results.filter((r) => r.failures > 0 || r.trials === 0);
  process.stdout.write(failing.length ? `\n${failing.length} row(s) failed.\n` : `\nEvery row held (${values.quick ? 'quick sizes' : 'full sizes'}).\n`);
  process.exit(failing.length ? 1 : 0);
}

main().catch((e: unknown) => {
  process.stderr.write(`registre proof: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
