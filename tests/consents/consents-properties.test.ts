/**
 * Property tests of the consent ledger against a model written here, on one real vault
 * (a new contact per run): any sequence of events, in any order of entry, with ties on the
 * day, derives the state the model says; the mailing list never holds anyone it must not.
 */
import type { ConsentAction, LawfulBasis } from '../../shared/vocabulary';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { RegistreCore } from '../../db/core';
import { call, createdVault, exportedMailingList } from '../helpers';

/** The purposes the vault starts with (migration 0005) and their bases. */
const BASIS: Record<string, LawfulBasis> = {
  newsletter: 'consent',
  collaboration: 'legitimate_interest',
  event_logistics: 'consent',
  basecamp: 'legitimate_interest',
  payments: 'contract',
  photos: 'legitimate_interest',
  partner_sharing: 'legitimate_interest',
};
const CODES = Object.keys(BASIS);

interface Ev {
  code: string;
  action: ConsentAction;
  day: string;
}

/** Valid actions only: withdrawals for consents, objections for legitimate interests, neither for a contract. */
const event = (codes: string[] = CODES): fc.Arbitrary<Ev> =>
  fc.constantFrom(...codes).chain((code) =>
    fc.record({
      code: fc.constant(code),
      action: fc.constantFrom<ConsentAction>('granted', 'restricted', ...(BASIS[code] === 'consent' ? ['withdrawn' as const] : BASIS[code] === 'legitimate_interest' ? ['objected' as const] : [])),
      // Few days, so ties on the day are common; entered in whatever order they come.
      day: fc.constantFrom('2025-01-01', '2025-01-02', '2025-01-03', '2025-02-01'),
    }),
  );

/** The model: the latest event of each purpose is the one with the latest day, and among those the last entered. */
function model(events: Ev[]) {
  const latest = new Map<string, Ev & { i: number }>();
  events.forEach((e, i) => {
    const cur = latest.get(e.code);
    if (!cur || e.day >= cur.day) latest.set(e.code, { ...e, i });
  });
  const applies = (code: string) => {
    const l = latest.get(code);
    return BASIS[code] === 'legitimate_interest' ? !l || l.action === 'granted' : l?.action === 'granted';
  };
  const all = [...latest.values()];
  const lost = !CODES.some(applies) && all.some((l) => l.action === 'withdrawn' || l.action === 'objected');
  const removing = all.filter((l) => l.action !== 'granted').sort((a, b) => (a.day === b.day ? b.i - a.i : a.day < b.day ? 1 : -1));
  return {
    purposes: CODES.map((code) => ({ code, state: latest.get(code)?.action ?? 'none', since: latest.get(code)?.day ?? null, applies: applies(code) })),
    restricted: all.some((l) => l.action === 'restricted'),
    noRemainingBasis: lost
      ? {
          since: removing
            .map((r) => r.day)
            .sort()
            .at(-1),
          events: removing.map((r) => [r.code, r.action, r.day]),
        }
      : null,
  };
}

async function record(core: RegistreCore, contactId: string, e: Ev) {
  return call(core, 'consents.record', { contactId, purposeCode: e.code, action: e.action, channel: 'email', occurredOn: e.day });
}

describe('consent ledger properties', () => {
  it('derives, for any sequence of events, the state of the model; the review list agrees', async () => {
    const { core } = await createdVault();
    const flagged = new Set<string>();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(event(), { minLength: 1, maxLength: 10 }), async (events) => {
        const contact = await call(core, 'contacts.add', { fullName: `Person ${n++}` });
        for (const e of events) await record(core, contact.id, e);
        const state = await call(core, 'consents.forContact', { contactId: contact.id });
        const expected = model(events);
        expect(state.purposes.map((p) => ({ code: p.purpose.code, state: p.state, since: p.since, applies: p.applies }))).toEqual(expected.purposes);
        expect(state.purposes.reduce((sum, p) => sum + p.history.length, 0)).toBe(events.length);
        expect(state.restricted).toBe(expected.restricted);
        const lost = state.noRemainingBasis && {
          since: state.noRemainingBasis.since,
          events: state.noRemainingBasis.events.map((e) => [e.purpose.code, e.action, e.occurredOn]),
        };
        expect(lost).toEqual(expected.noRemainingBasis);
        if (lost) flagged.add(contact.id);
      }),
      // Losing every basis takes a withdrawal or objection on all four legitimate interests:
      // a few runs are made of such ledgers so the review list is checked with people in it.
      { numRuns: 30, examples: [[CODES.filter((code) => BASIS[code] !== 'contract').map((code) => ({ code, action: BASIS[code] === 'consent' ? 'withdrawn' : 'objected', day: '2025-01-02' }))]] },
    );
    const review = await call(core, 'consents.noBasis', { limit: 500 });
    expect(review.total).toBe(flagged.size);
    expect(new Set(review.items.map((i) => i.contactId))).toEqual(flagged);
  });

  it('the mailing list holds every subscriber it may and no one it must not, and its counts add up', async () => {
    const { core } = await createdVault();
    // Everyone added so far, as the vault holds them: each run checks the whole list.
    const people: Array<{ email: string | null; archived: boolean; events: Ev[] }> = [];
    let n = 0;
    // Some people share an address (in any case): duplicates in the register are real.
    const person = fc.record({
      address: fc.constantFrom(null, 'unique', 'shared@example.org', 'Shared@Example.ORG', 'other@example.org'),
      archived: fc.boolean(),
      events: fc.array(fc.oneof(event(['newsletter']), event()), { maxLength: 6 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(person, { minLength: 1, maxLength: 4 }), async (batch) => {
        for (const p of batch) {
          const email = p.address === 'unique' ? `person.${n}@example.org` : p.address;
          const contact = await call(core, 'contacts.add', { fullName: `Mailing Person ${n++}`, email });
          for (const e of p.events) await record(core, contact.id, e);
          if (p.archived) await call(core, 'contacts.archive', { id: contact.id, archived: true });
          people.push({ email, archived: p.archived, events: p.events });
        }
        const exported = await exportedMailingList(core);
        const lines = (parse(exported.csv) as string[][]).slice(1).map((r) => r[0]!.toLowerCase());
        const inFile = new Set(lines);
        expect(lines.length).toBe(inFile.size); // one line per address
        const expected = { included: 0, excluded: { restricted: 0, objected: 0, withdrawn: 0, archived: 0, noEmail: 0 }, neverSubscribed: 0 };
        const refused = new Set<string>();
        const eligibleAddresses = new Set<string>();
        for (const p of people) {
          const m = model(p.events);
          const newsletter = m.purposes.find((x) => x.code === 'newsletter')!.state;
          if (newsletter === 'none') expected.neverSubscribed += 1;
          else if (m.restricted) expected.excluded.restricted += 1;
          else if (newsletter === 'objected') expected.excluded.objected += 1;
          else if (newsletter === 'withdrawn') expected.excluded.withdrawn += 1;
          else if (p.archived) expected.excluded.archived += 1;
          else if (!p.email) expected.excluded.noEmail += 1;
          else expected.included += 1;
          const saidNo = newsletter !== 'none' && (m.restricted || newsletter === 'objected' || newsletter === 'withdrawn');
          if (p.email && saidNo) refused.add(p.email.toLowerCase());
          if (p.email && newsletter === 'granted' && !m.restricted && !p.archived) eligibleAddresses.add(p.email.toLowerCase());
        }
        // Exactly the addresses of people who may receive it, unless someone with that address said no.
        expect([...inFile].sort()).toEqual([...eligibleAddresses].filter((a) => !refused.has(a)).sort());
        const { addressRefused, duplicateAddress, ...ownReasons } = exported.counts.excluded;
        // expected.included counted eligible people; the address checks move some of them out.
        expect({ ...exported.counts, excluded: ownReasons, included: exported.counts.included + addressRefused + duplicateAddress }).toEqual(expected);
        const e = exported.counts.excluded;
        expect(exported.counts.included + e.restricted + e.objected + e.withdrawn + e.archived + e.noEmail + addressRefused + duplicateAddress + exported.counts.neverSubscribed).toBe(people.length);
      }),
      { numRuns: 15 },
    );
  });
});
