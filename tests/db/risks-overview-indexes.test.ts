import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SaveRiskInput } from '../../electron/contract';
import { actionsAboveTolerance, actionsAboveToleranceQuery, openMeasuresQuery, registerCountsQuery } from '../../db/queries/risks';
import { writeScimRegister } from '../bench/risks';
import { freshCore, ok, peek, planOf, signIn, TEST_ENGINE, tempDir, withStoreDb } from './helpers';

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

  it('looks for an above-tolerance risk among the links of each action, each linked risk by its key, on both engines', async () => {
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
      // The linked actions by a loose scan of risk_actions_action (one probe each), then each one's links in that
      // index and each linked risk by its key: no join whose choice rests on the statistics (see the query).
      expect(plan).toMatch(/Recursive Union/);
      expect(plan).toMatch(/Index Cond: \(action_id = linked\.action_id\)/);
      expect(plan).toMatch(/Index Scan using risks_pkey on risks r[\s\S]*Index Cond: \(id = l\.risk_id\)/);
      expect(plan).not.toMatch(/Hash|Merge Join|Seq Scan on risk_actions/);
    }
  });

  it('flags exactly the actions with a live open risk above tolerance among their links, however many lie below it', async () => {
    const { core, dataDir } = await freshCore();
    const coord = await signIn(core, 'coordinator');
    const actions = await ok(core, 'plan.listActions', {}, coord);
    const [a, b, c, d, e] = ['A1.1', 'A1.2', 'A2.1', 'A3.1', 'A4.2'].map((code) => actions.find((x) => x.code === code)!.id);
    const save = (actionIds: string[], p: number, i: number, over: Partial<SaveRiskInput> = {}) =>
      ok(core, 'risks.save', { description: 'Întârziere', category: 'operational', inherentProbability: p, inherentImpact: i, actionIds, ...over }, coord);
    // a: many links at or below the limit (12), then one above it, which e shares.
    for (let k = 0; k < 6; k++) await save([a], 3, 4);
    await save([a, e], 4, 4);
    // b: above the limit only in risks that are closed, deleted or brought under it by controls.
    await save([b], 5, 5, { status: 'closed' });
    const gone = await save([b], 5, 5);
    await ok(core, 'risks.delete', { id: gone.id, expectedUpdatedAt: gone.updatedAt }, coord);
    await save([b], 4, 4, { residualProbability: 2, residualImpact: 3 });
    // c: assessed above the limit after controls, though its inherent score is low.
    await save([c], 3, 3, { residualProbability: 4, residualImpact: 4 });
    // d has no links at all.
    const flagged = await withStoreDb(dataDir, (db) => actionsAboveTolerance(db, 12));
    expect([...flagged].sort()).toEqual([a, c, e].sort());
    expect(flagged.has(b) || flagged.has(d)).toBe(false);
    // At a limit of 16 neither 4 × 4 is above it: nothing is flagged.
    expect((await withStoreDb(dataDir, (db) => actionsAboveTolerance(db, 16))).size).toBe(0);
    // Beyond a number of linked actions PostgreSQL joins all the links at once instead (here: more than 2 of 4): the same actions.
    const beyond = await withStoreDb(dataDir, async (db) => ({
      rows: await actionsAboveToleranceQuery(db, 12, 2).execute(),
      flagged: await actionsAboveTolerance(db, 12, 2),
    }));
    expect(beyond.rows.some((r) => r.beyond)).toBe(TEST_ENGINE !== 'sqlite');
    expect([...beyond.flagged].sort()).toEqual([a, c, e].sort());
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
