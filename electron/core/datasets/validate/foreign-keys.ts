/**
 * The foreign-key pass of the validator. Reference tables are kept in memory whole (HashSet64): they are small lists
 * (streets, SIRUTA codes). A self-reference (a parent id in the same table) keeps every referenced key of this table
 * in memory and the rows still waiting for theirs, checked at the end (`end`).
 */
import { INVALID, keyOf, type CompiledField, type CompiledSchema } from './cast';
import { ErrorCollector, P_FK, P_SELF_FK, slotOf } from './errors';
import { H, HashSet64, hashString } from './hashset';
import { NONE, SEP, keyWithNulls } from './keys';
import { readRows, SourceFailure } from './source';
import type { ReferenceSource, ValidateOptions } from './types';

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

interface SelfRef {
  fk: number;
  refIdx: number[];
  set: HashSet64;
  pending: Array<{ a: number; b: number; row: number; cell: string }>;
}

export class ForeignKeys {
  private readonly references = new Map<number, HashSet64>();
  private readonly selfRefs: SelfRef[] = [];

  constructor(private readonly errs: ErrorCollector) {}

  /** Loads the reference table of each foreign key of the given schema; a missing or unreadable one is a source-error. */
  async load(compiled: CompiledSchema, opts: Pick<ValidateOptions, 'references' | 'signal'>): Promise<void> {
    const errs = this.errs;
    for (let n = 0; n < compiled.foreignKeys.length; n++) {
      const fk = compiled.foreignKeys[n];
      if (!fk.resource) {
        this.selfRefs.push({ fk: n, refIdx: fk.refFields.map((name) => compiled.byName.get(name)!.index), set: new HashSet64(), pending: [] });
        continue;
      }
      const src = opts.references?.[fk.resource];
      if (!src) {
        const names = fk.local.map((i) => compiled.fields[i].name).join(', ');
        errs.add(
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
        this.references.set(
          n,
          await loadReference(
            src,
            fk.refFields,
            fk.local.map((i) => compiled.fields[i]),
            opts.signal,
          ),
        );
      } catch (e) {
        if (!(e instanceof SourceFailure)) throw e;
        errs.fileError(
          'source-error',
          `the reference table "${fk.resource}" cannot be read: ${e.message}`,
          { resource: fk.resource, reason: e.ref ?? e.message },
          'source.reference-unreadable',
        );
      }
    }
  }

  /** A row's foreign keys, from its logical values (`colOf`: the column of each schema field). */
  row(schema: CompiledSchema, colOf: number[], values: unknown[], rowNumber: number, cells: string[]): void {
    for (let n = 0; n < schema.foreignKeys.length; n++) {
      const fk = schema.foreignKeys[n];
      const self = this.selfRefs.find((s) => s.fk === n);
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
      const ref = this.references.get(n);
      if (ref && !ref.has(k)) {
        this.errs.slot = slotOf(P_FK, n);
        this.error(
          rowNumber,
          fk.local.map((i) => schema.fields[i].name),
          fk.local.map((i) => cells[colOf[i]]),
          fk.resource,
        );
      }
    }
  }

  /** The file was read: the self-references whose key never appeared in the table. */
  end(schema: CompiledSchema): void {
    this.errs.slot = slotOf(P_SELF_FK);
    for (const s of this.selfRefs) {
      const fk = schema.foreignKeys[s.fk];
      for (const p of s.pending)
        if (!s.set.hasHash(p.a, p.b))
          this.error(
            p.row,
            fk.local.map((i) => schema.fields[i].name),
            p.cell.split(', '),
            '',
          );
    }
  }

  // a row error, as frictionless reports it (no field position)
  private error(row: number, names: string[], raws: string[], resource: string) {
    this.errs.add(
      'foreign-key',
      row,
      null,
      names.join(', '),
      raws.join(', '),
      `not found in ${resource || 'this table'}`,
      `Row at position "${row}" violates the foreign key: for "${names.join(', ')}": values "${raws.join(', ')}" not found in the lookup table${resource ? ` "${resource}"` : ''}`,
      { resource },
    );
  }
}
