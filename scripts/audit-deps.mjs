// `npm run audit:deps [-- --lockfile FILE]`: known advisories for what ships. Reads
// package-lock.json, keeps the production tree (what `npm ci --omit=dev` installs: every
// package the lockfile does not mark `dev`), and asks the registry's bulk advisory endpoint
// (the one `npm audit` uses) about those packages. Prints one row per advisory and exits
// 1 when one is high or critical, 0 when none is. When the registry cannot be asked it says
// so, prints the command to run on a connected machine, and exits 2: nothing was checked.
// The registry is npm's own setting: npm run passes it as npm_config_registry, else
// `npm config get registry` tells.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { fetch, AbortSignal } = globalThis;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { lockfile: { type: 'string' } }, strict: true });
const lockfile = resolve(values.lockfile ?? join(root, 'package-lock.json'));
const npmRegistry = () => execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['config', 'get', 'registry'], { encoding: 'utf8', shell: process.platform === 'win32' }).trim();
const registry = (process.env.npm_config_registry || npmRegistry()).replace(/\/*$/, '/');
const endpoint = `${registry}-/npm/v1/security/advisories/bulk`;
const ON_A_CONNECTED_MACHINE = 'npm audit --omit=dev';
const SEVERITIES = ['critical', 'high', 'moderate', 'low', 'info'];

/** name → versions of the production tree, from a lockfile v2/v3 `packages` map. */
function productionTree(lock) {
  if (!lock.packages) throw new Error(`${lockfile} has no "packages" map (lockfileVersion ${lock.lockfileVersion}): npm 7 or later writes one`);
  const tree = new Map();
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (!path.includes('node_modules/') || entry.dev || entry.link || !entry.version) continue;
    const name = entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    tree.set(name, [...new Set([...(tree.get(name) ?? []), entry.version])]);
  }
  return tree;
}

// Just enough of semver to name the fixed version: advisories' ranges are clauses of
// comparators (">=2.0.0 <2.1.5 || >=3.0.0 <3.0.2").
const parts = (v) => v.replace(/^v/, '').split(/[-+]/)[0].split('.').map(Number);
function compare(a, b) {
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}
function fixedIn(range, version) {
  const clauses = range.split('||').map((clause) => {
    const c = { lower: null, lowerIncl: true, upper: null, upperIncl: false };
    for (const [, op, v] of clause.matchAll(/(<=|>=|<|>|=)?\s*(v?\d[^\s<>=|]*)/g)) {
      if (op === '<' || op === '<=') Object.assign(c, { upper: v, upperIncl: op === '<=' });
      else if (op === '>' || op === '>=') Object.assign(c, { lower: v, lowerIncl: op === '>=' });
      else Object.assign(c, { lower: v, upper: v, upperIncl: true });
    }
    return c;
  });
  const holds = (c) =>
    (c.lower === null || compare(version, c.lower) > 0 || (c.lowerIncl && compare(version, c.lower) === 0)) &&
    (c.upper === null || compare(version, c.upper) < 0 || (c.upperIncl && compare(version, c.upper) === 0));
  const c = clauses.find(holds) ?? clauses[0];
  if (!c || c.upper === null) return 'no fixed version';
  return c.upperIncl ? `after ${c.upper}` : c.upper;
}

function cannotCheck(why, count) {
  console.error(`audit:deps: could not check: ${why}`);
  console.error(`The ${count} production packages in ${lockfile} were NOT checked for known advisories.`);
  console.error('On a machine that reaches the npm registry, run in the project folder:');
  console.error(`  ${ON_A_CONNECTED_MACHINE}`);
  process.exit(2);
}

/** One request per "layer" of versions: the bulk body names each package once. */
async function advisories(tree) {
  const found = [];
  const layers = Math.max(0, ...[...tree.values()].map((v) => v.length));
  for (let i = 0; i < layers; i++) {
    const body = Object.fromEntries([...tree].filter(([, v]) => v[i]).map(([name, v]) => [name, [v[i]]]));
    let response;
    try {
      response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (e) {
      cannotCheck(`POST ${endpoint} failed: ${e.cause?.code ?? e.cause?.message ?? e.message}`, tree.size);
    }
    if (!response.ok) cannotCheck(`POST ${endpoint} answered ${response.status} ${response.statusText}`.trim(), tree.size);
    let answer;
    try {
      answer = await response.json();
    } catch {
      cannotCheck(`POST ${endpoint} did not answer JSON`, tree.size);
    }
    for (const [name, list] of Object.entries(answer ?? {})) {
      const version = body[name]?.[0];
      if (!version || !Array.isArray(list)) continue;
      for (const a of list)
        found.push({
          name,
          version,
          severity: a.severity ?? 'unknown',
          fixed: a.vulnerable_versions ? fixedIn(a.vulnerable_versions, version) : '?',
          advisory: [a.title, a.url].filter(Boolean).join(' ') || String(a.id),
        });
    }
  }
  return found;
}

const tree = productionTree(JSON.parse(readFileSync(lockfile, 'utf8')));
const found = await advisories(tree);
const rank = (s) => (SEVERITIES.includes(s) ? SEVERITIES.indexOf(s) : SEVERITIES.length);
found.sort((a, b) => rank(a.severity) - rank(b.severity) || a.name.localeCompare(b.name) || compare(a.version, b.version));
console.log(`Production dependencies: ${tree.size} packages from ${lockfile} (devDependencies left out), asked ${registry}.`);
if (found.length === 0) {
  console.log('No known advisories.');
} else {
  const rows = [['package', 'version', 'severity', 'fixed in', 'advisory'], ...found.map((f) => [f.name, f.version, f.severity, f.fixed, f.advisory])];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) console.log(r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join('  '));
  const counts = [...new Set(found.map((f) => f.severity))].map((s) => `${found.filter((f) => f.severity === s).length} ${s}`);
  console.log(`${found.length} advisories: ${counts.join(', ')}.`);
}
const serious = found.filter((f) => f.severity === 'critical' || f.severity === 'high').length;
if (serious > 0) console.log(`${serious} high or critical: update those packages to a fixed version.`);
process.exit(serious > 0 ? 1 : 0);
