import { describe, expect, it } from 'vitest';
import { call, callError, createdVault, PASS } from '../helpers';
import type { RegistreCore } from '../../db/core';

async function ledgerVault() {
  const { core } = await createdVault();
  const contact = await call(core, 'contacts.add', { fullName: 'Inès Fontaine', email: 'ines@example.org', language: 'fr' });
  return { core, contact };
}

const eventCount = async (core: RegistreCore) => (await call(core, 'vault.info', {})).counts.consent_events;

describe('consent ledger', () => {
  it('records a consent with the purpose basis, the policy in effect and one audit event', async () => {
    const { core, contact } = await ledgerVault();
    const state = await call(core, 'consents.record', { contactId: contact.id, purposeCode: 'newsletter', action: 'granted', channel: 'form', evidence: 'Web form' });
    const newsletter = state.purposes.find((p) => p.purpose.code === 'newsletter')!;
    expect(newsletter).toMatchObject({ state: 'granted', applies: true, since: new Date().toISOString().slice(0, 10) });
    expect(newsletter.history).toHaveLength(1);
    expect(newsletter.history[0]).toMatchObject({ lawfulBasis: 'consent', channel: 'form', evidence: 'Web form', recordedBy: { name: 'Anna Admin' } });
    expect(newsletter.history[0]!.policyVersion).toMatchObject({ version: 1, language: 'fr' });
    // Legitimate interest applies without any event; consent purposes need one.
    expect(state.purposes.find((p) => p.purpose.code === 'collaboration')).toMatchObject({ state: 'none', applies: true });
    expect(state.purposes.find((p) => p.purpose.code === 'event_logistics')).toMatchObject({ state: 'none', applies: false });
    expect(state.purposes.map((p) => p.purpose.code)).toEqual(['newsletter', 'collaboration', 'event_logistics', 'basecamp', 'payments', 'photos', 'partner_sharing']);
    const [event] = await call(core, 'audit.list', { limit: 1 });
    expect(event).toMatchObject({ action: 'consent.recorded', entityId: newsletter.history[0]!.id, subjectId: contact.id });
    expect(JSON.stringify(event)).not.toContain('Web form');
    expect(await call(core, 'consents.forContact', { contactId: contact.id })).toEqual(state);
  });

  it('orders by the day it happened, then by entry, whatever order the events were typed in', async () => {
    const { core, contact } = await ledgerVault();
    const rec = (action: 'granted' | 'withdrawn', occurredOn: string) => call(core, 'consents.record', { contactId: contact.id, purposeCode: 'newsletter', action, channel: 'email', occurredOn });
    await rec('withdrawn', '2025-06-01');
    const state = await rec('granted', '2025-01-10');
    const newsletter = state.purposes[0]!;
    expect(newsletter.state).toBe('withdrawn');
    expect(newsletter.history.map((e) => e.occurredOn)).toEqual(['2025-01-10', '2025-06-01']);
    // Same day: the one entered last counts.
    expect((await rec('granted', '2025-06-01')).purposes[0]!.state).toBe('granted');
    expect((await rec('withdrawn', '2025-06-01')).purposes[0]!.state).toBe('withdrawn');
  });

  it('refuses bad input and changes nothing', async () => {
    const { core, contact } = await ledgerVault();
    const before = await eventCount(core);
    const auditBefore = (await call(core, 'vault.info', {})).counts.audit_events;
    const base = { contactId: contact.id, purposeCode: 'newsletter', action: 'granted', channel: 'form' } as const;
    const future = await callError(core, 'consents.record', { ...base, occurredOn: '2999-01-01' });
    expect(future).toMatchObject({ code: 'invalid_input', detail: { reason: 'date_in_future' } });
    expect(await callError(core, 'consents.record', { ...base, occurredOn: '2025-02-30' })).toMatchObject({ code: 'invalid_input', detail: { reason: 'date_invalid' } });
    const objection = await callError(core, 'consents.record', { ...base, action: 'objected' });
    expect(objection).toMatchObject({ code: 'invalid_input', detail: { reason: 'objection_on_consent' } });
    expect(objection.message).toMatch(/withdrawal of consent/);
    expect(await callError(core, 'consents.record', { ...base, purposeCode: 'payments', action: 'objected' })).toMatchObject({
      code: 'invalid_input',
      detail: { reason: 'objection_without_legitimate_interest' },
    });
    expect(await callError(core, 'consents.record', { ...base, purposeCode: 'collaboration', action: 'withdrawn' })).toMatchObject({
      code: 'invalid_input',
      detail: { reason: 'withdrawal_without_consent' },
    });
    expect(await callError(core, 'consents.record', { ...base, purposeCode: 'lottery' })).toMatchObject({ code: 'not_found', detail: { reason: 'purpose_absent' } });
    expect(await callError(core, 'consents.record', { ...base, purposeCode: undefined, purposeId: 'purpose-nope' })).toMatchObject({ code: 'not_found' });
    expect(await callError(core, 'consents.record', { ...base, contactId: 'nobody' })).toMatchObject({ code: 'not_found', detail: { reason: 'contact_absent' } });
    expect(await callError(core, 'consents.record', { ...base, policyVersionId: 'no-such-version' })).toMatchObject({ code: 'not_found', detail: { reason: 'policy_absent' } });
    expect(await callError(core, 'consents.record', { ...base, policyVersion: 7 })).toMatchObject({ code: 'not_found', detail: { reason: 'policy_absent' } });
    expect((await callError(core, 'consents.record', { ...base, purposeId: 'purpose-newsletter' })).code).toBe('invalid_input');
    expect((await callError(core, 'consents.forContact', { contactId: 'nobody' })).code).toBe('not_found');
    expect(await eventCount(core)).toBe(before);
    expect((await call(core, 'vault.info', {})).counts.audit_events).toBe(auditBefore);
  });

  it('auditors can read the ledger but not record', async () => {
    const { core, contact } = await ledgerVault();
    await call(core, 'consents.record', { contactId: contact.id, purposeCode: 'newsletter', action: 'granted', channel: 'form' });
    await call(core, 'staff.add', { name: 'Olga Auditor', role: 'auditor', passphrase: 'auditor passphrase' });
    await call(core, 'vault.lock', {});
    await call(core, 'vault.unlock', { passphrase: 'auditor passphrase' });
    expect((await call(core, 'consents.forContact', { contactId: contact.id })).purposes[0]!.state).toBe('granted');
    const refused = await callError(core, 'consents.record', { contactId: contact.id, purposeCode: 'newsletter', action: 'withdrawn', channel: 'email' });
    expect(refused.code).toBe('forbidden');
    await call(core, 'vault.lock', {});
    await call(core, 'vault.unlock', { passphrase: PASS });
    expect((await call(core, 'consents.forContact', { contactId: contact.id })).purposes[0]!.history).toHaveLength(1);
  });
});
