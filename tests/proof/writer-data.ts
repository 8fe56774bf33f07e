/** The writes the crash child makes, shared with the checks that look for them afterwards. */

/** Rows per imported file: enough for the commit to take a while, few enough for hundreds of kills. */
export const IMPORT_ROWS = 120;

/** Each imported file's e-mail domain names it, so a restart can count what of it is there. */
export const importDomain = (tag: string): string => `b-${tag}.proof.test`;

export function importCsv(tag: string): string {
  const lines = ['Full name,Email,Organisation,Job title'];
  for (let i = 0; i < IMPORT_ROWS; i++) lines.push(`Proof Person ${tag} ${i},p${i}@${importDomain(tag)},Proof Org ${tag.split('-')[0]},Inspector`);
  return `${lines.join('\n')}\n`;
}

export const consentEvidence = (tag: string): string => `Proof evidence ${tag}`;

/**
 * The person each erasure of the crash child adds and then erases: every field holding
 * the tag, so a restart can look for any of it. All of it starts with `Erasee`, which
 * nothing else in the vault holds, not even the erasure's reason.
 */
export function eraseeMarkers(tag: string) {
  return {
    name: `Erasee Name ${tag}.`,
    email: `erasee-${tag}@erasee.proof.test`,
    notes: `Erasee note ${tag}.`,
    evidence: `Erasee evidence ${tag}.`,
    passport: `Erasee passport ${tag}.`,
  };
}

/**
 * Which erasure the child makes of the person it adds under `tag` (`run-n`): every third
 * one erases their identity documents only, the next anonymises them, the next erases
 * them whole.
 */
export function eraseForm(tag: string): 'category' | 'anonymise' | 'erase' {
  return (['category', 'anonymise', 'erase'] as const)[Number(tag.split('-').at(-1)) % 3]!;
}

export const ERASE_REASON = 'Proof erasure on request';

/** The rights-request child's words: the requester's name and what they wrote, both looked for in plain bytes after a kill. */
export const requesterName = (tag: string): string => `Proof Requester ${tag}`;
export const REQUEST_TEXT = 'Proof request words';

/** What the request child attaches, writes in its letters, sets as a rectified job title and names its partners: looked for in plain bytes too. */
export const ATTACHMENT_TEXT = 'Proof attachment bytes';
export const LETTER_TEXT = 'Proof letter words';
export const RECTIFIED_TITLE = 'Proof rectified title';
export const PROOF_PARTNER = 'Proof Partner';

/** The days the request child closes and works: weekdays of 2001 (a Tuesday, and Labour Day on a Tuesday), far from every deadline it sets. */
export const CALENDAR_DAYS = { closure: '2001-03-06', holiday: '2001-05-01' } as const;

/** The request child corrects the French version 1's effective date to the day before this, then the day before that…: always earlier, so no consent citing it falls outside it. */
export const POLICY_DAY_ZERO = '2019-01-01';
