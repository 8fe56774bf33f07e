/** A whole rekey as a person does it: prepare, read the new key, type it back, switch. */
import type { RegistreCore } from '../../db/core';
import { call } from '../helpers';

export async function rekeyed(core: RegistreCore): Promise<string> {
  const { recoveryKey } = await call(core, 'vault.rekeyPrepare', {});
  await call(core, 'vault.rekeyCommit', { recoveryKey });
  return recoveryKey;
}
