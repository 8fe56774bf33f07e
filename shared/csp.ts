/**
 * The Content-Security-Policy of every page Registre serves (desktop window and browser
 * preview): only the app's own files run; no inline code, no eval, no plugins, no framing.
 * renderer/index.html repeats it in a <meta> tag for the first paint.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
