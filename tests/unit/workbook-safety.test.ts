/**
 * The shared workbook reader and writer under files from elsewhere and from attackers (issue 11 point 2,
 * issue 12 findings 3 and 9): formulas are refused with their cell named, openpyxl and LibreOffice files
 * read, zip bombs are refused before anything is inflated, our exports put the workbook parts first, and
 * exported text that a spreadsheet would run as a formula is neutralised — and given back on import.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeWorkbook, neutralizeText } from '../../electron/core/excel';
import { cellErrors, cellInt, cellText, optText, readSheet, unneutralizeText } from '../../electron/core/excel-import';
import { checkZip, listZip } from '../../electron/core/zip';
import { manyEntriesZip, openpyxlWorkbook, zipBombWorkbook } from '../fixtures/imports/zips';

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'pla-wbsafe-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  while (dirs.length) fs.rmSync(dirs.pop()!, { recursive: true, force: true });
});

const fixture = (name: string) => path.join(__dirname, '..', 'fixtures', 'imports', name);

const columns = [
  { key: 'name', headers: ['Nume'], required: true, schema: cellText(100) },
  { key: 'hours', headers: ['Ore'], schema: cellInt(0, 200) },
  { key: 'note', headers: ['Observații'], schema: optText() },
];

describe('formula cells', () => {
  it('a formula with a cached result is refused with its cell named and a Romanian reason, not imported as its result', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Riscuri');
    ws.addRow(['Nume', 'Ore', 'Observații']);
    ws.addRow(['Ana', 4, 'x']);
    ws.addRow(['Ion', { formula: '1+1', result: 2 }, { formula: 'A2&"!"', result: 'Ana!' }]);
    const file = path.join(tmp(), 'f.xlsx');
    await wb.xlsx.writeFile(file);
    const r = await readSheet(file, columns);
    expect(r.errors.map((e) => e.message)).toEqual([
      'Riscuri!B3: celula conține o formulă (=1+1); introduceți valoarea, nu formula',
      'Riscuri!C3: celula conține o formulă (=A2&"!"); introduceți valoarea, nu formula',
    ]);
    expect(cellErrors(r.errors).details?.issues?.[0]).toMatchObject({ reason: 'formula' });
  });

  it('a formula without a cached result (as openpyxl writes it) is refused too, never read as "[object Object]"', async () => {
    const file = await openpyxlWorkbook(path.join(tmp(), 'py.xlsx'), [
      {
        name: 'Date',
        rows: [
          ['Nume', 'Ore', 'Observații'],
          ['Ana', { f: 'SUM(1,2)' }, 'bine'],
        ],
      },
    ]);
    const r = await readSheet(file, columns);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({
      sheet: 'Date',
      row: 2,
      ref: 'B2',
      reason: 'formula',
      message: 'Date!B2: celula conține o formulă (=SUM(1,2)); introduceți valoarea, nu formula',
    });
    expect(JSON.stringify(r)).not.toContain('[object Object]');
  });

  it('a column that accepts formulas (one the app computes itself) reads the cached result, or nothing', async () => {
    const file = await openpyxlWorkbook(path.join(tmp(), 'py.xlsx'), [
      {
        name: 'Date',
        rows: [
          ['Nume', 'Ore'],
          ['Ana', { f: '2*3' }],
        ],
      },
    ]);
    const r = await readSheet(file, [columns[0], { ...columns[1], acceptsFormula: true, schema: cellInt().nullable() }]);
    expect(r.errors).toEqual([]);
    expect(r.rows[0].values).toEqual({ name: 'Ana', hours: null });
  });
});

describe('workbooks from other programs', () => {
  it('an openpyxl workbook (absolute relationship targets, inline strings) reads, and its sheets are found by name', async () => {
    const file = await openpyxlWorkbook(path.join(tmp(), 'py.xlsx'), [
      { name: 'Altceva', rows: [['x'], ['y']] },
      {
        name: 'Prezență',
        rows: [
          ['Nume', 'Ore', 'Observații'],
          ['Ștefan Țuțea', 6, 'întârziat'],
          ['Ana', 2, null],
        ],
      },
    ]);
    const r = await readSheet(file, columns, { sheets: ['Prezență'] });
    expect(r.errors).toEqual([]);
    expect(r.sheet).toBe('Prezență');
    expect(r.rows.map((x) => x.values)).toEqual([
      { name: 'Ștefan Țuțea', hours: 6, note: 'întârziat' },
      { name: 'Ana', hours: 2, note: '' },
    ]);
  });

  it('a workbook saved by LibreOffice Calc (sheets before the shared strings) reads by sheet name, our neutralised text given back', async () => {
    const r = await readSheet(
      fixture('risks-libreoffice.xlsx'),
      [
        { key: 'code', headers: ['Cod risc'], schema: optText() },
        { key: 'description', headers: ['Descrierea riscului'], schema: cellText() },
        { key: 'owner', headers: ['Responsabil risc'], schema: optText() },
      ],
      { sheets: ['Registrul riscurilor'] },
    );
    expect(r.errors).toEqual([]);
    expect(r.rows.map((x) => x.values)).toEqual([
      { code: '1', description: 'Întârzieri în achiziții', owner: 'Ștefan Țuțea' },
      { code: '2', description: '=HYPERLINK("http://exemplu.invalid","clic")', owner: '@admin' },
      { code: '10', description: 'Date de progres lipsă', owner: '' },
    ]);
  });
});

describe('zip bombs', () => {
  it('a 1 MB workbook that inflates to 1 GB is refused in under a second, before anything is inflated', async () => {
    const file = path.join(tmp(), 'bomb.xlsx');
    const { bytes, inflated } = zipBombWorkbook(file, { sheet: 'Date', headers: ['Nume', 'Ore'], mib: 1024 });
    expect(bytes).toBeLessThan(1.2 * 1024 * 1024);
    expect(inflated).toBeGreaterThan(1024 ** 3);
    const t0 = performance.now();
    const err = await readSheet(file, columns).catch((e: unknown) => e);
    const ms = performance.now() - t0;
    expect(err).toMatchObject({ code: 'VALIDATION', details: { issues: [{ field: 'file', reason: 'zip_bomb' }] } });
    expect((err as Error).message).toMatch(
      /^fișierul pare o „bombă zip”: partea xl\/worksheets\/sheet1\.xml are 1 MB comprimați, dar s-ar extinde la 1\.024 MB/,
    );
    expect(ms).toBeLessThan(1000);
  });

  it('too many parts, or too much data in total, are refused from the central directory alone', () => {
    const many = path.join(tmp(), 'many.xlsx');
    manyEntriesZip(many, 10_001);
    expect(() => checkZip(many)).toThrow(/are 10\.005 de părți interne \(cel mult 10\.000\)/);
    const big = path.join(tmp(), 'big.xlsx');
    zipBombWorkbook(big, { sheet: 'Date', headers: ['Nume'], mib: 64 });
    expect(() => checkZip(big, { maxEntries: 100, maxTotalBytes: 32 * 1024 * 1024, maxRatio: 10_000, ratioFloorBytes: 1024 * 1024 })).toThrow(
      /s-ar extinde la 64 MB de date \(cel mult 32 MB\)/,
    );
  });
});

describe('our exports', () => {
  async function exported(rows: Array<{ name: string; note: string }>) {
    const file = path.join(tmp(), 'out.xlsx');
    await writeWorkbook(file, async (wb) => {
      const s = wb.sheet<{ name: string; note: string }>({
        name: 'Date',
        columns: [
          { key: 'name', header: 'Nume' },
          { key: 'note', header: 'Observații' },
        ],
      });
      for (const r of rows) await s.addRow(r);
    });
    return file;
  }

  it('put the workbook part and its relations before the sheets, so the streaming reader takes them as they are', async () => {
    const file = await exported([{ name: 'Ana', note: '' }]);
    const names = listZip(file)
      .sort((a, b) => a.offset - b.offset)
      .map((e) => e.name);
    const sheet = names.indexOf('xl/worksheets/sheet1.xml');
    for (const part of ['[Content_Types].xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml'])
      expect(names.indexOf(part)).toBeLessThan(sheet);
    expect((await readSheet(file, columns)).rows).toHaveLength(1);
  });

  it('neutralise text a spreadsheet would run (= + - @ tab CR) with an apostrophe, and importing gives the exact text back', async () => {
    const texts = [
      '=HYPERLINK("http://x.invalid","clic")',
      "=cmd|' /C calc'!A0",
      '+40 256 000',
      '-5',
      '@SUM(A1)',
      '\tascuns',
      "'=deja cu apostrof",
      "'text obișnuit",
      'Ana',
    ];
    const file = await exported(texts.map((name, i) => ({ name: `n${i}`, note: name })));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const raw = wb.getWorksheet('Date')!.getColumn(2).values.slice(2);
    expect(raw).toEqual([
      '\'=HYPERLINK("http://x.invalid","clic")',
      "'=cmd|' /C calc'!A0",
      "'+40 256 000",
      "'-5",
      "'@SUM(A1)",
      "'\tascuns",
      "''=deja cu apostrof",
      "'text obișnuit",
      'Ana',
    ]);
    const back = await readSheet<{ note: string }>(file, [
      { key: 'name', headers: ['Nume'], schema: cellText() },
      { key: 'note', headers: ['Observații'], schema: optText() },
    ]);
    expect(back.rows.map((r) => r.values.note)).toEqual(texts.map((t) => t.trim()));
    for (const t of texts) expect(unneutralizeText(neutralizeText(t))).toBe(t);
  });
});
