/**
 * The layers of DESIGN §1–2 as lint: scratch files at real paths of each room, linted with
 * the project's own eslint.config.mjs, get the layering errors (and only those), and the
 * imports a room is allowed make no noise. The scratch files do not exist, so no TypeScript
 * project holds them: they are linted with type-aware parsing off (the import rules need no
 * types); the type-aware rules are shown on a file that exists, with other text in it.
 */
import { join } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root, overrideConfig: [tseslint.configs.disableTypeChecked] });
});

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => `${m.severity === 2 ? 'error' : 'warning'} ${m.ruleId ?? 'parse'}: ${m.message}`);
}

const layering = (text: string) => expect.stringMatching(new RegExp(`^error no-restricted-imports: .*Layering: ${text}.*See DESIGN §1–2`));

describe('shared/', () => {
  it('imports no Node built-in, with or without node:', async () => {
    expect(await problems('shared/zz-scratch.ts', "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n")).toEqual([
      layering('shared/ runs in the browser too: no Node built-ins here'),
    ]);
    expect(await problems('shared/rules/zz-scratch.ts', "import { join } from 'path';\nexport const j = join;\n")).toEqual([layering('shared/ runs in the browser too')]);
  });

  it('imports neither electron, kysely nor React, nor anything outside shared/', async () => {
    const code = [
      "import { ipcRenderer } from 'electron';",
      "import { sql } from 'kysely';",
      "import { useState } from 'react';",
      "import { RegistreCore } from '../../db/index';",
      'export const all = [ipcRenderer, sql, useState, RegistreCore];',
    ].join('\n');
    expect(await problems('shared/api/zz-scratch.ts', code)).toEqual([
      layering('shared/ is the contract and pure rules: no electron'),
      layering('shared/ is the contract and pure rules: no electron, no database library'),
      layering('shared/ is imported by the core and the CLI too: no React'),
      layering('shared/ imports only shared/'),
    ]);
  });

  it('uses no Node global, which csv-stringify’s types would let through tsc', async () => {
    expect(await problems('shared/zz-scratch.ts', "export const b = Buffer.from('x');\n")).toEqual([
      expect.stringMatching(/^error no-restricted-globals: .*Layering: shared\/ runs in the browser too: no Node globals here/),
    ]);
  });

  it('imports shared/ and zod freely', async () => {
    const code = "import { z } from 'zod';\nimport { RegistreError } from '../errors';\nexport const all = [z, RegistreError];\n";
    expect(await problems('shared/api/zz-scratch.ts', code)).toEqual([]);
  });
});

describe('renderer/', () => {
  it('imports nothing from db/, electron/ or Node', async () => {
    const code = [
      "import { addContact } from '../../../db/contacts/contacts';",
      "import { RegistreCore } from '../../../db/index';",
      "import { BrowserWindow } from 'electron';",
      "import { join } from 'node:path';",
      "import { guards } from '../../../electron/guards';",
      'export const all = [addContact, RegistreCore, BrowserWindow, join, guards];',
    ].join('\n');
    expect(await problems('renderer/screens/contacts/ZzScratch.tsx', code)).toEqual([
      layering('renderer/ imports only renderer/ and shared/: the core is reached through renderer/api.ts'),
      layering('renderer/ imports only renderer/ and shared/'),
      layering('renderer/ runs sandboxed in the page: no Electron'),
      layering('renderer/ runs in the browser too: no Node built-ins here'),
      layering('renderer/ imports only renderer/ and shared/'),
    ]);
  });

  it('imports renderer/ and shared/', async () => {
    const code = "import { api } from '../../api';\nimport type { ContactDto } from '../../../shared/dto/index';\nexport const all: [typeof api, ContactDto | null] = [api, null];\n";
    expect(await problems('renderer/screens/contacts/ZzScratch.tsx', code)).toEqual([]);
  });
});

describe('the outer rooms (cli/, electron/, preview/, bench/)', () => {
  it('reach the core only through db/index', async () => {
    const internal = "import { addContact } from '../db/contacts/contacts';\nexport const add = addContact;\n";
    for (const room of ['cli', 'electron', 'preview', 'bench']) {
      expect(await problems(`${room}/zz-scratch.ts`, internal)).toEqual([layering("electron/, preview/, cli/ and bench/ use the core only through '../db/index'")]);
    }
    expect(await problems('electron/zz-scratch.ts', "import { RegistreCore } from '../db/core';\nexport const c = RegistreCore;\n")).toEqual([layering('.*only through')]);
    expect(await problems('cli/zz-scratch.ts', "import { RegistreCore, dispatch } from '../db/index';\nexport const all = [RegistreCore, dispatch];\n")).toEqual([]);
  });

  it('write no raw SQL', async () => {
    expect(await problems('cli/zz-scratch.ts', "import { sql } from 'kysely';\nexport const s = sql;\n")).toEqual([layering("raw SQL \\(kysely's `sql`\\) lives only in the SQLite-only modules")]);
  });
});

describe('db/', () => {
  it('keeps kysely’s sql to the SQLite-only modules', async () => {
    const raw = "import { sql, type Kysely } from 'kysely';\nexport const s = sql;\nexport type K = Kysely<unknown>;\n";
    expect(await problems('db/contacts/zz-scratch.ts', raw)).toEqual([layering("raw SQL \\(kysely's `sql`\\) lives only in the SQLite-only modules")]);
    expect(await problems('db/zz-scratch.ts', raw)).toEqual([layering('raw SQL')]);
    for (const allowed of ['db/vault/zz-scratch.ts', 'db/vault/sqlite-sql.ts', 'db/contacts/search.ts', 'db/import/sqlite-writes.ts', 'db/migrations/zz-scratch.ts']) {
      expect(await problems(allowed, raw), allowed).toEqual([]);
    }
    expect(await problems('db/contacts/zz-scratch.ts', "import type { Kysely } from 'kysely';\nexport type K = Kysely<unknown>;\n")).toEqual([]);
  });

  it('knows nothing about Electron, React or the rooms around it', async () => {
    const code = [
      "import { app } from 'electron';",
      "import { renderToStaticMarkup } from 'react-dom/server';",
      "import { api } from '../../renderer/api';",
      "import { run } from '../../cli/main';",
      'export const all = [app, renderToStaticMarkup, api, run];',
    ].join('\n');
    expect(await problems('db/export/zz-scratch.ts', code)).toEqual([
      layering('db/ knows nothing about Electron or React'),
      layering('db/ knows nothing about Electron or React'),
      layering('db/ imports only db/ and shared/'),
      layering('db/ imports only db/ and shared/'),
    ]);
  });

  it('has domain folders that do not import the floors above them', async () => {
    for (const floor of ['../core', '../handlers', '../dispatch', '../index', '..']) {
      expect(await problems('db/contacts/zz-scratch.ts', `import * as floor from '${floor}';\nexport const f = floor;\n`), floor).toEqual([
        layering('a domain folder \\(db/<domain>/\\) does not import db/core'),
      ]);
    }
    const fine =
      "import { assertContact } from '../context';\nimport { searchContacts } from './search';\nimport type { Database } from '../schema';\nexport const all: [unknown, unknown, Database | null] = [assertContact, searchContacts, null];\n";
    expect(await problems('db/contacts/zz-scratch.ts', fine)).toEqual([]);
    // The top floor itself gathers the domains.
    expect(await problems('db/zz-scratch.ts', "import { addContact } from './contacts/contacts';\nexport const a = addContact;\n")).toEqual([]);
  });

  it('has numbered migrations that import only kysely', async () => {
    expect(await problems('db/migrations/0099_zz_scratch.ts', "import { RegistreError } from '../../shared/errors';\nexport const e = RegistreError;\n")).toEqual([
      layering('a numbered migration is frozen in time'),
    ]);
  });
});

describe('type-aware rules', () => {
  it('report a promise nobody waits for, and one handed to a caller that expects nothing back', async () => {
    // This very file is in the tests' TypeScript project; the text linted in its place is the sample.
    const typed = new ESLint({ cwd: root });
    const code = 'async function save(): Promise<void> {}\nsave();\nexport const later = (cb: () => void) => cb();\nlater(async () => save());\n';
    const [result] = await typed.lintText(code, { filePath: 'tests/lint/layering.test.ts' });
    expect(result!.messages.map((m) => `${m.severity === 2 ? 'error' : 'warning'} ${m.ruleId}`)).toEqual([
      'error @typescript-eslint/no-floating-promises',
      'error @typescript-eslint/no-misused-promises',
    ]);
  });
});

describe('tests/', () => {
  it('may import anything', async () => {
    const code =
      "import { sql } from 'kysely';\nimport { addContact } from '../../db/contacts/contacts';\nimport { readFileSync } from 'node:fs';\nexport const all = [sql, addContact, readFileSync];\n";
    expect(await problems('tests/contacts/zz-scratch.ts', code)).toEqual([]);
  });
});
