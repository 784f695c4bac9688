import { afterAll, describe, expect, it } from 'vitest';
import { datasetMessage } from '../../electron/contract/datasets-messages';
import { validateFile, validateWithInference } from '../../electron/core/datasets/validate';
import { tempDir } from './datasets-helpers';

/**
 * Validation without a schema finds the obvious: a column that is mostly numbers, dates or booleans with a few
 * outliers, decimal commas beside decimal points, dates in two formats — each a warning the person reviews, with
 * the share of the column that fits and the outliers' rows. `valid` is unchanged (no type was declared).
 */
const tmp = tempDir();
afterAll(() => tmp.cleanup());

/**
 * 100 contracts (rows 2…101), each odd column failing the 90 % the inference needs, so every column is `string` and
 * the file used to be "valid": amounts with "xx" in rows 4, 17, 90 and "-" in rows 60–68 and decimal commas in rows
 * 10–24; dates ISO except rows 30–49 (dd.mm.yyyy); a true/false column with "nu știu" in rows 50–61.
 */
function messy() {
  const lines = ['nr,furnizor,valoare,data,activ'];
  for (let row = 2; row <= 101; row++) {
    const amount = [4, 17, 90].includes(row) ? 'xx' : row >= 60 && row <= 68 ? '-' : row >= 10 && row <= 24 ? `"${row},5"` : `${row}.25`;
    const day = String((row % 28) + 1).padStart(2, '0');
    const date = row >= 30 && row <= 49 ? `${day}.03.2024` : `2024-03-${day}`;
    lines.push(`${row - 1},Firma ${row % 7},${amount},${date},${row >= 50 && row <= 61 ? 'nu știu' : row % 2 ? 'true' : 'false'}`);
  }
  return tmp.write('messy.csv', `${lines.join('\n')}\n`);
}

describe('validation without a schema reports columns that are mostly one kind', () => {
  it('the messy contracts file is valid but never simply valid: every odd column is a warning with its rows', async () => {
    const r = await validateWithInference(messy());
    expect(r.schema?.fields.map((f) => f.type)).toEqual(['integer', 'string', 'string', 'string', 'string']);
    expect(r.valid).toBe(true);
    expect(r.errors).toEqual([]);
    const w = r.warnings ?? [];
    expect(w.map((x) => [x.code, x.fieldName])).toEqual([
      ['mostly-number', 'valoare'],
      ['mixed-decimal', 'valoare'],
      ['mixed-date-format', 'data'],
      ['mostly-boolean', 'activ'],
    ]);
    expect(w[0].params).toMatchObject({ percent: 88, outliers: 12, rows: [4, 17, 60, 61, 62, 63, 64, 65, 66, 67], cells: ['xx', 'xx', '-'], more: 2 });
    expect(datasetMessage('ro', 'warning.mostly-number', w[0].params)).toBe(
      'coloana «valoare»: 88 % numere; 12 celule nu sunt numere: rândurile 4, 17, 60, 61, 62, 63, 64, 65, 66, 67 și încă 2 (de ex. «xx», «xx», «-»)',
    );
    expect(w[0].message).toBe(
      'column "valoare": 88 % numbers; 12 cells are not numbers: rows 4, 17, 60, 61, 62, 63, 64, 65, 66, 67 and 2 more (e.g. "xx", "xx", "-")',
    );
    expect(datasetMessage('ro', 'warning.mixed-decimal', w[1].params)).toBe(
      'coloana «valoare»: numere scrise cu virgulă zecimală (14 celule, prima în rândul 10) și cu punct zecimal (74 de celule, prima în rândul 2); alegeți un singur separator (pasul de curățare „Număr → zecimale cu punct”)',
    );
    expect(datasetMessage('ro', 'warning.mixed-date-format', w[2].params)).toBe(
      'coloana «data»: date scrise în 2 formate — 2024-03-01 (ISO): 80 de celule (prima în rândul 2); 01.03.2024: 20 de celule (prima în rândul 30); alegeți un singur format (pasul de curățare „Dată → ISO”)',
    );
    expect(datasetMessage('ro', 'warning.mostly-boolean', w[3].params)).toBe(
      'coloana «activ»: 88 % valori true/false; 12 celule nu sunt true/false: rândurile 50, 51, 52, 53, 54, 55, 56, 57, 58, 59 și încă 2 (de ex. «nu știu», «nu știu», «nu știu»)',
    );
  });

  it('reports per column the share of cells that read as a number, a date and a boolean, over every row', async () => {
    const r = await validateWithInference(messy());
    const byName = Object.fromEntries((r.columns ?? []).map((c) => [c.fieldName, c]));
    expect(byName.valoare).toMatchObject({
      type: 'string',
      cells: 100,
      fits: { number: 0.88, date: 0, boolean: 0 },
      numbers: { decimalPoint: 74, decimalComma: 14 },
    });
    expect(byName.data).toMatchObject({ type: 'string', cells: 100, fits: { date: 1 }, dateFormats: { '%Y-%m-%d': 80, '%d.%m.%Y': 20 } });
    expect(byName.nr).toMatchObject({ type: 'integer', fits: { number: 1 } });
  });

  it('decimal points in a column inferred as decimal comma with "." groups are a warning beside the errors ("3.5" would read as 35)', async () => {
    const lines = ['cod,suma'];
    for (let i = 1; i <= 300; i++) lines.push(`${i},${i % 3 ? `"${i},5"` : `${i}.5`}`);
    const r = await validateWithInference(tmp.write('groups.csv', `${lines.join('\n')}\n`));
    expect(r.schema?.fields[1]).toMatchObject({ type: 'number', decimalChar: ',', groupChar: '.' });
    expect(r.warnings?.map((w) => [w.code, w.params.comma, w.params.point])).toEqual([['mixed-decimal', 200, 100]]);
  });

  it('an outlier after the sample is seen too: the profile reads every row, not the 100 the schema came from', async () => {
    const lines = ['cod,suma'];
    for (let i = 1; i <= 300; i++) lines.push(`${i},${i === 250 ? 'de stabilit' : i % 9 === 0 ? 'n/a' : `${i}.5`}`);
    const r = await validateWithInference(tmp.write('late.csv', `${lines.join('\n')}\n`));
    expect(r.schema?.fields[1].type).toBe('string');
    expect(r.valid).toBe(true);
    expect(r.warnings?.find((w) => w.code === 'mostly-number')?.params).toMatchObject({ outliers: 34, more: 24 });
  });

  it('what is not reported: a clean file, a consistent decimal comma, one non-ISO date format, codes with leading zeros, a text column', async () => {
    const lines = ['cod_postal,suma,zi,observatii'];
    for (let i = 1; i <= 50; i++)
      lines.push(
        `${
          i === 7
            ? 'fără'
            : String(300000 + i)
                .padStart(6, '0')
                .replace(/^3/, '0')
        },"${i}.234,${i % 10}0",${String((i % 28) + 1).padStart(2, '0')}.01.2024,${i % 5 ? 'text' : String(i)}`,
      );
    const r = await validateWithInference(tmp.write('fine.csv', `${lines.join('\n')}\n`));
    expect(r.valid).toBe(true);
    expect(r.warnings).toEqual([]);
    expect(r.schema?.fields.map((f) => [f.name, f.type, f.decimalChar ?? f.format ?? null])).toEqual([
      ['cod_postal', 'string', null],
      ['suma', 'number', ','],
      ['zi', 'date', '%d.%m.%Y'],
      ['observatii', 'string', null],
    ]);
  });

  it('with a schema the schema decides: no profile and no warnings (outliers of a typed column are type-errors)', async () => {
    const f = messy();
    const r = await validateWithInference(f, {
      schema: { fields: [{ name: 'nr', type: 'integer' }, { name: 'furnizor' }, { name: 'valoare' }, { name: 'data' }, { name: 'activ' }] },
    });
    expect(r.warnings).toBeUndefined();
    const plain = await validateFile(f);
    expect(plain.warnings).toBeUndefined();
  });
});
