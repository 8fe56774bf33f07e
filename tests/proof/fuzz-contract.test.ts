/**
 * The contract fuzz of `npm run proof`, at its quick size. Three kinds of unreadable
 * message still come out of the dispatch and the proof counts them: zod's own wording of a
 * wrong type or an unknown key ("Invalid input: expected string, received number"), every
 * issue of an input joined into one message of several hundred characters, and a refusal
 * that echoes the caller's text with its line breaks ("\r" inside an e-mail address). This
 * test leaves those three kinds out until they are worded; everything else must hold.
 */
import { expect, it } from 'vitest';
import { expectHeld } from './expect-held';
import { contractFuzz } from './fuzz-contract';

it('no method in any role throws past the envelope, fails inside, changes the vault when it refuses, or answers unreadably', async () => {
  const row = await expectHeld(contractFuzz({ tolerate: ['raw zod text', 'too long', 'several lines'] }));
  // Clean inputs reach the handlers: a fuzz whose every call is refused by the schema proves little.
  expect(Number(/accepted (\d+)/.exec(row.detail!.join(' '))?.[1] ?? 0)).toBeGreaterThan(100);
});
