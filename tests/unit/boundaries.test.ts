import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The lint rule that guards ARCHITECTURE.md §3 must actually fire: these specs would fail if it were switched off. */
const eslint = new ESLint({ cwd: process.cwd() });
async function problems(filePath: string, code: string) {
  const [r] = await eslint.lintText(code, { filePath });
  return r.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
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
