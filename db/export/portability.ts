/**
 * The one place that says which purpose each kind of record is processed for, for
 * portability (Art. 20(1)(a): only data processed on consent or a contract). The purpose's
 * current lawful basis is read from the purposes table. `null`: kept under a legal
 * obligation, never portable. Contact details and the organisation link are the person's
 * own details behind every purpose and always go in; consent-ledger events carry their own
 * lawful basis (the one recorded with the decision).
 */
export const PORTABILITY_PURPOSES = {
  eventParticipations: 'event_logistics',
  projectParticipations: 'collaboration',
  bank: 'payments',
  identity: 'event_logistics',
  photo: 'basecamp',
  /** Signed attendance sheets: accounting obligation. */
  signature: null,
  photoPreferences: 'photos',
} as const satisfies Record<string, string | null>;

export type PortabilityRecord = keyof typeof PORTABILITY_PURPOSES;
