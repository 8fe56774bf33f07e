/** The import, consent, erasure and rights-request crash rows of `npm run proof`, at their quick size: every kill leaves an intact vault. */
import { describe, it } from 'vitest';
import { consentCrash, eraseCrash, importCrash, requestCrash } from './crash-writes';
import { expectHeld } from './expect-held';

describe('writes killed by SIGKILL', () => {
  it('a contacts import killed at each step and at random keeps every acknowledged import, whole', async () => {
    await expectHeld(importCrash);
  });

  it('consent writes killed at each step and at random keep every acknowledged event', async () => {
    await expectHeld(consentCrash);
  });

  it('erasures killed at each step and at random are whole or absent, and an erased person leaves nothing', async () => {
    await expectHeld(eraseCrash);
  });

  it('rights-request steps killed at each step and at random leave every request its timeline and audit events, in step', async () => {
    await expectHeld(requestCrash);
  });
});
