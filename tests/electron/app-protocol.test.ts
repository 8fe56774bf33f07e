import { mkdirSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { resolveAsset, serveAsset } from '../../electron/app-protocol';
import { CSP } from '../../electron/window';
import { tempDir } from '../helpers';

let root: string;
let renderer: string;

beforeEach(() => {
  root = tempDir('registre-protocol-');
  renderer = join(root, 'dist', 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><script type="module" src="app.js"></script>');
  writeFileSync(join(renderer, 'app.js'), 'console.log(1)');
  writeFileSync(join(renderer, 'app.css'), 'body{}');
  writeFileSync(join(renderer, 'assets', 'logo.svg'), '<svg/>');
  writeFileSync(join(renderer, 'notes.txt'), 'not a served type');
  writeFileSync(join(root, 'dist', 'secret.js'), 'outside the renderer');
  writeFileSync(join(root, 'registre.db'), 'the vault');
});

describe('resolveAsset', () => {
  it('maps app URLs to files inside the renderer folder', async () => {
    expect(await resolveAsset('app://registre/index.html', renderer)).toEqual({ file: join(renderer, 'index.html'), contentType: 'text/html; charset=utf-8' });
    expect((await resolveAsset('app://registre/app.js', renderer))?.contentType).toBe('text/javascript; charset=utf-8');
    expect((await resolveAsset('app://registre/app.css?v=1#x', renderer))?.file).toBe(join(renderer, 'app.css'));
    expect((await resolveAsset('app://registre/assets/logo.svg', renderer))?.file).toBe(join(renderer, 'assets', 'logo.svg'));
  });

  // Hostile paths are static-files.test.ts's corpus; here, the URLs that are not ours.
  it.each(['app://other/index.html', 'app://user@registre/index.html', 'app://registre:8080/index.html', 'file:///etc/passwd', 'https://registre/index.html', 'not a url'])(
    'refuses %j',
    async (url) => {
      expect(await resolveAsset(url, renderer)).toBeNull();
    },
  );

  // The URL parser folds plain dot segments away (/../x is /x): such URLs name a file
  // inside the folder, never the one outside it.
  it.each(['app://registre/../secret.js', 'app://registre/%2e%2e/secret.js', 'app://registre/assets/../../../registre.db'])('keeps %j inside the folder', async (url) => {
    const asset = await resolveAsset(url, renderer);
    expect(asset === null || asset.file.startsWith(renderer + sep)).toBe(true);
    expect((await serveAsset({ url, method: 'GET' }, renderer)).status).toBe(404);
  });
});

describe('serveAsset', () => {
  it('answers with the file, its type, the CSP and nosniff', async () => {
    const res = await serveAsset({ url: 'app://registre/index.html', method: 'GET' }, renderer);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<script type="module" src="app.js">');
  });

  it('answers HEAD without a body', async () => {
    const res = await serveAsset({ url: 'app://registre/app.js', method: 'HEAD' }, renderer);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });

  it('gives 404 outside the folder or for missing files, 405 for writes', async () => {
    expect((await serveAsset({ url: 'app://registre/..%2fsecret.js', method: 'GET' }, renderer)).status).toBe(404);
    expect((await serveAsset({ url: 'app://registre/missing.js', method: 'GET' }, renderer)).status).toBe(404);
    expect((await serveAsset({ url: 'app://registre/index.html', method: 'POST' }, renderer)).status).toBe(405);
  });
});
