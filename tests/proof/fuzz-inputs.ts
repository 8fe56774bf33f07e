/**
 * Inputs for the contract fuzz: generated from each method's own zod schema (so most are
 * nearly valid and reach the handler), with hostile values at the leaves, wrong types,
 * unknown and prototype keys; and a hand corpus of whole inputs no method should take.
 */
import fc from 'fast-check';
import type { z } from 'zod';

/** Strings a field may be given: what real callers send and what attackers do. */
const HOSTILE_STRINGS = [
  '',
  ' ',
  '\0',
  'a\0b',
  '\uD800',
  'x\uDFFFy',
  '\u202Eevil',
  '\uFEFF',
  'x'.repeat(5000),
  'é'.repeat(70_000),
  '2026-02-30',
  '2026-13-01',
  '0000-01-01',
  '1899-12-31',
  '3000-01-01',
  '2026-3-1',
  '31/03/2026',
  '../../../../etc/passwd',
  '/etc/passwd',
  'C:\\Windows\\win.ini',
  '\\\\server\\share\\x.csv',
  '%2e%2e%2f',
  '<script>alert(1)</script>',
  "'; DROP TABLE contacts; --",
  '=HYPERLINK("http://x")',
  '__proto__',
  'constructor',
  'ZZ',
  'be',
  'newsletter',
  '-1',
  '1e309',
];

const HOSTILE_NUMBERS = [0, -1, -0, 1.5, 2 ** 31, 2 ** 53 + 2, -(2 ** 53), 1e308, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];

/** Any value at all, for a field given the wrong type. */
const wrongType = fc.oneof(fc.constantFrom(null, true, [], {}, 0, 'string', [null]), fc.anything({ maxDepth: 2 }));

type Def = { type: string; [k: string]: unknown };
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/**
 * `clean` inputs keep to plausible values, so they pass the schema and reach the handlers
 * (not found, conflicts, refusals of the rules); `hostile` ones put attacks at the leaves.
 */
export type Hostility = 'clean' | 'hostile';

/** An arbitrary shaped like `schema`, with `ids` (real records of the vault) among its strings. */
export function fromSchema(schema: z.ZodType, ids: readonly string[], hostility: Hostility, depth = 0): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  /** A field's value: plausible, or (when hostile) now and then an attack or the wrong type. */
  const leaf = (plausible: fc.Arbitrary<unknown>, hostile: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
    hostility === 'clean' ? plausible : fc.oneof({ arbitrary: plausible, weight: 10 }, { arbitrary: hostile, weight: 4 }, { arbitrary: wrongType, weight: 1 });
  const inner = (s: z.ZodType, deeper = 1) => fromSchema(s, ids, hostility, depth + deeper);
  const str = fc.oneof(
    { arbitrary: fc.constantFrom(...ids), weight: 3 },
    { arbitrary: fc.constantFrom('Proof text', 'BE', 'FR', 'fr', 'en', '2026-03-31', '2025-12-01', 'newsletter', 'https://example.org/privacy'), weight: 3 },
    { arbitrary: fc.string({ maxLength: 40 }), weight: 2 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 20 }), weight: 1 },
  );
  switch (def.type) {
    case 'object': {
      const shape = def.shape as Record<string, z.ZodType>;
      const fields = Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, inner(v)]));
      const base = fc.record(fields, { requiredKeys: [] });
      if (hostility === 'clean') return base;
      // Now and then an unknown key or one that poisons a prototype, beside the real ones.
      const extra = fc.oneof({ arbitrary: fc.constant(undefined), weight: 6 }, { arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', 'unknownField', 'toString'), weight: 1 });
      return fc.tuple(base, extra, fc.anything({ maxDepth: 1 })).map(([o, k, v]) => (k ? Object.assign(JSON.parse(JSON.stringify({ [k]: v ?? 1 })) as object, o) : o));
    }
    case 'string':
      return leaf(str, fc.constantFrom(...HOSTILE_STRINGS));
    case 'number':
      return leaf(fc.integer({ min: -5, max: 600 }), fc.oneof(fc.constantFrom(...HOSTILE_NUMBERS), fc.double()));
    case 'boolean':
      return leaf(fc.boolean(), fc.constantFrom('true', 1, 0));
    case 'enum':
      return leaf(fc.constantFrom(...Object.values(def.entries as Record<string, string>)), fc.constantFrom('', 'ADMIN', 'admin ', 'other'));
    case 'literal':
      return leaf(fc.constantFrom(...(def.values as unknown[])), str);
    case 'array':
      return depth > 4 ? fc.constant([]) : leaf(fc.array(inner(def.element as z.ZodType), { maxLength: 4 }), fc.array(str, { minLength: 11, maxLength: 60 }));
    case 'record':
      return leaf(fc.dictionary(str, inner(def.valueType as z.ZodType), { maxKeys: 3 }), fc.constant({ ['__proto__']: 'x' }));
    case 'optional':
    case 'default':
    case 'prefault':
      return fc.option(inner(def.innerType as z.ZodType, 0), { nil: undefined, freq: 4 });
    case 'nullable':
      return fc.option(inner(def.innerType as z.ZodType, 0), { nil: null, freq: 4 });
    case 'union':
      return fc.oneof(...(def.options as z.ZodType[]).map((o) => inner(o, 0)));
    case 'pipe':
      return inner(def.in as z.ZodType, 0);
    default:
      return fc.anything({ maxDepth: 2 });
  }
}

/** An object nested `levels` deep, to find recursion that a stack cannot hold. */
function deep(levels: number): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < levels; i++) v = { contactId: v, id: v };
  return v;
}

/** Whole inputs no method should take, given in place of the input object; each crosses IPC's structured clone. */
export const HAND_CORPUS: readonly { name: string; input: unknown }[] = [
  { name: 'undefined', input: undefined },
  { name: 'null', input: null },
  { name: 'a number', input: 42 },
  { name: 'NaN', input: Number.NaN },
  { name: 'a string', input: 'contacts' },
  { name: 'a huge string', input: 'x'.repeat(2_000_000) },
  { name: 'an array', input: [{}] },
  { name: 'true', input: true },
  { name: 'a __proto__ key (as JSON.parse makes it)', input: JSON.parse('{"__proto__": {"admin": true, "role": "admin"}}') as unknown },
  { name: 'a constructor.prototype key', input: { constructor: { prototype: { polluted: true } } } },
  { name: 'nested 10 000 deep', input: deep(10_000) },
  { name: 'a Date', input: new Date(Number.NaN) },
];
