/**
 * The streaming validator: one pass over the file (never all of it in memory), reporting frictionless-py's
 * error codes with row, field and cell; counts per code; the first `errorCap` errors (by row) listed. Unique,
 * primary-key, foreign-key and duplicate-row checks keep 64-bit hashes only (hashset.ts). Without a schema, the
 * header's labels are the fields (all `any`): structure, duplicates, encoding and personal data are still checked.
 *
 * Memory does not grow with the file: rows are dropped once checked, the listed errors are capped, and each
 * unique / primary-key / duplicate-row check holds at most `keyBudget` values in memory (KeySet: beyond that, sorted
 * runs in a temp folder, merged at the end). A repeat met in memory is reported at once; a repeat across runs is found
 * by the merge and reported the same way (same code, message, later row as the error row, first row referenced);
 * its cell is read back by a second pass over the file that stops after the last listed row and runs only when such
 * errors are listed. Self-referencing foreign keys (a parent id in the same table) still keep their set in memory.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { castRow, compileSchema, INVALID, keyOf, type CompiledField, type CompiledSchema } from './cast';
import { DEFAULT_KEY_BUDGET, H, HashSet64, hashCells, hashString, KeySet, keyBudgetFor } from './hashset';
import { mask, personalKind, type PiiKind } from './pii';
import { inspect, readRows, scan, SourceFailure, type SourceInfo } from './source';
import { datasetMessage, type MessageParams } from '../../../contract/datasets-messages';
import { Profiler } from './profile';
import { DIALECT_SAMPLE_ROWS, fieldNames, planRows, RowShaper, type RowPlan } from './dialect';
import {
  ERROR_CODES,
  type ErrorCode,
  type FieldType,
  type PersonalDataFinding,
  type ReferenceSource,
  type Report,
  type TableSchema,
  type ValidateOptions,
  type ValidationError,
} from './types';

export const DEFAULT_ERROR_CAP = 1000;
export { DEFAULT_KEY_BUDGET };

/** validateFile's options: the Frictionless ones, and where the key checks may spill. */
export interface ValidateFileOptions extends ValidateOptions {
  /**
   * Distinct values each unique / primary-key / duplicate-row check keeps in memory before spilling a sorted run to disk
   * (default: 2^20 shared among the checks, at least 2^17 = 131,072 each, 24 MB for one check, 3 MB each for eight or more).
   */
  keyBudget?: number;
  /** Folder for the spilled runs (default the system temp folder); a private sub-folder is made there and removed at the end, also on cancel or failure. */
  tempDir?: string;
}

/**
 * Where an error sorts: row × 2^21 + phase × 2^17 + position in the phase. The phases follow the order in which one
 * row is checked, so sorting by this key keeps the order the checks found the errors in, and an error found later
 * (by the merge of the key runs) lands where it would have been found.
 */
const ROW_UNIT = 2 ** 21;
const PHASE_UNIT = 2 ** 17;
const slotOf = (phase: number, at = 0) => phase * PHASE_UNIT + Math.min(at, PHASE_UNIT - 1);
const P_SOURCE = 0; // file-level, header, reading problems (before the row they name)
const P_BLANK = 1;
const P_EXTRA = 2;
const P_FIELD = 3; // 2 × field index (+1 for the field's unique check)
const P_PK = 4;
const P_UK = 5;
const P_FK = 6;
const P_DUP = 7;
const P_SELF_FK = 8;
const P_AFTER = 9;

/** A unique / primary-key / duplicate-row check: its value set, and what an error of it says. */
interface KeyCheck {
  set: KeySet;
  type: 'unique-error' | 'primary-key' | 'duplicate-row';
  slot: number;
  fieldNumber: number | null;
  fieldName: string | null;
  /** Columns whose raw cells, joined with ", ", are the error's cell (null: no cell). */
  cols: number[] | null;
  text(row: number, first: number): { note: string; message: string; params: MessageParams };
}
const CELL_SHOWN = 200;
const SEP = '\u001f';

const REQUIRED: MessageParams = { constraint: 'required', value: true };
const cut = (s: string) => (s.length > CELL_SHOWN ? `${s.slice(0, CELL_SHOWN)}…` : s);

/** The key of several logical values (null when one is missing or invalid). */
function compositeKey(values: unknown[], idx: number[]): string | null {
  if (idx.length === 1) {
    const v = values[idx[0]];
    return v === null || v === INVALID || v === undefined ? null : keyOf(v);
  }
  let k = '';
  for (let j = 0; j < idx.length; j++) {
    const v = values[idx[j]];
    if (v === null || v === INVALID || v === undefined) return null;
    k += (j ? SEP : '') + keyOf(v);
  }
  return k;
}

const NONE = '\u0000';
/** The key of several logical values with a missing or invalid one as None (null when all are None). */
function keyWithNulls(values: unknown[], idx: number[]): string | null {
  let k = '';
  let some = false;
  for (let j = 0; j < idx.length; j++) {
    const v = values[idx[j]];
    const none = v === null || v === INVALID || v === undefined;
    if (!none) some = true;
    k += (j ? SEP : '') + (none ? NONE : keyOf(v));
  }
  return some ? k : null;
}

/** Keys (as keyOf strings joined by SEP) of a reference table's fields, read through the local fields' types. */
export async function loadReference(src: ReferenceSource, refFields: string[], local: CompiledField[], signal?: AbortSignal): Promise<HashSet64> {
  const set = new HashSet64();
  // as frictionless' lookup: an empty cell is None, a row of None only is left out, a key with some None parts is kept
  const add = (cells: unknown[], row: number) => {
    let some = false;
    const parts = cells.map((c, k) => {
      if (c === null || c === undefined || (typeof c === 'string' && local[k].missing.has(c))) return NONE;
      some = true;
      if (typeof c !== 'string') return keyOf(c);
      const v = local[k].cast(c);
      return keyOf(v === INVALID ? c : v);
    });
    if (some) set.add(parts.join(SEP), row);
  };
  if ('rows' in src) {
    for (const r of src.rows)
      add(
        refFields.map((f) => r[f] ?? null),
        1,
      );
    return set;
  }
  if ('values' in src) {
    const at = refFields.map((f) => src.header.indexOf(f));
    if (at.some((i) => i < 0)) {
      const columns = refFields.filter((_, k) => at[k] < 0).join(', ');
      throw new SourceFailure('source-error', `the reference table has no column ${columns}`, { key: 'source.reference-no-column', params: { columns } });
    }
    for (const r of src.values)
      add(
        at.map((i) => r[i] ?? null),
        1,
      );
    return set;
  }
  let at: number[] | null = null;
  for await (const rec of readRows(src.path, { encoding: src.encoding ?? 'auto', signal })) {
    if (!at) {
      const header = rec.cells.map((l) => l.trim());
      at = refFields.map((f) => header.indexOf(f));
      if (at.some((i) => i < 0)) {
        const columns = refFields.filter((_, k) => at![k] < 0).join(', ');
        throw new SourceFailure('source-error', `the reference table ${src.path} has no column ${columns}`, {
          key: 'source.reference-no-column',
          params: { columns },
        });
      }
      continue;
    }
    add(
      at.map((i) => rec.cells[i] ?? null),
      rec.rowNumber,
    );
  }
  return set;
}

/** Validates a CSV or XLSX file against a Table Schema (or its own header). Never throws for a bad file: the report says. Throws SchemaError for a bad schema, AbortError when cancelled. */
export async function validateFile(file: string, opts: ValidateFileOptions = {}): Promise<Report> {
  const t0 = performance.now();
  const cap = opts.errorCap ?? DEFAULT_ERROR_CAP;
  const compiledGiven: CompiledSchema | null = opts.schema ? compileSchema(opts.schema) : null;
  // the listed errors: the `cap` first by sort key; `ords` runs alongside `errors`
  let errors: ValidationError[] = [];
  let ords: number[] = [];
  /** Once the list was cut, an error sorting after this key can no longer be listed. */
  let cutOff = Infinity;
  /** The key check and first row behind a listed key error (to correct its first row after the merge). */
  const keyRefs = new WeakMap<ValidationError, { check: KeyCheck; first: number }>();
  const counts: Partial<Record<ErrorCode, number>> = {};
  let total = 0;
  /** Slot (phase and position, see slotOf) of the errors added now. */
  let slot = 0;
  const keep = (list: ValidationError[], keys: number[]) => {
    const order = keys.map((_, i) => i).sort((x, y) => keys[x] - keys[y] || x - y);
    const n = Math.min(cap, order.length);
    errors = order.slice(0, n).map((i) => list[i]);
    ords = order.slice(0, n).map((i) => keys[i]);
    if (order.length > n) cutOff = Math.min(cutOff, ords[n - 1] ?? -Infinity);
  };
  /** Whether an error in this row, at the current slot, could still be listed (else it is only counted, nothing built). */
  const listable = (rowNumber: number) => cap > 0 && rowNumber * ROW_UNIT + slot <= cutOff;
  const countOnly = (type: ErrorCode) => {
    counts[type] = (counts[type] ?? 0) + 1;
    total++;
  };
  const list = (e: ValidationError, ord: number) => {
    if (cap <= 0 || ord > cutOff) return false;
    errors.push(e);
    ords.push(ord);
    if (errors.length >= 2 * cap + 64) keep(errors, ords);
    return true;
  };
  /**
   * Counts an error and lists it when it sorts among the first `cap`. `extra` adds to the catalogue parameters
   * (row, field, position, cell are always there); `key` names the catalogue text when it is not the error type.
   */
  const add = (
    type: ErrorCode,
    rowNumber: number | null,
    fieldNumber: number | null,
    fieldName: string | null,
    cell: string | null,
    note: string,
    message: string,
    extra?: MessageParams,
    key?: string,
  ): ValidationError | null => {
    counts[type] = (counts[type] ?? 0) + 1;
    total++;
    const ord = (rowNumber ?? 0) * ROW_UNIT + slot;
    if (cap <= 0 || ord > cutOff) return null;
    const shown = cell === null ? null : cut(cell);
    const e: ValidationError = {
      type,
      rowNumber,
      fieldName,
      fieldNumber,
      cell: shown,
      message,
      note,
      ...(key ? { key } : {}),
      params: { row: rowNumber, field: fieldName, position: fieldNumber, cell: shown, ...extra },
    };
    return list(e, ord) ? e : null;
  };
  const piiOn = opts.personalData !== false;
  const pii: PersonalDataFinding[] = [];
  let piiTotal = 0;
  let info: SourceInfo | null = null;
  let header: string[] = [];
  let rows = 0;
  let compiled: CompiledSchema | null = compiledGiven;
  /** Row number of the header errors (the first header row), null when the file has no header. */
  let headerRow: number | null = 1;
  /** The header is known (onHeader ran) and the records it came from. */
  let setupDone = false;
  let headerRowNumbers: number[] = [];
  /** With opts.profile: counts per column of numbers, dates and booleans (profile.ts). */
  let profiler: Profiler | null = null;
  const finish = (fatal: boolean): Report => {
    keep(errors, ords);
    const profile = opts.profile ? (profiler && !fatal ? profiler.finish() : { columns: [], warnings: [] }) : null;
    return {
      valid: total === 0,
      fatal,
      stats: {
        rows,
        fields: compiled?.fields.length ?? header.length,
        bytes: info?.bytes ?? 0,
        encoding: info?.encoding?.encoding ?? null,
        delimiter: info?.delimiter ?? null,
        format: info?.format ?? 'csv',
        seconds: (performance.now() - t0) / 1000,
        errors: total,
      },
      errors,
      // in the codes' order, whatever order they were found in (the merge of spilled key runs comes last)
      errorCounts: Object.fromEntries(ERROR_CODES.filter((c) => counts[c]).map((c) => [c, counts[c]])),
      errorsTruncated: total > errors.length,
      errorCap: cap,
      header,
      ...(setupDone ? { headerRows: headerRow === null ? [] : headerRowNumbers } : {}),
      encoding: info?.encoding ?? null,
      personalData: { columns: piiColumns(), cells: pii, total: piiTotal },
      source: { path: file, ...(info?.sheet ? { sheet: info.sheet } : {}) },
      ...(profile
        ? { warnings: profile.warnings.map((w) => ({ ...w, message: datasetMessage('en', `warning.${w.code}`, w.params) })), columns: profile.columns }
        : {}),
    };
  };

  // per-column personal-data counts (filled once the header is known)
  let piiCounts: Array<Partial<Record<PiiKind, number>>> = [];
  let nonEmpty: number[] = [];
  const piiColumns = () =>
    piiCounts
      .map((c, i) => ({ fieldName: colName(i), counts: c, matched: Object.values(c).reduce((a, b) => a + (b ?? 0), 0), i }))
      .filter((c) => c.matched > 0)
      .map((c) => ({ fieldName: c.fieldName, counts: c.counts, share: nonEmpty[c.i] ? c.matched / nonEmpty[c.i] : 0 }));
  const colName = (i: number) => header[i] || `field${i + 1}`;

  let stat0: fs.Stats | null = null;
  try {
    info = inspect(file, opts);
    stat0 = fs.statSync(file);
  } catch (e) {
    if (!(e instanceof SourceFailure)) throw e;
    add(e.code, null, null, null, null, '', e.message, e.ref?.params, e.ref?.key);
    return finish(true);
  }

  // the spill folder, made at the first spill and removed at the end
  let spillDir: string | null = null;
  const spillFolder = () => (spillDir ??= fs.mkdtempSync(path.join(opts.tempDir ?? os.tmpdir(), 'pla-validate-')));
  let sets = 0;
  let keyBudget = opts.keyBudget ?? DEFAULT_KEY_BUDGET;
  const keySet = () => new KeySet(keyBudget, spillFolder, `keys-${sets++}`);

  // column of each schema field (-1: not in the file)
  let colOf: number[] = [];
  /** Slot of each schema field's own errors (precomputed: set for every field of every row). */
  let fieldSlot: number[] = [];
  let width = 0;
  const references = new Map<number, HashSet64>();
  // a self-reference keeps every referenced key of this table in memory (HashSet64) and the rows still waiting for theirs
  const selfRefs: Array<{ fk: number; refIdx: number[]; set: HashSet64; pending: Array<{ a: number; b: number; row: number; cell: string }> }> = [];
  const uniqueChecks: KeyCheck[] = [];
  let pkCheck: KeyCheck | null = null;
  const ukChecks: KeyCheck[] = [];
  let dupCheck: KeyCheck | null = null;
  const checks: KeyCheck[] = [];
  const newCheck = (c: Omit<KeyCheck, 'set'>): KeyCheck => {
    const check = { ...c, set: keySet() };
    checks.push(check);
    return check;
  };
  /** Adds the hash in H to the check; reports a repeat met in memory. */
  const seen = (check: KeyCheck, rowNumber: number, cells: string[]) => {
    const first = check.set.add(H.a, H.b, rowNumber);
    if (!first) return;
    slot = check.slot;
    if (!listable(rowNumber)) return countOnly(check.type);
    const t = check.text(rowNumber, first);
    const e = add(check.type, rowNumber, check.fieldNumber, check.fieldName, check.cols ? joinCells(cells, check.cols) : null, t.note, t.message, t.params);
    if (e) keyRefs.set(e, { check, first });
  };

  /**
   * The header is known: labels (stripped, several header rows joined) and the rows they came from. Label errors as
   * frictionless' table/header.py gives them: extra labels, missing labels, then per position a blank label, a label
   * repeating an earlier one (not also an incorrect label), or a label that is not the field's name. Without a schema,
   * fields are named as frictionless' Detector names them: the label, `field<N>` for a blank one, `name2`, `name3` for
   * repeats. `width` (no header row): how many cells the first data row has.
   */
  const onHeader = (labels: string[], rowNumbers: number[], width0 = labels.length) => {
    setupDone = true;
    slot = slotOf(P_SOURCE);
    headerRow = rowNumbers.length ? rowNumbers[0] : null;
    headerRowNumbers = rowNumbers;
    const hasHeader = rowNumbers.length > 0;
    if (!compiled) {
      compiled = compileSchema({ fields: fieldNames(hasHeader ? labels : new Array<string>(width0).fill('')).map((name) => ({ name, type: 'any' })) });
      colOf = compiled.fields.map((_, i) => i);
      width = compiled.fields.length;
    } else if (compiled.fieldsMatch === 'exact' || !hasHeader) {
      colOf = compiled.fields.map((_, i) => i);
      width = compiled.fields.length;
    }
    header = hasHeader ? labels : compiled.fields.map((f) => f.name);
    if (hasHeader && (compiled.fieldsMatch === 'exact' || compiledGiven === null)) {
      const fields = compiled.fields;
      for (let i = 0; i < Math.max(labels.length, fields.length); i++) {
        const label = labels[i];
        const f = fields[i];
        if (label === undefined) {
          add('missing-label', headerRow, i + 1, f.name, null, '', `Label "${f.name}" in the header at position "${i + 1}" is missing`);
          continue;
        }
        if (!f) {
          add('extra-label', headerRow, i + 1, null, label, '', `Label "${label}" in the header at position "${i + 1}" is extra`, { label });
          continue;
        }
        if (label === '') {
          add('blank-label', headerRow, i + 1, f.name, label, '', `Label in the header in field at position "${i + 1}" is blank`);
          continue;
        }
        const first = labels.indexOf(label);
        if (first < i) {
          add(
            'duplicate-label',
            headerRow,
            i + 1,
            f.name,
            label,
            `at position "${first + 1}"`,
            `Label "${label}" in the header at position "${i + 1}" is duplicated to a label: at position "${first + 1}"`,
            { label, first: first + 1 },
          );
          continue;
        }
        // compared as frictionless' header.py does: newlines as spaces, stripped (a joined header label may end in a space)
        if (label.replace(/\n/g, ' ').trim() !== f.name)
          add(
            'incorrect-label',
            headerRow,
            i + 1,
            f.name,
            label,
            `field name is "${f.name}"`,
            `Label "${label}" in field at position "${i + 1}" does not match the field name in the schema: field name is "${f.name}"`,
            { label },
          );
      }
    } else if (hasHeader) {
      // by name: equal / subset (the file may have more columns) / superset (fewer) / partial
      const mode = compiled.fieldsMatch;
      colOf = compiled.fields.map((f) => labels.indexOf(f.name));
      width = labels.length;
      compiled.fields.forEach((f, i) => {
        if (colOf[i] < 0 && mode !== 'superset' && mode !== 'partial')
          add('missing-label', headerRow, null, f.name, null, '', `Label "${f.name}" in the header is missing`);
      });
      labels.forEach((l, i) => {
        if (l !== '' && !compiled!.byName.has(l) && mode !== 'subset' && mode !== 'partial')
          add('extra-label', headerRow, i + 1, null, l, '', `Label "${l}" in the header at position "${i + 1}" is extra`, { label: l });
      });
    }
    const schema = compiled!;
    const fields = schema.fields;
    fieldSlot = fields.map((_, i) => slotOf(P_FIELD, 2 * i));
    if (opts.keyBudget === undefined) {
      const uniques = fields.filter((f, i) => f.unique && colOf[i] >= 0).length;
      keyBudget = keyBudgetFor(uniques + (schema.primaryKey.length ? 1 : 0) + schema.uniqueKeys.length + (opts.duplicateRows === true ? 1 : 0));
    }
    fields.forEach((f, i) => {
      if (!f.unique || colOf[i] < 0) return;
      const pos = colOf[i] + 1;
      uniqueChecks[i] = newCheck({
        type: 'unique-error',
        slot: slotOf(P_FIELD, 2 * i + 1),
        fieldNumber: pos,
        fieldName: f.name,
        cols: [colOf[i]],
        text: (row, first) => ({
          note: `the same as in the row at position ${first}`,
          message: `Row at position "${row}" has unique constraint violation in field "${f.name}" at position "${pos}": the same as in the row at position ${first}`,
          params: { first },
        }),
      });
    });
    if (schema.primaryKey.length) {
      const names = schema.primaryKey.map((i) => fields[i].name).join(', ');
      pkCheck = newCheck({
        type: 'primary-key',
        slot: slotOf(P_PK),
        // a row error, as frictionless reports it (no field position)
        fieldNumber: null,
        fieldName: names,
        cols: schema.primaryKey.map((i) => colOf[i]),
        text: (row, first) => ({
          note: `the same as in the row at position ${first}`,
          message: `Row at position "${row}" violates the primary key (${names}): the same as in the row at position ${first}`,
          params: { first },
        }),
      });
    }
    pkPresent = schema.primaryKey.every((i) => colOf[i] >= 0);
    schema.uniqueKeys.forEach((uk, n) => {
      const names = uk.map((i) => fields[i].name).join(', ');
      ukChecks[n] = newCheck({
        type: 'unique-error',
        slot: slotOf(P_UK, n),
        fieldNumber: colOf[uk[0]] + 1,
        fieldName: names,
        cols: uk.map((i) => colOf[i]),
        text: (row, first) => ({
          note: `the same as in the row at position ${first}`,
          message: `Row at position "${row}" has unique constraint violation in fields "${names}": the same as in the row at position ${first}`,
          params: { first },
        }),
      });
    });
    if (opts.duplicateRows === true)
      dupCheck = newCheck({
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
    piiCounts = header.map(() => ({}));
    nonEmpty = header.map(() => 0);
    if (opts.profile) {
      const types: Array<FieldType | undefined> = header.map(() => undefined);
      fields.forEach((f, i) => {
        if (colOf[i] >= 0) types[colOf[i]] = f.field.type ?? 'any';
      });
      profiler = new Profiler(
        header.map((_, c) => colName(c)),
        types,
      );
    }
  };

  /** Every primary-key field has a column (else frictionless skips the key: the header already has a missing-label). */
  let pkPresent = false;
  const pkEmpty = (rowNumber: number) => {
    slot = slotOf(P_PK);
    const names = compiled!.primaryKey.map((i) => compiled!.fields[i].name).join(', ');
    add(
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
  };
  /** The last record handed to onRow (a reading problem about it or an earlier one was found after it). */
  let lastRow = 0;
  const onRow = (cells: string[], rowNumber: number) => {
    if (!setupDone) onHeader([], [], cells.length);
    rows++;
    const schema = compiled!;
    const fields = schema.fields;
    const nf = fields.length;
    // blank row: every cell empty or a missing value
    let blank = true;
    for (let c = 0; c < cells.length; c++) {
      const raw = cells[c];
      if (raw !== '' && !(c < nf && fields[c].missing.has(raw))) {
        blank = false;
        break;
      }
    }
    if (blank) {
      slot = slotOf(P_BLANK);
      add('blank-row', rowNumber, null, null, null, '', `Row at position "${rowNumber}" is completely blank`);
      // frictionless still checks the primary key of a blank row: its cells are all empty
      if (pkCheck && pkPresent) pkEmpty(rowNumber);
      return;
    }
    for (let c = width; c < cells.length; c++) {
      slot = slotOf(P_EXTRA, c);
      add('extra-cell', rowNumber, c + 1, null, cells[c], '', `Row at position "${rowNumber}" has an extra value in field at position "${c + 1}"`);
    }
    if (piiOn) scanPersonal(cells, rowNumber);
    if (profiler) profiler.row(cells, rowNumber);
    const values: unknown[] = new Array(nf);
    let rowOk = true;
    for (let i = 0; i < nf; i++) {
      const f = fields[i];
      const col = colOf[i];
      if (col < 0) {
        values[i] = null;
        continue;
      }
      slot = fieldSlot[i];
      const raw = cells[col];
      if (raw === undefined) {
        values[i] = null;
        // frictionless reads a missing cell as empty: a required field also breaks its constraint
        if (f.required)
          add(
            'constraint-error',
            rowNumber,
            col + 1,
            f.name,
            '',
            'constraint "required" is "True"',
            constraintMsg('', rowNumber, f.name, col + 1, 'constraint "required" is "True"'),
            REQUIRED,
          );
        add(
          'missing-cell',
          rowNumber,
          col + 1,
          f.name,
          null,
          '',
          `Row at position "${rowNumber}" has a missing cell in field "${f.name}" at position "${col + 1}"`,
        );
        rowOk = false;
        continue;
      }
      if (f.emptyIsMissing ? raw === '' : f.missing.has(raw)) {
        values[i] = null;
        if (f.required)
          add(
            'constraint-error',
            rowNumber,
            col + 1,
            f.name,
            raw,
            'constraint "required" is "True"',
            constraintMsg(raw, rowNumber, f.name, col + 1, 'constraint "required" is "True"'),
            REQUIRED,
          );
        continue;
      }
      const v = f.cast(raw);
      if (v === INVALID) {
        values[i] = INVALID;
        rowOk = false;
        if (listable(rowNumber))
          add(
            'type-error',
            rowNumber,
            col + 1,
            f.name,
            raw,
            `type is "${f.typeNote}"`,
            `Type error in the cell "${cut(raw)}" in row "${rowNumber}" and field "${f.name}" at position "${col + 1}": type is "${f.typeNote}"`,
            f.typeParams,
          );
        else countOnly('type-error');
        continue;
      }
      values[i] = v;
      const fieldChecks = f.checks;
      for (let k = 0; k < fieldChecks.length; k++) {
        const check = fieldChecks[k];
        const note = check(v, raw);
        if (note) add('constraint-error', rowNumber, col + 1, f.name, raw, note, constraintMsg(raw, rowNumber, f.name, col + 1, note), check.params);
      }
      if (f.unique) {
        hashString(keyOf(v));
        seen(uniqueChecks[i], rowNumber, cells);
      }
    }
    // the primary key as frictionless checks it: an empty or invalid part is None, a key of None only is an error,
    // and a key with some None parts is compared as it is (two rows "1, (empty)" repeat each other)
    if (pkCheck && pkPresent) {
      const k = keyWithNulls(values, schema.primaryKey);
      if (k === null) pkEmpty(rowNumber);
      else {
        hashString(k);
        seen(pkCheck, rowNumber, cells);
      }
    }
    // unique keys over several fields: only when every part was read (Table Schema v2; frictionless 5 does not check them)
    for (let n = 0; n < schema.uniqueKeys.length; n++) {
      const k = compositeKey(values, schema.uniqueKeys[n]);
      if (k === null) continue;
      hashString(k);
      seen(ukChecks[n], rowNumber, cells);
    }
    for (let n = 0; n < schema.foreignKeys.length; n++) {
      const fk = schema.foreignKeys[n];
      const self = selfRefs.find((s) => s.fk === n);
      if (self) {
        // remember this row's referenced values; this row's own key is checked at the end if not seen yet
        const rk = keyWithNulls(values, self.refIdx);
        if (rk !== null) self.set.add(rk, rowNumber);
      }
      // frictionless: a key of None only is not looked up; one with some None parts is (and is usually not found)
      const k = keyWithNulls(values, fk.local);
      if (k === null) continue;
      if (self) {
        if (!self.set.has(k)) {
          hashString(k);
          self.pending.push({ a: H.a, b: H.b, row: rowNumber, cell: fk.local.map((i) => cells[colOf[i]]).join(', ') });
        }
        continue;
      }
      const ref = references.get(n);
      if (ref && !ref.has(k)) {
        slot = slotOf(P_FK, n);
        fkError(
          rowNumber,
          fk.local.map((i) => fields[i].name),
          fk.local.map((i) => cells[colOf[i]]),
          fk.resource,
        );
      }
    }
    if (dupCheck && rowOk) {
      hashCells(cells);
      seen(dupCheck, rowNumber, cells);
    }
  };
  const scanPersonal = (cells: string[], rowNumber: number) => {
    const n = Math.min(cells.length, piiCounts.length);
    for (let c = 0; c < n; c++) {
      const raw = cells[c];
      if (raw.length < 6) {
        if (raw !== '') nonEmpty[c]++;
        continue;
      }
      nonEmpty[c]++;
      const kind = personalKind(raw);
      if (kind) {
        piiCounts[c][kind] = (piiCounts[c][kind] ?? 0) + 1;
        piiTotal++;
        if (pii.length < cap) pii.push({ kind, rowNumber, fieldName: colName(c), cell: mask(raw) });
      }
    }
  };
  const constraintMsg = (raw: string, row: number, name: string, pos: number, note: string) =>
    `The cell "${cut(raw)}" in row at position "${row}" and field "${name}" at position "${pos}" does not conform to a constraint: ${note}`;
  // a row error, as frictionless reports it (no field position)
  const fkError = (row: number, names: string[], raws: string[], resource: string) =>
    add(
      'foreign-key',
      row,
      null,
      names.join(', '),
      raws.join(', '),
      `not found in ${resource || 'this table'}`,
      `Row at position "${row}" violates the foreign key: for "${names.join(', ')}": values "${raws.join(', ')}" not found in the lookup table${resource ? ` "${resource}"` : ''}`,
      { resource },
    );

  // reference tables for foreign keys: kept in memory whole (HashSet64), they are small lists (streets, SIRUTA codes)
  if (compiled) {
    for (let n = 0; n < (compiled as CompiledSchema).foreignKeys.length; n++) {
      const fk = (compiled as CompiledSchema).foreignKeys[n];
      if (!fk.resource) {
        selfRefs.push({ fk: n, refIdx: fk.refFields.map((name) => compiled!.byName.get(name)!.index), set: new HashSet64(), pending: [] });
        continue;
      }
      const src = opts.references?.[fk.resource];
      if (!src) {
        const names = fk.local.map((i) => compiled!.fields[i].name).join(', ');
        add(
          'source-error',
          null,
          null,
          names,
          null,
          '',
          `the foreign key refers to the resource "${fk.resource}", which was not given (a CSV file or a list of values is needed)`,
          { fields: names, resource: fk.resource },
          'source.fk-resource-missing',
        );
        continue;
      }
      try {
        references.set(
          n,
          await loadReference(
            src,
            fk.refFields,
            fk.local.map((i) => compiled!.fields[i]),
            opts.signal,
          ),
        );
      } catch (e) {
        if (!(e instanceof SourceFailure)) throw e;
        add(
          'source-error',
          null,
          null,
          null,
          null,
          '',
          `the reference table "${fk.resource}" cannot be read: ${e.message}`,
          { resource: fk.resource, reason: e.ref ?? e.message },
          'source.reference-unreadable',
        );
      }
    }
  }

  const totalBytes = info.bytes;
  let lastProgress = 0;
  let reserved = false;
  try {
    try {
      const shaper = new RowShaper(await rowPlan(file, info, opts), onHeader, onRow);
      await scan(file, info, opts, {
        row: (cells, rowNumber) => {
          lastRow = rowNumber;
          shaper.push(cells, rowNumber);
        },
        issue: (i) => {
          slot = slotOf(i.rowNumber !== null && i.rowNumber <= lastRow ? P_AFTER : P_SOURCE);
          add(i.code, i.rowNumber, i.fieldNumber, i.fieldNumber ? colName(i.fieldNumber - 1) : null, null, '', i.message, i.ref?.params, i.ref?.key);
        },
        progress: (bytesRead, r) => {
          if (!reserved && bytesRead > 0 && r > 1) {
            // size the key tables once from the first chunk's bytes per row (+10 %), up to the budget
            reserved = true;
            const expected = Math.ceil((totalBytes / bytesRead) * r * 1.1);
            for (const c of checks) c.set.reserve(expected);
          }
          if (!opts.onProgress) return;
          const now = performance.now();
          if (now - lastProgress < 100) return;
          lastProgress = now;
          const read = bytesRead || (info!.format === 'xlsx' ? 0 : bytesRead);
          opts.onProgress({ bytesRead: read, totalBytes, rows: Math.max(0, r - 1), fraction: read ? Math.min(1, read / totalBytes) : 0 });
        },
      });
      shaper.end();
    } catch (e) {
      if (!(e instanceof SourceFailure)) throw e;
      slot = slotOf(P_AFTER);
      add(e.code, null, null, null, null, '', e.message, e.ref?.params, e.ref?.key);
      return finish(true);
    }
    // repeats across the spilled runs of the key checks
    const needCells = resolveRuns();
    slot = slotOf(P_AFTER);
    if (!setupDone || (headerRow !== null && !header.length))
      add('source-error', null, null, null, null, '', 'the file has no header row', undefined, 'source.no-header');
    slot = slotOf(P_SELF_FK);
    for (const s of selfRefs) {
      const fk = compiled!.foreignKeys[s.fk];
      for (const p of s.pending)
        if (!s.set.hasHash(p.a, p.b))
          fkError(
            p.row,
            fk.local.map((i) => compiled!.fields[i].name),
            p.cell.split(', '),
            '',
          );
    }
    keep(errors, ords);
    if (needCells) await fetchCells();
  } finally {
    for (const c of checks) c.set.close();
    if (spillDir) fs.rmSync(spillDir, { recursive: true, force: true });
  }
  if (opts.onProgress) opts.onProgress({ bytesRead: totalBytes, totalBytes, rows, fraction: 1 });
  return finish(false);

  /** Merges each check's runs: counts every repeat found there, lists those that sort among the first `cap`, and corrects the first row named by listed errors found in memory. Returns whether listed errors lack their cell. */
  function resolveRuns(): boolean {
    let needCells = false;
    for (const check of checks) {
      if (check.set.runs === 0) continue;
      // listed errors of this check found in memory, by the first row they name (in that run)
      const byFirst = new Map<number, ValidationError[]>();
      for (const e of errors) {
        const ref = keyRefs.get(e);
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
        slot = check.slot;
        // repeats arrive in hash order, not by row: build only the ones that may be listed (the others would be garbage
        // that, listed for a while, V8 learns to allocate straight in old space — the heap then grew to 140 MB)
        if (!listable(row)) return countOnly(check.type);
        const t = check.text(row, first);
        const e = add(check.type, row, check.fieldNumber, check.fieldName, null, t.note, t.message, t.params);
        if (e && check.cols) {
          pendingCells.set(e, check.cols);
          needCells = true;
        }
      });
    }
    return needCells;
  }

  /** Reads the cells of the listed errors found by the merge: a second pass that stops after the last row it needs. */
  async function fetchCells() {
    const want = new Map<number, Array<{ e: ValidationError; cols: number[] }>>();
    let last = 0;
    for (const e of errors) {
      const cols = pendingCells.get(e);
      if (!cols) continue;
      const row = e.rowNumber!;
      const l = want.get(row);
      if (l) l.push({ e, cols });
      else want.set(row, [{ e, cols }]);
      last = Math.max(last, row);
    }
    if (!want.size) return;
    const now = fs.statSync(file);
    if (now.size !== stat0!.size || now.mtimeMs !== stat0!.mtimeMs) {
      slot = slotOf(P_AFTER);
      add(
        'source-error',
        null,
        null,
        null,
        null,
        '',
        `the file changed while it was validated; the values of ${want.size} key errors are not shown`,
        { count: want.size },
        'source.file-changed',
      );
      keep(errors, ords);
      return;
    }
    const stop = Object.assign(new Error('enough rows'), { name: 'AbortError' });
    try {
      await scan(file, info!, opts, {
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
}

/**
 * Which records are the header and which are comments (dialect.ts): from the dialect, else the header row is looked
 * for among the first records by their width, as frictionless does (a short reading of at most 100 records).
 */
export async function rowPlan(file: string, info: SourceInfo, opts: ValidateOptions): Promise<RowPlan> {
  const d = opts.dialect;
  if (d?.header !== undefined || d?.headerRows !== undefined) return planRows(d, []);
  const sample: string[][] = [];
  const numbers: number[] = [];
  const stop = Object.assign(new Error('enough rows'), { name: 'AbortError' });
  try {
    await scan(file, info, opts, {
      row: (cells, rowNumber) => {
        sample.push(cells);
        numbers.push(rowNumber);
        if (sample.length >= DIALECT_SAMPLE_ROWS) throw stop;
      },
      issue: () => {},
    });
  } catch (e) {
    if (e !== stop) throw e;
  }
  return planRows(d, sample, numbers);
}

const pendingCells = new WeakMap<ValidationError, number[]>();

/** The raw cells at `cols`, joined with ", " (as a key error shows them). */
function joinCells(cells: string[], cols: number[]): string {
  let s = cells[cols[0]] ?? '';
  for (let j = 1; j < cols.length; j++) s += `, ${cells[cols[j]] ?? ''}`;
  return s;
}

export { castRow, compileSchema };
export type { TableSchema };
