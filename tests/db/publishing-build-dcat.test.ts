import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { freshCore, ok } from './helpers';
import { SHAPES_DIR, SHARED_SHAPES_DIR, validateDcat } from './publishing-build-shacl';

/** The site's DCAT-AP catalogue (/catalog.jsonld) against the official DCAT-AP 3.0.1 SHACL shapes. */

const settings = {
  siteUrl: '',
  contactEmail: 'transparenta@primariatm.example',
  publisher: 'Primăria Municipiului Timișoara',
  riskSummary: false,
  evidenceFiles: true,
  expectedUpdatedAt: null,
};

async function catalogOf(siteUrl: string) {
  const { core, dataDir } = await freshCore();
  await ok(core, 'publishing.saveSiteSettings', { ...settings, siteUrl });
  const { jobId } = await ok(core, 'publishing.buildSite', { publicationDate: '2026-11-27' });
  expect((await core.waitForJob(jobId)).status).toBe('done');
  return JSON.parse(fs.readFileSync(path.join(dataDir, 'site', 'catalog.jsonld'), 'utf8')) as Record<string, unknown>;
}

describe('DCAT-AP catalogue', () => {
  test('the official shapes: the copy in tests/fixtures is the shared reference, byte for byte where that folder is present', () => {
    expect(fs.readFileSync(path.join(SHAPES_DIR, 'shapes.ttl'), 'utf8')).toContain('sh:targetClass dcat:Catalog');
    if (fs.existsSync(SHARED_SHAPES_DIR))
      for (const f of fs.readdirSync(SHARED_SHAPES_DIR))
        expect(fs.readFileSync(path.join(SHAPES_DIR, f)).equals(fs.readFileSync(path.join(SHARED_SHAPES_DIR, f))), f).toBe(true);
  });

  test('with relative addresses (no site URL set) the catalogue passes the mandatory shapes: title, description, publisher with a name', async () => {
    const doc = await catalogOf('');
    const r = await validateDcat(doc, 'https://pla.example.ro/catalog.jsonld');
    expect(r.violations).toEqual([]);
    expect(r.conforms).toBe(true);
    // It says something: the Catalog node and its publisher are really in the graph.
    const catalog = r.data.getQuads(null, 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type', 'http://www.w3.org/ns/dcat#Catalog', null);
    expect(catalog.map((q) => q.subject.value)).toEqual(['https://pla.example.ro/catalog.jsonld#catalog']);
    expect(r.data.getQuads(null, 'http://xmlns.com/foaf/0.1/name', null, null).map((q) => q.object.value)).toEqual(['Primăria Municipiului Timișoara']);
  });

  test('with the site URL set, every IRI is absolute under it and the catalogue still conforms', async () => {
    const doc = await catalogOf('https://pla.timisoara.example/');
    expect(doc['@id']).toBe('https://pla.timisoara.example/catalog.jsonld#catalog');
    const r = await validateDcat(doc, 'https://elsewhere.example/catalog.jsonld');
    expect(r.violations).toEqual([]);
    expect(r.conforms).toBe(true);
  });

  test('a catalogue without its publisher is reported by the shapes (the check can fail)', async () => {
    const doc = await catalogOf('');
    delete doc['dct:publisher'];
    delete doc['dct:description'];
    const r = await validateDcat(doc, 'https://pla.example.ro/catalog.jsonld');
    expect(r.conforms).toBe(false);
    expect(r.violations.join('\n')).toMatch(/publisher/);
    expect(r.violations.join('\n')).toMatch(/description/);
  });
});
