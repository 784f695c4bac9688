/**
 * The streaming validator: one pass over the file (never all of it in memory), reporting frictionless-py's
 * error codes with row, field and cell; counts per code; at most `errorCap` errors listed. Unique, primary-key,
 * foreign-key and duplicate-row checks keep 64-bit hashes only (hashset.ts). Without a schema, the header's
 * labels are the fields (all `any`): structure, duplicates, encoding and personal data are still checked.
 */
import { castRow, compileSchema, INVALID, keyOf, type CompiledField, type CompiledSchema } from './cast';
import { H, HashSet64, hashCells, hashString } from './hashset';
import { mask, personalKind, type PiiKind } from './pii';
import { inspect, readRows, scan, SourceFailure, type SourceInfo } from './source';
import type { ErrorCode, PersonalDataFinding, ReferenceSource, Report, TableSchema, ValidateOptions, ValidationError } from './types';

export const DEFAULT_ERROR_CAP = 1000;
const CELL_SHOWN = 200;
const SEP = '\u001f';

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

/** Keys (as keyOf strings joined by SEP) of a reference table's fields, read through the local fields' types. */
export async function loadReference(src: ReferenceSource, refFields: string[], local: CompiledField[], signal?: AbortSignal): Promise<HashSet64> {
  const set = new HashSet64();
  const keyFromRaw = (cells: unknown[]) =>
    cells
      .map((c, k) => {
        if (typeof c !== 'string') return keyOf(c);
        const v = local[k].cast(c);
        return keyOf(v === INVALID ? c : v);
      })
      .join(SEP);
  if ('rows' in src) {
    for (const r of src.rows) set.add(keyFromRaw(refFields.map((f) => r[f] ?? null)), 1);
    return set;
  }
  if ('values' in src) {
    const at = refFields.map((f) => src.header.indexOf(f));
    if (at.some((i) => i < 0)) throw new SourceFailure('source-error', `the reference table has no column ${refFields.filter((_, k) => at[k] < 0).join(', ')}`);
    for (const r of src.values) set.add(keyFromRaw(at.map((i) => r[i] ?? null)), 1);
    return set;
  }
  let at: number[] | null = null;
  for await (const rec of readRows(src.path, { encoding: src.encoding ?? 'auto', signal })) {
    if (!at) {
      const header = rec.cells;
      at = refFields.map((f) => header.indexOf(f));
      if (at.some((i) => i < 0)) throw new SourceFailure('source-error', `the reference table ${src.path} has no column ${refFields.filter((_, k) => at![k] < 0).join(', ')}`);
      continue;
    }
    set.add(keyFromRaw(at.map((i) => rec.cells[i] ?? '')), rec.rowNumber);
  }
  return set;
}

/** Validates a CSV or XLSX file against a Table Schema (or its own header). Never throws for a bad file: the report says. Throws SchemaError for a bad schema, AbortError when cancelled. */
export async function validateFile(file: string, opts: ValidateOptions = {}): Promise<Report> {
  const t0 = performance.now();
  const cap = opts.errorCap ?? DEFAULT_ERROR_CAP;
  const compiledGiven: CompiledSchema | null = opts.schema ? compileSchema(opts.schema) : null;
  const errors: ValidationError[] = [];
  const counts: Partial<Record<ErrorCode, number>> = {};
  let total = 0;
  const add = (type: ErrorCode, rowNumber: number | null, fieldNumber: number | null, fieldName: string | null, cell: string | null, note: string, message: string) => {
    counts[type] = (counts[type] ?? 0) + 1;
    total++;
    if (errors.length < cap) errors.push({ type, rowNumber, fieldName, fieldNumber, cell: cell === null ? null : cut(cell), message, note });
  };
  const piiOn = opts.personalData !== false;
  const pii: PersonalDataFinding[] = [];
  let piiTotal = 0;
  let info: SourceInfo | null = null;
  let header: string[] = [];
  let rows = 0;
  let compiled: CompiledSchema | null = compiledGiven;
  const finish = (fatal: boolean): Report => ({
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
    errorCounts: counts,
    errorsTruncated: total > errors.length,
    errorCap: cap,
    header,
    encoding: info?.encoding ?? null,
    personalData: { columns: piiColumns(), cells: pii, total: piiTotal },
    source: { path: file, ...(info?.sheet ? { sheet: info.sheet } : {}) },
  });

  // per-column personal-data counts (filled once the header is known)
  let piiCounts: Array<Partial<Record<PiiKind, number>>> = [];
  let nonEmpty: number[] = [];
  const piiColumns = () =>
    piiCounts
      .map((c, i) => ({ fieldName: colName(i), counts: c, matched: Object.values(c).reduce((a, b) => a + (b ?? 0), 0), i }))
      .filter((c) => c.matched > 0)
      .map((c) => ({ fieldName: c.fieldName, counts: c.counts, share: nonEmpty[c.i] ? c.matched / nonEmpty[c.i] : 0 }));
  const colName = (i: number) => header[i] || `field${i + 1}`;

  try {
    info = inspect(file, opts);
  } catch (e) {
    if (!(e instanceof SourceFailure)) throw e;
    add(e.code, null, null, null, null, '', e.message);
    return finish(true);
  }

  // column of each schema field (-1: not in the file)
  let colOf: number[] = [];
  let width = 0;
  const references = new Map<number, HashSet64>();
  const selfRefs: Array<{ fk: number; refIdx: number[]; set: HashSet64; pending: Array<{ a: number; b: number; row: number; cell: string; fieldNumber: number }> }> = [];
  const uniqueSets: HashSet64[] = [];
  const pkSet = new HashSet64();
  const ukSets: HashSet64[] = [];
  const dupSet = opts.duplicateRows === false ? null : new HashSet64();

  const onHeader = (labels: string[]) => {
    header = labels;
    const seen = new Map<string, number>();
    labels.forEach((l, i) => {
      if (l.trim() === '') add('blank-label', 1, i + 1, null, l, '', `Label in the header in field at position "${i + 1}" is blank`);
      else if (seen.has(l)) add('duplicate-label', 1, i + 1, l, l, `at position "${seen.get(l)! + 1}"`, `Label "${l}" in the header at position "${i + 1}" is duplicated to a label: at position "${seen.get(l)! + 1}"`);
      else seen.set(l, i);
    });
    if (!compiled) {
      compiled = compileSchema({ fields: labels.map((l, i) => ({ name: l.trim() === '' || labels.indexOf(l) !== i ? `field${i + 1}` : l, type: 'any' })) });
      colOf = compiled.fields.map((_, i) => i);
      width = labels.length;
    } else if (compiled.fieldsMatch === 'exact') {
      const fields = compiled.fields;
      colOf = fields.map((_, i) => i);
      width = fields.length;
      for (let i = 0; i < Math.max(labels.length, fields.length); i++) {
        const label = labels[i];
        const f = fields[i];
        if (label === undefined) add('missing-label', 1, i + 1, f.name, null, '', `Label "${f.name}" in the header at position "${i + 1}" is missing`);
        else if (!f) add('extra-label', 1, i + 1, label, label, '', `Label "${label}" in the header at position "${i + 1}" is extra`);
        else if (label.trim() !== '' && label !== f.name)
          add('incorrect-label', 1, i + 1, f.name, label, `field name is "${f.name}"`, `Label "${label}" in field at position "${i + 1}" does not match the field name in the schema: field name is "${f.name}"`);
      }
    } else {
      // by name: equal / subset (the file may have more columns) / superset (fewer) / partial
      const mode = compiled.fieldsMatch;
      colOf = compiled.fields.map((f) => labels.indexOf(f.name));
      width = labels.length;
      compiled.fields.forEach((f, i) => {
        if (colOf[i] < 0 && mode !== 'superset' && mode !== 'partial') add('missing-label', 1, null, f.name, null, '', `Label "${f.name}" in the header is missing`);
      });
      labels.forEach((l, i) => {
        if (l.trim() !== '' && !compiled!.byName.has(l) && mode !== 'subset' && mode !== 'partial') add('extra-label', 1, i + 1, l, l, '', `Label "${l}" in the header at position "${i + 1}" is extra`);
      });
    }
    compiled!.fields.forEach((f, i) => {
      if (f.unique) uniqueSets[i] = new HashSet64();
    });
    piiCounts = labels.map(() => ({}));
    nonEmpty = labels.map(() => 0);
  };

  const onRow = (cells: string[], rowNumber: number) => {
    if (rowNumber === 1 || !header.length) {
      onHeader(cells);
      return;
    }
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
      add('blank-row', rowNumber, null, null, null, '', `Row at position "${rowNumber}" is completely blank`);
      return;
    }
    for (let c = width; c < cells.length; c++) add('extra-cell', rowNumber, c + 1, colName(c), cells[c], '', `Row at position "${rowNumber}" has an extra value in field at position "${c + 1}"`);
    if (piiOn) scanPersonal(cells, rowNumber);
    const values: unknown[] = new Array(nf);
    let rowOk = true;
    for (let i = 0; i < nf; i++) {
      const f = fields[i];
      const col = colOf[i];
      if (col < 0) {
        values[i] = null;
        continue;
      }
      const raw = cells[col];
      if (raw === undefined) {
        values[i] = null;
        add('missing-cell', rowNumber, col + 1, f.name, null, '', `Row at position "${rowNumber}" has a missing cell in field "${f.name}" at position "${col + 1}"`);
        rowOk = false;
        continue;
      }
      if (f.emptyIsMissing ? raw === '' : f.missing.has(raw)) {
        values[i] = null;
        if (f.required) add('constraint-error', rowNumber, col + 1, f.name, raw, 'constraint "required" is "True"', constraintMsg(raw, rowNumber, f.name, col + 1, 'constraint "required" is "True"'));
        continue;
      }
      const v = f.cast(raw);
      if (v === INVALID) {
        values[i] = INVALID;
        rowOk = false;
        add('type-error', rowNumber, col + 1, f.name, raw, `type is "${f.typeNote}"`, `Type error in the cell "${cut(raw)}" in row "${rowNumber}" and field "${f.name}" at position "${col + 1}": type is "${f.typeNote}"`);
        continue;
      }
      values[i] = v;
      const checks = f.checks;
      for (let k = 0; k < checks.length; k++) {
        const note = checks[k](v, raw);
        if (note) add('constraint-error', rowNumber, col + 1, f.name, raw, note, constraintMsg(raw, rowNumber, f.name, col + 1, note));
      }
      if (f.unique) {
        const set = uniqueSets[i];
        const first = set.add(keyOf(v), rowNumber);
        if (first)
          add('unique-error', rowNumber, col + 1, f.name, raw, `the same as in the row at position ${first}`, `Row at position "${rowNumber}" has unique constraint violation in field "${f.name}" at position "${col + 1}": the same as in the row at position ${first}`);
      }
    }
    // keys over several fields: only when every part was read
    if (schema.primaryKey.length) {
      const k = compositeKey(values, schema.primaryKey);
      if (k !== null) {
        const first = pkSet.add(k, rowNumber);
        if (first) {
          const names = schema.primaryKey.map((i) => fields[i].name);
          add('primary-key', rowNumber, colOf[schema.primaryKey[0]] + 1, names.join(', '), schema.primaryKey.map((i) => cells[colOf[i]]).join(', '), `the same as in the row at position ${first}`, `Row at position "${rowNumber}" violates the primary key (${names.join(', ')}): the same as in the row at position ${first}`);
        }
      }
    }
    for (let n = 0; n < schema.uniqueKeys.length; n++) {
      const uk = schema.uniqueKeys[n];
      const k = compositeKey(values, uk);
      if (k === null) continue;
      const first = (ukSets[n] ??= new HashSet64()).add(k, rowNumber);
      if (first) {
        const names = uk.map((i) => fields[i].name);
        add('unique-error', rowNumber, colOf[uk[0]] + 1, names.join(', '), uk.map((i) => cells[colOf[i]]).join(', '), `the same as in the row at position ${first}`, `Row at position "${rowNumber}" has unique constraint violation in fields "${names.join(', ')}": the same as in the row at position ${first}`);
      }
    }
    for (let n = 0; n < schema.foreignKeys.length; n++) {
      const fk = schema.foreignKeys[n];
      const self = selfRefs.find((s) => s.fk === n);
      if (self) {
        // remember this row's referenced values; this row's own key is checked at the end if not seen yet
        const rk = compositeKey(values, self.refIdx);
        if (rk !== null) self.set.add(rk, rowNumber);
      }
      const k = compositeKey(values, fk.local);
      if (k === null) continue;
      if (self) {
        if (!self.set.has(k)) {
          hashString(k);
          self.pending.push({ a: H.a, b: H.b, row: rowNumber, cell: fk.local.map((i) => cells[colOf[i]]).join(', '), fieldNumber: colOf[fk.local[0]] + 1 });
        }
        continue;
      }
      const ref = references.get(n);
      if (ref && !ref.has(k)) fkError(rowNumber, fk.local.map((i) => fields[i].name), fk.local.map((i) => cells[colOf[i]]), colOf[fk.local[0]] + 1, fk.resource);
    }
    if (dupSet && rowOk) {
      hashCells(cells);
      const first = dupSet.addHash(H.a, H.b, rowNumber);
      if (first) add('duplicate-row', rowNumber, null, null, null, `the same as row ${first}`, `Row at position "${rowNumber}" is completely duplicated to row(s) at position: ${first}`);
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
  const fkError = (row: number, names: string[], raws: string[], pos: number, resource: string) =>
    add('foreign-key', row, pos, names.join(', '), raws.join(', '), `not found in ${resource || 'this table'}`, `Row at position "${row}" violates the foreign key: for "${names.join(', ')}": values "${raws.join(', ')}" not found in the lookup table${resource ? ` "${resource}"` : ''}`);

  // reference tables for foreign keys
  if (compiled) {
    for (let n = 0; n < (compiled as CompiledSchema).foreignKeys.length; n++) {
      const fk = (compiled as CompiledSchema).foreignKeys[n];
      if (!fk.resource) {
        selfRefs.push({ fk: n, refIdx: fk.refFields.map((name) => compiled!.byName.get(name)!.index), set: new HashSet64(), pending: [] });
        continue;
      }
      const src = opts.references?.[fk.resource];
      if (!src) {
        add('source-error', null, null, fk.local.map((i) => compiled!.fields[i].name).join(', '), null, '', `the foreign key refers to the resource "${fk.resource}", which was not given (a CSV file or a list of values is needed)`);
        continue;
      }
      try {
        references.set(n, await loadReference(src, fk.refFields, fk.local.map((i) => compiled!.fields[i]), opts.signal));
      } catch (e) {
        if (!(e instanceof SourceFailure)) throw e;
        add('source-error', null, null, null, null, '', `the reference table "${fk.resource}" cannot be read: ${e.message}`);
      }
    }
  }

  const totalBytes = info.bytes;
  let lastProgress = 0;
  let reserved = false;
  try {
    await scan(file, info, opts, {
      row: onRow,
      issue: (i) => add(i.code, i.rowNumber, i.fieldNumber, i.fieldNumber ? colName(i.fieldNumber - 1) : null, null, '', i.message),
      progress: (bytesRead, r) => {
        if (!reserved && bytesRead > 0 && r > 1) {
          // size the key tables once from the first chunk's bytes per row (+10 %)
          reserved = true;
          const expected = Math.ceil((totalBytes / bytesRead) * r * 1.1);
          if (compiled?.primaryKey.length) pkSet.reserve(expected);
          dupSet?.reserve(expected);
          for (const u of uniqueSets) u?.reserve(expected);
        }
        if (!opts.onProgress) return;
        const now = performance.now();
        if (now - lastProgress < 100) return;
        lastProgress = now;
        const read = bytesRead || (info!.format === 'xlsx' ? 0 : bytesRead);
        opts.onProgress({ bytesRead: read, totalBytes, rows: Math.max(0, r - 1), fraction: read ? Math.min(1, read / totalBytes) : 0 });
      },
    });
  } catch (e) {
    if (!(e instanceof SourceFailure)) throw e;
    add(e.code, null, null, null, null, '', e.message);
    return finish(true);
  }
  if (!header.length) add('source-error', null, null, null, null, '', 'the file has no header row');
  for (const s of selfRefs) {
    const fk = compiled!.foreignKeys[s.fk];
    for (const p of s.pending) if (!s.set.hasHash(p.a, p.b)) fkError(p.row, fk.local.map((i) => compiled!.fields[i].name), p.cell.split(', '), p.fieldNumber, '');
  }
  if (opts.onProgress) opts.onProgress({ bytesRead: totalBytes, totalBytes, rows, fraction: 1 });
  if (errors.length > 1) errors.sort((a, b) => (a.rowNumber ?? 0) - (b.rowNumber ?? 0));
  return finish(false);
}

export { castRow, compileSchema };
export type { TableSchema };
