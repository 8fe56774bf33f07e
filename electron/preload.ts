/**
 * Runs sandboxed before the page: exposes `window.registre` (one function per API method,
 * see bridge.ts) across the context-isolation boundary. Never ipcRenderer itself, never a
 * generic invoke.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { buildBridge } from './bridge';

/**
 * The contract's and the shell's method names, written in by scripts/build.mjs from
 * shared/api: bundling the contract itself would put zod in the preload (2.6 KB → 470 KB).
 */
declare const __BRIDGE_METHODS__: readonly string[];

contextBridge.exposeInMainWorld(
  'registre',
  buildBridge((channel, input) => ipcRenderer.invoke(channel, input), __BRIDGE_METHODS__),
);
