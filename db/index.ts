/**
 * The records core's one door: cli/, electron/, preview/ and bench/ import from here and
 * nowhere else in db/ (ESLint enforces it). What is not exported here is the core's own
 * business.
 */
export { RegistreCore, type CoreOptions } from './core';
export { describeZodError, dispatch, errorResult } from './dispatch';
export { defaultVaultDir } from './vault/paths';
export { decodeRecoveryKey, sqlcipherPragmas } from './vault/recovery-key';
export { writeFileAtomic } from './vault/atomic-file';
export { unlockWithPassphrase } from './vault/vault';
export { openKeyed } from './vault/open-db';
export { insertDemoData } from './seed/demo';
export { manifestPathFor } from './export/rows-export';
export { verifyExport } from './export/verify';
