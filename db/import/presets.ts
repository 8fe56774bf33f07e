/**
 * CSV import, step 3: which column feeds which contact field. A mapping is
 * `{ [column header]: target | 'ignore' }`. `guessMapping` recognises the three sources
 * the secretariat exports from (Mailchimp audiences, Google Forms, Azavista registrations)
 * and otherwise maps by header synonyms in English and French.
 *
 * Header names: Mailchimp's audience export columns ("Email Address", "First Name",
 * "Last Name", "Address", "Phone Number", "MEMBER_RATING", "OPTIN_TIME", … "TAGS") and
 * Google Forms' "Timestamp"/"Horodateur" + "Email Address"/"Adresse e-mail" are as those
 * tools write them. Azavista's export columns are configurable per event (its fields
 * manager); the names below are plausible defaults, not checked against a real export.
 */
import { foldForSearch } from '../../shared/rules/names';

import { importTargets, type ImportTarget } from '../../shared/import-format';

export { importTargets, type ImportTarget };
export type ColumnMapping = Record<string, ImportTarget | 'ignore'>;
export type PresetId = 'mailchimp' | 'google_forms' | 'azavista';

/** "E-mail address", "Adresse e-mail", "EMAIL_ADDRESS" → "e mail address", … */
export function headerKey(header: string): string {
  return foldForSearch(header)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const SYNONYMS: Record<ImportTarget, string[]> = {
  email: [
    'email',
    'e mail',
    'email address',
    'e mail address',
    'adresse e mail',
    'adresse email',
    'adresse mail',
    'courriel',
    'adresse electronique',
    'mail',
    'work email',
    'email professionnel',
    'e mail professionnel',
  ],
  firstName: ['first name', 'firstname', 'given name', 'forename', 'prenom', 'votre prenom'],
  lastName: ['last name', 'lastname', 'surname', 'family name', 'nom', 'nom de famille', 'votre nom'],
  fullName: ['name', 'full name', 'fullname', 'your name', 'nom complet', 'nom et prenom', 'prenom et nom', 'nom prenom', 'prenom nom', 'votre nom complet', 'participant'],
  phone: [
    'phone',
    'phone number',
    'telephone',
    'telephone number',
    'mobile',
    'mobile phone',
    'mobile number',
    'cell phone',
    'gsm',
    'portable',
    'tel',
    'numero de telephone',
    'telephone portable',
    'work phone',
  ],
  jobTitle: ['job title', 'jobtitle', 'position', 'function', 'job function', 'fonction', 'poste', 'intitule du poste', 'titre du poste', 'votre fonction'],
  organisationName: [
    'organisation',
    'organization',
    'company',
    'company name',
    'organisation name',
    'organization name',
    'organisme',
    'entreprise',
    'societe',
    'institution',
    'agency',
    'employer',
    'votre organisation',
    'nom de l organisation',
    'structure',
  ],
  country: ['country', 'country region', 'pays', 'country of residence', 'pays de residence'],
  language: ['language', 'preferred language', 'langue', 'langue preferee', 'language preference'],
  notes: ['notes', 'note', 'comments', 'comment', 'commentaires', 'commentaire', 'remarks', 'remarques'],
  // Mailchimp's own column names, in every export that has them (audience, unsubscribed, cleaned).
  consentGranted: ['optin time', 'confirm time'],
  consentWithdrawn: ['unsub time', 'clean time'],
  // Recognised by their wording (newsletterQuestion), or chosen on the mapping screen.
  consentAnswer: [],
  consentDate: [],
};

const NEWSLETTER_WORDS = /\b(newsletters?|lettres? d information|infolettres?|bulletins? d information|mailing list)\b/;
const CONSENT_WORDS = /\b(agree|consent|consents|accept|receive|subscribe|opt in|recevoir|accepte|acceptez|accepter|consens|consentement|souhaite|souhaitez|inscri\w*|abonn\w*)\b/;

/**
 * A column asking for consent to the newsletter ("Do you agree to receive the newsletter?",
 * "Acceptez-vous de recevoir la lettre d'information ?", Azavista's "Newsletter consent"
 * checkbox): its yes/no answers are the consent for the import's purpose.
 */
export function newsletterQuestion(key: string): boolean {
  return NEWSLETTER_WORDS.test(key) && (CONSENT_WORDS.test(key) || key === 'newsletter' || key.split(' ').length <= 3);
}

const BY_SYNONYM = new Map<string, ImportTarget>();
for (const [target, words] of Object.entries(SYNONYMS) as [ImportTarget, string[]][]) for (const w of words) BY_SYNONYM.set(w, target);

interface Preset {
  id: PresetId;
  /** Header keys (see headerKey) that identify the source. */
  matches(keys: Set<string>): boolean;
  /** Header key → target; columns not listed fall back to synonyms, else 'ignore'. */
  columns: Record<string, ImportTarget | 'ignore'>;
  /** Only the preset's own columns are mapped; other columns are ignored. */
  closed: boolean;
}

const MAILCHIMP_MARKERS = ['member rating', 'optin time', 'optin ip', 'confirm time', 'last changed', 'leid', 'euid', 'gmtoff', 'dstoff', 'unsub time', 'clean time'];
const GOOGLE_FORMS_TIMESTAMPS = ['timestamp', 'horodateur', 'marca temporal', 'zeitstempel', 'tijdstempel', 'informazioni cronologiche'];
const AZAVISTA_MARKERS = ['registration status', 'registration date', 'participant status', 'attendee type', 'registration type', 'participant id', 'registration id'];

export const presets: readonly Preset[] = [
  {
    id: 'mailchimp',
    matches: (k) => k.has('email address') && MAILCHIMP_MARKERS.some((m) => k.has(m)),
    columns: {
      'email address': 'email',
      'first name': 'firstName',
      'last name': 'lastName',
      'phone number': 'phone',
      notes: 'notes',
      // The consent: opted in (and confirmed, for double opt-in) on these days; the
      // unsubscribed and cleaned exports add the day the person left.
      'optin time': 'consentGranted',
      'confirm time': 'consentGranted',
      'unsub time': 'consentWithdrawn',
      'clean time': 'consentWithdrawn',
      // The two-letter country Mailchimp keeps for each subscriber.
      cc: 'country',
      // Not contact fields in the register (REGION is derived by Mailchimp from the IP).
      address: 'ignore',
      birthday: 'ignore',
      tags: 'ignore',
      region: 'ignore',
    },
    closed: false,
  },
  {
    id: 'google_forms',
    matches: (k) => GOOGLE_FORMS_TIMESTAMPS.some((t) => k.has(t)),
    columns: {
      'email address': 'email',
      'adresse e mail': 'email',
      'adresse email': 'email',
      // The moment the form was sent: the date of its consent answer.
      ...Object.fromEntries(GOOGLE_FORMS_TIMESTAMPS.map((t) => [t, 'consentDate' as const])),
    },
    closed: false,
  },
  {
    id: 'azavista',
    matches: (k) => AZAVISTA_MARKERS.filter((m) => k.has(m)).length >= 1 && k.has('first name') && k.has('email'),
    columns: {
      'first name': 'firstName',
      'last name': 'lastName',
      email: 'email',
      company: 'organisationName',
      organisation: 'organisationName',
      organization: 'organisationName',
      'job title': 'jobTitle',
      'mobile phone': 'phone',
      phone: 'phone',
      country: 'country',
      language: 'language',
      'registration date': 'consentDate',
      // Sensitive (identity) data goes through the sensitive section with a reason, never a bulk import.
      'date of birth': 'ignore',
      nationality: 'ignore',
      'passport number': 'ignore',
      title: 'ignore',
      salutation: 'ignore',
    },
    closed: true,
  },
];

export interface GuessedMapping {
  preset: PresetId | null;
  mapping: ColumnMapping;
}

export function guessMapping(headers: readonly string[]): GuessedMapping {
  const keys = new Set(headers.map(headerKey));
  const preset = presets.find((p) => p.matches(keys)) ?? null;
  const mapping: ColumnMapping = {};
  for (const h of headers) {
    const key = headerKey(h);
    const fromPreset = preset?.columns[key];
    mapping[h] = fromPreset ?? (newsletterQuestion(key) ? 'consentAnswer' : preset?.closed ? 'ignore' : (BY_SYNONYM.get(key) ?? 'ignore'));
  }
  // An answer date without an answer column says nothing about consent.
  if (!Object.values(mapping).includes('consentAnswer')) for (const h of headers) if (mapping[h] === 'consentDate') mapping[h] = 'ignore';
  // A file with both "Nom" and "Prénom" (or "Name" and "First name") uses "Nom" for the family name.
  const targets = new Set(Object.values(mapping));
  if (targets.has('fullName') && targets.has('firstName') && !targets.has('lastName')) {
    const h = headers.find((x) => mapping[x] === 'fullName');
    if (h) mapping[h] = 'lastName';
  }
  return { preset: preset?.id ?? null, mapping };
}
