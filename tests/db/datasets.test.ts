import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CleaningStepInput, SaveDatasetInput, TableSchemaInput } from '../../electron/contract';
import type { Core } from '../../electron/core';
import { call, count, freshCore, ok, peek, signIn, snapshot } from './helpers';
import { dataFileBytes } from './postgres-stores';

const NOW = new Date('2026-03-10T09:00:00Z');
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'datasets-module');
const b64 = (name: string) => fs.readFileSync(path.join(FIXTURES, name)).toString('base64');

async function setup() {
  const env = await freshCore({ now: () => NOW });
  const coord = await signIn(env.core, 'coordinator');
  return { ...env, coord };
}
type Env = Awaited<ReturnType<typeof setup>>;

const datasetInput = (over: Partial<SaveDatasetInput> = {}): SaveDatasetInput => ({
  name: 'Parcuri și grădini publice',
  slug: 'parcuri-gradini',
  holderInstitution: 'Primăria Municipiului Timișoara',
  holderDepartment: 'Direcția de Mediu',
  description: 'Inventarul parcurilor, scuarurilor și grădinilor publice, cu suprafața și data inventarierii.',
  legalBasis: 'Legea 24/2007 privind spațiile verzi',
  containsPersonalData: false,
  format: 'XLSX',
  updateFrequency: 'monthly',
  publicationStatus: 'identified',
  scoreValue: 5,
  scoreDemand: 4,
  scoreReadiness: 3,
  scoreRisk: 2,
  hvdCategory: 'geospatial',
  responsiblePerson: 'Ana Ionescu',
  keywords: ['parcuri', 'spații verzi'],
  theme: 'ENVI',
  maintainer: 'Direcția de Mediu',
  maintainerEmail: 'mediu@primariatm.ro',
  spatial: 'Timișoara',
  temporalStart: '2018-01-01',
  temporalEnd: '2023-12-31',
  publicBaseUrl: 'https://data.timisoara.ro/date/parcuri-gradini',
  ...over,
});

/** The published form: ISO dates, '.' decimals, the neighbourhoods the city uses. */
const SCHEMA: TableSchemaInput = {
  fields: [
    { name: 'cod', type: 'integer', constraints: { required: true, unique: true } },
    { name: 'denumire', type: 'string', constraints: { required: true, pattern: '\\S(.*\\S)?' } },
    { name: 'cartier', type: 'string', constraints: { enum: ['Cetate', 'Elisabetin', 'Fabric', 'Iosefin', 'Freidorf'] } },
    { name: 'suprafata_mp', type: 'number', constraints: { minimum: 0 } },
    { name: 'data_inventar', type: 'date' },
    { name: 'email_contact', type: 'string' },
  ],
  primaryKey: ['cod'],
};

const FIX_STEPS: CleaningStepInput[] = [
  { op: 'trim', fields: [], collapse: true },
  { op: 'cedilla', fields: [] },
  { op: 'number', fields: ['suprafata_mp'], decimalChar: ',', groupChar: '.' },
  { op: 'date', fields: ['data_inventar'], format: '%d.%m.%Y' },
  { op: 'map', field: 'cartier', mapping: { fabric: 'Fabric' } },
];

async function newDataset(env: Env, over: Partial<SaveDatasetInput> = {}) {
  return ok(env.core, 'datasets.save', datasetInput(over), env.coord);
}

async function process(core: Core, conn: Env['coord'], importId: string, encoding: 'utf-8' | 'windows-1250' | 'iso-8859-2' | 'iso-8859-16' = 'windows-1250') {
  const { jobId } = await ok(core, 'datasets.processImport', { importId, encoding }, conn);
  const job = await core.waitForJob(jobId);
  expect(job.status).toBe('done');
  return ok(core, 'datasets.getImport', { importId }, conn);
}

/** A dataset with the schema and a messy Windows-1250 file imported (not processed yet). */
async function withMessyImport(env: Env) {
  let d = await newDataset(env);
  d = await ok(env.core, 'datasets.saveSchema', { id: d.id, expectedUpdatedAt: d.updatedAt, schema: SCHEMA }, env.coord);
  const imp = await ok(
    env.core,
    'datasets.importFile',
    { datasetId: d.id, fileName: 'parcuri-2023.csv', contentBase64: b64('parcuri-2023-cp1250.csv') },
    env.coord,
  );
  return { d, imp };
}

async function cleanAndValidate(env: Env) {
  const { d, imp } = await withMessyImport(env);
  let cur = await ok(env.core, 'datasets.get', { id: d.id }, env.coord);
  cur = await ok(env.core, 'datasets.saveSteps', { id: d.id, expectedUpdatedAt: cur.updatedAt, steps: FIX_STEPS }, env.coord);
  const detail = await process(env.core, env.coord, imp.id);
  return { d: cur, imp, detail };
}

describe('inventory (census, Law 179/2022)', () => {
  it('records a dataset with every inventory field, computes its priority score and ranks it', async () => {
    const env = await setup();
    const d = await newDataset(env);
    expect(d).toMatchObject({
      name: 'Parcuri și grădini publice',
      holderInstitution: 'Primăria Municipiului Timișoara',
      holderDepartment: 'Direcția de Mediu',
      legalBasis: 'Legea 24/2007 privind spațiile verzi',
      updateFrequency: 'monthly',
      publicationStatus: 'identified',
      hvdCategory: 'geospatial',
      responsiblePerson: 'Ana Ionescu',
      licenceId: 'CC-BY-4.0',
      keywords: ['parcuri', 'spații verzi'],
      priorityScore: 5 + 4 + 3 + (6 - 2),
      rank: 1,
    });
    const low = await newDataset(env, {
      slug: 'autorizatii',
      name: 'Autorizații de construire',
      scoreValue: 2,
      scoreDemand: 2,
      scoreReadiness: 2,
      scoreRisk: 4,
    });
    const tie = await newDataset(env, { slug: 'transport', name: 'Stații de transport', hvdCategory: 'mobility' });
    const list = await ok(env.core, 'datasets.list', {}, env.coord);
    const byId = Object.fromEntries(list.map((x) => [x.id, x]));
    expect([byId[d.id]!.rank, byId[tie.id]!.rank, byId[low.id]!.rank]).toEqual([1, 1, 2]);
    expect(byId[low.id]!.priorityScore).toBe(8);
    expect(await peek(env.dataDir, `select action from audit_log where entity = 'dataset'`)).toHaveLength(3);
  });

  it('takes the licence from the list (OGL-ROU-1.0 as an option) and refuses one that is not listed', async () => {
    const env = await setup();
    const d = await newDataset(env, { licenceId: 'OGL-ROU-1.0' });
    expect(d.licenceId).toBe('OGL-ROU-1.0');
    const before = await snapshot(env.dataDir);
    const r = await call(env.core, 'datasets.save', { ...datasetInput({ slug: 'alt' }), licenceId: 'MIT' }, env.coord);
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ field: 'licenceId' }] } } });
    expect(await snapshot(env.dataDir)).toEqual(before);
  });

  it.each([
    [{ scoreValue: 6 }, 'scoreValue', /from 1 to 5/],
    [{ scoreRisk: 2.5 }, 'scoreRisk', /whole number/],
    [{ slug: 'Parcuri Grădini' }, 'slug', /lowercase/],
    [{ maintainerEmail: 'mediu at primarie' }, 'maintainerEmail', /e-mail/],
    [{ temporalEnd: '2017-01-01' }, 'temporalEnd', /before the start/],
    [{ publicBaseUrl: 'data.timisoara.ro' }, 'publicBaseUrl', /http/],
    [{ name: '  ' }, 'name', /./],
    [{ publicationStatus: 'published' as const }, 'publicationStatus', /no file has been imported/],
  ])('refuses %o naming the field, and writes nothing', async (over, field, message) => {
    const env = await setup();
    const before = await snapshot(env.dataDir);
    const r = await call(env.core, 'datasets.save', datasetInput(over), env.coord);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION');
    const issue = r.error.details!.issues!.find((i) => i.field === field)!;
    expect(issue.message).toMatch(message);
    expect(await snapshot(env.dataDir)).toEqual(before);
  });

  it('refuses a second dataset with the same portal name, a stale edit and a viewer; deleting and undoing brings it back', async () => {
    const env = await setup();
    const d = await newDataset(env);
    const before = await snapshot(env.dataDir);
    expect(await call(env.core, 'datasets.save', datasetInput(), env.coord)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { issues: [{ field: 'slug', reason: 'duplicate' }] } },
    });
    const edited = await ok(env.core, 'datasets.save', { ...datasetInput({ name: 'Parcuri' }), id: d.id, expectedUpdatedAt: d.updatedAt }, env.coord);
    expect(edited.name).toBe('Parcuri');
    const audits = await count(env.dataDir, 'audit_log', "entity like 'dataset%'");
    expect(await call(env.core, 'datasets.save', { ...datasetInput({ name: 'Altceva' }), id: d.id, expectedUpdatedAt: d.updatedAt }, env.coord)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    const viewer = await signIn(env.core, 'viewer');
    expect(await call(env.core, 'datasets.save', datasetInput({ slug: 'x1' }), viewer)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await count(env.dataDir, 'audit_log', "entity like 'dataset%'")).toBe(audits);
    expect(await count(env.dataDir, 'datasets')).toBe(before.datasets);

    await ok(env.core, 'datasets.delete', { id: d.id, expectedUpdatedAt: edited.updatedAt }, env.coord);
    expect(await ok(env.core, 'datasets.list', {}, env.coord)).toEqual([]);
    expect(await call(env.core, 'datasets.get', { id: d.id }, env.coord)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await ok(env.core, 'datasets.restore', { id: d.id }, env.coord);
    expect((await ok(env.core, 'datasets.list', {}, env.coord)).map((x) => x.name)).toEqual(['Parcuri']);
    expect((await peek(env.dataDir, `select action from audit_log where entity = 'dataset' order by at`)).map((r) => (r as { action: string }).action)).toEqual(
      ['create', 'update', 'delete', 'restore'],
    );
  });
});

describe('periodic review (A3.4)', () => {
  it('dates the next review one update period after the last one, lists the overdue ones, and a review moves it on', async () => {
    const env = await setup();
    const monthly = await newDataset(env); // inventoried 2026-03-10
    const annual = await newDataset(env, { slug: 'buget', name: 'Execuția bugetară', updateFrequency: 'annual' });
    expect(monthly.nextReviewOn).toBe('2026-04-10');
    expect(annual.nextReviewOn).toBe('2027-03-10');
    expect(await ok(env.core, 'datasets.overdueReviews', { today: '2026-03-31' }, env.coord)).toEqual([]);
    const overdue = await ok(env.core, 'datasets.overdueReviews', { today: '2026-05-01' }, env.coord);
    expect(overdue.map((o) => [o.name, o.nextReviewOn, o.daysOverdue])).toEqual([['Parcuri și grădini publice', '2026-04-10', 21]]);
    const list = await ok(env.core, 'datasets.list', { today: '2026-05-01' }, env.coord);
    expect(list.find((x) => x.id === monthly.id)!.reviewOverdue).toBe(true);

    const reviewed = await ok(
      env.core,
      'datasets.recordReview',
      { id: monthly.id, expectedUpdatedAt: monthly.updatedAt, reviewedOn: '2026-03-09', note: 'Date actualizate' },
      env.coord,
    );
    expect(reviewed).toMatchObject({ lastReviewedOn: '2026-03-09', nextReviewOn: '2026-04-09', reviews: [{ on: '2026-03-09', note: 'Date actualizate' }] });
    const before = await snapshot(env.dataDir);
    expect(
      await call(env.core, 'datasets.recordReview', { id: monthly.id, expectedUpdatedAt: reviewed.updatedAt, reviewedOn: '2026-04-01' }, env.coord),
    ).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { issues: [{ field: 'reviewedOn', reason: 'future' }] } },
    });
    expect(
      await call(env.core, 'datasets.recordReview', { id: monthly.id, expectedUpdatedAt: reviewed.updatedAt, reviewedOn: '2026-03-01' }, env.coord),
    ).toMatchObject({
      ok: false,
      error: { details: { issues: [{ field: 'reviewedOn', reason: 'before_last' }] } },
    });
    expect(await snapshot(env.dataDir)).toEqual(before);
  });
});

describe('schema', () => {
  it('keeps a Table Schema with constraints and keys, and refuses one naming a missing field or reference table', async () => {
    const env = await setup();
    const d = await newDataset(env);
    const saved = await ok(env.core, 'datasets.saveSchema', { id: d.id, expectedUpdatedAt: d.updatedAt, schema: SCHEMA }, env.coord);
    expect(saved.schema?.primaryKey).toEqual(['cod']);
    expect(saved.schema?.fields[2]!.constraints?.enum).toContain('Fabric');
    const before = await snapshot(env.dataDir);
    const bad = await call(
      env.core,
      'datasets.saveSchema',
      { id: d.id, expectedUpdatedAt: saved.updatedAt, schema: { ...SCHEMA, primaryKey: ['id'] } },
      env.coord,
    );
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ field: 'schema.primaryKey.0' }] } } });
    const fk = await call(
      env.core,
      'datasets.saveSchema',
      {
        id: d.id,
        expectedUpdatedAt: saved.updatedAt,
        schema: { ...SCHEMA, foreignKeys: [{ fields: ['cartier'], reference: { resource: 'cartiere', fields: ['nume'] } }] },
      },
      env.coord,
    );
    expect(fk).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { issues: [{ field: 'schema.foreignKeys.0.reference.resource', reason: 'not_found' }] } },
    });
    const badPattern = await call(
      env.core,
      'datasets.saveSchema',
      { id: d.id, expectedUpdatedAt: saved.updatedAt, schema: { fields: [{ name: 'a', constraints: { pattern: '([' } }] } },
      env.coord,
    );
    expect(badPattern).toMatchObject({ ok: false, error: { details: { issues: [{ field: 'schema.fields.0.constraints.pattern' }] } } });
    expect(await snapshot(env.dataDir)).toEqual(before);
  });

  it('keeps geopoint, duration, list and geojson fields as written, and refuses a format the type does not have, naming the field', async () => {
    const env = await setup();
    const d = await newDataset(env);
    const schema: TableSchemaInput = {
      fields: [
        { name: 'loc', type: 'geopoint', format: 'array' },
        { name: 'program', type: 'duration', constraints: { maximum: 'PT24H' } },
        { name: 'coduri_siruta', type: 'list', delimiter: ';', itemType: 'integer', constraints: { minLength: 1, maxLength: 3 } },
        { name: 'contur', type: 'geojson' },
      ],
    };
    const saved = await ok(env.core, 'datasets.saveSchema', { id: d.id, expectedUpdatedAt: d.updatedAt, schema }, env.coord);
    expect(saved.schema?.fields).toEqual(schema.fields);
    const before = await snapshot(env.dataDir);
    const wkt = await call(
      env.core,
      'datasets.saveSchema',
      { id: d.id, expectedUpdatedAt: saved.updatedAt, schema: { fields: [{ name: 'a' }, { name: 'loc', type: 'geopoint', format: 'wkt' }] } },
      env.coord,
    );
    expect(wkt).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ field: 'schema.fields.1', reason: 'invalid' }] } } });
    const badBound = await call(
      env.core,
      'datasets.saveSchema',
      { id: d.id, expectedUpdatedAt: saved.updatedAt, schema: { fields: [{ name: 'd', type: 'duration', constraints: { maximum: '24 de ore' } }] } },
      env.coord,
    );
    expect(badBound).toMatchObject({ ok: false, error: { details: { issues: [{ field: 'schema.fields.0', reason: 'invalid' }] } } });
    const badItem = await call(
      env.core,
      'datasets.saveSchema',
      { id: d.id, expectedUpdatedAt: saved.updatedAt, schema: { fields: [{ name: 'l', type: 'list', itemType: 'geojson' }] } },
      env.coord,
    );
    expect(badItem).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await snapshot(env.dataDir)).toEqual(before);
  });

  it('infers a draft schema from a sample of the imported file (after its cleaning steps)', async () => {
    const env = await setup();
    const { imp } = await cleanAndValidate(env);
    const draft = await ok(env.core, 'datasets.inferSchema', { importId: imp.id }, env.coord);
    const types = Object.fromEntries(draft.fields.map((f) => [f.name, f.type]));
    expect(types).toMatchObject({ cod: 'integer', denumire: 'string', suprafata_mp: 'number', data_inventar: 'date' });
  });
});

describe('import, encoding and validation', () => {
  it('detects Windows-1250 with its evidence, stores the file in the dataset folder and reports every problem by code', async () => {
    const env = await setup();
    const { d, imp } = await withMessyImport(env);
    expect(imp.status).toBe('uploaded');
    expect(imp.detected).toMatchObject({ encoding: 'windows-1250', delimiter: ';' });
    expect(imp.detected!.reason).toBeTruthy();
    const cp = imp.detected!.samples!.find((s) => s.encoding === 'windows-1250')!;
    expect(cp.lines.join('\n')).toMatch(/Grădina Botanică/);
    expect(imp.detected!.samples!.find((s) => s.encoding === 'utf-8')!.lines.join('\n')).not.toMatch(/Grădina/);
    const stored = await dataFileBytes(env.dataDir, `datasets/${d.id}/imports/${imp.id}/source.csv`);
    expect(stored).toEqual(fs.readFileSync(path.join(FIXTURES, 'parcuri-2023-cp1250.csv')));

    const detail = await process(env.core, env.coord, imp.id);
    expect(detail).toMatchObject({ status: 'processed', encoding: 'windows-1250', valid: false, rowCount: 9 });
    expect(detail.report!.counts['type-error']).toBe(9 + 4); // 9 dd.mm.yyyy dates + 4 decimal commas (12500,5 · 8200,75 · 1.250,25 · 6000,1)
    expect(detail.report!.counts['constraint-error']).toBeGreaterThanOrEqual(3); // fabric, "Iosefin  ", " Parcul Central "
    const typeErr = detail.report!.errors.find((e) => e.type === 'type-error' && e.fieldName === 'data_inventar')!;
    expect(typeErr).toMatchObject({ rowNumber: 2, cell: '31.12.2023' });
    expect(detail.flags).toMatchObject([{ kind: 'email', fieldName: 'email_contact', count: 1, reviewed: false, rowNumbers: [6] }]);
    expect(detail.flags[0]!.example).not.toBe('ion.popescu@example.ro');
    // the report lists only one code when asked
    const dates = await ok(env.core, 'datasets.getImport', { importId: imp.id, errorType: 'constraint-error' }, env.coord);
    expect(dates.report!.errors.every((e) => e.type === 'constraint-error')).toBe(true);
  });

  it('decodes with the encoding the person confirms', async () => {
    const env = await setup();
    const { imp } = await withMessyImport(env);
    const wrong = await process(env.core, env.coord, imp.id, 'utf-8');
    expect(wrong.report!.counts['encoding-error']).toBeGreaterThan(0);
    expect(wrong.valid).toBe(false);
    const right = await process(env.core, env.coord, imp.id, 'windows-1250');
    expect(right.report!.counts['encoding-error']).toBeUndefined();
  });

  it.each([
    ['notes.pdf', Buffer.from('%PDF-1.4').toString('base64'), 'fileName', /CSV .* or an Excel workbook/],
    ['gol.csv', '', 'contentBase64', /empty/],
    ['tabel.xlsx', Buffer.from('a;b\n1;2\n').toString('base64'), 'contentBase64', /not an Excel workbook/],
  ])('refuses %s naming the field and keeps nothing', async (fileName, contentBase64, field, message) => {
    const env = await setup();
    const d = await newDataset(env);
    const before = await snapshot(env.dataDir);
    const r = await call(env.core, 'datasets.importFile', { datasetId: d.id, fileName, contentBase64 }, env.coord);
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ field }] } } });
    if (!r.ok) expect(r.error.details!.issues![0]!.message).toMatch(message);
    expect(await snapshot(env.dataDir)).toEqual(before);
    expect(fs.existsSync(path.join(env.dataDir, 'datasets', d.id, 'imports'))).toBe(false);
  });

  it('a binary file named .csv is processed into a failed import saying why', async () => {
    const env = await setup();
    const d = await newDataset(env);
    const imp = await ok(
      env.core,
      'datasets.importFile',
      { datasetId: d.id, fileName: 'x.csv', contentBase64: Buffer.from([0, 1, 2, 3, 0, 0, 7, 8]).toString('base64') },
      env.coord,
    );
    const detail = await process(env.core, env.coord, imp.id, 'utf-8');
    expect(detail).toMatchObject({ status: 'failed', valid: false });
    expect(detail.failure).toMatch(/binary/);
    expect(detail.report!.counts).toEqual({ 'source-error': 1 });
  });

  it('checks foreign keys against a reference table kept as a small resource', async () => {
    const env = await setup();
    const refs = await ok(
      env.core,
      'datasets.saveReference',
      { name: 'cartiere', title: 'Cartierele Timișoarei', csv: 'nume,cod\nCetate,1\nElisabetin,2\nFabric,3\nIosefin,4\n' },
      env.coord,
    );
    expect(refs).toMatchObject({ columns: ['nume', 'cod'], rowCount: 4 });
    expect(await call(env.core, 'datasets.saveReference', { name: 'strazi', title: 'Străzi', csv: 'a,b\n1\n' }, env.coord)).toMatchObject({
      ok: false,
      error: { details: { issues: [{ field: 'csv', reason: 'ragged' }] } },
    });
    const { d, imp } = await withMessyImport(env);
    const fkSchema = {
      ...SCHEMA,
      fields: SCHEMA.fields.map((f) => (f.name === 'cartier' ? { name: 'cartier', type: 'string' as const } : f)),
      foreignKeys: [{ fields: ['cartier'], reference: { resource: 'cartiere', fields: ['nume'] } }],
    };
    let cur = await ok(env.core, 'datasets.get', { id: d.id }, env.coord);
    cur = await ok(env.core, 'datasets.saveSchema', { id: d.id, expectedUpdatedAt: cur.updatedAt, schema: fkSchema }, env.coord);
    await ok(env.core, 'datasets.saveSteps', { id: d.id, expectedUpdatedAt: cur.updatedAt, steps: FIX_STEPS }, env.coord);
    const detail = await process(env.core, env.coord, imp.id);
    expect(detail.report!.errors.filter((e) => e.type === 'foreign-key').map((e) => e.cell)).toEqual(['Freidorf']);
    const inUse = await call(env.core, 'datasets.deleteReference', { id: refs.id, expectedUpdatedAt: refs.updatedAt }, env.coord);
    expect(inUse).toMatchObject({ ok: false, error: { details: { issues: [{ reason: 'in_use' }] } } });
  });

  it('can be cancelled, leaving the import as it was', async () => {
    const env = await setup();
    const { imp } = await withMessyImport(env);
    const { jobId } = await ok(env.core, 'datasets.processImport', { importId: imp.id, encoding: 'windows-1250' }, env.coord);
    await ok(env.core, 'jobs.cancel', { id: jobId }, env.coord);
    const job = await env.core.waitForJob(jobId);
    expect(job.status).toBe('cancelled');
    const after = await ok(env.core, 'datasets.getImport', { importId: imp.id }, env.coord);
    expect(after).toMatchObject({ status: 'uploaded', report: null });
    expect(await count(env.dataDir, 'dataset_pd_flags')).toBe(0);
  });
});

describe('cleaning steps', () => {
  it('previews the first rows before and after with counts per step, and writes nothing', async () => {
    const env = await setup();
    const { imp } = await withMessyImport(env);
    const before = await snapshot(env.dataDir);
    const p = await ok(env.core, 'datasets.previewSteps', { importId: imp.id, steps: FIX_STEPS, limit: 3, encoding: 'windows-1250' }, env.coord);
    expect(p.before.rows[0]).toEqual(['1', '  Parcul   Central ', 'Cetate', '12500,5', '31.12.2023', '']);
    expect(p.after.rows[0]).toEqual(['1', 'Parcul Central', 'Cetate', '12500.5', '2023-12-31', '']);
    expect(p.before.rows).toHaveLength(3);
    expect(p.rowsIn).toBe(9);
    const byOp = Object.fromEntries(p.log.map((l) => [l.op, l]));
    expect(byOp.cedilla!.details).toEqual({ 'ţ→ț': 2, 'Ş→Ș': 1 });
    expect(byOp.number!.cellsChanged).toBe(4); // 12500,5 · 8200,75 · 1.250,25 · 6000,1
    expect(byOp.date!.cellsChanged).toBe(9);
    expect(byOp.map!.details).toEqual({ 'fabric→Fabric': 1 });
    expect(await snapshot(env.dataDir)).toEqual(before);
  });

  it('refuses a step naming a column that is not there, naming the step', async () => {
    const env = await setup();
    const { imp } = await withMessyImport(env);
    const r = await call(env.core, 'datasets.previewSteps', { importId: imp.id, steps: [{ op: 'drop', fields: ['telefon'] }] }, env.coord);
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ field: 'steps.0.fields' }] } } });
  });

  it('clusters near-duplicate values of a column for a person to approve as a mapping', async () => {
    const env = await setup();
    const { imp, d } = await withMessyImport(env);
    const cur = await ok(env.core, 'datasets.get', { id: d.id }, env.coord);
    await ok(env.core, 'datasets.saveSteps', { id: d.id, expectedUpdatedAt: cur.updatedAt, steps: [{ op: 'trim', fields: [], collapse: true }] }, env.coord);
    const clusters = await ok(env.core, 'datasets.clusterValues', { importId: imp.id, field: 'cartier', encoding: 'windows-1250' }, env.coord);
    expect(clusters).toEqual([
      {
        key: 'fabric',
        suggestion: 'Fabric',
        values: [
          { value: 'Fabric', count: 1 },
          { value: 'fabric', count: 1 },
        ],
      },
    ]);
  });

  it('after the steps the file validates clean; next month the steps replay and the import says what changed', async () => {
    const env = await setup();
    const { d, detail } = await cleanAndValidate(env);
    expect(detail).toMatchObject({ valid: true, errorCount: 0, columns: ['cod', 'denumire', 'cartier', 'suprafata_mp', 'data_inventar', 'email_contact'] });
    expect(detail.stepLog.find((l) => l.op === 'cedilla')!.details).toEqual({ 'ţ→ț': 2, 'Ş→Ș': 1 });
    const clean = (await dataFileBytes(env.dataDir, `datasets/${d.id}/imports/${detail.id}/clean.csv`)).toString('utf8');
    expect(clean.split('\n')[1]).toBe('1,Parcul Central,Cetate,12500.5,2023-12-31,');
    expect(clean).toContain('Scuarul Piața Unirii');

    const next = await ok(
      env.core,
      'datasets.importFile',
      { datasetId: d.id, fileName: 'parcuri-2024.csv', contentBase64: b64('parcuri-2024-cp1250.csv') },
      env.coord,
    );
    const replay = await process(env.core, env.coord, next.id);
    expect(replay.valid).toBe(true);
    expect(replay.stepLog.find((l) => l.op === 'date')!.cellsChanged).toBe(10);
    expect(replay.changes).toMatchObject({
      previousImportId: detail.id,
      rowsBefore: 9,
      rowsAfter: 10,
      rowsAdded: 2,
      rowsRemoved: 1,
      columnsAdded: [],
      columnsRemoved: [],
    });
  });

  it('splits, merges, drops, renames, changes case and dedupes', async () => {
    const env = await setup();
    const d = await newDataset(env);
    const csv = 'nume;adresa;tel\nion  popescu;Str. Mărășești 1;0722\nION POPESCU;Str. Mărășești 1;0722\nana pop;Bd. Revoluției 2;0733\n';
    const imp = await ok(
      env.core,
      'datasets.importFile',
      { datasetId: d.id, fileName: 'x.csv', contentBase64: Buffer.from(csv).toString('base64') },
      env.coord,
    );
    const p = await ok(
      env.core,
      'datasets.previewSteps',
      {
        importId: imp.id,
        encoding: 'utf-8',
        steps: [
          { op: 'trim', fields: ['nume'] },
          { op: 'case', fields: ['nume'], mode: 'title' },
          { op: 'split', field: 'nume', separator: ' ', into: ['prenume', 'familie'] },
          { op: 'merge', fields: ['familie', 'prenume'], separator: ' ', into: 'nume_complet' },
          { op: 'drop', fields: ['tel'] },
          { op: 'rename', from: 'adresa', to: 'adresă' },
          { op: 'dedupe', fields: [] },
        ],
      },
      env.coord,
    );
    expect(p.after.columns).toEqual(['nume_complet', 'adresă']);
    expect(p.after.rows).toEqual([
      ['Popescu Ion', 'Str. Mărășești 1'],
      ['Pop Ana', 'Bd. Revoluției 2'],
    ]);
    expect(p.log.find((l) => l.op === 'dedupe')!.rowsDropped).toBe(1);
    expect(p.rowsOut).toBe(2);
  });
});

describe('ready for publication', () => {
  it('is refused while the latest import has errors or unreviewed personal-data flags, saying why; allowed once both are settled', async () => {
    const env = await setup();
    const { d, imp } = await withMessyImport(env);
    await process(env.core, env.coord, imp.id);
    let cur = await ok(env.core, 'datasets.get', { id: d.id }, env.coord);
    const tryReady = (c: typeof cur) =>
      call(env.core, 'datasets.save', { ...datasetInput(), id: d.id, expectedUpdatedAt: c.updatedAt, publicationStatus: 'ready' }, env.coord);
    const before = await snapshot(env.dataDir);
    const r1 = await tryReady(cur);
    expect(r1).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ field: 'publicationStatus', reason: 'not_ready' }] } } });
    if (!r1.ok) expect(r1.error.message).toMatch(/validation error\(s\).*1 personal-data flag/);
    expect(await snapshot(env.dataDir)).toEqual(before);

    cur = await ok(env.core, 'datasets.saveSteps', { id: d.id, expectedUpdatedAt: cur.updatedAt, steps: FIX_STEPS }, env.coord);
    const stale = await tryReady(cur);
    if (!stale.ok) expect(stale.error.message).toMatch(/changed since the last validation/);
    expect(stale.ok).toBe(false);

    const detail = await process(env.core, env.coord, imp.id);
    expect(detail.valid).toBe(true);
    const r2 = await tryReady(cur);
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.error.message).toMatch(/1 personal-data flag\(s\) are not reviewed/);
    expect(r2.ok || r2.error.message.includes('validation error')).toBe(false);

    const noNote = await call(
      env.core,
      'datasets.reviewFlag',
      { id: detail.flags[0]!.id, expectedUpdatedAt: detail.flags[0]!.updatedAt, note: ' ' },
      env.coord,
    );
    expect(noNote).toMatchObject({ ok: false, error: { details: { issues: [{ field: 'note' }] } } });
    const flag = await ok(
      env.core,
      'datasets.reviewFlag',
      { id: detail.flags[0]!.id, expectedUpdatedAt: detail.flags[0]!.updatedAt, note: 'Adresă de serviciu a parcului, nu a unei persoane' },
      env.coord,
    );
    expect(flag).toMatchObject({ reviewed: true });
    const ready = await tryReady(cur);
    expect(ready).toMatchObject({ ok: true, value: { publicationStatus: 'ready', latestImport: { valid: true, unreviewedFlags: 0 } } });
  });

  it('counts published datasets for indicator I3.3, with the records that count', async () => {
    const env = await setup();
    const { d } = await cleanAndValidate(env);
    const detail = await ok(env.core, 'datasets.get', { id: d.id }, env.coord);
    const imp = await ok(env.core, 'datasets.getImport', { importId: detail.imports[0]!.id }, env.coord);
    for (const f of imp.flags) await ok(env.core, 'datasets.reviewFlag', { id: f.id, expectedUpdatedAt: f.updatedAt, note: 'verificat' }, env.coord);
    // the coordinator points I3.3 at the registry (a database migrated from before this module gets it from 0009)
    const i33 = (await ok(env.core, 'plan.listIndicators', {}, env.coord)).find((i) => i.code === 'I3.3')!;
    await ok(
      env.core,
      'plan.saveIndicator',
      {
        id: i33.id,
        expectedUpdatedAt: i33.updatedAt,
        commitmentId: i33.commitmentId,
        code: 'I3.3',
        name: i33.name,
        type: 'cumulative',
        target: 10,
        source: 'datasets.published',
      },
      env.coord,
    );
    const value = async () => (await ok(env.core, 'plan.listIndicators', {}, env.coord)).find((i) => i.code === 'I3.3')!.latest?.value ?? 0;
    expect(await value()).toBe(0);
    const pub = await ok(
      env.core,
      'datasets.save',
      { ...datasetInput(), id: d.id, expectedUpdatedAt: detail.updatedAt, publicationStatus: 'published' },
      env.coord,
    );
    expect(pub.publishedOn).toBe('2026-03-10');
    expect(await value()).toBe(1);
    const recs = await ok(env.core, 'plan.indicatorRecords', { id: i33.id }, env.coord);
    expect(recs).toMatchObject({ source: 'datasets.published', value: 1, records: [{ kind: 'dataset', id: d.id, date: '2026-03-10' }] });
    // deleted datasets do not count
    await ok(env.core, 'datasets.delete', { id: d.id, expectedUpdatedAt: pub.updatedAt }, env.coord);
    expect(await value()).toBe(0);
  });
});

describe('export', () => {
  it('writes the CSV (UTF-8, comma, "." decimal), the BOM copy, datapackage.json with hash and size, CKAN and DCAT-AP metadata', async () => {
    const env = await setup();
    const { d } = await cleanAndValidate(env);
    const { jobId } = await ok(env.core, 'datasets.exportPackage', { id: d.id, withBom: true }, env.coord);
    const job = await env.core.waitForJob(jobId);
    expect(job.status).toBe('done');
    const folder = path.join(env.dataDir, 'datasets', d.id, 'export');
    expect(fs.readdirSync(folder).sort()).toEqual([
      'ckan.json',
      'datapackage.json',
      'dcat.jsonld',
      'parcuri-gradini-excel.csv',
      'parcuri-gradini.csv',
      'schema.json',
    ]);
    const csv = fs.readFileSync(path.join(folder, 'parcuri-gradini.csv'));
    expect(csv[0]).not.toBe(0xef);
    expect(csv.toString('utf8').split('\n')[4]).toBe('4,Scuarul Piața Unirii,Cetate,1250.25,2023-09-20,');
    const bom = fs.readFileSync(path.join(folder, 'parcuri-gradini-excel.csv'));
    expect([...bom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bom.subarray(3)).toEqual(csv);

    const dp = JSON.parse(fs.readFileSync(path.join(folder, 'datapackage.json'), 'utf8'));
    const { createHash } = await import('node:crypto');
    expect(dp.resources[0]).toMatchObject({
      path: 'parcuri-gradini.csv',
      bytes: csv.length,
      hash: `sha256:${createHash('sha256').update(csv).digest('hex')}`,
      encoding: 'utf-8',
    });
    expect(dp.resources[0].schema.primaryKey).toEqual(['cod']);
    expect(dp.licenses).toEqual([{ name: 'CC-BY-4.0', path: 'https://creativecommons.org/licenses/by/4.0/', title: 'Creative Commons Attribution 4.0' }]);

    const ckan = JSON.parse(fs.readFileSync(path.join(folder, 'ckan.json'), 'utf8'));
    expect(ckan).toMatchObject({
      name: 'parcuri-gradini',
      title: 'Parcuri și grădini publice',
      license_id: 'CC-BY-4.0',
      maintainer: 'Direcția de Mediu',
      tags: [{ name: 'parcuri' }, { name: 'spații verzi' }],
    });
    expect(ckan.owner_org).toBe('primaria-municipiului-timisoara');
    expect(ckan.resources[0]).toMatchObject({
      url: 'https://data.timisoara.ro/date/parcuri-gradini/parcuri-gradini.csv',
      format: 'CSV',
      mimetype: 'text/csv',
      size: csv.length,
      hash: createHash('sha256').update(csv).digest('hex'),
    });
    expect(ckan.resources[0].last_modified).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(JSON.stringify(ckan)).not.toContain('Ana Ionescu'); // the responsible person is internal

    const dcat = JSON.parse(fs.readFileSync(path.join(folder, 'dcat.jsonld'), 'utf8'));
    const ds = dcat['@graph'][0];
    expect(ds['dcatap:hvdCategory']).toEqual({ '@id': 'http://data.europa.eu/bna/c_ac64a52d' });
    expect(ds['dcat:distribution']).toHaveLength(2);
    expect(JSON.stringify(dcat)).not.toContain('Ana Ionescu');
  });

  it('refuses to export a dataset without a processed file, naming why', async () => {
    const env = await setup();
    const d = await newDataset(env);
    const { jobId } = await ok(env.core, 'datasets.exportPackage', { id: d.id }, env.coord);
    const job = await env.core.waitForJob(jobId);
    expect(job).toMatchObject({ status: 'failed', error: { code: 'VALIDATION' } });
    expect(job.error!.message).toMatch(/import and validate a file first/);
    expect(fs.existsSync(path.join(env.dataDir, 'datasets', d.id, 'export'))).toBe(false);
  });
});
