/**
 * The one path guard of both servers of the built renderer (app:// and the browser
 * preview): a corpus of hostile paths, every one refused, and the paths the app asks for.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { resolveStaticFile } from '../../electron/static-files';
import { tempDir } from '../helpers';

let root: string;
let renderer: string;

beforeEach(() => {
  root = tempDir('registre-static-');
  renderer = join(root, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  mkdirSync(join(renderer, 'folder.js'));
  for (const f of ['index.html', 'app.js', 'app.css', 'app.js.map', 'assets/logo.svg', 'assets/mark.png', 'assets/font.woff2', 'notes.txt', '.hidden.js', 'assets/.env.json']) {
    writeFileSync(join(renderer, f), f);
  }
  mkdirSync(join(root, 'renderer-evil'));
  writeFileSync(join(root, 'renderer-evil', 'app.js'), 'a sibling whose name starts like the root');
  writeFileSync(join(root, 'secret.js'), 'outside the renderer');
  writeFileSync(join(root, 'registre.db'), 'the vault');
});

describe('resolveStaticFile serves', () => {
  it.each([
    ['/index.html', 'index.html', 'text/html; charset=utf-8'],
    ['/app.js', 'app.js', 'text/javascript; charset=utf-8'],
    ['/app.css', 'app.css', 'text/css; charset=utf-8'],
    ['/app.js.map', 'app.js.map', 'application/json; charset=utf-8'],
    ['/assets/logo.svg', 'assets/logo.svg', 'image/svg+xml'],
    ['/assets/mark.png', 'assets/mark.png', 'image/png'],
    ['/assets/font.woff2', 'assets/font.woff2', 'font/woff2'],
    // One decoding is the URL's own: an encoded plain letter names the same file.
    ['/%61pp.js', 'app.js', 'text/javascript; charset=utf-8'],
  ])('%j', async (pathname, file, contentType) => {
    expect(await resolveStaticFile(pathname, renderer)).toEqual({ file: join(renderer, file), contentType });
  });
});

describe('resolveStaticFile refuses', () => {
  it.each([
    ['no leading slash', 'index.html'],
    ['an empty path', ''],
    ['the folder itself', '/'],
    ['a directory', '/assets'],
    ['a directory named like a served type', '/folder.js'],
    ['a missing file', '/missing.js'],
    ['an unknown type', '/notes.txt'],
    ['no extension', '/index'],
    ['a type the build never writes', '/app.exe'],
    ['a dotfile', '/.hidden.js'],
    ['a dotfile in a subfolder', '/assets/.env.json'],
    ['a plain dot segment', '/./app.js'],
    ['plain dot-dot', '/../secret.js'],
    ['plain dot-dot from a subfolder', '/assets/../../secret.js'],
    ['dot-dot into a sibling with the same prefix', '/../renderer-evil/app.js'],
    ['dot-dot that comes back inside', '/../renderer/app.js'],
    ['an encoded slash after dot-dot', '/..%2fsecret.js'],
    ['encoded dots and slash', '/%2e%2e%2fsecret.js'],
    ['encoded dots', '/%2e%2e/secret.js'],
    ['upper-case encoding', '/%2E%2E%2Fsecret.js'],
    ['encoded climb from a subfolder', '/assets/%2e%2e%2f%2e%2e%2fsecret.js'],
    ['encoded climb to the vault', '/%2e%2e%2f%2e%2e%2fregistre.db'],
    ['double-encoded dots and slash', '/%252e%252e%252fsecret.js'],
    ['double-encoded dots', '/%252e%252e/secret.js'],
    ['a double-encoded letter', '/%2561pp.js'],
    ['a backslash', '/assets\\..\\..\\secret.js'],
    ['an encoded backslash', '/..%5csecret.js'],
    ['encoded backslashes from a subfolder', '/assets%5c..%5c..%5csecret.js'],
    ['NUL before a served extension', '/index.html%00.js'],
    ['NUL at the end', '/app.js%00'],
    ['a raw NUL', '/index.html\u0000.js'],
    ['a line feed', '/app%0a.js'],
    ['a broken escape', '/%E0%A4%A'],
    ['a lone percent', '/%'],
    ['a non-hex escape', '/%zz.js'],
    ['a drive letter', '/C:/Windows/win.ini'],
    ['an encoded drive letter', '/C%3a/Windows/system.js'],
    ['a drive letter and backslashes', '/c:%5cwindows%5csystem.js'],
    ['an NTFS alternate data stream', '/index.html::$DATA'],
    ['a UNC path with backslashes', '/%5c%5cserver%5cshare%5capp.js'],
    ['a raw UNC path', '/\\\\server\\share\\app.js'],
    ['an absolute path with an encoded slash', '/%2fetc%2fpasswd'],
    ['a long path of folders', `/${'a/'.repeat(600)}app.js`],
    ['a very long name', `/${'a'.repeat(5000)}.js`],
  ])('%s: %j', async (_what, pathname) => {
    expect(await resolveStaticFile(pathname, renderer)).toBeNull();
  });

  it('an absolute path to a real file outside the folder, raw or encoded', async () => {
    const secret = join(root, 'secret.js');
    expect(await resolveStaticFile(`/${secret}`, renderer)).toBeNull();
    expect(await resolveStaticFile(`/${encodeURIComponent(secret)}`, renderer)).toBeNull();
  });
});

// Windows cannot create these names, nor symlinks without a privilege most accounts lack.
describe.skipIf(process.platform === 'win32')('resolveStaticFile refuses, even when a file has that name', () => {
  it.each([
    ['a backslash', 'assets\\..\\..\\secret.js', '/assets%5c..%5c..%5csecret.js'],
    ['a UNC path', '\\\\server\\share\\app.js', '/%5c%5cserver%5cshare%5capp.js'],
    ['a line feed', 'app\n.js', '/app%0a.js'],
    ['a drive letter', 'C:/system.js', '/C%3a/system.js'],
    ['an alternate data stream', 'app.js:stream.js', '/app.js:stream.js'],
    ['double encoding', '%61pp.js', '/%2561pp.js'],
  ])('%s: %j', async (_what, name, pathname) => {
    mkdirSync(join(renderer, name, '..'), { recursive: true });
    writeFileSync(join(renderer, name), name);
    expect(await resolveStaticFile(pathname, renderer)).toBeNull();
  });
});

describe.skipIf(process.platform === 'win32')('resolveStaticFile and symlinks', () => {
  beforeEach(() => {
    symlinkSync(join(root, 'secret.js'), join(renderer, 'leak.js'));
    symlinkSync(root, join(renderer, 'up'));
    symlinkSync(join(renderer, 'app.js'), join(renderer, 'linked.js'));
  });

  it('refuses a link to a file outside the folder, and a path through a link to a folder outside', async () => {
    expect(await resolveStaticFile('/leak.js', renderer)).toBeNull();
    expect(await resolveStaticFile('/up/secret.js', renderer)).toBeNull();
  });

  it('serves a link that stays inside the folder', async () => {
    expect(await resolveStaticFile('/linked.js', renderer)).toEqual({ file: join(renderer, 'linked.js'), contentType: 'text/javascript; charset=utf-8' });
  });
});
