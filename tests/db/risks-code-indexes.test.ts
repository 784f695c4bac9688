import { describe, expect, it } from 'vitest';
import { maxRiskNumberQuery, riskPageQuery, type RiskPageQuery } from '../../db/queries/risks';
import { freshCore, ok, planOf, poke, signIn, withStoreDb } from './helpers';

/**
 * What a team server is asked most reads an index on the risk codes, not the whole register, which grows with each
 * import (issue 13, the server under load; migration 0021): the next free R-NNN (every save of a new risk, every batch
 * of a staged import, under the write lock) and each page of the risk list in the register's order.
 */

const risk = (code?: string) => ({
  description: `Riscul ${code ?? 'fără cod'}`,
  category: 'operational' as const,
  inherentProbability: 2,
  inherentImpact: 3,
  code,
});

describe('the next free risk code', () => {
  it('follows the highest R-number of live, deleted and staged risks, ignoring codes that are not R- and digits', async () => {
    const { core, dataDir } = await freshCore();
    const coord = await signIn(core, 'coordinator');
    await ok(core, 'risks.save', risk('R-041'), coord);
    const gone = await ok(core, 'risks.save', risk('R-0099'), coord);
    await ok(core, 'risks.delete', { id: gone.id, expectedUpdatedAt: gone.updatedAt }, coord);
    // Not ours: lower case, letters after the digits, and a number beyond 15 digits (PostgreSQL must not try to cast it).
    for (const code of ['r-800', 'R-12A', `R-${'9'.repeat(20)}`, 'X-500']) await ok(core, 'risks.save', risk(code), coord);
    expect((await ok(core, 'risks.save', risk(), coord)).code).toBe('R-100');
    // An import staging its risks holds R-150: a save meanwhile takes the number after it.
    const at = new Date().toISOString();
    await poke(dataDir, 'insert into risk_import_runs (id, host, pid, started_at, touched_at) values (?, ?, ?, ?, ?)', 'run-1', 'elsewhere', 1, at, at);
    await poke(
      dataDir,
      `insert into risk_import_risks (import_id, id, created_at, updated_at, updated_by, deleted_at, code, area, objective, description, category, causes,
        consequences, owner, inherent_probability, inherent_impact, inherent_exposure, strategy, deadline, last_review_date, status, residual_probability,
        residual_impact, residual_exposure, secondary_risks, notes, alert_id, search_key)
       values ('run-1', 'staged-1', ?, ?, null, null, 'R-150', '', '', 'Risc în curs de import', 'operational', '', '', '', 1, 1, 1, 'treat', null, null, 'open',
        null, null, null, '', '', null, '')`,
      at,
      at,
    );
    expect((await ok(core, 'risks.save', risk(), coord)).code).toBe('R-151');
  });

  it('is read from one entry of an index on each table, not by reading every code', async () => {
    const { dataDir } = await freshCore();
    const plan = await withStoreDb(dataDir, (db) => planOf(db, maxRiskNumberQuery().compile(db)));
    expect(plan).toMatch(/risks_code_number/);
    expect(plan).toMatch(/risk_import_risks_code_number/);
    expect(plan).not.toMatch(/SCAN risks\b(?! USING)|Seq Scan/);
  });

  it('gives a page of the risk list in the register order by walking an index, without sorting the whole register', async () => {
    const { dataDir } = await freshCore();
    const page: RiskPageQuery = { bands: [], sort: 'code', order: 'asc', offset: 300, limit: 50 };
    const plan = await withStoreDb(dataDir, (db) => planOf(db, riskPageQuery(db, page).compile()));
    expect(plan).toMatch(/risks_code_natural/);
    expect(plan).not.toMatch(/TEMP B-TREE FOR ORDER BY|^\s*(->\s*)?Sort\b/m);
  });
});
