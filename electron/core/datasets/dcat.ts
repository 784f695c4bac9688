import {
  DATA_THEME_URI,
  FREQUENCY_NAL,
  HVD_CATEGORY_URI,
  HVD_LEGISLATION,
  licenceById,
  type DataTheme,
  type HvdCategory,
  type UpdateFrequency,
} from '../../contract';

/**
 * DCAT-AP 3.0.1 JSON-LD for one dataset and its distributions. Plain input (no database rows), so the public
 * site's catalogue can build the same nodes. Mandatory: dct:title, dct:description; each distribution's
 * dcat:accessURL. High-value datasets add dcatap:applicableLegislation (Reg. 2023/138) and dcatap:hvdCategory.
 */

export const DCAT_CONTEXT = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  dcatap: 'http://data.europa.eu/r5r/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  spdx: 'http://spdx.org/rdf/terms#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  adms: 'http://www.w3.org/ns/adms#',
  locn: 'http://www.w3.org/ns/locn#',
} as const;

const EU = 'http://publications.europa.eu/resource/authority';
/** GeoNames' Timișoara: the default dct:spatial of the city's datasets. */
export const TIMISOARA_URI = 'https://sws.geonames.org/665087/';

export interface DcatDistributionInput {
  /** IRI of the distribution. */
  id: string;
  title: string;
  description?: string;
  accessURL: string;
  downloadURL?: string;
  /** EU file-type code: CSV, JSON … */
  format: string;
  mediaType: string;
  byteSize?: number;
  /** Hex SHA-256 of the file. */
  sha256?: string;
  licenceId: string;
  /** URL of the Table Schema the file conforms to. */
  conformsTo?: string;
  modified?: string;
}

export interface DcatDatasetInput {
  /** IRI of the dataset (its landing page or a stable URI). */
  id: string;
  title: string;
  description: string;
  /** ISO 639-1; default ro. */
  language?: string;
  publisher: { name: string; uri?: string };
  contactPoint?: { name: string; email?: string };
  keywords?: string[];
  theme?: DataTheme | null;
  spatial?: { uri?: string; label?: string };
  temporal?: { start?: string | null; end?: string | null };
  accrualPeriodicity?: UpdateFrequency;
  issued?: string | null;
  modified?: string | null;
  landingPage?: string;
  conformsTo?: string;
  hvdCategory?: HvdCategory | null;
  distributions: DcatDistributionInput[];
}

const LANG: Record<string, string> = { ro: 'RON', en: 'ENG', hu: 'HUN', de: 'DEU' };
const date = (d: string) => ({ '@value': d.slice(0, 10), '@type': 'xsd:date' });
const iri = (u: string) => ({ '@id': u });
const text = (v: string, lang: string) => ({ '@value': v, '@language': lang });

/** The dataset node with its distributions (embedded), as a JSON-LD document. */
export function buildDcatDataset(d: DcatDatasetInput): Record<string, unknown> {
  const lang = d.language ?? 'ro';
  const hvd = d.hvdCategory ?? null;
  const dataset: Record<string, unknown> = {
    '@id': d.id,
    '@type': 'dcat:Dataset',
    'dct:title': text(d.title, lang),
    'dct:description': text(d.description || d.title, lang),
    'dct:publisher': {
      ...(d.publisher.uri ? { '@id': d.publisher.uri } : {}),
      '@type': 'foaf:Agent',
      'foaf:name': text(d.publisher.name, lang),
    },
    'dct:language': iri(`${EU}/language/${LANG[lang] ?? 'RON'}`),
  };
  if (d.contactPoint?.name || d.contactPoint?.email)
    dataset['dcat:contactPoint'] = {
      '@type': 'vcard:Kind',
      ...(d.contactPoint.name ? { 'vcard:fn': d.contactPoint.name } : {}),
      ...(d.contactPoint.email ? { 'vcard:hasEmail': iri(`mailto:${d.contactPoint.email}`) } : {}),
    };
  if (d.keywords?.length) dataset['dcat:keyword'] = d.keywords.map((k) => text(k, lang));
  if (d.theme) dataset['dcat:theme'] = iri(DATA_THEME_URI(d.theme));
  if (d.spatial?.uri || d.spatial?.label)
    dataset['dct:spatial'] = {
      ...(d.spatial.uri ? { '@id': d.spatial.uri } : {}),
      '@type': 'dct:Location',
      ...(d.spatial.label ? { 'locn:geographicName': text(d.spatial.label, lang) } : {}),
    };
  if (d.temporal?.start || d.temporal?.end)
    dataset['dct:temporal'] = {
      '@type': 'dct:PeriodOfTime',
      ...(d.temporal.start ? { 'dcat:startDate': date(d.temporal.start) } : {}),
      ...(d.temporal.end ? { 'dcat:endDate': date(d.temporal.end) } : {}),
    };
  if (d.accrualPeriodicity) dataset['dct:accrualPeriodicity'] = iri(`${EU}/frequency/${FREQUENCY_NAL[d.accrualPeriodicity]}`);
  if (d.issued) dataset['dct:issued'] = date(d.issued);
  if (d.modified) dataset['dct:modified'] = date(d.modified);
  if (d.landingPage) dataset['dcat:landingPage'] = iri(d.landingPage);
  if (d.conformsTo) dataset['dct:conformsTo'] = iri(d.conformsTo);
  if (hvd) {
    dataset['dcatap:applicableLegislation'] = iri(HVD_LEGISLATION);
    dataset['dcatap:hvdCategory'] = iri(HVD_CATEGORY_URI[hvd]);
  }
  dataset['dcat:distribution'] = d.distributions.map((x) => {
    const lic = licenceById(x.licenceId);
    const dist: Record<string, unknown> = {
      '@id': x.id,
      '@type': 'dcat:Distribution',
      'dct:title': text(x.title, lang),
      'dcat:accessURL': iri(x.accessURL),
      'dct:format': iri(`${EU}/file-type/${x.format.toUpperCase()}`),
      'dcat:mediaType': iri(`https://www.iana.org/assignments/media-types/${x.mediaType}`),
    };
    if (x.description) dist['dct:description'] = text(x.description, lang);
    if (x.downloadURL) dist['dcat:downloadURL'] = iri(x.downloadURL);
    if (x.byteSize != null) dist['dcat:byteSize'] = { '@value': String(x.byteSize), '@type': 'xsd:nonNegativeInteger' };
    if (x.sha256)
      dist['spdx:checksum'] = {
        '@type': 'spdx:Checksum',
        'spdx:algorithm': iri('http://spdx.org/rdf/terms#checksumAlgorithm_sha256'),
        'spdx:checksumValue': { '@value': x.sha256, '@type': 'xsd:hexBinary' },
      };
    if (lic) dist['dct:license'] = { '@id': lic.url, '@type': 'dct:LicenseDocument', 'dct:identifier': lic.id };
    if (x.conformsTo) dist['dct:conformsTo'] = iri(x.conformsTo);
    if (x.modified) dist['dct:modified'] = date(x.modified);
    if (hvd) dist['dcatap:applicableLegislation'] = iri(HVD_LEGISLATION);
    return dist;
  });
  return { '@context': DCAT_CONTEXT, '@graph': [dataset] };
}
