import fs from 'node:fs';
import path from 'node:path';
import { Parser, Store } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { describe, expect, it } from 'vitest';
import { buildDcatDataset, type DcatDatasetInput } from '../../electron/core/datasets/dcat';

/** The official DCAT-AP 3.0.1 shapes (mandatory constraints) and the DCAT-AP HVD 3.0.0 shapes. */
const REF = path.resolve(__dirname, '../fixtures/dcat-ap-3.0.1'); // the official shapes, copied from ../shared/reference
const shapesOf = (file: string) => {
  const store = new Store();
  store.addQuads(new Parser({ baseIRI: 'https://semiceu.github.io/DCAT-AP/' }).parse(fs.readFileSync(path.join(REF, file), 'utf8')));
  return store;
};

async function validate(doc: Record<string, unknown>, shapesFile = 'shapes.ttl') {
  // jsonld ships no type declarations
  const { default: jsonld } = (await import('jsonld' as string)) as { default: { toRDF(doc: unknown, o: { format: string }): Promise<string> } };
  const nquads = await jsonld.toRDF(doc, { format: 'application/n-quads' });
  const data = new Store();
  data.addQuads(new Parser({ format: 'N-Quads' }).parse(nquads));
  expect(data.size).toBeGreaterThan(10);
  const validator = new SHACLValidator(shapesOf(shapesFile) as never);
  const report = await validator.validate(data as never);
  return {
    conforms: report.conforms,
    violations: report.results
      .filter((r) => r.severity?.value.endsWith('Violation'))
      .map((r) => `${r.path?.value ?? ''}: ${r.message.map((m) => m.value).join(' ')}`),
  };
}

const full: DcatDatasetInput = {
  id: 'https://data.timisoara.ro/date/parcuri/#dataset',
  title: 'Parcuri și grădini publice',
  description: 'Inventarul parcurilor din Timișoara.',
  publisher: { name: 'Primăria Municipiului Timișoara', uri: 'https://www.primariatm.ro/' },
  contactPoint: { name: 'Direcția de Mediu', email: 'mediu@primariatm.ro' },
  keywords: ['parcuri', 'spații verzi'],
  theme: 'ENVI',
  spatial: { uri: 'https://sws.geonames.org/665087/', label: 'Timișoara' },
  temporal: { start: '2018-01-01', end: '2023-12-31' },
  accrualPeriodicity: 'monthly',
  issued: '2026-03-10',
  modified: '2026-03-10',
  landingPage: 'https://data.timisoara.ro/date/parcuri/',
  conformsTo: 'https://data.timisoara.ro/date/parcuri/schema.json',
  hvdCategory: 'geospatial',
  distributions: [
    {
      id: 'https://data.timisoara.ro/date/parcuri/parcuri.csv#distribution',
      title: 'Parcuri (CSV)',
      description: 'UTF-8, virgulă',
      accessURL: 'https://data.timisoara.ro/date/parcuri/parcuri.csv',
      downloadURL: 'https://data.timisoara.ro/date/parcuri/parcuri.csv',
      format: 'CSV',
      mediaType: 'text/csv',
      byteSize: 1234,
      sha256: 'a'.repeat(64),
      licenceId: 'CC-BY-4.0',
      conformsTo: 'https://data.timisoara.ro/date/parcuri/schema.json',
      modified: '2026-03-10',
    },
  ],
};

describe('DCAT-AP 3.0.1 JSON-LD of a dataset', () => {
  it('carries every property the module fills and passes the official mandatory shapes with no violation', async () => {
    const doc = buildDcatDataset(full);
    const ds = (doc['@graph'] as Array<Record<string, unknown>>)[0]!;
    for (const p of [
      'dct:title',
      'dct:description',
      'dct:publisher',
      'dcat:contactPoint',
      'dcat:keyword',
      'dcat:theme',
      'dct:spatial',
      'dct:temporal',
      'dct:accrualPeriodicity',
      'dct:issued',
      'dct:modified',
      'dct:language',
      'dct:conformsTo',
      'dcatap:applicableLegislation',
      'dcatap:hvdCategory',
    ])
      expect(ds, p).toHaveProperty([p]);
    const dist = (ds['dcat:distribution'] as Array<Record<string, unknown>>)[0]!;
    for (const p of ['dcat:accessURL', 'dcat:downloadURL', 'dct:format', 'dcat:mediaType', 'dcat:byteSize', 'spdx:checksum', 'dct:license'])
      expect(dist, p).toHaveProperty([p]);
    const r = await validate(doc);
    expect(r.violations).toEqual([]);
    expect(r.conforms).toBe(true);
  });

  it('a dataset that is not high-value, with only the mandatory fields, passes too', async () => {
    const r = await validate(
      buildDcatDataset({
        id: 'urn:pla-desk:dataset:x',
        title: 'X',
        description: 'Y',
        publisher: { name: 'Primăria' },
        distributions: [
          { id: 'urn:pla-desk:file:x.csv', title: 'x', accessURL: 'urn:pla-desk:file:x.csv', format: 'CSV', mediaType: 'text/csv', licenceId: 'OGL-ROU-1.0' },
        ],
      }),
    );
    expect(r.violations).toEqual([]);
  });

  it('the shapes catch a distribution without an access URL (the check can fail)', async () => {
    const doc = buildDcatDataset(full);
    const ds = (doc['@graph'] as Array<Record<string, unknown>>)[0]!;
    delete (ds['dcat:distribution'] as Array<Record<string, unknown>>)[0]!['dcat:accessURL'];
    const r = await validate(doc);
    expect(r.conforms).toBe(false);
    expect(r.violations.join('\n')).toMatch(/accessURL/);
  });
});
