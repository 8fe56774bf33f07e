// The cipher module is native: Electron needs it built for Electron's ABI, Node (tests,
// CLI, preview) for Node's. This script rebuilds it only when the current build does not
// fit the runtime asked for, so neither `npm start` nor `npm test` ever fails with a
// NODE_MODULE_VERSION error. Usage: node scripts/native-abi.mjs node|electron
//
// The Electron rebuild uses npm's own node-gyp with Electron's headers (the method in
// Electron's "native modules" guide) rather than @electron/rebuild, whose current
// versions need Node 22.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MODULE = 'better-sqlite3-multiple-ciphers';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const marker = join(root, 'node_modules', '.registre-native-abi');
const target = process.argv[2];
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function rebuild(env) {
  execFileSync(npm, ['rebuild', MODULE], { cwd: root, stdio: 'inherit', env: { ...process.env, ...env }, shell: process.platform === 'win32' });
}

function loadsInNode() {
  try {
    const Database = require(MODULE);
    new Database(':memory:').close();
    return true;
  } catch (e) {
    if (/NODE_MODULE_VERSION|compiled against a different|invalid ELF|not a valid Win32|Could not locate the bindings|slice is not valid mach-o/i.test(String(e))) return false;
    throw e;
  }
}

const builtFor = () => (existsSync(marker) ? readFileSync(marker, 'utf8').trim() : '');

if (target === 'node') {
  if (!loadsInNode()) {
    console.log(`Rebuilding ${MODULE} for Node.js ${process.version} (about a minute)…`);
    rebuild({ npm_config_runtime: 'node', npm_config_target: process.versions.node, npm_config_disturl: '' });
  }
  writeFileSync(marker, `node-${process.versions.modules}\n`);
} else if (target === 'electron') {
  let binary = '';
  try {
    binary = require('electron');
  } catch {
    // the package is there but its binary is not: reported below
  }
  if (!binary || !existsSync(binary)) {
    console.error(
      'The Electron binary is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD was set, or its download failed).\n' +
        'Run `npm ci` without ELECTRON_SKIP_BINARY_DOWNLOAD on a machine with internet access, or use `npm run preview`.',
    );
    process.exit(1);
  }
  const version = require('electron/package.json').version;
  if (builtFor() !== `electron-${version}`) {
    console.log(`Rebuilding ${MODULE} for Electron ${version}…`);
    rebuild({
      npm_config_runtime: 'electron',
      npm_config_target: version,
      npm_config_disturl: 'https://electronjs.org/headers',
      npm_config_arch: process.arch,
      npm_config_target_arch: process.arch,
    });
    writeFileSync(marker, `electron-${version}\n`);
  }
} else {
  console.error('usage: node scripts/native-abi.mjs node|electron');
  process.exit(2);
}
