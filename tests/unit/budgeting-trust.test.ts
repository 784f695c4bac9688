/**
 * Spreadsheet-bound budgeting CSVs never carry a live formula, and Decidim's HTML descriptions import as the text a
 * reader sees (paragraphs kept).
 */
import { describe, expect, it } from 'vitest';
import { csvField } from '../../electron/core/budgeting/implementation';
import { neutralizeText as neutraliseText } from '../../electron/core/neutralize';
import { htmlToText } from '../../electron/core/budgeting/proposals-import';
import { foldName } from '../../electron/core/budgeting/rules/votes';

describe('accountability CSV cells', () => {
  it('puts an apostrophe before text that a spreadsheet would run as a formula (= + - @, a leading tab or CR)', () => {
    expect(['=HYPERLINK("http://x")', '+40 256', '-1', '@SUM(A1)', '\tx', '\rx'].map(neutraliseText)).toEqual([
      '\'=HYPERLINK("http://x")',
      "'+40 256",
      "'-1",
      "'@SUM(A1)",
      "'\tx",
      "'\rx",
    ]);
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('=A1;B1')).toBe(`"'=A1;B1"`);
    // Plain text and numbers stay as they are (a negative longitude is a number, not text).
    expect(csvField('Parc în Cetate')).toBe('Parc în Cetate');
    expect(csvField(-21.2)).toBe('-21.2');
  });
});

describe('Decidim descriptions', () => {
  it('strips the HTML to text, keeping paragraphs, line breaks and list items', () => {
    const html =
      '<p>Un parc <strong>nou</strong> &amp; umbră.</p>\n<p>Include:</p><ul><li>bănci</li><li>arbori</li></ul><p>Linia 1<br>Linia 2&nbsp;&#350;i &#x219;</p>';
    expect(htmlToText(html)).toBe('Un parc nou & umbră.\n\nInclude:\n\n- bănci\n- arbori\n\nLinia 1\nLinia 2 Şi ș');
    expect(htmlToText('fără etichete, 3 < 4')).toBe('fără etichete, 3 < 4');
  });
});

describe('names as people write them', () => {
  it('folds case, diacritics and spaces so "ZONA  Ștefan" matches "zona stefan"', () => {
    expect(foldName('  ZONA  Ștefan cel Mare ')).toBe(foldName('zona stefan cel mare'));
  });
});
