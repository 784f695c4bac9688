import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cellText, readSheet } from '../../electron/core/excel-import';
import { decodeUtf8 } from '../../electron/core/exceljs-utf8';

/**
 * A big attendance list full of ș ț ă imports letter for letter: ExcelJS's streaming reader decoded each chunk
 * of a part on its own, so a two-byte letter split by a chunk boundary came out as "��" (exceljs #2084, #2316).
 * The names below are almost all two-byte letters, so every chunk boundary of the part falls inside one.
 */

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pla-utf8-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Row n's name: distinct (so shared strings do not collapse them), ~120 bytes of two-byte letters. */
const nameOf = (n: number) => `${'ș'.repeat(1 + (n % 7))}${'țăâî'.repeat(14)}${n}Ș${'ț'.repeat(n % 5)}`;
const ROWS = 3000; // ~400 KB of XML: some 25 chunk boundaries

async function writeList(file: string, sharedStrings: boolean): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: sharedStrings });
  const ws = wb.addWorksheet('Prezență');
  ws.addRow(['Nume']).commit();
  for (let n = 0; n < ROWS; n++) ws.addRow([nameOf(n)]).commit();
  ws.commit();
  await wb.commit();
}

describe('Romanian letters at a chunk boundary', () => {
  for (const shared of [true, false]) {
    it(`a ${ROWS}-row list ${shared ? 'with shared strings' : 'with the text in the sheet'} imports every name as written`, async () => {
      const file = path.join(dir, 'big.xlsx');
      await writeList(file, shared);
      const r = await readSheet<{ name: string }>(file, [{ key: 'name', headers: ['Nume'], required: true, schema: cellText() }]);
      expect(r.errors).toEqual([]);
      expect(r.rows).toHaveLength(ROWS);
      const garbled = r.rows.filter((row, n) => row.values.name !== nameOf(n));
      expect(garbled.map((g) => g.values.name).slice(0, 3)).toEqual([]);
      expect(r.rows.some((row) => row.values.name.includes('\uFFFD'))).toBe(false);
    });
  }

  it('the decoder keeps the bytes of a letter split between two chunks', async () => {
    const bytes = Buffer.from('<t>Ștefan Țiriac</t>', 'utf8');
    const split = bytes.indexOf(Buffer.from('Ș')) + 1; // between the two bytes of Ș
    async function* chunks() {
      yield bytes.subarray(0, split);
      yield bytes.subarray(split);
    }
    let text = '';
    for await (const t of decodeUtf8(chunks())) text += t;
    expect(text).toBe('<t>Ștefan Țiriac</t>');
  });
});
