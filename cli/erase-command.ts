/** `registre erase` (issue 13, shared/api/erasure.ts): erase a person, or show with --dry-run what would go and what would stay. */
import { requestId } from '../shared/api/erasure';
import type { ErasedCountsDto, ErasureExportDto, ErasureKeptDto } from '../shared/dto/erasure';
import { RegistreError } from '../shared/errors';
import { call, common, str, withVault, type Command, type Values } from './kit';

const COUNT_WORDS: Record<keyof ErasedCountsDto, string> = {
  contact: 'contact record',
  emails: 'e-mail addresses',
  phones: 'phone numbers',
  bankDetails: 'bank details',
  identityDocuments: 'identity documents',
  photos: 'profile photos',
  signedSheets: 'signed attendance sheets',
  participations: 'participations',
  consentEvents: 'consent events (with their evidence)',
  photoPreferences: 'photo preferences',
  photoTakedowns: 'photo takedowns',
  sharing: 'partner sharing records',
  systems: 'external systems links',
  searchEntries: 'search index entries',
  requestAttachments: 'files sent with rights requests',
};

const KEPT_WORDS: Record<ErasureKeptDto['kind'], string> = {
  signed_attendance_sheet: 'signed attendance sheet',
  bank_details: 'bank details',
  rights_request: 'rights request',
};

const HOLD_WORDS: Record<ErasureKeptDto['hold'], string> = {
  accounting_and_grants: 'accounting and EU grant rules',
  accounting: 'accounting obligation (used for a payment)',
  proof_of_reply: 'proof that the request was answered',
};

function required(v: Values, name: string): string {
  const value = str(v[name]);
  if (!value) throw new RegistreError('invalid_input', `--${name} is required.`);
  return value;
}

function lines(removes: ErasedCountsDto, keeps: readonly ErasureKeptDto[], exports: readonly ErasureExportDto[]): string[] {
  const removed = (Object.keys(COUNT_WORDS) as Array<keyof ErasedCountsDto>).filter((k) => removes[k] > 0);
  return [
    ...removed.map((k) => `  ${String(removes[k]).padStart(4)}  ${COUNT_WORDS[k]}`),
    keeps.length ? 'Kept (legal holds), without the link to the name:' : 'Nothing is kept.',
    ...keeps.map((k) => `  ${k.id}  ${KEPT_WORDS[k.kind]}: ${HOLD_WORDS[k.hold]}, ${k.until ? `until ${k.until}` : 'no end set yet'}; keeps ${k.keeps.join(', ')}`),
    ...(exports.length
      ? [
          'Exports already made that held this person (the erasure cannot reach them; tell whoever holds them):',
          ...exports.map((e) => `  #${e.seq}  ${e.at}  ${e.action} ${e.entityType}${e.scope === 'register' ? ' (whole register)' : ''}`),
        ]
      : []),
  ];
}

export const eraseCommands: Record<string, Command> = {
  erase: {
    options: { ...common, contact: { type: 'string' }, reason: { type: 'string' }, request: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    run: (v) => {
      const contactId = required(v, 'contact');
      const reason = required(v, 'reason');
      const request = str(v.request);
      // Refused before the vault opens, dry run or not.
      if (request !== undefined && !requestId.safeParse(request).success) throw new RegistreError('invalid_input', '--request takes the id of a rights request (letters, digits, - and _).');
      return withVault(v, async (core, out) => {
        if (v['dry-run'] === true) {
          const p = await call(core, 'contacts.erasePreview', { contactId });
          out.result(p, () => [`Would erase, for contact ${contactId}:`, ...lines(p.removes, p.keeps, p.exports), 'Dry run: nothing was changed.'].join('\n'));
          return 0;
        }
        const r = await call(core, 'contacts.erase', { contactId, reason, requestId: request });
        out.result(r, () => [`Erased on ${r.erasedOn}, erasure ${r.erasureId}${r.requestId ? ` (request ${r.requestId})` : ''}:`, ...lines(r.removed, r.kept, r.exports)].join('\n'));
        return 0;
      });
    },
  },
};

/** This module's lines of `registre --help`. */
export const eraseUsage = `
Erasure
  erase --contact ID --reason TEXT [--request ID] [--dry-run]
                                      Erase a person: everything about them goes but what a legal
                                      hold keeps (listed, with until when). --dry-run shows what
                                      would go and stay and changes nothing. The reason is kept:
                                      say why, never who
`;
