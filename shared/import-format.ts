/**
 * The vocabulary of a contacts import, shared by the contract (zod), the core
 * (db/import/) and the mapping screen.
 */
export const importTargets = [
  'fullName',
  'firstName',
  'lastName',
  'email',
  'phone',
  'jobTitle',
  'organisationName',
  'country',
  'language',
  'notes',
  // Consent for the import's purpose (newsletter unless another is chosen):
  /** A day the person gave consent (Mailchimp's OPTIN_TIME, CONFIRM_TIME): the latest filled one (the later column on the same day) is the grant's date. */
  'consentGranted',
  /** A day the person left (Mailchimp's UNSUB_TIME, CLEAN_TIME): a withdrawal, never a grant. */
  'consentWithdrawn',
  /** A yes/no answer or a ticked box ("Do you agree to receive the newsletter?"), dated by the consentDate column. */
  'consentAnswer',
  /** The day of the answer (Google Forms' Timestamp, Azavista's registration date). */
  'consentDate',
] as const;
export type ImportTarget = (typeof importTargets)[number];
export const consentTargets: readonly ImportTarget[] = ['consentGranted', 'consentWithdrawn', 'consentAnswer', 'consentDate'];
/** The purpose an import's consent columns are for, unless another is chosen. */
export const DEFAULT_IMPORT_PURPOSE = 'newsletter';
export const importEncodings = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
export const importDelimiters = [',', ';', '\t'] as const;
/** The largest file accepted (a 100k-contact Mailchimp export is about 9 MB). */
export const MAX_IMPORT_BYTES = 60 * 1024 * 1024;
