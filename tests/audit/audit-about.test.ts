/**
 * What each audit row is about, in words (issue 16): names are looked up when the log is
 * read, never stored in it, so a renamed contact shows its new name, an erased person
 * is never named again, and an anonymised one is not named either.
 */
import { describe, expect, it } from 'vitest';
import type { AuditEventDto } from '../../shared/dto/index';
import { listAudit } from '../../db/audit/list';
import { call, createdVault } from '../helpers';

const aboutOf = (events: AuditEventDto[], action: string) => events.filter((e) => e.action === action).map((e) => e.about);

describe('audit.list about', () => {
  it('names a contact by its current name, and a renamed one by the new name, on every row about them', async () => {
    const { core } = await createdVault();
    const c = await call(core, 'contacts.add', { fullName: 'Ana Pereira' });
    await call(core, 'sensitive.add', { contactId: c.id, reason: 'Travel refund', bank: { iban: 'BE71 0961 2345 6769' } });
    await call(core, 'contacts.update', { id: c.id, fullName: 'Ana Pereira-Silva' });
    const events = await call(core, 'audit.list', { limit: 100, subjectId: c.id });
    expect(events.map((e) => e.about)).toEqual(events.map(() => ({ type: 'contact', state: 'named', name: 'Ana Pereira-Silva', detail: null, day: null, id: c.id })));
    // The log itself still holds no name.
    const raw = core.context().db;
    const stored = await raw.selectFrom('audit_events').selectAll().execute();
    expect(JSON.stringify(stored)).not.toMatch(/Pereira/);
  });

  it('says "erased" for an erased person and "anonymised" for an anonymised one, with no name', async () => {
    const { core } = await createdVault();
    const gone = await call(core, 'contacts.add', { fullName: 'Erin Erased' });
    const kept = await call(core, 'contacts.add', { fullName: 'Otto Anonymised' });
    await call(core, 'contacts.erase', { contactId: gone.id, reason: 'Art. 17 request by e-mail' });
    await call(core, 'contacts.anonymise', { contactId: kept.id, reason: 'Art. 17 request, statistics kept' });
    const events = await call(core, 'audit.list', { limit: 100, action: ['contact.created'] });
    const byId = new Map(events.map((e) => [e.entityId, e.about]));
    expect(byId.get(gone.id)).toEqual({ type: 'contact', state: 'erased', name: null, detail: null, day: null, id: null });
    expect(byId.get(kept.id)).toEqual({ type: 'contact', state: 'anonymised', name: null, detail: null, day: null, id: kept.id });
  });

  it('follows a merged duplicate to the contact it was merged into', async () => {
    const { core } = await createdVault();
    const keep = await call(core, 'contacts.add', { fullName: 'Inès Fontaine' });
    const dup = await call(core, 'contacts.add', { fullName: 'Ines Fontaine' });
    await call(core, 'contacts.merge', { keepId: keep.id, mergeId: dup.id });
    const created = (await call(core, 'audit.list', { limit: 100, action: ['contact.created'] })).find((e) => e.entityId === dup.id)!;
    expect(created.about).toMatchObject({ type: 'contact', state: 'merged', name: 'Inès Fontaine', id: keep.id });
  });

  it('names organisations, requests (type, day, person), staff and backups; a register export is about no one record', async () => {
    const { core } = await createdVault('Anna Admin');
    const org = await call(core, 'organisations.add', { name: 'Bruxelles Environnement', type: 'governmental_agency' });
    await call(core, 'organisations.update', { id: org.id, name: 'Leefmilieu Brussel' });
    const c = await call(core, 'contacts.add', { fullName: 'Rae Requester' });
    const req = await call(core, 'requests.add', { type: 'access', receivedOn: '2026-11-12', channel: 'email', contactId: c.id });
    const events = await call(core, 'audit.list', { limit: 100 });
    expect(aboutOf(events, 'organisation.created')).toEqual([{ type: 'organisation', state: 'named', name: 'Leefmilieu Brussel', detail: null, day: null, id: org.id }]);
    const requestRows = events.filter((e) => e.entityType === 'rights_request');
    expect(requestRows.length).toBeGreaterThan(0);
    expect(requestRows.map((e) => e.about)).toEqual(requestRows.map(() => ({ type: 'rights_request', state: 'named', name: 'Rae Requester', detail: 'access', day: '2026-11-12', id: req.id })));
    expect(aboutOf(events, 'staff.added')).toEqual([expect.objectContaining({ type: 'staff', state: 'named', name: 'Anna Admin' })]);
    expect(aboutOf(events, 'vault.created')).toEqual([{ type: 'vault', state: 'none', name: null, detail: null, day: null, id: null }]);
  });

  it('looks names up per kind of record for the page, not per row', async () => {
    const { core } = await createdVault();
    for (let i = 0; i < 30; i++) await call(core, 'contacts.add', { fullName: `Person ${i}` });
    // Every query the page runs, as Kysely sees it.
    const queries: string[] = [];
    const counting = core.context().db.withPlugin({
      transformQuery: (a) => {
        queries.push(JSON.stringify(a.node));
        return a.node;
      },
      transformResult: async (a) => a.result,
    });
    const page = await listAudit(counting, { limit: 40 });
    expect(new Set(page.filter((e) => e.about.type === 'contact').map((e) => e.about.name)).size).toBe(30);
    expect(queries.filter((q) => q.includes('"name":"contacts"'))).toHaveLength(1);
  });
});
