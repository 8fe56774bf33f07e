/**
 * The search index forgets what a write deletes (issue 13, DESIGN §5 "Erasure"): in FTS5's
 * `secure-delete` mode (0011) a rewritten entry's old terms leave the segments at once, and
 * a write that rewrites a large share of the register deletes the plain way and merges the
 * index instead (db/contacts/search.ts `rewriting`), leaving the option on afterwards, even
 * when its transaction rolls back.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RegistreCore } from '../../db/core';
import { SEARCH_COUNT_CAP } from '../../db/contacts/contacts';
import { indexContacts, reindexIfIncomplete } from '../../db/contacts/search';
import { call, createdVault } from '../helpers';

const tail = () => randomBytes(6).toString('hex');

/** Whether the index's segments hold these bytes (a term is stored after the part it shares with the term before it). */
function indexHolds(core: RegistreCore, needle: string): boolean {
  const raw = core.context().vault.raw;
  const blocks = raw.prepare(`SELECT block FROM contact_search_data`).pluck().all() as Buffer[];
  const idx = raw.prepare(`SELECT term FROM contact_search_idx WHERE term IS NOT NULL`).pluck().all() as Buffer[];
  return [...blocks, ...idx].some((b) => Buffer.from(b).includes(needle));
}

const secureDelete = (core: RegistreCore) => core.context().vault.raw.prepare(`SELECT v FROM contact_search_config WHERE k = 'secure-delete'`).pluck().get();

const csv = (rows: number, jobTitle: string) =>
  Buffer.from(['Email Address,First Name,Last Name,Job title', ...Array.from({ length: rows }, (_, i) => `person.${i}@index-test.example,Ana,Person ${i},${jobTitle}`)].join('\r\n') + '\r\n').toString(
    'base64',
  );

describe('the search index', () => {
  it('keeps no term of a rewritten entry, one by one or in bulk, and stays in secure-delete mode', async () => {
    const { core } = await createdVault();
    const first = tail();
    const second = tail();
    const rows = 1100;
    expect((await call(core, 'contacts.importCommit', { contentBase64: csv(rows, `jt${first}`), skipInvalid: true })).counts.new).toBe(rows);
    expect(indexHolds(core, first)).toBe(true);
    // Every entry rewritten in one transaction: the bulk path.
    expect((await call(core, 'contacts.importCommit', { contentBase64: csv(rows, `jt${second}`), skipInvalid: true })).counts.update).toBe(rows);
    expect(indexHolds(core, first)).toBe(false);
    expect(indexHolds(core, second)).toBe(true);
    expect((await call(core, 'contacts.search', { query: `jt${second}`, archived: 'exclude', limit: 1, offset: 0 })).total).toBe(Math.min(rows, SEARCH_COUNT_CAP));
    expect(secureDelete(core)).toBe(1);

    // One entry rewritten afterwards: its former name leaves the segments at once.
    const [one] = (await call(core, 'contacts.search', { query: `jt${second}`, archived: 'exclude', limit: 1, offset: 0 })).items;
    const names = [tail(), tail(), tail()];
    await call(core, 'contacts.update', { id: one!.id, fullName: `nm${names[0]} Person` });
    await call(core, 'contacts.update', { id: one!.id, fullName: `nm${names[1]} Person` });
    expect(indexHolds(core, names[0]!)).toBe(false);
    expect(indexHolds(core, names[1]!)).toBe(true);

    // A bulk rewrite rolled back leaves the option on: the next single rewrite is still secure.
    const ctx = core.context();
    const ids = ctx.vault.raw.prepare('SELECT id FROM contacts').pluck().all() as string[];
    await expect(
      ctx.tx(async (trx) => {
        await indexContacts(trx, ids);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(secureDelete(core)).toBe(1);
    await call(core, 'contacts.update', { id: one!.id, fullName: `nm${names[2]} Person` });
    expect(indexHolds(core, names[1]!)).toBe(false);
    expect(indexHolds(core, names[2]!)).toBe(true);
    expect((await call(core, 'contacts.search', { query: `nm${names[2]}`, archived: 'exclude', limit: 10, offset: 0 })).total).toBe(1);
  });
});

describe('the index check at unlock', () => {
  it('rebuilds the index when an entry is missing, and leaves a complete one alone', async () => {
    const { core } = await createdVault();
    const [ana, ben] = [await call(core, 'contacts.add', { fullName: 'Ana Lindqvist' }), await call(core, 'contacts.add', { fullName: 'Ben Okafor' })];
    const ctx = core.context();
    const found = async (q: string) => (await call(core, 'contacts.search', { query: q, archived: 'exclude', limit: 5, offset: 0 })).items.map((c) => c.id);
    expect(await ctx.tx((trx) => reindexIfIncomplete(trx))).toBe(0);
    // An entry lost behind the core's back (a tool that does not maintain the index).
    ctx.vault.raw.prepare(`DELETE FROM contact_search WHERE rowid = (SELECT sort_rank FROM contacts WHERE id = ?)`).run(ben.id);
    expect(await found('Okafor')).toEqual([]);
    expect(await ctx.tx((trx) => reindexIfIncomplete(trx))).toBe(2);
    expect(await found('Okafor')).toEqual([ben.id]);
    expect(await found('Lindqvist')).toEqual([ana.id]);
  });
});
