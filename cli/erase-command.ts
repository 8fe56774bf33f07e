/**
 * `registre erase` (issues 13 and 15, shared/api/erasure.ts): erase a person, one sensitive
 * category of theirs (--category) or all of them but what statistics need (--anonymise), or
 * show with --dry-run what would go and what would stay.
 */
import { requestId } from '../shared/api/erasure';
import type { ErasedCountsDto, ErasureExportDto, ErasureKeptDto } from '../shared/dto/erasure';
import { sensitiveCategories, type SensitiveCategory } from '../shared/vocabulary';
import { RegistreError } from '../shared/errors';
import { call, common, oneOf, str, withVault, type Command, type Values } from './kit';

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

const CATEGORY_COUNT: Record<SensitiveCategory, keyof ErasedCountsDto> = { bank: 'bankDetails', identity: 'identityDocuments', photo: 'photos', signature: 'signedSheets' };

const count = (n: number, what: keyof ErasedCountsDto) => `  ${String(n).padStart(4)}  ${COUNT_WORDS[what]}`;

function keptLines(keeps: readonly ErasureKeptDto[]): string[] {
  return [
    keeps.length ? 'Kept (legal holds), without the link to the name:' : 'Nothing is kept.',
    ...keeps.map((k) => `  ${k.id}  ${KEPT_WORDS[k.kind]}: ${HOLD_WORDS[k.hold]}, ${k.until ? `until ${k.until}` : 'no end set yet'}; keeps ${k.keeps.join(', ')}`),
  ];
}

function lines(removes: ErasedCountsDto, keeps: readonly ErasureKeptDto[], exports: readonly ErasureExportDto[]): string[] {
  const removed = (Object.keys(COUNT_WORDS) as Array<keyof ErasedCountsDto>).filter((k) => removes[k] > 0);
  return [
    ...removed.map((k) => count(removes[k], k)),
    ...keptLines(keeps),
    ...(exports.length
      ? [
          'Exports already made that held this person (the erasure cannot reach them; tell whoever holds them):',
          ...exports.map((e) => `  #${e.seq}  ${e.at}  ${e.action} ${e.entityType}${e.scope === 'register' ? ' (whole register)' : ''}`),
        ]
      : []),
  ];
}

/** --category and --anonymise choose the form; together they ask for two different things. */
function form(v: Values): { kind: 'person' } | { kind: 'category'; category: SensitiveCategory } | { kind: 'anonymise' } {
  const category = str(v.category);
  if (category !== undefined && v.anonymise === true)
    throw new RegistreError('invalid_input', 'Give --category or --anonymise, not both: one erases a kind of detail, the other the person but their statistics.');
  if (v.anonymise === true) return { kind: 'anonymise' };
  if (category === undefined) return { kind: 'person' };
  return { kind: 'category', category: oneOf(v, 'category', sensitiveCategories) };
}

export const eraseCommands: Record<string, Command> = {
  erase: {
    options: {
      ...common,
      contact: { type: 'string' },
      reason: { type: 'string' },
      request: { type: 'string' },
      category: { type: 'string' },
      anonymise: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
    },
    run: (v) => {
      const contactId = required(v, 'contact');
      const reason = required(v, 'reason');
      const request = str(v.request);
      // Refused before the vault opens, dry run or not.
      const f = form(v);
      if (request !== undefined && !requestId.safeParse(request).success) throw new RegistreError('invalid_input', '--request takes the id of a rights request (letters, digits, - and _).');
      const dryRun = v['dry-run'] === true;
      return withVault(v, async (core, out) => {
        if (f.kind === 'category') {
          const words = COUNT_WORDS[CATEGORY_COUNT[f.category]];
          if (dryRun) {
            const p = await call(core, 'contacts.eraseCategoryPreview', { contactId, category: f.category });
            out.result(p, () => [`Would erase, for contact ${contactId}:`, count(p.removes, CATEGORY_COUNT[f.category]), ...keptLines(p.keeps), 'Dry run: nothing was changed.'].join('\n'));
            return 0;
          }
          const r = await call(core, 'contacts.eraseCategory', { contactId, category: f.category, reason, requestId: request });
          out.result(r, () =>
            [`Erased ${words} of contact ${contactId} on ${r.erasedOn}${r.requestId ? ` (request ${r.requestId})` : ''}:`, count(r.removed, CATEGORY_COUNT[f.category]), ...keptLines(r.kept)].join(
              '\n',
            ),
          );
          return 0;
        }
        if (f.kind === 'anonymise') {
          if (dryRun) {
            const p = await call(core, 'contacts.anonymisePreview', { contactId });
            out.result(p, () =>
              [`Would anonymise contact ${contactId} (kept: organisation, country, participations), removing:`, ...lines(p.removes, p.keeps, p.exports), 'Dry run: nothing was changed.'].join('\n'),
            );
            return 0;
          }
          const r = await call(core, 'contacts.anonymise', { contactId, reason, requestId: request });
          out.result(r, () =>
            [`Anonymised on ${r.erasedOn} as "${r.fullName}", erasure ${r.erasureId}${r.requestId ? ` (request ${r.requestId})` : ''}:`, ...lines(r.removed, r.kept, r.exports)].join('\n'),
          );
          return 0;
        }
        if (dryRun) {
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
  erase --contact ID --category bank|identity|photo|signature --reason TEXT [--request ID] [--dry-run]
                                      Erase one kind of sensitive detail of a person (values and
                                      files), but what a legal hold keeps; the contact stays
  erase --contact ID --anonymise --reason TEXT [--request ID] [--dry-run]
                                      Anonymise a person: the contact stays, numbered, with its
                                      organisation, country and participations only; the rest
                                      goes as in an erasure
`;
