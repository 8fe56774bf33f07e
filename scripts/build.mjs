// Bundles every entry point with esbuild: the CLI, the preview server, the benchmark and
// proof runners, Electron's main and preload, and the renderer. The native cipher module stays
// external (it is loaded from node_modules, or unpacked from asar in the packaged app). pdfmake
// stays external too: the reports read its Roboto fonts from its own folder at run time.
import { build } from 'esbuild';
import { cpSync, mkdirSync, readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { compileFunction } from 'node:vm';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const define = { __APP_VERSION__: JSON.stringify(pkg.version) };
const external = ['better-sqlite3-multiple-ciphers', 'electron', 'pdfmake'];

const node = (entry, outfile, extra = {}) => ({
  entryPoints: [join(root, entry)],
  outfile: join(root, outfile),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  external,
  define,
  logLevel: 'warning',
  ...extra,
});

/**
 * Every contract and shell method name, read from shared/api at build time: the sandboxed
 * preload gets the list as a constant instead of bundling the contract and zod with it.
 */
async function bridgeMethodNames() {
  const out = await build({ entryPoints: [join(root, 'shared/api/index.ts')], bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'warning' });
  const module = { exports: {} };
  compileFunction(out.outputFiles[0].text, ['module', 'exports', 'require'])(module, module.exports, createRequire(join(root, 'package.json')));
  return [...Object.keys(module.exports.contract), ...Object.keys(module.exports.shellContract)];
}

const jobs = [];
const has = (p) => existsSync(join(root, p));
if (has('cli/main.ts')) jobs.push(build(node('cli/main.ts', 'dist/cli.cjs', { banner: { js: '#!/usr/bin/env node' } })));
if (has('preview/main.ts')) jobs.push(build(node('preview/main.ts', 'dist/preview.cjs')));
if (has('bench/run.ts')) jobs.push(build(node('bench/run.ts', 'dist/bench.cjs')));
// playwright-core stays in node_modules: it finds its own files next to it at run time.
if (has('bench/ui.ts')) jobs.push(build(node('bench/ui.ts', 'dist/bench-ui.cjs', { external: [...external, 'playwright-core'] })));
// The proof drives Chromium (playwright-core) and bundles its crash children at run time (esbuild).
if (has('tests/proof/run.ts')) jobs.push(build(node('tests/proof/run.ts', 'dist/proof.cjs', { external: [...external, 'playwright-core', 'esbuild'] })));
if (has('electron/main.ts')) jobs.push(build(node('electron/main.ts', 'dist/electron/main.cjs', { target: 'node22' })));
// A sandboxed preload may only require('electron'): everything else is bundled in.
if (has('electron/preload.ts')) {
  const names = JSON.stringify(await bridgeMethodNames());
  jobs.push(build(node('electron/preload.ts', 'dist/electron/preload.cjs', { target: 'chrome130', define: { ...define, __BRIDGE_METHODS__: names } })));
}
if (has('renderer/main.tsx')) {
  mkdirSync(join(root, 'dist/renderer'), { recursive: true });
  jobs.push(
    build({
      entryPoints: [join(root, 'renderer/main.tsx')],
      outdir: join(root, 'dist/renderer'),
      entryNames: 'app',
      bundle: true,
      platform: 'browser',
      format: 'esm',
      target: 'chrome120',
      minify: true,
      sourcemap: 'linked',
      define: { ...define, 'process.env.NODE_ENV': '"production"' },
      loader: { '.png': 'file', '.svg': 'file', '.woff2': 'file' },
      logLevel: 'warning',
    }).then(() => cpSync(join(root, 'renderer/index.html'), join(root, 'dist/renderer/index.html'))),
  );
}
await Promise.all(jobs);
