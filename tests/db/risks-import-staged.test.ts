import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { headlessPlatform } from '../../electron/core';
import { writeWorkbook } from '../../electron/core/excel';
import { writeScimRegister } from '../bench/risks';
import { count, createTestCore, freshCore, ok, peek, poke, signIn, tempDir } from './helpers';

/**
 * A risk import is staged (issue 13): its risks are written in short batches where no reader looks, then enter the
 * register together in one short step. A colleague saving meanwhile waits a batch, not the import; nobody sees half
 * an import; and what a killed import staged is removed when the store is opened again.
 */

const ROWS = 500;

async function until(cond: () => Promise<boolean>, ms = 60_000) {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('a staged risk import', () => {
  it('lets a colleague save and read while it runs, shows none of its risks until all are in, and gives no code twice', async () => {
    const { core, dataDir } = await freshCore();
    const ana = await signIn(core, 'member');
    const ion = await signIn(core, 'member');
    const file = path.join(tempDir(), 'registru.xlsx');
    await writeScimRegister(file, ROWS);
    const contentBase64 = fs.readFileSync(file).toString('base64');
    const before = (await ok(core, 'risks.list', {}, ion)).total;

    const importing = ok(core, 'risks.importExcel', { fileName: 'registru.xlsx', contentBase64, dryRun: false }, ana);
    await until(async () => (await count(dataDir, 'risk_import_risks')) > 0);
    // Mid-import: Ion's save goes through, and his list shows the register without the import's risks.
    const saved = await ok(
      core,
      'risks.save',
      { description: 'Salvat în timpul importului', category: 'operational', inherentProbability: 2, inherentImpact: 3 },
      ion,
    );
    const during = await ok(core, 'risks.list', { limit: 500 }, ion);
    expect(await count(dataDir, 'risk_import_risks'), 'the import was still staging').toBeGreaterThan(0);
    expect(during.total).toBe(before + 1);
    expect(during.rows.map((r) => r.code)).toContain(saved.code);

    const report = await importing;
    expect(report).toMatchObject({ created: ROWS, updated: 0 });
    const after = await peek<{ code: string }>(dataDir, 'select code from risks where deleted_at is null');
    expect(after).toHaveLength(before + 1 + ROWS);
    expect(new Set(after.map((r) => r.code)).size).toBe(after.length);
    // One audit entry per risk, the staging left empty.
    expect(await count(dataDir, 'audit_log', "entity = 'risk' and action = 'create'")).toBe(before + 1 + ROWS);
    for (const t of ['risk_import_runs', 'risk_import_risks', 'risk_import_risk_measures', 'risk_import_audit_log', 'risk_import_risk_actions'])
      expect(await count(dataDir, t), t).toBe(0);
  }, 300_000);

  it('removes, when the store is opened again, what an import killed with its process had staged; a running import of another process stays', async () => {
    const dataDir = tempDir();
    const first = await createTestCore({ dataDir, platform: headlessPlatform('browser') });
    const risks = await count(dataDir, 'risks');
    await first.close();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    const at = new Date().toISOString();
    const run = (id: string, pid: number) =>
      poke(dataDir, 'insert into risk_import_runs (id, host, pid, started_at, touched_at) values (?, ?, ?, ?, ?)', id, os.hostname(), pid, at, at);
    const stage = (importId: string, id: string) =>
      poke(
        dataDir,
        `insert into risk_import_risks (import_id, id, created_at, updated_at, updated_by, deleted_at, code, area, objective, description, category, causes,
          consequences, owner, inherent_probability, inherent_impact, inherent_exposure, strategy, deadline, last_review_date, status, residual_probability,
          residual_impact, residual_exposure, secondary_risks, notes, alert_id, search_key)
         values (?, ?, ?, ?, null, null, ?, '', '', 'Risc pe jumătate importat', 'operational', '', '', '', 1, 1, 1, 'treat', null, null, 'open', null, null, null, '', '', null, '')`,
        importId,
        id,
        at,
        at,
        `R-9${id.slice(-3)}`,
      );
    await run('0190f0a0-0000-7000-8000-000000000001', dead);
    await stage('0190f0a0-0000-7000-8000-000000000001', '0190f0a0-0000-7000-8000-000000000101');
    await poke(
      dataDir,
      "insert into risk_import_audit_log (import_id, id, at, actor_id, actor_name, entity, entity_id, action, changes) values (?, ?, ?, null, 'x', 'risk', ?, 'create', null)",
      '0190f0a0-0000-7000-8000-000000000001',
      '0190f0a0-0000-7000-8000-000000000201',
      at,
      '0190f0a0-0000-7000-8000-000000000101',
    );
    await run('0190f0a0-0000-7000-8000-000000000002', process.ppid);
    await stage('0190f0a0-0000-7000-8000-000000000002', '0190f0a0-0000-7000-8000-000000000102');

    const again = await createTestCore({ dataDir, platform: headlessPlatform('browser') });
    try {
      expect(await peek(dataDir, 'select id from risk_import_runs')).toEqual([{ id: '0190f0a0-0000-7000-8000-000000000002' }]);
      expect(await peek(dataDir, 'select import_id from risk_import_risks')).toEqual([{ import_id: '0190f0a0-0000-7000-8000-000000000002' }]);
      expect(await count(dataDir, 'risk_import_audit_log')).toBe(0);
      expect(await count(dataDir, 'risks')).toBe(risks);
      // A save meanwhile takes a number after the staged codes (R-9102), not one of them.
      expect((await ok(again, 'risks.save', { description: 'Risc nou', category: 'operational', inherentProbability: 1, inherentImpact: 1 })).code).toBe(
        'R-9103',
      );
    } finally {
      await again.close();
    }
  });
  it('writes each imported risk as a save writes it: the risk, its links, residual point and measures, each with its audit entry', async () => {
    const { core, dataDir } = await freshCore();
    const file = path.join(tempDir(), 'registru.xlsx');
    type Row = {
      code: string;
      objective: string;
      description: string;
      p: number;
      i: number;
      rp: number | null;
      ri: number | null;
      measures: string;
      owner: string;
    };
    await writeWorkbook(file, async (wb) => {
      const s = wb.sheet<Row>({
        name: 'Registrul riscurilor',
        columns: [
          { key: 'code', header: 'Cod risc' },
          { key: 'objective', header: 'Obiectiv' },
          { key: 'description', header: 'Descrierea riscului' },
          { key: 'p', header: 'Probabilitate', type: 'int' },
          { key: 'i', header: 'Impact', type: 'int' },
          { key: 'rp', header: 'Probabilitate reziduală', type: 'int' },
          { key: 'ri', header: 'Impact rezidual', type: 'int' },
          { key: 'measures', header: 'Măsuri de control' },
          { key: 'owner', header: 'Responsabil risc' },
        ],
      });
      await s.addRow({
        code: 'IMP-1',
        objective: 'A1.1 Publicarea datelor',
        description: 'Întârzieri la publicare',
        p: 4,
        i: 3,
        rp: 2,
        ri: 2,
        measures: '- Verificare lunară\n- Instruire',
        owner: 'Direcția IT',
      });
      await s.addRow({ code: '', objective: 'Fără acțiune', description: 'Risc fără cod', p: 1, i: 5, rp: null, ri: null, measures: '', owner: 'Ana Pop' });
    });
    const report = await ok(core, 'risks.importExcel', { fileName: 'registru.xlsx', contentBase64: fs.readFileSync(file).toString('base64'), dryRun: false });
    expect(report).toMatchObject({ created: 2, updated: 0 });

    type Entry = { id: string; at: string; entity: string; entity_id: string; action: string; changes: string | null };
    const entries = await peek<Entry>(dataDir, "select id, at, entity, entity_id, action, changes from audit_log where entity like 'risk%' order by id");
    // One create entry per row written, its changes the row's fields (before: null), stamped when the row was.
    const createdAs = async (table: string, entity: string, where: string, ...params: unknown[]) => {
      const rows = await peek<Record<string, unknown>>(dataDir, `select * from ${table} where ${where} order by id`, ...params);
      for (const r of rows) {
        const e = entries.filter((x) => x.entity_id === r.id);
        expect(e, `${table} ${String(r.id)}`).toHaveLength(1);
        expect(e[0]).toMatchObject({ entity, action: 'create', at: r.created_at });
        const fields = Object.fromEntries(
          Object.entries(r)
            .filter(([k, v]) => v != null && !['created_at', 'updated_at', 'updated_by'].includes(k))
            .map(([k, v]) => [k, { before: null, after: v }]),
        );
        expect(JSON.parse(e[0].changes!)).toEqual(fields);
      }
      return rows;
    };
    const risks = await createdAs('risks', 'risk', "code = 'IMP-1' or description = ?", 'Risc fără cod');
    expect(risks.map((r) => [r.code, r.inherent_exposure, r.residual_exposure])).toEqual([
      ['IMP-1', 12, 4],
      [expect.stringMatching(/^R-\d+$/), 5, null],
    ]);
    const points = await createdAs('risk_residual_history', 'risk_residual', 'risk_id = ?', risks[0].id);
    expect(points.map((h) => [h.probability, h.impact, h.exposure, h.source])).toEqual([[2, 2, 4, 'import']]);
    expect(await createdAs('risk_residual_history', 'risk_residual', 'risk_id = ?', risks[1].id)).toEqual([]);
    const measures = await createdAs('risk_measures', 'risk_measure', 'risk_id = ?', risks[0].id);
    expect(measures.map((m) => [m.description, m.owner, m.status])).toEqual([
      ['Verificare lunară', 'Direcția IT', 'planned'],
      ['Instruire', 'Direcția IT', 'planned'],
    ]);
    // The objective's action code links the risk to the plan's action A1.1, as a save with that action would.
    expect(await peek(dataDir, 'select a.code from risk_actions l join actions a on a.id = l.action_id where l.risk_id = ?', risks[0].id)).toEqual([
      { code: 'A1.1' },
    ]);
    expect(await count(dataDir, 'risk_actions', `risk_id = '${String(risks[1].id)}'`)).toBe(0);
    // Nothing else was audited: the two risks, one residual point, two measures.
    expect(entries.map((e) => e.entity).sort()).toEqual(['risk', 'risk', 'risk_measure', 'risk_measure', 'risk_residual']);
  });
});
