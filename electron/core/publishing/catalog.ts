/**
 * The site's DCAT-AP 3.0.1 catalogue (/catalog.jsonld): the Catalog with its mandatory properties (title,
 * description, publisher as a foaf:Agent with a name) and recommended ones (homepage, language, modified,
 * theme taxonomy), plus the datasets other sections contribute. IRIs are absolute under the configured site
 * address; without one they stay relative and resolve against the catalogue's own address. Dataset nodes come
 * from the datasets module's DCAT-AP builder (electron/core/datasets/dcat.ts), with the same context.
 */

import { DCAT_CONTEXT } from '../datasets/dcat';

export const LANG_RON = 'http://publications.europa.eu/resource/authority/language/RON';
export const DATA_THEME = 'http://publications.europa.eu/resource/authority/data-theme';

export interface CatalogInput {
  siteUrl: string;
  title: string;
  description: string;
  publisher: string;
  /** YYYY-MM-DD: the publication date. */
  modified: string;
  datasets: object[];
}

/** An IRI for a path of the site: absolute under siteUrl, else relative (resolved against catalog.jsonld). */
export const siteIri = (siteUrl: string, p: string) => `${siteUrl}${p}`;

const ro = (s: string) => ({ '@value': s, '@language': 'ro' });

export function buildCatalog(c: CatalogInput): object {
  return {
    '@context': DCAT_CONTEXT,
    '@id': siteIri(c.siteUrl, 'catalog.jsonld#catalog'),
    '@type': 'dcat:Catalog',
    'dct:title': ro(c.title),
    'dct:description': ro(c.description),
    'dct:publisher': {
      '@id': siteIri(c.siteUrl, 'catalog.jsonld#publisher'),
      '@type': 'foaf:Agent',
      'foaf:name': ro(c.publisher),
    },
    'foaf:homepage': { '@id': siteIri(c.siteUrl, 'index.html') },
    'dct:language': { '@id': LANG_RON },
    'dct:modified': { '@value': c.modified, '@type': 'xsd:date' },
    'dcat:themeTaxonomy': { '@id': DATA_THEME },
    ...(c.datasets.length ? { 'dcat:dataset': c.datasets } : {}),
  };
}
