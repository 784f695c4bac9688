/**
 * The row pass of the validator: the header's labels against the schema (`onHeader`), then each record (`onRow`):
 * blank rows, extra and missing cells, personal data, the profile, each field's missing values, type and
 * constraints, then the record's keys (keys.ts) and foreign keys (foreign-keys.ts). Rows are dropped once checked.
 */
import { compileSchema, INVALID, type CompiledSchema } from './cast';
import { ErrorCollector, P_BLANK, P_EXTRA, P_FIELD, P_SOURCE, cut, slotOf } from './errors';
import type { ForeignKeys } from './foreign-keys';
import type { KeyChecks } from './keys';
import { mask, personalKind, type PiiKind } from './pii';
import { Profiler } from './profile';
import { fieldNames } from './dialect';
import type { MessageParams } from '../../../contract/datasets-messages';
import type { FieldType, PersonalDataFinding, ValidateOptions } from './types';

const REQUIRED: MessageParams = { constraint: 'required', value: true };
const REQUIRED_NOTE = 'constraint "required" is "True"';
const constraintMsg = (raw: string, row: number, name: string, pos: number, note: string) =>
  `The cell "${cut(raw)}" in row at position "${row}" and field "${name}" at position "${pos}" does not conform to a constraint: ${note}`;

export class RowPass {
  /** The schema the rows are read with: the given one, or (without one) the header's labels as `any` fields. */
  compiled: CompiledSchema | null;
  header: string[] = [];
  /** Row number of the header errors (the first header row), null when the file has no header. */
  headerRow: number | null = 1;
  /** The header is known (onHeader ran) and the records it came from. */
  setupDone = false;
  headerRowNumbers: number[] = [];
  rows = 0;
  /** The last record handed to onRow (a reading problem about it or an earlier one was found after it). */
  lastRow = 0;
  /** With opts.profile: counts per column of numbers, dates and booleans (profile.ts). */
  profiler: Profiler | null = null;
  readonly pii: PersonalDataFinding[] = [];
  piiTotal = 0;
  /** Column of each schema field (-1: not in the file). */
  private colOf: number[] = [];
  /** Slot of each schema field's own errors (precomputed: set for every field of every row). */
  private fieldSlot: number[] = [];
  private width = 0;
  /** The logical values of the row being checked. */
  private values: unknown[] = [];
  private readonly piiOn: boolean;
  // per-column personal-data counts (filled once the header is known)
  private piiCounts: Array<Partial<Record<PiiKind, number>>> = [];
  private nonEmpty: number[] = [];

  constructor(
    private readonly errs: ErrorCollector,
    private readonly keys: KeyChecks,
    private readonly fks: ForeignKeys,
    private readonly compiledGiven: CompiledSchema | null,
    private readonly opts: Pick<ValidateOptions, 'personalData' | 'profile'>,
  ) {
    this.compiled = compiledGiven;
    this.piiOn = opts.personalData !== false;
  }

  colName(i: number): string {
    return this.header[i] || `field${i + 1}`;
  }

  /** Columns where personal data was found: counts per kind and the share of non-empty cells. */
  piiColumns() {
    return this.piiCounts
      .map((c, i) => ({ fieldName: this.colName(i), counts: c, matched: Object.values(c).reduce((a, b) => a + (b ?? 0), 0), i }))
      .filter((c) => c.matched > 0)
      .map((c) => ({ fieldName: c.fieldName, counts: c.counts, share: this.nonEmpty[c.i] ? c.matched / this.nonEmpty[c.i] : 0 }));
  }

  /**
   * The header is known: labels (stripped, several header rows joined) and the rows they came from. Label errors as
   * frictionless' table/header.py gives them: extra labels, missing labels, then per position a blank label, a label
   * repeating an earlier one (not also an incorrect label), or a label that is not the field's name. Without a schema,
   * fields are named as frictionless' Detector names them: the label, `field<N>` for a blank one, `name2`, `name3` for
   * repeats. `width` (no header row): how many cells the first data row has.
   */
  readonly onHeader = (labels: string[], rowNumbers: number[], width0 = labels.length): void => {
    const errs = this.errs;
    this.setupDone = true;
    errs.slot = slotOf(P_SOURCE);
    const headerRow = (this.headerRow = rowNumbers.length ? rowNumbers[0] : null);
    this.headerRowNumbers = rowNumbers;
    const hasHeader = rowNumbers.length > 0;
    let compiled = this.compiled;
    if (!compiled) {
      compiled = this.compiled = compileSchema({
        fields: fieldNames(hasHeader ? labels : new Array<string>(width0).fill('')).map((name) => ({ name, type: 'any' })),
      });
      this.colOf = compiled.fields.map((_, i) => i);
      this.width = compiled.fields.length;
    } else if (compiled.fieldsMatch === 'exact' || !hasHeader) {
      this.colOf = compiled.fields.map((_, i) => i);
      this.width = compiled.fields.length;
    }
    const header = (this.header = hasHeader ? labels : compiled.fields.map((f) => f.name));
    if (hasHeader && (compiled.fieldsMatch === 'exact' || this.compiledGiven === null)) {
      const fields = compiled.fields;
      for (let i = 0; i < Math.max(labels.length, fields.length); i++) {
        const label = labels[i];
        const f = fields[i];
        if (label === undefined) {
          errs.add('missing-label', headerRow, i + 1, f.name, null, '', `Label "${f.name}" in the header at position "${i + 1}" is missing`);
          continue;
        }
        if (!f) {
          errs.add('extra-label', headerRow, i + 1, null, label, '', `Label "${label}" in the header at position "${i + 1}" is extra`, { label });
          continue;
        }
        if (label === '') {
          errs.add('blank-label', headerRow, i + 1, f.name, label, '', `Label in the header in field at position "${i + 1}" is blank`);
          continue;
        }
        const first = labels.indexOf(label);
        if (first < i) {
          errs.add(
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
          errs.add(
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
      const byName = compiled.byName;
      this.colOf = compiled.fields.map((f) => labels.indexOf(f.name));
      this.width = labels.length;
      compiled.fields.forEach((f, i) => {
        if (this.colOf[i] < 0 && mode !== 'superset' && mode !== 'partial')
          errs.add('missing-label', headerRow, null, f.name, null, '', `Label "${f.name}" in the header is missing`);
      });
      labels.forEach((l, i) => {
        if (l !== '' && !byName.has(l) && mode !== 'subset' && mode !== 'partial')
          errs.add('extra-label', headerRow, i + 1, null, l, '', `Label "${l}" in the header at position "${i + 1}" is extra`, { label: l });
      });
    }
    const fields = compiled.fields;
    this.fieldSlot = fields.map((_, i) => slotOf(P_FIELD, 2 * i));
    this.keys.setup(compiled, this.colOf);
    this.piiCounts = header.map(() => ({}));
    this.nonEmpty = header.map(() => 0);
    if (this.opts.profile) {
      const types: Array<FieldType | undefined> = header.map(() => undefined);
      fields.forEach((f, i) => {
        if (this.colOf[i] >= 0) types[this.colOf[i]] = f.field.type ?? 'any';
      });
      this.profiler = new Profiler(
        header.map((_, c) => this.colName(c)),
        types,
      );
    }
  };

  readonly onRow = (cells: string[], rowNumber: number): void => {
    if (!this.setupDone) this.onHeader([], [], cells.length);
    this.rows++;
    const errs = this.errs;
    const schema = this.compiled!;
    const fields = schema.fields;
    const nf = fields.length;
    // blank row: every cell empty or a missing value
    let blank = true;
    for (let c = 0; c < cells.length; c++) {
      const raw = cells[c];
      if (raw !== '' && !(c < nf && !fields[c].emptyIsMissing && fields[c].missing.has(raw))) {
        blank = false;
        break;
      }
    }
    if (blank) {
      errs.slot = slotOf(P_BLANK);
      errs.add('blank-row', rowNumber, null, null, null, '', `Row at position "${rowNumber}" is completely blank`);
      this.keys.blankRow(rowNumber);
      return;
    }
    for (let c = this.width; c < cells.length; c++) {
      errs.slot = slotOf(P_EXTRA, c);
      errs.add('extra-cell', rowNumber, c + 1, null, cells[c], '', `Row at position "${rowNumber}" has an extra value in field at position "${c + 1}"`);
    }
    if (this.piiOn) this.scanPersonal(cells, rowNumber);
    if (this.profiler) this.profiler.row(cells, rowNumber);
    const colOf = this.colOf;
    const fieldSlot = this.fieldSlot;
    // one array for every row: the key checks read the values and keep none of them
    let values = this.values;
    if (values.length !== nf) values = this.values = new Array<unknown>(nf);
    let rowOk = true;
    for (let i = 0; i < nf; i++) {
      const f = fields[i];
      const col = colOf[i];
      if (col < 0) {
        values[i] = null;
        continue;
      }
      errs.slot = fieldSlot[i];
      const raw = cells[col];
      if (raw === undefined) {
        values[i] = null;
        // frictionless reads a missing cell as empty: a required field also breaks its constraint
        if (f.required)
          errs.add('constraint-error', rowNumber, col + 1, f.name, '', REQUIRED_NOTE, constraintMsg('', rowNumber, f.name, col + 1, REQUIRED_NOTE), REQUIRED);
        errs.add(
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
          errs.add('constraint-error', rowNumber, col + 1, f.name, raw, REQUIRED_NOTE, constraintMsg(raw, rowNumber, f.name, col + 1, REQUIRED_NOTE), REQUIRED);
        continue;
      }
      const v = f.cast(raw);
      if (v === INVALID) {
        values[i] = INVALID;
        rowOk = false;
        if (errs.listable(rowNumber))
          errs.add(
            'type-error',
            rowNumber,
            col + 1,
            f.name,
            raw,
            `type is "${f.typeNote}"`,
            `Type error in the cell "${cut(raw)}" in row "${rowNumber}" and field "${f.name}" at position "${col + 1}": type is "${f.typeNote}"`,
            f.typeParams,
          );
        else errs.countOnly('type-error');
        continue;
      }
      values[i] = v;
      const fieldChecks = f.checks;
      for (let k = 0; k < fieldChecks.length; k++) {
        const check = fieldChecks[k];
        const note = check(v, raw);
        if (note) errs.add('constraint-error', rowNumber, col + 1, f.name, raw, note, constraintMsg(raw, rowNumber, f.name, col + 1, note), check.params);
      }
      if (f.unique) this.keys.unique(i, v, rowNumber, cells);
    }
    this.keys.keys(schema, values, rowNumber, cells);
    this.fks.row(schema, colOf, values, rowNumber, cells);
    if (rowOk) this.keys.duplicate(rowNumber, cells);
  };

  private scanPersonal(cells: string[], rowNumber: number) {
    const piiCounts = this.piiCounts;
    const nonEmpty = this.nonEmpty;
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
        this.piiTotal++;
        if (this.pii.length < this.errs.cap) this.pii.push({ kind, rowNumber, fieldName: this.colName(c), cell: mask(raw) });
      }
    }
  }
}
