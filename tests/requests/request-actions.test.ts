/**
 * Carrying a rights request out from its page (issue 13): the bundle attached with its
 * manifest's hash, the rectification's before and after, the restriction that takes the
 * person off the mailing list and out of partner sharing (and its lifting), the objection
 * that stops the legitimate interests, the withdrawal, the erasure. Each refusal (wrong
 * type, closed request, another person, nothing to do) changes nothing; the timeline and
 * the audit log never hold the person's values. Real encrypted vaults, real files.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RegistreCore } from '../../db/core';
import { readZip } from '../../db/export/zip';
import type { Input } from '../../shared/api/index';
import type { RequestActionDto } from '../../shared/dto/requests';
import { localDay } from '../../shared/rules/dates';
import { call, callError, createdVault, exportedMailingList, tempDir } from '../helpers';

const today = () => localDay(new Date());

async function setUp() {
  const { core } = await createdVault();
  const ana = await call(core, 'contacts.add', { fullName: 'Ana Ruiz', email: 'ana.ruiz@example.org', jobTitle: 'Inspector' });
  const ben = await call(core, 'contacts.add', { fullName: 'Ben Okafor', email: 'ben.okafor@example.org' });
  for (const c of [ana, ben]) await call(core, 'consents.record', { contactId: c.id, purposeCode: 'newsletter', action: 'granted', channel: 'form' });
  const add = (type: Input<'requests.add'>['type'], input: Partial<Input<'requests.add'>> = {}) =>
    call(core, 'requests.add', { type, receivedOn: today(), channel: 'email', contactId: ana.id, ...input });
  return { core, ana, ben, add };
}

/** What a refused call must leave as it was. */
function snapshot(core: RegistreCore) {
  const raw = core.context().vault.raw;
  const count = (t: string) => raw.prepare(`SELECT count(*) FROM ${t}`).pluck().get();
  return {
    actions: count('request_actions'),
    events: count('request_events'),
    consents: count('consent_events'),
    contacts: raw.prepare('SELECT * FROM contacts ORDER BY id').all(),
    emails: raw.prepare('SELECT * FROM contact_emails ORDER BY entry_seq').all(),
    audit: raw.prepare('SELECT seq, hash FROM audit_head').get(),
  };
}

/** Every audit event since `seq`, as stored. */
function auditSince(core: RegistreCore, seq: number) {
  return core.context().vault.raw.prepare('SELECT action, entity_type, entity_id, subject_id, fields FROM audit_events WHERE seq > ? ORDER BY seq').all(seq) as Array<Record<string, string | null>>;
}
const headSeq = (core: RegistreCore) => core.context().vault.raw.prepare('SELECT seq FROM audit_head').pluck().get() as number;

const action = <A extends RequestActionDto['action']>(actions: RequestActionDto[], kind: A) => actions.filter((a): a is Extract<RequestActionDto, { action: A }> => a.action === kind);

describe('carrying a request out', () => {
  it('attaches the access bundle to the request with the hash of its manifest, in the export’s own transaction', async () => {
    const { core, ana, ben, add } = await setUp();
    const request = await add('access');
    const out = join(tempDir('registre-bundle-'), 'registre-access-Ana Ruiz.zip');
    const seq = headSeq(core);
    const result = await call(core, 'exports.subject', { contactId: ana.id, mode: 'access', out, requestId: request.id });
    if (result.outcome !== 'written') throw new Error('not written');
    const manifest = (await readZip(out)).find((e) => e.name === 'manifest.json')!;
    const detail = await call(core, 'requests.get', { id: request.id });
    const [bundle] = action(detail.actions, 'bundle');
    expect(detail.actions).toHaveLength(1);
    expect(bundle).toMatchObject({
      doneBy: { name: 'Anna Admin' },
      detail: {
        fileName: 'registre-access-Ana Ruiz.zip',
        mode: 'access',
        manifestSha256: createHash('sha256').update(manifest.bytes).digest('hex'),
        chainHead: result.auditHead,
        includeSensitive: false,
      },
    });
    expect(JSON.parse(Buffer.from(manifest.bytes).toString('utf8')).auditChain).toEqual(bundle!.detail.chainHead);
    expect(detail.events.at(-1)).toMatchObject({ kind: 'carried_out', fromState: 'received', toState: 'received', detail: { action: 'bundle', actionId: bundle!.id } });
    // The export's event is the head its manifest carries; the request's step follows it, ids only.
    const audit = auditSince(core, seq);
    expect(audit.map((a) => a.action)).toEqual(['export.subject', 'request.carried_out']);
    expect(JSON.stringify(audit)).not.toMatch(/Ana|Ruiz|registre-access/);

    // A portability bundle does not carry out an access request; another person's neither; a closed one nothing.
    const portability = await add('portability');
    const before = snapshot(core);
    const dir = tempDir('registre-refused-');
    const refused = [
      [{ contactId: ana.id, mode: 'portability', requestId: request.id }, 'request_type_mismatch'],
      [{ contactId: ana.id, mode: 'access', requestId: portability.id }, 'request_type_mismatch'],
      [{ contactId: ben.id, mode: 'access', requestId: request.id }, 'request_other_contact'],
      [{ contactId: ana.id, mode: 'access', requestId: 'no-such-request' }, 'request_absent'],
    ] as const;
    for (const [input, reason] of refused) {
      const target = join(dir, `${reason}.zip`);
      expect(await callError(core, 'exports.subject', { ...input, out: target })).toMatchObject({ detail: { reason } });
      expect(existsSync(target)).toBe(false);
    }
    await call(core, 'requests.start', { id: portability.id });
    await call(core, 'requests.close', { id: portability.id, outcome: 'completed' });
    const afterClose = snapshot(core);
    expect(await callError(core, 'exports.subject', { contactId: ana.id, mode: 'portability', requestId: portability.id, out: join(dir, 'closed.zip') })).toMatchObject({
      code: 'conflict',
      detail: { reason: 'request_closed' },
    });
    expect(snapshot(core)).toEqual(afterClose);
    expect(before.actions).toBe(afterClose.actions);
    // Without a request, the bundle is what it was: nothing is recorded on any request.
    await call(core, 'exports.subject', { contactId: ana.id, mode: 'access', out: join(dir, 'plain.zip') });
    expect(snapshot(core).actions).toBe(before.actions);
  });

  it('rectifies the contact and keeps each changed field’s before and after on the request only', async () => {
    const { core, ana, add } = await setUp();
    const request = await add('rectification');
    const seq = headSeq(core);
    const detail = await call(core, 'requests.rectify', { id: request.id, changes: { jobTitle: 'Chief inspector', email: 'ana.r@example.org', fullName: 'Ana Ruiz' } });
    const [rect] = action(detail.actions, 'rectification');
    expect(rect!.detail).toEqual({
      fields: ['email', 'jobTitle'],
      changes: [
        { field: 'email', before: 'ana.ruiz@example.org', after: 'ana.r@example.org' },
        { field: 'jobTitle', before: 'Inspector', after: 'Chief inspector' },
      ],
    });
    expect(await call(core, 'contacts.get', { id: ana.id })).toMatchObject({ jobTitle: 'Chief inspector', emails: [{ address: 'ana.r@example.org', primary: true }] });
    expect(detail.events.at(-1)).toMatchObject({ kind: 'carried_out', detail: { action: 'rectification', actionId: rect!.id, fields: 'email,jobTitle' } });
    const audit = auditSince(core, seq);
    expect(audit.map((a) => [a.action, a.fields])).toEqual([
      ['contact.updated', JSON.stringify(['email', 'jobTitle'])],
      ['request.carried_out', JSON.stringify(['action', 'email', 'jobTitle'])],
    ]);
    expect(JSON.stringify(audit)).not.toMatch(/inspector|example\.org/i);

    // Nothing to correct, a bad e-mail, the wrong type, a request linked to no one: all change nothing.
    const access = await add('access');
    const unlinked = await add('rectification', { contactId: undefined, requesterName: 'Someone' });
    const before = snapshot(core);
    expect(await callError(core, 'requests.rectify', { id: request.id, changes: { jobTitle: 'Chief inspector' } })).toMatchObject({ detail: { reason: 'rectification_unchanged' } });
    expect(await callError(core, 'requests.rectify', { id: request.id, changes: { jobTitle: 'X', email: 'not-an-address' } })).toMatchObject({ detail: { reason: 'email_invalid' } });
    expect(await callError(core, 'requests.rectify', { id: request.id, changes: {} })).toMatchObject({ code: 'invalid_input' });
    expect(await callError(core, 'requests.rectify', { id: request.id, changes: { shoeSize: 42 } })).toMatchObject({ code: 'invalid_input' });
    expect(await callError(core, 'requests.rectify', { id: access.id, changes: { jobTitle: 'X' } })).toMatchObject({ detail: { reason: 'request_type_mismatch' } });
    expect(await callError(core, 'requests.rectify', { id: unlinked.id, changes: { jobTitle: 'X' } })).toMatchObject({ detail: { reason: 'request_unlinked' } });
    expect(await callError(core, 'requests.rectify', { id: 'no-such-request', changes: { jobTitle: 'X' } })).toMatchObject({ code: 'not_found', detail: { reason: 'request_absent' } });
    expect(snapshot(core)).toEqual(before);
  });

  it('restricts processing: the person leaves the mailing list and partner sharing until the restriction is lifted', async () => {
    const { core, ana, ben, add } = await setUp();
    expect((await call(core, 'mailingList.preview', {})).included).toBe(2);
    const request = await add('restriction', { channel: 'post' });
    const detail = await call(core, 'requests.restrict', { id: request.id });
    const [restriction] = action(detail.actions, 'restriction');
    expect(restriction!.detail).toMatchObject({ purposeCode: 'collaboration', lifted: false, restored: null });

    const consents = await call(core, 'consents.forContact', { contactId: ana.id });
    expect(consents.restricted).toBe(true);
    const event = consents.purposes.find((p) => p.purpose.code === 'collaboration')!.history.at(-1)!;
    expect(event).toMatchObject({ id: restriction!.detail.consentEventId, action: 'restricted', channel: 'paper', evidence: `Rights request ${request.id}`, occurredOn: today() });

    const preview = await call(core, 'mailingList.preview', {});
    expect(preview).toMatchObject({ included: 1, excluded: { restricted: 1 } });
    const list = await exportedMailingList(core);
    expect(list.csv).toContain('ben.okafor@example.org');
    expect(list.csv).not.toContain('ana.ruiz@example.org');
    const share = (contactId: string) => ({ contactId, partner: 'ENPE', jointActivity: 'Joint training', dataCategories: ['name'], sharedOn: today() });
    expect(await callError(core, 'sharing.record', share(ana.id))).toMatchObject({ code: 'conflict', detail: { reason: 'sharing_objected', action: 'restricted' } });
    await call(core, 'sharing.record', share(ben.id));

    // Restricted already; an objection request does not restrict.
    const objection = await add('objection');
    const before = snapshot(core);
    expect(await callError(core, 'requests.restrict', { id: request.id })).toMatchObject({ detail: { reason: 'already_restricted' } });
    expect(await callError(core, 'requests.restrict', { id: objection.id })).toMatchObject({ detail: { reason: 'request_type_mismatch' } });
    expect(await callError(core, 'requests.liftRestriction', { id: objection.id })).toMatchObject({ detail: { reason: 'request_type_mismatch' } });
    expect(snapshot(core)).toEqual(before);

    // Lifted after the reply: the purpose gets back its grant, and the person the list and sharing.
    await call(core, 'requests.start', { id: request.id });
    await call(core, 'requests.close', { id: request.id, outcome: 'completed' });
    const lifted = await call(core, 'requests.liftRestriction', { id: request.id });
    expect(action(lifted.actions, 'restriction').map((a) => a.detail)).toEqual([restriction!.detail, expect.objectContaining({ purposeCode: 'collaboration', lifted: true, restored: 'granted' })]);
    expect((await call(core, 'consents.forContact', { contactId: ana.id })).restricted).toBe(false);
    expect((await call(core, 'mailingList.preview', {})).included).toBe(2);
    await call(core, 'sharing.record', share(ana.id));
    const afterLift = snapshot(core);
    expect(await callError(core, 'requests.liftRestriction', { id: request.id })).toMatchObject({ detail: { reason: 'not_restricted' } });
    // A closed request carries out nothing new.
    expect(await callError(core, 'requests.restrict', { id: request.id })).toMatchObject({ detail: { reason: 'request_closed' } });
    expect(snapshot(core)).toEqual(afterLift);
  });

  it('records a restriction beside an objection, and lifting one recorded over an objection gives the objection back', async () => {
    const { core, ana, add } = await setUp();
    await call(core, 'consents.record', { contactId: ana.id, purposeCode: 'collaboration', action: 'objected', channel: 'email' });
    const before = snapshot(core);
    expect(await callError(core, 'requests.restrict', { id: 'no-such-request' })).toMatchObject({ code: 'not_found', detail: { reason: 'request_absent' } });
    expect(await callError(core, 'requests.restrict', { id: '' })).toMatchObject({ code: 'invalid_input' });
    expect(snapshot(core)).toEqual(before);
    const request = await add('restriction');
    const restricted = await call(core, 'requests.restrict', { id: request.id });
    // The objected purpose is left as it is: the restriction goes on the next legitimate interest.
    expect(action(restricted.actions, 'restriction')[0]!.detail.purposeCode).toBe('basecamp');
    const state = await call(core, 'consents.forContact', { contactId: ana.id });
    expect(state.purposes.find((p) => p.purpose.code === 'collaboration')!.state).toBe('objected');
    expect(state.restricted).toBe(true);
    const lifted = await call(core, 'requests.liftRestriction', { id: request.id });
    expect(action(lifted.actions, 'restriction')[1]!.detail).toMatchObject({ purposeCode: 'basecamp', lifted: true, restored: 'granted' });
    const after = await call(core, 'consents.forContact', { contactId: ana.id });
    expect(after.restricted).toBe(false);
    expect(after.purposes.filter((p) => p.state === 'objected').map((p) => p.purpose.code)).toEqual(['collaboration']);

    // Every legitimate interest objected to: the restriction goes over the first objection, and its lifting restores it.
    for (const purposeCode of ['basecamp', 'photos', 'partner_sharing']) await call(core, 'consents.record', { contactId: ana.id, purposeCode, action: 'objected', channel: 'email' });
    const second = await add('restriction');
    expect(action((await call(core, 'requests.restrict', { id: second.id })).actions, 'restriction')[0]!.detail.purposeCode).toBe('collaboration');
    const liftedAgain = await call(core, 'requests.liftRestriction', { id: second.id });
    expect(action(liftedAgain.actions, 'restriction')[1]!.detail).toMatchObject({ purposeCode: 'collaboration', lifted: true, restored: 'objected' });
    const last = await call(core, 'consents.forContact', { contactId: ana.id });
    expect(last.restricted).toBe(false);
    expect(last.purposes.filter((p) => p.purpose.lawfulBasis === 'legitimate_interest').map((p) => p.state)).toEqual(['objected', 'objected', 'objected', 'objected']);
  });

  it('an objection stops every legitimate interest (or the chosen ones) and never a consent; a withdrawal ends the chosen consents', async () => {
    const { core, ana, add } = await setUp();
    const objection = await add('objection');
    const before = snapshot(core);
    expect(await callError(core, 'requests.object', { id: objection.id, purposeCodes: ['basecamp', 'newsletter'] })).toMatchObject({ detail: { reason: 'objection_on_consent' } });
    expect(await callError(core, 'requests.object', { id: objection.id, purposeCodes: ['no_such_purpose'] })).toMatchObject({ detail: { reason: 'purpose_absent' } });
    expect(await callError(core, 'requests.object', { id: objection.id, purposeCodes: [] })).toMatchObject({ code: 'invalid_input' });
    expect(snapshot(core)).toEqual(before);

    const seq = headSeq(core);
    const detail = await call(core, 'requests.object', { id: objection.id });
    const [objected] = action(detail.actions, 'objection');
    expect(objected!.detail.purposeCodes).toEqual(['collaboration', 'basecamp', 'photos', 'partner_sharing']);
    const state = await call(core, 'consents.forContact', { contactId: ana.id });
    for (const p of state.purposes) {
      if (p.purpose.lawfulBasis === 'legitimate_interest') expect(p).toMatchObject({ state: 'objected', applies: false });
      if (p.purpose.code === 'newsletter') expect(p).toMatchObject({ state: 'granted', applies: true });
    }
    expect(state.purposes.filter((p) => p.state === 'objected').map((p) => p.history.at(-1)!.id)).toEqual(objected!.detail.consentEventIds);
    expect(await callError(core, 'sharing.record', { contactId: ana.id, partner: 'ENPE', jointActivity: 'Joint training', dataCategories: ['name'], sharedOn: today() })).toMatchObject({
      detail: { reason: 'sharing_objected', action: 'objected' },
    });
    expect(auditSince(core, seq).map((a) => a.action)).toEqual([...Array(4).fill('consent.recorded'), 'request.carried_out']);
    const withdrawal = await add('consent_withdrawal', { channel: 'phone' });
    const again = snapshot(core);
    expect(await callError(core, 'requests.object', { id: objection.id })).toMatchObject({ detail: { reason: 'already_objected' } });
    expect(snapshot(core)).toEqual(again);

    expect(await callError(core, 'requests.withdraw', { id: withdrawal.id, purposeCodes: ['collaboration'] })).toMatchObject({ detail: { reason: 'withdrawal_without_consent' } });
    expect(await callError(core, 'requests.withdraw', { id: objection.id, purposeCodes: ['newsletter'] })).toMatchObject({ detail: { reason: 'request_type_mismatch' } });
    expect(snapshot(core)).toEqual(again);
    const withdrawn = await call(core, 'requests.withdraw', { id: withdrawal.id, purposeCodes: ['newsletter', 'event_logistics'] });
    expect(action(withdrawn.actions, 'withdrawal')[0]!.detail.purposeCodes).toEqual(['newsletter', 'event_logistics']);
    const newsletter = (await call(core, 'consents.forContact', { contactId: ana.id })).purposes.find((p) => p.purpose.code === 'newsletter')!;
    expect(newsletter.history.at(-1)).toMatchObject({ action: 'withdrawn', channel: 'phone', evidence: `Rights request ${withdrawal.id}` });
    expect(await call(core, 'mailingList.preview', {})).toMatchObject({ included: 1, excluded: { withdrawn: 1 } });
    expect(await callError(core, 'requests.withdraw', { id: withdrawal.id, purposeCodes: ['newsletter'] })).toMatchObject({ detail: { reason: 'consent_already_withdrawn' } });
  });

  it('records the erasure on the erasure request of that person, and only on one', async () => {
    const { core, ana, ben, add } = await setUp();
    const access = await add('access');
    const bens = await add('erasure', { contactId: ben.id });
    const erasure = await add('erasure');
    const before = snapshot(core);
    expect(await callError(core, 'contacts.erase', { contactId: ana.id, reason: 'Art. 17 request', requestId: access.id })).toMatchObject({ detail: { reason: 'request_type_mismatch' } });
    expect(await callError(core, 'contacts.erase', { contactId: ana.id, reason: 'Art. 17 request', requestId: bens.id })).toMatchObject({ detail: { reason: 'request_other_contact' } });
    expect(snapshot(core)).toEqual(before);

    const result = await call(core, 'contacts.erase', { contactId: ana.id, reason: 'Art. 17 request', requestId: erasure.id });
    const detail = await call(core, 'requests.get', { id: erasure.id });
    expect(detail.contact).toBeNull();
    expect(detail.actions).toEqual([expect.objectContaining({ action: 'erasure', detail: { erasureId: result.erasureId, keptCount: result.kept.length } })]);
    expect(detail.events.at(-1)).toMatchObject({ kind: 'carried_out', detail: { action: 'erasure' } });
    // The request is linked to no one now: nothing more is carried out under it.
    expect(await callError(core, 'contacts.erase', { contactId: ben.id, reason: 'Art. 17 request', requestId: erasure.id })).toMatchObject({ detail: { reason: 'request_unlinked' } });
  });
});
