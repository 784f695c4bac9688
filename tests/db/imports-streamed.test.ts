import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { IMPORT_BATCH } from '../../electron/core/import-batches';
import { call, count, freshCore, ok, snapshot, tempDir } from './helpers';

/**
 * The stakeholder, funding and proposal imports write as they read, in batches inside one transaction
 * (import-batches.ts): a list longer than one batch is written whole with an audit entry per record, and a bad row
 * after the first batches were written still leaves nothing written, with the problem named at its row.
 */

const ROWS = IMPORT_BATCH + 500;
const NOW = () => new Date('2026-03-10T09:00:00Z');

async function workbook(sheets: Array<{ name: string; header: string[]; rows: unknown[][] }>) {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    ws.addRow(s.header);
    for (const r of s.rows) ws.addRow(r);
  }
  const file = path.join(tempDir('pla-streamed-'), 'import.xlsx');
  await wb.xlsx.writeFile(file);
  return { fileName: 'import.xlsx', contentBase64: fs.readFileSync(file).toString('base64') };
}

type Cells = Array<{ sheet: string; row: number; column: string; message: string }>;
const cellsOf = (r: Awaited<ReturnType<typeof call>>) => (r.ok ? [] : ((r.error.details?.cells ?? []) as Cells));

const stakeholderRows = (n: number) => Array.from({ length: n }, (_, i) => ['Organizație', `Asociația nr. ${i}`, 'ONG', 1 + (i % 5), 1 + (i % 3)]);
const STAKEHOLDER_HEADER = ['Tip', 'Nume', 'Sector', 'Putere (1–5)', 'Interes (1–5)'];

describe('imports that write as they read', () => {
  it(`stakeholders: ${ROWS} new rows are all written, each with its audit entry; a repeated name on the last row writes nothing and names both rows`, async () => {
    const { core, dataDir } = await freshCore({ now: NOW });
    const before = await count(dataDir, 'stakeholders');
    const bad = stakeholderRows(ROWS);
    bad[ROWS - 1][1] = bad[1][1];
    const clean = await snapshot(dataDir);
    const r = await call(core, 'stakeholders.importExcel', {
      ...(await workbook([{ name: 'Părți interesate', header: STAKEHOLDER_HEADER, rows: bad }])),
      dryRun: false,
    });
    expect(r.ok).toBe(false);
    expect(cellsOf(r).map((c) => `${c.sheet}!${c.column}${c.row}: ${c.message}`)).toEqual([
      `Părți interesate!Nume3: another stakeholder is also named "Asociația nr. 1"`,
      `Părți interesate!Nume${ROWS + 1}: another stakeholder is also named "Asociația nr. 1"`,
    ]);
    expect(await snapshot(dataDir)).toEqual(clean);

    const done = await ok(core, 'stakeholders.importExcel', {
      ...(await workbook([{ name: 'Părți interesate', header: STAKEHOLDER_HEADER, rows: stakeholderRows(ROWS) }])),
      dryRun: false,
    });
    expect(done.sheets[0]).toEqual({ sheet: 'Părți interesate', created: ROWS, updated: 0, unchanged: 0 });
    expect(await count(dataDir, 'stakeholders')).toBe(before + ROWS);
    expect(
      await count(
        dataDir,
        'audit_log',
        `entity = 'stakeholder' and action = 'create' and entity_id in (select id from stakeholders where name like 'Asociația nr. %')`,
      ),
    ).toBe(ROWS);
  });

  it(`stakeholders: a bad cell on the last of ${ROWS} rows is the only problem named, and nothing is written`, async () => {
    const { core, dataDir } = await freshCore({ now: NOW });
    const rows = stakeholderRows(ROWS);
    rows[ROWS - 1][3] = 9;
    const clean = await snapshot(dataDir);
    const r = await call(core, 'stakeholders.importExcel', {
      ...(await workbook([{ name: 'Părți interesate', header: STAKEHOLDER_HEADER, rows }])),
      dryRun: false,
    });
    expect(cellsOf(r).map((c) => `${c.column}${c.row}: ${c.message}`)).toEqual([`Putere (1–5)${ROWS + 1}: must be at most 5`]);
    expect(await snapshot(dataDir)).toEqual(clean);
  });

  it(`funding: ${ROWS} new calls are written with their actions and audit entries; a code repeated on the last row writes nothing`, async () => {
    const { core, dataDir } = await freshCore({ now: NOW });
    const action = (await ok(core, 'plan.listActions', {}))[0];
    const header = ['Program', 'Cod apel', 'Titlu apel', 'Nerambursabil', 'Acțiuni PLA'];
    const calls = (n: number) => Array.from({ length: n }, (_, i) => ['PNRR', `C${i}`, `Apel nr. ${i}`, 'da', i % 2 ? '' : action.code]);
    const apps = {
      name: 'Cereri de finanțare',
      header: ['Titlu proiect', 'Cod apel', 'Solicitant', 'Suma solicitată (lei)'],
      rows: [['Proiect', `C${ROWS - 1}`, 'Primăria', 1000]],
    };
    const bad = calls(ROWS);
    bad[ROWS - 1][1] = 'C7';
    const [callsBefore, linksBefore] = [await count(dataDir, 'funding_calls'), await count(dataDir, 'funding_call_actions')];
    const clean = await snapshot(dataDir);
    const r = await call(core, 'funding.importExcel', {
      ...(await workbook([
        { name: 'Apeluri', header, rows: bad },
        { ...apps, rows: [] },
      ])),
      dryRun: false,
    });
    expect(cellsOf(r).map((c) => `${c.column}${c.row}: ${c.message}`)).toEqual([`Cod apel${ROWS + 1}: call code C7 is already used`]);
    expect(await snapshot(dataDir)).toEqual(clean);

    const done = await ok(core, 'funding.importExcel', { ...(await workbook([{ name: 'Apeluri', header, rows: calls(ROWS) }, apps])), dryRun: false });
    expect(done.calls).toEqual({ created: ROWS, updated: 0, unchanged: 0 });
    expect(done.applications).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect(await count(dataDir, 'funding_calls')).toBe(callsBefore + ROWS);
    expect(await count(dataDir, 'funding_call_actions')).toBe(linksBefore + ROWS / 2);
    expect(
      await count(dataDir, 'audit_log', `entity = 'funding_call' and action = 'create' and entity_id in (select id from funding_calls where code like 'C%')`),
    ).toBe(ROWS);
  });

  it(`proposals: ${ROWS} new proposals are written, each audited; an unknown zone on the last row writes nothing`, async () => {
    const { core, dataDir } = await freshCore({ now: NOW });
    const campaign = await ok(core, 'budgeting.saveCampaign', {
      name: 'Test',
      totalBudget: 100_000_000,
      zones: [{ code: 'Z1', name: 'Zona 1', budget: 100_000_000 }],
      rubric: { criteria: [{ key: 'impact', name: 'Impact', weight: 1, min: 0, max: 5 }] },
      votesPerVoter: 3,
    });
    const header = ['Cod', 'Titlu', 'Zonă', 'Cost estimat (lei)'];
    const rows = (n: number) => Array.from({ length: n }, (_, i) => [`P${i}`, `Propunerea ${i}`, 'Z1', 10_000]);
    const bad = rows(ROWS);
    bad[ROWS - 1][2] = 'Z9';
    const clean = await snapshot(dataDir);
    const r = await call(core, 'budgeting.importProposals', {
      campaignId: campaign.id,
      ...(await workbook([{ name: 'Propuneri', header, rows: bad }])),
      dryRun: false,
    });
    expect(cellsOf(r).map((c) => `${c.column}${c.row}`)).toEqual([`Zonă${ROWS + 1}`]);
    expect(await snapshot(dataDir)).toEqual(clean);

    const done = await ok(core, 'budgeting.importProposals', {
      campaignId: campaign.id,
      ...(await workbook([{ name: 'Propuneri', header, rows: rows(ROWS) }])),
      dryRun: false,
    });
    expect(done).toMatchObject({ created: ROWS, updated: 0, unchanged: 0 });
    const ofCampaign = `campaign_id = '${campaign.id}'`;
    expect(await count(dataDir, 'budgeting_proposals', ofCampaign)).toBe(ROWS);
    expect(
      await count(
        dataDir,
        'audit_log',
        `entity = 'budgeting proposal' and action = 'create' and entity_id in (select id from budgeting_proposals where ${ofCampaign})`,
      ),
    ).toBe(ROWS);
  });
});
