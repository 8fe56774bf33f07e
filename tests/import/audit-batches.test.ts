/**
 * An import larger than the commit's audit batches (1,000 rows each, db/import/commit.ts):
 * every row written, indexed and organised, the audit chain intact across batches, and a
 * re-import updating every contact. How fast it goes is `npm run bench`'s business.
 */
import { describe, expect, it } from 'vitest';
import { commitImport, previewImport } from '../../db/import';
import { call, createdVault } from '../helpers';
import { snapshot } from './fixtures';

const ROWS = 2_500;
const FIRST = ['Jean', 'Éloïse', 'Lukas', 'Zoë', 'Søren', 'Inès', 'Aoife', 'Marc', 'Claire', 'Anna'];
const LAST = ['Dupont', 'Müller', 'Østergaard', 'Martínez', "O'Brien", 'Lefèvre', 'de Vries', 'Peeters', 'Janssens', 'Cœurdevey'];

function generate(n: number): Buffer {
  const lines = ['Email,First name,Last name,Mobile phone,Company,Job title,Country'];
  for (let i = 0; i < n; i++) {
    const phone = `+32 47${i % 10} ${String(100000 + (i % 900000)).slice(0, 2)} ${String(i % 100).padStart(2, '0')} ${String((i * 7) % 100).padStart(2, '0')}`;
    lines.push(`person${i}@example${i % 50}.org,${FIRST[i % 10]},${LAST[(i * 3) % 10]}-${i},${phone},Organisation ${i % 300},Officer,${i % 3 === 0 ? 'France' : 'BE'}`);
  }
  return Buffer.from(lines.join('\r\n') + '\r\n');
}

describe('import across audit batches', () => {
  it(`previews, commits and re-imports ${ROWS.toLocaleString('en')} rows`, async () => {
    const { core } = await createdVault();
    const content = generate(ROWS);
    const p = await previewImport(core.context(), { content });
    expect(p.counts).toMatchObject({ rows: ROWS, new: ROWS, invalid: 0, organisationsToCreate: 300 });
    const r = await commitImport(core.context(), { content, expected: p.counts });
    expect(r.counts.new).toBe(ROWS);
    const s = await snapshot(core);
    expect(s).toMatchObject({ contacts: ROWS, emails: ROWS, phones: ROWS, indexed: ROWS, organisations: 300 });
    expect((await call(core, 'contacts.search', { query: `person${ROWS - 1}` })).total).toBe(1);

    const updated = Buffer.from(content.toString('utf8').replace(/,Officer,/g, ',Senior officer,'));
    const u = await commitImport(core.context(), { content: updated });
    expect(u.counts.update).toBe(ROWS);
    expect((await call(core, 'audit.verify', {})).intact).toBe(true);
  });
});
