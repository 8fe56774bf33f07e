import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startPreviewServer, type PreviewServer } from '../../preview/server';
import { newCore, tempDir } from '../helpers';

const servers: PreviewServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function start(): Promise<PreviewServer> {
  const staticDir = join(tempDir(), 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Registre</title>');
  const s = await startPreviewServer({ core: newCore(), staticDir, exportsDir: tempDir(), log: () => {} });
  servers.push(s);
  return s;
}

function raw(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string; path?: string }) {
  const u = new URL(url);
  return new Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: u.port, path: opts.path ?? '/', method: opts.method ?? 'GET', headers: { host: u.host, ...opts.headers } }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

const api = (s: PreviewServer, method: string, body: string, headers: Record<string, string> = {}) =>
  raw(s.url, { method: 'POST', path: `/api/${method}`, body, headers: { 'content-type': 'application/json', 'x-registre-token': s.token, ...headers } });

describe('browser-preview bridge', () => {
  it('listens on loopback only, with a random token in the URL', async () => {
    const a = await start();
    const b = await start();
    expect(a.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
    expect(a.token).not.toBe(b.token);
    expect((a.server.address() as { address: string }).address).toBe('127.0.0.1');
  });

  it('answers API calls with the Result envelope when the token is right', async () => {
    const s = await start();
    const r = await api(s, 'vault.status', '{}');
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, data: { state: 'absent', exists: false } });
    const bad = await api(s, 'vault.create', JSON.stringify({ passphrase: 'short', staffName: 'X' }));
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const unknown = await api(s, 'vault.explode', '{}');
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const shell = await api(s, 'shell.chooseFolder', JSON.stringify({ purpose: 'create' }));
    expect(JSON.parse(shell.body)).toEqual({ ok: true, data: { path: null, available: false } });
  });

  it('rejects requests without the token, with a wrong one, or not JSON', async () => {
    const s = await start();
    expect((await api(s, 'vault.status', '{}', { 'x-registre-token': '' })).status).toBe(401);
    expect((await api(s, 'vault.status', '{}', { 'x-registre-token': s.token.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')) })).status).toBe(401);
    expect((await api(s, 'vault.status', 'passphrase=x', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(415);
    expect((await api(s, 'vault.status', '{not json')).status).toBe(400);
    expect((await api(s, 'vault.status', 'x'.repeat(81 * 1024 * 1024))).status).toBe(413);
  });

  it('refuses foreign Host headers (DNS rebinding) and path traversal', async () => {
    const s = await start();
    expect((await raw(s.url, { headers: { host: 'evil.example:80' } })).status).toBe(421);
    expect((await raw(s.url, { path: '/../../../../etc/passwd' })).status).toBe(404);
    expect((await raw(s.url, { path: '/%2e%2e/%2e%2e/etc/passwd' })).status).toBe(404);
    const index = await raw(s.url, { path: '/' });
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(index.headers['content-security-policy']).not.toMatch(/unsafe/);
  });
});
