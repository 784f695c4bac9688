import fs from 'node:fs';
import path from 'node:path';
import { latestProcessedImports } from '../../../../db/queries/datasets';
import * as q from '../../../../db/queries/publishing-site';
import { licenceById, type DataTheme } from '../../../contract';
import type { ServiceContext } from '../../context';
import { exportDataset } from '../../datasets/export';
import { parseJson } from '../../util';
import { slug } from '../html';
import { redact } from './redaction';
import type { CollectOptions, PublicDataset } from './types';

/** Where the collector exports datasets before the site copies them (inside the data folder, rebuilt each time). */
export const datasetsWorkDir = (dataDir: string) => path.join(dataDir, 'site-work', 'datasets');

/**
 * Open datasets: each is exported by the datasets module (the same CSV, schema and datapackage.json as its own
 * export) into a work folder; the site copies the files. The datapackage's `created` becomes the file's date, so
 * an unchanged dataset gives unchanged bytes.
 */
export async function collectDatasets(ctx: ServiceContext, opts: CollectOptions): Promise<PublicDataset[]> {
  const rows = await q.siteDatasets(ctx.db);
  if (!rows.length) return [];
  const latest = new Map(
    (
      await latestProcessedImports(
        ctx.db,
        rows.map((r) => r.id),
      )
    )
      .filter((i) => i.status === 'processed')
      .map((i) => [i.dataset_id, i]),
  );
  const work = datasetsWorkDir(opts.dataDir);
  fs.rmSync(work, { recursive: true, force: true });
  const out: PublicDataset[] = [];
  for (const r of rows) {
    const imp = latest.get(r.id);
    if (!imp) continue;
    const dir = path.join(work, r.slug);
    const exported = await exportDataset(ctx, r.id, dir, { withBom: true });
    const modified = (imp.processed_at ?? opts.publicationDate).slice(0, 10);
    const lic = licenceById(r.licence_id) ?? licenceById('CC-BY-4.0')!;
    const base = `date-deschise/${slug(r.slug)}`;
    const files: PublicDataset['files'] = [];
    for (const f of exported.files) {
      const kind = f.name === `${r.slug}.csv` ? 'csv' : f.name === `${r.slug}-excel.csv` ? 'csv_excel' : f.name === 'schema.json' ? 'schema' : null;
      if (kind) files.push({ sitePath: `${base}/${f.name}`, source: path.join(dir, f.name), name: f.name, bytes: f.bytes, sha256: f.sha256, kind });
    }
    const dp = JSON.parse(fs.readFileSync(path.join(dir, 'datapackage.json'), 'utf8')) as Record<string, unknown>;
    dp.created = `${modified}T00:00:00Z`;
    out.push({
      id: r.id,
      slug: slug(r.slug),
      name: redact(r.name),
      description: redact(r.description),
      holder: redact([r.holder_institution, r.holder_department].filter(Boolean).join(' — ')),
      frequency: r.update_frequency,
      hvdCategory: r.hvd_category,
      theme: r.theme as DataTheme | null,
      keywords: parseJson<string[]>(r.keywords, []).map(redact),
      licence: { id: lic.id, title: lic.title, url: lic.url },
      contactEmail: r.maintainer_email,
      spatial: redact(r.spatial),
      temporalStart: r.temporal_start,
      temporalEnd: r.temporal_end,
      issued: r.published_on,
      modified,
      files,
      datapackage: { sitePath: `${base}/datapackage.json`, content: `${JSON.stringify(dp, null, 2)}\n` },
    });
  }
  return out;
}
