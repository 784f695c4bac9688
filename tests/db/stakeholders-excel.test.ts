import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import stakeholdersSeed from '../../resources/seed/stakeholders.json';
import { call, count, freshCore, ok, snapshot, tempDir } from './helpers';

const NOW = () => new Date('2026-03-10T09:00:00Z');
const b64 = (file: string) => fs.readFileSync(file).toString('base64');

async function exportTo(core: Core, dataDir: string): Promise<string> {
  const { jobId } = await ok(core, 'stakeholders.exportExcel', {});
  const job = await core.waitForJob(jobId);
  expect(job.status).toBe('done');
  return path.join(dataDir, 'exports', `${(job.result as { fileId: string }).fileId}.xlsx`);
}

async function populated() {
  const { core, dataDir } = await freshCore({ now: NOW });
  const actions = await ok(core, 'plan.listActions', {});
  const a = (code: string) => actions.find((x) => x.code === code)!.id;
  const { rows: list } = await ok(core, 'stakeholders.list', {});
  const banat = await ok(core, 'stakeholders.get', { id: list.find((s) => s.name === 'Asociația Banat IT')!.id });
  const uvt = await ok(core, 'stakeholders.get', { id: list.find((s) => s.name === 'Universitatea de Vest din Timișoara')!.id });
  await ok(core, 'stakeholders.save', {
    id: banat.id,
    expectedUpdatedAt: banat.updatedAt,
    type: banat.type,
    name: banat.name,
    legalForm: banat.legalForm,
    sector: banat.sector,
    plaRole: banat.plaRole,
    notes: banat.notes,
    power: 4,
    interest: 5,
    iap2Level: 'collaborate',
    attitude: 'supportive',
    assessmentDate: '2026-03-01',
  });
  await ok(core, 'stakeholders.save', {
    type: 'person',
    name: 'Ana Popescu',
    sector: 'citizen',
    contacts: 'ana@example.ro',
    consentDate: '2026-02-01',
    consentScope: 'nume pe site',
    public: true,
  });
  await ok(core, 'stakeholders.addRaci', { stakeholderId: banat.id, actionId: a('A3.5'), role: 'accountable' });
  await ok(core, 'stakeholders.addRaci', { stakeholderId: uvt.id, actionId: a('A3.5'), role: 'consulted' });
  await ok(core, 'stakeholders.addTakeover', { stakeholderId: banat.id, actionId: a('A4.4'), date: '2026-02-01', note: 'confirmat' });
  await ok(core, 'stakeholders.savePartnership', { stakeholderId: uvt.id, type: 'academia', title: 'Date deschise UVT', startDate: '2026-01-15' });
  await ok(core, 'stakeholders.saveInteraction', { stakeholderId: uvt.id, date: '2026-02-20', kind: 'meeting', summary: 'Discuție parteneriat' });
  return { core, dataDir, banat, uvt, a };
}

/** Opens an exported workbook, lets the test change it, saves it under a new name. */
async function edit(file: string, fn: (wb: ExcelJS.Workbook) => void) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  fn(wb);
  const out = file.replace(/\.xlsx$/, '-edited.xlsx');
  await wb.xlsx.writeFile(out);
  return out;
}
const colOf = (ws: ExcelJS.Worksheet, header: string) => {
  let n = 0;
  ws.getRow(1).eachCell((c, i) => {
    if (c.value === header) n = i;
  });
  if (!n) throw new Error(`no column ${header}`);
  return n;
};
const rowOf = (ws: ExcelJS.Worksheet, header: string, value: string) => {
  const c = colOf(ws, header);
  for (let r = 2; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(c).value === value) return r;
  throw new Error(`no row ${value}`);
};

describe('stakeholder register in Excel', () => {
  it('export then import changes nothing', async () => {
    const { core, dataDir } = await populated();
    const file = await exportTo(core, dataDir);
    const before = await snapshot(dataDir);
    const audits = await count(dataDir, 'audit_log');
    const rep = await ok(core, 'stakeholders.importExcel', { fileName: 'x.xlsx', contentBase64: b64(file), dryRun: false });
    expect(rep.sheets.every((s) => s.created === 0 && s.updated === 0)).toBe(true);
    expect(rep.sheets.find((s) => s.sheet === 'Părți interesate')!.unchanged).toBe(stakeholdersSeed.stakeholders.length + 1);
    expect(rep.sheets.map((s) => s.unchanged).slice(1)).toEqual([2, 1, 1, 1]);
    expect(await snapshot(dataDir)).toEqual(before);
    expect(await count(dataDir, 'audit_log')).toBe(audits);
  });

  it('imports changes and new rows in one go; dry run reports the same and writes nothing', async () => {
    const { core, dataDir, banat, a } = await populated();
    const file = await exportTo(core, dataDir);
    const edited = await edit(file, (wb) => {
      const s = wb.getWorksheet('Părți interesate')!;
      s.getRow(rowOf(s, 'Nume', 'Asociația Banat IT')).getCell(colOf(s, 'Putere (1–5)')).value = 2;
      s.addRow({});
      const r = s.getRow(s.rowCount + 1);
      r.getCell(colOf(s, 'Tip')).value = 'Organizație';
      r.getCell(colOf(s, 'Nume')).value = 'Asociația Nouă';
      r.getCell(colOf(s, 'Sector')).value = 'Comunitate tech';
      r.commit();
      const t = wb.getWorksheet('Preluare acțiuni')!;
      const tr = t.getRow(t.rowCount + 1);
      tr.getCell(colOf(t, 'Parte interesată')).value = 'Asociația Nouă';
      tr.getCell(colOf(t, 'Acțiune')).value = 'A4.4';
      tr.getCell(colOf(t, 'Data')).value = '05.03.2026';
      tr.commit();
    });
    const before = await snapshot(dataDir);
    const dry = await ok(core, 'stakeholders.importExcel', { fileName: 'e.xlsx', contentBase64: b64(edited), dryRun: true });
    expect(dry.sheets[0]).toMatchObject({ created: 1, updated: 1 });
    expect(dry.sheets[2]).toMatchObject({ created: 1, updated: 0, unchanged: 1 });
    expect(await snapshot(dataDir)).toEqual(before);
    await ok(core, 'stakeholders.importExcel', { fileName: 'e.xlsx', contentBase64: b64(edited), dryRun: false });
    expect((await ok(core, 'stakeholders.get', { id: banat.id })).quadrant).toBe('keep_informed');
    const i44 = (await ok(core, 'plan.listIndicators', {})).find((i) => i.code === 'I4.4')!;
    expect(i44.latest?.value).toBe(2);
    expect(
      (await ok(core, 'stakeholders.listTakeovers', {}))
        .filter((t) => t.actionId === a('A4.4'))
        .map((t) => t.stakeholderName)
        .sort(),
    ).toEqual(['Asociația Banat IT', 'Asociația Nouă']);
    // The imported row is found by the list's search like one saved on screen (its search keys were written too).
    expect((await ok(core, 'stakeholders.list', { search: 'asociatia noua' })).rows.map((r) => r.name)).toEqual(['Asociația Nouă']);
  });

  it('names every bad cell and writes nothing: bad enum, score, consent, second Accountable, unknown action', async () => {
    const { core, dataDir } = await populated();
    const file = await exportTo(core, dataDir);
    const edited = await edit(file, (wb) => {
      const s = wb.getWorksheet('Părți interesate')!;
      const ana = s.getRow(rowOf(s, 'Nume', 'Ana Popescu'));
      ana.getCell(colOf(s, 'Data consimțământului')).value = null;
      const banat = s.getRow(rowOf(s, 'Nume', 'Asociația Banat IT'));
      banat.getCell(colOf(s, 'Putere (1–5)')).value = 9;
      banat.getCell(colOf(s, 'Sector')).value = 'Extratereștri';
      const r = wb.getWorksheet('RACI')!;
      const row = r.getRow(rowOf(r, 'Parte interesată', 'Universitatea de Vest din Timișoara'));
      row.getCell(colOf(r, 'Rol RACI')).value = 'A';
      const nr = r.getRow(r.rowCount + 1);
      nr.getCell(colOf(r, 'Parte interesată')).value = 'Asociația Smart City';
      nr.getCell(colOf(r, 'Acțiune')).value = 'A9.9';
      nr.getCell(colOf(r, 'Rol RACI')).value = 'I';
      nr.commit();
    });
    const before = await snapshot(dataDir);
    const first = await call(core, 'stakeholders.importExcel', { fileName: 'e.xlsx', contentBase64: b64(edited), dryRun: false });
    expect(first.ok).toBe(false);
    if (!first.ok) {
      const cells = first.error.details?.cells as Array<{ sheet: string; column: string; message: string }>;
      expect(cells.map((c) => `${c.sheet}!${c.column}`)).toEqual(['Părți interesate!Sector', 'Părți interesate!Putere (1–5)']);
    }
    // Fix the cell-level errors: the rule-level ones are reported next.
    const second = await edit(edited, (wb) => {
      const s = wb.getWorksheet('Părți interesate')!;
      const banat = s.getRow(rowOf(s, 'Nume', 'Asociația Banat IT'));
      banat.getCell(colOf(s, 'Putere (1–5)')).value = 4;
      banat.getCell(colOf(s, 'Sector')).value = 'Comunitate tech';
    });
    const r = await call(core, 'stakeholders.importExcel', { fileName: 'e.xlsx', contentBase64: b64(second), dryRun: false });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      const msgs = (r.error.details?.cells as Array<{ sheet: string; column: string; message: string }>).map((c) => `${c.sheet}!${c.column}: ${c.message}`);
      expect(msgs).toContain('Părți interesate!Public: a person can be public only after their consent is recorded (consent date and scope)');
      expect(msgs).toContain('RACI!Acțiune: no plan action has this code');
      // Both rows naming an Accountable for A3.5 are marked.
      expect(msgs.filter((m) => /action A3.5 would have 2 Accountables/.test(m))).toHaveLength(2);
    }
    expect(await snapshot(dataDir)).toEqual(before);
  });

  it('refuses a file that is not a workbook', async () => {
    const { core, dataDir } = await freshCore({ now: NOW });
    const before = await snapshot(dataDir);
    const r = await call(core, 'stakeholders.importExcel', { fileName: 'x.xlsx', contentBase64: Buffer.from('nume;sector').toString('base64'), dryRun: false });
    expect(r.ok ? null : r.error.details?.issues?.[0].reason).toBe('not_xlsx');
    expect(await snapshot(dataDir)).toEqual(before);
  });
});

describe('pla-desk stakeholders export / import', () => {
  const BIN = path.resolve('bin/pla-desk.js');
  const cli = (args: string[]) => {
    const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000 });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  it('exports, re-imports with no change, and prints each bad cell on its own line', async () => {
    const root = tempDir();
    const dir = path.join(root, 'data');
    expect(cli(['init', '--data-dir', dir]).code).toBe(0);
    const out = path.join(root, 'pi.xlsx');
    const ex = cli(['stakeholders', 'export', '--data-dir', dir, '--out', out]);
    expect(ex.code).toBe(0);
    const im = cli(['stakeholders', 'import', '--data-dir', dir, '--file', out, '--dry-run']);
    expect(im.code).toBe(0);
    expect(im.out).toMatch(new RegExp(`Părți interesate: 0 new, 0 changed, ${stakeholdersSeed.stakeholders.length} unchanged`));
    const bad = await edit(out, (wb) => {
      const s = wb.getWorksheet('Părți interesate')!;
      s.getRow(2).getCell(colOf(s, 'Tip')).value = 'Robot';
      s.getRow(3).getCell(colOf(s, 'Interes (1–5)')).value = 0;
    });
    const before = await snapshot(dir);
    const r = cli(['stakeholders', 'import', '--data-dir', dir, '--file', bad]);
    expect(r.code).toBe(1);
    const lines = r.err.trim().split('\n');
    expect(lines[0]).toMatch(/^Părți interesate!Tip row 2: expected one of/);
    expect(lines[1]).toMatch(/^Părți interesate!Interes \(1–5\) row 3: must be at least 1/);
    expect(await snapshot(dir)).toEqual(before);
    expect(cli(['stakeholders', 'import', '--data-dir', dir]).code).toBe(2);
    expect(cli(['stakeholders', 'export', '--data-dir', dir, '--out', path.join(root, 'x.csv')]).code).toBe(2);
    expect(cli(['stakeholders', 'import', '--help']).out).toMatch(/--dry-run/);
  });
});
