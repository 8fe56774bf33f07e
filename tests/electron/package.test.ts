/**
 * electron-builder.yml checked two ways: as data through electron-builder's own loader and
 * schema, and by really packaging a stub app (Linux `dir` target, a fake Electron binary
 * that carries the fuse wire) to see what ships. No Electron download, no native rebuild.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Configuration } from 'electron-builder';

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname, '..', '..');

// electron-builder's own config loader and validator (app-builder-lib ships with it).
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig: (projectDir: string, configPath: string | null, fromOptions: null) => Promise<Configuration>;
  validateConfiguration: (config: Configuration, logger: unknown) => Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
const asar = require('@electron/asar') as {
  listPackage(archive: string, options: { isPack: boolean }): string[];
  extractFile(archive: string, filename: string): Buffer;
};

// @electron/fuses: a sentinel, a version byte, a length byte, then one '0'/'1' per fuse.
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSES = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
];

describe('electron-builder.yml as data', () => {
  let config: Configuration;
  beforeAll(async () => {
    config = await getConfig(root, null, null);
    await validateConfiguration(config, new DebugLogger(false));
  });

  it('names the app and builds the four installers', () => {
    expect(config.appId).toBe('eu.registre.app');
    expect(config.productName).toBe('Registre');
    expect(config.win?.target).toBe('nsis');
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.mac?.target).toBe('dmg');
    expect(config.npmRebuild).toBe(false);
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(['**/node_modules/better-sqlite3-multiple-ciphers/**']);
  });

  it('flips the fuses that would let someone run code inside the app', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('keeps every module the cipher module needs at run time', () => {
    const files = JSON.stringify(config.files);
    const runtime = (name: string): string[] => {
      const deps = Object.keys((require(`${name}/package.json`) as { dependencies?: Record<string, string> }).dependencies ?? {});
      // prebuild-install only downloads binaries while npm installs.
      return [name, ...deps.filter((d) => d !== 'prebuild-install').flatMap(runtime)];
    };
    const needed = runtime('better-sqlite3-multiple-ciphers');
    expect(needed).toEqual(['better-sqlite3-multiple-ciphers', 'bindings', 'file-uri-to-path']);
    expect(files).toContain(`**/node_modules/{${needed.join(',')}}/**`);
  });
});

describe('the packaged app', () => {
  // Its own folder: the shared helper's folders are removed after each test, this one is
  // shared by the tests of this block.
  const work = mkdtempSync(join(tmpdir(), 'registre-package-'));
  let resources: string;
  let fuses: Record<string, boolean>;
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  beforeAll(() => {
    // The real project and its real build (npm test builds before vitest): a stub project
    // with a symlinked node_modules makes npm see every package as extraneous.
    const project = root;
    for (const f of ['dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/renderer/index.html', 'dist/renderer/app.js']) {
      if (!existsSync(join(root, f))) throw new Error(`${f} is missing: run \`node scripts/build.mjs\` first`);
    }
    const electronDist = join(work, 'electron');
    mkdirSync(electronDist);
    const fake = join(electronDist, 'electron');
    writeFileSync(fake, Buffer.concat([Buffer.from('#!/bin/sh\n#'), Buffer.from(SENTINEL), Buffer.from([1, FUSES.length]), Buffer.from('1'.repeat(FUSES.length))]));
    chmodSync(fake, 0o755);
    const out = join(work, 'out');
    execFileSync(
      process.execPath,
      [
        require.resolve('electron-builder/cli.js'),
        '--linux',
        'dir',
        '--projectDir',
        project,
        `-c.electronDist=${electronDist}`,
        // Never rebuild the shared node_modules for Electron here: Node tests use it.
        '-c.npmRebuild=false',
        `-c.directories.output=${out}`,
      ],
      { cwd: project, stdio: 'pipe', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', CSC_IDENTITY_AUTO_DISCOVERY: 'false' } },
    );
    resources = join(out, 'linux-unpacked', 'resources');
    const binary = readFileSync(join(out, 'linux-unpacked', 'registre'));
    const at = binary.indexOf(SENTINEL) + SENTINEL.length + 2;
    fuses = Object.fromEntries(FUSES.map((name, i) => [name, binary[at + i] === '1'.charCodeAt(0)]));
  }, 180_000);

  it('ships the bundles and package.json, no source maps and no other entry points', () => {
    const files = asar.listPackage(join(resources, 'app.asar'), { isPack: false }).map((f) => f.replaceAll('\\', '/'));
    const own = files.filter((f) => !f.startsWith('/node_modules'));
    expect(own.filter((f) => /\.\w+$/.test(f)).sort()).toEqual(
      ['/dist/electron/main.cjs', '/dist/electron/preload.cjs', '/dist/renderer/app.css', '/dist/renderer/app.js', '/dist/renderer/index.html', '/package.json'].sort(),
    );
    const modules = new Set(files.filter((f) => f.startsWith('/node_modules/')).map((f) => f.split('/')[2]));
    expect([...modules].sort()).toEqual(['better-sqlite3-multiple-ciphers', 'bindings', 'file-uri-to-path']);
  });

  it('leaves the demo data out: no faker in the main bundle, nor in the shipped dependencies', () => {
    // db/index.ts exports insertDemoData; the main process never calls it, so esbuild drops
    // db/seed/demo.ts and faker (which declares no side effects). Faker is a devDependency.
    const map = JSON.parse(readFileSync(join(root, 'dist', 'electron', 'main.cjs.map'), 'utf8')) as { sources: string[] };
    expect(map.sources.length).toBeGreaterThan(100);
    expect(map.sources.filter((s) => s.includes('@faker-js/') || s.includes('db/seed/demo'))).toEqual([]);
    const shipped = JSON.parse(asar.extractFile(join(resources, 'app.asar'), 'package.json').toString('utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(shipped.dependencies)).toContain('better-sqlite3-multiple-ciphers');
    expect(Object.keys(shipped.dependencies)).not.toContain('@faker-js/faker');
  });

  it('unpacks the native module next to app.asar', () => {
    const unpacked = join(resources, 'app.asar.unpacked', 'node_modules', 'better-sqlite3-multiple-ciphers');
    expect(readFileSync(join(unpacked, 'package.json'), 'utf8')).toContain('"name": "better-sqlite3-multiple-ciphers"');
    expect(readFileSync(join(unpacked, 'lib', 'index.js'), 'utf8').length).toBeGreaterThan(0);
  });

  it('burns the fuses into the binary', () => {
    expect(fuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      enableCookieEncryption: true,
    });
  });
});
