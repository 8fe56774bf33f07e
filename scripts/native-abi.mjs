// The cipher module is native: Electron needs it built for Electron's ABI, Node (tests,
// CLI, preview) for Node's. This script rebuilds it only when the current build does not
// fit the runtime asked for, so neither `npm start` nor `npm test` ever fails with a
// NODE_MODULE_VERSION error. Usage: node scripts/native-abi.mjs node|electron
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';

const target = process.argv[2];
const require = createRequire(import.meta.url);
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });

function loadsInNode() {
  try {
    const Database = require('better-sqlite3-multiple-ciphers');
    new Database(':memory:').close();
    return true;
  } catch (e) {
    if (/NODE_MODULE_VERSION|was compiled against a different|invalid ELF|Could not locate the bindings/.test(String(e))) return false;
    throw e;
  }
}

if (target === 'node') {
  if (!loadsInNode()) {
    console.log('Rebuilding the cipher module for Node.js (about a minute)…');
    run(npm, ['rebuild', 'better-sqlite3-multiple-ciphers']);
  }
} else if (target === 'electron') {
  let electronBinary = '';
  try {
    electronBinary = require('electron');
  } catch {
    // package present but binary missing: handled below
  }
  if (!electronBinary || !existsSync(electronBinary)) {
    console.error(
      'The Electron binary is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD was set, or its download failed).\n' +
        'Run `npm ci` without ELECTRON_SKIP_BINARY_DOWNLOAD on a machine with internet, or use `npm run preview`.',
    );
    process.exit(1);
  }
  // install-app-deps rebuilds native dependencies for the installed Electron's ABI; it
  // is quick when the module is already built for it.
  run(npx, ['electron-builder', 'install-app-deps']);
} else {
  console.error('usage: node scripts/native-abi.mjs node|electron');
  process.exit(2);
}
