/**
 * The key pass of the validator: unique fields, the primary key, unique keys over several fields and duplicate rows.
 * Each check keeps 64-bit hashes only, at most `keyBudget` of them in memory (KeySet: beyond that, sorted runs in a
 * private temp folder, merged at the end). A repeat met in memory is reported at once; a repeat across runs is found
 * by the merge (`resolveRuns`) and reported the same way (same code, message, later row as the error row, first row
 * referenced); its cell is read back by `fetchCells`, a second pass over the file that stops after the last listed
 * row and runs only when such errors are listed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { INVALID, keyOf, type CompiledSchema } from './cast';
import { ErrorCollector, P_AFTER, P_DUP, P_FIELD, P_PK, P_UK, cut, slotOf } from './errors';
import { DEFAULT_KEY_BUDGET, H, hashCells, hashString, KeySet, keyBudgetFor, readAll, writeAll } from './hashset';
import { scan, type SourceInfo } from './source';
import type { MessageParams } from '../../../contract/datasets-messages';
import type { ValidateOptions, ValidationError } from './types';

/**
 * The values of a unique field or a one-field primary key while they are numbers in ascending order (an id column,
 * most often): a value greater than every earlier one cannot repeat any of them, so it is kept in order (12 bytes)
 * and not hashed; each `budget` of them is written to a file of its own, so memory stays bounded. The first value
 * that is not greater hands them all to the check's hash set (read back from the file), as if each had been added
 * in its row (none repeats another), and the check goes on as before.
 */
class AscendingRun {
  private vals = new Float64Array(1024);
  private rows = new Uint32Array(1024);
  private n = 0;
  private last = -Infinity;
  private fd = -1;
  /** Blocks of `budget` values written to the file. */
  private blocks = 0;
  on = true;

  constructor(
    private readonly budget: number,
    private readonly spillDir: () => string,
    private readonly name: string,
  ) {}

  /** Takes a value greater than the last one (true); false: the run is over (call end). */
  take(v: unknown, row: number): boolean {
    if (typeof v !== 'number' || !(v > this.last)) return false;
    if (this.n === this.budget) this.spill();
    if (this.n === this.vals.length) {
      const size = Math.min(this.n * 2, this.budget);
      const vals = new Float64Array(size);
      vals.set(this.vals);
      const rows = new Uint32Array(size);
      rows.set(this.rows);
      this.vals = vals;
      this.rows = rows;
    }
    this.vals[this.n] = v;
    this.rows[this.n++] = row;
    this.last = v;
    return true;
  }

  private spill() {
    if (this.fd < 0) this.fd = fs.openSync(path.join(this.spillDir(), `${this.name}.asc`), 'w+');
    const at = this.blocks * this.budget * 12;
    writeAll(this.fd, new Uint8Array(this.vals.buffer, 0, this.n * 8), at);
    writeAll(this.fd, new Uint8Array(this.rows.buffer, 0, this.n * 4), at + this.n * 8);
    this.blocks++;
    this.n = 0;
  }

  /** The run is over: its values go to the set, in their rows' order. */
  end(set: KeySet): void {
    this.on = false;
    const add = (vals: Float64Array, rows: Uint32Array, n: number) => {
      for (let k = 0; k < n; k++) {
        hashString(keyOf(vals[k]));
        set.add(H.a, H.b, rows[k]);
      }
    };
    if (this.blocks) {
      const vals = new Float64Array(this.budget);
      const rows = new Uint32Array(this.budget);
      for (let b = 0; b < this.blocks; b++) {
        const at = b * this.budget * 12;
        readAll(this.fd, new Uint8Array(vals.buffer), at);
        readAll(this.fd, new Uint8Array(rows.buffer), at + this.budget * 8);
        add(vals, rows, this.budget);
      }
    }
    add(this.vals, this.rows, this.n);
    this.close();
    this.vals = new Float64Array(0);
    this.rows = new Uint32Array(0);
  }

  close(): void {
    if (this.fd >= 0) fs.closeSync(this.fd);
    this.fd = -1;
  }
}

/** A unique / primary-key / duplicate-row check: its value set, and what an error of it says. */
interface KeyCheck {
  set: KeySet;
  /** Unique fields and a one-field primary key: the values read in ascending order so far. */
  run: AscendingRun | null;
  type: 'unique-error' | 'primary-key' | 'duplicate-row';
  slot: number;
  fieldNumber: number | null;
  fieldName: string | null;
  /** Columns whose raw cells, joined with ", ", are the error's cell (null: no cell). */
  cols: number[] | null;
  text(row: number, first: number): { note: string; message: string; params: MessageParams };
}

/** Joins the parts of a composite key (a character no key contains). */
export const SEP = '\u001f';
/** A missing or invalid part of a key (frictionless' None). */
export const NONE = '\u0000';

/** The value was taken by the check's ascending run (it repeats no earlier one); else the run, if any, is over. */
function ascending(check: KeyCheck, v: unknown, row: number): boolean {
  const run = check.run;
  if (run === null || !run.on) return false;
  if (run.take(v, row)) return true;
  run.end(check.set);
  return false;
}

const isNone = (v: unknown) => v === null || v === INVALID || v === undefined;

/** The key of several logical values (null when one is missing or invalid). */
function compositeKey(values: unknown[], idx: number[]): string | null {
  if (idx.length === 1) {
    const v = values[idx[0]];
    return isNone(v) ? null : keyOf(v);
  }
  let k = '';
  for (let j = 0; j < idx.length; j++) {
    const v = values[idx[j]];
    if (isNone(v)) return null;
    k += (j ? SEP : '') + keyOf(v);
  }
  return k;
}

/** The key of several logical values with a missing or invalid one as None (null when all are None). */
export function keyWithNulls(values: unknown[], idx: number[]): string | null {
  let k = '';
  let some = false;
  for (let j = 0; j < idx.length; j++) {
    const v = values[idx[j]];
    const none = isNone(v);
    if (!none) some = true;
    k += (j ? SEP : '') + (none ? NONE : keyOf(v));
  }
  return some ? k : null;
}

/** The raw cells at `cols`, joined with ", " (as a key error shows them). */
export function joinCells(cells: string[], cols: number[]): string {
  let s = cells[cols[0]] ?? '';
  for (let j = 1; j < cols.length; j++) s += `, ${cells[cols[j]] ?? ''}`;
  return s;
}

const sameAs = (first: number) => `the same as in the row at position ${first}`;

export interface KeyOptions extends Pick<ValidateOptions, 'duplicateRows'> {
  keyBudget?: number;
  tempDir?: string;
}

export class KeyChecks {
  private readonly checks: KeyCheck[] = [];
  private readonly uniqueChecks: KeyCheck[] = [];
  private pkCheck: KeyCheck | null = null;
  private readonly ukChecks: KeyCheck[] = [];
  private dupCheck: KeyCheck | null = null;
  /** Every primary-key field has a column (else frictionless skips the key: the header already has a missing-label). */
  private pkPresent = false;
  private pkNames = '';
  /** The key check and first row behind a listed key error (to correct its first row after the merge). */
  private readonly keyRefs = new WeakMap<ValidationError, { check: KeyCheck; first: number }>();
  /** Listed errors found by the merge, and the columns of their cell (read back by fetchCells). */
  private readonly pendingCells = new WeakMap<ValidationError, number[]>();
  /** The spill folder, made at the first spill and removed by close(). */
  private spillDir: string | null = null;
  private sets = 0;

  constructor(
    private readonly errs: ErrorCollector,
    private readonly opts: KeyOptions,
  ) {}

  /** The header is known: one check per unique field with a column, the primary key, each unique key, duplicate rows. */
  setup(schema: CompiledSchema, colOf: number[]): void {
    const fields = schema.fields;
    let budget = this.opts.keyBudget ?? DEFAULT_KEY_BUDGET;
    if (this.opts.keyBudget === undefined) {
      const uniques = fields.filter((f, i) => f.unique && colOf[i] >= 0).length;
      budget = keyBudgetFor(uniques + (schema.primaryKey.length ? 1 : 0) + schema.uniqueKeys.length + (this.opts.duplicateRows === true ? 1 : 0));
    }
    const spillFolder = () => (this.spillDir ??= fs.mkdtempSync(path.join(this.opts.tempDir ?? os.tmpdir(), 'pla-validate-')));
    const newCheck = (c: Omit<KeyCheck, 'set' | 'run'>, ascending = false): KeyCheck => {
      const check = {
        ...c,
        set: new KeySet(budget, spillFolder, `keys-${this.sets++}`),
        run: ascending ? new AscendingRun(budget, spillFolder, `keys-${this.sets - 1}`) : null,
      };
      this.checks.push(check);
      return check;
    };
    fields.forEach((f, i) => {
      if (!f.unique || colOf[i] < 0) return;
      const pos = colOf[i] + 1;
      this.uniqueChecks[i] = newCheck(
        {
          type: 'unique-error',
          slot: slotOf(P_FIELD, 2 * i + 1),
          fieldNumber: pos,
          fieldName: f.name,
          cols: [colOf[i]],
          text: (row, first) => ({
            note: sameAs(first),
            message: `Row at position "${row}" has unique constraint violation in field "${f.name}" at position "${pos}": ${sameAs(first)}`,
            params: { first },
          }),
        },
        true,
      );
    });
    if (schema.primaryKey.length) {
      const names = schema.primaryKey.map((i) => fields[i].name).join(', ');
      this.pkNames = names;
      this.pkCheck = newCheck(
        {
          type: 'primary-key',
          slot: slotOf(P_PK),
          // a row error, as frictionless reports it (no field position)
          fieldNumber: null,
          fieldName: names,
          cols: schema.primaryKey.map((i) => colOf[i]),
          text: (row, first) => ({
            note: sameAs(first),
            message: `Row at position "${row}" violates the primary key (${names}): ${sameAs(first)}`,
            params: { first },
          }),
        },
        schema.primaryKey.length === 1,
      );
    }
    this.pkPresent = schema.primaryKey.every((i) => colOf[i] >= 0);
    schema.uniqueKeys.forEach((uk, n) => {
      const names = uk.map((i) => fields[i].name).join(', ');
      this.ukChecks[n] = newCheck({
        type: 'unique-error',
        slot: slotOf(P_UK, n),
        fieldNumber: colOf[uk[0]] + 1,
        fieldName: names,
        cols: uk.map((i) => colOf[i]),
        text: (row, first) => ({
          note: sameAs(first),
          message: `Row at position "${row}" has unique constraint violation in fields "${names}": ${sameAs(first)}`,
          params: { first },
        }),
      });
    });
    if (this.opts.duplicateRows === true)
      this.dupCheck = newCheck({
        type: 'duplicate-row',
        slot: slotOf(P_DUP),
        fieldNumber: null,
        fieldName: null,
        cols: null,
        text: (row, first) => ({
          note: `the same as row ${first}`,
          message: `Row at position "${row}" is completely duplicated to row(s) at position: ${first}`,
          params: { first },
        }),
      });
  }

  /** Sizes the key tables for the rows expected (once, from the first chunk's bytes per row), up to the budget. */
  reserve(expected: number): void {
    for (const c of this.checks) c.set.reserve(expected);
  }

  /** Adds the hash in H to the check; reports a repeat met in memory. */
  private seen(check: KeyCheck, rowNumber: number, cells: string[]) {
    const first = check.set.add(H.a, H.b, rowNumber);
    if (!first) return;
    const errs = this.errs;
    errs.slot = check.slot;
    if (!errs.listable(rowNumber)) return errs.countOnly(check.type);
    const t = check.text(rowNumber, first);
    const e = errs.add(
      check.type,
      rowNumber,
      check.fieldNumber,
      check.fieldName,
      check.cols ? joinCells(cells, check.cols) : null,
      t.note,
      t.message,
      t.params,
    );
    if (e) this.keyRefs.set(e, { check, first });
  }

  /** A unique field's valid value (field i of the schema). */
  unique(i: number, v: unknown, rowNumber: number, cells: string[]): void {
    const check = this.uniqueChecks[i];
    if (ascending(check, v, rowNumber)) return;
    hashString(keyOf(v));
    this.seen(check, rowNumber, cells);
  }

  /** The primary key of a row whose cells are all empty or missing values. */
  blankRow(rowNumber: number): void {
    // frictionless still checks the primary key of a blank row: its cells are all empty
    if (this.pkCheck && this.pkPresent) this.pkEmpty(rowNumber);
  }

  private pkEmpty(rowNumber: number) {
    this.errs.slot = slotOf(P_PK);
    const names = this.pkNames;
    this.errs.add(
      'primary-key',
      rowNumber,
      null,
      names,
      null,
      'cells composing the primary keys are all "None"',
      `Row at position "${rowNumber}" violates the primary key (${names}): its cells are empty or invalid`,
      { empty: true },
      'primary-key-empty',
    );
  }

  /** The primary key and the unique keys of a row's logical values. */
  keys(schema: CompiledSchema, values: unknown[], rowNumber: number, cells: string[]): void {
    // the primary key as frictionless checks it: an empty or invalid part is None, a key of None only is an error,
    // and a key with some None parts is compared as it is (two rows "1, (empty)" repeat each other)
    if (this.pkCheck && this.pkPresent && !ascending(this.pkCheck, values[schema.primaryKey[0]], rowNumber)) {
      const k = keyWithNulls(values, schema.primaryKey);
      if (k === null) this.pkEmpty(rowNumber);
      else {
        hashString(k);
        this.seen(this.pkCheck, rowNumber, cells);
      }
    }
    // unique keys over several fields: only when every part was read (Table Schema v2; frictionless 5 does not check them)
    for (let n = 0; n < schema.uniqueKeys.length; n++) {
      const k = compositeKey(values, schema.uniqueKeys[n]);
      if (k === null) continue;
      hashString(k);
      this.seen(this.ukChecks[n], rowNumber, cells);
    }
  }

  /** A row whose every field was read: its raw cells against the earlier rows (duplicateRows). */
  duplicate(rowNumber: number, cells: string[]): void {
    if (!this.dupCheck) return;
    hashCells(cells);
    this.seen(this.dupCheck, rowNumber, cells);
  }

  /** Merges each check's runs: counts every repeat found there, lists those that sort among the first `cap`, and corrects the first row named by listed errors found in memory. Returns whether listed errors lack their cell. */
  resolveRuns(): boolean {
    const errs = this.errs;
    let needCells = false;
    for (const check of this.checks) {
      if (check.set.runs === 0) continue;
      // listed errors of this check found in memory, by the first row they name (in that run)
      const byFirst = new Map<number, ValidationError[]>();
      for (const e of errs.errors) {
        const ref = this.keyRefs.get(e);
        if (ref?.check !== check) continue;
        const l = byFirst.get(ref.first);
        if (l) l.push(e);
        else byFirst.set(ref.first, [e]);
      }
      check.set.resolve((row, first) => {
        for (const e of byFirst.get(row) ?? []) {
          const t = check.text(e.rowNumber!, first);
          e.note = t.note;
          e.message = t.message;
          e.params = { ...e.params, ...t.params };
        }
        errs.slot = check.slot;
        // repeats arrive in hash order, not by row: build only the ones that may be listed (the others would be garbage
        // that, listed for a while, V8 learns to allocate straight in old space — the heap then grew to 140 MB)
        if (!errs.listable(row)) return errs.countOnly(check.type);
        const t = check.text(row, first);
        const e = errs.add(check.type, row, check.fieldNumber, check.fieldName, null, t.note, t.message, t.params);
        if (e && check.cols) {
          this.pendingCells.set(e, check.cols);
          needCells = true;
        }
      });
    }
    return needCells;
  }

  /** Reads the cells of the listed errors found by the merge: a second pass that stops after the last row it needs. */
  async fetchCells(file: string, info: SourceInfo, opts: Parameters<typeof scan>[2], stat0: fs.Stats): Promise<void> {
    const errs = this.errs;
    const want = new Map<number, Array<{ e: ValidationError; cols: number[] }>>();
    let last = 0;
    for (const e of errs.errors) {
      const cols = this.pendingCells.get(e);
      if (!cols) continue;
      const row = e.rowNumber!;
      const l = want.get(row);
      if (l) l.push({ e, cols });
      else want.set(row, [{ e, cols }]);
      last = Math.max(last, row);
    }
    if (!want.size) return;
    const now = fs.statSync(file);
    if (now.size !== stat0.size || now.mtimeMs !== stat0.mtimeMs) {
      errs.slot = slotOf(P_AFTER);
      errs.fileError(
        'source-error',
        `the file changed while it was validated; the values of ${want.size} key errors are not shown`,
        { count: want.size },
        'source.file-changed',
      );
      errs.keep();
      return;
    }
    const stop = Object.assign(new Error('enough rows'), { name: 'AbortError' });
    try {
      await scan(file, info, opts, {
        row: (cells, rowNumber) => {
          const l = want.get(rowNumber);
          if (l)
            for (const { e, cols } of l) {
              e.cell = cut(joinCells(cells, cols));
              e.params = { ...e.params, cell: e.cell };
            }
          if (rowNumber >= last) throw stop;
        },
        issue: () => {},
      });
    } catch (e) {
      if (e !== stop) throw e;
    }
  }

  /** Closes every check's runs and removes the spill folder (also on cancel or failure). */
  close(): void {
    for (const c of this.checks) {
      c.set.close();
      c.run?.close();
    }
    if (this.spillDir) fs.rmSync(this.spillDir, { recursive: true, force: true });
  }
}
