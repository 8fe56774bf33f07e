/**
 * 0005 — consents, photo preferences, processors and partner sharing (issue 4).
 *
 * - The consent ledger becomes append-only in fact, not only by convention: triggers refuse
 *   UPDATE and DELETE. Two legitimate moves remain, each allowed only while the
 *   application holds a permit for that contact inside its own transaction: a merge of
 *   duplicates moves a person's events to the kept contact (contact_id only), and an
 *   erasure deletes them (DESIGN §5: erasure removes consent evidence).
 * - Purposes get French retention and description texts (the access reply is written in
 *   the person's language) and the processors each one uses.
 * - Processors say whether they are processors or third-party accounts (the policy lists
 *   both), and a note.
 * - Partner sharing records the joint activity it served (the MoUs allow sharing only for
 *   joint activities or network news).
 * - Photo publications per event, and the takedowns owed when someone opts out later.
 * - Policy versions get a short summary of what changed.
 * - The register is pre-filled from the privacy policy (shared/seed): purposes, processors
 *   and which purpose uses which. Frozen: these are the values of the policy as of this
 *   migration; later edits are the admins' to make in the app.
 */
import { sql, type Kysely } from 'kysely';

const statements = [
  `CREATE TABLE ledger_permits (
    contact_id TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (reason IN ('merge','erasure')),
    PRIMARY KEY (contact_id, reason)
  )`,
  // Any column but contact_id: never.
  `CREATE TRIGGER consent_events_no_update BEFORE UPDATE OF id, purpose_id, action, lawful_basis, channel, evidence,
      policy_version_id, occurred_at, recorded_by, recorded_at ON consent_events
    BEGIN SELECT RAISE(ABORT, 'consent events are append-only'); END`,
  `CREATE TRIGGER consent_events_no_move BEFORE UPDATE OF contact_id ON consent_events
    WHEN NOT EXISTS (SELECT 1 FROM ledger_permits WHERE contact_id = OLD.contact_id AND reason = 'merge')
    BEGIN SELECT RAISE(ABORT, 'consent events are append-only'); END`,
  // Also fires for rows removed by ON DELETE CASCADE from contacts.
  `CREATE TRIGGER consent_events_no_delete BEFORE DELETE ON consent_events
    WHEN NOT EXISTS (SELECT 1 FROM ledger_permits WHERE contact_id = OLD.contact_id AND reason = 'erasure')
    BEGIN SELECT RAISE(ABORT, 'consent events are append-only'); END`,
  // The mailing list and the review lists read one purpose's latest events for everyone.
  `CREATE INDEX consent_events_purpose ON consent_events(purpose_id, contact_id, occurred_at)`,

  `ALTER TABLE purposes ADD COLUMN retention_fr TEXT`,
  `ALTER TABLE purposes ADD COLUMN description_fr TEXT`,
  `ALTER TABLE purposes ADD COLUMN position INTEGER NOT NULL DEFAULT 100`,
  `CREATE TABLE purpose_processors (
    purpose_id TEXT NOT NULL REFERENCES purposes(id) ON DELETE CASCADE,
    processor_id TEXT NOT NULL REFERENCES processors(id) ON DELETE CASCADE,
    PRIMARY KEY (purpose_id, processor_id)
  )`,

  `ALTER TABLE processors ADD COLUMN kind TEXT NOT NULL DEFAULT 'processor' CHECK (kind IN ('processor','third_party_account'))`,
  `ALTER TABLE processors ADD COLUMN notes TEXT`,
  `CREATE INDEX contact_processors_processor ON contact_processors(processor_id)`,

  `ALTER TABLE partner_sharing ADD COLUMN joint_activity TEXT`,
  `CREATE INDEX partner_sharing_contact ON partner_sharing(contact_id, shared_on)`,

  `ALTER TABLE policy_versions ADD COLUMN summary TEXT`,

  `CREATE INDEX photo_optouts_event ON photo_optouts(event_id, contact_id)`,
  // Where an event's photos were published, so a later opt-out knows what to take down.
  `CREATE TABLE photo_publications (
    id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events(id),
    location TEXT NOT NULL,
    published_on TEXT NOT NULL,
    description TEXT,
    recorded_by TEXT REFERENCES staff(id),
    recorded_at TEXT NOT NULL
  )`,
  `CREATE INDEX photo_publications_event ON photo_publications(event_id)`,
  // A takedown done for one person and one publication (what is still owed is derived).
  `CREATE TABLE photo_takedowns (
    contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    publication_id TEXT NOT NULL REFERENCES photo_publications(id) ON DELETE CASCADE,
    done_on TEXT NOT NULL,
    note TEXT,
    done_by TEXT REFERENCES staff(id),
    PRIMARY KEY (contact_id, publication_id)
  )`,
];

type Basis = 'consent' | 'legitimate_interest' | 'contract' | 'legal_obligation';
interface SeedPurpose {
  code: string;
  position: number;
  basis: Basis;
  en: string;
  fr: string;
  retentionEn: string;
  retentionFr: string;
  descriptionEn: string;
  descriptionFr: string;
  processors: string[];
}

/** The purposes section of the policy (§2 and §3), in the policy's own order. */
const purposes: SeedPurpose[] = [
  {
    code: 'newsletter',
    position: 10,
    basis: 'consent',
    en: 'Newsletter',
    fr: "Lettre d'information",
    retentionEn: 'Until consent is withdrawn',
    retentionFr: "Jusqu'au retrait du consentement",
    descriptionEn: 'Sending the weekly newsletter and news of our work and activities. Unsubscribe link in every e-mail.',
    descriptionFr: "Envoi de la lettre d'information hebdomadaire et des nouvelles de nos travaux et activités. Lien de désinscription dans chaque courriel.",
    processors: ['Mailchimp'],
  },
  {
    code: 'collaboration',
    position: 20,
    basis: 'legitimate_interest',
    en: 'Collaboration and exchange between members',
    fr: 'Collaboration et échange entre les membres',
    retentionEn: 'During participation in projects and up to 7 years after the last participation',
    retentionFr: "Pendant la participation aux projets et jusqu'à 7 ans après la dernière participation",
    descriptionEn: 'Sharing basic contact details with members and partner organisations to take part in a project, attend an event or fill in a questionnaire.',
    descriptionFr: "Partage des coordonnées de base avec les membres et les organisations partenaires pour prendre part à un projet, assister à un événement ou remplir un questionnaire.",
    processors: ['OneDrive', 'Google Drive', 'SurveyMonkey', 'Google Forms'],
  },
  {
    code: 'event_logistics',
    position: 30,
    basis: 'consent',
    en: 'Event logistics (flights and hotels)',
    fr: 'Logistique des événements (vols et hôtels)',
    retentionEn: 'Identity and travel data shortly after the trip; participation up to 7 years',
    retentionFr: "Données d'identité et de voyage peu après le voyage ; participation jusqu'à 7 ans",
    descriptionEn:
      'Meeting and event logistics, including flight and hotel bookings. Registering for a meeting is consent to personal data being given to third parties and to countries outside the EEA for event security, travel and accommodation.',
    descriptionFr:
      "Logistique des réunions et événements, y compris les réservations de vols et d'hôtels. L'inscription à une réunion vaut consentement à la transmission de données à des tiers et à des pays hors de l'EEE pour la sécurité de l'événement, le voyage et l'hébergement.",
    processors: ['TravelPerk', 'Azavista', 'Google Forms'],
  },
  {
    code: 'basecamp',
    position: 40,
    basis: 'legitimate_interest',
    en: 'Basecamp project space',
    fr: 'Espace de projet Basecamp',
    retentionEn: 'While the project lasts and up to 7 years after; messages stay visible to the team',
    retentionFr: "Pendant le projet et jusqu'à 7 ans après ; les messages restent visibles pour l'équipe",
    descriptionEn: 'Communication within a project space on Basecamp (profile photo optional).',
    descriptionFr: "Communication au sein d'un espace de projet sur Basecamp (photo de profil facultative).",
    processors: ['Basecamp'],
  },
  {
    code: 'payments',
    position: 50,
    basis: 'contract',
    en: 'Payments and reimbursements',
    fr: 'Paiements et remboursements',
    retentionEn: 'As long as the accounting obligation requires',
    retentionFr: "Aussi longtemps que l'obligation comptable l'exige",
    descriptionEn: 'Making payments and refunds (bank account number), billing member organisations, signed attendance lists.',
    descriptionFr: 'Effectuer des paiements et remboursements (numéro de compte bancaire), facturer les organisations membres, listes de présence signées.',
    processors: ['OneDrive'],
  },
  {
    code: 'photos',
    position: 60,
    basis: 'legitimate_interest',
    en: 'Event photos',
    fr: 'Photos des événements',
    retentionEn: 'As long as published; taken down on request',
    retentionFr: "Tant qu'elles sont publiées ; retirées sur demande",
    descriptionEn: 'Photos taken at events and projects, used on the website, in the newsletter or in reports. Anyone may opt out.',
    descriptionFr: "Photos prises lors des événements et projets, utilisées sur le site web, dans la lettre d'information ou dans des rapports. Chacun peut s'y opposer.",
    processors: [],
  },
  {
    code: 'partner_sharing',
    position: 70,
    basis: 'legitimate_interest',
    en: 'Sharing with partner networks (ENPE, EnviCrimeNet)',
    fr: 'Partage avec les réseaux partenaires (ENPE, EnviCrimeNet)',
    retentionEn: 'For the joint activity',
    retentionFr: "Pour la durée de l'activité conjointe",
    descriptionEn: 'Only contact details, shared under the MoUs for joint activities or to share news and developments of these networks.',
    descriptionFr: "Uniquement les coordonnées, partagées dans le cadre des protocoles d'accord pour des activités conjointes ou pour partager les nouvelles de ces réseaux.",
    processors: [],
  },
];

interface SeedProcessor {
  name: string;
  kind: 'processor' | 'third_party_account';
  role: string;
  country: string | null;
  /** As the policy states it; the app flags the Privacy Shield wherever it is still cited. */
  safeguard: string | null;
  categories: string[];
  url: string | null;
}

const US_AS_POLICY_STATES = 'EU–US Privacy Shield (as the policy states)';

/** §3 "Comptes de tiers" and "prestataires", §4 cloud storage, and the website's tools. */
const processors: SeedProcessor[] = [
  { name: 'Basecamp', kind: 'third_party_account', role: 'Project spaces: messages, files, profiles', country: 'US', safeguard: US_AS_POLICY_STATES, categories: ['contact details', 'profile photo', 'messages'], url: 'https://basecamp.com/about/policies/privacy' },
  { name: 'TravelPerk', kind: 'third_party_account', role: 'Travel booking (flights, hotels)', country: null, safeguard: null, categories: ['contact details', 'identity document', 'date of birth', 'travel'], url: null },
  { name: 'OneDrive', kind: 'processor', role: 'Cloud storage', country: 'US', safeguard: US_AS_POLICY_STATES, categories: ['contact details', 'documents'], url: 'https://privacy.microsoft.com/privacystatement' },
  { name: 'Google Drive', kind: 'processor', role: 'Cloud storage', country: 'US', safeguard: US_AS_POLICY_STATES, categories: ['contact details', 'documents'], url: 'https://policies.google.com/privacy' },
  { name: 'SurveyMonkey', kind: 'processor', role: 'Questionnaires (may collect IP addresses)', country: 'US', safeguard: US_AS_POLICY_STATES, categories: ['contact details', 'answers', 'IP address'], url: 'https://www.surveymonkey.com/mp/legal/privacy/' },
  { name: 'Mailchimp', kind: 'processor', role: 'Newsletter sending', country: 'US', safeguard: US_AS_POLICY_STATES, categories: ['name', 'e-mail address'], url: 'https://mailchimp.com/legal/privacy/' },
  { name: 'Azavista', kind: 'processor', role: 'Event registration', country: null, safeguard: null, categories: ['contact details', 'registration answers'], url: null },
  { name: 'Google Forms', kind: 'processor', role: 'Forms and registrations', country: 'US', safeguard: US_AS_POLICY_STATES, categories: ['contact details', 'answers'], url: 'https://policies.google.com/privacy' },
  { name: 'Tawk.to', kind: 'processor', role: 'Website live chat (chat history, IP address, country; deleted after the chat)', country: null, safeguard: null, categories: ['chat history', 'IP address', 'country'], url: 'https://www.tawk.to/privacy-policy/' },
  { name: 'Google Analytics', kind: 'processor', role: 'Website statistics (cookies, anonymous)', country: 'US', safeguard: US_AS_POLICY_STATES, categories: ['cookies', 'IP address'], url: 'https://policies.google.com/privacy' },
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
  const now = new Date().toISOString();
  for (const p of processors) {
    await sql`INSERT OR IGNORE INTO processors (id, name, role, country, transfer_safeguard, dpa_status, data_categories, policy_url, created_at, kind)
              VALUES (${`processor-${p.name.toLowerCase().replace(/[^a-z]+/g, '-')}`}, ${p.name}, ${p.role}, ${p.country}, ${p.safeguard}, 'unknown',
                      ${JSON.stringify(p.categories)}, ${p.url}, ${now}, ${p.kind})`.execute(db);
  }
  for (const p of purposes) {
    await sql`INSERT OR IGNORE INTO purposes (id, code, name_en, name_fr, lawful_basis, retention, description, created_at, retention_fr, description_fr, position)
              VALUES (${`purpose-${p.code}`}, ${p.code}, ${p.en}, ${p.fr}, ${p.basis}, ${p.retentionEn}, ${p.descriptionEn}, ${now},
                      ${p.retentionFr}, ${p.descriptionFr}, ${p.position})`.execute(db);
    for (const name of p.processors) {
      await sql`INSERT OR IGNORE INTO purpose_processors (purpose_id, processor_id)
                SELECT pu.id, pr.id FROM purposes pu, processors pr WHERE pu.code = ${p.code} AND pr.name = ${name}`.execute(db);
    }
  }
}
