import { afterAll, describe, expect, it, vi } from 'vitest';
import { datasetsCommands } from '../../electron/cli/datasets';
import { CsvParser, inferSchema, planRows, validateFile, validateWithInference, type CsvOptions } from '../../electron/core/datasets/validate';
import { tempDir } from './datasets-helpers';

/**
 * Table Dialect as frictionless-py 5 applies it: the header row found by width below a title or comment line, header
 * rows joined, comment rows skipped, a file without a header, and the CSV properties (quoteChar, doubleQuote,
 * escapeChar, skipInitialSpace) — from a Data Package resource and from `--dialect FILE`. Inference samples the
 * first 100 records, names fields as frictionless does and types an empty column `any`.
 */

const tmp = tempDir();
afterAll(() => tmp.cleanup());
let n = 0;
const csv = (text: string) => tmp.write(`d${n++}.csv`, text);

function parse(text: string, o: Partial<CsvOptions>, chunk = text.length) {
  const rows: string[][] = [];
  const p = new CsvParser({ delimiter: ',', maxCellChars: 1e6, ...o, onRow: (r) => rows.push(r) });
  for (let i = 0; i < text.length; i += chunk) p.push(text.slice(i, i + chunk));
  p.end();
  return rows;
}

async function cli(values: Record<string, unknown>) {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  try {
    const code = await datasetsCommands['datasets validate'].run(values as Record<string, string | boolean | undefined>);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } catch (e) {
    return { code: 2, out: out.join('\n'), err: (e as Error).message };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe('CSV dialect properties in the parser', () => {
  it('quoteChar, escapeChar, doubleQuote and skipInitialSpace, also when a chunk ends between the escape and its character', () => {
    for (const chunk of [1, 2, 100]) {
      expect(parse("a,'b,c',d\n", { quoteChar: "'" }, chunk)).toEqual([['a', 'b,c', 'd']]);
      expect(parse('1,"Test \\" line"\n2,a\\,b\n', { escapeChar: '\\' }, chunk)).toEqual([
        ['1', 'Test " line'],
        ['2', 'a,b'],
      ]);
      // doubleQuote false: the second quote ends nothing, it is text after the closed quote (Python's csv reader, not strict)
      expect(parse('"a""b",c\n', { escapeChar: '\\', doubleQuote: false }, chunk)).toEqual([['a"b"', 'c']]);
      expect(parse('ID, "Test, 1",  x\n', { skipInitialSpace: true }, chunk)).toEqual([['ID', 'Test, 1', 'x']]);
      expect(parse('ID, "Test, 1"\n', {}, chunk)).toEqual([['ID', ' "Test', ' 1"']]);
    }
  });
});

describe('header rows and comments', () => {
  it('a title line above the header is skipped: the header is found by width, as frictionless finds it', async () => {
    const r = await validateFile(csv('Contracte 2024 — Primăria Timișoara\nnr,furnizor,valoare\n1,A,10\n2,B,20\n3,C,30\n'));
    expect(r.header).toEqual(['nr', 'furnizor', 'valoare']);
    expect(r.stats.rows).toBe(3);
    expect(r.valid).toBe(true);
    expect(r.headerRows).toEqual([2]);
    const human = await cli({ file: csv('Contracte 2024\nnr,furnizor,suma\n1,A,1\n2,B,2\n3,C,3\n') });
    expect(human.out).toMatch(/^Antet: rândul 2 \(ce este deasupra lui nu se validează\)$/m);
    expect(planRows(undefined, [['# note'], ['a', 'b', 'c'], ['1', '2', '3'], ['4', '5', '6'], ['7', '8', '9']]).headerRows).toEqual([2]);
    // widths 1, 3, 3: the average rounds to 2, and a one-cell line is within 1 of it — frictionless takes row 1 too
    expect(planRows(undefined, [['# note'], ['a', 'b', 'c'], ['1', '2', '3']]).headerRows).toEqual([1]);
  });

  it('a data package dialect with "header": false: every record is data, the fields are the schema\'s', async () => {
    const data = tmp.write('nohead.csv', '1,Ana\n2,Ion\nx,Dan\n');
    const pkg = tmp.write(
      'datapackage.json',
      JSON.stringify({
        resources: [
          {
            name: 'p',
            path: 'nohead.csv',
            dialect: { header: false },
            schema: {
              fields: [
                { name: 'id', type: 'integer' },
                { name: 'nume', type: 'string' },
              ],
            },
          },
        ],
      }),
    );
    const r = await cli({ file: data, schema: pkg, json: true });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report.stats.rows).toBe(3);
    expect(report.errors.map((e: { type: string; rowNumber: number }) => [e.type, e.rowNumber])).toEqual([['type-error', 3]]);
  });

  it('--dialect FILE: header rows joined, comment rows skipped, and it overrides the package property by property', async () => {
    const data = csv('titlu\nan,suma\n,lei\n# comentariu\n2024,10\n');
    const dialect = tmp.write('dialect.json', JSON.stringify({ headerRows: [2, 3], headerJoin: ' ', commentChar: '#' }));
    const r = await cli({ file: data, dialect, json: true });
    const report = JSON.parse(r.out);
    // frictionless strips each header cell before joining: "an" + " " + "" is the label "an ", and the field "an"
    expect(report.header).toEqual(['an ', 'suma lei']);
    expect(report.schema.fields.map((f: { name: string }) => f.name)).toEqual(['an', 'suma lei']);
    expect(report.stats.rows).toBe(1);
    expect(r.code).toBe(0);
  });

  it('a wrong dialect is a usage problem (exit 2) naming the property; so is an unknown --check', async () => {
    const data = csv('a\n1\n');
    const bad = await cli({ file: data, dialect: tmp.write('bad.json', JSON.stringify({ headerRows: 'two' })) });
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--dialect: dialect "headerRows" must be a list of row numbers/);
    const check = await cli({ file: data, check: ['duplicate-rows'] });
    expect(check.code).toBe(2);
    expect(check.err).toMatch(/--check duplicate-rows is not a check; the optional checks are: duplicate-row/);
  });

  it('--check duplicate-row reports repeated rows; without it they pass, as in frictionless', async () => {
    const data = csv('a,b\n1,2\n1,2\n');
    expect((await cli({ file: data })).code).toBe(0);
    const r = await cli({ file: data, check: ['duplicate-row'], json: true });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).errors.map((e: { type: string }) => e.type)).toEqual(['duplicate-row']);
  });
});

describe('inference as frictionless does it', () => {
  it('an empty column is "any", labels are stripped and named field2 / nume2, the sample is the first 100 records', async () => {
    const rows = Array.from({ length: 150 }, (_, i) => `${i},,x${i},y`);
    const f = csv(`id ,  , nume,nume\n${rows.join('\n')}\n`);
    const r = await inferSchema(f);
    expect(r.schema.fields.map((x) => [x.name, x.type])).toEqual([
      ['id', 'integer'],
      ['field2', 'any'],
      ['nume', 'string'],
      ['nume2', 'string'],
    ]);
    expect(r.rowsSampled).toBe(99);
  });

  it('validation without a schema reads the same header and names as inference (no incorrect-label)', async () => {
    const r = await validateWithInference(csv('# export\nid,,id\n1,,2\n3,,4\n5,,6\n7,,8\n'));
    expect(r.header).toEqual(['id', '', 'id']);
    expect(r.errors.map((e) => [e.type, e.rowNumber, e.fieldName])).toEqual([
      ['blank-label', 2, 'field2'],
      ['duplicate-label', 2, 'id2'],
    ]);
  });
});
