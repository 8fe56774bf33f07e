/**
 * Import throughput on 100,000 generated rows (issue 3 target: ≥ 25,000 rows/s with
 * validation and dedupe). Times are logged, not asserted (vitest.config.ts: no wall-clock
 * assertions); `npm run bench` is where the number is tracked.
 */
import { describe, expect, it } from 'vitest';
import { commitImport, previewImport } from '../../db/import';
import { call, createdVault } from '../helpers';
import { snapshot } from './fixtures';

const ROWS = 100_000;
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

describe('import throughput', () => {
  it(`previews and commits ${ROWS.toLocaleString('en')} rows`, async () => {
    const { core } = await createdVault();
    const content = generate(ROWS);
    let t = performance.now();
    const p = await previewImport(core.context().db, { content });
    const previewMs = performance.now() - t;
    expect(p.counts).toMatchObject({ rows: ROWS, new: ROWS, invalid: 0, organisationsToCreate: 300 });
    t = performance.now();
    const r = await commitImport(core.context(), { content, expected: p.counts });
    const commitMs = performance.now() - t;
    console.log(
      `import of ${ROWS} rows (${(content.length / 1024 / 1024).toFixed(1)} MB): preview ${previewMs.toFixed(0)} ms (${Math.round(ROWS / (previewMs / 1000))} rows/s), ` +
        `commit ${commitMs.toFixed(0)} ms (${Math.round(ROWS / (commitMs / 1000))} rows/s, parse+plan+write)`,
    );
    expect(r.counts.new).toBe(ROWS);
    const s = await snapshot(core);
    expect(s).toMatchObject({ contacts: ROWS, emails: ROWS, phones: ROWS, indexed: ROWS, organisations: 300 });
    expect((await call(core, 'contacts.search', { query: 'person99999' })).total).toBe(1);

    // A second pass updates every row (new job title): the update path at scale.
    const updated = Buffer.from(content.toString('utf8').replace(/,Officer,/g, ',Senior officer,'));
    t = performance.now();
    const u = await commitImport(core.context(), { content: updated });
    const updateMs = performance.now() - t;
    console.log(`re-import updating ${ROWS} rows: ${updateMs.toFixed(0)} ms (${Math.round(ROWS / (updateMs / 1000))} rows/s)`);
    expect(u.counts.update).toBe(ROWS);
    expect((await call(core, 'audit.verify', {})).intact).toBe(true);
  });
});
