/**
 * The register's order and the search index stay exact through every kind of write
 * (issue 3): each page `contacts.search` returns is compared with a reference computed
 * here from the contacts table alone — folded name then id, in code-point order; a query
 * matches when each typed word starts a word of the folded name, e-mails, organisation or
 * job title — for many queries, filters and offsets.
 */
import { describe, expect, it } from 'vitest';
import type { RegistreCore } from '../../db/core';
import { SEARCH_COUNT_CAP } from '../../db/contacts/contacts';
import { insertDemoData } from '../../db/seed/demo';
import { commitImport } from '../../db/import';
import { foldForSearch } from '../../shared/rules/names';
import type { ParsedInput } from '../../shared/api/index';
import { call, createdVault } from '../helpers';

interface RefContact {
  id: string;
  key: string;
  words: string[];
  organisationId: string | null;
  country: string | null;
  archived: boolean;
  events: Set<string>;
}

const words = (text: string) =>
  foldForSearch(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
const byCodePoint = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

async function reference(core: RegistreCore): Promise<RefContact[]> {
  const db = core.context().db;
  const rows = await db
    .selectFrom('contacts as c')
    .leftJoin('organisations as o', 'o.id', 'c.organisation_id')
    .select(['c.id', 'c.full_name', 'c.job_title', 'c.organisation_id', 'c.country', 'c.archived_at', 'o.name as org'])
    .execute();
  const emails = await db.selectFrom('contact_emails').select(['contact_id', 'email']).execute();
  const participations = await db.selectFrom('participations').select(['contact_id', 'event_id']).execute();
  return rows
    .map((r) => ({
      id: r.id,
      key: foldForSearch(r.full_name),
      words: words([r.full_name, ...emails.filter((e) => e.contact_id === r.id).map((e) => e.email), r.org ?? '', r.job_title ?? ''].join(' ')),
      organisationId: r.organisation_id,
      country: r.country,
      archived: r.archived_at !== null,
      events: new Set(participations.filter((p) => p.contact_id === r.id && p.event_id).map((p) => p.event_id!)),
    }))
    .sort((a, b) => byCodePoint(a.key, b.key) || byCodePoint(a.id, b.id));
}

type Filters = Omit<ParsedInput<'contacts.search'>, 'limit' | 'offset' | 'query'>;

function expected(all: RefContact[], query: string, f: Filters): RefContact[] {
  const typed = words(query);
  return all.filter(
    (c) =>
      typed.every((t) => c.words.some((w) => w.startsWith(t))) &&
      (!f.organisationId || c.organisationId === f.organisationId) &&
      (!f.country || c.country === f.country) &&
      (!f.eventId || c.events.has(f.eventId)) &&
      (f.archived === 'include' || c.archived === (f.archived === 'only')),
  );
}

/** Every query × filter × offset against the reference; returns how many pages were compared. */
async function compareAll(core: RegistreCore, queries: string[], filters: Filters[]): Promise<number> {
  const all = await reference(core);
  let pages = 0;
  for (const query of queries) {
    for (const f of filters) {
      const want = expected(all, query, f);
      const offsets = [0, 1, 37, Math.floor(want.length / 2), Math.max(0, want.length - 20), want.length + 5];
      for (const offset of offsets) {
        const limit = 41;
        const got = await call(core, 'contacts.search', { ...(query ? { query } : {}), ...f, limit, offset });
        const label = JSON.stringify({ query, ...f, offset });
        expect(
          got.items.map((i) => i.id),
          label,
        ).toEqual(want.slice(offset, offset + limit).map((c) => c.id));
        if (query) {
          expect(got.total, label).toBe(Math.min(want.length, SEARCH_COUNT_CAP));
          expect(got.totalIsFloor ?? false, label).toBe(want.length > SEARCH_COUNT_CAP);
        } else {
          expect(got.total, label).toBe(want.length);
        }
        pages++;
        if (offset === 0 || offset > want.length) continue;
        // The same page read on from the row before it; the offset is then not counted.
        const after = await call(core, 'contacts.search', { ...(query ? { query } : {}), ...f, limit, offset: 9999, after: want[offset - 1]!.id });
        expect(
          after.items.map((i) => i.id),
          `${label} after`,
        ).toEqual(want.slice(offset, offset + limit).map((c) => c.id));
        pages++;
      }
    }
  }
  return pages;
}

/** Names sharing long folded prefixes, accents, case and exact ties (same folded name). */
const TRICKY = [
  'Marie-Claire Dupont',
  'Marie-Claire Dupond',
  'Marie Claire Dupont',
  'MARIE-CLAIRE DUPONT',
  'Marie-Clàire Dupont',
  'marie-claire dupont',
  'Éric Martin',
  'Eric Martin',
  'eric martin',
  'Erič Martin',
  'Ericka Martin',
  'Eric Martins',
  'Αλέξανδρος Παπαδόπουλος',
  'Αλεξανδρος Παπαδοπουλος',
  'Alexandros Papadopoulos',
  'Łukasz Łęcki',
  'Lukasz Lecki',
  'Søren Østergaard',
  'Soren Ostergaard',
  'Zoë Zwart',
  'Zoe Zwart',
  "O'Brien Aoife",
  'O’Brien Aoife',
  'Obrien Aoife',
  'Ana Peña',
  'Ana Pena',
  'Anna-Lena Schmidt',
  'Annalena Schmidt',
];

const QUERIES = [
  '',
  'marie',
  'marie-claire dup',
  'eric',
  'martin',
  'eric mar',
  'αλεξ',
  'lukasz',
  'soren oster',
  'zoe',
  "o'brien",
  'pena',
  'anna',
  'ma',
  'jo',
  'a',
  'example',
  'inspector',
  'zzz',
  'person 0',
];

describe('contact order and search index', () => {
  it('pages match a reference ordering for many queries, filters and offsets, through every kind of write', async () => {
    const { core } = await createdVault();
    const ctx = core.context();
    await ctx.tx((trx, audit) => insertDemoData(trx, { contacts: 1500, seed: 7, now: ctx.now }, (t) => audit({ action: 'demo.generated', entityType: t })));
    const db = core.context().db;
    const orgs = await db.selectFrom('organisations').select(['id', 'name']).orderBy('name').execute();
    const event = await db
      .selectFrom('participations')
      .select('event_id')
      .groupBy('event_id')
      .orderBy((eb) => eb.fn.countAll(), 'desc')
      .executeTakeFirstOrThrow();
    const org = orgs[0]!.id;
    const filters: Filters[] = [
      { archived: 'exclude' },
      { archived: 'include' },
      { archived: 'only' },
      { archived: 'exclude', organisationId: org },
      { archived: 'include', country: 'DE' },
      { archived: 'exclude', eventId: event.event_id! },
      { archived: 'include', organisationId: orgs[1]!.id, country: orgs[1]!.name === 'Umweltbundesamt' ? 'DE' : 'BE' },
    ];
    const added: string[] = [];
    for (const [i, fullName] of TRICKY.entries()) {
      added.push((await call(core, 'contacts.add', { fullName, email: `tricky${i}@example.org`, organisationId: i % 3 ? org : null, country: i % 2 ? 'DE' : 'BE' })).id);
    }
    // In ascending order, each one right after the previous: the gap in the labels halves
    // every time until the labels around it are spread again.
    for (let i = 0; i < 60; i++) added.push((await call(core, 'contacts.add', { fullName: `Marie Person ${String(i).padStart(3, '0')}`, organisationId: org })).id);
    for (let i = 0; i < 30; i++) added.push((await call(core, 'contacts.add', { fullName: `Person 0${String(99 - i).padStart(3, '0')}`, country: 'DE' })).id);
    expect(await compareAll(core, QUERIES, filters)).toBeGreaterThan(500);

    // Renames move contacts; other edits keep their place but change what finds them.
    await call(core, 'contacts.update', { id: added[0]!, fullName: 'Aaron Zwart' });
    await call(core, 'contacts.update', { id: added[6]!, fullName: 'Éric Martin' });
    await call(core, 'contacts.update', { id: added[12]!, jobTitle: 'Inspector', otherEmails: ['jo.extra@example.org'] });
    for (let i = 40; i < 70; i++) await call(core, 'contacts.update', { id: added[i]!, fullName: `Marie Person ${String(200 - i).padStart(3, '0')}` });
    await call(core, 'organisations.update', { id: org, name: 'Zeta Martin Agency' });
    // Merging removes one entry and rewrites the kept one.
    await call(core, 'contacts.merge', { keepId: added[7]!, mergeId: added[8]! });
    await call(core, 'contacts.merge', { keepId: added[30]!, mergeId: added[1]! });
    for (const id of [added[2]!, added[9]!, added[50]!, added[90]!]) await call(core, 'contacts.archive', { id, archived: true });
    await call(core, 'contacts.archive', { id: added[9]!, archived: false });
    expect(await compareAll(core, [...QUERIES, 'zeta', 'aaron'], filters)).toBeGreaterThan(500);

    // The import writes in bulk: new rows, and rows it updates through a known e-mail.
    const lines = ['Email,Full name,Company,Country'];
    for (let i = 0; i < 200; i++) lines.push(`imported${i}@example.org,${i % 2 ? 'Marie' : 'Éric'} Imported ${String(i % 50).padStart(2, '0')},${orgs[2]!.name},BE`);
    lines.push('tricky3@example.org,Zoë Renamed By Import,,DE');
    lines.push('tricky10@example.org,Ericka Martin,Zeta Martin Agency,DE');
    await commitImport(core.context(), { content: Buffer.from(lines.join('\r\n') + '\r\n') });
    expect(await compareAll(core, [...QUERIES, 'imported', 'renamed', 'eric imp'], filters)).toBeGreaterThan(500);

    // A reopened vault keeps its labels and index as they are.
    await call(core, 'vault.lock', {});
    await call(core, 'vault.unlock', { passphrase: 'correct horse battery staple' });
    expect(await compareAll(core, ['', 'marie', 'eric'], filters)).toBeGreaterThan(100);
  });

  it('an import into a gap with no room left moves the neighbours and writes its new rows with their labels', async () => {
    const { core } = await createdVault();
    const anna = await call(core, 'contacts.add', { fullName: 'Anna Alpha' });
    const cora = await call(core, 'contacts.add', { fullName: 'Cora Gamma' });
    // Squeeze the two labels together, as thousands of inserts at one spot would.
    const raw = core.context().vault.raw;
    const move = (id: string, rank: number) => {
      const old = raw.prepare('SELECT sort_rank FROM contacts WHERE id = ?').pluck().get(id) as number;
      const entry = raw.prepare('SELECT contact_id, text, tags FROM contact_search WHERE rowid = ?').get(old) as { contact_id: string; text: string; tags: string };
      raw.prepare('DELETE FROM contact_search WHERE rowid = ?').run(old);
      raw.prepare('UPDATE contacts SET sort_rank = ? WHERE id = ?').run(rank, id);
      raw.prepare('INSERT INTO contact_search (rowid, contact_id, text, tags) VALUES (?, ?, ?, ?)').run(rank, entry.contact_id, entry.text, entry.tags);
    };
    move(anna.id, 1000);
    move(cora.id, 1001);
    await commitImport(core.context(), { content: Buffer.from('Email,Full name\r\nbea@example.org,Bea Beta\r\nbob@example.org,Bob Beta\r\n') });
    const list = await call(core, 'contacts.search', { archived: 'exclude', limit: 10, offset: 0 });
    expect(list.items.map((i) => i.fullName)).toEqual(['Anna Alpha', 'Bea Beta', 'Bob Beta', 'Cora Gamma']);
    const found = async (q: string) => (await call(core, 'contacts.search', { query: q, archived: 'exclude', limit: 10, offset: 0 })).items.map((i) => i.fullName);
    expect(await found('beta')).toEqual(['Bea Beta', 'Bob Beta']);
    expect(await found('anna')).toEqual(['Anna Alpha']);
    expect(await found('gamma')).toEqual(['Cora Gamma']);
    // Every contact's entry sits under its label, and the labels left room again.
    const rows = raw
      .prepare('SELECT c.sort_rank AS rank, s.contact_id AS entry FROM contacts c LEFT JOIN contact_search s ON s.rowid = c.sort_rank AND s.contact_id = c.id ORDER BY c.sort_rank')
      .all() as Array<{ rank: number; entry: string | null }>;
    expect(rows.every((r) => r.entry !== null)).toBe(true);
    expect(rows[1]!.rank - rows[0]!.rank).toBeGreaterThan(2 ** 16);
  });

  it('a page after a contact that is gone is placed by its offset', async () => {
    const { core } = await createdVault();
    const ids: string[] = [];
    for (const fullName of ['Ada Aalto', 'Bea Berg', 'Cem Cakir', 'Dan Dorn', 'Eva Ek']) ids.push((await call(core, 'contacts.add', { fullName })).id);
    const page = (input: Partial<ParsedInput<'contacts.search'>>) => call(core, 'contacts.search', { archived: 'exclude', limit: 2, offset: 0, ...input }).then((p) => p.items.map((i) => i.id));
    expect(await page({ after: ids[1]!, offset: 4 })).toEqual([ids[2], ids[3]]);
    await call(core, 'contacts.merge', { keepId: ids[0]!, mergeId: ids[1]! });
    // Bea merged into Ada: four left, and the offset counts from the start.
    expect(await page({ after: ids[1]!, offset: 1 })).toEqual([ids[2], ids[3]]);
    expect(await page({ query: 'e', after: ids[1]!, offset: 0 })).toEqual([ids[4]]);
  });
});
