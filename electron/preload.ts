/**
 * Runs sandboxed before the page: exposes `window.registre` (one function per API method,
 * see bridge.ts) across the context-isolation boundary. Never ipcRenderer itself, never a
 * generic invoke.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { buildBridge } from './bridge';

contextBridge.exposeInMainWorld(
  'registre',
  buildBridge((channel, input) => ipcRenderer.invoke(channel, input)),
);
