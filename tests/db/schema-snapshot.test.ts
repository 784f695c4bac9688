import fs from 'node:fs';
import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/connection';
import { MIGRATION_NAMES } from '../../db/migrations';
import { heatCounts, listRiskPage } from '../../db/queries/risks';
import { listStakeholdersPage } from '../../db/queries/stakeholders';
import { migrateTo } from './migrate-to';
import { declaredSchema, migratedSchema, REGENERATE, snapshotDrift, SNAPSHOT_FILE, typesDrift, type SchemaSnapshot } from './schema-snapshot';

/**
 * The migrations, db/schema/*.ts and db/schema/snapshot.json describe one schema: a migration that changes a table
 * without its type (or the reverse) fails here, with the command that brings the snapshot up to date.
 */
describe('the schema', () => {
  const snapshot = JSON.parse(fs.readFileSync(SNAPSHOT_FILE, 'utf8')) as SchemaSnapshot;

  it('the migrations build what db/schema/snapshot.json says (tables, columns, indexes)', async () => {
    const drift = snapshotDrift(await migratedSchema(), snapshot);
    const hint = `db/schema/snapshot.json differs from what db/migrations build. After adding or changing a migration, run \`${REGENERATE}\` and review the diff.`;
    expect(drift, hint).toEqual([]);
  });

  it('db/schema/*.ts declares exactly the tables and columns the migrations build, nullable where the database allows null', () => {
    const hint = 'db/schema/*.ts (the Database interface) and the migrated schema (db/schema/snapshot.json) differ: change the types with the migration.';
    expect(typesDrift(snapshot.tables, declaredSchema()), hint).toEqual([]);
  });

  it('either check names what drifted: a table, a column, an index, a nullability', () => {
    const risks = snapshot.tables.risks!;
    const changed: SchemaSnapshot = {
      migration: '0099_next',
      tables: {
        ...snapshot.tables,
        risks: { columns: [...risks.columns.filter((c) => !c.startsWith('notes ')), 'weather text'], indexes: risks.indexes.slice(1) },
        risk_forecasts: { columns: ['id text pk1'], indexes: [] },
      },
    };
    expect(snapshotDrift(changed, snapshot)).toEqual([
      'migrations end at 0099_next, the snapshot was taken after ' + snapshot.migration,
      'table risk_forecasts: built, not in the snapshot',
      'risks: + weather text',
      `risks: - ${risks.columns.find((c) => c.startsWith('notes '))}`,
      `risks: - ${risks.indexes[0]}`,
    ]);
    const declared = { risks: { id: { nullable: false }, code: { nullable: true } } };
    expect(
      typesDrift({ risks: { columns: ['id text pk1', 'code text not null', 'notes text'], indexes: [] }, jobs: { columns: [], indexes: [] } }, declared),
    ).toEqual([
      'table jobs: built by the migrations, not in the Database interface',
      'risks.code: the database refuses null, the type allows it',
      'risks.notes: in the database, not declared',
    ]);
  });
});

/** The plan SQLite chooses for every query a list function runs, on the migrated schema. */
async function plansOf(run: (db: Db) => Promise<unknown>): Promise<string[][]> {
  const { sqlite } = await migrateTo(MIGRATION_NAMES[MIGRATION_NAMES.length - 1]!);
  const queries: CompiledQuery[] = [];
  const db = new Kysely<any>({
    dialect: new SqliteDialect({ database: sqlite }),
    log: (e) => {
      if (e.level === 'query') queries.push(e.query);
    },
  }) as unknown as Db;
  try {
    await run(db);
    return queries.map((q) => (sqlite.prepare(`explain query plan ${q.sql}`).all(...(q.parameters as unknown[])) as { detail: string }[]).map((r) => r.detail));
  } finally {
    await db.destroy();
  }
}

describe('the indexes the lists rely on are used', () => {
  it('the heat maps count open risks per cell from risks_inherent_cell and risks_residual_cell (0012)', async () => {
    const [inherent] = await plansOf((db) => heatCounts(db, 'inherent'));
    const [residual] = await plansOf((db) => heatCounts(db, 'residual'));
    expect(inherent!.join('\n')).toMatch(/USING (COVERING )?INDEX risks_inherent_cell/);
    expect(residual!.join('\n')).toMatch(/USING (COVERING )?INDEX risks_residual_cell/);
  });

  it("a heat-map cell's list of risks is found through the same index (0012)", async () => {
    const [count] = await plansOf((db) =>
      listRiskPage(db, { bands: [], sort: 'code', order: 'asc', offset: 0, limit: 50, heat: { map: 'residual', probability: 3, impact: 4 } }),
    );
    expect(count!.join('\n')).toMatch(/USING (COVERING )?INDEX risks_residual_cell/);
  });

  it('the stakeholder register pages in name order from stakeholders_live_name_key, without sorting the register (0013)', async () => {
    // The count of matches, then the page.
    const [, page] = await plansOf((db) => listStakeholdersPage(db, { sort: 'name', order: 'asc', offset: 0, limit: 50 }));
    expect(page!.join('\n')).toMatch(/SCAN s USING INDEX stakeholders_live_name_key/);
    expect(page!.join('\n')).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
  });
});
