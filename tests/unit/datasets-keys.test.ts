/**
 * Unique, primary-key and duplicate-row checks with bounded memory: each check keeps `keyBudget` values in memory and
 * spills sorted runs to a temp folder beyond that. With a tiny budget the small files below force many spills, and
 * the report must be the one an unbounded run gives: same errors, rows, first rows referenced, cells, counts.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { validateFile, validateInWorker, type Report, type TableSchema } from '../../electron/core/datasets/validate';
import { DEFAULT_KEY_BUDGET, HashSet64, KEY_VALUES_IN_MEMORY, KeySet, keyBudgetFor, radixSort } from '../../electron/core/datasets/validate/hashset';
import { tempDir } from './datasets-helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
let n = 0;
const csv = (text: string) => tmp.write(`k${++n}.csv`, text);
const spillRoot = () => {
  const d = path.join(tmp.dir, `spill${++n}`);
  fs.mkdirSync(d);
  return d;
};
const same = (r: Report) => ({ ...r, stats: { ...r.stats, seconds: 0 } });

const schema: TableSchema = {
  fields: [
    { name: 'id', type: 'integer' },
    { name: 'email', type: 'string', constraints: { unique: true } },
    { name: 'an', type: 'year' },
    { name: 'cod', type: 'string' },
    { name: 'suma', type: 'integer', constraints: { minimum: 0 } },
  ],
  primaryKey: 'id',
  uniqueKeys: [['an', 'cod']],
};

/** 300 rows; id, email and (an, cod) distinct except the repeats listed below; some rows repeated whole. */
function messyRows(): string[] {
  const rows: string[] = [];
  for (let i = 1; i <= 300; i++) rows.push(`${i},p${i}@x.ro,${2000 + (i % 20)},C${i},${i % 7 === 0 ? -1 : i}`);
  rows[149] = '5,p150@x.ro,2000,C150,150'; // id 5 again (row 151; id 5 is row 6): across runs
  rows[150] = '5,p151@x.ro,2000,C151,151'; // and once more right after (row 152): in the same run as row 151
  rows[199] = '200,p7@x.ro,2000,C200,200'; // e-mail of row 8
  rows[249] = '250,p250@x.ro,2010,C10,250'; // (an, cod) of row 11
  rows[250] = rows[2]; // row 252 repeats row 4 whole (so also its id, e-mail and (an, cod))
  rows[251] = rows[2];
  rows[298] = rows[297]; // row 300 repeats row 299: in memory
  return rows;
}

describe('key checks that spill to disk', () => {
  it('report repeats across spilled runs and within a run exactly as an unbounded run does', async () => {
    const file = csv(`id,email,an,cod,suma\n${messyRows().join('\n')}\n`);
    const tempRoot = spillRoot();
    // duplicate-row is asked for (off by default, as in frictionless)
    const small = await validateFile(file, { schema, keyBudget: 8, tempDir: tempRoot, duplicateRows: true });
    const full = await validateFile(file, { schema, duplicateRows: true });
    expect(same(small)).toEqual(same(full));
    expect(fs.readdirSync(tempRoot)).toEqual([]); // the spill folder is gone
    const keys = small.errors.filter((e) => e.type !== 'constraint-error').map((e) => [e.type, e.rowNumber, e.fieldName, e.cell, e.note]);
    expect(keys).toEqual([
      ['primary-key', 151, 'id', '5', 'the same as in the row at position 6'],
      ['primary-key', 152, 'id', '5', 'the same as in the row at position 6'],
      ['unique-error', 201, 'email', 'p7@x.ro', 'the same as in the row at position 8'],
      ['unique-error', 251, 'an, cod', '2010, C10', 'the same as in the row at position 11'],
      ['unique-error', 252, 'email', 'p3@x.ro', 'the same as in the row at position 4'],
      ['primary-key', 252, 'id', '3', 'the same as in the row at position 4'],
      ['unique-error', 252, 'an, cod', '2003, C3', 'the same as in the row at position 4'],
      ['duplicate-row', 252, null, null, 'the same as row 4'],
      ['unique-error', 253, 'email', 'p3@x.ro', 'the same as in the row at position 4'],
      ['primary-key', 253, 'id', '3', 'the same as in the row at position 4'],
      ['unique-error', 253, 'an, cod', '2003, C3', 'the same as in the row at position 4'],
      ['duplicate-row', 253, null, null, 'the same as row 4'],
      ['unique-error', 300, 'email', 'p298@x.ro', 'the same as in the row at position 299'],
      ['primary-key', 300, 'id', '298', 'the same as in the row at position 299'],
      ['unique-error', 300, 'an, cod', '2018, C298', 'the same as in the row at position 299'],
      ['duplicate-row', 300, null, null, 'the same as row 299'],
    ]);
    expect(small.errors.find((e) => e.rowNumber === 152)!.message).toBe(
      'Row at position "152" violates the primary key (id): the same as in the row at position 6',
    );
    expect(small.errorCounts).toEqual({ 'constraint-error': 41, 'primary-key': 5, 'unique-error': 8, 'duplicate-row': 3 });
    // a row with a constraint error and a key repeat found by the merge keeps the order the checks run in
    const rowsWithBoth = small.errors.filter((e) => e.rowNumber === 253).map((e) => e.type);
    expect(rowsWithBoth).toEqual(['unique-error', 'primary-key', 'unique-error', 'duplicate-row']);
  });

  it('many repeats across runs: the cap keeps the first errors by row, counts stay exact, and the result equals the unbounded run', async () => {
    // ids 1…400, then ids 1…400 again: each repeat's first row is in another run
    const rows = [...Array.from({ length: 400 }, (_, i) => `${i + 1},a${i}`), ...Array.from({ length: 400 }, (_, i) => `${i + 1},b${i}`)];
    const file = csv(`id,x\n${rows.join('\n')}\n`);
    const s = { fields: [{ name: 'id', type: 'integer' as const }, { name: 'x' }], primaryKey: ['id'] };
    const small = await validateFile(file, { schema: s, keyBudget: 16, errorCap: 7, tempDir: spillRoot() });
    const full = await validateFile(file, { schema: s, errorCap: 7 });
    expect(same(small)).toEqual(same(full));
    expect(small.errorCounts).toEqual({ 'primary-key': 400 });
    expect(small.errorsTruncated).toBe(true);
    expect(small.errors.map((e) => [e.rowNumber, e.cell, e.note])).toEqual(
      Array.from({ length: 7 }, (_, i) => [402 + i, String(i + 1), `the same as in the row at position ${i + 2}`]),
    );
  });

  it('duplicate rows only (no schema): the same report with a budget of 1 value', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => `${i % 45},${i % 9}`);
    const file = csv(`a,b\n${rows.join('\n')}\n`);
    const small = await validateFile(file, { keyBudget: 1, tempDir: spillRoot(), duplicateRows: true });
    const full = await validateFile(file, { duplicateRows: true });
    expect(same(small)).toEqual(same(full));
    expect(small.errorCounts['duplicate-row']).toBe(75);
    expect(small.errors[0]).toMatchObject({ rowNumber: 47, note: 'the same as row 2' });
  });

  it('an XLSX sheet: repeats across runs name the sheet rows and their cells, as an unbounded run does', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Date');
    ws.addRow(['id', 'nume']);
    for (let i = 1; i <= 40; i++) ws.addRow([i <= 30 ? i : i - 25, `N${i}`]); // rows 32…41 repeat ids 6…15 (rows 7…16)
    const file = path.join(tmp.dir, 'keys.xlsx');
    await wb.xlsx.writeFile(file);
    const s: TableSchema = {
      fields: [
        { name: 'id', type: 'integer' },
        { name: 'nume', type: 'string' },
      ],
      primaryKey: 'id',
    };
    const small = await validateFile(file, { schema: s, keyBudget: 4, tempDir: spillRoot() });
    const full = await validateFile(file, { schema: s });
    expect(same(small)).toEqual(same(full));
    expect(small.errors.map((e) => [e.rowNumber, e.cell, e.note])).toEqual(
      Array.from({ length: 10 }, (_, k) => [32 + k, String(6 + k), `the same as in the row at position ${7 + k}`]),
    );
  });

  it('cancelling a validation that has spilled removes its temp files (in this thread and in a worker)', async () => {
    // ids in descending order: ascending ones are kept in order, not hashed (their spilled files are *.asc, datasets-speed.test.ts)
    const big = csv(`id,x\n${Array.from({ length: 300_000 }, (_, i) => `${300_000 - i},v${i}`).join('\n')}\n`);
    const s = { fields: [{ name: 'id', type: 'integer' as const }, { name: 'x' }], primaryKey: ['id'] };
    const root = spillRoot();
    const ac = new AbortController();
    let sawRuns = false;
    const run = validateFile(big, {
      schema: s,
      keyBudget: 16,
      tempDir: root,
      signal: ac.signal,
      onProgress: () => {
        const dirs = fs.readdirSync(root);
        sawRuns = dirs.length === 1 && fs.readdirSync(path.join(root, dirs[0])).some((f) => f.endsWith('.run'));
        ac.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(sawRuns).toBe(true);
    expect(fs.readdirSync(root)).toEqual([]);

    const wroot = spillRoot();
    const wac = new AbortController();
    const inWorker = validateInWorker(big, { schema: s, keyBudget: 16, tempDir: wroot, signal: wac.signal });
    const runFiles = () => fs.readdirSync(wroot, { recursive: true }).filter((f) => String(f).endsWith('.run')).length;
    for (let t = 0; t < 2000 && runFiles() === 0; t++) await new Promise((r) => setTimeout(r, 5));
    expect(runFiles()).toBeGreaterThan(0);
    wac.abort();
    await expect(inWorker).rejects.toMatchObject({ name: 'AbortError' });
    expect(fs.readdirSync(wroot)).toEqual([]);
  });
});

describe('KeySet and the radix sort', () => {
  it('radixSort orders 64-bit (a, b) keys as unsigned numbers, carrying the rows along', () => {
    let seed = 7;
    const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0), seed);
    const N = 5000;
    const a = new Uint32Array(N);
    const b = new Uint32Array(N);
    const r = new Uint32Array(N);
    for (let i = 0; i < N; i++) {
      a[i] = i % 50 === 0 ? 0xffffffff : rnd() % 97; // many equal a: b decides
      b[i] = rnd();
      r[i] = i;
    }
    const expected = Array.from({ length: N }, (_, i) => [a[i], b[i], r[i]]).sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]);
    radixSort(a, b, r, N, new Uint32Array(N), new Uint32Array(N), new Uint32Array(N));
    expect(Array.from({ length: N }, (_, i) => [a[i], b[i], r[i]])).toEqual(expected);
  });

  it('spills a sorted run whenever the budget is reached and finds values met in different runs', () => {
    const dir = spillRoot();
    const set = new KeySet(4, () => dir, 't');
    const online: Array<[number, number]> = [];
    const values = [1, 2, 3, 4, 5, 1, 6, 6, 2, 7, 8, 9, 1]; // rows 10, 11, …
    values.forEach((v, i) => {
      const first = set.add(v, v * 3 + 1, 10 + i);
      if (first) online.push([10 + i, first]);
    });
    expect(set.runs).toBe(3); // 1 2 3 4 | 5 1 6 2 | 7 8 9 1
    expect(fs.readdirSync(dir)).toEqual(['t.run']);
    expect(online).toEqual([[17, 16]]); // 6 twice in one run
    const later: Array<[number, number]> = [];
    set.resolve((row, first) => later.push([row, first]));
    expect(later.sort((x, y) => x[0] - y[0])).toEqual([
      [15, 10], // 1 in run 2 (rows 14…17), first in run 1
      [18, 11], // 2
      [22, 10], // 1 again, in run 3
    ]);
    set.close();
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(new HashSet64().bytes).toBe(2048 * 12);
  });

  it('a table already holding values, sized for more, is rehashed once and still knows every value and its first row', () => {
    const t = new HashSet64();
    for (let v = 1; v <= 500; v++) expect(t.addHash(v, v * 7 + 1, v)).toBe(0);
    t.reserve(100_000);
    expect(t.bytes).toBe(262_144 * 12);
    expect(t.size).toBe(500);
    for (let v = 1; v <= 500; v++) expect(t.addHash(v, v * 7 + 1, 9999)).toBe(v);
    expect(t.addHash(501, 501 * 7 + 1, 501)).toBe(0);
  });

  it('the key checks of one validation share one memory budget, each keeping at least the least budget', () => {
    expect(keyBudgetFor(1)).toBe(KEY_VALUES_IN_MEMORY);
    expect(keyBudgetFor(0)).toBe(KEY_VALUES_IN_MEMORY);
    expect(keyBudgetFor(4)).toBe(KEY_VALUES_IN_MEMORY / 4);
    expect(keyBudgetFor(100)).toBe(DEFAULT_KEY_BUDGET);
  });
});
