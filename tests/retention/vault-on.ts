/** A vault with a fixed clock for the retention tests: people with a dated participation, and the due list. */
import { join } from 'node:path';
import { RegistreCore } from '../../db/core';
import type { RetentionDueDto, RetentionItemDto } from '../../shared/dto/retention';
import type { RetentionRuleCode } from '../../shared/rules/retention';
import { call, PASS, TEST_KEY_STRETCHING, tempDir } from '../helpers';

/** A vault whose clock reads noon (local) of `day`; `moveTo` moves it, locking and unlocking around. */
export async function vaultOn(day: string) {
  let now = new Date(`${day}T12:00:00`);
  const core = new RegistreCore({ vaultDir: join(tempDir(), 'vault'), allowFolderChange: false, now: () => now, keyStretching: TEST_KEY_STRETCHING });
  await call(core, 'vault.create', { passphrase: PASS, staffName: 'Anna Admin' });
  const moveTo = async (d: string, passphrase = PASS) => {
    await core.lock();
    now = new Date(`${d}T12:00:00`);
    await call(core, 'vault.unlock', { passphrase });
  };
  const person = async (fullName: string, participatedOn?: string) => {
    const c = await call(core, 'contacts.add', { fullName });
    if (participatedOn) {
      const ev = await call(core, 'events.add', { name: `Meeting ${fullName}`, startDate: participatedOn });
      await call(core, 'participations.add', { contactId: c.id, eventId: ev.id });
    }
    return c.id;
  };
  const due = (withinDays = 90, rule?: RetentionRuleCode) => call(core, 'retention.due', { withinDays, rule });
  return { core, moveTo, person, due };
}

export const itemsOf = (d: RetentionDueDto, rule: RetentionRuleCode): RetentionItemDto[] => d.rules.find((r) => r.rule.code === rule)!.items;
