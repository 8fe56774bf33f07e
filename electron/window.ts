/**
 * The window's security settings as plain data and pure functions, so tests can check
 * them without Electron. main.ts applies them; nothing here imports Electron at runtime.
 *
 * The page is served from a custom `app://registre/` scheme rather than file:// (Electron
 * security checklist §18): it gives the page a real origin, so CSP 'self' means "the
 * app's own files" and not "any file on the disk", the protocol handler serves only the
 * built renderer folder, and the packaged app can turn off file://'s extra privileges
 * (the grantFileProtocolExtraPrivileges fuse in electron-builder.yml).
 */
import type { BrowserWindowConstructorOptions, CustomScheme } from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'registre';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * A persistent session of its own, so the interface language chosen before unlocking is
 * remembered (localStorage). The renderer keeps no personal data in web storage: records
 * stay in the vault and in memory only; the HTTP cache holds the app's own files.
 */
export const SESSION_PARTITION = 'persist:registre';

/** The same policy as the browser preview (shared/csp.ts). */
export { CSP } from '../shared/csp';

export const appScheme: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: {
    // A standard scheme has an origin, so relative URLs, same-origin module scripts and
    // CSP 'self' work as on the web.
    standard: true,
    // A secure context (like https): Web Crypto and clipboard work without http.
    secure: true,
    // Everything else stays off: no bypassCSP, no service workers, no cross-origin fetch.
  },
};

export function browserWindowOptions(preloadPath: string, opts: { devTools: boolean }): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Registre',
    // Shown on ready-to-show, so no blank white frame flashes first.
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      partition: SESSION_PARTITION,
      // The preload and the page live in separate JavaScript worlds: the page cannot
      // tamper with the preload's objects or reach ipcRenderer.
      contextIsolation: true,
      // The renderer runs in Chromium's OS-level sandbox; the preload gets no Node API.
      sandbox: true,
      // No require(), process or Buffer in the page, its workers or its frames.
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      // No <webview>: it could embed remote content with its own preferences.
      webviewTag: false,
      // Same-origin policy and CORS stay on.
      webSecurity: true,
      // No http content inside the secure app page.
      allowRunningInsecureContent: false,
      // No Chromium experiments or extra Blink features with unreviewed security.
      experimentalFeatures: false,
      // No WebSQL: a second, unencrypted database engine the app does not use.
      enableWebSQL: false,
      // Dropping a file on the window must not navigate away to file://.
      navigateOnDragDrop: false,
      // The spellchecker downloads dictionaries from the internet and saves "added"
      // words (often people's names) unencrypted in the profile folder.
      spellcheck: false,
      // A runaway page cannot lock the user in with endless alert() loops.
      safeDialogs: true,
      // Developer tools only in a development run (`npm start`), never in the package.
      devTools: opts.devTools,
    },
  };
}

/**
 * The app's own page, exactly: `app://registre/index.html`, optionally with a #fragment
 * (in-page routing). Compared as a string, not parsed: a parser's normalisation (dot
 * segments, case, percent-decoding) is exactly where lookalikes slip through.
 */
export function isAppUrl(url: unknown): boolean {
  if (typeof url !== 'string') return false;
  return url === APP_INDEX_URL || url.startsWith(`${APP_INDEX_URL}#`);
}

/** IPC is answered only for the app's own page (DESIGN §3); a missing frame is refused. */
export function isTrustedSender(frameUrl: string | null | undefined): boolean {
  return isAppUrl(frameUrl);
}

/**
 * Links the user may follow outside the app (the supervisory authority's site, help
 * pages): https only, no credentials, returned as the parsed href so the OS browser gets
 * exactly what was checked. Everything else (http, file:, smb:, custom handlers, which
 * can launch programs) returns null.
 */
export function externalUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password || !parsed.hostname) return null;
  return parsed.href;
}
