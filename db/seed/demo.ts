/**
 * Synthetic but realistic register content for demos, the preview and benchmarks:
 * people with names from many EU languages (accents included, so search is exercised),
 * member agencies, projects, events and participations. Deterministic for a given seed.
 */
import { randomUUID } from 'node:crypto';
import { Faker, type LocaleDefinition, base, cs_CZ, de, el, en, es, fi, fr_BE, hu, it, nl_BE, pl, pt_PT, ro, sv } from '@faker-js/faker';
import type { AuditEntityType } from '../../shared/audit-vocabulary';
import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../schema';
import { reindexIfIncomplete } from '../contacts/search';

const COUNTRIES: Array<{ code: string; lang: string; locale: LocaleDefinition }> = [
  { code: 'BE', lang: 'fr', locale: fr_BE },
  { code: 'BE', lang: 'nl', locale: nl_BE },
  { code: 'DE', lang: 'de', locale: de },
  { code: 'IT', lang: 'it', locale: it },
  { code: 'ES', lang: 'es', locale: es },
  { code: 'PL', lang: 'pl', locale: pl },
  { code: 'PT', lang: 'pt', locale: pt_PT },
  { code: 'SE', lang: 'sv', locale: sv },
  { code: 'GR', lang: 'el', locale: el },
  { code: 'CZ', lang: 'cs', locale: cs_CZ },
  { code: 'RO', lang: 'ro', locale: ro },
  { code: 'HU', lang: 'hu', locale: hu },
  { code: 'FI', lang: 'fi', locale: fi },
  { code: 'IE', lang: 'en', locale: en },
];

const AGENCIES: Array<[string, string]> = [
  ['BE', 'Bruxelles Environnement'],
  ['BE', 'Departement Omgeving Vlaanderen'],
  ['DE', 'Umweltbundesamt'],
  ['IT', 'ISPRA – Istituto Superiore per la Protezione e la Ricerca Ambientale'],
  ['ES', 'Ministerio para la Transición Ecológica'],
  ['PL', 'Główny Inspektorat Ochrony Środowiska'],
  ['PT', 'Inspeção-Geral da Agricultura, do Mar, do Ambiente e do Ordenamento do Território'],
  ['SE', 'Naturvårdsverket'],
  ['GR', 'Hellenic Environmental Inspectorate'],
  ['CZ', 'Česká inspekce životního prostředí'],
  ['RO', 'Garda Națională de Mediu'],
  ['HU', 'Országos Környezetvédelmi Hatóság'],
  ['FI', 'Suomen ympäristökeskus'],
  ['IE', 'Environmental Protection Agency Ireland'],
];
const NETWORKS: Array<[string, string]> = [
  ['NL', 'ENPE – European Network of Prosecutors for the Environment'],
  ['NL', 'EnviCrimeNet'],
];
const EVENT_KINDS = ['General Assembly', 'Annual Conference', 'Expert Workshop', 'Site Visit', 'Training Day', 'Peer Review'];
const JOB_TITLES = ['Inspector', 'Senior Inspector', 'Policy Officer', 'Head of Unit', 'Legal Advisor', 'Project Manager', 'Director', 'Communications Officer', 'Prosecutor', 'Technical Expert'];
const GENDERS = ['female', 'male', 'non_binary', 'other', 'prefer_not_to_say', null] as const;

export interface DemoCounts {
  contacts: number;
  organisations: number;
  projects: number;
  events: number;
  participations: number;
}

function chunks<T>(rows: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** Inserts the demo rows in one transaction; `audit` is called once per table filled. */
export async function insertDemoData(db: Kysely<Database>, opts: { contacts: number; seed?: number; now: Date }, audit: (entityType: AuditEntityType) => Promise<void>): Promise<DemoCounts> {
  const fakers = COUNTRIES.map((c) => ({ ...c, faker: new Faker({ locale: [c.locale, en, base], seed: opts.seed ?? 2026 }) }));
  const pick = new Faker({ locale: [en, base], seed: (opts.seed ?? 2026) + 1 });
  const stamp = opts.now.toISOString();

  const organisations: Array<Insertable<Database['organisations']>> = [...AGENCIES.map((a) => [...a, 'governmental_agency'] as const), ...NETWORKS.map((n) => [...n, 'partner_network'] as const)].map(
    ([country, name, type]) => ({ id: randomUUID(), name, country, type, legal_name: name, created_at: stamp, updated_at: stamp }),
  );
  const projects: Array<Insertable<Database['projects']>> = ['Waste Shipment Enforcement', 'Industrial Emissions Peer Review', 'Nature Protection Inspections', 'Water and Land Compliance'].map(
    (name, i) => ({ id: randomUUID(), name, type: 'project', start_date: `${2019 + i}-01-01`, end_date: `${2022 + i}-12-31`, created_at: stamp }),
  );
  const events: Array<Insertable<Database['events']>> = [];
  for (let year = 2018; year <= opts.now.getUTCFullYear(); year++) {
    for (const kind of EVENT_KINDS) {
      const start = pick.date
        .between({ from: `${year}-01-15`, to: `${year}-11-30` })
        .toISOString()
        .slice(0, 10);
      const city = pick.helpers.arrayElement(['Brussels', 'Vienna', 'Lisbon', 'Kraków', 'Uppsala', 'Bologna', 'Ghent', 'Athens']);
      events.push({
        id: randomUUID(),
        project_id: pick.helpers.arrayElement([null, ...projects.map((p) => p.id)]),
        name: `${kind} ${year} – ${city}`,
        type: kind === 'Site Visit' ? 'site_visit' : 'meeting',
        start_date: start,
        end_date: start,
        location: city,
        organiser: 'Secretariat',
        created_at: stamp,
      });
    }
  }

  const contacts: Array<Insertable<Database['contacts']>> = [];
  const emails: Array<Insertable<Database['contact_emails']>> = [];
  const participations: Array<Insertable<Database['participations']>> = [];
  for (let i = 0; i < opts.contacts; i++) {
    const origin = fakers[i % fakers.length]!;
    const f = origin.faker;
    const first = f.person.firstName();
    const last = f.person.lastName();
    const org = pick.helpers.arrayElement(organisations);
    const id = randomUUID();
    contacts.push({
      id,
      full_name: `${first} ${last}`,
      job_title: pick.helpers.arrayElement(JOB_TITLES),
      gender: pick.helpers.arrayElement(GENDERS),
      organisation_id: org.id,
      country: origin.code,
      language: origin.lang,
      created_at: stamp,
      updated_at: stamp,
    });
    const local =
      `${first}.${last}`
        .normalize('NFD')
        .replace(/[^A-Za-z.]/g, '')
        .toLowerCase() || 'contact';
    emails.push({ id: randomUUID(), contact_id: id, email: `${local}.${i}@example.${origin.code.toLowerCase()}`, is_primary: 1 });
    for (let k = pick.number.int({ min: 0, max: 3 }); k > 0; k--) {
      const ev = pick.helpers.arrayElement(events);
      participations.push({
        id: randomUUID(),
        contact_id: id,
        event_id: ev.id,
        role: pick.helpers.weightedArrayElement([
          { weight: 8, value: 'participant' as const },
          { weight: 1, value: 'speaker' as const },
          { weight: 1, value: 'organiser' as const },
        ]),
        travel_booked: pick.datatype.boolean() ? 1 : 0,
        participated_on: ev.start_date,
        created_at: stamp,
      });
    }
  }

  // 999 bound parameters is the lowest SQLite limit still in the wild; stay under it.
  const insert = async <T extends keyof Database & AuditEntityType>(table: T, rows: Array<Insertable<Database[T]>>) => {
    if (rows.length === 0) return;
    const per = Math.max(1, Math.floor(900 / Object.keys(rows[0]!).length));
    for (const part of chunks(rows, per)) await db.insertInto(table).values(part).execute();
    await audit(table);
  };
  await insert('organisations', organisations);
  await insert('projects', projects);
  await insert('events', events);
  await insert('contacts', contacts);
  await insert('contact_emails', emails);
  await insert('participations', participations);
  await reindexIfIncomplete(db);
  return {
    contacts: contacts.length,
    organisations: organisations.length,
    projects: projects.length,
    events: events.length,
    participations: participations.length,
  };
}
