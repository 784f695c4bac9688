/**
 * The four registry imports (risks, training, stakeholders, funding) against files from other programs and
 * from attackers (issue 11 point 2, issue 12 findings 3 and 11): each finding is reproduced here through the
 * contract, as the app and the CLI call it, and each refusal leaves the database as it was.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../electron/cli';
import type { MethodName } from '../../electron/contract';
import type { Core } from '../../electron/core';
import { openpyxlWorkbook, zipBombWorkbook, type RawCell } from '../fixtures/imports/zips';
import { validateFile } from '../../electron/core/datasets/validate';
import { call, freshCore, ok, peek, signIn, snapshot, tempDir } from './helpers';

const NOW = new Date('2026-03-10T09:00:00Z');
const b64 = (file: string) => fs.readFileSync(file).toString('base64');
const fixture = (name: string) => path.join(__dirname, '..', 'fixtures', 'imports', name);
type Conn = Parameters<Core['call']>[2];

async function env() {
  const e = await freshCore({ now: () => NOW });
  return { ...e, coord: await signIn(e.core, 'coordinator') };
}

async function workbook(sheets: Record<string, unknown[][]>) {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow(r);
  }
  const file = path.join(tempDir(), 'in.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

async function exportOf(core: Core, dataDir: string, method: MethodName, conn: Conn) {
  const { jobId } = (await ok(core, method, {} as never, conn)) as { jobId: string };
  const job = await core.waitForJob(jobId);
  expect(job.status).toBe('done');
  return path.join(dataDir, 'exports', `${(job.result as { fileId: string }).fileId}.xlsx`);
}

/** Our export rewritten the way openpyxl writes workbooks (absolute targets, inline strings; dates as text). */
async function asOpenpyxl(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const plain = (v: ExcelJS.CellValue): RawCell => {
    if (v == null) return null;
    if (v instanceof Date) return `${String(v.getUTCDate()).padStart(2, '0')}.${String(v.getUTCMonth() + 1).padStart(2, '0')}.${v.getUTCFullYear()}`;
    if (typeof v === 'number' || typeof v === 'string') return v;
    if (typeof v === 'boolean') return v ? 'da' : 'nu';
    if (typeof v === 'object' && 'text' in v) return String(v.text);
    return String(v);
  };
  const sheets = wb.worksheets.map((ws) => {
    const rows: RawCell[][] = [];
    ws.eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1).map(plain)));
    return { name: ws.name, rows };
  });
  return openpyxlWorkbook(path.join(tempDir(), 'openpyxl.xlsx'), sheets);
}

const IMPORTS = [
  { method: 'risks.importExcel', exportMethod: 'risks.exportExcel' },
  { method: 'training.importExcel', exportMethod: 'training.exportExcel' },
  { method: 'stakeholders.importExcel', exportMethod: 'stakeholders.exportExcel' },
  { method: 'funding.importExcel', exportMethod: 'funding.exportExcel' },
] as const;

describe('every registry import', () => {
  it('refuses a 1 MB workbook that inflates to 1 GB in under a second, says why in Romanian, and writes nothing', async () => {
    const { core, dataDir, coord } = await env();
    const bomb = path.join(tempDir(), 'bomb.xlsx');
    zipBombWorkbook(bomb, { sheet: 'Registrul riscurilor', headers: ['Descrierea riscului'], mib: 1024 });
    const content = b64(bomb);
    const before = await snapshot(dataDir);
    for (const { method } of IMPORTS) {
      const t0 = performance.now();
      const r = await call(core, method, { fileName: 'bomba.xlsx', contentBase64: content }, coord);
      expect(performance.now() - t0).toBeLessThan(1000);
      expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ field: 'file', reason: 'zip_bomb' }] } } });
      expect(!r.ok && r.error.message).toMatch(/„bombă zip”.*nu s-a scris nimic/);
    }
    expect(await snapshot(dataDir)).toEqual(before);
  });

  it('the other workbook reads refuse it too: budgeting scores import and datasets validation', async () => {
    const { core, dataDir, coord } = await env();
    const bomb = path.join(tempDir(), 'bomb.xlsx');
    zipBombWorkbook(bomb, { sheet: 'Punctaje', headers: ['Propunere'], mib: 1024 });
    const before = await snapshot(dataDir);
    let t0 = performance.now();
    const r = await call(core, 'budgeting.importScores', { fileName: 'bomba.xlsx', contentBase64: b64(bomb) }, coord);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ reason: 'zip_bomb' }] } } });
    expect(await snapshot(dataDir)).toEqual(before);
    t0 = performance.now();
    const v = await validateFile(bomb);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(v.fatal).toBe(true);
    expect(v.errors[0].message).toMatch(/„bombă zip”/);
  });

  it('reads its own export rewritten as openpyxl writes workbooks, and finds nothing to change', async () => {
    const { core, dataDir, coord } = await env();
    await ok(core, 'risks.save', { code: 'R-1', description: 'Întârzieri', category: 'operational', inherentProbability: 3, inherentImpact: 3 }, coord);
    await ok(core, 'funding.saveCall', { programme: 'pnrr', code: 'PNRR-1', title: 'Fond local', budget: 1_000_000 }, coord);
    const a11 = (await ok(core, 'plan.listActions', {}, coord)).find((a) => a.code === 'A1.1')!;
    const prog = await ok(core, 'training.saveProgramme', { name: 'Date deschise', actionId: a11.id }, coord);
    await ok(core, 'training.saveSession', { programmeId: prog.id, title: 'Sesiunea 1', targetGroup: 'civil_servants', startDate: '2026-02-01' }, coord);
    await ok(core, 'training.savePerson', { name: 'Ana Pop', email: 'ana@exemplu.ro', category: 'civil_servant' }, coord);
    const before = await snapshot(dataDir);
    for (const { method, exportMethod } of IMPORTS) {
      const file = await asOpenpyxl(await exportOf(core, dataDir, exportMethod, coord));
      const r = await call(core, method, { fileName: 'openpyxl.xlsx', contentBase64: b64(file) }, coord);
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
      expect(JSON.stringify(r.value)).not.toMatch(/"created":[1-9]|"updated":[1-9]/);
    }
    expect(await snapshot(dataDir)).toEqual(before);
  });

  it('reads our exports as LibreOffice Calc saves them (fixtures made by tests/fixtures/imports/make-libreoffice.ts)', async () => {
    const { core, dataDir, coord } = await env();
    const risks = await ok(core, 'risks.importExcel', { fileName: 'lo.xlsx', contentBase64: b64(fixture('risks-libreoffice.xlsx')) }, coord);
    expect(risks).toMatchObject({ created: 3 });
    expect(await peek(dataDir, `select code, description, owner from risks order by code`)).toEqual([
      { code: '1', description: 'Întârzieri în achiziții', owner: 'Ștefan Țuțea' },
      { code: '10', description: 'Date de progres lipsă', owner: '' },
      { code: '2', description: '=HYPERLINK("http://exemplu.invalid","clic")', owner: '@admin' },
    ]);
    // Both sheets are found and every cell reads; the one refusal is the funding rule for an ID from another database.
    const funding = await call(core, 'funding.importExcel', { fileName: 'lo.xlsx', contentBase64: b64(fixture('funding-libreoffice.xlsx')) }, coord);
    expect(!funding.ok && funding.error.details?.issues?.map((i) => `${i.field}: ${i.message}`)).toEqual([
      'Apeluri!ID2: no live call has this ID (leave it empty to add a new call)',
    ]);
    expect(await ok(core, 'training.importExcel', { fileName: 'lo.xlsx', contentBase64: b64(fixture('training-libreoffice.xlsx')) }, coord)).toMatchObject({
      unchanged: 0,
    });
  });

  it("reads the same workbooks saved in LibreOffice's own format (.ods), and a .ods renamed .xlsx, with the same results", async () => {
    for (const [ext, name] of [
      ['ods', 'lo.ods'],
      ['ods', 'lo-redenumit.xlsx'],
    ] as const) {
      const { core, dataDir, coord } = await env();
      const risks = await ok(core, 'risks.importExcel', { fileName: name, contentBase64: b64(fixture(`risks-libreoffice.${ext}`)) }, coord);
      expect(risks, name).toMatchObject({ created: 3 });
      expect(await peek(dataDir, `select code, description, owner from risks order by code`), name).toEqual([
        { code: '1', description: 'Întârzieri în achiziții', owner: 'Ștefan Țuțea' },
        { code: '10', description: 'Date de progres lipsă', owner: '' },
        { code: '2', description: '=HYPERLINK("http://exemplu.invalid","clic")', owner: '@admin' },
      ]);
      const funding = await call(core, 'funding.importExcel', { fileName: name, contentBase64: b64(fixture(`funding-libreoffice.${ext}`)) }, coord);
      expect(!funding.ok && funding.error.details?.issues?.map((i) => `${i.field}: ${i.message}`), name).toEqual([
        'Apeluri!ID2: no live call has this ID (leave it empty to add a new call)',
      ]);
      expect(await ok(core, 'training.importExcel', { fileName: name, contentBase64: b64(fixture(`training-libreoffice.${ext}`)) }, coord), name).toMatchObject(
        { unchanged: 0 },
      );
    }
  });
});

describe('formula cells', () => {
  it('a formula amount is refused with its cell named (it used to import "=1+1" as 2 lei), and nothing is written', async () => {
    const { core, dataDir, coord } = await env();
    const file = await workbook({
      Apeluri: [
        ['Program', 'Cod apel', 'Titlu apel', 'Buget apel (lei)', 'Nerambursabil'],
        ['PNRR', 'C-1', 'Apel', { formula: '1+1', result: 2 }, 'da'],
      ],
      'Cereri de finanțare': [['Titlu proiect', 'Cod apel', 'Solicitant', 'Suma solicitată (lei)']],
    });
    const before = await snapshot(dataDir);
    const r = await call(core, 'funding.importExcel', { fileName: 'f.xlsx', contentBase64: b64(file) }, coord);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.details?.issues?.map((i) => i.message)).toEqual(['Apeluri!D2: celula conține o formulă (=1+1); introduceți valoarea, nu formula']);
    expect(await snapshot(dataDir)).toEqual(before);
  });

  it('a SCIM register may compute its exposures with formulas (checked against probability × impact); a formula elsewhere is refused', async () => {
    const { core, dataDir, coord } = await env();
    const file = await workbook({
      Registru: [
        ['Descrierea riscului', 'Probabilitate', 'Impact', 'Expunere'],
        ['Întârzieri', 3, 4, { formula: 'B2*C2', result: 12 }],
        [{ formula: '"Risc "&B2' }, 2, 2, { formula: 'B3*C3' }],
      ],
    });
    const before = await snapshot(dataDir);
    const r = await call(core, 'risks.importExcel', { fileName: 'r.xlsx', contentBase64: b64(file) }, coord);
    expect(!r.ok && r.error.details?.issues?.map((i) => i.message)).toEqual([
      'Registru!A3: celula conține o formulă (="Risc "&B2); introduceți valoarea, nu formula',
    ]);
    expect(await snapshot(dataDir)).toEqual(before);
  });
});

describe('the risk import and a SCIM register', () => {
  const scim = () =>
    workbook({
      'Registrul riscurilor': [
        ['Nr. crt.', 'Compartiment / activitate', 'Obiectiv', 'Descrierea riscului', 'Probabilitate', 'Impact', 'Semnătura șefului'],
        [10, 'Serviciul Achiziții / licitații', 'A1.4 Publicarea contractelor', 'Contestații la licitație', 3, 4, 'AP'],
        [2, 'Direcția Comunicare', 'Comunicare internă', 'Date lipsă', 2, 2, ''],
        [1, 'Direcția IT', 'a2.1 și A1.4', 'Pană de server', 1, 5, ''],
      ],
    });

  it('keeps "Compartiment / activitate", links the actions its objectives name, lists the unused column before writing, and sorts codes 1, 2, 10', async () => {
    const { core, dataDir, coord } = await env();
    const file = await scim();
    const before = await snapshot(dataDir);
    const dry = await ok(core, 'risks.importExcel', { fileName: 'scim.xlsx', contentBase64: b64(file), dryRun: true }, coord);
    expect(dry).toMatchObject({ dryRun: true, created: 3, ignoredColumns: ['Semnătura șefului'] });
    expect(await snapshot(dataDir)).toEqual(before);
    await ok(core, 'risks.importExcel', { fileName: 'scim.xlsx', contentBase64: b64(file) }, coord);
    // Each risk with the codes of its linked actions (joined here: the engines spell string aggregation differently).
    const rows = await peek<{ code: string; area: string; action: string | null }>(
      dataDir,
      `select r.code, r.area, a.code as action from risks r
       left join risk_actions l on l.risk_id = r.id left join actions a on a.id = l.action_id
       order by r.code, a.code`,
    );
    const links = [...new Set(rows.map((r) => r.code))].map((code) => {
      const mine = rows.filter((r) => r.code === code);
      const actions = mine.flatMap((r) => (r.action ? [r.action] : []));
      return { code, area: mine[0]!.area, actions: actions.length ? actions.join(' ') : null };
    });
    expect(links).toEqual([
      { code: '1', area: 'Direcția IT', actions: 'A1.4 A2.1' },
      { code: '10', area: 'Serviciul Achiziții / licitații', actions: 'A1.4' },
      { code: '2', area: 'Direcția Comunicare', actions: null },
    ]);
    const page = await ok(core, 'risks.list', { sort: 'code', order: 'asc' } as never, coord);
    expect((page as { rows: Array<{ code: string }> }).rows.map((r) => r.code)).toEqual(['1', '2', '10']);
    const desc = await ok(core, 'risks.list', { sort: 'code', order: 'desc' } as never, coord);
    expect((desc as { rows: Array<{ code: string }> }).rows.map((r) => r.code)).toEqual(['10', '2', '1']);
    const exported = new ExcelJS.Workbook();
    await exported.xlsx.readFile(await exportOf(core, dataDir, 'risks.exportExcel', coord));
    expect(exported.getWorksheet('Registrul riscurilor')!.getColumn(2).values.slice(2)).toEqual(['1', '2', '10']);
  });
});

describe('unused columns and repeated people, before anything is written', () => {
  it('the training import flags the same e-mail on several person rows and lists unused columns in its dry run', async () => {
    const { core, dataDir, coord } = await env();
    const file = await exportOf(core, dataDir, 'training.exportExcel', coord);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const people = wb.getWorksheet('Persoane')!;
    const header = (people.getRow(1).values as string[]).slice(1);
    const row = (o: Record<string, string>) => header.map((h) => o[h] ?? null);
    people.getRow(1).getCell(header.length + 1).value = 'Telefon';
    people.addRow(row({ Nume: 'Ana Pop', 'E-mail': 'ana.pop@primariatm.ro', Categorie: 'Funcționar public' }));
    people.addRow(row({ Nume: 'Ion Ionescu', 'E-mail': 'ion@primariatm.ro', Categorie: 'civil_servant' }));
    people.addRow(row({ Nume: 'Ana  Pop', 'E-mail': 'Ana.Pop@primariatm.ro ', Categorie: 'FUNCTIONAR PUBLIC' }));
    const edited = path.join(tempDir(), 'formare.xlsx');
    await wb.xlsx.writeFile(edited);
    const before = await snapshot(dataDir);
    const dry = await ok(core, 'training.importExcel', { fileName: 'formare.xlsx', contentBase64: b64(edited), dryRun: true }, coord);
    expect(dry.created.people).toBe(3);
    expect(dry.ignoredColumns).toEqual(['Persoane!Telefon']);
    expect(dry.warnings).toEqual([
      'Persoane: e-mailul ana.pop@primariatm.ro apare pe 2 rânduri de persoane (2, 4); dacă este aceeași persoană, păstrați un singur rând, altfel participările ei se numără de mai multe ori',
    ]);
    expect(await snapshot(dataDir)).toEqual(before);
  });

  it('the funding import lists the columns it does not read', async () => {
    const { core, coord } = await env();
    const file = await workbook({
      Apeluri: [
        ['Program', 'Cod apel', 'Titlu apel', 'Nerambursabil', 'Comentariu intern'],
        ['regio_vest', 'C-1', 'Apel', 'da', 'de verificat'],
      ],
      'Cereri de finanțare': [['Titlu proiect', 'Cod apel', 'Solicitant', 'Suma solicitată (lei)']],
    });
    const dry = await ok(core, 'funding.importExcel', { fileName: 'f.xlsx', contentBase64: b64(file), dryRun: true }, coord);
    expect(dry).toMatchObject({ calls: { created: 1 }, ignoredColumns: ['Apeluri!Comentariu intern'] });
  });
});

describe('the CLI on a refused file', () => {
  it('exits 1, names every bad cell, then each reason with its first examples and the fix, and writes nothing', async () => {
    const { core, dataDir } = await env();
    await core.close();
    const file = await workbook({
      Registru: [
        ['Descrierea riscului', 'Probabilitate', 'Impact', 'Categorie'],
        [{ formula: '"A"&"B"', result: 'AB' }, { formula: '1+2', result: 3 }, 3, 'operațional'],
        ['Date lipsă', 9, 3, 'vremea'],
        ['Server', 9, 1, 'IT'],
      ],
    });
    const before = await snapshot(dataDir);
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      expect(await main(['risks', 'import', '--data-dir', dataDir, '--file', file, '--dry-run'])).toBe(1);
      const out = err.mock.calls.map((c) => String(c[0]));
      expect(out.slice(0, 5)).toEqual([
        'Registru!A2: celula conține o formulă (="A"&"B"); introduceți valoarea, nu formula',
        'Registru!B2: celula conține o formulă (=1+2); introduceți valoarea, nu formula',
        expect.stringMatching(/^Registru!Categorie row 3: expected one of: /),
        'Registru!Probabilitate row 3: must be at most 5',
        'Registru!Probabilitate row 4: must be at most 5',
      ]);
      expect(out.slice(5)).toEqual([
        'pla-desk risks import: 5 bad cell(s); nothing was imported. Fix the cells above and import again.',
        'Reasons, with the first cells:',
        '  2 × celule cu formule; introduceți valorile, nu formulele (copiere → lipire specială → valori) — de ex. Registru!A2, Registru!B2',
        '  2 × Registru!Probabilitate: must be at most 5 — de ex. Registru!B3, Registru!B4',
        expect.stringMatching(/^ {2}1 × Registru!Categorie: expected one of: .* — de ex\. Registru!D3$/),
      ]);
    } finally {
      err.mockRestore();
      log.mockRestore();
    }
    expect(await snapshot(dataDir)).toEqual(before);
  });
});
