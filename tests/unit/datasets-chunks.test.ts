/**
 * The validator reads a file 1 MB at a time, decodes and parses it 64 KB at a time, and splits a line without a quote
 * by indexOf while a line with quotes, or one cut by a slice's end, goes through the character state machine. Whatever
 * path a row takes, the report must be the same: these tests move a block of tricky rows (quotes, embedded line
 * breaks, CRLF, an empty line, missing and extra cells, two-, three- and four-byte UTF-8 characters, a file cut inside
 * a quote, a byte that is not UTF-8) across the slice and read boundaries one byte at a time and compare the reports.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { validateFile, type Report, type TableSchema } from '../../electron/core/datasets/validate';
import { tempDir } from './datasets-helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const SLICE = 1 << 16;
const READ = 1 << 20;
const FILLER_ROWS = 400;
const MULTI = 'ș„ț”😀';

const schema: TableSchema = {
  fields: [
    { name: 'id', type: 'integer' },
    { name: 'text', type: 'string' },
    { name: 'tag', type: 'string', constraints: { enum: ['plain', MULTI] } },
    { name: 'n', type: 'integer' },
  ],
};

/** The tricky rows (row numbers follow the filler); `cut`: the file ends inside a quote; `badByte`: a 0xFF in row 2 of the block. */
function block(o: { cut?: boolean; badByte?: boolean } = {}): Buffer {
  return Buffer.concat([
    Buffer.from(`100001,"quoted, with ""quotes""\nand a line break",${MULTI},1\r\n`),
    Buffer.from('100002,pla'),
    Buffer.from(o.badByte ? [0xff] : []),
    Buffer.from('in text,plain,2\r\n\r\n100003,short\n100004,extra,plain,4,surplus\n'),
    Buffer.from(`100005,"${MULTI} in quotes",${MULTI},5\n`),
    Buffer.from(o.cut ? `100006,"cut inside a quote, ${MULTI}, never closed\n100007,x,plain,7\n` : '100006,end,plain,6\n'),
  ]);
}

/** Header and filler rows of exactly `bytes` bytes (always FILLER_ROWS rows, so row numbers do not move). */
function prefix(bytes: number, bom: boolean): Buffer {
  const head = `${bom ? '\uFEFF' : ''}id,text,tag,n\n`;
  const rows = Array.from({ length: FILLER_ROWS }, (_, i) => `${i + 1},filler,plain,${i}\n`);
  const used = Buffer.byteLength(head) + rows.reduce((a, r) => a + r.length, 0);
  const pad = bytes - used;
  if (pad < 0) throw new Error('the filler is longer than the prefix asked for');
  // the padding goes into the filler's text cells, spread evenly (each row stays short and plain)
  const each = Math.floor(pad / FILLER_ROWS);
  const rest = pad - each * FILLER_ROWS;
  const padded = rows.map((r, i) => r.replace(',filler,', `,filler${'x'.repeat(each + (i < rest ? 1 : 0))},`));
  return Buffer.from(head + padded.join(''));
}

/** The report without what depends on where the bytes are (the file's size, the time taken, the encoding sample's evidence; the encoding chosen stays). */
const comparable = (r: Report) => ({ ...r, stats: { ...r.stats, bytes: 0, seconds: 0 }, encoding: r.encoding?.encoding });

async function reportWithBoundaryAt(at: number, boundary: number, o: { cut?: boolean; badByte?: boolean; bom?: boolean } = {}): Promise<Report> {
  const file = tmp.write('shifted.csv', Buffer.concat([prefix(boundary - at, o.bom === true), block(o)]));
  return validateFile(file, { schema, encoding: o.badByte ? 'utf-8' : 'auto' });
}

describe('the validator gives the same report wherever the chunk boundaries fall', () => {
  it('the tricky rows read as frictionless reads them: a blank row, two missing cells, an extra cell, every multi-byte cell intact', async () => {
    const r = await reportWithBoundaryAt(0, SLICE);
    const blockRow = FILLER_ROWS + 2;
    expect(r.errorCounts).toEqual({ 'blank-row': 1, 'extra-cell': 1, 'missing-cell': 2 });
    expect(r.errors.map((e) => [e.type, e.rowNumber, e.fieldName])).toEqual([
      ['blank-row', blockRow + 2, null],
      ['missing-cell', blockRow + 3, 'tag'],
      ['missing-cell', blockRow + 3, 'n'],
      ['extra-cell', blockRow + 4, null],
    ]);
    expect(r.stats.rows).toBe(FILLER_ROWS + 7);
  });

  it('moving the 64 KB slice boundary across every byte of the tricky rows changes nothing in the report', async () => {
    const len = block().length;
    const first = comparable(await reportWithBoundaryAt(0, SLICE));
    for (let at = 1; at <= len; at++) expect(comparable(await reportWithBoundaryAt(at, SLICE)), `boundary at byte ${at} of the block`).toEqual(first);
  });

  it('the same with a BOM at the start, and across the 1 MB read boundary', async () => {
    const len = block().length;
    const first = comparable(await reportWithBoundaryAt(0, SLICE, { bom: true }));
    expect(first.header).toEqual(['id', 'text', 'tag', 'n']);
    for (let at = 1; at <= len; at++) expect(comparable(await reportWithBoundaryAt(at, SLICE, { bom: true })), `BOM, boundary at byte ${at}`).toEqual(first);
    const far = comparable(await reportWithBoundaryAt(0, READ));
    for (let at = 1; at <= len; at += 5) expect(comparable(await reportWithBoundaryAt(at, READ)), `1 MB boundary at byte ${at}`).toEqual(far);
  });

  it('a file cut inside a quote: the same source-error naming the row the quote opened in, wherever the boundary falls', async () => {
    const len = block({ cut: true }).length;
    const first = comparable(await reportWithBoundaryAt(0, SLICE, { cut: true }));
    const opened = first.errors.filter((e) => e.type === 'source-error');
    expect(opened).toHaveLength(1);
    expect(opened[0].message).toContain(`row ${FILLER_ROWS + 8}`);
    for (let at = 1; at <= len; at++)
      expect(comparable(await reportWithBoundaryAt(at, SLICE, { cut: true })), `cut file, boundary at byte ${at}`).toEqual(first);
  });

  it('a byte that is not UTF-8: one encoding-error at or before its row, and every other error the same wherever the boundary falls', async () => {
    const len = block({ badByte: true }).length;
    const badRow = FILLER_ROWS + 3;
    const others = (r: Report) => {
      const c = comparable(r);
      return { ...c, errors: c.errors.filter((e) => e.type !== 'encoding-error'), stats: { ...c.stats, errors: 0 }, valid: null };
    };
    const first = await reportWithBoundaryAt(0, SLICE, { badByte: true });
    for (let at = 0; at <= len; at++) {
      const r = await reportWithBoundaryAt(at, SLICE, { badByte: true });
      const enc = r.errors.filter((e) => e.type === 'encoding-error');
      expect(enc, `boundary at byte ${at}`).toHaveLength(1);
      expect(enc[0].rowNumber, `boundary at byte ${at}`).toBeLessThanOrEqual(badRow);
      expect(r.errorCounts['encoding-error']).toBe(1);
      expect(others(r), `boundary at byte ${at}`).toEqual(others(first));
    }
  });
});
