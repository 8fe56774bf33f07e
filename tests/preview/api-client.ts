/** Posts one API call to a running preview server, with its token, and returns the Result envelope. */
import { request } from 'node:http';
import type { PreviewServer } from '../../preview/server';

export type Answer = { ok: boolean; data?: unknown; error?: { code: string; message: string; detail?: { reason?: string } } };

export function postApi(s: PreviewServer, method: string, input: unknown): Promise<Answer> {
  const u = new URL(s.url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: u.port, path: `/api/${method}`, method: 'POST', headers: { host: u.host, 'content-type': 'application/json', 'x-registre-token': s.token } },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve(JSON.parse(body) as Answer));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(input));
  });
}
