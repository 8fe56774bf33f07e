/**
 * Passphrases are compared after Unicode NFC normalisation, so the same words typed on a
 * keyboard that produces decomposed accents (macOS, some IMEs) still open the vault.
 */
export function normalisePassphrase(passphrase: string): string {
  return passphrase.normalize('NFC');
}

export const MIN_PASSPHRASE_LENGTH = 10;

/** Returns an error message key, or null when the passphrase is acceptable. */
export function passphraseProblem(passphrase: string): 'too_short' | 'blank' | null {
  const p = normalisePassphrase(passphrase);
  if (p.trim().length === 0) return 'blank';
  if ([...p].length < MIN_PASSPHRASE_LENGTH) return 'too_short';
  return null;
}
