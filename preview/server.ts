/**
 * Browser-preview bridge (DESIGN §1): serves the built renderer and the API over HTTP on
 * loopback, for trying Registre without Electron and for the end-to-end tests.
 *
 * Guards: binds 127.0.0.1 only; every API call needs the random per-run token (compared
 * in constant time) and a JSON content type (so no plain HTML form can post); the Host
 * header must be the loopback address we serve (defeats DNS rebinding) and an Origin, when a
 * browser sends one, the page we serve; responses carry
 * the same strict CSP as the desktop window; an export is written only under a name this
 * server handed out from its exports folder (electron/export-approvals.ts, as on the
 * desktop), once, and never over anything already there: checked when the call is
 * admitted, and again by the core as it puts the files in place (`refuseOverwrites`).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { lstatSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { isShellMethod, shellContract } from '../shared/api/index';
import { CSP } from '../shared/csp';
import { MAX_IMPORT_BYTES } from '../shared/import-format';
import { type RegistreCore, describeZodError, dispatch, manifestPathFor } from '../db/index';
import { admitExportCall, exportPathNotChosen, exportTarget } from '../electron/export-approvals';
import { resolveStaticFile } from '../electron/static-files';

// A 60 MB CSV import travels base64-encoded inside JSON.
const MAX_BODY_BYTES = Math.ceil((MAX_IMPORT_BYTES / 3) * 4) + 64 * 1024;

export interface PreviewServer {
  url: string;
  token: string;
  server: Server;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: string | Buffer, type = 'application/json; charset=utf-8'): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  });
  res.end(body);
}

const problem = (res: ServerResponse, status: number, code: string, message: string) => send(res, status, JSON.stringify({ ok: false, error: { code, message } }));

function tokenMatches(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function decodes(text: string): boolean {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Whether anything is at `path`: a file, a folder, a link (even to nowhere), or what cannot be looked at. */
function occupied(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

/** The files an export to `out` may write: the file and, for a register or the newsletter list, its manifest beside it. */
const filesOf = (out: string): string[] => [out, manifestPathFor(out)];

/** Whether an export to `out` would write over nothing that is there now. */
export const exportTargetFree = (out: string): boolean => !filesOf(out).some(occupied);

/**
 * Where the preview puts an export: the exports folder and the suggested name, with
 * " (2)", " (3)"… before the extension when that name is taken, so nothing is overwritten:
 * neither the file nor the `<file>.manifest.json` a register export writes beside it, nor
 * what an export already handed out (`claimed`) will write.
 */
export function previewExportPath(exportsDir: string, suggestedName: string, claimed: Iterable<string> = []): string {
  const taken = new Set([...claimed].flatMap(filesOf));
  const extension = extname(suggestedName);
  const stem = basename(suggestedName, extension);
  for (let n = 1; ; n++) {
    const candidate = join(exportsDir, n === 1 ? suggestedName : `${stem} (${n})${extension}`);
    if (exportTargetFree(candidate) && !filesOf(candidate).some((f) => taken.has(f))) return candidate;
  }
}

export async function startPreviewServer(opts: {
  core: RegistreCore;
  staticDir: string;
  /** Where exports are written: the preview has no save dialog, so it answers with this folder. */
  exportsDir: string;
  port?: number;
  log?: (message: string) => void;
}): Promise<PreviewServer> {
  const token = randomBytes(24).toString('base64url');
  const log = opts.log ?? ((m: string) => console.error(m));
  // The name is checked free when the call is admitted; a file appearing there before the export ends is refused too, not overwritten.
  opts.core.exportJob.refuseOverwrites();
  let allowedHosts: string[] = [];
  let allowedOrigins: string[] = [];
  /** Names handed out by shell.chooseExportPath in this session and not used yet: one export each. */
  const handedOut = new Set<string>();
  /** Names an admitted export is writing now (they are not on disk until it ends). */
  const writing = new Set<string>();

  async function handleApi(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    if (req.method !== 'POST') return problem(res, 405, 'invalid_input', 'Use POST.');
    if (!tokenMatches(req.headers['x-registre-token'] as string | undefined, token)) {
      return problem(res, 401, 'forbidden', 'Missing or wrong preview token. Open the address printed by npm run preview.');
    }
    if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) {
      return problem(res, 415, 'invalid_input', 'Send JSON (Content-Type: application/json).');
    }
    const body = await readBody(req);
    if (body === null) return problem(res, 413, 'invalid_input', 'The request is too large.');
    let input: unknown;
    try {
      input = body.length ? JSON.parse(body) : {};
    } catch {
      return problem(res, 400, 'invalid_input', 'The request body is not valid JSON.');
    }
    if (method === 'shell.chooseExportPath') {
      // No dialog in a browser tab: the export goes to the exports folder under a fresh name.
      const parsed = shellContract[method].input.safeParse(input);
      if (!parsed.success) return send(res, 200, JSON.stringify({ ok: false, error: { code: 'invalid_input', message: describeZodError(parsed.error) } }));
      const path = previewExportPath(opts.exportsDir, parsed.data.suggestedName, [...handedOut, ...writing]);
      handedOut.add(path);
      return send(res, 200, JSON.stringify({ ok: true, data: { path, available: true } }));
    }
    if (isShellMethod(method)) {
      // Native dialogs exist only in the desktop app; the renderer hides their buttons.
      return send(res, 200, JSON.stringify({ ok: true, data: { path: null, available: false } }));
    }
    // No dialog asked anyone about overwriting: a name taken since it was handed out is refused too.
    if (!admitExportCall(method, input, handedOut, exportTargetFree)) {
      log(`Refused ${method}: its file is not a free name the preview handed out`);
      return send(res, 200, JSON.stringify(exportPathNotChosen));
    }
    // Until the export ends its file may not be on disk yet: no other export is handed its name meanwhile.
    const out = exportTarget(method, input);
    if (out !== null) writing.add(out);
    try {
      send(res, 200, JSON.stringify(await dispatch(opts.core, method, input, log)));
    } finally {
      if (out !== null) writing.delete(out);
    }
  }

  async function handleStatic(res: ServerResponse, pathname: string): Promise<void> {
    const found = await resolveStaticFile(pathname === '/' ? '/index.html' : pathname, opts.staticDir);
    const body = found ? await readFile(found.file).catch(() => null) : null;
    if (!found || !body) return problem(res, 404, 'not_found', 'Not found.');
    send(res, 200, body, found.contentType);
  }

  const server = createServer((req, res) => {
    if (!allowedHosts.includes(req.headers.host ?? '')) return problem(res, 421, 'forbidden', 'Unexpected Host header.');
    // A browser names the page a request comes from; only the preview's own page may call it
    // (a request with no Origin is not a browser's cross-site one: curl, the tests).
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins.includes(origin)) return problem(res, 403, 'forbidden', 'Unexpected Origin header.');
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://127.0.0.1');
    } catch {
      return problem(res, 400, 'invalid_input', 'Bad URL.');
    }
    // A %-escape that does not decode (`/%`, `/%zz`, an overlong or cut UTF-8 sequence) is
    // the client's mistake on every route, with or without the token: answered here, so no
    // route throws on it and the log stays for Registre's own errors.
    if (!decodes(url.pathname) || !decodes(url.search)) return problem(res, 400, 'invalid_input', 'Bad URL: a %-escape does not decode.');
    const { pathname } = url;
    const api = /^\/api\/([A-Za-z]+\.[A-Za-z]+)$/.exec(pathname);
    const work = api ? handleApi(req, res, api[1]!) : req.method === 'GET' ? handleStatic(res, pathname) : Promise.resolve(problem(res, 405, 'invalid_input', 'Use GET.'));
    work.catch((e: unknown) => {
      log(e instanceof Error ? (e.stack ?? e.message) : String(e));
      if (!res.headersSent) problem(res, 500, 'internal', 'Something went wrong inside Registre. The details are in the log.');
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  allowedOrigins = allowedHosts.map((h) => `http://${h}`);
  const idleTimer = setInterval(() => opts.core.lockIfIdle(), 15_000);
  idleTimer.unref();
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    server,
    close: async () => {
      clearInterval(idleTimer);
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await opts.core.lock();
    },
  };
}
