import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Parser, Store } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';

/** Validates JSON-LD against the official DCAT-AP 3.0.1 SHACL shapes (tests/fixtures/dcat-ap-3.0.1/). */

const require = createRequire(import.meta.url);
const jsonld = require('jsonld') as { toRDF(doc: object, o: { format: string; base?: string }): Promise<string> };
/** The shapes, kept in the repository (tests/fixtures/dcat-ap-3.0.1, a copy of ../shared/reference/dcat-ap-3.0.1). */
export const SHAPES_DIR = path.resolve(__dirname, '../fixtures/dcat-ap-3.0.1');
/** The shared reference the copy comes from, where this checkout has it beside it. */
export const SHARED_SHAPES_DIR = path.resolve(__dirname, '../../../shared/reference/dcat-ap-3.0.1');

const load = (text: string, format: string, baseIRI?: string) => {
  const store = new Store();
  store.addQuads(new Parser({ format, baseIRI }).parse(text));
  return store;
};

export async function validateDcat(doc: object, base: string, shapesFile = 'shapes.ttl') {
  const shapes = load(fs.readFileSync(path.join(SHAPES_DIR, shapesFile), 'utf8'), 'text/turtle');
  const nquads = await jsonld.toRDF(doc, { format: 'application/n-quads', base });
  const data = load(nquads, 'application/n-quads');
  const report = await new SHACLValidator(shapes).validate(data);
  return {
    conforms: report.conforms,
    triples: data.size,
    violations: report.results
      .filter((r) => r.severity?.value.endsWith('Violation'))
      .map((r) => `${r.focusNode?.value} ${r.path?.value ?? ''}: ${r.message.map((m) => m.value).join('; ')}`),
    data,
  };
}
