/** The bridge corpora of `npm run proof`, at their quick size: every corpus, the Origin one included. */
import { it } from 'vitest';
import { bridgeCorpora } from './bridge';
import { expectHeld } from './expect-held';

it('the preview accepts nothing it must refuse: tokens, Hosts, Origins, encodings, traversal, sizes, roles, export paths', async () => {
  await expectHeld(bridgeCorpora);
});
