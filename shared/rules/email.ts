/**
 * E-mail addresses: a pragmatic check, not RFC 5322. Quoted local parts, comments and
 * IP-literal domains are refused (no contact of a secretariat has one, and accepting
 * them lets pasted junk through); internationalised addresses (RFC 6531, IDN domains)
 * are accepted.
 */

export type EmailProblem = 'empty' | 'spaces' | 'at_sign' | 'local_part' | 'domain' | 'too_long';
export type EmailResult = { ok: true; email: string } | { ok: false; reason: EmailProblem };

/** Zero-width characters come along when addresses are copied from web pages and PDFs. */
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;

/**
 * Trimmed, NFC, without a "mailto:" prefix, domain lower-cased. The local part keeps its
 * case because it is the person's own spelling (and strictly it is case-sensitive);
 * comparisons use `emailKey`.
 */
export function normaliseEmail(input: string): string {
  const text = input
    .replace(INVISIBLE, '')
    .trim()
    .replace(/^mailto:/i, '')
    .normalize('NFC');
  const at = text.lastIndexOf('@');
  if (at < 0) return text;
  return text.slice(0, at) + '@' + text.slice(at + 1).toLowerCase();
}

const utf8 = new TextEncoder();
const NON_ASCII = /[^\p{ASCII}]/u;
/** Most addresses are ASCII, where octets are characters; encoding each one was a hot spot of imports. */
const octets = (s: string): number => (NON_ASCII.test(s) ? utf8.encode(s).length : s.length);

/** Characters that only make sense in quoted local parts, or come from pasted lists. */
const LOCAL_FORBIDDEN = /[\p{Cc}"(),:;<>[\]\\]/u;
const DOMAIN_LABEL = /^[\p{L}\p{N}\p{M}](?:[\p{L}\p{N}\p{M}-]*[\p{L}\p{N}\p{M}])?$/u;

function localPartOk(local: string): boolean {
  return (
    local.length > 0 &&
    octets(local) <= 64 && // RFC 5321 §4.5.3.1.1
    !LOCAL_FORBIDDEN.test(local) &&
    !local.startsWith('.') &&
    !local.endsWith('.') &&
    !local.includes('..')
  );
}

function domainOk(domain: string): boolean {
  if (octets(domain) > 253) return false;
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  const tld = labels[labels.length - 1] ?? '';
  // An all-digit last label means an IP address or a typo, never a real TLD.
  if (/^\d+$/.test(tld)) return false;
  return labels.every((label) => label.length <= 63 && DOMAIN_LABEL.test(label));
}

export function validateEmail(input: string): EmailResult {
  const email = normaliseEmail(input);
  if (email === '') return { ok: false, reason: 'empty' };
  if (/\s/u.test(email)) return { ok: false, reason: 'spaces' };
  const parts = email.split('@');
  if (parts.length !== 2) return { ok: false, reason: 'at_sign' };
  const [local = '', domain = ''] = parts;
  if (!localPartOk(local)) return { ok: false, reason: 'local_part' };
  if (!domainOk(domain)) return { ok: false, reason: 'domain' };
  if (octets(email) > 254) return { ok: false, reason: 'too_long' }; // RFC 5321 path limit less "<>"
  return { ok: true, email };
}

/**
 * Duplicate-detection key: the whole normalised address lower-cased. Mail providers
 * treat local parts case-insensitively in practice, so "Jean.Dupont@x.be" and
 * "jean.dupont@X.BE" are one person.
 */
export function emailKey(input: string): string {
  return normaliseEmail(input).toLowerCase();
}

export function sameEmail(a: string, b: string): boolean {
  return emailKey(a) === emailKey(b);
}
