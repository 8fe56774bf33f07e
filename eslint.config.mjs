// Lint: typescript-eslint's type-checked rules for all code, React hooks rules for the
// renderer, and the architecture's layers as import rules (DESIGN §1–2). Type-checking
// itself runs separately, one tsconfig per layer (npm run typecheck); formatting is
// Prettier's (npm run format).
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

// ---- The layers (DESIGN §1–2), as `no-restricted-imports` options ----
// Relative imports are matched by the room they reach, whatever the depth of the importing
// file: `^(\.\./)+db/` is db/ seen from any folder. ESLint keeps only the last options
// given for a file, so every block below lists all the groups that apply to its files.

const code = '**/*.{ts,tsx,mts,cts}';
const under = (...dirs) => dirs.map((d) => `${d}/${code}`);
const layering = (rule) => `Layering: ${rule}. See DESIGN §1–2 and eslint.config.mjs.`;
const node = builtinModules.filter((m) => !m.startsWith('_')).join('|');

const nodeBuiltins = (room) => ({
  patterns: [{ regex: `^(node:|(${node})(/|$))`, message: layering(`${room} runs in the browser too: no Node built-ins here`) }],
});
const packages = (names, rule) => ({ patterns: [{ regex: `^(${names.join('|')})(/|$)`, message: layering(rule) }] });
const rooms = (names, rule) => ({ patterns: [{ regex: `^(\\.\\./)+(${names.join('|')})(/|$)`, message: layering(rule) }] });
const restrict = (...groups) => ['error', { patterns: groups.flatMap((g) => g.patterns ?? []), paths: groups.flatMap((g) => g.paths ?? []) }];

// The SQLite-only modules (DESIGN §1): only they may write raw SQL with Kysely's `sql`; the
// rest of the core stays in the builder's portable forms, so it can run on PostgreSQL.
const sqliteOnly = ['db/vault/**/*.ts', 'db/vault/sqlite-sql.ts', 'db/contacts/search.ts', 'db/import/sqlite-writes.ts', 'db/migrations/**/*.ts'];
const noRawSql = {
  paths: [
    {
      name: 'kysely',
      importNames: ['sql'],
      message: layering(
        `raw SQL (kysely's \`sql\`) lives only in the SQLite-only modules (db/vault/, db/contacts/search.ts, db/import/sqlite-writes.ts, db/migrations/). Use the query builder, or a helper from db/vault/sqlite-sql.ts`,
      ),
    },
  ],
};

const shared = [
  nodeBuiltins('shared/'),
  packages(['electron', 'kysely', 'better-sqlite3', 'better-sqlite3-multiple-ciphers'], 'shared/ is the contract and pure rules: no electron, no database library'),
  packages(['react', 'react-dom', 'react-i18next'], 'shared/ is imported by the core and the CLI too: no React'),
  rooms(['db', 'renderer', 'electron', 'preview', 'cli', 'bench', 'tests', 'scripts'], 'shared/ imports only shared/ (and packages)'),
];
const renderer = [
  nodeBuiltins('renderer/'),
  packages(['electron', 'kysely', 'better-sqlite3', 'better-sqlite3-multiple-ciphers'], 'renderer/ runs sandboxed in the page: no Electron, no database, no Node packages'),
  rooms(['db', 'electron', 'preview', 'cli', 'bench', 'tests', 'scripts'], 'renderer/ imports only renderer/ and shared/: the core is reached through renderer/api.ts'),
];
const outer = [
  { patterns: [{ regex: '^(\\.\\./)+db/(?!index$)', message: layering("electron/, preview/, cli/ and bench/ use the core only through '../db/index'") }] },
  rooms(['renderer', 'tests'], 'renderer/ is the page and tests/ the tests: the outer rooms import neither'),
  noRawSql,
];
const db = [
  packages(['electron', 'react', 'react-dom', 'react-i18next'], 'db/ knows nothing about Electron or React'),
  rooms(['renderer', 'electron', 'preview', 'cli', 'bench', 'tests', 'scripts'], 'db/ imports only db/ and shared/ (and packages)'),
];
// db/context.ts is the ground floor; core.ts, handlers.ts, dispatch.ts and index.ts are the
// top floors that gather the domains, so a domain folder importing them makes a cycle.
const dbFloors = {
  patterns: [
    {
      regex: '^(\\.\\./)*\\.\\.(/(core|handlers|dispatch|index))?/?$',
      message: layering(
        'a domain folder (db/<domain>/) does not import db/core, db/handlers, db/dispatch or db/index, the floors that gather the domains (that makes a cycle): the ground floor is db/context.ts',
      ),
    },
  ],
};
// Migrations are frozen in time (DESIGN §4): a numbered migration imports only kysely.
const frozen = { patterns: [{ regex: '^\\.', message: layering('a numbered migration is frozen in time and imports only kysely (DESIGN §4)') }] };

export default defineConfig(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', '.tsbuild/**', 'tests/e2e/screenshots/**'] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: [code],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // What type-aware lint is here for: a promise nobody awaits loses its error.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      // An async function without await is how a handler meets a Promise-returning type and
      // turns a throw into a rejection: on purpose here, not a slip.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: under('renderer'),
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Store slices and hooks hand out closures typed with method syntax; none reads `this`.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // Tests read JSON.parse output and mocks' calls as `any` on purpose: the expect is the check.
    files: under('tests'),
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
    },
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
  },

  // The layers.
  { files: under('shared'), rules: { 'no-restricted-imports': restrict(...shared) } },
  {
    // shared/csv.ts's library types pull in Node's, so tsc alone would let these through.
    files: under('shared'),
    rules: {
      'no-restricted-globals': [
        'error',
        ...['process', 'Buffer', 'global', 'require', 'module', '__dirname', '__filename', 'setImmediate', 'clearImmediate'].map((name) => ({
          name,
          message: layering('shared/ runs in the browser too: no Node globals here'),
        })),
      ],
    },
  },
  { files: under('renderer'), rules: { 'no-restricted-imports': restrict(...renderer) } },
  { files: under('electron', 'preview', 'cli', 'bench'), rules: { 'no-restricted-imports': restrict(...outer) } },
  { files: under('db'), rules: { 'no-restricted-imports': restrict(...db, noRawSql) } },
  { files: under('db/*'), rules: { 'no-restricted-imports': restrict(...db, dbFloors, noRawSql) } },
  { files: sqliteOnly, rules: { 'no-restricted-imports': restrict(...db, dbFloors) } },
  { files: ['db/migrations/0*.ts'], rules: { 'no-restricted-imports': restrict(...db, frozen) } },
);
