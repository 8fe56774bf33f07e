/** Settings' part of the API contract: what an administrator may change. */
import { z } from 'zod';
import type { SettingsDto } from '../dto/index';
import { country, empty, text } from './fields';
import { method, returns, type AnyEntry } from './method';

/** A full path on Windows (C:\\…) or elsewhere (/…); UNC paths pass here and are refused by the core with their own reason. */
const ABSOLUTE_PATH = /^(?:[A-Za-z]:[\\/]|[\\/])/;

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
        /** An absolute folder on this computer, outside the vault's (the core checks the disk); null forgets it. */
        backupFolder: text().max(1000).regex(ABSOLUTE_PATH, 'Give the full path of a folder').nullable().optional(),
        backupEveryDays: z.number().int().min(1).max(90).optional(),
        backupKeep: z.number().int().min(1).max(100).optional(),
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
