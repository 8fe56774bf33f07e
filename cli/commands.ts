/** The CLI's commands. Each opens the vault, calls the contract, and always locks again. */
import { roles, type Role } from '../shared/vocabulary';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { RegistreCore, dispatch, insertDemoData, writeFileAtomic, defaultVaultDir, decodeRecoveryKey, sqlcipherPragmas } from '../db/index';
import { type Method, type Output } from '../shared/api/index';
import { RegistreError } from '../shared/errors';
import { englishReportWords, importReportCsv } from '../shared/import-report';
import { makeOut, type Out } from './output';
import { readStdin } from './secrets';
import { rekey, rekeyKeyFile } from './rekey-command';
import { consentCommands, consentUsage } from './consent-commands';
import { registerCommands, registerUsage } from './register-commands';
import { photoCommands, photoUsage } from './photo-commands';
import { requestCommands, requestUsage } from './request-commands';
import { calendarCommands, calendarUsage } from './calendar-commands';
import { retentionCommands, retentionUsage } from './retention-commands';
import { controllerCommands, controllerUsage, settingsText } from './controller-command';
import { eraseCommands, eraseUsage } from './erase-command';
import { restoreCommands, restoreUsage } from './restore-command';
import { backupCommands, backupUsage } from './backup-commands';
import { auditCommands, auditUsage } from './audit-commands';
import { mergeCommands, mergeUsage } from './merge-command';
import { exportRegisterCommands, exportRegisterUsage } from './export-register-commands';
import { exportSubjectCommands, exportSubjectUsage } from './export-subject-commands';
import { reportCommands, reportUsage } from './report-commands';
import { statsCommands, statsUsage } from './stats-commands';
import { call, common, newPassphrase, numberOption, pageOf, passphrase, refuseReadOnly, str, withVault, type Command, type Values } from './kit';

const counted = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

function printRecoveryKey(out: Out, vault: string, recoveryKey: string, intro: string): void {
  out.result({ vault, recoveryKey }, () =>
    [
      intro,
      '',
      'RECOVERY KEY — shown only this once. Write it down or print it and keep it in a safe place:',
      '',
      `    ${recoveryKey}`,
      '',
      'It opens the vault if every passphrase is forgotten, and in any SQLCipher 4 tool',
      '(see `registre recovery-key sqlcipher-pragma`).',
    ].join('\n'),
  );
}

export const commands: Record<string, Command> = {
  init: {
    options: { ...common, staff: { type: 'string' } },
    async run(v) {
      refuseReadOnly(v);
      const out = makeOut(v.json === true);
      const core = new RegistreCore({ vaultDir: str(v.vault) ?? defaultVaultDir(), allowFolderChange: false });
      const created = await call(core, 'vault.create', { passphrase: passphrase(v), staffName: str(v.staff) ?? 'Administrator' });
      await core.lock();
      printRecoveryKey(out, core.vaultDir, created.recoveryKey, `Created a vault in ${core.vaultDir} for ${created.session.staff.name} (admin).`);
      return 0;
    },
  },

  status: {
    options: common,
    run: (v) =>
      withVault(v, async (core, out) => {
        const info = await call(core, 'vault.info', {});
        out.result({ vault: core.vaultDir, ...info }, () =>
          [
            `Vault:          ${core.vaultDir}`,
            `Schema version: ${info.schemaVersion}`,
            `App version:    ${info.appVersion}`,
            `Audit head:     ${info.auditHead ? `#${info.auditHead.seq} ${info.auditHead.hash}` : '(empty)'}`,
            'Counts:',
            ...Object.entries(info.counts).map(([k, n]) => `  ${k.padEnd(16)} ${n}`),
          ].join('\n'),
        );
        return 0;
      }),
  },

  'audit verify': {
    options: common,
    run: (v) =>
      withVault(v, async (core, out) => {
        const r = await call(core, 'audit.verify', {});
        out.result(r, () => (r.intact ? `Audit log intact: ${r.events} events, head ${r.headHash ?? '(empty)'}.` : `Audit log BROKEN at event #${r.firstBroken!.seq}: ${r.firstBroken!.reason}.`));
        return r.intact ? 0 : 1;
      }),
  },

  'staff list': {
    options: common,
    run: (v) =>
      withVault(v, async (core, out) => {
        const staff = await call(core, 'staff.list', {});
        out.result(staff, () => staff.map((s) => `${s.id}  ${s.role.padEnd(8)} ${s.name}`).join('\n'));
        return 0;
      }),
  },

  'staff add': {
    options: { ...common, name: { type: 'string' }, role: { type: 'string' }, 'new-passphrase-file': { type: 'string' } },
    run: (v) =>
      withVault(v, async (core, out) => {
        const role = str(v.role) ?? 'staff';
        if (!(roles as readonly string[]).includes(role)) throw new RegistreError('invalid_input', `--role must be one of ${roles.join(', ')}.`);
        const name = str(v.name);
        if (!name) throw new RegistreError('invalid_input', '--name is required.');
        const staff = await call(core, 'staff.add', { name, role: role as Role, passphrase: newPassphrase(v) });
        out.result(staff, () => `Added ${staff.name} (${staff.role}) with id ${staff.id}.`);
        return 0;
      }),
  },

  'staff remove': {
    options: common,
    run: (v, [id]) =>
      withVault(v, async (core, out) => {
        if (!id) throw new RegistreError('invalid_input', 'Give the id of the staff profile to remove (see registre staff list).');
        await call(core, 'staff.remove', { id });
        out.result({ removed: id }, () => `Removed staff profile ${id}. Their passphrase no longer opens the vault.`);
        return 0;
      }),
  },

  'staff reset-passphrase': {
    options: { ...common, 'new-passphrase-file': { type: 'string' } },
    run: (v, [id]) =>
      withVault(v, async (core, out) => {
        if (!id) throw new RegistreError('invalid_input', 'Give the id of the staff profile (see registre staff list).');
        await call(core, 'staff.resetPassphrase', { id, passphrase: newPassphrase(v) });
        out.result({ reset: id }, () => `New passphrase set for ${id}; their previous one no longer opens the vault.`);
        return 0;
      }),
  },

  'passphrase change': {
    options: { ...common, 'new-passphrase-file': { type: 'string' } },
    run: (v) =>
      withVault(v, async (core, out) => {
        await call(core, 'session.changePassphrase', { current: passphrase(v), next: newPassphrase(v) });
        out.result({ changed: true }, () => 'Passphrase changed. The old one no longer opens the vault.');
        return 0;
      }),
  },

  rekey: {
    options: { ...common, 'recovery-key-out': { type: 'string' } },
    run(v) {
      const keyFile = rekeyKeyFile(v);
      return withVault(v, (core, out) =>
        rekey(core, out, keyFile, (recoveryKey) => printRecoveryKey(out, core.vaultDir, recoveryKey, 'A new data key is ready. The vault stays under the old key until you confirm this one.')),
      );
    },
  },

  'recovery-key sqlcipher-pragma': {
    options: { json: { type: 'boolean' } },
    async run(v) {
      const key = decodeRecoveryKey(readStdin().trim());
      const pragmas = sqlcipherPragmas(key);
      makeOut(v.json === true).result({ pragmas: pragmas.split('\n') }, () => pragmas);
      key.fill(0);
      return 0;
    },
  },

  demo: {
    options: { ...common, contacts: { type: 'string' }, staff: { type: 'string' }, seed: { type: 'string' }, force: { type: 'boolean' } },
    async run(v) {
      refuseReadOnly(v);
      const n = numberOption(v, 'contacts', 0, 1_000_000, 1000);
      const seed = numberOption(v, 'seed', 0, 2 ** 32 - 1, 2026);
      const out = makeOut(v.json === true);
      const core = new RegistreCore({ vaultDir: str(v.vault) ?? defaultVaultDir(), allowFolderChange: false });
      let recoveryKey: string | null = null;
      if (core.status().exists) {
        await call(core, 'vault.unlock', { passphrase: passphrase(v) });
      } else {
        recoveryKey = (await call(core, 'vault.create', { passphrase: passphrase(v), staffName: str(v.staff) ?? 'Demo Administrator' })).recoveryKey;
      }
      try {
        const ctx = core.context();
        if (ctx.session?.staff.role !== 'admin') throw new RegistreError('forbidden', 'Only an administrator can add demo data.');
        // The demo's organisations and people would sit beside real ones, a second time on a second run.
        const { counts: held } = await call(core, 'vault.info', {});
        if (v.force !== true && (held.contacts ?? 0) + (held.organisations ?? 0) > 0) {
          throw new RegistreError(
            'conflict',
            `This vault already holds ${counted(held.contacts ?? 0, 'contact')} and ${counted(held.organisations ?? 0, 'organisation')}: demo data would be mixed with them. Use an empty vault, or give --force to add it anyway.`,
          );
        }
        const counts = await ctx.tx((trx, audit) => insertDemoData(trx, { contacts: n, seed, now: ctx.now }, (entityType) => audit({ action: 'demo.generated', entityType })));
        out.result({ vault: core.vaultDir, recoveryKey, counts }, () =>
          [
            `Added synthetic demo data to ${core.vaultDir}:`,
            ...Object.entries(counts).map(([k, c]) => `  ${k.padEnd(15)} ${c}`),
            ...(recoveryKey ? ['', `New vault. Recovery key: ${recoveryKey}`] : []),
          ].join('\n'),
        );
        return 0;
      } finally {
        await core.lock();
      }
    },
  },
  ...consentCommands,
  ...registerCommands,
  ...photoCommands,
  ...requestCommands,
  ...calendarCommands,
  ...retentionCommands,
  ...controllerCommands,
  ...eraseCommands,
  ...restoreCommands,
  ...backupCommands,
  ...mergeCommands,
  ...auditCommands,
  ...exportSubjectCommands,
  ...exportRegisterCommands,
  ...reportCommands,
  ...statsCommands,
};

/** Refuses an error report path whose folder is missing (or is a file), or that names a folder. */
function checkReportPath(path: string): void {
  const dir = dirname(resolve(path));
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new RegistreError('invalid_input', `The folder of the error report (${dir}) does not exist: choose another folder.`);
  if (existsSync(path) && statSync(path).isDirectory()) throw new RegistreError('invalid_input', `${path} is a folder: give a file name for the error report.`);
}

/** Writes the error report; a place that cannot be written is one line, not the temporary file's errno. */
function writeReport(path: string, csv: string): void {
  try {
    writeFileAtomic(path, csv);
  } catch {
    throw new RegistreError('invalid_input', `Registre cannot write the error report to ${path}: choose another folder.`);
  }
}

function readJsonFile(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch {
    throw new RegistreError('invalid_input', `${path} is not a readable JSON file.`);
  }
}

/** `--json '{…}'`: the API's camelCase input, parsed by the contract like any other call. */
function jsonInput(v: Values): unknown {
  const text = str(v.json);
  if (text === undefined) throw new RegistreError('invalid_input', 'Give the record as --json \'{"fullName": …}\'.');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new RegistreError('invalid_input', '--json is not valid JSON.');
  }
}

/** Calls a method with raw input (the contract's zod schema checks it) and prints the result. */
async function callRaw(core: RegistreCore, method: Method, input: unknown): Promise<unknown> {
  const r = await dispatch(core, method, input, (m) => process.stderr.write(`${m}\n`));
  if (!r.ok) throw new RegistreError(r.error.code, r.error.message, r.error.detail);
  return r.data;
}

const recordOptions = { ...common, json: { type: 'string' } } as const;
const listOptions = { ...common, search: { type: 'string' }, limit: { type: 'string' }, offset: { type: 'string' } } as const;
const pageInput = (v: Values) => ({
  ...(str(v.search) ? { query: str(v.search) } : {}),
  ...pageOf(v),
});

/**
 * Adds one record from --json and prints it (always as JSON: scripts read the new id).
 * `warnings` says what to tell on stderr about the new record; it is still added and the
 * exit is 0, so a scripted import carries on.
 */
function addCommand(method: Method, warnings?: (core: RegistreCore, created: unknown) => Promise<string[]>): Command {
  return {
    options: recordOptions,
    run: (v) =>
      withVault({ ...v, json: false }, async (core) => {
        const created = await callRaw(core, method, jsonInput(v));
        process.stdout.write(`${JSON.stringify(created, null, 2)}\n`);
        for (const line of (await warnings?.(core, created)) ?? []) process.stderr.write(`registre: warning: ${line}\n`);
        return 0;
      }),
  };
}

/** The organisations already in the vault whose name is close to a new one's. */
async function similarOrganisationWarnings(core: RegistreCore, created: unknown): Promise<string[]> {
  const org = created as Output<'organisations.add'>;
  const similar = await call(core, 'organisations.similar', { name: org.name, excludeId: org.id });
  if (similar.length === 0) return [];
  return [`"${org.name}" was added, but the vault already has an organisation with a similar name: ${similar.map((o) => `${o.name} (${o.id})`).join(', ')}.`];
}

/** Changes the record ID with the fields of --json (the others are kept) and prints it. */
function updateCommand(method: Method, what: string): Command {
  return {
    options: recordOptions,
    run: (v, [id]) =>
      withVault({ ...v, json: false }, async (core) => {
        if (!id) throw new RegistreError('invalid_input', `Give the id of the ${what} to change (see registre ${what}s list).`);
        const fields = jsonInput(v);
        const updated = await callRaw(core, method, typeof fields === 'object' && fields !== null ? { ...fields, id } : fields);
        process.stdout.write(`${JSON.stringify(updated, null, 2)}\n`);
        return 0;
      }),
  };
}

const dateSpan = (start: string | null, end: string | null) => (end && end !== start ? `${start ?? '…'} – ${end}` : (start ?? '(no dates)'));

Object.assign(commands, {
  'contacts add': addCommand('contacts.add'),
  'orgs add': addCommand('organisations.add', similarOrganisationWarnings),
  'events add': addCommand('events.add'),
  'events update': updateCommand('events.update', 'event'),
  'projects add': addCommand('projects.add'),
  'projects update': updateCommand('projects.update', 'project'),
  'projects list': {
    options: common,
    run: (v: Values) =>
      withVault(v, async (core, out) => {
        const projects = await call(core, 'projects.list', {});
        out.result(projects, () => [...projects.map((p) => `${p.id}  ${dateSpan(p.startDate, p.endDate)}  ${p.name}`), `(${counted(projects.length, 'project')})`].join('\n'));
        return 0;
      }),
  },
  'participation add': addCommand('participations.add'),
  'contacts list': {
    options: listOptions,
    run: (v: Values) =>
      withVault(v, async (core, out) => {
        const page = await call(core, 'contacts.search', pageInput(v));
        out.result(page, () =>
          [
            ...page.items.map((c) => `${c.id}  ${c.fullName}${c.organisationName ? ` — ${c.organisationName}` : ''}${c.primaryEmail ? ` <${c.primaryEmail}>` : ''}`),
            `(${page.items.length} of ${page.total})`,
          ].join('\n'),
        );
        return 0;
      }),
  },
  'contacts show': {
    options: common,
    run: (v: Values, [id]: string[]) =>
      withVault(v, async (core, out) => {
        if (!id) throw new RegistreError('invalid_input', 'Give the id of the contact (see registre contacts list).');
        const c = await call(core, 'contacts.get', { id });
        out.result(c, () =>
          [
            c.fullName,
            ...c.emails.map((e) => `  e-mail: ${e.address}${e.primary ? ' (primary)' : ''}`),
            ...c.phones.map((p) => `  phone:  ${p}`),
            c.organisation ? `  organisation: ${c.organisation.name}` : '',
            ...c.participations.map((p) => `  ${p.participatedOn} ${p.role} — ${p.name}`),
          ]
            .filter(Boolean)
            .join('\n'),
        );
        return 0;
      }),
  },
  'contacts import': {
    options: {
      ...common,
      mapping: { type: 'string' },
      'dry-run': { type: 'boolean' },
      'skip-invalid': { type: 'boolean' },
      encoding: { type: 'string' },
      delimiter: { type: 'string' },
      'error-report': { type: 'string' },
      'consent-purpose': { type: 'string' },
    },
    run: (v: Values, [file]: string[]) => {
      // Checked before the vault opens, so a report that cannot be written changes nothing.
      const report = str(v['error-report']);
      if (report !== undefined) checkReportPath(report);
      return withVault(v, async (core, out) => {
        if (!file) throw new RegistreError('invalid_input', 'Give the CSV file to import.');
        let content: Buffer;
        try {
          content = readFileSync(file);
        } catch {
          throw new RegistreError('invalid_input', `Cannot read ${file}.`);
        }
        const source = {
          contentBase64: content.toString('base64'),
          // The consents' evidence names the file; a re-import of it records none twice.
          fileName: basename(file),
          ...(str(v['consent-purpose']) ? { consentPurpose: str(v['consent-purpose']) } : {}),
          ...(str(v.mapping) ? { mapping: readJsonFile(str(v.mapping)!) } : {}),
          ...(str(v.encoding) ? { encoding: str(v.encoding) } : {}),
          ...(str(v.delimiter) ? { delimiter: str(v.delimiter) === 'tab' ? '\t' : str(v.delimiter) } : {}),
        };
        const preview = (await callRaw(core, 'contacts.importPreview', source)) as Output<'contacts.importPreview'>;
        if (report && preview.report.rows.length > 0) writeReport(report, importReportCsv(preview.report, englishReportWords));
        const c = preview.counts;
        const summary = `${c.rows} rows: ${c.new} new, ${c.update} updated, ${c.skipped} skipped, ${c.invalid} invalid; ${c.organisationsToCreate} new organisations; consents: ${c.grants} granted, ${c.withdrawals} withdrawn`;
        if (v['dry-run'] === true) {
          out.result(preview, () => [`Dry run (nothing written). ${summary}.`, ...preview.issues.slice(0, 20).map((i) => `  row ${i.row}: ${i.reasons.map((r) => r.message).join('; ')}`)].join('\n'));
          return c.invalid > 0 ? 1 : 0;
        }
        const result = (await callRaw(core, 'contacts.importCommit', { ...source, skipInvalid: v['skip-invalid'] === true, expected: c })) as Output<'contacts.importCommit'>;
        out.result(result, () => `Imported. ${summary}.`);
        return 0;
      });
    },
  },
  'orgs list': {
    options: listOptions,
    run: (v: Values) =>
      withVault(v, async (core, out) => {
        const page = await call(core, 'organisations.list', pageInput(v));
        out.result(page, () => [...page.items.map((o) => `${o.id}  ${o.name} (${o.type}${o.country ? `, ${o.country}` : ''})`), `(${page.items.length} of ${page.total})`].join('\n'));
        return 0;
      }),
  },
  'settings show': {
    options: common,
    run: (v: Values) =>
      withVault(v, async (core, out) => {
        const s = await call(core, 'settings.get', {});
        out.result(s, () => settingsText(s));
        return 0;
      }),
  },
  'settings set': {
    options: {
      ...common,
      'auto-lock-minutes': { type: 'string' },
      'auditors-may-reveal': { type: 'string' },
      'minor-age': { type: 'string' },
      'home-country': { type: 'string' },
      'backup-folder': { type: 'string' },
      'backup-every-days': { type: 'string' },
      'backup-keep': { type: 'string' },
    },
    run: (v: Values) => {
      const flag = str(v['auditors-may-reveal']);
      if (flag !== undefined && flag !== 'true' && flag !== 'false') throw new RegistreError('invalid_input', '--auditors-may-reveal must be true or false.');
      const input = {
        autoLockMinutes: numberOption(v, 'auto-lock-minutes', 1, 240),
        auditorsMayReveal: flag === undefined ? undefined : flag === 'true',
        minorAgeThreshold: numberOption(v, 'minor-age', 13, 18),
        homeCountry: str(v['home-country'])?.toUpperCase(),
        // "" forgets the folder (scheduled backups stop until another is set).
        backupFolder: str(v['backup-folder']) === '' ? null : str(v['backup-folder']),
        backupEveryDays: numberOption(v, 'backup-every-days', 1, 90),
        backupKeep: numberOption(v, 'backup-keep', 1, 100),
      };
      // Refused before the vault opens: an update that changes nothing is a usage mistake.
      if (Object.values(input).every((value) => value === undefined)) {
        throw new RegistreError('invalid_input', 'Give at least one setting to change (see registre --help).');
      }
      return withVault(v, async (core, out) => {
        const s = (await callRaw(core, 'settings.update', input)) as Output<'settings.update'>;
        out.result(s, () => settingsText(s));
        return 0;
      });
    },
  },
  'events list': {
    options: listOptions,
    run: (v: Values) =>
      withVault(v, async (core, out) => {
        const page = await call(core, 'events.list', pageInput(v));
        out.result(page, () => [...page.items.map((e) => `${e.id}  ${e.startDate}  ${e.name} (${e.participants} participants)`), `(${page.items.length} of ${page.total})`].join('\n'));
        return 0;
      }),
  },
} satisfies Record<string, Command>);

export const usage = `registre — Registre's command line (same rules and audit log as the app)

Usage: registre <command> [options]

Vault and identity
  init [--staff NAME]                 Create a vault; prints the recovery key once
  status                              Schema version, record counts, audit head
  audit verify                        Check the audit chain (exit 0 intact, 1 broken)
${auditUsage}  staff list                          Staff profiles
  staff add --name NAME [--role admin|staff|auditor] [--new-passphrase-file F]
  staff remove ID                     Remove a profile (their passphrase stops working)
  staff reset-passphrase ID [--new-passphrase-file F]
                                      Give a colleague a new passphrase (admins)
  passphrase change [--new-passphrase-file F]
  rekey [--recovery-key-out FILE]     Re-encrypt with a new data key (admins). Prints the new recovery
                                      key, then switches once you type it back; without a terminal,
                                      writes it to FILE (a new file, owner-only) first
  recovery-key sqlcipher-pragma       Read a recovery key on stdin, print the PRAGMA lines
                                      that open the vault in any SQLCipher 4 tool
  demo [--contacts N] [--seed S] [--force]
                                      Fill a vault (created if absent) with synthetic data; refused
                                      on a vault that holds contacts or organisations unless --force
  settings show                       The vault's settings
  settings set [--auto-lock-minutes N] [--auditors-may-reveal true|false] [--minor-age N] [--home-country CC]
               [--backup-folder DIR] [--backup-every-days N] [--backup-keep N]
                                      Change settings (admins); --backup-folder "" forgets the folder
${controllerUsage}${backupUsage}
Records (input as the API's camelCase JSON; prints the created record with its id)
  contacts add --json '{"fullName": "…", "email": "…", "phone": "…", "organisationId": "…"}'
  contacts list [--search Q] [--limit N] [--offset N]
  contacts show ID
  contacts import FILE.csv [--dry-run] [--mapping MAPPING.json] [--skip-invalid]
                  [--encoding utf-8|windows-1252|…] [--delimiter ,|;|tab] [--error-report F.csv]
                  [--consent-purpose CODE]   (consent columns are for the newsletter unless told)
${mergeUsage}
  orgs add --json '{"name": "…", "type": "governmental_agency|partner_network|other", "country": "BE"}'
                  (added even when a similar name is there already; those are named on stderr)
  orgs list [--search Q]
  events add --json '{"name": "…", "startDate": "2026-05-12", "location": "…"}'
  events update ID --json '{"endDate": "2026-05-13"}'   (the fields given change, the others stay)
  events list [--search Q]
  projects add --json '{"name": "…", "type": "…", "startDate": "2026-01-01", "endDate": "…", "description": "…"}'
  projects update ID --json '{"description": "…"}'
  projects list
  participation add --json '{"contactId": "…", "eventId": "…", "role": "participant|speaker|organiser", "travelBooked": true}'
${consentUsage}${registerUsage}${photoUsage}${requestUsage}${calendarUsage}${retentionUsage}${eraseUsage}${restoreUsage}${exportSubjectUsage}${exportRegisterUsage}${statsUsage}${reportUsage}
Options for every command
  --vault DIR             Vault folder (default: $REGISTRE_VAULT, else the local
                          application-data folder, as in the desktop app)
  --passphrase-file F     Read your passphrase from the first line of F
  --json                  Machine-readable output
  --read-only             Look only: every change is refused, and what is read or exported
                          is logged. With --vault naming a backup folder (registre-backup-…),
                          opens that copy without changing a byte of it; its review log is
                          review-log.jsonl in that folder

Secrets are never read from the command line:
  REGISTRE_PASSPHRASE       your passphrase (or --passphrase-file)
  REGISTRE_NEW_PASSPHRASE   the new passphrase for "passphrase change" and "staff add"
                            (or --new-passphrase-file)
  REGISTRE_ZIP_PASSWORD     the password of an encrypted export zip for "export subject"
                            and "export verify" (or --password-file)

Exit codes: 0 success · 1 failure (or audit chain broken) · 2 invalid input or usage
`;
