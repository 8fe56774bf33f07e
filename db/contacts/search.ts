/**
 * Finding people (issue 3): an FTS5 index of each contact's folded text — name, e-mails,
 * organisation, job title — kept in step by the contact, e-mail and organisation writes.
 * SQLite-only (FTS5, rowid order), so it lives here and nowhere else (DESIGN §1).
 * Folding happens in the app (shared/rules/names.ts), the same way for index and query,
 * so "eric" finds "Éric", "muller" finds "Müller" and "lukasz" finds "Łukasz".
 *
 * The register's order is (folded name, id). Each contact carries an integer label,
 * `sort_rank`, in that order, and its index entry's rowid is the label: FTS5 returns
 * matches in rowid order, so a search reads the page it shows and stops, however many
 * contacts match. Labels leave room between neighbours; a newcomer takes a number in
 * the gap, and when a gap is used up the labels around it are spread again.
 *
 * The list filters that are one value per contact (organisation, country, archived or
 * not) are tokens in a second column, `tags`, so a filtered search is an intersection
 * inside the index too, and counting its matches never reads the contacts table.
 */
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import { foldForSearch } from '../../shared/rules/names';
import type { Database } from '../schema';

/** Labels stay below 2^53, so JavaScript numbers hold them exactly. */
const RANK_END = 2 ** 53;
/** A spreading leaves at least this gap between neighbours: 16 more inserts at one spot. */
const ROOM = 2 ** 16;
/** Rows per multi-row statement, under SQLite's bound-parameter limit. */
const CHUNK = 5000;
/** A write deleting more index entries than this, and more than a BULK_SHARE-th of the contacts, merges instead (`rewriting`). */
const BULK_DELETES = 500;
const BULK_SHARE = 200;

export interface IndexEntry {
  id: string;
  fullName: string;
  emails: readonly string[];
  organisationName: string | null;
  jobTitle: string | null;
}

export const searchText = (e: IndexEntry): string => foldForSearch([e.fullName, ...e.emails, e.organisationName ?? '', e.jobTitle ?? ''].join(' '));

/** Filter tokens: letters and digits only, so the tokenizer keeps each one whole. */
const tag = {
  organisation: (id: string) => `o${id.replace(/[^0-9a-zA-Z]/g, '').toLowerCase()}`,
  country: (code: string) => `c${code.toLowerCase()}`,
  archived: (archived: boolean) => (archived ? 'archived' : 'current'),
};

interface TagSource {
  organisation_id: string | null;
  country: string | null;
  archived_at: string | null;
}

const tagsOf = (c: TagSource): string => [tag.archived(c.archived_at !== null), c.organisation_id ? tag.organisation(c.organisation_id) : '', c.country ? tag.country(c.country) : ''].join(' ').trim();

/**
 * Code-point order, the order SQLite gives TEXT under BINARY (UTF-8 bytes), so labels
 * given here agree with the neighbours SQLite finds. Plain `<` compares UTF-16 units,
 * which puts U+E000–U+FFFF after the surrogates of higher code points.
 */
export function compareText(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x += x >= 0xe000 ? -0x800 : 0x2000;
      y += y >= 0xe000 ? -0x800 : 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}

interface Placed {
  id: string;
  key: string;
}
interface Ranked extends Placed {
  rank: number;
}

const inOrder = (a: Placed, b: Placed): number => compareText(a.key, b.key) || compareText(a.id, b.id);

/** Up to `n` labelled contacts just before `from` (nearest first) or just after it. */
async function neighbours(db: Kysely<Database>, from: Placed, side: 'below' | 'above', n: number): Promise<Ranked[]> {
  const r =
    side === 'below'
      ? await sql<Ranked>`SELECT id, sort_name AS key, sort_rank AS rank FROM contacts
          WHERE (sort_name, id) < (${from.key}, ${from.id}) AND sort_rank IS NOT NULL
          ORDER BY sort_name DESC, id DESC LIMIT ${n}`.execute(db)
      : await sql<Ranked>`SELECT id, sort_name AS key, sort_rank AS rank FROM contacts
          WHERE (sort_name, id) > (${from.key}, ${from.id}) AND sort_rank IS NOT NULL
          ORDER BY sort_name, id LIMIT ${n}`.execute(db);
  return r.rows;
}

/** Labels spaced evenly strictly between `lo` and `hi`, in the order given. */
function spaced(rows: readonly Placed[], lo: number, hi: number): Map<string, number> {
  const step = Math.floor((hi - lo) / (rows.length + 1));
  if (step < 1) throw new Error('contact order: no room left between labels');
  return new Map(rows.map((r, i) => [r.id, lo + step * (i + 1)]));
}

/** Writes labels spaced evenly strictly between `lo` and `hi`, in the order given. */
async function label(db: Kysely<Database>, rows: readonly Placed[], lo: number, hi: number): Promise<Map<string, number>> {
  const ranks = spaced(rows, lo, hi);
  await writeLabels(db, rows, ranks);
  return ranks;
}

async function writeLabels(db: Kysely<Database>, rows: readonly Placed[], ranks: ReadonlyMap<string, number>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const values = rows.slice(i, i + CHUNK).map((r) => sql`(${r.id}, ${r.key}, ${ranks.get(r.id)!})`);
    await sql`UPDATE contacts SET sort_name = v.column2, sort_rank = v.column3
              FROM (VALUES ${sql.join(values)}) AS v WHERE contacts.id = v.column1`.execute(db);
  }
}

/**
 * Labels `group` (consecutive in the order, no labelled contact between them) together
 * with enough neighbours on each side that every gap gets at least ROOM, or with the
 * whole register. The neighbours' index entries move to their new rowids. The group's
 * labels are written to its rows when they exist (`written`), and returned.
 */
async function spread(db: Kysely<Database>, group: readonly Placed[], written: boolean): Promise<Map<string, number>> {
  for (let k = 8; ; k *= 4) {
    const below = await neighbours(db, group[0]!, 'below', k + 1);
    const above = await neighbours(db, group.at(-1)!, 'above', k + 1);
    const lo = below.length > k ? below[k]!.rank : 0;
    const hi = above.length > k ? above[k]!.rank : RANK_END;
    const moved = [...below.slice(0, k).reverse(), ...above.slice(0, k)];
    const all = [...below.slice(0, k).reverse(), ...group, ...above.slice(0, k)];
    if ((hi - lo) / (all.length + 1) < ROOM && (below.length > k || above.length > k)) continue;
    const oldRanks = moved.map((m) => m.rank);
    const entries = oldRanks.length
      ? (await sql<{ contact_id: string; text: string; tags: string }>`SELECT contact_id, text, tags FROM contact_search WHERE rowid IN (${sql.join(oldRanks)})`.execute(db)).rows
      : [];
    if (oldRanks.length) {
      await sql`DELETE FROM contact_search WHERE rowid IN (${sql.join(oldRanks)})`.execute(db);
      // Labels are unique and checked row by row: free the old ones before handing out new.
      await db
        .updateTable('contacts')
        .set({ sort_rank: null })
        .where(
          'id',
          'in',
          moved.map((m) => m.id),
        )
        .execute();
    }
    const ranks = spaced(all, lo, hi);
    await writeLabels(db, written ? all : moved, ranks);
    await insertEntries(
      db,
      entries.map((e) => ({ rank: ranks.get(e.contact_id)!, id: e.contact_id, text: e.text, tags: e.tags })),
    );
    return ranks;
  }
}

/**
 * Labels for unlabelled contacts (sort_rank null), or for contacts not yet written
 * (`written` false: an import inserts its rows with their labels, rather than updating
 * every row after it); the labelled contacts around them make room when needed. With
 * `written`, the labels and folded names are written to the rows.
 */
async function place(db: Kysely<Database>, unplaced: readonly Placed[], written: boolean): Promise<Map<string, number>> {
  const placed = new Map<string, number>();
  const sorted = [...unplaced].sort(inOrder);
  for (let i = 0; i < sorted.length;) {
    const below = (await neighbours(db, sorted[i]!, 'below', 1))[0];
    const above = (await neighbours(db, sorted[i]!, 'above', 1))[0];
    let j = i + 1;
    while (j < sorted.length && (!above || inOrder(sorted[j]!, above) < 0)) j++;
    const group = sorted.slice(i, j);
    const lo = below?.rank ?? 0;
    const hi = above?.rank ?? RANK_END;
    let ranks: Map<string, number>;
    if (Math.floor((hi - lo) / (group.length + 1)) >= 1) {
      ranks = spaced(group, lo, hi);
      if (written) await writeLabels(db, group, ranks);
    } else ranks = await spread(db, group, written);
    for (const g of group) placed.set(g.id, ranks.get(g.id)!);
    i = j;
  }
  return placed;
}

async function insertEntries(db: Kysely<Database>, entries: ReadonlyArray<{ rank: number; id: string; text: string; tags: string }>): Promise<void> {
  // FTS5 flushes its pending writes whenever a rowid is not above the last one: rows out
  // of order make a segment each, and then a merge.
  const rows = [...entries].sort((a, b) => a.rank - b.rank);
  for (let i = 0; i < rows.length; i += CHUNK) {
    const values = rows.slice(i, i + CHUNK).map((r) => sql`(${r.rank}, ${r.id}, ${r.text}, ${r.tags})`);
    await sql`INSERT INTO contact_search (rowid, contact_id, text, tags) VALUES ${sql.join(values)}`.execute(db);
  }
}

/**
 * Runs `write`, which deletes up to `deletes` index entries. The index deletes in FTS5's
 * `secure-delete` mode (0011), which takes each deleted entry's terms out of the segments
 * in place: one to three milliseconds an entry at 100k contacts, 200 s for a re-import
 * that rewrites them all, where merging the whole index takes about a second. So a write
 * deleting more than BULK_DELETES entries, and more than a BULK_SHARE-th of the register,
 * deletes the plain way (tombstones, the old terms left in
 * the older segments) and then merges the index into one segment ('optimize'), which
 * drops every deleted entry with its tombstone: the index holds no deleted term at commit
 * either way. Switching the option writes out the pending changes first, in the mode they
 * were made in; a rollback restores it with the rest of the index.
 */
async function rewriting(db: Kysely<Database>, deletes: number, write: () => Promise<void>): Promise<void> {
  if (deletes <= BULK_DELETES) return write();
  const contacts = await db
    .selectFrom('contacts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (deletes * BULK_SHARE <= Number(contacts.n)) return write();
  await sql`INSERT INTO contact_search (contact_search, rank) VALUES ('secure-delete', 0)`.execute(db);
  await write();
  await sql`INSERT INTO contact_search (contact_search) VALUES ('optimize')`.execute(db);
  await sql`INSERT INTO contact_search (contact_search, rank) VALUES ('secure-delete', 1)`.execute(db);
}

/** How many of these contacts have an index entry (a label) to delete, counted only when it could make a bulk write. */
async function labelled(db: Kysely<Database>, contactIds: readonly string[]): Promise<number> {
  if (contactIds.length <= BULK_DELETES) return contactIds.length;
  let n = 0;
  for (let i = 0; i < contactIds.length; i += CHUNK) {
    const r = await db
      .selectFrom('contacts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('id', 'in', contactIds.slice(i, i + CHUNK))
      .where('sort_rank', 'is not', null)
      .executeTakeFirstOrThrow();
    n += Number(r.n);
  }
  return n;
}

/**
 * Rewrites the index entries of the given contacts (their rows must exist) from the
 * values given; the filter tokens come from the rows. A contact keeps its label unless
 * its folded name changed.
 */
export async function indexContactsBulk(db: Kysely<Database>, entries: readonly IndexEntry[]): Promise<void> {
  await rewriting(
    db,
    await labelled(
      db,
      entries.map((e) => e.id),
    ),
    () => writeEntries(db, entries),
  );
}

async function writeEntries(db: Kysely<Database>, entries: readonly IndexEntry[]): Promise<void> {
  const unplaced: Placed[] = [];
  const relabelled: string[] = [];
  for (let i = 0; i < entries.length; i += CHUNK) {
    const chunk = entries.slice(i, i + CHUNK);
    const current = await db
      .selectFrom('contacts')
      .select(['id', 'sort_name', 'sort_rank'])
      .where(
        'id',
        'in',
        chunk.map((e) => e.id),
      )
      .execute();
    if (current.length !== chunk.length) throw new Error('indexContactsBulk: contact row missing');
    const byId = new Map(current.map((c) => [c.id, c]));
    const ranks = current.flatMap((c) => (c.sort_rank === null ? [] : [c.sort_rank]));
    if (ranks.length) await sql`DELETE FROM contact_search WHERE rowid IN (${sql.join(ranks)})`.execute(db);
    for (const e of chunk) {
      const key = foldForSearch(e.fullName);
      const c = byId.get(e.id)!;
      if (c.sort_rank !== null && c.sort_name === key) continue;
      unplaced.push({ id: e.id, key });
      if (c.sort_rank !== null) relabelled.push(e.id);
    }
  }
  // A renamed contact gives up its label; a new one has none yet.
  for (let i = 0; i < relabelled.length; i += CHUNK) {
    await db
      .updateTable('contacts')
      .set({ sort_rank: null })
      .where('id', 'in', relabelled.slice(i, i + CHUNK))
      .execute();
  }
  await place(db, unplaced, true);
  for (let i = 0; i < entries.length; i += CHUNK) {
    const chunk = entries.slice(i, i + CHUNK);
    const rows = await db
      .selectFrom('contacts')
      .select(['id', 'sort_rank', 'organisation_id', 'country', 'archived_at'])
      .where(
        'id',
        'in',
        chunk.map((e) => e.id),
      )
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    await insertEntries(
      db,
      chunk.map((e) => ({ rank: byId.get(e.id)!.sort_rank!, id: e.id, text: searchText(e), tags: tagsOf(byId.get(e.id)!) })),
    );
  }
}

/**
 * Labels and folded names for contacts about to be inserted (an import's new rows), so the
 * rows are written with them instead of updated afterwards (1.2 s of a 100k-row import);
 * `indexNewContacts` then adds their entries. Labelled contacts around them may move.
 */
export async function labelsForNew(db: Kysely<Database>, contacts: ReadonlyArray<{ id: string; fullName: string }>): Promise<Map<string, { sortName: string; sortRank: number }>> {
  const placed = contacts.map((c) => ({ id: c.id, key: foldForSearch(c.fullName) }));
  const ranks = await place(db, placed, false);
  return new Map(placed.map((p) => [p.id, { sortName: p.key, sortRank: ranks.get(p.id)! }]));
}

/** A contact just inserted with its label (labelsForNew), and what its filter tokens come from. */
export type NewIndexEntry = IndexEntry & { rank: number; organisationId: string | null; country: string | null };

/** The index entries of contacts just inserted with their labels; none is archived yet. */
export async function indexNewContacts(db: Kysely<Database>, entries: readonly NewIndexEntry[]): Promise<void> {
  await insertEntries(
    db,
    entries.map((e) => ({ rank: e.rank, id: e.id, text: searchText(e), tags: tagsOf({ organisation_id: e.organisationId, country: e.country, archived_at: null }) })),
  );
}

type IndexRow = TagSource & { id: string; full_name: string; job_title: string | null; org: string | null; emails: string | null };

const toEntry = (r: IndexRow): IndexEntry => ({
  id: r.id,
  fullName: r.full_name,
  emails: r.emails ? r.emails.split(' ') : [],
  organisationName: r.org,
  jobTitle: r.job_title,
});

const indexRows = (where: Expression<SqlBool> | null) => sql<IndexRow>`
  SELECT c.id, c.full_name, c.job_title, o.name AS org, c.organisation_id, c.country, c.archived_at,
         (SELECT group_concat(email, ' ') FROM contact_emails e WHERE e.contact_id = c.id) AS emails
  FROM contacts c LEFT JOIN organisations o ON o.id = c.organisation_id
  ${where ? sql`WHERE ${where}` : sql``}`;

/** Rewrites the index entries of the given contacts from their current rows. */
export async function indexContacts(db: Kysely<Database>, contactIds: readonly string[]): Promise<void> {
  await rewriting(db, await labelled(db, contactIds), async () => {
    for (let i = 0; i < contactIds.length; i += CHUNK) {
      const ids = contactIds.slice(i, i + CHUNK);
      const rows = await indexRows(sql<SqlBool>`c.id IN (${sql.join(ids)})`).execute(db);
      await writeEntries(db, rows.rows.map(toEntry));
    }
  });
}

/** Drops a contact's entry; call before deleting the contact row (the entry is keyed by its label). */
export async function unindexContact(db: Kysely<Database>, contactId: string): Promise<void> {
  await sql`DELETE FROM contact_search WHERE rowid = (SELECT sort_rank FROM contacts WHERE id = ${contactId})`.execute(db);
}

/** Contacts whose index entry must follow an organisation's new name. */
export async function indexOrganisationMembers(db: Kysely<Database>, organisationId: string): Promise<void> {
  const members = await db.selectFrom('contacts').select('id').where('organisation_id', '=', organisationId).execute();
  await indexContacts(
    db,
    members.map((m) => m.id),
  );
}

/**
 * Rebuilds the index and the labels when they do not cover every contact: after a
 * migration that emptied it (asked at the open that migrated), or after rows were written
 * by a tool that does not maintain them (demo data).
 */
export async function reindexIfIncomplete(db: Kysely<Database>): Promise<number> {
  // The index's entries are counted in its docsize shadow table (one row per entry, a plain
  // b-tree count): counting the FTS5 table itself reads every entry's content.
  const counts = await sql<{ contacts: number; indexed: number; unranked: number }>`
    SELECT (SELECT count(*) FROM contacts) AS contacts, (SELECT count(*) FROM contact_search_docsize) AS indexed,
           (SELECT count(*) FROM contacts WHERE sort_rank IS NULL) AS unranked`.execute(db);
  const c = counts.rows[0]!;
  if (c.contacts === c.indexed && c.unranked === 0) return 0;
  let indexed = 0;
  await rewriting(db, Number(c.indexed), async () => {
    await sql`DELETE FROM contact_search`.execute(db);
    await db.updateTable('contacts').set({ sort_rank: null }).where('sort_rank', 'is not', null).execute();
    const rows = (await indexRows(null).execute(db)).rows;
    const placed = rows.map((r) => ({ id: r.id, key: foldForSearch(r.full_name) })).sort(inOrder);
    const ranks = await label(db, placed, 0, RANK_END);
    await insertEntries(
      db,
      rows.map((r) => ({ rank: ranks.get(r.id)!, id: r.id, text: searchText(toEntry(r)), tags: tagsOf(r) })),
    );
    indexed = rows.length;
  });
  return indexed;
}

/**
 * The FTS query for what a person typed: every word must match the start of a word of
 * the text ("mul" finds "Müller"), never a filter token. Null when nothing searchable was
 * typed.
 */
export function matchQuery(typed: string): string | null {
  return wordsQuery(typed, ' ');
}

/** Like matchQuery, but any one of the words is enough: the near-name check's candidates. */
export function anyWordQuery(typed: string): string | null {
  return wordsQuery(typed, ' OR ');
}

const typedWords = (typed: string) =>
  foldForSearch(typed)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 12);

function wordsQuery(typed: string, join: ' ' | ' OR '): string | null {
  const words = typedWords(typed);
  if (words.length === 0) return null;
  return `text : (${words.map((w) => `"${w}"*`).join(join)})`;
}

/** The longest prefixes the index keeps lists for (prefix = '1 2 3', 0002). */
const INDEXED_PREFIX = 3;
/** A longer word is replaced by its terms only when it starts this many or fewer. */
const MAX_TERMS = 32;

/**
 * matchQuery for the list's search box, the same matches, faster for long common words.
 * FTS5 answers a prefix longer than its prefix lists by merging the whole list of every
 * term starting with it before giving the first row: "inspector"*, a job title held by
 * 125k of a million contacts, took 13 ms for a page. The same word as an OR of those terms,
 * ("inspector" OR "inspectorate"), is read lazily in rowid order and stops at the page
 * (0.02 ms). The terms come from the index's vocabulary (an fts5vocab table in this
 * connection's temp schema, nothing stored), which reads their lists once to count them:
 * 5 ms there. A word starting more than MAX_TERMS terms, or none, or with letters other
 * than a–z and digits (which the tokenizer might fold further than foldForSearch does),
 * keeps its prefix query.
 */
export async function searchBoxQuery(db: Kysely<Database>, typed: string): Promise<string | null> {
  const words = typedWords(typed);
  if (words.length === 0) return null;
  const parts: string[] = [];
  for (const w of words) parts.push((w.length > INDEXED_PREFIX && /^[a-z0-9]+$/.test(w) ? await termsStarting(db, w) : null) ?? `"${w}"*`);
  // Explicit ANDs: FTS5 has no implicit AND next to a parenthesised OR.
  return `text : (${parts.join(' AND ')})`;
}

async function termsStarting(db: Kysely<Database>, word: string): Promise<string | null> {
  await sql`CREATE VIRTUAL TABLE IF NOT EXISTS temp.contact_search_terms USING fts5vocab(main, contact_search, row)`.execute(db);
  // Every term starting with `word` lies between it and `word` followed by the last code point.
  const { rows } = await sql<{ term: string }>`SELECT term FROM temp.contact_search_terms WHERE term >= ${word} AND term <= ${`${word}\u{10FFFF}`} LIMIT ${MAX_TERMS + 1}`.execute(db);
  if (rows.length === 0 || rows.length > MAX_TERMS) return null;
  return `(${rows.map((r) => `"${r.term}"`).join(' OR ')})`;
}

export interface SearchFilters {
  organisationId?: string | undefined;
  country?: string | undefined;
  eventId?: string | undefined;
  archived: 'exclude' | 'include' | 'only';
}

/**
 * The labels of the contacts matching `match` (from matchQuery) and the filters, in the
 * register's order: the index's rowid order, so SQLite stops after the page. `after`
 * starts the walk past a label (an export's next page).
 */
export function matching(db: Kysely<Database>, match: string, f: SearchFilters, after: number | null = null) {
  const tags = [f.archived === 'include' ? null : tag.archived(f.archived === 'only'), f.organisationId ? tag.organisation(f.organisationId) : null, f.country ? tag.country(f.country) : null].filter(
    (t) => t !== null,
  );
  const query = tags.length ? `${match} AND tags : (${tags.map((t) => `"${t}"`).join(' ')})` : match;
  const eventId = f.eventId;
  return db
    .selectFrom('contact_search')
    .select('contact_search.rowid as rank')
    .where(sql<SqlBool>`contact_search MATCH ${query}`)
    .$if(eventId !== undefined, (q) =>
      q.where((eb) => eb.exists(eb.selectFrom('participations as p').select('p.id').whereRef('p.contact_id', '=', 'contact_search.contact_id').where('p.event_id', '=', eventId!))),
    )
    .$if(after !== null, (q) => q.where('contact_search.rowid', '>', after!))
    .orderBy('contact_search.rowid');
}

/**
 * The labels of every contact, archived or not, whose text matches `match` (from
 * matchQuery), in no set order: the duplicate check's candidates by name.
 */
export function anyMatching(db: Kysely<Database>, match: string) {
  return db
    .selectFrom('contact_search')
    .select('contact_search.rowid as rank')
    .where(sql<SqlBool>`contact_search MATCH ${match}`);
}

/**
 * The labels of the `limit` contacts whose text best matches `match` (FTS5's bm25 rank:
 * more of the words, and rarer ones, first), so an any-word query on a common first name
 * still brings the contacts that share the surname.
 */
export function bestMatching(db: Kysely<Database>, match: string, limit: number) {
  return anyMatching(db, match)
    .orderBy(sql`contact_search.rank`)
    .limit(limit);
}

/**
 * Removes an erased contact's index entry and every term of it. The index deletes in
 * FTS5's `secure-delete` mode (migration 0011): a delete removes the entry's terms from
 * the segments in place instead of adding a tombstone, and so did every earlier rewrite
 * of the entry (a rename, a new e-mail, a relabelling) since 0011, which merged away what
 * older ones had left. The freed and rewritten pages are zeroed by `secure_delete`, and
 * the WAL's old frames go with the checkpoint after the erasure's commit. The entry is
 * found by its rowid, the contact's label: each contact has one entry, under its label,
 * as every index write keeps it in the writing transaction. Call inside the erasure's
 * transaction, before the contact row goes.
 */
export async function eraseFromIndex(db: Kysely<Database>, contactId: string): Promise<void> {
  await unindexContact(db, contactId);
  // Should the option ever be off, the whole index is merged, which drops every deleted term.
  const secure = await sql<{ v: number }>`SELECT v FROM contact_search_config WHERE k = 'secure-delete'`.execute(db);
  if (Number(secure.rows[0]?.v ?? 0) !== 1) await sql`INSERT INTO contact_search (contact_search) VALUES ('optimize')`.execute(db);
}

/** How many index entries a contact has (the erasure's preview counts them): its label's, if it has one. */
export async function indexEntryCount(db: Kysely<Database>, contactId: string): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*) AS n FROM contact_search
    WHERE rowid = (SELECT sort_rank FROM contacts WHERE id = ${contactId}) AND contact_id = ${contactId}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}
