/**
 * Runs the built preload (dist/electron/preload.cjs) the way Electron's sandbox would: its
 * only `require` is `electron`, faked here, and what it exposes on the page is returned.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileFunction } from 'node:vm';
import type { Invoke } from '../../electron/bridge';

const PRELOAD = join(__dirname, '..', '..', 'dist', 'electron', 'preload.cjs');

export function loadBuiltPreload(invoke: Invoke): { name: string; api: unknown } {
  let exposed: { name: string; api: unknown } | null = null;
  const electron = {
    contextBridge: { exposeInMainWorld: (name: string, api: unknown) => void (exposed = { name, api }) },
    ipcRenderer: { invoke },
  };
  const sandboxRequire = (id: string) => {
    if (id === 'electron') return electron;
    throw new Error(`A sandboxed preload may only require electron, not ${id}`);
  };
  const module = { exports: {} };
  compileFunction(readFileSync(PRELOAD, 'utf8'), ['module', 'exports', 'require'])(module, module.exports, sandboxRequire);
  if (!exposed) throw new Error('The preload exposed nothing');
  return exposed;
}
