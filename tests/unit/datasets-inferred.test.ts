import { afterAll, describe, expect, it } from 'vitest';
import { validateWithInference, type Report } from '../../electron/core/datasets/validate';
import { tempDir } from './datasets-helpers';

/**
 * Validating without a schema works as frictionless-py does: a schema is inferred from the first 100 data rows,
 * then every row is validated against it — a later row that does not fit is a type-error — and the report says so.
 */
const tmp = tempDir();
afterAll(() => tmp.cleanup());
let n = 0;

/** 200 data rows (rows 2…201 as frictionless counts, the header being row 1); `at` puts a cell in the `id` column of one row. */
function contracts(at?: { row: number; id: string }) {
  const lines = ['id,furnizor,valoare,data'];
  for (let row = 2; row <= 201; row++)
    lines.push(`${at?.row === row ? at.id : row - 1},Firma ${row % 7},${(row * 13.5).toFixed(2)},2024-03-${String((row % 28) + 1).padStart(2, '0')}`);
  return tmp.write(`c${++n}.csv`, `${lines.join('\n')}\n`);
}
const errs = (r: Report) => r.errors.map((e) => [e.type, e.rowNumber, e.fieldName, e.cell]);

describe('validation without a schema infers one from the first 100 rows', () => {
  it('row 150 breaking the integer column inferred from rows 2–100 (the first 100 records, the header among them) is a type-error naming row, field and cell', async () => {
    const r = await validateWithInference(contracts({ row: 150, id: '15O' }));
    expect(r.inferred).toBe(true);
    expect(r.sampleRows).toBe(100);
    expect(r.schema?.fields.map((f) => [f.name, f.type])).toEqual([
      ['id', 'integer'],
      ['furnizor', 'string'],
      ['valoare', 'number'],
      ['data', 'date'],
    ]);
    expect(r.valid).toBe(false);
    expect(errs(r)).toEqual([['type-error', 150, 'id', '15O']]);
    expect(r.errors[0].message).toBe('Type error in the cell "15O" in row "150" and field "id" at position "1": type is "integer/default"');
    expect(r.stats).toMatchObject({ rows: 200, fields: 4, errors: 1 });
  });

  it('the same file with a good row 150 is valid, still against the inferred schema', async () => {
    const r = await validateWithInference(contracts());
    expect(r).toMatchObject({ valid: true, inferred: true, errors: [] });
    expect(r.schema?.fields[0]).toEqual({ name: 'id', type: 'integer' });
  });

  it('a bad cell inside the sample does not change the type (90 % confidence) and is reported too', async () => {
    const r = await validateWithInference(contracts({ row: 50, id: 'n/a' }));
    expect(r.schema?.fields[0].type).toBe('integer');
    expect(errs(r)).toEqual([['type-error', 50, 'id', 'n/a']]);
  });

  it('a smaller sample decides from fewer rows: with 10 rows a later text in a date column is a type-error', async () => {
    const f = tmp.write(
      'dates.csv',
      `zi\n${Array.from({ length: 20 }, (_, i) => (i === 15 ? 'mâine' : `2024-01-${String(i + 1).padStart(2, '0')}`)).join('\n')}\n`,
    );
    const r = await validateWithInference(f, { sampleRows: 10 });
    expect(r.sampleRows).toBe(10);
    expect(errs(r)).toEqual([['type-error', 17, 'zi', 'mâine']]);
  });

  it('repeated labels are only duplicate-label (the later column is id2, a blank one field3, as frictionless names them), as without inference', async () => {
    const r = await validateWithInference(tmp.write('dup.csv', 'id,id,\n1,2,3\n4,5,6\n'));
    expect(r.inferred).toBe(true);
    expect(r.schema?.fields.map((f) => f.name)).toEqual(['id', 'id2', 'field3']);
    expect(errs(r)).toEqual([
      ['duplicate-label', 1, 'id2', 'id'],
      ['blank-label', 1, 'field3', ''],
    ]);
    expect(r.errorCounts).toEqual({ 'blank-label': 1, 'duplicate-label': 1 });
    expect(r.stats.errors).toBe(2);
  });

  it('with a schema given nothing is inferred; an unreadable file is fatal and says nothing was inferred', async () => {
    const f = contracts({ row: 150, id: '15O' });
    const given = await validateWithInference(f, { schema: { fields: [{ name: 'id' }, { name: 'furnizor' }, { name: 'valoare' }, { name: 'data' }] } });
    expect(given).toMatchObject({ valid: true, inferred: false });
    const empty = await validateWithInference(tmp.write('empty.csv', ''));
    expect(empty).toMatchObject({ fatal: true, inferred: false, schema: null, errors: [{ type: 'source-error' }] });
  });
});
