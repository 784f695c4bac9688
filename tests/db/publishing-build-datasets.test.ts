import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Core } from '../../electron/core';
import { freshCore, ok } from './helpers';
import { validateDcat } from './publishing-build-shacl';

/** The open-data catalogue on the site: datasets from the datasets module, their files, datapackage.json, DCAT-AP. */

const settings = {
  siteUrl: 'https://pla.timisoara.example/',
  contactEmail: 'transparenta@primariatm.example',
  publisher: 'Primăria Municipiului Timișoara',
  riskSummary: false,
  evidenceFiles: true,
  expectedUpdatedAt: null,
};

const base = {
  holderInstitution: 'Primăria Municipiului Timișoara',
  holderDepartment: 'Direcția de Mediu',
  description: 'Inventarul parcurilor și grădinilor publice.',
  legalBasis: 'Legea-Interna-Temei',
  containsPersonalData: false,
  format: 'CSV',
  updateFrequency: 'annual' as const,
  publicationStatus: 'identified' as const,
  scoreValue: 5,
  scoreDemand: 4,
  scoreReadiness: 3,
  scoreRisk: 2,
  hvdCategory: 'geospatial' as const,
  responsiblePerson: 'Ana Responsabila-Interna',
  keywords: ['parcuri', 'spații verzi'],
  theme: 'ENVI' as const,
  maintainer: 'Ana Responsabila-Interna',
  maintainerEmail: 'mediu@primariatm.example',
  spatial: 'Timișoara',
  temporalStart: '2023-01-01',
  temporalEnd: '2023-12-31',
  publicBaseUrl: '',
};

async function dataset(core: Core, name: string, slug: string, status: 'identified' | 'ready', over: Partial<typeof base> = {}) {
  const d0 = await ok(core, 'datasets.save', { ...base, ...over, name, slug });
  const csv = 'cod,denumire,suprafata_mp\n1,Parcul Rozelor,12000\n2,Parcul Botanic,85000\n';
  const imp = await ok(core, 'datasets.importFile', { datasetId: d0.id, fileName: `${slug}.csv`, contentBase64: Buffer.from(csv).toString('base64') });
  const { jobId } = await ok(core, 'datasets.processImport', { importId: imp.id, encoding: 'utf-8' });
  expect((await core.waitForJob(jobId)).status).toBe('done');
  const cur = await ok(core, 'datasets.get', { id: d0.id });
  if (status === 'identified') return cur;
  return ok(core, 'datasets.save', { ...base, ...over, name, slug, id: d0.id, expectedUpdatedAt: cur.updatedAt, publicationStatus: status });
}

async function build(core: Core, dataDir: string) {
  await ok(core, 'publishing.saveSiteSettings', settings).catch(() => undefined);
  const { jobId } = await ok(core, 'publishing.buildSite', { publicationDate: '2026-11-27' });
  const job = await core.waitForJob(jobId);
  expect(job.error).toBeNull();
  return path.join(dataDir, 'site');
}

describe('open data on the site', () => {
  test('a dataset ready for publication gets a page, its CSV files, schema and datapackage.json, and a DCAT-AP entry that passes the shapes; others stay out', async () => {
    const { core, dataDir } = await freshCore();
    await ok(core, 'publishing.saveSiteSettings', settings);
    await dataset(core, 'Parcuri și grădini', 'parcuri', 'ready');
    await dataset(core, 'Registru intern', 'registru-intern', 'identified');
    const dir = await build(core, dataDir);

    const folder = path.join(dir, 'date-deschise', 'parcuri');
    expect(fs.readdirSync(folder).sort()).toEqual(['datapackage.json', 'index.html', 'parcuri-excel.csv', 'parcuri.csv', 'schema.json']);
    expect(fs.readFileSync(path.join(folder, 'parcuri.csv'), 'utf8')).toContain('Parcul Botanic');
    const dp = JSON.parse(fs.readFileSync(path.join(folder, 'datapackage.json'), 'utf8'));
    expect(dp.resources[0]).toMatchObject({ path: 'parcuri.csv', format: 'csv', mediatype: 'text/csv' });
    expect(dp.resources[0].hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(fs.existsSync(path.join(dir, 'date-deschise', 'registru-intern'))).toBe(false);
    const list = fs.readFileSync(path.join(dir, 'date-deschise.html'), 'utf8');
    expect(list).toContain('href="date-deschise/parcuri/index.html"');
    expect(list).not.toContain('Registru intern');
    const page = fs.readFileSync(path.join(folder, 'index.html'), 'utf8');
    expect(page).toContain('href="../../date-deschise/parcuri/parcuri.csv"');
    expect(page).toContain('href="../../date-deschise/parcuri/datapackage.json"');

    const catalog = JSON.parse(fs.readFileSync(path.join(dir, 'catalog.jsonld'), 'utf8'));
    const r = await validateDcat(catalog, 'https://pla.timisoara.example/catalog.jsonld');
    expect(r.violations).toEqual([]);
    const datasets = r.data
      .getQuads(null, 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type', 'http://www.w3.org/ns/dcat#Dataset', null)
      .map((q) => q.subject.value);
    expect(datasets).toEqual(['https://pla.timisoara.example/date-deschise/parcuri/index.html#dataset']);
    const catalogDatasets = r.data.getQuads('https://pla.timisoara.example/catalog.jsonld#catalog', 'http://www.w3.org/ns/dcat#dataset', null, null);
    expect(catalogDatasets).toHaveLength(1);
    const downloads = r.data
      .getQuads(null, 'http://www.w3.org/ns/dcat#downloadURL', null, null)
      .map((q) => q.object.value)
      .sort();
    expect(downloads).toEqual([
      'https://pla.timisoara.example/date-deschise/parcuri/parcuri-excel.csv',
      'https://pla.timisoara.example/date-deschise/parcuri/parcuri.csv',
    ]);
    // The high-value dataset carries its HVD properties too.
    const hvd = await validateDcat(catalog, 'https://pla.timisoara.example/catalog.jsonld', 'hvd-SHACL.ttl');
    expect(hvd.data.getQuads(null, 'http://data.europa.eu/r5r/hvdCategory', null, null)).toHaveLength(1);

    // Inventory-only fields never leave.
    for (const f of fs.readdirSync(folder)) {
      const text = fs.readFileSync(path.join(folder, f), 'utf8');
      expect(text).not.toContain('Responsabila-Interna');
      expect(text).not.toContain('Legea-Interna-Temei');
    }
    expect(fs.readFileSync(path.join(dir, 'catalog.jsonld'), 'utf8')).not.toContain('Responsabila-Interna');
  });

  test('a dataset marked as holding personal data is not published, even when ready', async () => {
    const { core, dataDir } = await freshCore();
    await ok(core, 'publishing.saveSiteSettings', settings);
    await dataset(core, 'Beneficiari ajutoare', 'beneficiari', 'ready', { containsPersonalData: true, hvdCategory: null as never });
    const dir = await build(core, dataDir);
    expect(fs.existsSync(path.join(dir, 'date-deschise', 'beneficiari'))).toBe(false);
    expect(fs.readFileSync(path.join(dir, 'catalog.jsonld'), 'utf8')).not.toContain('dcat:dataset');
  });

  test('rebuilding with the same datasets gives the same bytes (datapackage.json included)', async () => {
    const { core, dataDir } = await freshCore();
    await ok(core, 'publishing.saveSiteSettings', settings);
    await dataset(core, 'Parcuri și grădini', 'parcuri', 'ready');
    const dir = await build(core, dataDir);
    const read = () =>
      [
        'date-deschise/parcuri/datapackage.json',
        'date-deschise/parcuri/parcuri.csv',
        'date-deschise/parcuri/index.html',
        'catalog.jsonld',
        'date-deschise.html',
      ].map((f) => fs.readFileSync(path.join(dir, f)));
    const first = read();
    await build(core, dataDir);
    const second = read();
    for (let i = 0; i < first.length; i++) expect(second[i].equals(first[i])).toBe(true);
  });
});
