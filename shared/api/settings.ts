/** Settings' part of the API contract: what an administrator may change. */
import { z } from 'zod';
import type { SettingsDto } from '../dto/index';
import { country, empty } from './fields';
import { method, returns, type AnyEntry } from './method';

export const settingsContract = {
  'settings.get': method({ access: 'read', output: returns<SettingsDto>(), subject: null, input: empty }),
  'settings.update': method({
    access: 'admin',
    output: returns<SettingsDto>(),
    input: z
      .object({
        autoLockMinutes: z.number().int().min(1).max(240).optional(),
        auditorsMayReveal: z.boolean().optional(),
        minorAgeThreshold: z.number().int().min(13).max(18).optional(),
        homeCountry: country.optional(),
      })
      .strict(),
  }),
} as const satisfies Record<string, AnyEntry>;
