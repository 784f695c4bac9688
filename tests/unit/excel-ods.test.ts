import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../electron/contract';
import { cellBool, cellText, MAX_CELLS, optDate, optInt, optText, readAllSheets, readSheet, type ImportColumn } from '../../electron/core/excel-import';
import { odsContent, writeOds } from '../fixtures/imports/ods';

/** Spreadsheets as city staff keep them: saved by LibreOffice as .ods, with a title block above the header. */

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pla-ods-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const COLUMNS: ImportColumn[] = [
  { key: 'name', headers: ['Nume', 'Nume și prenume'], required: true, schema: cellText() },
  { key: 'email', headers: ['E-mail', 'Email'], schema: optText() },
  { key: 'hours', headers: ['Ore'], schema: optInt(0, 100) },
  { key: 'completed', headers: ['Absolvit', 'Finalizat'], required: true, schema: cellBool() },
  { key: 'day', headers: ['Data'], schema: optDate() },
];

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe('reading .ods spreadsheets', () => {
  it('reads typed cells, runs of spaces, several paragraphs, and skips the empty space LibreOffice folds into repeats', async () => {
    const file = path.join(dir, 'prezenta.ods');
    await writeOds(file, [
      {
        name: 'Sesiunea 1',
        rows: [
          ['Nume și prenume', 'E-mail', 'Ore', 'Absolvit (Da/Nu)', 'Data'],
          ['Ștefan  Țuțea', 'stefan@primariatm.ro', 8, 'Da', new Date('2026-03-02T00:00:00Z')],
          [null, null, null, null, null],
          [null, null, null, null, null],
          ['Ana Mureșan\nDirecția Comunicare', '', 4, true, '02.03.2026'],
        ],
      },
    ]);
    const r = await readSheet(file, COLUMNS);
    expect(r.errors).toEqual([]);
    expect(r.sheet).toBe('Sesiunea 1');
    expect(r.rows).toEqual([
      { row: 2, values: { name: 'Ștefan  Țuțea', email: 'stefan@primariatm.ro', hours: 8, completed: true, day: '2026-03-02' } },
      { row: 5, values: { name: 'Ana Mureșan\nDirecția Comunicare', email: '', hours: 4, completed: true, day: '2026-03-02' } },
    ]);
  });

  it('refuses a formula as in an .xlsx, naming the sheet by its own name and the cell', async () => {
    const file = path.join(dir, 'formula.ods');
    await writeOds(file, [
      {
        name: 'Sesiunea 2',
        rows: [
          ['Nume', 'Ore', 'Absolvit'],
          ['Ion Pop', { formula: '[.A1]*2', result: 8 }, 'nu'],
        ],
      },
    ]);
    const r = await readSheet(file, COLUMNS);
    expect(r.errors.map((e) => e.message)).toEqual(['Sesiunea 2!B2: celula conține o formulă (=[.A1]*2); introduceți valoarea, nu formula']);
  });

  it('an .ods renamed .xlsx is read for what it is', async () => {
    const file = path.join(dir, 'redenumit.xlsx');
    await writeOds(file, [
      {
        name: 'Foaie1',
        rows: [
          ['Nume', 'Absolvit'],
          ['Ion Pop', 'da'],
        ],
      },
    ]);
    const r = await readSheet(file, COLUMNS);
    expect(r.errors).toEqual([]);
    expect(r.rows).toHaveLength(1);
  });

  it('a row of content repeated a million times is stopped by the cell limit, not materialised', async () => {
    const file = path.join(dir, 'bomb.ods');
    const content = odsContent([{ name: 'S', rows: [['Nume', 'Absolvit']] }]).replace(
      /<table:table-row table:number-rows-repeated="\d+">.*?<\/table:table-row><\/table:table>/,
      `<table:table-row table:number-rows-repeated="1048000"><table:table-cell office:value-type="string" table:number-columns-repeated="16384"><text:p>x</text:p></table:table-cell></table:table-row></table:table>`,
    );
    await writeOds(file, [], content);
    const e = await refusal(readSheet(file, COLUMNS));
    expect(e.message).toMatch(new RegExp(`peste ${MAX_CELLS.toLocaleString('ro-RO')} de celule`));
  });

  it('says what to do with a file it cannot read: an old .xls, a text document, a zip of something else', async () => {
    const xls = path.join(dir, 'vechi.xls');
    fs.writeFileSync(xls, Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)]));
    expect((await refusal(readSheet(xls, COLUMNS))).message).toMatch(/Excel 97-2003 \(\.xls\).*salvați-l ca „Excel 2007-365 \(\.xlsx\)”/);
    const odt = path.join(dir, 'scrisoare.ods');
    const zip = new JSZip();
    zip.file('mimetype', 'application/vnd.oasis.opendocument.text', { compression: 'STORE' });
    zip.file('content.xml', '<x/>');
    fs.writeFileSync(odt, await zip.generateAsync({ type: 'nodebuffer' }));
    expect((await refusal(readSheet(odt, COLUMNS))).message).toMatch(/nu o foaie de calcul \(text\).*LibreOffice Calc/);
    const other = path.join(dir, 'arhiva.xlsx');
    const z2 = new JSZip();
    z2.file('readme.txt', 'hello');
    fs.writeFileSync(other, await z2.generateAsync({ type: 'nodebuffer' }));
    expect((await refusal(readSheet(other, COLUMNS))).message).toMatch(/arhivă zip, dar nu un registru Excel.*Excel 2007-365/);
  });
});

describe('the header row is found by its labels', () => {
  async function xlsx(file: string, sheets: Array<{ name: string; rows: unknown[][] }>) {
    const wb = new ExcelJS.Workbook();
    for (const s of sheets) wb.addWorksheet(s.name).addRows(s.rows);
    await wb.xlsx.writeFile(file);
  }

  it('a title block above the header is skipped; "Absolvit (Da/Nu)" names the Absolvit column', async () => {
    const file = path.join(dir, 'titlu.xlsx');
    await xlsx(file, [
      {
        name: 'Sesiunea 1',
        rows: [
          ['Primăria Municipiului Timișoara'],
          ['Listă de prezență — Sesiunea 1, 2 martie 2026'],
          [],
          ['Nr. crt.', 'Nume și prenume', 'E-mail', 'Absolvit (Da/Nu)'],
          [1, 'Ioana Marin', 'ioana@primariatm.ro', 'Da'],
          [2, 'Radu Ștef', '', 'Nu'],
        ],
      },
    ]);
    const r = await readSheet(file, COLUMNS);
    expect(r.errors).toEqual([]);
    expect(r.ignoredColumns).toEqual(['Nr. crt.']);
    expect(r.rows.map((x) => [x.row, x.values.name, x.values.completed])).toEqual([
      [5, 'Ioana Marin', true],
      [6, 'Radu Ștef', false],
    ]);
  });

  it('with no row naming the required columns, the first row is reported as the header that lacks them', async () => {
    const file = path.join(dir, 'fara.xlsx');
    await xlsx(file, [{ name: 'Prezență', rows: [['Listă'], ['Nume', 'Ore'], ['Ion', 2]] }]);
    const r = await readSheet(file, COLUMNS);
    expect(r.errors.map((e) => [e.sheet, e.row, e.message])).toEqual([
      ['Prezență', 1, 'missing column "Nume"'],
      ['Prezență', 1, 'missing column "Absolvit"'],
    ]);
  });

  it('every sheet of a workbook is read with its own header row and its own name', async () => {
    const file = path.join(dir, 'sesiuni.xlsx');
    await xlsx(file, [
      { name: 'Sesiunea 1', rows: [['Sesiunea 1'], ['Nume', 'Absolvit'], ['Ana', 'da']] },
      {
        name: 'Sesiunea 2',
        rows: [
          ['Nume și prenume', 'Absolvit (Da/Nu)'],
          ['Ion', 'nu'],
          ['Vlad', 'poate'],
        ],
      },
      { name: 'Instrucțiuni', rows: [['Completați câte o foaie pe sesiune.']] },
    ]);
    const all = await readAllSheets(file, COLUMNS);
    expect(all.map((s) => [s.sheet, s.headerRow, s.rows.length])).toEqual([
      ['Sesiunea 1', 2, 1],
      ['Sesiunea 2', 1, 2],
      ['Instrucțiuni', null, 0],
    ]);
    expect(all[1].errors.map((e) => `${e.sheet}!${e.column} row ${e.row}`)).toEqual(['Sesiunea 2!Absolvit (Da/Nu) row 3']);
  });
});
