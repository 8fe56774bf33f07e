/**
 * A URL whose %-encoding does not decode (`/%`, `/%zz`, an overlong or truncated UTF-8
 * sequence, an encoded lone surrogate) is a bad request: 400 on every route, static files
 * and API alike, with or without the token, and nothing in the log — no stack trace.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startPreviewServer, type PreviewServer } from '../../preview/server';
import { newCore, tempDir } from '../helpers';
import { UNDECODABLE_URLS } from '../proof/corpora';

const servers: PreviewServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function start(): Promise<{ s: PreviewServer; logs: string[] }> {
  const staticDir = join(tempDir(), 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Registre</title>');
  const logs: string[] = [];
  const s = await startPreviewServer({ core: newCore(), staticDir, exportsDir: tempDir(), log: (m) => logs.push(m) });
  servers.push(s);
  return { s, logs };
}

/** Sends `path` exactly as given (no client-side normalisation). */
function raw(s: PreviewServer, method: string, path: string, headers: Record<string, string> = {}, body?: string) {
  const u = new URL(s.url);
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: u.port, path, method, headers: { host: u.host, ...headers } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('undecodable URLs', () => {
  it.each(UNDECODABLE_URLS)('%s is a 400 with and without the token, GET and POST, and leaves no stack in the log', async (template) => {
    const { s, logs } = await start();
    const path = template.replace('TOKEN', s.token);
    const json = { 'content-type': 'application/json' };
    const tries = [
      await raw(s, 'GET', path),
      await raw(s, 'GET', path, { 'x-registre-token': s.token }),
      await raw(s, 'POST', path, json, '{}'),
      await raw(s, 'POST', path, { ...json, 'x-registre-token': s.token }, '{}'),
    ];
    for (const answer of tries) {
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(answer.body).not.toMatch(/URIError|\bat .+:\d+:\d+/);
    }
    expect(logs.join('\n')).not.toMatch(/URIError|\n\s+at /);
    expect(logs).toEqual([]);
  });

  it('still serves and answers well-formed URLs, encoded ones included', async () => {
    const { s } = await start();
    expect((await raw(s, 'GET', '/')).status).toBe(200);
    expect((await raw(s, 'GET', '/index%2Ehtml')).status).toBe(200);
    expect((await raw(s, 'GET', `/?token=${s.token}`)).status).toBe(200);
    expect((await raw(s, 'GET', '/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
    expect((await raw(s, 'GET', '/no%20such%20file.js')).status).toBe(404);
    const status = await raw(s, 'POST', '/api/vault.status', { 'content-type': 'application/json', 'x-registre-token': s.token }, '{}');
    expect(status.status).toBe(200);
    expect(JSON.parse(status.body)).toMatchObject({ ok: true });
  });
});
