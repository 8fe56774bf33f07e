/** The contract fuzz of `npm run proof`, at its quick size: every method, every role, hostile input. */
import { expect, it } from 'vitest';
import { expectHeld } from './expect-held';
import { contractFuzz } from './fuzz-contract';

it('no method in any role throws past the envelope, fails inside, changes the vault when it refuses, or answers unreadably', async () => {
  const row = await expectHeld(contractFuzz);
  // Clean inputs reach the handlers: a fuzz whose every call is refused by the schema proves little.
  expect(Number(/accepted (\d+)/.exec(row.detail!.join(' '))?.[1] ?? 0)).toBeGreaterThan(100);
});
