import { describe, expect, it } from 'vitest';
import { datasetMessage, validationText } from '../../electron/contract/datasets-messages';
import type { MessageRef } from '../../electron/contract/datasets-messages';
import { call, freshCore, ok, signIn, snapshot } from './helpers';

/**
 * What the app's validation screen gets: a file imported into a dataset without a schema comes back "valid, with N
 * warnings to review" (never simply valid), and every text of the report and of the module's refusals is a catalogue
 * key with parameters that the screen shows in Romanian (or English) — no English sentence for the renderer to guess.
 */
const NOW = new Date('2026-03-10T09:00:00Z');

async function setup() {
  const env = await freshCore({ now: () => NOW });
  const coord = await signIn(env.core, 'coordinator');
  const d = await ok(
    env.core,
    'datasets.save',
    { name: 'Contracte de achiziții', slug: 'contracte', holderInstitution: 'Primăria Municipiului Timișoara' },
    coord,
  );
  return { ...env, coord, d };
}
type Env = Awaited<ReturnType<typeof setup>>;

async function importAndProcess(env: Env, csv: string) {
  const imp = await ok(
    env.core,
    'datasets.importFile',
    { datasetId: env.d.id, fileName: 'contracte.csv', contentBase64: Buffer.from(csv).toString('base64') },
    env.coord,
  );
  const { jobId } = await ok(env.core, 'datasets.processImport', { importId: imp.id, encoding: 'utf-8' }, env.coord);
  expect((await env.core.waitForJob(jobId)).status).toBe('done');
  return { imp, detail: await ok(env.core, 'datasets.getImport', { importId: imp.id }, env.coord) };
}

/** Amounts with "xx" in rows 4, 9 and 15 and decimal commas in rows 6 and 12; dates ISO or dd.mm.yyyy. */
function messyCsv() {
  const lines = ['nr,valoare,data'];
  for (let row = 2; row <= 21; row++)
    lines.push(`${row - 1},${[4, 9, 15].includes(row) ? 'xx' : [6, 12].includes(row) ? `"${row},5"` : `${row}.5`},${row % 4 ? '2024-05-02' : '02.05.2024'}`);
  return `${lines.join('\n')}\n`;
}

describe('the validation screen of a dataset without a schema', () => {
  it('a messy file is valid with warnings to review, each in Romanian with its rows', async () => {
    const env = await setup();
    const { detail } = await importAndProcess(env, messyCsv());
    expect(detail).toMatchObject({ status: 'processed', valid: true, errorCount: 0 });
    const w = detail.report!.warnings!;
    expect(w.map((x) => [x.code, x.fieldName])).toEqual([
      ['mostly-number', 'valoare'],
      ['mixed-decimal', 'valoare'],
      ['mixed-date-format', 'data'],
    ]);
    expect(datasetMessage('ro', 'verdict.valid-warnings', { n: w.length })).toBe('Fișierul este valid, cu 3 avertismente de verificat.');
    expect(datasetMessage('ro', `warning.${w[0].code}`, w[0].params)).toBe(
      'coloana «valoare»: 85 % numere; 3 celule nu sunt numere: rândurile 4, 9, 15 (de ex. «xx», «xx», «xx»)',
    );
    expect(datasetMessage('en', `warning.${w[0].code}`, w[0].params)).toBe(
      'column "valoare": 85 % numbers; 3 cells are not numbers: rows 4, 9, 15 (e.g. "xx", "xx", "xx")',
    );
  });

  it('a clean file has no warnings; with a schema the schema decides and outliers are errors', async () => {
    const env = await setup();
    const clean = await importAndProcess(env, 'nr,valoare\n1,2.5\n2,3.75\n3,4\n');
    expect(clean.detail.report).toMatchObject({ valid: true, warnings: [] });
    const d = await ok(env.core, 'datasets.get', { id: env.d.id }, env.coord);
    await ok(
      env.core,
      'datasets.saveSchema',
      {
        id: d.id,
        expectedUpdatedAt: d.updatedAt,
        schema: {
          fields: [
            { name: 'nr', type: 'integer' },
            { name: 'valoare', type: 'number' },
            { name: 'data', type: 'date' },
          ],
        },
      },
      env.coord,
    );
    const typed = await importAndProcess(env, messyCsv());
    expect(typed.detail.valid).toBe(false);
    expect(typed.detail.report!.warnings).toBeUndefined();
    const e = typed.detail.report!.errors[0]!;
    expect(e).toMatchObject({ type: 'type-error', rowNumber: 4, fieldName: 'valoare', cell: 'xx', params: { type: 'number' } });
    expect(validationText('ro', e)).toBe('Valoarea «xx» din rândul 4, câmpul «valoare» (coloana 2) nu este număr');
    expect(validationText('en', e)).toBe('The value "xx" in row 4, field "valoare" (column 2) is not a number');
  });
});

describe('the module speaks through the catalogue', () => {
  it('the encoding evidence of an upload is a catalogue text: "octeți non-ASCII" in Romanian', async () => {
    const env = await setup();
    const imp = await ok(
      env.core,
      'datasets.importFile',
      { datasetId: env.d.id, fileName: 'a.csv', contentBase64: Buffer.from('oraș\nTimișoara\n').toString('base64') },
      env.coord,
    );
    expect(imp.detected!.why).toEqual({ key: 'encoding.utf-8', params: { nonAscii: 4 } });
    expect(datasetMessage('ro', imp.detected!.why!.key, imp.detected!.why!.params)).toBe('4 octeți non-ASCII, toți UTF-8 valid');
  });

  it('a failed import says why in Romanian; a step naming a missing column is refused naming the step', async () => {
    const env = await setup();
    const { detail } = await importAndProcess(env, '\u0000\u0001\u0002binar');
    expect(detail.status).toBe('failed');
    expect(validationText('ro', detail.report!.errors[0]!)).toBe('Fișierul este binar (are octeți NUL sau de control), nu un text CSV');

    const good = await importAndProcess(env, 'nr,valoare\n1,2\n');
    const before = await snapshot(env.dataDir);
    const r = await call(env.core, 'datasets.previewSteps', { importId: good.imp.id, steps: [{ op: 'trim', fields: ['suma'] }] }, env.coord);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const ref = r.error.details!.ref as MessageRef;
    expect(datasetMessage('ro', ref.key, ref.params)).toBe('pasul 1 (spații): nu există coloana «suma» (coloane: nr, valoare)');
    expect(await snapshot(env.dataDir)).toEqual(before);
  });

  it('"ready" is refused with the reasons as codes, shown in Romanian', async () => {
    const env = await setup();
    await importAndProcess(env, 'nr,valoare\n1,x\n2\n'); // row 3 lacks a cell: 1 error (repeated rows are not checked by default, as in frictionless)
    const d = await ok(env.core, 'datasets.get', { id: env.d.id }, env.coord);
    const before = await snapshot(env.dataDir);
    const r = await call(
      env.core,
      'datasets.save',
      { name: d.name, slug: d.slug, holderInstitution: d.holderInstitution, id: d.id, expectedUpdatedAt: d.updatedAt, publicationStatus: 'ready' },
      env.coord,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const ref = r.error.details!.ref as MessageRef;
    expect(ref).toEqual({ key: 'error.not-ready', params: { status: 'ready', blockers: [{ key: 'blocker.errors', params: { n: 1 } }] } });
    expect(datasetMessage('ro', ref.key, ref.params)).toBe(
      'Setul de date nu poate fi marcat «Gata de publicare»: ultimul fișier are erori de validare (1 eroare)',
    );
    expect(await snapshot(env.dataDir)).toEqual(before);
  });
});
