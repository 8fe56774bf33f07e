import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { RegistreCore } from '../../db/core';
import type { Input } from '../../shared/api/index';
import { call, callError, createdVault, exportedMailingList } from '../helpers';

type RecordInput = Input<'consents.record'>;

async function person(core: RegistreCore, fullName: string, extra: Omit<Input<'contacts.add'>, 'fullName'> = {}) {
  return call(core, 'contacts.add', { ...extra, fullName });
}

const rec = (core: RegistreCore, contactId: string, purposeCode: string, action: RecordInput['action'], occurredOn?: string) =>
  call(core, 'consents.record', { contactId, purposeCode, action, channel: 'email', ...(occurredOn ? { occurredOn } : {}) });

async function addPolicy(core: RegistreCore, v: { version: number; language: string; effectiveDate: string; material: boolean }): Promise<string> {
  const id = randomUUID();
  await core
    .context()
    .db.insertInto('policy_versions')
    .values({
      id,
      version: v.version,
      language: v.language,
      effective_date: v.effectiveDate,
      text: 'Policy text',
      material_change: v.material ? 1 : 0,
      created_at: new Date().toISOString(),
      summary: null,
    })
    .execute();
  return id;
}

const LI = ['collaboration', 'basecamp', 'photos', 'partner_sharing'];

describe('consent ledger on the real vault', () => {
  it('refuses UPDATE and DELETE of events, also through a contact deletion; a merge still moves them', async () => {
    const { core } = await createdVault();
    const a = await person(core, 'Jan Peeters', { email: 'jan@example.org' });
    const b = await person(core, 'Jan Peeters', { email: 'jan.peeters@example.org' });
    await rec(core, b.id, 'newsletter', 'granted', '2025-03-01');
    await rec(core, a.id, 'collaboration', 'objected', '2025-04-01');
    const db = core.context().db;
    await expect(sql`UPDATE consent_events SET action = 'withdrawn'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`UPDATE consent_events SET contact_id = ${a.id}`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM consent_events`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM contacts WHERE id = ${b.id}`.execute(db)).rejects.toThrow();
    expect((await call(core, 'vault.info', {})).counts.consent_events).toBe(2);

    await call(core, 'contacts.merge', { keepId: a.id, mergeId: b.id });
    const merged = await call(core, 'consents.forContact', { contactId: a.id });
    expect(merged.purposes.find((p) => p.purpose.code === 'newsletter')).toMatchObject({ state: 'granted', since: '2025-03-01' });
    expect(merged.purposes.find((p) => p.purpose.code === 'collaboration')).toMatchObject({ state: 'objected', applies: false });
    expect((await callError(core, 'consents.forContact', { contactId: b.id })).code).toBe('not_found');
  });

  it('picks the policy version in effect in the contact’s language, else French, else none', async () => {
    const { core } = await createdVault();
    // Version 1 in French is the vault's own, effective today.
    await addPolicy(core, { version: 5, language: 'fr', effectiveDate: '2020-01-01', material: false });
    const en = await addPolicy(core, { version: 1, language: 'en', effectiveDate: '2021-01-01', material: false });
    const en2 = await addPolicy(core, { version: 2, language: 'en', effectiveDate: '2023-06-01', material: false });
    const english = await person(core, 'Aoife Byrne', { language: 'en' });
    const german = await person(core, 'Lukas Weber', { language: 'de' });
    const shown = async (contactId: string, occurredOn: string, extra: Partial<RecordInput> = {}) => {
      const state = await call(core, 'consents.record', { contactId, purposeCode: 'newsletter', action: 'granted', channel: 'form', occurredOn, ...extra });
      // Ledger order: among the events of that day, the one entered last.
      return state.purposes[0]!.history.filter((e) => e.occurredOn === occurredOn).at(-1)!.policyVersion;
    };
    expect((await shown(english.id, '2022-05-05'))?.id).toBe(en);
    expect((await shown(english.id, '2023-06-01'))?.id).toBe(en2);
    expect(await shown(english.id, '2020-06-01')).toMatchObject({ language: 'fr', version: 5 });
    expect(await shown(german.id, '2022-05-05')).toMatchObject({ language: 'fr', version: 5 });
    expect(await shown(german.id, '2019-12-31')).toBeNull();
    // A version cited by number or id must be the one in effect that day for its language.
    expect((await shown(german.id, '2023-07-01', { policyVersion: 2, policyLanguage: 'en' }))?.id).toBe(en2);
    expect((await shown(english.id, '2022-01-01', { policyVersion: 1 }))?.id).toBe(en);
    expect((await shown(german.id, '2021-02-01', { policyVersionId: en }))?.id).toBe(en);
    const base = { purposeCode: 'newsletter', action: 'granted', channel: 'form' } as const;
    expect(await callError(core, 'consents.record', { ...base, contactId: german.id, occurredOn: '2019-12-31', policyVersion: 2, policyLanguage: 'en' })).toMatchObject({
      detail: { reason: 'policy_not_in_effect', field: 'policyVersion' },
    });
    expect(await callError(core, 'consents.record', { ...base, contactId: english.id, occurredOn: '2023-07-01', policyVersionId: en })).toMatchObject({
      detail: { reason: 'policy_not_in_effect', field: 'policyVersionId' },
    });
  });

  it('flags no remaining basis only after a withdrawal or objection leaves nothing that applies', async () => {
    const { core } = await createdVault();
    const org = await call(core, 'organisations.add', { name: 'Agence wallonne', type: 'governmental_agency', country: 'BE' });
    const gone = await person(core, 'Claire Lefèvre', { organisationId: org.id });
    const kept = await person(core, 'Marc Janssens');
    const restrictedOnly = await person(core, 'Søren Østergaard');
    await rec(core, gone.id, 'newsletter', 'granted', '2025-01-01');
    for (const code of LI) await rec(core, gone.id, code, 'objected', '2025-02-01');
    let state = await call(core, 'consents.forContact', { contactId: gone.id });
    // The newsletter consent still applies.
    expect(state.noRemainingBasis).toBeNull();
    state = await rec(core, gone.id, 'newsletter', 'withdrawn', '2025-03-04');
    expect(state.noRemainingBasis?.since).toBe('2025-03-04');
    expect(state.noRemainingBasis?.events.map((e) => [e.purpose.code, e.action])).toEqual([['newsletter', 'withdrawn'], ...LI.map((c) => [c, 'objected']).reverse()]);

    // Objecting to some legitimate interests leaves the others.
    await rec(core, kept.id, 'collaboration', 'objected', '2025-02-01');
    expect((await call(core, 'consents.forContact', { contactId: kept.id })).noRemainingBasis).toBeNull();
    // Restrictions alone are not a loss of basis to review, but they mark the person restricted.
    for (const code of LI) await rec(core, restrictedOnly.id, code, 'restricted', '2025-02-01');
    const r = await call(core, 'consents.forContact', { contactId: restrictedOnly.id });
    expect(r).toMatchObject({ restricted: true, noRemainingBasis: null });

    const list = await call(core, 'consents.noBasis', {});
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ contactId: gone.id, fullName: 'Claire Lefèvre', organisationName: 'Agence wallonne', reason: state.noRemainingBasis });
    // A new grant gives a basis back.
    await rec(core, gone.id, 'payments', 'granted', '2025-04-01');
    expect(await call(core, 'consents.noBasis', {})).toEqual({ total: 0, items: [] });
  });

  it('lists consents given before a material change of the policy', async () => {
    const { core } = await createdVault();
    const minor = await addPolicy(core, { version: 2, language: 'fr', effectiveDate: '2025-06-01', material: false });
    const material = await addPolicy(core, { version: 3, language: 'fr', effectiveDate: '2025-09-01', material: true });
    const old = await person(core, 'Anna Nowak');
    const fresh = await person(core, 'Zoë de Vries');
    const withdrew = await person(core, 'Lukas Müller');
    await rec(core, old.id, 'newsletter', 'granted', '2025-07-01');
    await rec(core, old.id, 'event_logistics', 'granted', '2025-08-31');
    await rec(core, old.id, 'collaboration', 'granted', '2025-01-01');
    await rec(core, fresh.id, 'newsletter', 'granted', '2025-01-01');
    await rec(core, fresh.id, 'newsletter', 'granted', '2025-09-01');
    await rec(core, withdrew.id, 'newsletter', 'granted', '2025-01-01');
    await rec(core, withdrew.id, 'newsletter', 'withdrawn', '2025-02-01');
    const page = await call(core, 'consents.reconsentNeeded', { policyVersionId: material });
    expect(page.total).toBe(2);
    expect(page.items.map((i) => [i.contactId, i.purpose.code, i.grantedOn, i.policyVersionShown])).toEqual([
      [old.id, 'newsletter', '2025-07-01', 2],
      [old.id, 'event_logistics', '2025-08-31', 2],
    ]);
    expect((await call(core, 'consents.reconsentNeeded', { policyVersionId: material, limit: 1, offset: 1 })).items.map((i) => i.purpose.code)).toEqual(['event_logistics']);
    expect(await callError(core, 'consents.reconsentNeeded', { policyVersionId: minor })).toMatchObject({ code: 'invalid_input', detail: { reason: 'not_material' } });
    expect((await callError(core, 'consents.reconsentNeeded', { policyVersionId: 'nope' })).code).toBe('not_found');
  });

  it('exports the mailing list for Mailchimp, in the register order, audited without personal values', async () => {
    const { core } = await createdVault();
    const org = await call(core, 'organisations.add', { name: '=Formula Org', type: 'other' });
    const zoe = await person(core, 'Zoë Anne de Vries', { email: 'zoe@example.org', otherEmails: ['zoe.private@example.org'], language: 'nl', organisationId: org.id });
    const aoife = await person(core, 'Aoife Byrne', { email: 'aoife@example.org', language: 'en' });
    const noMail = await person(core, 'Marc Janssens');
    const archived = await person(core, 'Inès Fontaine', { email: 'ines@example.org' });
    const restricted = await person(core, 'Jan Peeters', { email: 'jan@example.org' });
    const withdrew = await person(core, 'Claire Lefèvre', { email: 'claire@example.org' });
    await person(core, 'Never Asked', { email: 'never@example.org' });
    for (const c of [zoe, aoife, noMail, archived, restricted, withdrew]) await rec(core, c.id, 'newsletter', 'granted', '2025-01-01');
    await call(core, 'contacts.archive', { id: archived.id, archived: true });
    await rec(core, restricted.id, 'photos', 'restricted', '2025-02-01');
    await rec(core, withdrew.id, 'newsletter', 'withdrawn', '2025-02-01');
    // A duplicate of Claire with her address in capitals, still subscribed: her "no" wins for the address.
    const twin = await person(core, 'Claire Lefevre', { email: 'CLAIRE@example.org' });
    await rec(core, twin.id, 'newsletter', 'granted', '2025-03-01');
    // And a second contact with Aoife's address: one line per address.
    const aoifeWork = await person(core, 'Aoife Byrne-Walsh', { email: 'Aoife@Example.org' });
    await rec(core, aoifeWork.id, 'newsletter', 'granted', '2025-03-01');
    const counts = { included: 2, excluded: { restricted: 1, objected: 0, withdrawn: 1, archived: 1, noEmail: 1, addressRefused: 1, duplicateAddress: 1 }, neverSubscribed: 1 };
    expect(await call(core, 'mailingList.preview', {})).toEqual(counts);
    const { csv, answer } = await exportedMailingList(core);
    expect(answer.counts).toEqual(counts);
    expect(answer.result).toMatchObject({ outcome: 'written', rows: 2, manifestPath: expect.stringMatching(/newsletter\.csv\.manifest\.json$/) });
    expect(parse(csv)).toEqual([
      ['Email Address', 'First Name', 'Last Name', 'Language', 'Organisation'],
      ['aoife@example.org', 'Aoife', 'Byrne', 'en', ''],
      ['zoe@example.org', 'Zoë', 'Anne de Vries', 'nl', "'=Formula Org"],
    ]);
    const [event] = await call(core, 'audit.list', { limit: 1 });
    expect(event).toMatchObject({ action: 'mailing_list.exported', fields: ['emailAddress', 'firstName', 'lastName', 'language', 'organisation'] });
    expect(JSON.stringify(event)).not.toContain('example.org');
  });
});
