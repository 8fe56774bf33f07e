/**
 * `registre` — the command line over the same service layer as the app (DESIGN §1).
 * IT staff script exports and audits with it. Errors: one line on stderr, non-zero exit,
 * nothing changed. Secrets come from the environment or files, never from argv.
 */
import { parseArgs } from 'node:util';
import { RegistreError } from '../shared/errors';
import { commands, usage } from './commands';
import type { Command } from './kit';

/**
 * parseArgs calls `--limit -1` "ambiguous": a negative number after an option taking a value
 * is that value (`--limit=-1`), so the command's own check can say what it takes. Any other
 * value starting with a dash must be written `--name=value`.
 */
function withDashValues(args: string[], options: Command['options']): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const name = arg.startsWith('--') && !arg.includes('=') ? arg.slice(2) : undefined;
    const next = args[i + 1];
    if (arg === '--' || name === undefined || options[name]?.type !== 'string' || next === undefined || !next.startsWith('-')) {
      out.push(arg);
      if (arg === '--') return [...out, ...args.slice(i + 1)];
      continue;
    }
    if (!/^-\d/.test(next)) {
      const hint = next.slice(2) in options ? '' : `: write --${name}=${next} for a value that starts with a dash`;
      throw new RegistreError('invalid_input', `--${name} needs a value${hint}. Run registre --help.`);
    }
    out.push(`${arg}=${next}`);
    i++;
  }
  return out;
}

async function main(argv: string[]): Promise<number> {
  if (argv.some((a) => a === '--passphrase' || a.startsWith('--passphrase=') || a === '--recovery-key')) {
    throw new RegistreError('invalid_input', 'Secrets are never accepted on the command line: use REGISTRE_PASSPHRASE or --passphrase-file (see registre --help).');
  }
  const words = argv.filter((a) => !a.startsWith('-'));
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h') || words[0] === 'help') {
    process.stdout.write(usage);
    return 0;
  }
  // Longest matching command name first: "audit verify" before "audit".
  const names = Object.keys(commands).sort((a, b) => b.split(' ').length - a.split(' ').length);
  const name = names.find((n) => {
    const parts = n.split(' ');
    return parts.every((p, i) => argv[i] === p);
  });
  if (!name) throw new RegistreError('invalid_input', `Unknown command "${words.slice(0, 2).join(' ')}". Run registre --help.`);
  const command = commands[name]!;
  const rest = argv.slice(name.split(' ').length);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: withDashValues(rest, command.options), options: command.options, allowPositionals: true, strict: true });
  } catch (e) {
    // withDashValues' own errors already say what to do; node's parseArgs errors do not.
    if (e instanceof RegistreError) throw e;
    throw new RegistreError('invalid_input', `${(e as Error).message}. Run registre --help.`);
  }
  return command.run(parsed.values as Record<string, string | boolean | undefined>, parsed.positionals);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    const message = e instanceof RegistreError ? e.message : e instanceof Error ? e.message : String(e);
    process.stderr.write(`registre: ${message.split('\n')[0]}\n`);
    process.exitCode = e instanceof RegistreError && e.code === 'invalid_input' ? 2 : 1;
  },
);
