import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  cellBool,
  cellDate,
  cellEnum,
  cellErrors,
  cellInt,
  cellLei,
  cellText,
  normalizeHeader,
  optText,
  partStreams,
  readSheet,
  readSheets,
} from '../../electron/core/excel-import';
import { listZip, reorderZip } from '../../electron/core/zip';

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

describe('workbooks whose parts come in any order', () => {
  afterEach(() => vi.restoreAllMocks());

  /** Rewrites `file` with its sheets first and the workbook, its relations and the shared strings last. */
  function sheetsFirst(file: string): string {
    const out = path.join(tmp(), 'reordered.xlsx');
    const last = ['xl/sharedStrings.xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', '[Content_Types].xml'];
    reorderZip(file, out, (name) => (name.startsWith('xl/worksheets/') ? -1 - Number(/\d+/.exec(name)?.[0] ?? 0) : last.indexOf(name)));
    return out;
  }

  it("reads every sheet of a workbook whose sheets come before its shared strings and workbook part, in the workbook's order", async () => {
    const wb = new ExcelJS.Workbook();
    const a = wb.addWorksheet('Sesiunea 1');
    a.addRow(['Nume', 'Ore']);
    a.addRow(['Ștefan Țurcanu', 4]);
    const b = wb.addWorksheet('Sesiunea 2');
    b.addRow(['Nume', 'Ore']);
    b.addRow(['Ana Pop', 6]);
    const file = path.join(tmp(), 'in.xlsx');
    await wb.xlsx.writeFile(file);
    const reordered = sheetsFirst(file);
    const names = listZip(reordered)
      .sort((x, y) => x.offset - y.offset)
      .map((e) => e.name);
    expect(names.indexOf('xl/worksheets/sheet2.xml')).toBeLessThan(names.indexOf('xl/worksheets/sheet1.xml'));
    expect(names.indexOf('xl/worksheets/sheet1.xml')).toBeLessThan(names.indexOf('xl/sharedStrings.xml'));
    const copies = vi.spyOn(fs, 'mkdtempSync');
    const [first, second] = await readSheets(reordered, [{ columns: columns.slice(0, 2) }, { columns: columns.slice(0, 2) }]);
    expect([first.sheet, first.rows.map((r) => r.values)]).toEqual(['Sesiunea 1', [{ name: 'Ștefan Țurcanu', hours: 4 }]]);
    expect([second.sheet, second.rows.map((r) => r.values)]).toEqual(['Sesiunea 2', [{ name: 'Ana Pop', hours: 6 }]]);
    // Nothing is copied on the way: no temporary workbook is made.
    expect(copies).not.toHaveBeenCalled();
  });

  it('streams each needed part from the zip once and never inflates a sheet ahead of its rows', async () => {
    const rows: unknown[][] = [['Nume', 'Ore']];
    for (let i = 0; i < 20_000; i++) rows.push([`Persoana ${i} din lista de prezență`, i % 40]);
    const file = sheetsFirst(await workbook(rows));
    const sheet = listZip(file).find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
    const opened: string[] = [];
    const inflated = new Map<string, number>();
    let atFirstRow = -1;
    const open = partStreams.open;
    vi.spyOn(partStreams, 'open').mockImplementation((f, e) => {
      opened.push(e.name);
      inflated.set(e.name, 0);
      return open(f, e).pipe(
        new Transform({
          transform(chunk: Buffer, _enc, cb) {
            inflated.set(e.name, inflated.get(e.name)! + chunk.length);
            cb(null, chunk);
          },
        }),
      );
    });
    const r = await readSheet(file, columns.slice(0, 2), {
      onProgress: (n) => {
        if (atFirstRow < 0 && n === 1000) atFirstRow = inflated.get(sheet.name)!;
      },
    });
    expect(r.errors).toEqual([]);
    expect(r.rows).toHaveLength(20_000);
    expect(r.rows[19_999].values).toEqual({ name: 'Persoana 19999 din lista de prezență', hours: 19_999 % 40 });
    // Only the parts a read needs, each once (no theme, no document properties), shared strings before the sheet.
    expect(opened).toEqual(['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/styles.xml', 'xl/sharedStrings.xml', 'xl/worksheets/sheet1.xml']);
    expect(inflated.get(sheet.name)).toBe(sheet.uncompressedSize);
    // When the first thousand rows are read, only a small part of the sheet has been inflated: it is streamed.
    expect(atFirstRow).toBeGreaterThan(0);
    expect(atFirstRow).toBeLessThan(sheet.uncompressedSize / 4);
  });
});
