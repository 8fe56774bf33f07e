/** Plain text: which characters a stored text (a policy, a note) may not hold. */

/** C0 and C1 control characters and DEL, except tab, line feed and carriage return. */
const isControl = (code: number): boolean => (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || (code >= 0x7f && code <= 0x9f);

/** True when `text` holds a control character other than tab, CR or LF (bells, escapes, NUL…). */
export function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isControl(text.charCodeAt(i))) return true;
  return false;
}
