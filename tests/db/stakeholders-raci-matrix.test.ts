import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import type { RaciLink } from '../../electron/contract';
import { call, freshCore, ok, peek, signIn, snapshot, tempDir } from './helpers';

/**
 * Issue 15 §8: the RACI matrix — plan actions × the register's organisations, each cell R, A, C, I or empty, set one
 * cell at a time under the rule "exactly one Accountable per action", audited, refused when the cell changed
 * meanwhile, and exported to Excel (in the app and with `pla-desk stakeholders raci-export`).
 */

const NOW = () => new Date('2026-03-10T09:00:00Z');

async function setup() {
  const { core, dataDir } = await freshCore({ now: NOW });
  const coord = await signIn(core, 'coordinator');
  const m = await ok(core, 'stakeholders.getRaciMatrix', {}, coord);
  const action = (code: string) => m.actions.find((a) => a.code === code)!;
  const org = (name: string) => m.stakeholders.find((s) => s.name === name)!;
  return { core, dataDir, coord, m, action, org };
}

type Conn = Awaited<ReturnType<typeof signIn>>;
/** Sets a cell as the matrix does: against what the cell held when read. */
async function setCell(core: Core, conn: Conn, actionId: string, stakeholderId: string, role: RaciLink['role'] | null, moveAccountable = false) {
  const m = await ok(core, 'stakeholders.getRaciMatrix', {}, conn);
  const expected = m.links.filter((l) => l.actionId === actionId && l.stakeholderId === stakeholderId).map((l) => ({ id: l.id, updatedAt: l.updatedAt }));
  return call(core, 'stakeholders.setRaciCell', { actionId, stakeholderId, role, expected, moveAccountable }, conn);
}

const BANAT = 'Asociația Banat IT';
const FCT = 'Fundația Comunitară Timișoara';
const UVT = 'Universitatea de Vest din Timișoara';

describe('the RACI matrix', () => {
  it('has every live action in code order as a row and the register’s organisations as columns', async () => {
    const { m } = await setup();
    const codes = m.actions.map((a) => a.code);
    expect(codes.length).toBeGreaterThan(20);
    expect(codes).toEqual([...codes].sort((x, y) => x.localeCompare(y, 'en', { numeric: true })));
    expect(codes.slice(0, 2)).toEqual(['A1.1', 'A1.2']);
    expect(m.stakeholders.map((s) => s.name)).toEqual(expect.arrayContaining([BANAT, FCT, UVT]));
    expect(m.stakeholders.every((s) => s.type === 'organisation')).toBe(true);
    expect(m.actions.every((a) => a.accountable === null)).toBe(true);
  });

  it('sets R/A/C/I cell by cell: the Accountable first, then the others; each change is audited', async () => {
    const { core, coord, dataDir, action, org } = await setup();
    const a = action('A4.4').id;
    const first = await setCell(core, coord, a, org(BANAT).id, 'responsible');
    expect(first.ok ? null : first.error.details?.issues?.[0]).toMatchObject({ field: 'role', reason: 'accountable_first', params: { action: 'A4.4' } });
    expect((await setCell(core, coord, a, org(BANAT).id, 'accountable')).ok).toBe(true);
    expect((await setCell(core, coord, a, org(FCT).id, 'consulted')).ok).toBe(true);
    const links = await setCell(core, coord, a, org(FCT).id, 'informed');
    expect(links.ok && links.value.map((l) => [l.stakeholderName, l.role]).sort()).toEqual([
      [BANAT, 'accountable'],
      [FCT, 'informed'],
    ]);
    const m = await ok(core, 'stakeholders.getRaciMatrix', {}, coord);
    expect(m.actions.find((x) => x.id === a)!.accountable).toEqual({ stakeholderId: org(BANAT).id, name: BANAT });
    const log = await peek<{ action: string }>(dataDir, `select action from audit_log where entity = 'stakeholder_raci' order by id`);
    // A (create), C (create), C → I (delete + create)
    expect(log.map((l) => l.action)).toEqual(['create', 'create', 'delete', 'create']);
  });

  it('refuses a second Accountable, naming the action and the one it has, and writes nothing; moving the A is explicit', async () => {
    const { core, coord, dataDir, action, org } = await setup();
    const a = action('A2.1').id;
    await setCell(core, coord, a, org(BANAT).id, 'accountable');
    await setCell(core, coord, a, org(UVT).id, 'responsible');
    const before = await snapshot(dataDir);
    const r = await setCell(core, coord, a, org(FCT).id, 'accountable');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('VALIDATION');
      expect(r.error.details?.issues?.[0]).toMatchObject({ field: 'role', reason: 'second_accountable', params: { action: 'A2.1', name: BANAT } });
    }
    // The A cannot simply be cleared while others hold roles either.
    const cleared = await setCell(core, coord, a, org(BANAT).id, null);
    expect(cleared.ok ? null : cleared.error.details?.issues?.[0]).toMatchObject({ reason: 'accountable_required', params: { action: 'A2.1' } });
    const toR = await setCell(core, coord, a, org(BANAT).id, 'responsible');
    expect(toR.ok ? null : toR.error.details?.issues?.[0]).toMatchObject({ reason: 'accountable_required' });
    expect(await snapshot(dataDir)).toEqual(before);
    // Moving: the new holder takes A, the old holder's cell empties; still exactly one A.
    const moved = await setCell(core, coord, a, org(UVT).id, 'accountable', true);
    expect(moved.ok && moved.value.map((l) => [l.stakeholderName, l.role])).toEqual([[UVT, 'accountable']]);
    // With nobody else left, the A can go and the action has no roles.
    const last = await setCell(core, coord, a, org(UVT).id, null);
    expect(last.ok && last.value).toEqual([]);
  });

  it('a cell changed by someone else since it was read is a CONFLICT and nothing is written', async () => {
    const { core, coord, dataDir, action, org } = await setup();
    const a = action('A3.1').id;
    await setCell(core, coord, a, org(BANAT).id, 'accountable');
    const stale = await ok(core, 'stakeholders.getRaciMatrix', {}, coord);
    await setCell(core, coord, a, org(FCT).id, 'consulted');
    const before = await snapshot(dataDir);
    const expected = stale.links.filter((l) => l.actionId === a && l.stakeholderId === org(FCT).id).map((l) => ({ id: l.id, updatedAt: l.updatedAt }));
    const r = await call(core, 'stakeholders.setRaciCell', { actionId: a, stakeholderId: org(FCT).id, role: 'informed', expected }, coord);
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await snapshot(dataDir)).toEqual(before);
  });

  it('refuses bad input with the field named; a viewer and an evaluator cannot read or set the matrix', async () => {
    const { core, coord, dataDir, action, org } = await setup();
    const viewer = await signIn(core, 'viewer');
    const evaluator = await signIn(core, 'evaluator');
    const before = await snapshot(dataDir);
    const bad: Array<[unknown, string]> = [
      [{ actionId: action('A1.1').id, stakeholderId: org(BANAT).id, role: 'X', expected: [] }, 'role'],
      [{ actionId: 'nu-e-id', stakeholderId: org(BANAT).id, role: 'accountable', expected: [] }, 'actionId'],
      [{ actionId: action('A1.1').id, stakeholderId: '0190d6a0-0000-7000-8000-000000000000', role: 'accountable', expected: [] }, 'stakeholderId'],
    ];
    for (const [input, field] of bad) {
      const r = await call(core, 'stakeholders.setRaciCell', input, coord);
      expect(r.ok ? null : r.error.details?.issues?.map((i) => i.field), JSON.stringify(input)).toContain(field);
    }
    for (const who of [viewer, evaluator]) {
      expect(await call(core, 'stakeholders.getRaciMatrix', {}, who)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(
        await call(core, 'stakeholders.setRaciCell', { actionId: action('A1.1').id, stakeholderId: org(BANAT).id, role: 'accountable', expected: [] }, who),
      ).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
    expect(await snapshot(dataDir)).toEqual(before);
  });

  it('exports to Excel: one row per action with its Accountable, one column per stakeholder with the letter', async () => {
    const { core, coord, dataDir, action, org } = await setup();
    await setCell(core, coord, action('A4.4').id, org(FCT).id, 'accountable');
    await setCell(core, coord, action('A4.4').id, org(BANAT).id, 'responsible');
    const { jobId } = await ok(core, 'stakeholders.exportRaciMatrix', {}, coord);
    const job = await core.waitForJob(jobId);
    expect(job.status).toBe('done');
    expect((job.result as { fileName: string }).fileName).toBe('Matrice-RACI-2026-03-10.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dataDir, 'exports', `${(job.result as { fileId: string }).fileId}.xlsx`));
    const s = wb.getWorksheet('Matrice RACI')!;
    const header = (s.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 3)).toEqual(['Cod acțiune', 'Acțiune', 'Cine răspunde (A)']);
    const row = [...Array(s.rowCount).keys()].map((i) => s.getRow(i + 1)).find((r) => r.getCell(1).value === 'A4.4')!;
    expect(row.getCell(3).value).toBe(FCT);
    expect(row.getCell(header.indexOf(FCT) + 1).value).toBe('A');
    expect(row.getCell(header.indexOf(BANAT) + 1).value).toBe('R');
    expect(wb.getWorksheet('Legendă')).toBeDefined();
  });
});

describe('pla-desk stakeholders raci-export', () => {
  const BIN = path.resolve('bin/pla-desk.js');
  const cli = (args: string[]) => {
    const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000 });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  it('writes the matrix workbook, and refuses an output that is not .xlsx', async () => {
    const root = tempDir();
    const dir = path.join(root, 'data');
    expect(cli(['init', '--data-dir', dir]).code).toBe(0);
    const out = path.join(root, 'raci.xlsx');
    const r = cli(['stakeholders', 'raci-export', '--data-dir', dir, '--out', out]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/RACI matrix exported to/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.getWorksheet('Matrice RACI')!.getRow(2).getCell(1).value).toBe('A1.1');
    expect(cli(['stakeholders', 'raci-export', '--data-dir', dir, '--out', path.join(root, 'x.csv')]).code).toBe(2);
    expect(fs.existsSync(path.join(root, 'x.csv'))).toBe(false);
  });
});
