import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileCast, INVALID, validateFile } from '../../electron/core/datasets/validate';
import { plainDecimal } from '../../electron/core/datasets/validate/cast';
import { hash64, HashSet64 } from '../../electron/core/datasets/validate/hashset';
import { tempDir } from './datasets-helpers';

/**
 * Issue 16, goal 2: the validator's hot paths were made faster without changing a single reading. Each fast path is
 * checked here against the reading it replaces: a plain decimal read by hand against Number() (the old reader), the
 * interleaved key table against a Map, and `datasets validate` loading no zod schema at start.
 */
const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** The number reader before the fast path: the regular expression, then Number(). */
const NUM = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const oldNumber = (s: string) => {
  if (NUM.test(s)) return Number(s);
  if (s === 'NaN' || s === 'nan') return NaN;
  if (s === 'INF' || s === 'Infinity' || s === 'inf') return Infinity;
  if (s === '-INF' || s === '-Infinity' || s === '-inf') return -Infinity;
  return INVALID;
};

/** A deterministic stream of pseudo-random numbers (no Math.random: a failure must be reproducible). */
function lcg(seed: number) {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

describe('numbers read by hand are the numbers Number() reads', () => {
  it('200,000 plain decimals of 1 to 17 digits, signs and points anywhere: the same double, or left to the old reader', () => {
    const rnd = lcg(16);
    let byHand = 0;
    const differ: string[] = [];
    for (let k = 0; k < 200_000; k++) {
      const digits = 1 + Math.floor(rnd() * 17);
      let s = '';
      for (let j = 0; j < digits; j++) s += String(Math.floor(rnd() * 10));
      const point = Math.floor(rnd() * (digits + 2)) - 1; // −1: no point
      if (point >= 0) s = `${s.slice(0, point)}.${s.slice(point)}`;
      const sign = rnd();
      if (sign < 0.2) s = `-${s}`;
      else if (sign < 0.3) s = `+${s}`;
      const v = plainDecimal(s);
      if (v !== undefined) byHand++;
      if (!Object.is(v ?? oldNumber(s), oldNumber(s))) differ.push(s);
    }
    expect(differ).toEqual([]);
    expect(byHand).toBeGreaterThan(100_000); // most of them took the fast path
  });

  it('the edge cases: -0, "7.", ".5", 15 and 16 digits; anything else is left to the old reader', () => {
    expect(Object.is(plainDecimal('-0'), -0)).toBe(true);
    expect(Object.is(plainDecimal('-0.000'), -0)).toBe(true);
    expect(plainDecimal('7.')).toBe(7);
    expect(plainDecimal('.5')).toBe(0.5);
    expect(plainDecimal('+.25')).toBe(0.25);
    expect(plainDecimal('0.1')).toBe(0.1);
    expect(plainDecimal('999999999999999')).toBe(999999999999999);
    expect(plainDecimal('99999999.9999999')).toBe(99999999.9999999);
    for (const s of ['', '.', '-', '+', '1.2.3', '1e5', '1,5', ' 1', '1 ', '0x10', 'NaN', 'Infinity', '1234567890123456', '--1', '1-'])
      expect(plainDecimal(s), s).toBeUndefined();
  });

  it('a number field reads every shape as before: exponents, NaN, INF, a decimal comma, group characters', () => {
    const plain = compileCast({ name: 'v', type: 'number' });
    for (const s of ['1e5', '-2.5E-3', 'NaN', 'nan', 'INF', '-Infinity', '12.50', '-0', '.', '1,5', 'abc', '1234567890.1234567'])
      expect(Object.is(plain(s), oldNumber(s)), s).toBe(true);
    expect(plain('NaN')).toBeNaN();
    expect(plain('-INF')).toBe(-Infinity);
    const comma = compileCast({ name: 'v', type: 'number', decimalChar: ',' });
    expect(comma('12,5')).toBe(12.5);
    expect(comma('12.5')).toBe(INVALID);
    const grouped = compileCast({ name: 'v', type: 'number', groupChar: ' ' });
    expect(grouped('1 234.5')).toBe(1234.5);
    const loose = compileCast({ name: 'v', type: 'number', bareNumber: false });
    expect(loose('12.5 lei')).toBe(12.5);
  });

  it('a CSV of numbers gives the same minimum errors and the same valid cells as the old reader', async () => {
    const cells = ['1.5', '-0.25', '7.', '.5', '1e2', '-3', '12345678901234.5', 'x1'];
    const file = tmp.write('n.csv', `v\n${cells.join('\n')}\n`);
    const r = await validateFile(file, { schema: { fields: [{ name: 'v', type: 'number', constraints: { minimum: 0 } }] } });
    const expected = cells.flatMap((c, i) => {
      const v = oldNumber(c);
      if (v === INVALID) return [[i + 2, 'type-error', c]];
      return (v as number) < 0 ? [[i + 2, 'constraint-error', c]] : [];
    });
    expect(r.errors.map((e) => [e.rowNumber, e.type, e.cell])).toEqual(expected);
  });

  it('dates: the 29th of February only in leap years, the 31st only in long months', async () => {
    const cells = ['2024-02-29', '2023-02-29', '1900-02-29', '2000-02-29', '2023-04-31', '2023-06-30', '2023-09-31', '2023-11-31', '2023-12-31'];
    const file = tmp.write('d.csv', `d\n${cells.join('\n')}\n`);
    const r = await validateFile(file, { schema: { fields: [{ name: 'd', type: 'date' }] } });
    expect(r.errors.map((e) => e.cell)).toEqual(['2023-02-29', '1900-02-29', '2023-04-31', '2023-09-31', '2023-11-31']);
  });
});

describe('the key table (one array, three words a slot)', () => {
  it('adds, finds and reports the first row of 300,000 values as a Map does, across several growths', () => {
    const set = new HashSet64(16);
    const ref = new Map<string, number>();
    const rnd = lcg(7);
    const differ: number[] = [];
    for (let row = 1; row <= 300_000; row++) {
      const s = String(Math.floor(rnd() * 200_000));
      if (set.add(s, row) !== (ref.get(s) ?? 0)) differ.push(row);
      if (!ref.has(s)) ref.set(s, row);
    }
    expect(differ).toEqual([]);
    expect(set.size).toBe(ref.size);
    for (const s of ['0', '199999', 'not a number']) expect(set.has(s)).toBe(ref.has(s));
  });

  it('drains its entries sorted by hash, each with the row it was first seen in, and is empty after', () => {
    const set = new HashSet64(1000);
    const rows = new Map<string, number>();
    for (let i = 0; i < 5000; i++) {
      const s = `v${(i * 7919) % 3000}`;
      if (set.add(s, i + 1) === 0) rows.set(s, i + 1);
    }
    const expected = [...rows].map(([s, row]) => [...hash64(s), row]).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    let got: number[][] = [];
    set.drainSorted((a, b, r, n) => {
      got = Array.from({ length: n }, (_, k) => [a[k], b[k], r[k]]);
    });
    expect(got).toEqual(expected);
    expect(set.size).toBe(0);
    expect(set.has('v1')).toBe(false);
  });
});

describe('`pla-desk datasets validate` starts without the contract schemas', () => {
  /** The modules a module loads at start (value imports and re-exports, followed through relative paths). */
  function loads(entry: string): Set<string> {
    const seen = new Set<string>();
    const todo = [path.resolve(entry)];
    while (todo.length) {
      const file = todo.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      const src = fs.readFileSync(file, 'utf8');
      for (const m of src.matchAll(/^(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)) {
        const spec = m[1];
        if (!spec.startsWith('.')) {
          seen.add(spec);
          continue;
        }
        const base = path.resolve(path.dirname(file), spec);
        const target = [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')].find((p) => fs.existsSync(p));
        if (target) todo.push(target);
      }
    }
    return seen;
  }

  it('the modules of the validate command (and the CLI messages) load no zod', () => {
    for (const entry of ['electron/cli/datasets.ts', 'electron/cli/dispatch.ts', 'electron/cli/messages.ts']) {
      const mods = loads(entry);
      expect(mods.has('zod'), entry).toBe(false);
      expect(
        [...mods].some((m) => m.endsWith(`${path.sep}contract${path.sep}index.ts`)),
        entry,
      ).toBe(false);
    }
  });

  it('the walk does find zod where it is loaded (the contract index)', () => {
    expect(loads('electron/contract/index.ts').has('zod')).toBe(true);
  });
});

describe('ids read in ascending order are not hashed until one is out of order, and the key errors stay the same', () => {
  /** The primary-key errors a plain Map finds: [row, first row]. */
  function expectedRepeats(ids: string[]): number[][] {
    const first = new Map<number, number>();
    const out: number[][] = [];
    ids.forEach((id, i) => {
      const row = i + 2;
      const at = first.get(Number(id));
      if (at !== undefined) out.push([row, at]);
      else first.set(Number(id), row);
    });
    return out;
  }

  const sequences: Record<string, string[]> = {
    'ascending, then a repeat of the first id': ['1', '2', '5', '9', '1', '10'],
    'ascending, then the same id twice in a row': ['3', '4', '4', '5'],
    'ascending with gaps, then a descending tail of repeats': ['10', '20', '30', '40', '30', '20', '15', '10'],
    'a repeat written differently (07 is 7)': ['5', '6', '7', '07', '8'],
    'a missing id in the middle, then a repeat': ['1', '2', '', '2', '3'],
    '-0 then 0 (the same number)': ['-5', '-0', '0'],
    'ascending, 2,000 ids, then repeats of ids from the start, the middle and the end': [
      ...Array.from({ length: 2000 }, (_, i) => String(i * 3)),
      '0',
      '2997',
      '5997',
      '6000',
    ],
  };

  for (const [name, ids] of Object.entries(sequences))
    for (const keyBudget of [undefined, 64])
      it(`${name}${keyBudget ? ' (64 values in memory: the ascending run spills)' : ''}`, async () => {
        const file = tmp.write(`k${Object.keys(sequences).indexOf(name)}-${keyBudget ?? 0}.csv`, `id,u\n${ids.map((id) => `${id},${id}`).join('\n')}\n`);
        const r = await validateFile(file, {
          keyBudget,
          schema: {
            fields: [
              { name: 'id', type: 'integer' },
              { name: 'u', type: 'integer', constraints: { unique: true } },
            ],
            primaryKey: ['id'],
          },
        });
        const repeats = expectedRepeats(ids).filter(([row]) => ids[row - 2] !== '');
        const firstOf = (e: (typeof r.errors)[number]) => Number(/position (\d+)$/.exec(e.note)![1]);
        expect(r.errors.filter((e) => e.type === 'primary-key' && e.note.startsWith('the same')).map((e) => [e.rowNumber, firstOf(e)])).toEqual(repeats);
        expect(r.errors.filter((e) => e.type === 'unique-error').map((e) => [e.rowNumber, firstOf(e), e.cell])).toEqual(
          repeats.map(([row, first]) => [row, first, ids[row - 2]]),
        );
      });
});

describe('the ascending run on disk', () => {
  it('spills its values to a file of its own (memory stays bounded), and cancelling removes that file', async () => {
    const file = tmp.write('asc.csv', `id\n${Array.from({ length: 200_000 }, (_, i) => String(i + 1)).join('\n')}\n`);
    const root = fs.mkdtempSync(path.join(tmp.dir, 'spill-'));
    const ac = new AbortController();
    let sawAsc = false;
    const run = validateFile(file, {
      schema: { fields: [{ name: 'id', type: 'integer' }], primaryKey: ['id'] },
      keyBudget: 16,
      tempDir: root,
      signal: ac.signal,
      onProgress: () => {
        const dirs = fs.readdirSync(root);
        sawAsc = dirs.length === 1 && fs.readdirSync(path.join(root, dirs[0])).some((f) => f.endsWith('.asc'));
        ac.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(sawAsc).toBe(true);
    expect(fs.readdirSync(root)).toEqual([]);
  });

  it('a spilled run broken by a repeat gives the repeat of an id from its first block, and its temp folder is removed', async () => {
    const ids = [...Array.from({ length: 1000 }, (_, i) => String(i + 1)), '3', '1000'];
    const file = tmp.write('asc2.csv', `id\n${ids.join('\n')}\n`);
    const root = fs.mkdtempSync(path.join(tmp.dir, 'spill-'));
    const r = await validateFile(file, { schema: { fields: [{ name: 'id', type: 'integer' }], primaryKey: ['id'] }, keyBudget: 16, tempDir: root });
    expect(r.errors.map((e) => [e.type, e.rowNumber, e.cell, e.note])).toEqual([
      ['primary-key', 1002, '3', 'the same as in the row at position 4'],
      ['primary-key', 1003, '1000', 'the same as in the row at position 1001'],
    ]);
    expect(fs.readdirSync(root)).toEqual([]);
  });
});
