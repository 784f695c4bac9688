import { describe, expect, it } from 'vitest';
import { CsvParser, detectDelimiter } from '../../electron/core/datasets/validate';

function parse(text: string, chunk = text.length || 1, o: { delimiter?: string; max?: number } = {}) {
  const rows: string[][] = [];
  const long: Array<[number, number]> = [];
  const p = new CsvParser({ delimiter: o.delimiter ?? ',', maxCellChars: o.max ?? 1e6, onRow: (r) => rows.push(r), onLongCell: (r, c) => long.push([r, c]) });
  for (let i = 0; i < text.length; i += chunk) p.push(text.slice(i, i + chunk));
  const end = p.end();
  return { rows, long, end };
}

describe('CSV parser', () => {
  const tricky = 'id,text,n\r\n1,"a, b",2\n2,"line one\r\nline two",3\r3,"say ""hi""",4\n4,,\n\n5,x"y,6';
  const expected = [
    ['id', 'text', 'n'],
    ['1', 'a, b', '2'],
    ['2', 'line one\r\nline two', '3'],
    ['3', 'say "hi"', '4'],
    ['4', '', ''],
    [''],
    ['5', 'x"y', '6'],
  ];

  it('reads quoted cells with delimiters, escaped quotes and line breaks, and CRLF / LF / CR endings mixed in one file', () => {
    expect(parse(tricky).rows).toEqual(expected);
  });

  it('gives the same rows however the text is cut into chunks (a row, a quote or a CRLF split between chunks)', () => {
    for (const size of [1, 2, 3, 5, 7, 11, 64]) expect(parse(tricky, size).rows, `chunks of ${size}`).toEqual(expected);
  });

  it('does not invent a row for the final line break, and keeps a last line without one', () => {
    expect(parse('a,b\n1,2\n').rows).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(parse('a,b\n1,2').rows).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(parse('a,b\r\n1,2\r\n', 4).rows).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('reports a quote that never closes, with the row it opened in', () => {
    const r = parse('a,b\n1,"open\n2,3\n', 3);
    expect(r.end.unclosedQuoteRow).toBe(2);
    expect(r.rows[1]).toEqual(['1', 'open\n2,3\n']);
  });

  it('cuts a cell longer than the limit and says where, in both the quoted and the unquoted path', () => {
    const quoted = parse(`h\n"${'x'.repeat(50)}"\n`, 7, { max: 10 });
    expect(quoted.rows[1][0]).toBe('x'.repeat(10));
    expect(quoted.long).toEqual([[2, 1]]);
    const plain = parse(`h,i\n${'y'.repeat(30)},1\n`, 1000, { max: 10 });
    expect(plain.rows[1]).toEqual(['y'.repeat(10), '1']);
    expect(plain.long).toEqual([[2, 1]]);
  });

  it('splits on semicolons and tabs', () => {
    expect(parse('a;b\n"1;2";3\n', 100, { delimiter: ';' }).rows).toEqual([
      ['a', 'b'],
      ['1;2', '3'],
    ]);
    expect(parse('a\tb\n1\t2\n', 100, { delimiter: '\t' }).rows).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });
});

describe('delimiter detection', () => {
  it('finds comma, semicolon (Romanian Excel, with decimal commas) and tab', () => {
    expect(detectDelimiter('a,b,c\n1,2,3\n4,5,6\n')).toBe(',');
    expect(detectDelimiter('nume;suma;data\nAna;1.234,56;31.12.2023\nIon;12,5;01.01.2024\n')).toBe(';');
    expect(detectDelimiter('a\tb\n1\t2\n')).toBe('\t');
  });

  it('ignores delimiters inside quotes', () => {
    expect(detectDelimiter('a;b\n"x, y, z";2\n"p, q";3\n')).toBe(';');
  });
});
