// Lint guards the process boundaries of ARCHITECTURE.md §3 (plus typescript-eslint's recommended rules).
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/** Testable code never imports Electron as a value: Electron ≥ 42 downloads its binary on first import. */
const noElectron = {
  paths: [{ name: 'electron', message: 'Only electron/main and electron/preload may import electron; inject it through PlatformPort.' }],
  patterns: [{ group: ['electron/*'], message: 'Only electron/main and electron/preload may import electron.' }],
};

/**
 * SQL lives in db/queries (ARCHITECTURE.md §2): core (and the server and CLI above it) and the renderer call named query
 * functions and never build a query themselves, with Kysely's builders or with the `sql` template tag.
 */
const SQL_HOME = 'SQL lives in db/queries/<module>.ts: call (or add) a named query function there.';
const KYSELY_BUILDERS = ['selectFrom', 'selectNoFrom', 'insertInto', 'replaceInto', 'updateTable', 'deleteFrom', 'mergeInto', 'executeQuery'];
const noQueryBuilding = [
  'error',
  { selector: `CallExpression > MemberExpression.callee > Identifier.property[name=/^(${KYSELY_BUILDERS.join('|')})$/]`, message: SQL_HOME },
  { selector: 'TaggedTemplateExpression > Identifier.tag[name="sql"]', message: SQL_HOME },
  { selector: 'TaggedTemplateExpression > MemberExpression.tag > Identifier.object[name="sql"]', message: SQL_HOME },
  { selector: 'CallExpression > MemberExpression.callee > Identifier.object[name="sql"]', message: SQL_HOME },
];
const noKyselySql = { name: 'kysely', importNames: ['sql', 'CompiledQuery', 'expressionBuilder'], message: SQL_HOME };

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', '.cache/**', 'test-results/**', 'playwright-report/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true }],
    },
  },
  {
    files: ['electron/core/**', 'electron/server/**', 'electron/cli/**', 'db/**'],
    rules: { 'no-restricted-imports': ['error', noElectron] },
  },
  {
    files: ['electron/core/**', 'electron/server/**', 'electron/cli/**'],
    rules: {
      'no-restricted-imports': ['error', { ...noElectron, paths: [...noElectron.paths, noKyselySql] }],
      'no-restricted-syntax': noQueryBuilding,
    },
  },
  {
    files: ['renderer/src/**'],
    rules: { 'no-restricted-syntax': noQueryBuilding },
  },
  {
    files: ['electron/contract/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...noElectron.paths, ...nodeBuiltins.map((name) => ({ name, message: 'The contract is shared with the renderer: no Node built-ins.' }))],
          patterns: [
            ...noElectron.patterns,
            {
              group: ['**/core', '**/core/**', '**/db', '**/db/**', '**/server', '**/server/**', '**/cli', '**/cli/**', '**/main', '**/main/**'],
              message: 'The contract depends on nothing but zod.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...noElectron.paths,
            ...nodeBuiltins.map((name) => ({ name, message: 'The renderer runs in a sandboxed page: no Node built-ins.' })),
            ...['better-sqlite3', 'kysely', 'exceljs'].map((name) => ({ name, message: 'The renderer reaches data only through the API.' })),
          ],
          patterns: [
            ...noElectron.patterns,
            {
              group: [
                '**/db',
                '**/db/**',
                '**/electron/core',
                '**/electron/core/**',
                '**/electron/server/**',
                '**/electron/cli/**',
                '**/electron/main/**',
                '**/electron/preload/**',
              ],
              message: 'The renderer may import electron/contract only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
