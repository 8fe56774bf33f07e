/**
 * The whole `registre contacts import` command, process start to exit, against the sqlcipher
 * shell's `.import` of the same file into a new encrypted database (issue 17 target: ≤ 20×).
 * Interleaved: each round runs the shell, then the command into a fresh copy of one empty
 * vault, so a machine that gets busier or quieter weighs on both alike. Skipped (one line
 * saying so) when the shell is not installed; CI installs it.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sqlcipherPragmas } from '../db/index';
import { mailchimpExport } from './import';

type Report = (what: string, value: string, target?: string) => void;

const ROUNDS = 3;
const PASS = 'benchmark passphrase';

function timedRun(command: string, args: string[], options: { input?: string; env?: NodeJS.ProcessEnv }): number {
  const t = performance.now();
  const r = spawnSync(command, args, { input: options.input, env: options.env, stdio: ['pipe', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${String(r.status)}: ${r.stderr.toString()}`);
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** `dir`: an empty scratch folder (removed by the caller); `cli`: the built dist/cli.cjs. */
export function benchImportCli(report: Report, dir: string, cli: string, rows: number): void {
  if (spawnSync('sqlcipher', ['-version'], { stdio: 'ignore' }).error) {
    report('import CLI vs sqlcipher .import', 'skipped', 'sqlcipher is not installed');
    return;
  }
  const file = join(dir, 'audience.csv');
  writeFileSync(file, mailchimpExport(rows));
  const env = { ...process.env, REGISTRE_PASSPHRASE: PASS };
  const empty = join(dir, 'empty-vault');
  timedRun(process.execPath, [cli, 'init', '--vault', empty], { env });
  const cliMs: number[] = [];
  const shellMs: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const shellDb = join(dir, `shell-${round}.db`);
    const script = `${sqlcipherPragmas(randomBytes(32))}\n.mode csv\n.import ${file} audience\n`;
    shellMs.push(timedRun('sqlcipher', [shellDb], { input: script }));
    const vault = join(dir, `vault-${round}`);
    cpSync(empty, vault, { recursive: true });
    cliMs.push(timedRun(process.execPath, [cli, 'contacts', 'import', file, '--vault', vault, '--skip-invalid'], { env }));
    rmSync(vault, { recursive: true, force: true });
    rmSync(shellDb, { force: true });
  }
  const s = (ms: number[]) => ms.map((m) => (m / 1000).toFixed(2)).join(' / ');
  report(`import CLI, ${rows.toLocaleString('en')} rows (${ROUNDS} rounds)`, `${s(cliMs)} s`, `${Math.round(rows / (median(cliMs) / 1000)).toLocaleString('en')} rows/s (median)`);
  report('  sqlcipher shell .import, same file', `${s(shellMs)} s`);
  report('  ratio (medians)', `${(median(cliMs) / median(shellMs)).toFixed(1)}×`, 'target ≤ 20×');
}
