/**
 * Which file of the built renderer (dist/renderer) a URL path names, for both servers of
 * it: the app:// protocol (app-protocol.ts) and the browser preview (preview/server.ts).
 * Each caller checks its own scheme, host and token; this module judges only the path.
 * Pure Node, no Electron, so the preview can import it.
 */
import { realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve } from 'node:path';

/** Only the file types the renderer build emits; anything else is not served. */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

// Far longer than any path the build writes; refused before the disk is asked.
const MAX_PATHNAME_LENGTH = 1024;

export interface StaticFile {
  file: string;
  contentType: string;
}

/** The pathname decoded once, or null when it could name anything but a file below the root. */
function decodedPath(pathname: string): string | null {
  if (!pathname.startsWith('/') || pathname.length > MAX_PATHNAME_LENGTH) return null;
  let path: string;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  // Backslash and colon are separators, drive letters and alternate data streams on
  // Windows; control characters (NUL above all) cut names short in C APIs; a '%' left
  // after one decoding is double encoding. No file the build writes has any of them.
  if (/[\\:%]|\p{Cc}/u.test(path)) return null;
  // '.' and '..' climb, and the build writes no dotfile (.env, .git/).
  if (path.split('/').some((segment) => segment.startsWith('.'))) return null;
  return path;
}

function isInside(root: string, file: string): boolean {
  const rel = relative(root, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** The regular file `pathname` names inside `rootDir` and its type, or null. */
export async function resolveStaticFile(pathname: string, rootDir: string): Promise<StaticFile | null> {
  const path = decodedPath(pathname);
  if (path === null) return null;
  const root = resolve(rootDir);
  const file = resolve(root, `.${path}`);
  const contentType = CONTENT_TYPES[extname(file).toLowerCase()];
  if (!contentType || !isInside(root, file)) return null;
  try {
    // A symlink inside the folder may lead anywhere: judge where it really leads.
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(file)]);
    if (!isInside(realRoot, realFile) || !(await stat(realFile)).isFile()) return null;
  } catch {
    return null;
  }
  return { file, contentType };
}
