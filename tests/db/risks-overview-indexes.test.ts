import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { actionsAboveToleranceQuery, openMeasuresQuery, registerCountsQuery } from '../../db/queries/risks';
import { writeScimRegister } from '../bench/risks';
import { freshCore, ok, peek, planOf, TEST_ENGINE, tempDir, withStoreDb } from './helpers';

/**
 * What every dashboard of a team server asks reads indexes, not each risk of a register that grows with each import
 * (issue 13, the server under load; migration 0023). The counts themselves are specified in risks-list.test.ts
 * ("the overview, counted in SQL") and the plan's RAG in plan.test.ts.
 */
describe('the risk overview and the plan read indexes, not every risk', () => {
  const bands = [{ min: 1, max: 25, days: 90, overdueBefore: '2026-09-01', dueUpTo: '2026-09-15' }];

  it('counts open, closed, above tolerance and reviews due and overdue from one row per group of the index risks_review_groups', async () => {
    const { dataDir } = await freshCore();
    const plan = await withStoreDb(dataDir, (db) => planOf(db, registerCountsQuery(db, 12, bands).compile()));
    expect(plan).toMatch(/risks_review_groups/);
    // Grouped in the index's order: no sort of the register, no read of its rows.
    expect(plan).not.toMatch(/TEMP B-TREE FOR GROUP BY|SCAN risks\b(?! USING)|Seq Scan/);
  });

  it('finds the deleted risks, whose open measures the count leaves out, in their own index', async () => {
    const { dataDir } = await freshCore();
    const plan = await withStoreDb(dataDir, (db) => planOf(db, openMeasuresQuery(db, true).compile()));
    expect(plan).toMatch(/risks_deleted/);
    expect(plan).not.toMatch(/SCAN r\b(?! USING)|Seq Scan on risks/);
  });

  it('looks for an above-tolerance risk among the links of each action on SQLite, and joins them once on PostgreSQL', async () => {
    const { dataDir } = await freshCore();
    const plan = await withStoreDb(dataDir, (db) => planOf(db, actionsAboveToleranceQuery(db, 12).compile()));
    if (TEST_ENGINE === 'sqlite') {
      // The links of the action first (by its id, the index risk_actions_action), then each linked risk by its key.
      const lines = plan.split('\n');
      const links = lines.findIndex((l) => /SEARCH l USING .*\(action_id=\?\)/.test(l));
      const risk = lines.findIndex((l) => /SEARCH r USING .*\(id=\?\)/.test(l));
      expect(links, plan).toBeGreaterThanOrEqual(0);
      expect(risk, plan).toBeGreaterThan(links);
    } else {
      // No query per action (a SubPlan), whose plan PostgreSQL cannot choose well (see the query).
      expect(plan).toMatch(/risk_actions/);
      expect(plan).not.toMatch(/SubPlan/);
    }
  });
});

describe('after an import that writes', () => {
  it('brings the planner statistics up to date on PostgreSQL, so the next lists are planned on the new sizes (SQLite keeps none)', async () => {
    const { core, dataDir } = await freshCore();
    const file = path.join(tempDir(), 'registru.xlsx');
    await writeScimRegister(file, 120);
    const contentBase64 = fs.readFileSync(file).toString('base64');
    expect(await ok(core, 'risks.importExcel', { fileName: 'registru.xlsx', contentBase64, dryRun: false })).toMatchObject({ created: 120 });
    if (TEST_ENGINE === 'sqlite') expect(await peek(dataDir, "select name from sqlite_master where name = 'sqlite_stat1'")).toEqual([]);
    else {
      const [risks] = await peek<{ last_analyze: unknown }>(dataDir, "select last_analyze from pg_stat_user_tables where relname = 'risks'");
      expect(risks.last_analyze).not.toBeNull();
    }
  });
});
