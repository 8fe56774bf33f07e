import { describe, expect, it } from 'vitest';
import { call, callError, createdVault, storedAuditEvents } from '../helpers';

const lastAudit = async (core: Awaited<ReturnType<typeof createdVault>>['core']) => (await call(core, 'audit.list', { limit: 1 }))[0]!;

describe('events and projects', () => {
  it('changes an event: the fields given change, the others stay, and the audit names the fields only', async () => {
    const { core } = await createdVault();
    const project = await call(core, 'projects.add', { name: 'Waste Shipments', startDate: '2026-01-01' });
    const ev = await call(core, 'events.add', { name: 'Plenary', startDate: '2026-05-12', location: 'Brussels' });
    const changed = await call(core, 'events.update', { id: ev.id, name: 'Plenary 2026', endDate: '2026-05-13', projectId: project.id, location: null });
    expect(changed).toMatchObject({ id: ev.id, name: 'Plenary 2026', startDate: '2026-05-12', endDate: '2026-05-13', location: null, projectId: project.id, participants: 0 });
    expect((await call(core, 'events.list', {})).items[0]).toEqual(changed);
    const audit = await lastAudit(core);
    expect(audit).toMatchObject({ action: 'event.updated', entityType: 'event', entityId: ev.id });
    expect(audit.fields).toEqual(['name', 'endDate', 'location', 'projectId']);
    expect(JSON.stringify(await storedAuditEvents(core, 1))).not.toContain('Plenary');
  });

  it('refuses an event update whose end comes before the start, given or kept, and changes nothing', async () => {
    const { core } = await createdVault();
    const ev = await call(core, 'events.add', { name: 'Training', startDate: '2026-05-12', endDate: '2026-05-14' });
    expect(await callError(core, 'events.update', { id: ev.id, endDate: '2026-05-01' })).toMatchObject({ code: 'invalid_input', detail: { reason: 'dates_reversed', field: 'endDate' } });
    expect(await callError(core, 'events.update', { id: ev.id, startDate: '2026-05-20' })).toMatchObject({ detail: { reason: 'dates_reversed' } });
    expect(await callError(core, 'events.update', { id: ev.id, name: ' ' })).toMatchObject({ code: 'invalid_input' });
    expect(await callError(core, 'events.update', { id: ev.id, projectId: crypto.randomUUID() })).toMatchObject({ code: 'not_found', detail: { reason: 'project_absent' } });
    expect(await callError(core, 'events.update', { id: crypto.randomUUID(), name: 'Ghost' })).toMatchObject({ code: 'not_found', detail: { reason: 'event_absent' } });
    expect((await call(core, 'events.list', {})).items[0]).toMatchObject({ name: 'Training', startDate: '2026-05-12', endDate: '2026-05-14' });
    expect((await lastAudit(core)).action).toBe('event.created');
  });

  it('adds and changes a project with its description, checked and audited like an event', async () => {
    const { core } = await createdVault();
    const p = await call(core, 'projects.add', { name: 'Peer reviews', type: 'network', startDate: '2025-01-01', description: 'Visits between agencies' });
    expect(p).toMatchObject({ name: 'Peer reviews', type: 'network', startDate: '2025-01-01', endDate: null, description: 'Visits between agencies' });
    expect((await lastAudit(core)).fields).toEqual(['name', 'type', 'startDate', 'description']);
    const changed = await call(core, 'projects.update', { id: p.id, endDate: '2027-12-31', description: null });
    expect(changed).toMatchObject({ name: 'Peer reviews', startDate: '2025-01-01', endDate: '2027-12-31', description: null });
    expect(await call(core, 'projects.list', {})).toEqual([changed]);
    const audit = await lastAudit(core);
    expect(audit).toMatchObject({ action: 'project.updated', entityId: p.id, fields: ['endDate', 'description'] });
    expect(JSON.stringify(audit)).not.toContain('agencies');
    expect(await callError(core, 'projects.update', { id: p.id, startDate: '2028-01-01' })).toMatchObject({ detail: { reason: 'dates_reversed' } });
    expect(await callError(core, 'projects.update', { id: crypto.randomUUID(), name: 'Ghost' })).toMatchObject({ code: 'not_found', detail: { reason: 'project_absent' } });
  });

  it('counts the people who took part in an event, not their participations', async () => {
    const { core } = await createdVault();
    const ev = await call(core, 'events.add', { name: 'Conference', startDate: '2026-05-12' });
    const other = await call(core, 'events.add', { name: 'Workshop', startDate: '2026-03-01' });
    const ana = await call(core, 'contacts.add', { fullName: 'Ana Pereira' });
    const jan = await call(core, 'contacts.add', { fullName: 'Jan de Vries' });
    await call(core, 'participations.add', { contactId: ana.id, eventId: ev.id, role: 'participant' });
    await call(core, 'participations.add', { contactId: ana.id, eventId: ev.id, role: 'speaker' });
    await call(core, 'participations.add', { contactId: jan.id, eventId: ev.id });
    await call(core, 'participations.add', { contactId: jan.id, eventId: other.id });
    const counts = Object.fromEntries((await call(core, 'events.list', {})).items.map((e) => [e.name, e.participants]));
    expect(counts).toEqual({ Conference: 2, Workshop: 1 });
    expect((await call(core, 'events.update', { id: ev.id, location: 'Lisbon' })).participants).toBe(2);
  });
});
