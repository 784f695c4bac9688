import { afterAll, describe, expect, it } from 'vitest';
import { detectEncoding, readRows, validateFile } from '../../electron/core/datasets/validate';
import { encodeIso16, encodeWith, tempDir } from './datasets-helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

async function rowsOf(file: string, encoding?: 'auto' | 'utf-8' | 'windows-1250' | 'iso-8859-2' | 'iso-8859-16') {
  const out: string[][] = [];
  for await (const r of readRows(file, { encoding })) out.push(r.cells);
  return out;
}

describe('encodings of Romanian files', () => {
  it('UTF-8 with a BOM: detected by the BOM, and the BOM is not part of the first label', async () => {
    const f = tmp.write('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('oraș,stradă\nTimișoara,Piața Unirii\n')]));
    const r = await validateFile(f);
    expect(r.encoding).toMatchObject({ encoding: 'utf-8-sig', method: 'bom', confidence: 'high' });
    expect(r.header).toEqual(['oraș', 'stradă']);
    expect(r.valid).toBe(true);
  });

  it('UTF-8 without a BOM: strict decoding succeeds, so UTF-8 is certain', async () => {
    const f = tmp.write('utf8.csv', 'oraș,țară\nTimișoara,România\n');
    const d = detectEncoding(Buffer.from('oraș,țară\nTimișoara,România\n'));
    expect(d).toMatchObject({ encoding: 'utf-8', method: 'utf-8', confidence: 'high', candidates: [] });
    expect(await rowsOf(f)).toEqual([
      ['oraș', 'țară'],
      ['Timișoara', 'România'],
    ]);
  });

  it('Windows-1250 with cedilla letters and Romanian quotes: chosen over ISO-8859-16 by the „ ” bytes, with the evidence per candidate', async () => {
    const text = 'localitate;observaţii\nTimişoara;Piaţa „Unirii” şi ţara\nLugoj;Ştrand, Ţesătorie\n';
    const f = tmp.write('cp1250.csv', encodeWith('windows-1250', text));
    const r = await validateFile(f);
    expect(r.encoding?.encoding).toBe('windows-1250');
    expect(r.encoding?.method).toBe('scored');
    expect(r.encoding?.confidence).toBe('medium');
    const by = Object.fromEntries(r.encoding!.candidates.map((c) => [c.encoding, c]));
    expect(by['windows-1250'].cedilla).toBe(7); // ţ ş ţ ş ţ Ş Ţ
    expect(by['windows-1250'].punctuation).toBe(2);
    expect(by['iso-8859-16'].suspicious).toBeGreaterThan(0); // 0x84 0x94 are control characters there
    expect(by['windows-1250'].score).toBeGreaterThan(by['iso-8859-16'].score);
    expect(await rowsOf(f)).toEqual([
      ['localitate', 'observaţii'],
      ['Timişoara', 'Piaţa „Unirii” şi ţara'],
      ['Lugoj', 'Ştrand, Ţesătorie'],
    ]);
    expect(r.stats.delimiter).toBe(';');
  });

  it('ISO-8859-16 (comma-below ș ț, „ ” and € at their own bytes): detected and decoded, although Node’s TextDecoder lacks it', async () => {
    const text = 'denumire,preț\nȘcoala „Ion Vidu”,12 €\nȚesătoria din Timișoara,ă â î\n';
    const f = tmp.write('iso16.csv', encodeIso16(text));
    expect(() => new TextDecoder('iso-8859-16')).toThrow();
    const r = await validateFile(f);
    expect(r.encoding?.encoding).toBe('iso-8859-16');
    expect(r.encoding?.confidence).toBe('medium');
    expect(await rowsOf(f)).toEqual([
      ['denumire', 'preț'],
      ['Școala „Ion Vidu”', '12 €'],
      ['Țesătoria din Timișoara', 'ă â î'],
    ]);
  });

  it('ISO-8859-2: scores the same as Windows-1250 (the same Romanian letters at the same bytes), reads the same text, and --encoding iso-8859-2 is taken as given', async () => {
    const f = tmp.write('latin2.csv', encodeWith('iso-8859-2', 'nume\nŞtefan Ţuţea ăâî\n'));
    const auto = await validateFile(f);
    const by = Object.fromEntries(auto.encoding!.candidates.map((c) => [c.encoding, c]));
    expect(by['iso-8859-2'].score).toBe(by['windows-1250'].score);
    expect(auto.encoding?.encoding).toBe('windows-1250');
    expect(await rowsOf(f)).toEqual([['nume'], ['Ştefan Ţuţea ăâî']]);
    const forced = await validateFile(f, { encoding: 'iso-8859-2' });
    expect(forced.encoding).toMatchObject({ encoding: 'iso-8859-2', method: 'user' });
    expect(await rowsOf(f, 'iso-8859-2')).toEqual([['nume'], ['Ştefan Ţuţea ăâî']]);
  });

  it('the same bytes are cedilla in Windows-1250 and comma-below in ISO-8859-16: with nothing else to go by the decision is "ambiguous" and the user settles it', async () => {
    const bytes = encodeWith('windows-1250', 'nume\nşcoală ţară\n');
    const d = detectEncoding(bytes);
    expect(d.confidence).toBe('ambiguous');
    expect(d.reason).toMatch(/confirm/);
    const f = tmp.write('ambiguous.csv', bytes);
    expect(await rowsOf(f, 'iso-8859-16')).toEqual([['nume'], ['școală țară']]);
    expect(await rowsOf(f, 'windows-1250')).toEqual([['nume'], ['şcoală ţară']]);
  });

  it('a Windows-1250 file read as UTF-8 on the user’s word gives an encoding-error naming the row, and reading goes on', async () => {
    const f = tmp.write('wrong.csv', encodeWith('windows-1250', 'a,b\n1,x\n2,Timişoara\n3,y\n'));
    const r = await validateFile(f, { encoding: 'utf-8' });
    expect(r.valid).toBe(false);
    expect(r.fatal).toBe(false);
    expect(r.errorCounts['encoding-error']).toBe(1);
    expect(r.errors[0]).toMatchObject({ type: 'encoding-error' });
    expect(r.errors[0].message).toMatch(/not valid utf-8/);
    expect(r.stats.rows).toBe(3);
  });

  it('an ASCII-only file is UTF-8 (readable the same in every candidate)', () => {
    expect(detectEncoding(Buffer.from('a,b\n1,2\n'))).toMatchObject({ encoding: 'utf-8', method: 'ascii' });
  });
});
