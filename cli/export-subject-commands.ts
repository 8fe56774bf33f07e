/**
 * `registre export subject`: one person's access or portability bundle (shared/api/exports.ts).
 * The zip password comes from a file or the environment, never the command line (cli/secrets.ts).
 */
import { bundleModes, summaryLanguages, type BundleMode } from '../shared/vocabulary';
import { resolve } from 'node:path';
import type { ExportResultDto } from '../shared/dto/exports';
import { RegistreError } from '../shared/errors';
import { call, common, str, withVault, type Command, type Values } from './kit';
import { zipPassword } from './secrets';

function required(v: Values, name: string): string {
  const value = str(v[name]);
  if (!value) throw new RegistreError('invalid_input', `--${name} is required.`);
  return value;
}

function oneOf<T extends string>(value: string | undefined, name: string, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new RegistreError('invalid_input', `--${name} must be one of ${allowed.join(', ')}.`);
  return value as T;
}

export const exportSubjectCommands: Record<string, Command> = {
  'export subject': {
    options: {
      ...common,
      contact: { type: 'string' },
      mode: { type: 'string' },
      'include-sensitive': { type: 'boolean' },
      language: { type: 'string' },
      out: { type: 'string' },
      'password-file': { type: 'string' },
      request: { type: 'string' },
    },
    run: (v) => {
      const input = {
        contactId: required(v, 'contact'),
        mode: oneOf<BundleMode>(required(v, 'mode'), 'mode', bundleModes)!,
        includeSensitive: v['include-sensitive'] === true,
        language: oneOf(str(v.language), 'language', summaryLanguages),
        // The shell's working folder is the CLI's to know: the core takes absolute paths only.
        out: resolve(required(v, 'out')),
        password: zipPassword(str(v['password-file'])),
        requestId: str(v.request),
      };
      return withVault(v, async (core, out) => {
        // Ctrl-C stops the export cleanly (its temporary file is removed). Listening for
        // every SIGINT while it runs, not once, so a press that arrives before the job has
        // begun is not the only one honoured.
        const cancel = () => core.exportJob.cancel();
        process.on('SIGINT', cancel);
        let r: ExportResultDto;
        try {
          r = await call(core, 'exports.subject', input);
        } finally {
          process.removeListener('SIGINT', cancel);
        }
        if (r.outcome === 'cancelled') {
          out.result(r, () => 'Cancelled: nothing was written.');
          return 1;
        }
        out.result(r, () =>
          [
            `Wrote ${r.path}${input.password ? ' (AES-256 encrypted: open it with 7-Zip or WinZip)' : ''}`,
            ...r.files.map((f) => `  ${f.name.padEnd(24)} ${f.rows === null ? '' : `${f.rows} rows`}`.trimEnd()),
            `Audit chain head: #${r.auditHead.seq} ${r.auditHead.hash}`,
            ...(input.requestId ? [`Attached to request ${input.requestId} as its evidence.`] : []),
          ].join('\n'),
        );
        return 0;
      });
    },
  },
};

export const exportSubjectUsage = `
Exports
  export subject --contact ID --mode access|portability [--include-sensitive] [--language en|fr] --out FILE.zip
                 [--password-file F] [--request ID]
                                      One person's bundle: data.json, a CSV per section, schema.json,
                                      summary.html and README.txt, manifest.json. access (Art. 15) is
                                      everything; portability (Art. 20) what they provided under
                                      consent or contract. Sensitive details only with
                                      --include-sensitive. With a password (--password-file, or
                                      $REGISTRE_ZIP_PASSWORD) the zip is AES-256: 7-Zip or WinZip open it,
                                      Windows Explorer does not. With --request (an open access or
                                      portability request of this person, same mode) the bundle is
                                      recorded on the request with its manifest's SHA-256. Ctrl-C
                                      cancels and writes nothing (exit 1)
`;
