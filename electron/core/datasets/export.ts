import fs from 'node:fs';
import path from 'node:path';
import * as q from '../../../db/queries/datasets';
import { readableDataFile } from './stored';
import { licenceById, type DatasetExportResult, type DatasetTableField, type DatasetTableSchema } from '../../contract';
import { datasetError } from './errors';
import type { ServiceContext } from '../context';
import { isoDay } from '../util';
import { replaceDirAtomically } from '../export-job';
import { parseDate, parseNumber } from './cleaning';
import { csvLine } from './csv';
import { neutralizeText } from '../neutralize';
import { buildDcatDataset, TIMISOARA_URI } from './dcat';
import { cleanPath, fileDigest, TextSink } from './files';
import { schemaOf, toDataset } from './service';
import { readRows, resourceName } from './validate';

/**
 * The publishable files of a dataset, written into one folder:
 *   <slug>.csv            UTF-8 (no BOM), comma, '.' decimal, ISO dates — the latest validated import after its steps
 *   <slug>-excel.csv      the same with a UTF-8 BOM, for Excel users (optional)
 *   schema.json           the Table Schema of the published CSV
 *   datapackage.json      Data Package with the schema, `bytes` and `hash` (sha256:…)
 *   ckan.json             the CKAN package dict (package_create / package_patch)
 *   dcat.jsonld           DCAT-AP 3.0.1 (HVD properties for high-value datasets)
 */

/** The published schema: numbers with '.' decimal and no grouping, dates ISO (what the CSV now holds). */
export function publishedSchema(schema: DatasetTableSchema): DatasetTableSchema {
  return {
    ...schema,
    fields: schema.fields.map((f) => {
      const out: DatasetTableField = { ...f };
      if (f.type === 'number' || f.type === 'integer') {
        delete out.decimalChar;
        delete out.groupChar;
      }
      if ((f.type === 'date' || f.type === 'datetime') && f.format && f.format.includes('%')) delete out.format;
      return out;
    }),
  };
}

/** Per-column rewrite to the published form; null when the column is written as it is. */
function normaliser(f: DatasetTableField): ((v: string) => string) | null {
  if ((f.type === 'number' || f.type === 'integer') && ((f.decimalChar && f.decimalChar !== '.') || f.groupChar)) {
    const dc = f.decimalChar ?? '.';
    const gc = f.groupChar ?? '';
    return (v) => (v.trim() ? (parseNumber(v, dc, gc) ?? v) : v);
  }
  if ((f.type === 'date' || f.type === 'datetime') && f.format && f.format.includes('%')) {
    const fmt = f.format;
    return (v) => (v.trim() ? (parseDate(v, fmt) ?? v) : v);
  }
  return null;
}

const join = (base: string, name: string) => (base ? `${base.replace(/\/+$/, '')}/${encodeURIComponent(name)}` : name);

export async function exportDataset(
  ctx: ServiceContext,
  datasetId: string,
  folder: string,
  o: { withBom: boolean; signal?: AbortSignal; onProgress?(f: number): void },
): Promise<DatasetExportResult> {
  const [row] = await q.listDatasets(ctx.db, { id: datasetId });
  if (!row) throw datasetError('id', 'not_found', `no dataset ${datasetId}`, 'error.no-dataset');
  const [latest] = await q.latestProcessedImports(ctx.db, [datasetId]);
  if (!latest || latest.status !== 'processed')
    throw datasetError('id', 'no_data', 'import and validate a file first: there is no cleaned file to export', 'error.nothing-to-export');
  const d = toDataset(row, 0, latest, isoDay(ctx.now()));
  const clean = await readableDataFile(ctx.db, ctx.dataDir, cleanPath(ctx.dataDir, datasetId, latest.id));
  if (!fs.existsSync(clean)) throw datasetError('id', 'no_data', 'the cleaned file is missing; process the import again', 'error.clean-missing');
  // Written beside the folder and swapped in whole: a cancel or a failure leaves the previous export as it was.
  return replaceDirAtomically(folder, o.signal, async (outDir) => {
    const schema = schemaOf(row);
    const csvName = `${row.slug}.csv`;
    const bomName = `${row.slug}-excel.csv`;
    const csvPath = path.join(outDir, csvName);
    const sink = await TextSink.open(csvPath);
    const bom = o.withBom ? await TextSink.open(path.join(outDir, bomName)) : null;
    if (bom) await bom.write('\uFEFF');
    // Under way: the files are open and the rows come next (the bar moves, and a stop from now on keeps nothing).
    o.onProgress?.(0.05);
    let fns: Array<((v: string) => string) | null> = [];
    let header: string[] | null = null;
    let rows = 0;
    try {
      for await (const rec of readRows(clean, { encoding: 'utf-8', delimiter: ',', signal: o.signal })) {
        let cells = rec.cells;
        if (!header) {
          header = cells;
          fns = header.map((h) => {
            const f = schema?.fields.find((x) => x.name === h);
            return f ? normaliser(f) : null;
          });
        } else {
          rows++;
          if (fns.some(Boolean)) cells = cells.map((c, i) => (fns[i] ? fns[i]!(c) : c));
          if (rows % 20_000 === 0) o.onProgress?.(0.1 + Math.min(0.7, rows / 2_000_000));
        }
        await sink.write(csvLine(cells));
        // The open-data CSV keeps every value verbatim; the "for Excel" copy is opened in a spreadsheet, so text
        // that would run there as a formula is neutralised (neutralize.ts), its header included.
        if (bom) await bom.write(csvLine(cells.map(neutralizeText)));
      }
    } finally {
      await sink.close();
      await bom?.close();
    }
    o.onProgress?.(0.85);

    const lic = licenceById(row.licence_id) ?? licenceById('CC-BY-4.0')!;
    const digest = await fileDigest(csvPath);
    const bomDigest = bom ? await fileDigest(path.join(outDir, bomName)) : null;
    const modified = (latest.processed_at ?? ctx.now().toISOString()).slice(0, 10);
    const base = row.public_base_url;
    const published = schema ? publishedSchema(schema) : { fields: (header ?? []).map((name) => ({ name, type: 'string' as const })) };
    const files: DatasetExportResult['files'] = [];
    const write = async (name: string, content: string) => {
      const p = path.join(outDir, name);
      fs.writeFileSync(p, content);
      const dg = await fileDigest(p);
      files.push({ name, bytes: dg.bytes, sha256: dg.sha256 });
    };
    files.push({ name: csvName, bytes: digest.bytes, sha256: digest.sha256 });
    if (bomDigest) files.push({ name: bomName, bytes: bomDigest.bytes, sha256: bomDigest.sha256 });

    const schemaJson = { $schema: 'https://datapackage.org/profiles/2.0/tableschema.json', ...published };
    await write('schema.json', `${JSON.stringify(schemaJson, null, 2)}\n`);

    const datapackage = {
      $schema: 'https://datapackage.org/profiles/2.0/datapackage.json',
      name: row.slug,
      title: row.name,
      ...(row.description ? { description: row.description } : {}),
      keywords: d.keywords,
      licenses: [{ name: lic.id, path: lic.url, title: lic.title }],
      created: ctx.now().toISOString(),
      resources: [
        {
          name: resourceName(row.slug),
          type: 'table',
          path: csvName,
          title: row.name,
          format: 'csv',
          mediatype: 'text/csv',
          encoding: 'utf-8',
          bytes: digest.bytes,
          hash: `sha256:${digest.sha256}`,
          dialect: { delimiter: ',', header: true },
          schema: published,
        },
      ],
    };
    await write('datapackage.json', `${JSON.stringify(datapackage, null, 2)}\n`);

    const resources = [
      { file: csvName, dg: digest, title: `${row.name} (CSV)`, description: 'UTF-8, separator virgulă, zecimale cu punct, date ISO 8601.' },
      ...(bomDigest
        ? [
            {
              file: bomName,
              dg: bomDigest,
              title: `${row.name} (CSV pentru Excel)`,
              description: 'Același conținut, UTF-8 cu BOM, pentru deschidere directă în Excel.',
            },
          ]
        : []),
    ];
    const ckan = {
      name: row.slug,
      title: row.name,
      notes: row.description,
      owner_org: resourceName(row.holder_institution),
      maintainer: row.maintainer || row.holder_department || row.holder_institution,
      maintainer_email: row.maintainer_email,
      author: [row.holder_institution, row.holder_department].filter(Boolean).join(' — '),
      tags: d.keywords.map((k) => ({ name: k })),
      license_id: lic.id,
      url: base,
      extras: [
        { key: 'frequency', value: row.update_frequency },
        { key: 'spatial', value: row.spatial },
        ...(row.temporal_start ? [{ key: 'temporal_start', value: row.temporal_start }] : []),
        ...(row.temporal_end ? [{ key: 'temporal_end', value: row.temporal_end }] : []),
        ...(row.hvd_category ? [{ key: 'hvd_category', value: row.hvd_category }] : []),
        ...(row.theme ? [{ key: 'theme', value: row.theme }] : []),
        { key: 'language', value: 'ro' },
      ],
      resources: resources.map((r) => ({
        name: r.title,
        description: r.description,
        url: join(base, r.file),
        format: 'CSV',
        mimetype: 'text/csv',
        size: r.dg.bytes,
        hash: r.dg.sha256,
        hash_algorithm: 'sha256',
        last_modified: `${modified}T00:00:00`,
      })),
    };
    await write('ckan.json', `${JSON.stringify(ckan, null, 2)}\n`);

    const pageUrl = base ? `${base.replace(/\/+$/, '')}/` : `urn:pla-desk:dataset:${row.slug}`;
    const dcat = buildDcatDataset({
      id: base ? `${pageUrl}#dataset` : pageUrl,
      title: row.name,
      description: row.description,
      language: 'ro',
      publisher: { name: row.holder_institution },
      contactPoint: { name: row.maintainer || row.holder_department || row.holder_institution, email: row.maintainer_email || undefined },
      keywords: d.keywords,
      theme: d.theme,
      spatial: { uri: /timi[șş]oara/i.test(row.spatial) ? TIMISOARA_URI : undefined, label: row.spatial },
      temporal: { start: row.temporal_start, end: row.temporal_end },
      accrualPeriodicity: row.update_frequency,
      issued: row.published_on ?? undefined,
      modified,
      landingPage: base ? pageUrl : undefined,
      conformsTo: base ? join(base, 'schema.json') : undefined,
      hvdCategory: row.hvd_category,
      distributions: resources.map((r) => ({
        id: base ? `${join(base, r.file)}#distribution` : `urn:pla-desk:dataset:${row.slug}:${r.file}`,
        title: r.title,
        description: r.description,
        accessURL: join(base, r.file).includes(':') ? join(base, r.file) : `urn:pla-desk:file:${r.file}`,
        downloadURL: base ? join(base, r.file) : undefined,
        format: 'CSV',
        mediaType: 'text/csv',
        byteSize: r.dg.bytes,
        sha256: r.dg.sha256,
        licenceId: lic.id,
        conformsTo: base ? join(base, 'schema.json') : undefined,
        modified,
      })),
    });
    await write('dcat.jsonld', `${JSON.stringify(dcat, null, 2)}\n`);
    o.onProgress?.(1);
    return { folder, files };
  });
}
