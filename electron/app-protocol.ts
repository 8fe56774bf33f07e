/**
 * Serves `app://registre/<file>` from the built renderer folder (dist/renderer) and from
 * nowhere else: this module checks the URL is ours, static-files.ts judges its path. Pure
 * Node (fs + the global Response), so tests run it without Electron.
 */
import { readFile } from 'node:fs/promises';
import { resolveStaticFile, type StaticFile } from './static-files';
import { APP_HOST, APP_SCHEME, CSP } from './window';

/** The file an app:// URL names inside `rootDir`, or null when it names anything else. */
export async function resolveAsset(requestUrl: string, rootDir: string): Promise<StaticFile | null> {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username || url.password) return null;
  return resolveStaticFile(url.pathname, rootDir);
}

export async function serveAsset(request: { url: string; method: string }, rootDir: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
  const asset = await resolveAsset(request.url, rootDir);
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
