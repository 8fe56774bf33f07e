/**
 * The records core has no import cycles (type-only imports included): a domain that needs
 * another's function imports it one way, and the ground floor (db/context.ts) imports
 * no domain's code. A cycle is reported with the files that make it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..', '..');
const DB = join(ROOT, 'db');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** The db/ files a file imports (relative specifiers resolved to a .ts file or a folder's index.ts). */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles
    .map((f) => f.fileName)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => resolve(dirname(file), spec))
    .flatMap((base) => [`${base}.ts`, join(base, 'index.ts')].filter((p) => p.startsWith(DB) && safeIsFile(p)).slice(0, 1));
}

function safeIsFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** Every cycle's files, found by a depth-first walk (each cycle reported once, from its first file). */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found;
}

describe('db/ imports', () => {
  const files = sourceFiles(DB);
  const graph = new Map(files.map((f) => [f, importsOf(f)]));

  it('reads the import graph (the walk itself works)', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(graph.get(join(DB, 'core.ts'))).toContain(join(DB, 'handlers.ts'));
    expect(
      cycles(
        new Map([
          ['a', ['b']],
          ['b', ['a']],
        ]),
      ),
    ).toEqual([['a', 'b', 'a']]);
  });

  it('have no cycles', () => {
    const named = cycles(graph).map((c) => c.map((f) => relative(ROOT, f)).join(' → '));
    expect(named).toEqual([]);
  });

  it('never go up from a domain folder to the core, its handler table, dispatch or the door', () => {
    const top = ['core.ts', 'handlers.ts', 'dispatch.ts', 'index.ts'].map((f) => join(DB, f));
    const upward = files.filter((f) => dirname(f) !== DB).flatMap((f) => (graph.get(f) ?? []).filter((i) => top.includes(i)).map((i) => `${relative(ROOT, f)} → ${relative(ROOT, i)}`));
    expect(upward).toEqual([]);
  });
});
