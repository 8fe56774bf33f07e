/** CLI commands for shared/api/register.ts (issue 4): the processing register. */
import { readFileSync } from 'node:fs';
import type { RegistreCore } from '../db/index';
import type { Output } from '../shared/api/index';
import type { ComplianceWarningDto, PolicyVersionDto } from '../shared/dto/register';
import { RegistreError } from '../shared/errors';
import { foldForSearch } from '../shared/rules/names';
import { hasControlCharacters } from '../shared/rules/text';
import { call, common, pageOf, str, withVault, type Command, type Values } from './kit';

/** Aligned columns, the last one left ragged. */
function table(header: string[], rows: string[][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all
    .map((r) =>
      r
        .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function required(v: Values, name: string, hint: string): string {
  const value = str(v[name]);
  if (value === undefined || value.trim() === '') throw new RegistreError('invalid_input', `--${name} is required (${hint}).`);
  return value;
}

function trueOrFalse(value: string | undefined, what: string): boolean {
  if (value !== 'true' && value !== 'false') throw new RegistreError('invalid_input', `${what} must be true or false.`);
  return value === 'true';
}

/** A whole number typed on the command line; anything else is refused here rather than sent as NaN. */
function wholeNumber(value: string | undefined, what: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new RegistreError('invalid_input', `${what} must be a whole number.`);
  return Number(value);
}

const policyFlags = (p: PolicyVersionDto) => [p.current ? 'current' : '', p.materialChange ? 'material change' : ''].filter(Boolean).join(', ');

function warningLines(warnings: ComplianceWarningDto[]): string[] {
  return warnings.flatMap((w) =>
    w.code === 'privacy_shield_in_policy'
      ? [
          `WARNING: the current policy (version ${w.policyVersion!.version}, ${w.policyVersion!.language}) still cites the EU–US Privacy Shield,`,
          '  invalidated by the CJEU on 16 July 2020 (C-311/18, Schrems II). Update the text:',
          `  “${w.excerpt}”`,
        ]
      : [`WARNING: these safeguards still cite the Privacy Shield: ${w.processors.map((p) => p.name).join(', ')}.`, '  Record the transfer basis in use now.'],
  );
}

const systemsTable = (systems: Output<'contactSystems.list'>) =>
  table(
    ['SYSTEM', 'SINCE'],
    systems.map((s) => [s.name, s.since]),
  );

/** A processor named by its id or its name (any case or accents). */
async function processorId(core: RegistreCore, nameOrId: string): Promise<string> {
  const { processors } = await call(core, 'processors.list', {});
  const found = processors.find((p) => p.id === nameOrId) ?? processors.find((p) => foldForSearch(p.name) === foldForSearch(nameOrId));
  if (!found) throw new RegistreError('not_found', `No processor is called "${nameOrId}" (see registre processors list).`);
  return found.id;
}

async function policyToShow(core: RegistreCore, v: Values, id: string | undefined): Promise<Output<'policies.get'>> {
  if (id) return call(core, 'policies.get', { id });
  const version = wholeNumber(str(v.version), '--version');
  if (version === undefined) throw new RegistreError('invalid_input', 'Give the id of the version, or --version N (see registre policies list).');
  const language = str(v.language) ?? 'fr';
  const found = (await call(core, 'policies.list', {})).find((p) => p.version === version && p.language === language);
  if (!found) throw new RegistreError('not_found', `Version ${version} in "${language}" is not in the archive.`);
  return call(core, 'policies.get', { id: found.id });
}

/** The policy's text file, as strict UTF-8: a binary or Latin-1 file is refused, not turned into U+FFFD. */
function readText(file: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new RegistreError('invalid_input', `Cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`);
  }
  let text: string;
  try {
    // Saved from Windows editors, the file may start with a byte-order mark: the decoder drops it.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new RegistreError('invalid_input', `${file} is not a UTF-8 text file: save the policy as plain text (UTF-8).`);
  }
  if (hasControlCharacters(text)) throw new RegistreError('invalid_input', `${file} holds control characters (only tab and line breaks are text): save the policy as plain text.`);
  return text;
}

export const registerCommands: Record<string, Command> = {
  'purposes list': {
    options: common,
    run: (v) =>
      withVault(v, async (core, out) => {
        const purposes = await call(core, 'purposes.list', {});
        out.result(purposes, () =>
          table(
            ['CODE', 'LAWFUL BASIS', 'PURPOSE', 'PROCESSORS'],
            purposes.map((p) => [p.code, p.lawfulBasis, p.nameEn, p.processors.map((x) => x.name).join(', ') || '—']),
          ),
        );
        return 0;
      }),
  },

  'policies list': {
    options: common,
    run: (v) =>
      withVault(v, async (core, out) => {
        const list = await call(core, 'policies.list', {});
        out.result(list, () =>
          table(
            ['ID', 'VERSION', 'LANG', 'EFFECTIVE', 'CHARS', 'STATUS'],
            list.map((p) => [p.id, String(p.version), p.language, p.effectiveDate, String(p.characters), policyFlags(p)]),
          ),
        );
        return 0;
      }),
  },

  'policies show': {
    options: { ...common, version: { type: 'string' }, language: { type: 'string' } },
    run: (v, [id]) =>
      withVault(v, async (core, out) => {
        const policy = await policyToShow(core, v, id);
        const flags = policyFlags(policy);
        out.result(policy, () =>
          [`Version ${policy.version} (${policy.language}), effective ${policy.effectiveDate}${flags ? ` — ${flags}` : ''}`, policy.summary ?? '', '', policy.text]
            .filter((line, i) => i !== 1 || line !== '')
            .join('\n'),
        );
        return 0;
      }),
  },

  'policies add': {
    options: {
      ...common,
      version: { type: 'string' },
      language: { type: 'string' },
      effective: { type: 'string' },
      file: { type: 'string' },
      material: { type: 'boolean' },
      summary: { type: 'string' },
    },
    run: (v) => {
      // Read and checked before the vault opens: a file that is not text changes nothing.
      const version = wholeNumber(required(v, 'version', 'the version number'), '--version')!;
      const text = readText(required(v, 'file', 'the text file of the policy'));
      return withVault(v, async (core, out) => {
        const added = await call(core, 'policies.add', {
          version,
          language: required(v, 'language', 'like fr or en'),
          effectiveDate: required(v, 'effective', 'the date it takes effect, like 2026-03-31'),
          text,
          materialChange: v.material === true,
          summary: str(v.summary),
        });
        out.result(added, () => `Added version ${added.version} (${added.language}), effective ${added.effectiveDate}, id ${added.id}${added.current ? ' — now the current text' : ''}.`);
        return 0;
      });
    },
  },

  'policies material': {
    options: common,
    run: (v, [id, flag]) =>
      withVault(v, async (core, out) => {
        if (!id) throw new RegistreError('invalid_input', 'Give the id of the version (see registre policies list) and true or false.');
        const p = await call(core, 'policies.setMaterialChange', { id, materialChange: trueOrFalse(flag, 'The second argument') });
        out.result(
          p,
          () => `Version ${p.version} (${p.language}) is ${p.materialChange ? 'now marked as a material change: consents given before it need renewing' : 'no longer marked as a material change'}.`,
        );
        return 0;
      }),
  },

  'policies set-date': {
    options: { ...common, date: { type: 'string' }, reason: { type: 'string' } },
    run: (v, [id]) =>
      withVault(v, async (core, out) => {
        if (!id) throw new RegistreError('invalid_input', 'Give the id of the version (see registre policies list), --date YYYY-MM-DD and --reason TEXT.');
        const p = await call(core, 'policies.setEffectiveDate', {
          id,
          effectiveDate: required(v, 'date', 'the day it took effect, like 2018-05-25'),
          reason: required(v, 'reason', 'why the date changes, kept with the change'),
        });
        out.result(p, () => `Version ${p.version} (${p.language}) is in effect from ${p.effectiveDate}${p.current ? ' — the current text' : ''}.`);
        return 0;
      }),
  },

  'processors list': {
    options: common,
    run: (v) =>
      withVault(v, async (core, out) => {
        const register = await call(core, 'processors.list', {});
        out.result(register, () =>
          [
            ...warningLines(register.warnings),
            ...(register.warnings.length > 0 ? [''] : []),
            table(
              ['ID', 'NAME', 'KIND', 'COUNTRY', 'DPA', 'CONTACTS', 'SAFEGUARD'],
              register.processors.map((p) => [
                p.id,
                p.name,
                p.kind === 'processor' ? 'processor' : 'third-party account',
                p.country ?? '—',
                p.dpaSignedOn ? `${p.dpaStatus} ${p.dpaSignedOn}` : p.dpaStatus,
                String(p.contactCount),
                `${p.citesPrivacyShield ? '⚠ ' : ''}${p.transferSafeguard ?? '—'}`,
              ]),
            ),
          ].join('\n'),
        );
        return 0;
      }),
  },

  'systems set': {
    options: { ...common, contact: { type: 'string' }, processor: { type: 'string' }, holds: { type: 'string' }, since: { type: 'string' } },
    run: (v) =>
      withVault(v, async (core, out) => {
        const contactId = required(v, 'contact', 'the contact id');
        const holds = trueOrFalse(required(v, 'holds', 'true or false'), '--holds');
        const id = await processorId(core, required(v, 'processor', 'its name or id'));
        const systems = await call(core, 'contactSystems.set', { contactId, processorId: id, holds, since: str(v.since) });
        out.result(systems, () => (systems.length === 0 ? 'No system holds this person’s data.' : systemsTable(systems)));
        return 0;
      }),
  },

  'systems list': {
    options: { ...common, contact: { type: 'string' } },
    run: (v) =>
      withVault(v, async (core, out) => {
        const systems = await call(core, 'contactSystems.list', { contactId: required(v, 'contact', 'the contact id') });
        out.result(systems, () => (systems.length === 0 ? 'No system holds this person’s data.' : systemsTable(systems)));
        return 0;
      }),
  },

  'sharing record': {
    options: {
      ...common,
      contact: { type: 'string' },
      partner: { type: 'string' },
      activity: { type: 'string' },
      categories: { type: 'string' },
      date: { type: 'string' },
      mou: { type: 'string' },
    },
    run: (v) =>
      withVault(v, async (core, out) => {
        const categories = required(v, 'categories', 'what was shared, like "name,e-mail"')
          .split(',')
          .map((c) => c.trim())
          .filter(Boolean);
        const s = await call(core, 'sharing.record', {
          contactId: required(v, 'contact', 'the contact id'),
          partner: required(v, 'partner', 'like ENPE or EnviCrimeNet'),
          jointActivity: required(v, 'activity', 'the joint activity it served'),
          dataCategories: categories,
          sharedOn: required(v, 'date', 'the day it was shared, like 2026-03-31'),
          mouReference: str(v.mou),
        });
        out.result(s, () => `Recorded: ${s.contactName}’s ${s.dataCategories.join(', ')} shared with ${s.partner} on ${s.sharedOn} (${s.jointActivity}). Id ${s.id}.`);
        return 0;
      }),
  },

  'sharing list': {
    options: { ...common, contact: { type: 'string' }, partner: { type: 'string' }, limit: { type: 'string' }, offset: { type: 'string' } },
    run: (v) =>
      withVault(v, async (core, out) => {
        const page = await call(core, 'sharing.list', {
          contactId: str(v.contact),
          partner: str(v.partner),
          ...pageOf(v),
        });
        out.result(page, () =>
          [
            table(
              ['SHARED ON', 'PARTNER', 'CONTACT', 'DATA', 'ACTIVITY', 'MOU'],
              page.items.map((s) => [s.sharedOn, s.partner, s.contactName, s.dataCategories.join(', '), s.jointActivity ?? '—', s.mouReference ?? '—']),
            ),
            `(${page.items.length} of ${page.total})`,
          ].join('\n'),
        );
        return 0;
      }),
  },

  'sharing recipients': {
    options: { ...common, contact: { type: 'string' } },
    run: (v) =>
      withVault(v, async (core, out) => {
        const recipients = await call(core, 'sharing.recipients', { contactId: required(v, 'contact', 'the contact id') });
        out.result(recipients, () =>
          recipients.length === 0
            ? 'Nobody outside the secretariat has received this person’s data.'
            : table(
                ['KIND', 'RECIPIENT', 'SINCE'],
                recipients.map((r) => [r.kind, r.name, r.since]),
              ),
        );
        return 0;
      }),
  },
};

/** This module's lines of `registre --help`. */
export const registerUsage = `
Processing register
  purposes list                       Purposes, lawful bases and the processors each uses
  policies list                       The privacy-policy archive, newest first
  policies show ID | --version N [--language fr]
                                      Print one version's full text
  policies add --version N --language fr --effective YYYY-MM-DD --file TEXT.txt
               [--material] [--summary TEXT]
                                      Archive a new version (admins)
  policies material ID true|false     Mark a version as a material change (admins)
  policies set-date ID --date YYYY-MM-DD --reason TEXT
                                      Set or correct the day a version took effect (admins)
  processors list                     Processors and third-party accounts, warnings first
  systems set --contact ID --processor NAME_OR_ID --holds true|false [--since YYYY-MM-DD]
                                      Record that a system holds (or no longer holds) someone's data
  systems list --contact ID           The systems that hold someone's data
  sharing record --contact ID --partner ENPE --activity TEXT --categories "name,e-mail"
                 --date YYYY-MM-DD [--mou REF]
                                      Log data shared with a partner network
  sharing list [--contact ID] [--partner NAME] [--limit N] [--offset N]
  sharing recipients --contact ID     Partners and systems to tell of a rectification or erasure
`;
