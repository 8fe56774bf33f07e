/**
 * The vocabulary of a contacts import, shared by the contract (zod), the core
 * (db/import/) and the mapping screen.
 */
export const importTargets = ['fullName', 'firstName', 'lastName', 'email', 'phone', 'jobTitle', 'organisationName', 'country', 'language', 'notes'] as const;
export type ImportTarget = (typeof importTargets)[number];
export const importEncodings = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
export const importDelimiters = [',', ';', '\t'] as const;
/** The largest file accepted (a 100k-contact Mailchimp export is about 9 MB). */
export const MAX_IMPORT_BYTES = 60 * 1024 * 1024;
