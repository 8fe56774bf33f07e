/** `registre contacts merge` (issue 3, shared/api/contacts.ts): one person's two records become one, with the fields chosen from the other. */
import { mergeTakeFields, type MergeTakeField } from '../shared/api/contacts';
import { RegistreError } from '../shared/errors';
import { call, common, str, withVault, type Command } from './kit';

type Take = Partial<Record<MergeTakeField, 'keep' | 'other'>>;

/** `--take fullName=other,country=other` as the contract's `take`; a wrong field or choice is a usage error before the vault opens. */
export function parseTake(value: string | undefined): Take | undefined {
  if (value === undefined) return undefined;
  const take: Take = {};
  for (const pair of value.split(',').filter((p) => p.trim() !== '')) {
    const [field = '', choice = '', ...rest] = pair.split('=').map((s) => s.trim());
    if (!(mergeTakeFields as readonly string[]).includes(field)) {
      throw new RegistreError('invalid_input', `--take: "${field}" is not a field a merge can take; use ${mergeTakeFields.join(', ')}.`);
    }
    if ((choice !== 'other' && choice !== 'keep') || rest.length > 0) throw new RegistreError('invalid_input', `--take: write ${field}=other (or ${field}=keep).`);
    take[field as MergeTakeField] = choice;
  }
  return take;
}

export const mergeCommands: Record<string, Command> = {
  'contacts merge': {
    options: { ...common, take: { type: 'string' } },
    run: (v, [keepId, mergeId]) => {
      if (!keepId || !mergeId) throw new RegistreError('invalid_input', 'Give the id of the contact to keep, then the id of the other one (see registre contacts list).');
      const take = parseTake(str(v.take));
      return withVault(v, async (core, out) => {
        const c = await call(core, 'contacts.merge', { keepId, mergeId, take });
        const taken = Object.entries(take ?? {}).flatMap(([field, choice]) => (choice === 'other' ? [field] : []));
        out.result(c, () => `Merged ${mergeId} into ${c.id} (${c.fullName})${taken.length ? `; taken from the other: ${taken.join(', ')}` : ''}.`);
        return 0;
      });
    },
  },
};

/** This module's lines of `registre --help`. */
export const mergeUsage = `  contacts merge KEEP_ID OTHER_ID [--take FIELD=other,…]
                  One person's two records become KEEP_ID: the other's history moves over and it
                  is deleted. Each field keeps KEEP_ID's value (filled from the other when empty)
                  unless --take names it (${mergeTakeFields.join(', ')})`;
