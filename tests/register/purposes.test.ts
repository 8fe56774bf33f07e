import { describe, expect, it } from 'vitest';
import type { RegistreCore } from '../../db/core';
import { call, callError, createdVault } from '../helpers';

const lastAudit = async (core: RegistreCore) => (await call(core, 'audit.list', { limit: 1 }))[0]!;

describe('purposes', () => {
  it('a new vault lists the policy purposes in order, with their processors', async () => {
    const { core } = await createdVault();
    const purposes = await call(core, 'purposes.list', {});
    expect(purposes.map((p) => p.code)).toEqual(['newsletter', 'collaboration', 'event_logistics', 'basecamp', 'payments', 'photos', 'partner_sharing']);
    const newsletter = purposes[0]!;
    expect(newsletter).toMatchObject({ lawfulBasis: 'consent', nameFr: "Lettre d'information", retentionEn: 'Until consent is withdrawn' });
    expect(newsletter.processors.map((p) => p.name)).toEqual(['Mailchimp']);
    expect(purposes.find((p) => p.code === 'event_logistics')!.processors.map((p) => p.name)).toEqual(['Azavista', 'Google Forms', 'TravelPerk']);
  });

  it('admins add a purpose at the end; its code is unique; unknown processors are refused', async () => {
    const { core } = await createdVault();
    const { processors } = await call(core, 'processors.list', {});
    const drive = processors.find((p) => p.name === 'Google Drive')!;
    const added = await call(core, 'purposes.add', {
      code: 'alumni',
      nameEn: 'Alumni network',
      nameFr: 'Réseau des anciens',
      lawfulBasis: 'consent',
      processorIds: [drive.id, drive.id],
    });
    expect(added.processors).toEqual([{ id: drive.id, name: 'Google Drive' }]);
    expect((await call(core, 'purposes.list', {})).at(-1)!.code).toBe('alumni');
    expect(await lastAudit(core)).toMatchObject({ action: 'purpose.added', entityId: added.id, fields: ['code', 'nameEn', 'nameFr', 'lawfulBasis', 'processorIds'] });

    const dup = await callError(core, 'purposes.add', { code: 'newsletter', nameEn: 'X', nameFr: 'X', lawfulBasis: 'consent' });
    expect(dup).toMatchObject({ code: 'conflict', detail: { reason: 'purpose_code_taken' } });
    const ghost = await callError(core, 'purposes.add', { code: 'ghost', nameEn: 'X', nameFr: 'X', lawfulBasis: 'consent', processorIds: ['nope'] });
    expect(ghost.code).toBe('not_found');
    const badCode = await callError(core, 'purposes.add', { code: 'Bad Code', nameEn: 'X', nameFr: 'X', lawfulBasis: 'consent' });
    expect(badCode.code).toBe('invalid_input');
    expect((await call(core, 'purposes.list', {})).map((p) => p.code)).not.toContain('ghost');
  });

  it('an update names the changed fields, replaces the processors, and a no-op writes nothing', async () => {
    const { core } = await createdVault();
    const { processors } = await call(core, 'processors.list', {});
    const basecamp = (await call(core, 'purposes.list', {})).find((p) => p.code === 'basecamp')!;
    const onedrive = processors.find((p) => p.name === 'OneDrive')!;
    const updated = await call(core, 'purposes.update', { id: basecamp.id, nameEn: basecamp.nameEn, retentionFr: 'Cinq ans', processorIds: [onedrive.id] });
    expect(updated.retentionFr).toBe('Cinq ans');
    expect(updated.processors).toEqual([{ id: onedrive.id, name: 'OneDrive' }]);
    expect(updated.code).toBe('basecamp');
    const event = await lastAudit(core);
    expect(event).toMatchObject({ action: 'purpose.updated', entityId: basecamp.id, fields: ['retentionFr', 'processorIds'] });

    await call(core, 'purposes.update', { id: basecamp.id, nameEn: basecamp.nameEn, retentionFr: 'Cinq ans', processorIds: [onedrive.id] });
    expect((await lastAudit(core)).seq).toBe(event.seq);

    expect((await callError(core, 'purposes.update', { id: basecamp.id, processorIds: ['nope'] })).code).toBe('not_found');
    expect((await callError(core, 'purposes.update', { id: 'nope', nameEn: 'X' })).code).toBe('not_found');
    expect((await callError(core, 'purposes.update', { id: basecamp.id, code: 'other' })).code).toBe('invalid_input');
    expect((await call(core, 'purposes.list', {})).find((p) => p.id === basecamp.id)!.processors).toEqual([{ id: onedrive.id, name: 'OneDrive' }]);
  });

  it('a partial update keeps every other field and audits only what it changed', async () => {
    const { core } = await createdVault();
    const newsletter = (await call(core, 'purposes.list', {})).find((p) => p.code === 'newsletter')!;
    const renamed = await call(core, 'purposes.update', { id: newsletter.id, descriptionEn: 'Our monthly news' });
    expect(renamed).toEqual({ ...newsletter, descriptionEn: 'Our monthly news' });
    expect(await lastAudit(core)).toMatchObject({ action: 'purpose.updated', entityId: newsletter.id, fields: ['descriptionEn'] });
  });

  it('auditors read the register but cannot change it', async () => {
    const { core } = await createdVault();
    await call(core, 'staff.add', { name: 'Olga Auditor', role: 'auditor', passphrase: 'auditor passphrase' });
    await call(core, 'vault.unlock', { passphrase: 'auditor passphrase' });
    const purposes = await call(core, 'purposes.list', {});
    expect(purposes).toHaveLength(7);
    const refused = await callError(core, 'purposes.update', { id: purposes[0]!.id, nameEn: 'Changed' });
    expect(refused.code).toBe('forbidden');
    expect((await call(core, 'purposes.list', {}))[0]!.nameEn).toBe('Newsletter');
  });
});

describe('whose data a purpose is about', () => {
  it('the policy’s purposes state it; a new one states what it is given, each kind once, in the register’s order', async () => {
    const { core } = await createdVault();
    const purposes = await call(core, 'purposes.list', {});
    expect(purposes.find((p) => p.code === 'collaboration')!.dataSubjects).toEqual(['member_staff', 'experts']);
    const added = await call(core, 'purposes.add', { code: 'alumni', nameEn: 'Alumni', nameFr: 'Anciens', lawfulBasis: 'consent', dataSubjects: ['experts', 'member_staff', 'experts'] });
    expect(added.dataSubjects).toEqual(['member_staff', 'experts']);
    expect((await lastAudit(core)).fields).toContain('dataSubjects');
  });

  it('an update replaces the list and audits it; the same kinds in another order are no change', async () => {
    const { core } = await createdVault();
    const newsletter = (await call(core, 'purposes.list', {}))[0]!;
    const updated = await call(core, 'purposes.update', { id: newsletter.id, dataSubjects: ['subscribers', 'partner_contacts'] });
    expect(updated.dataSubjects).toEqual(['subscribers', 'partner_contacts']);
    const event = await lastAudit(core);
    expect(event).toMatchObject({ action: 'purpose.updated', fields: ['dataSubjects'] });
    await call(core, 'purposes.update', { id: newsletter.id, dataSubjects: ['partner_contacts', 'subscribers'] });
    expect((await lastAudit(core)).seq).toBe(event.seq);
  });

  it('a kind outside the register’s words is refused and nothing changes', async () => {
    const { core } = await createdVault();
    const newsletter = (await call(core, 'purposes.list', {}))[0]!;
    expect((await callError(core, 'purposes.update', { id: newsletter.id, dataSubjects: ['aliens'] })).code).toBe('invalid_input');
    expect((await call(core, 'purposes.list', {}))[0]!.dataSubjects).toEqual(['subscribers']);
  });
});
