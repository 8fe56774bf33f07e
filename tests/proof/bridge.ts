/**
 * The browser-preview bridge (preview/server.ts) under attack, over raw sockets so nothing
 * tidies the requests: missing and wrong tokens, foreign Origins and Hosts (DNS
 * rebinding), undecodable URLs, traversal out of the served folder, oversized bodies,
 * calls above the caller's role, and exports aimed at files outside the exports folder or
 * at names never handed out. An acceptance is any answer that should have been a refusal
 * (a 2xx, ok: true, a served secret), a 5xx, or a file that appeared outside the folder.
 */
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import fc from 'fast-check';
import { startPreviewServer, type PreviewServer } from '../../preview/server';
import { contract, fileWritingMethods, methods, sessionChangingMethods, type Method } from '../../shared/api/index';
import { FOREIGN_HOSTS, FOREIGN_ORIGINS, TRAVERSAL_PATHS, UNDECODABLE_URLS } from './corpora';
import { fromSchema } from './fuzz-inputs';
import { Failures, type ProofCheck, type ProofRow } from './table';
import { call, openCore, PASS, ROLE_PASSPHRASES } from './vaults';

const SECRET_MARK = 'proof-secret-do-not-serve';

interface Reply {
  status: number;
  headers: string;
  body: string;
}

/** One request written byte for byte; a connection the server drops answers status 0. */
function rawRequest(port: number, head: string, body: Buffer | string = ''): Promise<Reply> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      const headers = split < 0 ? text : text.slice(0, split);
      let rest = split < 0 ? '' : text.slice(split + 4);
      if (/transfer-encoding:\s*chunked/i.test(headers)) {
        let decoded = '';
        for (let m = /^([0-9a-f]+)\r\n/i.exec(rest); m && m[1] !== '0'; m = /^([0-9a-f]+)\r\n/i.exec(rest)) {
          const n = parseInt(m[1]!, 16);
          decoded += rest.slice(m[0].length, m[0].length + n);
          rest = rest.slice(m[0].length + n + 2);
        }
        rest = decoded;
      }
      resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(headers)?.[1] ?? 0), headers, body: rest });
    });
    // No half-close: the server may drop a connection whose client stopped sending before it answers.
    socket.setTimeout(60_000, () => socket.destroy());
    socket.write(head);
    socket.write(body);
  });
}

interface Bridge {
  s: PreviewServer;
  port: number;
  host: string;
  exportsDir: string;
  outside: string;
  send(opts: { method?: string; path: string; headers?: Record<string, string | null>; body?: Buffer | string }): Promise<Reply>;
  api(method: string, input: unknown, headers?: Record<string, string | null>): Promise<Reply>;
}

async function startBridge(scratch: string, vaultDir: string): Promise<Bridge> {
  const staticDir = join(scratch, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Registre</title>');
  writeFileSync(join(scratch, 'secret.html'), SECRET_MARK);
  symlinkSync(join(scratch, 'secret.html'), join(staticDir, 'link.html'));
  const exportsDir = join(scratch, 'exports');
  const outside = join(scratch, 'outside');
  mkdirSync(exportsDir);
  mkdirSync(outside);
  writeFileSync(join(outside, 'victim.csv'), 'not yours\n');
  const s = await startPreviewServer({ core: openCore(vaultDir), staticDir, exportsDir, log: () => {} });
  const port = Number(new URL(s.url).port);
  const host = `127.0.0.1:${port}`;
  const send: Bridge['send'] = ({ method = 'GET', path, headers = {}, body = '' }) => {
    const all: Record<string, string | null> = { Host: host, Connection: 'close', ...headers };
    const lines = Object.entries(all).flatMap(([k, v]) => (v === null ? [] : [`${k}: ${v}`]));
    if (body.length || method === 'POST') lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
    return rawRequest(port, `${method} ${path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`, body);
  };
  const api: Bridge['api'] = (method, input, headers = {}) =>
    send({ method: 'POST', path: `/api/${method}`, headers: { 'Content-Type': 'application/json', 'X-Registre-Token': s.token, ...headers }, body: JSON.stringify(input) });
  return { s, port, host, exportsDir, outside, send, api };
}

const okTrue = (r: Reply): boolean => r.status >= 200 && r.status < 300 && /"ok":\s*true/.test(r.body);

async function bridgeRun(size: number, scratch: string): Promise<ProofRow> {
  const vaultDir = join(scratch, 'vault');
  const admin = openCore(vaultDir);
  await call(admin, 'vault.create', { passphrase: PASS, staffName: 'Bridge Admin' });
  await call(admin, 'staff.add', { name: 'Bridge Staff', role: 'staff', passphrase: ROLE_PASSPHRASES.staff });
  await call(admin, 'staff.add', { name: 'Bridge Auditor', role: 'auditor', passphrase: ROLE_PASSPHRASES.auditor });
  const contactId = (await call(admin, 'contacts.add', { fullName: 'Bridge Contact' })).id;
  await admin.lock();
  const b = await startBridge(scratch, vaultDir);
  const failures = new Failures();
  const tally = new Map<string, number>();
  let trials = 0;
  /** One trial of a corpus: `accepted` says whether the answer let through what it must refuse. */
  const trial = (corpus: string, what: string, reply: Reply, accepted: boolean) => {
    trials += 1;
    tally.set(corpus, (tally.get(corpus) ?? 0) + 1);
    const crashed = reply.status >= 500;
    if (!(accepted || crashed)) return;
    tally.set(`${corpus} accepted`, (tally.get(`${corpus} accepted`) ?? 0) + 1);
    failures.add(`${corpus}: ${what} → ${reply.status} ${reply.body.slice(0, 120)}`);
  };
  const sub = (t: string) => t.replaceAll('PORT', String(b.port)).replaceAll('TOKEN', b.s.token);
  const twoXX = (r: Reply) => r.status >= 200 && r.status < 300;
  try {
    // Tokens: none, empty, near misses, in the wrong place, and random ones.
    const t = b.s.token;
    const flip = (i: number) => t.slice(0, i) + (t[i] === 'a' ? 'b' : 'a') + t.slice(i + 1);
    const tokens: [string, Record<string, string | null>][] = [
      ['no token', { 'X-Registre-Token': null }],
      ['empty token', { 'X-Registre-Token': '' }],
      ['first character changed', { 'X-Registre-Token': flip(0) }],
      ['last character changed', { 'X-Registre-Token': flip(t.length - 1) }],
      ['a prefix', { 'X-Registre-Token': t.slice(0, -1) }],
      ['with a suffix', { 'X-Registre-Token': `${t}x` }],
      ['upper-cased', { 'X-Registre-Token': t.toUpperCase() === t ? t.toLowerCase() : t.toUpperCase() }],
      ['twice', { 'X-Registre-Token': `${t}, ${t}` }],
      ['as a bearer', { 'X-Registre-Token': null, Authorization: `Bearer ${t}` }],
      ['as a cookie', { 'X-Registre-Token': null, Cookie: `token=${t}` }],
      ...fc
        .sample(fc.string({ minLength: 0, maxLength: 64, unit: 'grapheme-ascii' }), size)
        .map((r): [string, Record<string, string>] => [`random ${JSON.stringify(r)}`, { 'X-Registre-Token': r.replace(/[\r\n]/g, '') }]),
    ];
    for (const [what, headers] of tokens) {
      const r = await b.api('vault.status', {}, headers);
      trial('token', what, r, twoXX(r));
    }
    const queryToken = await b.send({ method: 'POST', path: `/api/vault.status?token=${t}`, headers: { 'Content-Type': 'application/json' }, body: '{}' });
    trial('token', 'in the query', queryToken, twoXX(queryToken));

    // Origins: a page elsewhere that somehow holds the token, and the CORS preflight it would need.
    for (const origin of FOREIGN_ORIGINS.map(sub)) {
      const r = await b.api('vault.status', {}, { Origin: origin });
      trial('Origin with the token', origin, r, twoXX(r));
      const pre = await b.send({
        method: 'OPTIONS',
        path: '/api/vault.status',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'x-registre-token, content-type' },
      });
      trial('Origin', `${origin} preflight`, pre, twoXX(pre) || /access-control-allow-origin/i.test(pre.headers));
    }
    const formPost = await b.send({ method: 'POST', path: '/api/vault.status', headers: { 'Content-Type': 'text/plain', 'X-Registre-Token': t }, body: '{}' });
    trial('Origin', 'a simple (form-like) POST', formPost, twoXX(formPost));

    // Hosts: with the right token, on the API and on the page.
    const hosts = [...FOREIGN_HOSTS.map((h) => (h === null ? null : sub(h))), ...fc.sample(fc.domain(), size).map((d) => `${d}:${b.port}`)];
    for (const host of hosts) {
      const page = await b.send({ path: '/', headers: { Host: host } });
      trial('Host', `GET / Host ${JSON.stringify(host)}`, page, twoXX(page));
      const r = await b.api('vault.status', {}, { Host: host });
      trial('Host', `API Host ${JSON.stringify(host)}`, r, twoXX(r));
    }

    // Encodings that do not decode: a 400 everywhere, with and without the token.
    for (const template of UNDECODABLE_URLS) {
      const path = sub(template);
      const get = await b.send({ path });
      trial('encodings', `GET ${path}`, get, get.status !== 400);
      const post = await b.send({ method: 'POST', path, headers: { 'Content-Type': 'application/json', 'X-Registre-Token': t }, body: '{}' });
      trial('encodings', `POST ${path}`, post, post.status !== 400);
    }
    for (const path of ['/api/%76ault.status', '/api/vault%2Estatus', '/api/vault.status%00', '/api//vault.status', '/API/vault.status', '/api/vault.status/', '/api/vault.status#x']) {
      const post = await b.send({ method: 'POST', path, headers: { 'Content-Type': 'application/json', 'X-Registre-Token': null }, body: '{}' });
      trial('encodings', `POST ${path} without the token`, post, twoXX(post));
    }

    // Traversal: nothing outside the served folder is ever served.
    for (const template of TRAVERSAL_PATHS) {
      const path = template.replaceAll('SECRET', 'secret.html').replaceAll('LINK', 'link.html');
      const r = await b.send({ path });
      trial('traversal', path.slice(0, 80), r, twoXX(r) && (r.body.includes(SECRET_MARK) || /root:.*:0:0:/.test(r.body)));
    }

    // Body size: over the limit (declared and not), and JSON nested too deep to parse.
    const limit = 81 * 1024 * 1024;
    const big = Buffer.alloc(limit, 0x20);
    const over = await b.send({ method: 'POST', path: '/api/vault.status', headers: { 'Content-Type': 'application/json', 'X-Registre-Token': t }, body: big });
    trial('body size', '81 MB body', over, twoXX(over));
    const chunkedHead = `POST /api/vault.status HTTP/1.1\r\nHost: ${b.host}\r\nContent-Type: application/json\r\nX-Registre-Token: ${t}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n`;
    const chunk = Buffer.alloc(8 * 1024 * 1024, 0x20);
    const chunked = await rawRequest(
      b.port,
      chunkedHead,
      Buffer.concat([...Array.from({ length: 11 }, () => Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')])), Buffer.from('0\r\n\r\n')]),
    );
    trial('body size', '88 MB chunked body', chunked, twoXX(chunked));
    const deep = await b.send({
      method: 'POST',
      path: '/api/vault.status',
      headers: { 'Content-Type': 'application/json', 'X-Registre-Token': t },
      body: `${'['.repeat(200_000)}${']'.repeat(200_000)}`,
    });
    trial('body size', 'JSON nested 200 000 deep', deep, okTrue(deep));

    // Roles: every method above the caller's role, with an input its schema takes.
    let unsampled: string[] = [];
    for (const role of ['staff', 'auditor'] as const) {
      await signIn(b, role);
      const above = methods.filter((m) => !sessionChangingMethods.has(m) && (contract[m].access === 'admin' || (role === 'auditor' && contract[m].access === 'write')));
      const notSampled: string[] = [];
      for (const method of above) {
        const valid = validInputs(method, contactId, Math.max(1, Math.ceil(size / 40)));
        if (!valid.length) notSampled.push(method);
        for (const input of valid) {
          const r = await b.api(method, fileWritingMethods.has(method) ? { ...(input as object), out: await handOut(b, method) } : input);
          trial('role', `${method} as ${role}`, r, okTrue(r));
        }
      }
      unsampled = [...new Set([...unsampled, ...notSampled])];
    }

    // Paths: exports aimed outside the folder or at names the preview never handed out.
    await signIn(b, 'staff');
    const outsideBefore = readdirSync(b.outside).sort().join('|');
    for (const method of [...fileWritingMethods]) {
      const ext = extensionOf(method);
      const input = (out: string) => fileInput(method, contactId, out);
      const handed = await handOut(b, method);
      const used = await handOut(b, method);
      await b.api(method, input(used));
      const linked = await handOut(b, method);
      symlinkSync(join(b.outside, `linked-target.${ext}`), linked);
      const aims = [
        join(b.outside, `victim.${ext}`),
        join(b.outside, `new.${ext}`),
        `${b.exportsDir}/../outside/new.${ext}`,
        join(b.exportsDir, `never handed out.${ext}`),
        `${handed}/../../outside/climbed.${ext}`,
        `${handed.slice(0, -ext.length - 1)}/./x.${ext}`,
        handed.replace(/\/([^/]+)$/, '//$1'),
        `${handed} `,
        `${handed}.`,
        `${handed}\0.${ext}`,
        used,
        linked,
        `relative.${ext}`,
        `\\\\server\\share\\x.${ext}`,
        `C:\\Users\\Public\\x.${ext}`,
      ];
      for (const aim of aims) {
        const r = await b.api(method, input(aim));
        trial('paths', `${method} → ${aim.replace(scratch, '…')}`, r, okTrue(r));
      }
    }
    const outsideAfter = readdirSync(b.outside).sort().join('|');
    if (outsideAfter !== outsideBefore) failures.add(`paths: files appeared outside the exports folder: ${outsideAfter}`);
    return {
      area: 'bridge',
      check: 'preview bridge corpora',
      trials,
      failures: failures.count,
      detail: [...failures.lines, `trials by corpus: ${[...tally].map(([k, n]) => `${k} ${n}`).join(', ')}`, ...(unsampled.length ? [`no valid input found for: ${unsampled.join(', ')}`] : [])],
    };
  } finally {
    await b.s.close();
  }
}

async function signIn(b: Bridge, role: keyof typeof ROLE_PASSPHRASES): Promise<void> {
  const r = await b.api('vault.unlock', { passphrase: ROLE_PASSPHRASES[role] });
  if (!okTrue(r)) throw new Error(`The ${role} could not sign in to the preview: ${r.status} ${r.headers} ${r.body}`);
}

/** A fresh name the preview hands out for this method's file type. */
async function handOut(b: Bridge, method: Method): Promise<string> {
  const r = await b.api('shell.chooseExportPath', { suggestedName: `proof.${extensionOf(method)}` });
  return (JSON.parse(r.body) as { data: { path: string } }).data.path;
}

const extensionOf = (method: Method): string => (method === 'exports.subject' ? 'zip' : method.startsWith('reports.') ? 'html' : 'csv');

/** A file-writing method's smallest valid input around `out`. */
function fileInput(method: Method, contactId: string, out: string): unknown {
  if (method === 'exports.subject') return { contactId, mode: 'access', out };
  if (method === 'exports.register') return { table: 'contacts', format: 'csv', out };
  if (method === 'reports.ropa') return { format: 'html', out };
  if (method === 'reports.compliance') return { from: '2026-01-01', to: '2026-12-31', language: 'en', format: 'html', out };
  return { out };
}

/** Inputs the method's schema accepts, drawn from clean generated ones (known ids among them); a file's `out` is set later. */
function validInputs(method: Method, contactId: string, count: number): unknown[] {
  const schema = contract[method].input;
  const found: unknown[] = [];
  for (const generated of fc.sample(fromSchema(schema, [contactId, 'newsletter'], 'clean'), 2000)) {
    const input = fileWritingMethods.has(method) && typeof generated === 'object' ? { ...generated, out: `/proof.${extensionOf(method)}` } : generated;
    if (schema.safeParse(input).success) found.push(input);
    if (found.length === count) break;
  }
  return found;
}

export const bridgeCorpora: ProofCheck = {
  area: 'bridge',
  check: 'preview bridge corpora',
  failureMeans: 'the preview accepted what it must refuse (token, Origin, Host, encoding, traversal, size, role, export path) or answered 5xx',
  sizes: { full: 200, quick: 3 },
  run: (size, scratch) => bridgeRun(size, scratch),
};
