import { describe, expect, it } from 'vitest';
import { APP_INDEX_URL, CSP, SESSION_PARTITION, appScheme, browserWindowOptions, externalUrl, isAppUrl, isTrustedSender } from '../../electron/window';

describe('BrowserWindow options', () => {
  const options = browserWindowOptions('/app/dist/electron/preload.cjs', { devTools: false });
  const prefs = options.webPreferences ?? {};

  it('isolates, sandboxes and keeps Node out of the page', () => {
    expect(prefs).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      enableWebSQL: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
    });
  });

  it('uses the in-memory session and never enables risky extras', () => {
    expect(prefs.partition).toBe(SESSION_PARTITION);
    expect(SESSION_PARTITION).toBe('persist:registre');
    expect(prefs.enableBlinkFeatures).toBeUndefined();
    expect(prefs.additionalArguments).toBeUndefined();
    expect(prefs.plugins).toBeUndefined();
    expect(prefs.session).toBeUndefined();
  });

  it('has developer tools only when asked (development runs)', () => {
    expect(prefs.devTools).toBe(false);
    expect(browserWindowOptions('/p.cjs', { devTools: true }).webPreferences?.devTools).toBe(true);
  });

  it('waits for ready-to-show', () => {
    expect(options.show).toBe(false);
  });
});

describe('Content-Security-Policy', () => {
  const directives = new Map(
    CSP.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name ?? '', values];
    }),
  );

  it('is exactly the documented policy', () => {
    expect(CSP).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " + "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
  });

  it('allows no inline code, eval, wildcard or remote source', () => {
    expect(CSP).not.toMatch(/unsafe-|\*|https?:|blob:|ws:|filesystem:/);
    for (const [name, values] of directives) {
      if (name === 'img-src') expect(values).toEqual(["'self'", 'data:']);
      else expect(values.length).toBe(1);
    }
  });

  it('restricts every fetch kind through self or none', () => {
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('style-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    for (const name of ['object-src', 'base-uri', 'form-action', 'frame-ancestors']) {
      expect(directives.get(name)).toEqual(["'none'"]);
    }
  });
});

describe('app:// scheme privileges', () => {
  it('is standard and secure, and nothing more', () => {
    expect(appScheme.scheme).toBe('app');
    expect(appScheme.privileges).toEqual({ standard: true, secure: true });
  });
});

describe('isAppUrl (navigation guard)', () => {
  it('accepts the app page and in-page fragments', () => {
    expect(APP_INDEX_URL).toBe('app://registre/index.html');
    for (const good of [APP_INDEX_URL, `${APP_INDEX_URL}#`, `${APP_INDEX_URL}#/contacts`, `${APP_INDEX_URL}#/settings?tab=staff`]) {
      expect(isAppUrl(good), good).toBe(true);
    }
  });

  const bad = [
    // remote pages
    'http://registre/index.html',
    'https://registre/index.html',
    'https://example.org/',
    'https://app.registre.eu/index.html',
    'http://127.0.0.1:8080/index.html',
    'ws://registre/index.html',
    // the page, but somewhere else or in another form
    'app://registre/',
    'app://registre',
    'app://registre/index.htm',
    'app://registre/index.html/',
    'app://registre/index.html?x=1',
    'app://registre/index.html?#',
    'app://registre/other.html',
    'app://registre/app.js',
    'app://registre:443/index.html',
    'app://registre./index.html',
    'app://registre.evil/index.html',
    'app://evil/index.html',
    'app:///index.html',
    'app:registre/index.html',
    'app:/registre/index.html',
    'app://registre//index.html',
    // traversal and encodings
    'app://registre/x/../index.html',
    'app://registre/./index.html',
    'app://registre/%2e%2e/index.html',
    'app://registre/index%2Ehtml',
    'app://registre/index.html%00',
    'app://registre/index.html%23',
    'app://registre\\index.html',
    // credentials
    'app://user@registre/index.html',
    'app://user:pass@registre/index.html',
    'app://registre@evil/index.html',
    'app://registre/index.html@evil',
    // mixed case
    'APP://registre/index.html',
    'App://Registre/index.html',
    'app://REGISTRE/index.html',
    'app://registre/INDEX.HTML',
    // unicode lookalikes (Cyrillic е, fullwidth letters, dotless i, zero-width space)
    'app://registrе/index.html',
    'app://ｒｅｇｉｓｔｒｅ/index.html',
    'app://regıstre/index.html',
    'app://registre/index.html\u200b',
    'app://re\u200bgistre/index.html',
    // whitespace and control characters around a good URL
    ` ${APP_INDEX_URL}`,
    `${APP_INDEX_URL} `,
    `\t${APP_INDEX_URL}`,
    `${APP_INDEX_URL}\n`,
    `\u0000${APP_INDEX_URL}`,
    // file:// anywhere, including the renderer folder itself and traversal
    'file:///index.html',
    'file:///app/dist/renderer/index.html',
    'file:///app/dist/renderer/../../../etc/passwd',
    'file:///C:/Users/anna/Documents/Registre/registre.db',
    'file://server/share/index.html',
    'FILE:///etc/passwd',
    // script and inline-content schemes
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'javascript://registre/index.html%0aalert(1)',
    'data:text/html,<script>alert(1)</script>',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'blob:app://registre/0b1c2d3e-0000-4000-8000-000000000000',
    'blob:null/1234',
    'vbscript:msgbox(1)',
    // browser-internal pages
    'about:blank',
    'about:srcdoc',
    'chrome://settings',
    'chrome://gpu',
    'chrome-extension://abc/index.html',
    'devtools://devtools/bundled/inspector.html',
    'view-source:app://registre/index.html',
    // other schemes the OS might hand to programs
    'mailto:anna@example.org',
    'smb://server/share',
    'ms-msdt:/id PCWDiagnostic',
    // empty and malformed
    '',
    ' ',
    '#',
    '/index.html',
    'index.html',
    '//registre/index.html',
    'app:',
    'app://',
    '::::',
    'http://[::1',
    '%',
  ];

  it.each(bad)('refuses %j', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });

  it('refuses values that are not strings', () => {
    for (const v of [undefined, null, 0, {}, [], new URL(APP_INDEX_URL)]) expect(isAppUrl(v)).toBe(false);
  });
});

describe('isTrustedSender', () => {
  it('trusts only the app page', () => {
    expect(isTrustedSender(APP_INDEX_URL)).toBe(true);
    expect(isTrustedSender(`${APP_INDEX_URL}#/audit`)).toBe(true);
    for (const url of [null, undefined, '', 'about:blank', 'https://example.org/', 'file:///app/dist/renderer/index.html', 'app://registre/other.html']) {
      expect(isTrustedSender(url), String(url)).toBe(false);
    }
  });
});

describe('externalUrl (links handed to the OS browser)', () => {
  it('passes https links, normalised', () => {
    expect(externalUrl('https://www.autoriteprotectiondonnees.be/citoyen')).toBe('https://www.autoriteprotectiondonnees.be/citoyen');
    expect(externalUrl('HTTPS://Example.ORG/a b')).toBe('https://example.org/a%20b');
    // A lookalike host reaches the browser in punycode, where it shows as such.
    expect(externalUrl('https://аpple.com/')).toBe('https://xn--pple-43d.com/');
  });

  it.each([
    'http://example.org/',
    'https://user:pass@example.org/',
    'https://user@example.org/',
    'file:///etc/passwd',
    'smb://server/share',
    'mailto:anna@example.org',
    'javascript:alert(1)',
    'data:text/html,x',
    'ms-msdt:/id PCWDiagnostic',
    'app://registre/index.html',
    'chrome://settings',
    'https://',
    '',
    'not a url',
  ])('drops %j', (url) => {
    expect(externalUrl(url)).toBeNull();
  });
});
