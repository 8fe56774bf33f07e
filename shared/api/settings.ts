/** Settings' part of the API contract: what an administrator may change. */
import { z } from 'zod';
import type { SettingsDto } from '../dto/index';
import { country, empty, text } from './fields';
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
  /**
   * The organisation responsible for the data (Settings → Organisation). Each field given
   * replaces the stored one, others are kept; a required field (name, address, e-mail, the
   * authority's name) cannot be empty, an optional one emptied (or null) prints nothing.
   */
  'settings.setController': method({
    access: 'admin',
    output: returns<SettingsDto>(),
    input: z
      .object({
        name: text().max(200).optional(),
        address: text().max(1000).optional(),
        email: text().max(254).optional(),
        contactPerson: text().max(200).nullable().optional(),
        authority: z
          .object({
            name: text().max(200).optional(),
            address: text().max(1000).nullable().optional(),
            email: text().max(254).nullable().optional(),
            website: text().max(300).nullable().optional(),
          })
          .strict()
          .optional(),
      })
      .strict(),
  }),
} as const satisfies Record<string, AnyEntry>;
