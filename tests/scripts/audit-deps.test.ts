/**
 * scripts/audit-deps.mjs (npm run audit:deps) against a fake registry on 127.0.0.1: what it
 * asks (the production tree only), what it prints, and its exit codes. No real registry.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers';

const root = join(import.meta.dirname, '..', '..');
const SCRIPT = join(root, 'scripts', 'audit-deps.mjs');

type Bodies = Array<Record<string, string[]>>;
let server: Server | null = null;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

/** A registry whose bulk endpoint answers `answer(body)`, or `status` with no body. */
async function fakeRegistry(answer: (body: Record<string, string[]>) => unknown, status = 200): Promise<{ url: string; bodies: Bodies }> {
  const bodies: Bodies = [];
  const listening = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/-/npm/v1/security/advisories/bulk' || status !== 200) {
        res.writeHead(req.method === 'POST' && status === 200 ? 404 : status).end();
        return;
      }
      const body = JSON.parse(text) as Record<string, string[]>;
      bodies.push(body);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer(body)));
    });
  });
  server = listening;
  await new Promise<void>((done) => listening.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(listening.address() as AddressInfo).port}/`, bodies };
}

function run(registry: string, lockfile?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const args = [SCRIPT, ...(lockfile ? ['--lockfile', lockfile] : [])];
  return new Promise((done) =>
    execFile(process.execPath, args, { env: { PATH: process.env.PATH ?? '', npm_config_registry: registry }, encoding: 'utf8' }, (error, stdout, stderr) =>
      done({ code: error ? Number(error.code) : 0, stdout, stderr }),
    ),
  );
}

/** A lockfile v3: a and b (twice, nested) for production, c only for development. */
function lockfile(): string {
  const file = join(tempDir(), 'package-lock.json');
  const packages = {
    '': { name: 'app', version: '1.0.0', dependencies: { a: '1.0.0', b: '2.0.0' }, devDependencies: { c: '1.0.0' } },
    'node_modules/a': { version: '1.0.0', dependencies: { b: '3.0.1' } },
    'node_modules/a/node_modules/b': { version: '3.0.1' },
    'node_modules/b': { version: '2.0.0' },
    'node_modules/c': { version: '1.0.0', dev: true },
  };
  writeFileSync(file, JSON.stringify({ name: 'app', lockfileVersion: 3, packages }));
  return file;
}

const advisory = (severity: string, range: string) => ({ id: 1, url: 'https://github.com/advisories/GHSA-test', title: 'Prototype pollution', severity, vulnerable_versions: range });

describe('npm run audit:deps', () => {
  it('asks about the production tree only, each version once, and fails on a high advisory', async () => {
    const range = '>=2.0.0 <2.1.5 || >=3.0.0 <3.0.2';
    const registry = await fakeRegistry((body) => (body.b ? { b: [advisory('high', range)] } : {}));
    const r = await run(registry.url, lockfile());
    // The bulk body names a package once: its second version goes in a second request.
    expect(registry.bodies).toHaveLength(2);
    expect(registry.bodies.flatMap((body) => Object.entries(body).map(([name, versions]) => `${name}@${versions.join()}`)).sort()).toEqual(['a@1.0.0', 'b@2.0.0', 'b@3.0.1']);
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^Production dependencies: 2 packages .*\(devDependencies left out\)/);
    expect(lines[1]).toMatch(/^package\s+version\s+severity\s+fixed in\s+advisory$/);
    expect(lines[2]).toMatch(/^b\s+2\.0\.0\s+high\s+2\.1\.5\s+Prototype pollution https:\/\/github\.com\/advisories\/GHSA-test$/);
    expect(lines[3]).toMatch(/^b\s+3\.0\.1\s+high\s+3\.0\.2\s+/);
    expect(r.stdout).toContain('2 advisories: 2 high.');
  });

  it('prints moderate advisories and passes; no advisory at all passes too', async () => {
    let answer: unknown = { a: [advisory('moderate', '<=1.0.0')] };
    const registry = await fakeRegistry(() => answer);
    const file = lockfile();
    const moderate = await run(registry.url, file);
    expect(moderate.code).toBe(0);
    expect(moderate.stdout).toMatch(/^a\s+1\.0\.0\s+moderate\s+after 1\.0\.0\s+/m);
    answer = {};
    const clean = await run(registry.url, file);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('No known advisories.');
  });

  it("reads this project's lockfile: faker and the other devDependencies are left out", async () => {
    const registry = await fakeRegistry(() => ({}));
    expect((await run(registry.url)).code).toBe(0);
    const asked = Object.keys(Object.assign({}, ...registry.bodies) as Record<string, string[]>);
    expect(asked).toEqual(expect.arrayContaining(['better-sqlite3-multiple-ciphers', 'bindings', 'kysely', 'zod']));
    for (const dev of ['@faker-js/faker', 'electron', 'esbuild', 'vitest', 'react']) expect(asked).not.toContain(dev);
  });

  it('says so, with the command for a connected machine, when the registry refuses or cannot be reached', async () => {
    const refusing = await fakeRegistry(() => ({}), 405);
    const refused = await run(refusing.url, lockfile());
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('answered 405 Method Not Allowed');
    expect(refused.stderr).toContain('were NOT checked');
    expect(refused.stderr).toContain('\n  npm audit --omit=dev\n');
    await new Promise<void>((done) => server!.close(() => done()));
    server = null;
    const unreachable = await run(refusing.url, lockfile());
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toMatch(/failed: ECONNREFUSED/);
    expect(unreachable.stderr).toContain('npm audit --omit=dev');
  });
});
