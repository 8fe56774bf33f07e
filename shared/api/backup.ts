/** Backups (DESIGN §4): make one now, and the register of the backups on disk and those Registre deleted. */
import { z } from 'zod';
import type { BackupDto, BackupRegisterDto } from '../dto/backup';
import { empty, text } from './fields';
import { method, returns, type AnyEntry } from './method';

export const backupContract = {
  /** Into `folder` when given (checked like the setting), else the folder set in Settings; rotates the folder after. */
  'backups.make': method({
    access: 'write',
    output: returns<BackupDto>(),
    input: z.object({ folder: text().max(1000).optional() }).strict(),
  }),
  'backups.list': method({ access: 'read', output: returns<BackupRegisterDto>(), subject: null, input: empty }),
} as const satisfies Record<string, AnyEntry>;
