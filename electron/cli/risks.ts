import fs from 'node:fs';
import path from 'node:path';
import type { Job, RiskImportReport } from '../contract';
import type { CellError } from '../core/excel-import';
import { dbPath } from '../core';
import { dataDirHelp, dataDirOf, dataDirOpt, requireOpt, SYSTEM, unwrap, UsageError, withCore, type Command } from './shared';

const needDb = (dir: string) => {
  if (!fs.existsSync(dbPath(dir))) throw new Error(`no database in ${dir}; run pla-desk init first`);
};

export const risksCommands: Record<string, Command> = {
  'risks export': {
    usage: 'pla-desk risks export --out FILE.xlsx [--data-dir DIR]',
    summary: 'export the risk register (SCIM layout, Romanian headers) to an Excel workbook',
    options: { ...dataDirOpt, out: { type: 'string' } },
    help: `${dataDirHelp}\n  --out FILE.xlsx    where to write the workbook`,
    async run(v) {
      const out = path.resolve(requireOpt(v, 'out'));
      if (!out.toLowerCase().endsWith('.xlsx')) throw new UsageError('--out must end in .xlsx');
      if (!fs.existsSync(path.dirname(out))) throw new UsageError(`folder does not exist: ${path.dirname(out)}`);
      const dir = dataDirOf(v);
      needDb(dir);
      await withCore(dir, async (core) => {
        const { jobId } = unwrap(await core.call('risks.exportExcel', {}, SYSTEM)) as { jobId: string };
        const job: Job = await core.waitForJob(jobId);
        if (job.status !== 'done') throw new Error(`export failed: ${job.error?.message ?? job.status}`);
        const { fileId } = job.result as { fileId: string };
        const file = path.join(core.dataDir, 'exports', `${fileId}.xlsx`);
        fs.copyFileSync(file, out);
        fs.rmSync(file, { force: true });
        console.log(`Risk register exported to ${out}`);
      });
      return 0;
    },
  },
  'risks import': {
    usage: 'pla-desk risks import --file FILE.xlsx [--dry-run] [--data-dir DIR]',
    summary: 'import a risk register workbook (our export or the SCIM layout); all or nothing',
    options: { ...dataDirOpt, file: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    help: `${dataDirHelp}\n  --file FILE.xlsx   the workbook to import\n  --dry-run          check the file and report what would change, writing nothing`,
    async run(v) {
      const file = path.resolve(requireOpt(v, 'file'));
      if (!file.toLowerCase().endsWith('.xlsx')) throw new UsageError('--file must be an .xlsx workbook');
      if (!fs.existsSync(file)) throw new UsageError(`file not found: ${file}`);
      const dir = dataDirOf(v);
      needDb(dir);
      return withCore(dir, async (core) => {
        const dryRun = v['dry-run'] === true;
        const r = await core.call('risks.importExcel', { fileName: path.basename(file), contentBase64: fs.readFileSync(file).toString('base64'), dryRun }, SYSTEM);
        if (!r.ok) {
          const cells = r.error.details?.cells as CellError[] | undefined;
          if (!cells?.length) throw new Error(r.error.message);
          for (const c of cells) console.error(`${c.sheet}!${c.column} row ${c.row}: ${c.message}`);
          console.error(`pla-desk risks import: ${cells.length} bad cell(s); nothing was imported`);
          return 1;
        }
        const rep = r.value as RiskImportReport;
        console.log(
          `${dryRun ? 'Dry run (nothing written): would create' : 'Imported: created'} ${rep.created}, ${dryRun ? 'update' : 'updated'} ${rep.updated}, unchanged ${rep.unchanged} of ${rep.rows} row(s) from sheet "${rep.sheet}"` +
            (rep.ignoredColumns.length ? `; ignored columns: ${rep.ignoredColumns.join(', ')}` : ''),
        );
        return 0;
      });
    },
  },
};
