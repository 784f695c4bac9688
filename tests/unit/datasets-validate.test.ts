import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { validationText } from '../../electron/contract/datasets-messages';
import {
  castRow,
  compileSchema,
  csvResource,
  inferSchema,
  parseSchema,
  readDescriptorFile,
  readRows,
  SchemaError,
  schemaToJson,
  validateFile,
  validateInWorker,
  type Report,
  type TableSchema,
} from '../../electron/core/datasets/validate';
import { openpyxlWorkbook } from '../fixtures/imports/zips';
import { makeCnp, tempDir } from './datasets-helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
let n = 0;
const csv = (text: string | Buffer, ext = '.csv') => tmp.write(`f${++n}${ext}`, text);
const types = (r: Report) => r.errors.map((e) => e.type);
const pick = (r: Report, type: string) => r.errors.filter((e) => e.type === type).map((e) => ({ row: e.rowNumber, field: e.fieldName, cell: e.cell }));

const people: TableSchema = {
  fields: [
    { name: 'id', type: 'integer' },
    { name: 'nume', type: 'string', constraints: { required: true, minLength: 2, maxLength: 10 } },
    { name: 'varsta', type: 'integer', constraints: { minimum: 0, maximum: 120 } },
  ],
};

describe('header checks (labels)', () => {
  it('blank-label and duplicate-label, without a schema: the fields are named field2 and id2, as frictionless names them', async () => {
    const r = await validateFile(csv('id,,id\n1,2,3\n'));
    expect(types(r)).toEqual(['blank-label', 'duplicate-label']);
    expect(r.errors[0]).toMatchObject({ rowNumber: 1, fieldName: 'field2', fieldNumber: 2 });
    expect(r.errors[1]).toMatchObject({ rowNumber: 1, fieldName: 'id2', fieldNumber: 3, cell: 'id' });
  });

  it('labels are stripped of surrounding spaces, as frictionless reads them (" nume " is "nume")', async () => {
    const r = await validateFile(csv('id; nume ;varsta\n1;Ana;30\n'), { schema: people });
    expect(r.valid).toBe(true);
    expect(r.header).toEqual(['id', 'nume', 'varsta']);
  });

  it('extra-label, missing-label and incorrect-label against a schema (fields by position)', async () => {
    const extra = await validateFile(csv('id,nume,varsta,oras\n1,Ana,30,\n'), { schema: people, duplicateRows: false });
    // frictionless gives an extra label (and an extra cell) no field name: no field of the schema is there
    expect(pick(extra, 'extra-label')).toEqual([{ row: 1, field: null, cell: 'oras' }]);
    const missing = await validateFile(csv('id,nume\n1,Ana\n'), { schema: people });
    expect(pick(missing, 'missing-label')).toEqual([{ row: 1, field: 'varsta', cell: null }]);
    expect(pick(missing, 'missing-cell')).toEqual([{ row: 2, field: 'varsta', cell: null }]);
    const wrong = await validateFile(csv('id,name,varsta\n1,Ana,30\n'), { schema: people });
    expect(pick(wrong, 'incorrect-label')).toEqual([{ row: 1, field: 'nume', cell: 'name' }]);
    expect(wrong.errors[0].message).toBe('Label "name" in field at position "2" does not match the field name in the schema: field name is "nume"');
  });

  it('with fieldsMatch "equal" the columns are matched by name, in any order', async () => {
    const r = await validateFile(csv('varsta,id,nume\n30,1,Ana\n200,2,Ion\n'), { schema: { ...people, fieldsMatch: 'equal' } });
    expect(pick(r, 'constraint-error')).toEqual([{ row: 3, field: 'varsta', cell: '200' }]);
    expect(r.errors[0].fieldNumber).toBe(1);
  });
});

describe('row and cell checks', () => {
  it('blank-row, extra-cell and missing-cell', async () => {
    const r = await validateFile(csv('a,b\n1,2\n,\n3,4,5\n6\n'));
    expect(types(r)).toEqual(['blank-row', 'extra-cell', 'missing-cell']);
    expect(pick(r, 'extra-cell')).toEqual([{ row: 4, field: null, cell: '5' }]);
    expect(pick(r, 'missing-cell')).toEqual([{ row: 5, field: 'b', cell: null }]);
    expect(r.errors[0].message).toBe('Row at position "3" is completely blank');
  });

  it('type-error names the cell, the row, the field and the expected type', async () => {
    const r = await validateFile(csv('id,nume,varsta\nx,Ana,30\n'), { schema: people });
    expect(r.errors).toEqual([
      {
        type: 'type-error',
        rowNumber: 2,
        fieldName: 'id',
        fieldNumber: 1,
        cell: 'x',
        message: 'Type error in the cell "x" in row "2" and field "id" at position "1": type is "integer/default"',
        note: 'type is "integer/default"',
        params: { row: 2, field: 'id', position: 1, cell: 'x', type: 'integer', format: 'default' },
      },
    ]);
    expect(validationText('ro', r.errors[0])).toBe('Valoarea «x» din rândul 2, câmpul «id» (coloana 1) nu este număr întreg');
  });

  it('constraint-error for required, minLength, maxLength, minimum and maximum, with the constraint in the note', async () => {
    const r = await validateFile(csv('id,nume,varsta\n1,,30\n2,A,30\n3,Anastasia Maria,30\n4,Ion,-1\n5,Ion,121\n'), { schema: people });
    expect(r.errors.map((e) => [e.rowNumber, e.note])).toEqual([
      [2, 'constraint "required" is "True"'],
      [3, 'constraint "minLength" is "2"'],
      [4, 'constraint "maxLength" is "10"'],
      [5, 'constraint "minimum" is "0"'],
      [6, 'constraint "maximum" is "120"'],
    ]);
    expect(new Set(types(r))).toEqual(new Set(['constraint-error']));
  });

  it('constraint-error for pattern and enum (enum values read with the field type)', async () => {
    const schema: TableSchema = {
      fields: [
        { name: 'siruta', type: 'string', constraints: { pattern: '[0-9]{5,6}' } },
        { name: 'nivel', type: 'integer', constraints: { enum: ['1', '2', '3'] } },
        { name: 'stare', type: 'string', constraints: { enum: ['deschis', 'închis'] } },
      ],
    };
    const r = await validateFile(csv('siruta,nivel,stare\n155243,1,deschis\n15a24,02,închis\n155243,4,altfel\n'), { schema, duplicateRows: false });
    expect(r.errors.map((e) => [e.rowNumber, e.fieldName, e.note])).toEqual([
      [3, 'siruta', 'constraint "pattern" is "[0-9]{5,6}"'],
      [4, 'nivel', 'constraint "enum" is "1,2,3"'],
      [4, 'stare', 'constraint "enum" is "deschis,închis"'],
    ]);
  });

  it('unique-error and primary-key (composite) point at the row seen first', async () => {
    const schema: TableSchema = {
      fields: [
        { name: 'an', type: 'year' },
        { name: 'cod', type: 'string' },
        { name: 'email', type: 'string', constraints: { unique: true } },
      ],
      primaryKey: ['an', 'cod'],
    };
    const r = await validateFile(csv('an,cod,email\n2023,A,a@x.ro\n2023,B,b@x.ro\n2024,A,a@x.ro\n2023,A,c@x.ro\n'), { schema });
    expect(r.errors.map((e) => [e.type, e.rowNumber, e.fieldName, e.note])).toEqual([
      ['unique-error', 4, 'email', 'the same as in the row at position 2'],
      ['primary-key', 5, 'an, cod', 'the same as in the row at position 2'],
    ]);
  });

  it('an empty or invalid primary-key cell is a primary-key error, as in frictionless (key fields are not implicitly required)', async () => {
    const schema: TableSchema = { fields: [{ name: 'id', type: 'integer' }, { name: 'x' }], primaryKey: 'id' };
    const r = await validateFile(csv('id,x\n,1\nabc,2\n1,3\n'), { schema });
    expect(r.errors.map((e) => [e.type, e.rowNumber, e.fieldNumber])).toEqual([
      ['primary-key', 2, null],
      ['type-error', 3, 1],
      ['primary-key', 3, null],
    ]);
    expect(r.errors[0]).toMatchObject({ key: 'primary-key-empty', note: 'cells composing the primary keys are all "None"' });
    expect(validationText('ro', r.errors[0])).toBe('Rândul 2 nu are cheia primară (id): celulele ei sunt goale sau nevalide');
  });

  it('a composite key: all parts empty is a primary-key error; one part empty still compares (1,"" twice repeats)', async () => {
    const schema: TableSchema = { fields: [{ name: 'a', type: 'integer' }, { name: 'b' }, { name: 'c' }], primaryKey: ['a', 'b'] };
    const r = await validateFile(csv('a,b,c\n1,,x\n1,,y\n,,z\n'), { schema });
    expect(r.errors.map((e) => [e.type, e.rowNumber, e.fieldNumber])).toEqual([
      ['primary-key', 3, null],
      ['primary-key', 4, null],
    ]);
  });

  it('duplicate-row is off by default (as in frictionless) and reported when asked', async () => {
    const file = csv('a,b\n1,2\n3,4\n1,2\n');
    expect((await validateFile(file)).valid).toBe(true);
    const r = await validateFile(file, { duplicateRows: true });
    expect(r.errors.map((e) => [e.type, e.rowNumber, e.message])).toEqual([
      ['duplicate-row', 4, 'Row at position "4" is completely duplicated to row(s) at position: 2'],
    ]);
  });

  it('a required cell missing from a short row is both missing-cell and constraint-error, as frictionless reads it', async () => {
    const r = await validateFile(csv('id,x\n1\n'), {
      schema: {
        fields: [
          { name: 'id', type: 'integer' },
          { name: 'x', constraints: { required: true } },
        ],
      },
    });
    expect(r.errors.map((e) => [e.type, e.rowNumber, e.fieldNumber, e.fieldName])).toEqual([
      ['constraint-error', 2, 2, 'x'],
      ['missing-cell', 2, 2, 'x'],
    ]);
  });

  it('NaN breaks minimum and maximum (frictionless flags it)', async () => {
    const schema: TableSchema = {
      fields: [
        { name: 'v', type: 'number', constraints: { minimum: 0 } },
        { name: 'w', type: 'number', constraints: { maximum: 10 } },
      ],
    };
    const r = await validateFile(csv('v,w\nNaN,NaN\n1,2\n'), { schema });
    expect(r.errors.map((e) => [e.type, e.rowNumber, e.fieldName, e.note])).toEqual([
      ['constraint-error', 2, 'v', 'constraint "minimum" is "0"'],
      ['constraint-error', 2, 'w', 'constraint "maximum" is "10"'],
    ]);
  });

  it('foreign-key against a reference CSV (streets), an in-memory list (SIRUTA codes) and the same table (parent row)', async () => {
    const streets = csv('cod_strada,denumire\n10,Strada Ștefan cel Mare\n11,Piața Victoriei\n');
    const schema: TableSchema = {
      fields: [
        { name: 'id', type: 'integer' },
        { name: 'strada', type: 'integer' },
        { name: 'siruta', type: 'string' },
        { name: 'parinte', type: 'integer' },
      ],
      primaryKey: 'id',
      foreignKeys: [
        { fields: 'strada', reference: { resource: 'strazi', fields: 'cod_strada' } },
        { fields: ['siruta'], reference: { resource: 'siruta', fields: ['cod'] } },
        { fields: 'parinte', reference: { resource: '', fields: 'id' } },
      ],
    };
    const file = csv('id,strada,siruta,parinte\n1,10,155243,\n2,11,155243,1\n3,99,155243,4\n4,10,999999,1\n5,10,155243,77\n');
    const r = await validateFile(file, { schema, references: { strazi: { path: streets }, siruta: { rows: [{ cod: '155243', nume: 'Timișoara' }] } } });
    expect(r.errors.map((e) => [e.type, e.rowNumber, e.fieldName, e.cell])).toEqual([
      ['foreign-key', 4, 'strada', '99'],
      ['foreign-key', 5, 'siruta', '999999'],
      ['foreign-key', 6, 'parinte', '77'],
    ]);
    // row 4 refers to row 5's id, which comes later: not an error
    const missingRef = await validateFile(file, { schema });
    expect(missingRef.errors.filter((e) => e.type === 'source-error')).toHaveLength(2);
  });

  it('counts every error but lists at most errorCap of them', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => `x${i},Ana,30`).join('\n');
    const r = await validateFile(csv(`id,nume,varsta\n${rows}\n`), { schema: people, errorCap: 5 });
    expect(r.errors).toHaveLength(5);
    expect(r.errorCounts['type-error']).toBe(50);
    expect(r.stats.errors).toBe(50);
    expect(r.errorsTruncated).toBe(true);
  });

  it('missing values ("-", "N/A") are empty, not type errors; a field can override the list; a row of missing values is blank', async () => {
    const schema: TableSchema = {
      fields: [
        { name: 'a', type: 'integer' },
        { name: 'b', type: 'integer', missingValues: ['n.a.'] },
      ],
      missingValues: ['', '-', 'N/A'],
    };
    const r = await validateFile(csv('a,b\n-,n.a.\nN/A,1\n1,-\n'), { schema });
    expect(r.errors.map((e) => [e.rowNumber, e.fieldName, e.type])).toEqual([
      [2, null, 'blank-row'],
      [4, 'b', 'type-error'],
    ]);
  });
});

describe('types and formats', () => {
  it('an Excel-style Romanian CSV (";", decimal comma, "." groups, 31.12.2023 dates, da/nu) is valid and reads to ISO dates and plain numbers', async () => {
    const schema: TableSchema = {
      fields: [
        { name: 'beneficiar', type: 'string' },
        { name: 'suma', type: 'number', decimalChar: ',', groupChar: '.' },
        { name: 'data', type: 'date', format: '%d.%m.%Y' },
        { name: 'platit', type: 'boolean', trueValues: ['da'], falseValues: ['nu'] },
        { name: 'valoare', type: 'number', decimalChar: ',', groupChar: '.', bareNumber: false },
      ],
    };
    const file = csv('beneficiar;suma;data;platit;valoare\r\nAsociația „Timiș”;1.234,56;31.12.2023;da;1.000 lei\r\nȘcoala 5;12,5;01.02.2024;nu;12,5%\r\n');
    const r = await validateFile(file, { schema });
    expect(r.valid).toBe(true);
    expect(r.stats).toMatchObject({ rows: 2, fields: 5, delimiter: ';', encoding: 'utf-8' });
    const c = compileSchema(schema);
    const rows: unknown[][] = [];
    for await (const rec of readRows(file)) if (rec.rowNumber > 1) rows.push(castRow(c, rec.cells).values);
    expect(rows).toEqual([
      ['Asociația „Timiș”', 1234.56, '2023-12-31', true, 1000],
      ['Școala 5', 12.5, '2024-02-01', false, 12.5],
    ]);
    const bad = await validateFile(csv('beneficiar;suma;data;platit;valoare\nX;1,2,3;31.02.2023;poate;1\n'), { schema });
    expect(bad.errors.map((e) => e.fieldName)).toEqual(['suma', 'data', 'platit']);
  });

  it('date, datetime and time formats: default ISO, strptime patterns, and "any"', async () => {
    const schema: TableSchema = {
      fields: [
        { name: 'd', type: 'date' },
        { name: 'dt', type: 'datetime', format: '%d.%m.%Y %H:%M' },
        { name: 't', type: 'time' },
        { name: 'da', type: 'date', format: 'any' },
        { name: 'ym', type: 'yearmonth' },
      ],
    };
    const ok = await validateFile(csv('d,dt,t,da,ym\n2024-02-29,31.12.2023 23:59,08:30:00,15/03/2024,2024-03\n'), { schema });
    expect(ok.valid).toBe(true);
    const bad = await validateFile(csv('d,dt,t,da,ym\n2023-02-29,31.12.2023 24:00,8:30,2024-13-01,2024-13\n'), { schema });
    expect(bad.errors.map((e) => e.fieldName)).toEqual(['d', 'dt', 't', 'da', 'ym']);
  });

  it('a schema that cannot be used is refused with a SchemaError naming the problem', () => {
    expect(() => compileSchema({ fields: [{ name: 'x', type: 'polygon' as never }] })).toThrow(SchemaError);
    expect(() => compileSchema({ fields: [{ name: 'd', type: 'date', format: '%d.%q.%Y' }] })).toThrow(/%q/);
    expect(() => compileSchema({ fields: [{ name: 'a' }], primaryKey: ['b'] })).toThrow(/primaryKey names "b"/);
    expect(() => compileSchema({ fields: [{ name: 'a', constraints: { pattern: '(' } }] })).toThrow(/pattern/);
    expect(() => parseSchema({ field: [] })).toThrow(/"fields"/);
  });
});

describe('personal data', () => {
  it('flags columns and cells that look like a CNP (valid checksum only), e-mail, phone or IBAN, masked', async () => {
    const cnp = makeCnp('196022935001'.slice(0, 12));
    const notCnp = `${cnp.slice(0, 12)}${(Number(cnp[12]) + 1) % 10}`;
    const file = csv(
      `nume,cnp,contact,cont\nAna,${cnp},ana.pop@gmail.com,RO49AAAA1B31007593840000\nIon,${notCnp},+40 723 456 789,RO49AAAA1B31007593840001\nEva,,0256 408 300,\n`,
    );
    const r = await validateFile(file);
    expect(r.valid).toBe(true); // a flag is not an error: a person reviews it
    expect(r.personalData.columns).toEqual([
      { fieldName: 'cnp', counts: { cnp: 1 }, share: 0.5 },
      { fieldName: 'contact', counts: { email: 1, phone: 2 }, share: 1 },
      { fieldName: 'cont', counts: { iban: 1 }, share: 0.5 },
    ]);
    expect(r.personalData.cells.map((c) => [c.kind, c.rowNumber, c.fieldName])).toEqual([
      ['cnp', 2, 'cnp'],
      ['email', 2, 'contact'],
      ['iban', 2, 'cont'],
      ['phone', 3, 'contact'],
      ['phone', 4, 'contact'],
    ]);
    expect(r.personalData.cells[0].cell).not.toContain(cnp.slice(2, 11));
    expect(r.personalData.cells[0].cell).toMatch(/^\d\d\*+\d\d$/);
  });
});

describe('files that cannot be read, or only partly', () => {
  it('an empty file is a source-error and fatal', async () => {
    const r = await validateFile(csv(''));
    expect(r).toMatchObject({ valid: false, fatal: true, errorCounts: { 'source-error': 1 } });
    expect(r.errors[0].message).toMatch(/empty/);
  });

  it('a binary file is a source-error', async () => {
    const r = await validateFile(csv(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])));
    expect(r.fatal).toBe(true);
    expect(r.errors[0]).toMatchObject({ type: 'source-error' });
    expect(r.errors[0].message).toMatch(/binary/);
  });

  it('an .xlsx that is not a zip is a source-error saying so', async () => {
    const r = await validateFile(csv('a,b\n1,2\n', '.xlsx'));
    expect(r.fatal).toBe(true);
    expect(r.errors[0].message).toMatch(/not an Excel workbook \(not a zip archive\)/);
  });

  it('a missing file is a source-error', async () => {
    const r = await validateFile(path.join(tmp.dir, 'nope.csv'));
    expect(r.fatal).toBe(true);
    expect(r.errors[0].message).toMatch(/does not exist/);
  });

  it('unbalanced quotes: the row where the quote opened, and the rows before it intact', async () => {
    const r = await validateFile(csv('a,b\n1,2\n3,"four\n5,6\n'));
    expect(r.fatal).toBe(false);
    expect(r.errors.map((e) => [e.type, e.rowNumber])).toEqual([['source-error', 3]]);
    expect(r.errors[0].message).toMatch(/never closes/);
    expect(r.stats.rows).toBe(2);
  });

  it('mixed line endings (CRLF, LF, CR) are read as rows, not errors', async () => {
    const r = await validateFile(csv('a,b\r\n1,2\n3,4\r5,6\r\n'));
    expect(r.valid).toBe(true);
    expect(r.stats.rows).toBe(3);
  });

  it('a 50 MB single cell is cut at the limit and reported; memory stays bounded and the next row is read', async () => {
    const file = path.join(tmp.dir, 'huge.csv');
    const fd = fs.openSync(file, 'w');
    fs.writeSync(fd, 'id,text\n1,"');
    const block = 'x'.repeat(1 << 20);
    for (let i = 0; i < 50; i++) fs.writeSync(fd, block);
    fs.writeSync(fd, '"\n2,short\n');
    fs.closeSync(fd);
    const before = process.memoryUsage().heapUsed;
    const r = await validateFile(file, { maxCellChars: 100_000 });
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(40 * 1024 * 1024);
    expect(r.stats.rows).toBe(2);
    expect(r.errors.map((e) => [e.type, e.rowNumber, e.fieldName])).toEqual([['source-error', 2, 'text']]);
    expect(r.errors[0].message).toMatch(/longer than 100,000 characters/);
    const lengths: number[] = [];
    for await (const rec of readRows(file, { maxCellChars: 100_000 })) lengths.push(rec.cells[1].length);
    expect(lengths).toEqual([4, 100_000, 5]);
  });
});

describe('XLSX', () => {
  it('reads the first sheet through ExcelJS streaming: numbers, dates as ISO, empty cells at the row end', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Date');
    ws.addRow(['id', 'data', 'suma', 'nota']);
    ws.addRow([1, new Date(Date.UTC(2023, 11, 31)), 12.5, 'ok']);
    ws.addRow([2, new Date(Date.UTC(2024, 0, 1)), 3]);
    ws.addRow(['x', new Date(Date.UTC(2024, 0, 2)), 4, 'ok']);
    const file = path.join(tmp.dir, 'book.xlsx');
    await wb.xlsx.writeFile(file);
    const r = await validateFile(file, {
      schema: {
        fields: [
          { name: 'id', type: 'integer' },
          { name: 'data', type: 'date' },
          { name: 'suma', type: 'number' },
          { name: 'nota', type: 'string' },
        ],
      },
    });
    expect(r.stats).toMatchObject({ format: 'xlsx', rows: 3, delimiter: null, encoding: null });
    expect(r.source.sheet).toBe('Date');
    expect(r.errors.map((e) => [e.type, e.rowNumber, e.fieldName])).toEqual([['type-error', 4, 'id']]);
  });

  it('reads a workbook written by openpyxl (absolute relationship targets, inline strings, no shared strings)', async () => {
    const file = await openpyxlWorkbook(path.join(tmp.dir, 'openpyxl.xlsx'), [
      {
        name: 'Parcuri',
        rows: [
          ['id', 'nume', 'suprafata'],
          [1, 'Parcul Rozelor', 2.5],
          [2, 'Parcul Central', 10],
        ],
      },
    ]);
    const r = await validateFile(file, {
      schema: {
        fields: [
          { name: 'id', type: 'integer' },
          { name: 'nume', type: 'string' },
          { name: 'suprafata', type: 'number' },
        ],
      },
    });
    expect(r.errors).toEqual([]);
    expect(r).toMatchObject({ valid: true, fatal: false, stats: { format: 'xlsx', rows: 2 } });
    expect(r.source.sheet).toBe('Parcuri');
  });

  it('a formula cell is an error naming the cell and the formula, in Romanian from the catalogue; the rest is still read', async () => {
    const file = await openpyxlWorkbook(path.join(tmp.dir, 'formula.xlsx'), [
      {
        name: 'Date',
        rows: [
          ['id', 'suma'],
          [1, 10],
          [2, { f: 'B2*2' }],
          [3, 'x'],
        ],
      },
    ]);
    const r = await validateFile(file, {
      schema: {
        fields: [
          { name: 'id', type: 'integer' },
          { name: 'suma', type: 'number' },
        ],
      },
    });
    expect(r.valid).toBe(false);
    const formula = r.errors.find((e) => e.type === 'source-error')!;
    expect(formula).toMatchObject({ rowNumber: 3, fieldName: 'suma' });
    expect(validationText('ro', formula)).toBe(
      'Celula B3 conține o formulă (=B2*2), nu o valoare; înlocuiți formula cu valoarea ei (Copiere, apoi Lipire specială → Valori)',
    );
    expect(r.errors.map((e) => [e.type, e.rowNumber])).toEqual(expect.arrayContaining([['type-error', 4]]));
  });
});

describe('worker thread, progress and cancel', () => {
  it('validateInWorker gives the same report as validateFile, with progress', async () => {
    const file = csv(`id,nume,varsta\n${Array.from({ length: 2000 }, (_, i) => `${i},Nume ${i},${i % 130}`).join('\n')}\n`);
    const progress: number[] = [];
    const inWorker = await validateInWorker(file, { schema: people, onProgress: (p) => progress.push(p.fraction) });
    const here = await validateFile(file, { schema: people });
    expect({ ...inWorker.stats, seconds: 0 }).toEqual({ ...here.stats, seconds: 0 });
    expect(inWorker.errors).toEqual(here.errors);
    expect(inWorker.errorCounts).toEqual({ 'constraint-error': 135 }); // ages 121…129 in each run of 130
    expect(progress.at(-1)).toBe(1);
  });

  it('aborting the signal stops the worker and rejects with AbortError', async () => {
    const file = csv(`a,b\n${'1,2\n'.repeat(200_000)}`);
    const ac = new AbortController();
    const run = validateInWorker(file, { signal: ac.signal });
    setTimeout(() => ac.abort(), 5);
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('validateFile stops on an aborted signal', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(validateFile(csv('a\n1\n'), { signal: ac.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('schema inference and descriptors', () => {
  it('infers integer, decimal-comma number, %d.%m.%Y date, boolean and keeps codes with leading zeros as strings', async () => {
    const file = csv(
      'id;suma;data;activ;cod_postal;nume\n1;1.234,56;31.12.2023;true;030167;Ana\n2;12,5;01.01.2024;false;300001;Ion\n3;7;15.06.2024;true;310130;\n',
    );
    const r = await inferSchema(file, { sampleRows: 100 });
    expect(r.schema.fields).toEqual([
      { name: 'id', type: 'integer' },
      { name: 'suma', type: 'number', decimalChar: ',', groupChar: '.' },
      { name: 'data', type: 'date', format: '%d.%m.%Y' },
      { name: 'activ', type: 'boolean' },
      { name: 'cod_postal', type: 'string' },
      { name: 'nume', type: 'string' },
    ]);
    expect(r.dialect.delimiter).toBe(';');
    expect(r.rowsSampled).toBe(3);
    expect((await validateFile(file, { schema: r.schema })).valid).toBe(true);
  });

  it('writes a Table Schema and reads it back; a Data Package supplies its other resources as foreign-key tables', async () => {
    const schema: TableSchema = {
      fields: [
        { name: 'id', type: 'integer' },
        { name: 'strada', type: 'integer' },
      ],
      foreignKeys: [{ fields: 'strada', reference: { resource: 'strazi', fields: 'cod' } }],
    };
    const json = schemaToJson(schema);
    expect(JSON.parse(json).$schema).toMatch(/tableschema/);
    const data = csv('id,strada\n1,10\n2,12\n');
    fs.writeFileSync(path.join(tmp.dir, 'strazi.csv'), 'cod,nume\n10,Calea Aradului\n');
    const pkgFile = path.join(tmp.dir, 'datapackage.json');
    const res = await csvResource(data, { name: 'Lucrări 2024', schema });
    expect(res).toMatchObject({ name: 'lucrari-2024', format: 'csv', encoding: 'utf-8', bytes: 20 });
    expect(res.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    fs.writeFileSync(pkgFile, JSON.stringify({ name: 'p', resources: [res, { name: 'strazi', path: 'strazi.csv' }] }));
    const d = readDescriptorFile(pkgFile, data);
    expect(d.schema.fields.map((f) => f.name)).toEqual(['id', 'strada']);
    const r = await validateFile(data, { schema: d.schema, references: d.references });
    expect(r.errors.map((e) => [e.type, e.rowNumber, e.cell])).toEqual([['foreign-key', 3, '12']]);
  });
});

describe('foreign keys over several fields, as frictionless looks them up', () => {
  it('a key with one part empty is looked up (and not found); a key of empty parts only is not', async () => {
    const ref = csv('judet,localitate\nTM,Timișoara\nTM,Lugoj\n');
    const schema: TableSchema = {
      fields: [{ name: 'judet' }, { name: 'localitate' }, { name: 'nr', type: 'integer' }],
      foreignKeys: [{ fields: ['judet', 'localitate'], reference: { resource: 'loc', fields: ['judet', 'localitate'] } }],
    };
    const r = await validateFile(csv('judet,localitate,nr\nTM,Lugoj,1\nTM,,2\n,,3\n'), { schema, references: { loc: { path: ref } } });
    expect(r.errors.map((e) => [e.type, e.rowNumber, e.fieldNumber, e.cell])).toEqual([['foreign-key', 3, null, 'TM, ']]);
  });
});
