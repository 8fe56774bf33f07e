/**
 * Attack corpora shared by the proof's bridge row and the preview's own tests
 * (tests/preview/): one list each, so a case added here is checked in both.
 */

/** Paths (and queries) whose %-encoding does not decode; TOKEN is replaced by the real one. */
export const UNDECODABLE_URLS: readonly string[] = [
  '/%',
  '/%zz',
  '/..%c0%af',
  '/%c0%af',
  '/%ff',
  '/%e0%a4%a',
  '/%ed%a0%80',
  '/a%',
  '/index.html%',
  '/%%32%65',
  '/%/index.html',
  '/?token=%',
  '/?token=TOKEN%zz',
  '/%?token=TOKEN',
  '/api/%',
  '/api/%zz.status',
  '/api/vault.status%',
  '/api/vault.status%zz',
  '/api/vault.status?%',
  '/api/vault.status/%c0%af',
];

/**
 * Paths that try to reach SECRET (a file beside the served folder) or the system's files:
 * climbing, encoded once and twice, overlong UTF-8, backslashes, NULs, absolute paths, a
 * link inside the folder that points out of it (LINK).
 */
export const TRAVERSAL_PATHS: readonly string[] = [
  '/../SECRET',
  '/../../../../etc/passwd',
  '/%2e%2e/SECRET',
  '/%2E%2E/%2E%2E/etc/passwd',
  '/..%2fSECRET',
  '/..%2FSECRET',
  '/%252e%252e/SECRET',
  '/%c0%ae%c0%ae/SECRET',
  '/%e0%80%ae%e0%80%ae/SECRET',
  '/..\\SECRET',
  '/..%5cSECRET',
  '/....//SECRET',
  '/.%2e/SECRET',
  '/./../SECRET',
  '//etc/passwd',
  '/etc/passwd',
  '/index.html/../../SECRET',
  '/index.html%00.js',
  '/SECRET%00',
  '/%00/../SECRET',
  '/assets/../../SECRET',
  '/LINK',
  '/C:/Windows/win.ini',
  '/.git/config',
  '/.env',
  '/index.html::$DATA',
  `/${'a/'.repeat(600)}SECRET`,
  '/api/../../SECRET',
];

/** Host headers a DNS-rebinding page or a confused proxy sends; PORT is the preview's port. */
export const FOREIGN_HOSTS: readonly (string | null)[] = [
  null,
  '',
  'evil.example',
  'evil.example:PORT',
  '127.0.0.1',
  '127.0.0.1:1',
  'localhost',
  'LOCALHOST:PORT',
  'localhost.:PORT',
  '127.0.0.1.:PORT',
  'localhost.evil.example:PORT',
  '127.0.0.1.nip.io:PORT',
  '[::1]:PORT',
  '0.0.0.0:PORT',
  '127.1:PORT',
  '2130706433:PORT',
  '0x7f000001:PORT',
  'evil@127.0.0.1:PORT',
  '127.0.0.1:PORT@evil.example',
  '127.0.0.1:PORT, evil.example',
  '127.0.0.1:PORT\tx',
];

/** Origins no page of the app has; NULL stands for the `null` origin of a file or sandboxed frame. */
export const FOREIGN_ORIGINS: readonly string[] = [
  'http://evil.example',
  'https://evil.example',
  'null',
  'http://127.0.0.1',
  'http://127.0.0.1:1',
  'http://localhost.evil.example:PORT',
  'file://',
  'chrome-extension://abcdefghijklmnop',
  'http://127.0.0.1:PORT.evil.example',
];
