/**
 * Whether an error message is one line a person can read: not a stack trace, not a
 * program's words ("undefined", "[object Object]"), not a schema library's own text, not
 * JSON. Each refusal names its kind, so a row can say which kind it found how often.
 */

const KINDS: readonly { kind: string; test: (m: string) => boolean }[] = [
  { kind: 'empty', test: (m) => m.trim() === '' },
  { kind: 'several lines', test: (m) => /[\r\n]/.test(m) },
  { kind: 'stack trace', test: (m) => /\bat \S+ \(|\bat .+:\d+:\d+|\b(Type|Range|Reference|Syntax)Error\b|SqliteError|SQLITE_/.test(m) },
  {
    kind: 'raw zod text',
    test: (m) =>
      /Invalid input|expected (string|number|boolean|object|array|record|nonoptional|bigint)|, received \w+|Unrecognized keys?:|Too (big|small):|Invalid (option|string|element|key|union|type|enum|discriminator)\b/.test(
        m,
      ),
  },
  { kind: 'program words', test: (m) => /\bundefined\b|\bNaN\b|\[object \w+\]|\bnull\b|\bInfinity\b/.test(m) },
  { kind: 'JSON', test: (m) => /^\s*[{[]|\{\s*"\w+"\s*:/.test(m) },
  { kind: 'too long', test: (m) => m.length > 400 },
];

/** Why `message` is not one readable line, or null when it is. */
export function unreadable(message: unknown): string | null {
  if (typeof message !== 'string') return 'not a string';
  return KINDS.find((k) => k.test(message))?.kind ?? null;
}
