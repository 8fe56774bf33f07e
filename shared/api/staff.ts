/** Staff profiles' part of the API contract (admins manage them; each has a key slot). */
import { z } from 'zod';
import type { StaffDto } from '../dto/index';
import { roles } from '../vocabulary';
import { empty, id, passphrase, staffName } from './fields';
import { method, returns, type AnyEntry } from './method';

export const staffContract = {
  'staff.list': method({ access: 'read', output: returns<StaffDto[]>(), subject: null, input: empty }),
  'staff.add': method({
    access: 'admin',
    output: returns<StaffDto>(),
    input: z.object({ name: staffName, role: z.enum(roles), passphrase }).strict(),
  }),
  'staff.remove': method({ access: 'admin', output: returns<null>(), input: z.object({ id }).strict() }),
  /** For a colleague who forgot their passphrase, or lost their slot with the key file. */
  'staff.resetPassphrase': method({ access: 'admin', output: returns<null>(), input: z.object({ id, passphrase }).strict() }),
} as const satisfies Record<string, AnyEntry>;
