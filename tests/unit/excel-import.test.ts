import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cellBool, cellDate, cellEnum, cellErrors, cellInt, cellLei, cellText, normalizeHeader, optText, readSheet } from '../../electron/core/excel-import';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'pla-xlsx-'));

async function workbook(rows: unknown[][], sheet = 'Date') {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  for (const r of rows) ws.addRow(r);
  const file = path.join(tmp(), 'in.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

const columns = [
  { key: 'name', headers: ['Nume', 'Name'], required: true, schema: cellText(100) },
  { key: 'hours', headers: ['Ore', 'Hours'], required: true, schema: cellInt(0, 200) },
  { key: 'done', headers: ['Absolvit', 'Completed'], schema: cellBool() },
  { key: 'date', headers: ['Data'], schema: cellDate() },
  { key: 'note', headers: ['Observații'], schema: optText() },
];

describe('reading a sheet for import', () => {
  it('matches headers without regard to case or diacritics and parses Romanian cells', async () => {
    const file = await workbook([
      ['NUME', 'ore', 'absolvit', 'data', 'Observatii', 'Coloană în plus'],
      ['Ana Pop', 12, 'da', '27.11.2026', null],
      [],
      ['Ion Ionescu', '8', 'nu', new Date(Date.UTC(2026, 10, 20)), 'întârziat'],
    ]);
    const r = await readSheet(file, columns);
    expect(r.errors).toEqual([]);
    expect(r.ignoredColumns).toEqual(['Coloană în plus']);
    expect(r.rows).toEqual([
      { row: 2, values: { name: 'Ana Pop', hours: 12, done: true, date: '2026-11-27', note: '' } },
      { row: 4, values: { name: 'Ion Ionescu', hours: 8, done: false, date: '2026-11-20', note: 'întârziat' } },
    ]);
  });

  it('names every bad cell by sheet, row and column', async () => {
    const file = await workbook([
      ['Nume', 'Ore', 'Absolvit', 'Data'],
      ['', 500, 'poate', '31.02.2026'],
      ['Ana', 'multe', 'da', '2026-01-01'],
    ]);
    const r = await readSheet(file, columns);
    expect(r.errors.map((e) => [e.sheet, e.row, e.column])).toEqual([
      ['Date', 2, 'Nume'],
      ['Date', 2, 'Ore'],
      ['Date', 2, 'Absolvit'],
      ['Date', 2, 'Data'],
      ['Date', 3, 'Ore'],
    ]);
    // An empty required cell is an error; only a wholly blank row is skipped.
    const err = cellErrors(r.errors);
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toMatch(/nothing was imported/);
    expect(err.details?.issues?.[1].field).toBe('Date!Ore2');
  });

  it('reports a missing required column and a missing sheet', async () => {
    const file = await workbook([['Nume'], ['Ana']]);
    expect((await readSheet(file, columns)).errors[0].message).toBe('missing column "Ore"');
    expect((await readSheet(file, columns, { sheets: ['Prezență'] })).errors[0].message).toMatch(/no sheet named "Prezență"/);
  });

  it('refuses a file that is not a workbook', async () => {
    const file = path.join(tmp(), 'x.xlsx');
    fs.writeFileSync(file, 'nume,ore\nAna,3\n');
    await expect(readSheet(file, columns)).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});

describe('cell helpers', () => {
  it('money in lei becomes integer bani', () => {
    expect(cellLei().parse(1234.5)).toBe(123450);
    expect(cellLei().parse('1.234,50 lei')).toBe(123450);
    expect(cellLei().safeParse(-1).success).toBe(false);
  });
  it('enums accept labels in either language', () => {
    const s = cellEnum({ treat: ['Tratare', 'Treat'], tolerate: ['Tolerare', 'Tolerate'] });
    expect(s.parse('tratare')).toBe('treat');
    expect(s.parse('Tolerate')).toBe('tolerate');
    expect(s.safeParse('ignorare').error?.issues[0].message).toBe('expected one of: Tratare, Tolerare');
  });
  it('normalises headers', () => {
    expect(normalizeHeader('  Probabilitate   inerentă: ')).toBe('probabilitate inerenta');
    expect(normalizeHeader('Expunere_reziduală')).toBe('expunere reziduala');
  });
});

describe('reading back our own streamed exports', () => {
  it('reads a workbook written by the streaming writer (sheets before the workbook part, no shared strings), every time', async () => {
    const { writeWorkbook } = await import('../../electron/core/excel');
    const file = path.join(tmp(), 'export.xlsx');
    await writeWorkbook(file, async (wb) => {
      const s = wb.sheet<{ name: string; hours: number }>({
        name: 'Date',
        columns: [
          { key: 'name', header: 'Nume', type: 'text' },
          { key: 'hours', header: 'Ore', type: 'int' },
        ],
      });
      for (let i = 0; i < 300; i++) await s.addRow({ name: `Persoana ${i}`, hours: i % 40 });
    });
    for (let attempt = 0; attempt < 5; attempt++) {
      const r = await readSheet(file, columns.slice(0, 2));
      expect(r.errors).toEqual([]);
      expect(r.rows).toHaveLength(300);
      expect(r.rows[299].values).toEqual({ name: 'Persoana 299', hours: 299 % 40 });
    }
  });
});

describe('finding a sheet by name in our own exports', () => {
  it('reads the second sheet of a streamed workbook by its name', async () => {
    const { writeWorkbook } = await import('../../electron/core/excel');
    const file = path.join(tmp(), 'two.xlsx');
    await writeWorkbook(file, async (wb) => {
      const a = wb.sheet<{ name: string }>({ name: 'Apeluri', columns: [{ key: 'name', header: 'Nume', type: 'text' }] });
      await a.addRow({ name: 'din primul' });
      const b = wb.sheet<{ name: string; hours: number }>({
        name: 'Participări',
        columns: [
          { key: 'name', header: 'Nume', type: 'text' },
          { key: 'hours', header: 'Ore', type: 'int' },
        ],
      });
      await b.addRow({ name: 'din al doilea', hours: 3 });
    });
    for (let attempt = 0; attempt < 3; attempt++) {
      const r = await readSheet(file, columns.slice(0, 2), { sheets: ['Participari'] });
      expect(r.errors).toEqual([]);
      expect(r.sheet).toBe('Participări');
      expect(r.rows.map((x) => x.values)).toEqual([{ name: 'din al doilea', hours: 3 }]);
    }
  });
});

describe('cell messages say what is wrong', () => {
  it('an empty required cell is "required"; a wrong one says what was expected', () => {
    expect(cellText().safeParse(null).error?.issues[0].message).toBe('required');
    expect(cellInt().safeParse(null).error?.issues[0].message).toBe('required');
    expect(cellInt().safeParse('multe').error?.issues[0].message).toBe('expected a whole number');
    expect(cellDate().safeParse(true).error?.issues[0].message).toBe('expected a date such as 27.11.2026');
    expect(cellBool().safeParse(null).error?.issues[0].message).toBe('required');
    expect(cellLei().safeParse(null).error?.issues[0].message).toBe('required');
  });
});
