/** The mutated-CSV fuzz of `npm run proof`, at its quick size. */
import { it } from 'vitest';
import { expectHeld } from './expect-held';
import { importFileFuzz } from './fuzz-import';

it('mutated CSV files never throw past the envelope, fail inside, change the vault when refused, or damage it', async () => {
  await expectHeld(importFileFuzz);
});
