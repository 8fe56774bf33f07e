/**
 * Every code the core can write into the audit log reads as words in both languages:
 * the history and the audit screen show them, never the code.
 */
import { describe, expect, it } from 'vitest';
import en from '../../shared/i18n/en.json';
import fr from '../../shared/i18n/fr.json';
import { contract, methods } from '../../shared/api/index';
import { auditActions, auditFieldNames, auditRecordTypes } from '../../shared/audit-vocabulary';
import { importTargets } from '../../shared/import-format';
import { registerTables } from '../../shared/vocabulary';
import { registerSpecs } from '../../db/export/register-tables';

// The screens look codes up with '.' turned into '_' (renderer/audit-words.ts).
const asKey = (code: string) => code.replace(/\./g, '_');
type Words = Record<string, string>;

const readMethods = methods.filter((m) => contract[m].access === 'read');
const entities = [...auditRecordTypes, ...readMethods, ...registerTables];
// What the core names dynamically: a register export its columns, an import the fields it filled.
const fields = [...auditFieldNames, ...registerTables.flatMap((t) => registerSpecs[t].columns), ...importTargets];

function missing(words: Words, codes: readonly string[]): string[] {
  return [...new Set(codes)].filter((c) => typeof words[asKey(c)] !== 'string' || words[asKey(c)] === '');
}

describe.each([
  ['en', en.audit],
  ['fr', fr.audit],
])('audit words in %s', (_lang, audit) => {
  it('names every action', () => expect(missing(audit.actions as Words, auditActions)).toEqual([]));
  it('names every kind of record', () => expect(missing(audit.entities as Words, entities)).toEqual([]));
  it('names every field', () => expect(missing(audit.fieldNames as Words, fields)).toEqual([]));
});
