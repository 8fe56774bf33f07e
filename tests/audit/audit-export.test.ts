/**
 * The audit register export takes the log's filters (issue 16): it holds the events
 * audit.list keeps for them, and its own event names the filters applied. An export
 * without filters is as before: every event, its columns as the event's fields.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { call, createdVault, tempDir } from '../helpers';

describe('the audit register export, filtered', () => {
  it('holds the events the filters keep, and names the filters in its event and manifest', async () => {
    const { core } = await createdVault();
    const ana = await call(core, 'contacts.add', { fullName: 'Ana Pereira' });
    const marc = await call(core, 'contacts.add', { fullName: 'Marc Peeters' });
    await call(core, 'contacts.update', { id: ana.id, jobTitle: 'Inspector' });
    await call(core, 'contacts.update', { id: marc.id, jobTitle: 'Officer' });
    const dir = tempDir();
    const filters = { subjectId: ana.id, action: ['contact.updated'] };
    const expected = (await call(core, 'audit.list', { limit: 500, ...filters })).map((e) => e.seq).reverse();
    expect(expected).toHaveLength(1);

    await call(core, 'exports.register', { table: 'audit', format: 'json', filters, out: join(dir, 'ana.json') });
    const file = JSON.parse(readFileSync(join(dir, 'ana.json'), 'utf8')) as { filters: unknown; rows: Array<{ seq: number }> };
    expect(file.rows.map((r) => r.seq)).toEqual(expected);
    expect(file.filters).toEqual(filters);
    await call(core, 'exports.register', { table: 'audit', format: 'csv', filters, out: join(dir, 'ana.csv') });
    expect(readFileSync(join(dir, 'ana.csv'), 'utf8').trim().split('\r\n')).toHaveLength(2);
    const manifest = JSON.parse(readFileSync(join(dir, 'ana.csv.manifest.json'), 'utf8')) as { register: { filters: unknown } };
    expect(manifest.register.filters).toEqual(filters);

    const columns = ['seq', 'at', 'staffId', 'staffName', 'action', 'entityType', 'entityId', 'subjectId', 'fields', 'prevHash', 'hash'];
    const [filtered] = await call(core, 'audit.list', { limit: 1, action: ['export.register'] });
    expect(filtered!.fields).toEqual([...columns, 'filter.subjectId', 'filter.action']);
    expect(filtered!.subjectId).toBe(ana.id);
    await call(core, 'exports.register', { table: 'audit', format: 'json', out: join(dir, 'all.json') });
    const [plain] = await call(core, 'audit.list', { limit: 1, action: ['export.register'] });
    expect(plain!.fields).toEqual(columns);
    const all = JSON.parse(readFileSync(join(dir, 'all.json'), 'utf8')) as { rows: unknown[] };
    expect(all.rows.length).toBeGreaterThan(5);
  });
});
