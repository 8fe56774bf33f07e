/**
 * What the preload puts on `window.registre`: exactly one function per contract and shell
 * method, each forwarding only its input to that method's own channel. Built here, without
 * Electron, so tests can check the exact set of names and channels.
 */
import type { DesktopBridge } from '../shared/api/index';

/** The one channel of one method: `registre:vault.status`, never a shared one. */
export const channelFor = (method: string): string => `registre:${method}`;

export type Invoke = (channel: string, input: unknown) => Promise<unknown>;

/** `names`: every contract and shell method (the preload gets them from the build, see preload.ts). */
export function buildBridge(invoke: Invoke, names: readonly string[]): DesktopBridge {
  return Object.freeze(Object.fromEntries(names.map((name) => [name, (input: unknown) => invoke(channelFor(name), input)])) as unknown as DesktopBridge);
}
