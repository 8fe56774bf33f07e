/**
 * Strength estimate for new passphrases (zxcvbn-ts with its language-neutral dictionaries).
 * The core only enforces a minimum length; the UI also refuses what zxcvbn rates as
 * guessable within seconds (score 0 or 1), because the passphrase is what protects the
 * register on a stolen laptop.
 */
import { zxcvbn, zxcvbnOptions } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { MIN_PASSPHRASE_LENGTH, passphraseProblem } from '../shared/rules/passphrase';

export type Score = 0 | 1 | 2 | 3 | 4;
export const MIN_SCORE: Score = 2;

export interface Strength {
  score: Score;
  /** A zxcvbn translation key (e.g. "commonNames"), or null. */
  warning: string | null;
}

let configured = false;

function configure(): void {
  if (configured) return;
  // Built on first use: ranking the dictionaries takes a moment we need not spend at start-up.
  zxcvbnOptions.setOptions({ dictionary, graphs: adjacencyGraphs });
  configured = true;
}

export function estimateStrength(passphrase: string, userInputs: string[] = []): Strength {
  configure();
  const result = zxcvbn(passphrase, [...userInputs, 'registre']);
  return { score: result.score, warning: result.feedback.warning || null };
}

export type NewPassphraseProblem = 'blank' | 'tooShort' | 'tooWeak' | 'mismatch';

/** Why a new passphrase (with its confirmation) cannot be accepted, or null. */
export function newPassphraseProblem(passphrase: string, confirmation: string, userInputs: string[] = []): NewPassphraseProblem | null {
  const rule = passphraseProblem(passphrase);
  if (rule === 'blank') return 'blank';
  if (rule === 'too_short') return 'tooShort';
  if (estimateStrength(passphrase, userInputs).score < MIN_SCORE) return 'tooWeak';
  if (passphrase !== confirmation) return 'mismatch';
  return null;
}

export { MIN_PASSPHRASE_LENGTH };
