/**
 * Hardening applied to every webContents the app creates (main.ts calls it from
 * `web-contents-created`, so a window added later cannot forget it). The interface names
 * only what is used, so tests drive it with a plain EventEmitter.
 */
import { externalUrl, isAppUrl } from './window';

export interface Preventable {
  preventDefault(): void;
}

export interface GuardedContents {
  on(event: 'will-navigate', listener: (event: Preventable, url: string) => void): unknown;
  on(event: 'will-redirect', listener: (event: Preventable, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: Preventable) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/**
 * The window only ever shows the app's own page. A link to an https site is handed to the
 * OS browser (where the user sees the address bar and their usual protections) and the
 * app window stays where it is; any other destination is simply dropped.
 */
export function hardenContents(contents: GuardedContents, openExternal: (url: string) => void): void {
  const leave = (url: string): void => {
    const external = externalUrl(url);
    if (external) openExternal(external);
  };
  const guard = (event: Preventable, url: string): void => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    leave(url);
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  // webviewTag is off; refusing the attach as well covers a webContents made without it.
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // No second window, ever: popups could get other preferences and a remote origin.
  contents.setWindowOpenHandler(({ url }) => {
    leave(url);
    return { action: 'deny' };
  });
}
