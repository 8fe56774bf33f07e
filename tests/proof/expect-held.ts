/** How `npm test` runs a proof row: at its quick size, in a temp folder, and it must hold. */
import { expect } from 'vitest';
import { tempDir } from '../helpers';
import type { ProofCheck, ProofRow } from './table';

export async function expectHeld(check: ProofCheck): Promise<ProofRow> {
  const row = await check.run(check.sizes.quick, tempDir('registre-proof-'));
  expect(row.trials, `${check.check}: no trial ran`).toBeGreaterThan(0);
  expect(row.failures, `${check.check}:\n${(row.detail ?? []).join('\n')}`).toBe(0);
  return row;
}
