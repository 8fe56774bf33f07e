/**
 * Serves `app://registre/<file>` from the built renderer folder (dist/renderer) and from
 * nowhere else. Pure Node (fs + the global Response), so tests run it without Electron.
 */
import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve } from 'node:path';
import { APP_HOST, APP_SCHEME, CSP } from './window';

/** Only the file types the renderer build emits; anything else is not served. */
const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

export interface Asset {
  file: string;
  contentType: string;
}

/** The file an app:// URL names inside `rootDir`, or null when it names anything else. */
export function resolveAsset(requestUrl: string, rootDir: string): Asset | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username || url.password) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  // Backslashes and NUL mean something to Windows paths and C APIs, never to our files.
  if (pathname.includes('\\') || pathname.includes('\0')) return null;
  const root = resolve(rootDir);
  const file = resolve(root, `.${pathname}`);
  const rel = relative(root, file);
  if (!rel || rel.startsWith('..') || isAbsolute(rel)) return null;
  const contentType = MIME_TYPES[extname(file).toLowerCase()];
  return contentType ? { file, contentType } : null;
}

export async function serveAsset(request: { url: string; method: string }, rootDir: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
  const asset = resolveAsset(request.url, rootDir);
  if (!asset) return new Response(null, { status: 404 });
  let body: Buffer;
  try {
    body = await readFile(asset.file);
  } catch {
    return new Response(null, { status: 404 });
  }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: {
      'Content-Type': asset.contentType,
      // The policy travels with the page itself, so it holds even where a webRequest
      // hook does not see custom-scheme responses.
      'Content-Security-Policy': CSP,
      // Module scripts and styles are only run with their declared type.
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
