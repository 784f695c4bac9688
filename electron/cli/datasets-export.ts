import fs from 'node:fs';
import path from 'node:path';
import type { Dataset, DatasetExportResult, Job } from '../contract';
import { dataDirHelp, dataDirOf, dataDirOpt, excelExportCommand, needDb, requireOpt, SYSTEM, unwrap, UsageError, withCore, type Command } from './shared';

/** `datasets export`: the publishable files of one dataset, written the way the app writes them (the same job). */
export const datasetsExportCommands: Record<string, Command> = {
  'datasets inventory-export': excelExportCommand({
    command: 'datasets inventory-export',
    method: 'datasets.exportInventory',
    summary: 'export the open-data inventory (Law 179/2022: ranking, high-value category, status, next review, overdue) to Excel',
    done: 'Inventory exported to',
  }),
  'datasets export': {
    usage: 'pla-desk datasets export --dataset ID|NAME --out DIR [--no-bom] [--data-dir DIR]',
    summary: "write a dataset's CSV, datapackage.json, CKAN and DCAT-AP metadata to a folder",
    options: { ...dataDirOpt, dataset: { type: 'string' }, out: { type: 'string' }, 'no-bom': { type: 'boolean' } },
    help: [
      dataDirHelp,
      '  --dataset ID       the dataset (its id, or its portal name such as parcuri-gradini)',
      '  --out DIR          the folder to write into (created when missing)',
      '  --no-bom           skip the UTF-8-with-BOM copy for Excel users',
      'Writes <name>.csv (UTF-8, comma, "." decimal), <name>-excel.csv (with BOM), schema.json, datapackage.json, ckan.json, dcat.jsonld.',
    ].join('\n'),
    async run(v) {
      const which = requireOpt(v, 'dataset');
      const out = path.resolve(requireOpt(v, 'out'));
      if (fs.existsSync(out) && !fs.statSync(out).isDirectory()) throw new UsageError(`--out is a file, not a folder: ${out}`);
      const dir = dataDirOf(v);
      needDb(dir);
      return withCore(dir, async (core) => {
        const list = unwrap(await core.call('datasets.list', {}, SYSTEM)) as Dataset[];
        const d = list.find((x) => x.id === which || x.slug === which);
        if (!d) throw new Error(`no dataset ${which}; pla-desk knows: ${list.map((x) => x.slug).join(', ') || 'none yet'}`);
        const { jobId } = unwrap(await core.call('datasets.exportPackage', { id: d.id, withBom: v['no-bom'] !== true }, SYSTEM)) as { jobId: string };
        const job: Job = await core.waitForJob(jobId);
        if (job.status !== 'done') throw new Error(`export failed: ${job.error?.message ?? job.status}`);
        const res = job.result as DatasetExportResult;
        fs.mkdirSync(out, { recursive: true });
        for (const f of res.files) fs.copyFileSync(path.join(res.folder, f.name), path.join(out, f.name));
        for (const f of res.files) console.log(`${f.name}\t${f.bytes} B\tsha256:${f.sha256}`);
        console.log(`Dataset ${d.slug} exported to ${out}`);
        return 0;
      });
    },
  },
};
