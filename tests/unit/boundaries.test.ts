import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The lint rule that guards ARCHITECTURE.md §3 must actually fire: these specs would fail if it were switched off. */
const eslint = new ESLint({ cwd: process.cwd() });
async function problems(filePath: string, code: string, rule = 'no-restricted-imports') {
  const [r] = await eslint.lintText(code, { filePath });
  return r.messages.filter((m) => m.ruleId === rule).map((m) => m.message);
}

describe('import boundaries', () => {
  it('core, db, server and CLI may not import electron', async () => {
    for (const f of ['electron/core/x.ts', 'db/queries/x.ts', 'electron/server/x.ts', 'electron/cli/x.ts', 'electron/contract/x.ts']) {
      expect(await problems(f, "import { app } from 'electron';\nexport const a = app;\n"), f).not.toHaveLength(0);
      expect(await problems(f, "import { ipcMain } from 'electron/main';\nexport const a = ipcMain;\n"), f).not.toHaveLength(0);
    }
  });

  it('main and preload may import electron', async () => {
    expect(await problems('electron/main/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(0);
    expect(await problems('electron/preload/x.ts', "import { contextBridge } from 'electron';\nexport const a = contextBridge;\n")).toHaveLength(0);
  });

  it('the renderer reaches only the contract: no Node built-ins, no db, no core', async () => {
    const f = 'renderer/src/features/plan/x.tsx';
    expect(await problems(f, "import fs from 'node:fs';\nexport const a = fs;\n")).toHaveLength(1);
    expect(await problems(f, "import fs from 'fs';\nexport const a = fs;\n")).toHaveLength(1);
    expect(await problems(f, "import { openDatabase } from '../../../../db/connection';\nexport const a = openDatabase;\n")).toHaveLength(1);
    expect(await problems(f, "import { createCore } from '../../../../electron/core';\nexport const a = createCore;\n")).toHaveLength(1);
    expect(await problems(f, "import Database from 'better-sqlite3';\nexport const a = Database;\n")).toHaveLength(1);
    expect(await problems(f, "import { contract } from '../../../../electron/contract';\nexport const a = contract;\n")).toHaveLength(0);
  });

  it('the contract depends on nothing but zod', async () => {
    expect(await problems('electron/contract/x.ts', "import { createCore } from '../core';\nexport const a = createCore;\n")).toHaveLength(1);
    expect(await problems('electron/contract/x.ts', "import path from 'node:path';\nexport const a = path;\n")).toHaveLength(1);
  });
});

/** ARCHITECTURE.md §2: db owns SQL. A query built anywhere else is a lint error that says where SQL goes. */
describe('SQL lives in db/queries', () => {
  const SQL_HOME = /SQL lives in db\/queries\/<module>\.ts/;
  const builders = [
    "export const f = (db: Db) => db.selectFrom('risks').selectAll().where('deleted_at', 'is', null).execute();",
    "export const f = (trx: WriteTx) => trx.insertInto('risks').values(row).execute();",
    "export const f = (trx: WriteTx) =>\n  trx\n    .updateTable('risks')\n    .set({ code: 'R-1' })\n    .execute();",
    "export const f = (trx: WriteTx) => trx.deleteFrom('risks').execute();",
    'export const f = (db: Db) => sql`select 1`.execute(db);',
    "export const f = () => sql.raw('deleted_at is null');",
    "export const f = () => sql.ref('r.code');",
  ];
  const header =
    "import type { Db } from '../../../db/connection';\nimport type { WriteTx } from '../../../db/access';\ndeclare const row: never;\ndeclare const sql: any;\n";

  it('a core service, the server, the CLI or the renderer that builds a query fails lint, with where SQL goes', async () => {
    for (const f of ['electron/core/risks/x.ts', 'electron/server/x.ts', 'electron/cli/x.ts', 'renderer/src/features/risks/x.tsx'])
      for (const code of builders) {
        const found = await problems(f, header + code, 'no-restricted-syntax');
        expect(found, `${f}: ${code}`).toHaveLength(1);
        expect(found[0]).toMatch(SQL_HOME);
      }
  });

  it('core may not import the sql tag or raw compiled queries from Kysely', async () => {
    for (const name of ['sql', 'CompiledQuery']) {
      const found = await problems('electron/core/risks/x.ts', `import { ${name} } from 'kysely';\nexport const a = ${name};\n`);
      expect(found, name).toHaveLength(1);
      expect(found[0]).toMatch(SQL_HOME);
    }
    expect(await problems('electron/core/risks/x.ts', "import type { Kysely } from 'kysely';\nexport type A = Kysely<never>;\n")).toHaveLength(0);
  });

  it('db/queries builds the same queries without a word from lint', async () => {
    for (const code of builders) expect(await problems('db/queries/risks.ts', header + code, 'no-restricted-syntax'), code).toHaveLength(0);
    expect(await problems('db/queries/risks.ts', "import { sql } from 'kysely';\nexport const a = sql`select 1`;\n")).toHaveLength(0);
  });

  it('core calling a query function, and arrays’ own methods, are not queries', async () => {
    const code = "import * as q from '../../../db/queries/risks';\nexport const f = async (db: never) => [await q.listRisks(db)].with(0, []).map((r) => r);\n";
    expect(await problems('electron/core/risks/x.ts', code, 'no-restricted-syntax')).toHaveLength(0);
  });
});
