/**
 * The validator's error collector: every error is counted per code; the first `cap` errors by sort key are listed.
 * An error's sort key is row × 2^21 + slot, its slot being phase × 2^17 + position in the phase. The phases follow
 * the order in which one row is checked, so sorting by this key keeps the order the checks found the errors in, and
 * an error found later (by the merge of the key runs) lands where it would have been found. Errors that can no
 * longer be listed are only counted: nothing is built for them.
 */
import type { MessageParams } from '../../../contract/datasets-messages';
import type { ErrorCode, ValidationError } from './types';

const ROW_UNIT = 2 ** 21;
const PHASE_UNIT = 2 ** 17;
export const slotOf = (phase: number, at = 0) => phase * PHASE_UNIT + Math.min(at, PHASE_UNIT - 1);
export const P_SOURCE = 0; // file-level, header, reading problems (before the row they name)
export const P_BLANK = 1;
export const P_EXTRA = 2;
export const P_FIELD = 3; // 2 × field index (+1 for the field's unique check)
export const P_PK = 4;
export const P_UK = 5;
export const P_FK = 6;
export const P_DUP = 7;
export const P_SELF_FK = 8;
export const P_AFTER = 9;

const CELL_SHOWN = 200;
/** A cell as an error shows it: at most 200 characters, then "…". */
export const cut = (s: string) => (s.length > CELL_SHOWN ? `${s.slice(0, CELL_SHOWN)}…` : s);

export class ErrorCollector {
  /** The listed errors: the `cap` first by sort key (`ords` runs alongside). */
  errors: ValidationError[] = [];
  private ords: number[] = [];
  /** Once the list was cut, an error sorting after this key can no longer be listed. */
  private cutOff = Infinity;
  readonly counts: Partial<Record<ErrorCode, number>> = {};
  total = 0;
  /** Slot (phase and position, see slotOf) of the errors added now. */
  slot = 0;

  constructor(readonly cap: number) {}

  /** Sorts the list by key and cuts it to `cap`. */
  keep(): void {
    const list = this.errors;
    const keys = this.ords;
    const order = keys.map((_, i) => i).sort((x, y) => keys[x] - keys[y] || x - y);
    const n = Math.min(this.cap, order.length);
    this.errors = order.slice(0, n).map((i) => list[i]);
    this.ords = order.slice(0, n).map((i) => keys[i]);
    if (order.length > n) this.cutOff = Math.min(this.cutOff, this.ords[n - 1] ?? -Infinity);
  }

  /** Whether an error in this row, at the current slot, could still be listed (else it is only counted, nothing built). */
  listable(rowNumber: number): boolean {
    return this.cap > 0 && rowNumber * ROW_UNIT + this.slot <= this.cutOff;
  }

  countOnly(type: ErrorCode): void {
    this.counts[type] = (this.counts[type] ?? 0) + 1;
    this.total++;
  }

  /**
   * Counts an error and lists it when it sorts among the first `cap`. `extra` adds to the catalogue parameters
   * (row, field, position, cell are always there); `key` names the catalogue text when it is not the error type.
   */
  add(
    type: ErrorCode,
    rowNumber: number | null,
    fieldNumber: number | null,
    fieldName: string | null,
    cell: string | null,
    note: string,
    message: string,
    extra?: MessageParams,
    key?: string,
  ): ValidationError | null {
    this.countOnly(type);
    const ord = (rowNumber ?? 0) * ROW_UNIT + this.slot;
    if (this.cap <= 0 || ord > this.cutOff) return null;
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
    this.errors.push(e);
    this.ords.push(ord);
    if (this.errors.length >= 2 * this.cap + 64) this.keep();
    return e;
  }

  /** An error about the whole file (no row, field or cell), at the current slot. */
  fileError(type: ErrorCode, message: string, params?: MessageParams, key?: string): void {
    this.add(type, null, null, null, null, '', message, params, key);
  }

  /** A reading problem thrown as a SourceFailure (or an issue of the same shape), at the current slot. */
  addFailure(e: { code: ErrorCode; message: string; ref?: { key: string; params?: MessageParams } }): void {
    this.fileError(e.code, e.message, e.ref?.params, e.ref?.key);
  }
}
