import fs from 'node:fs';
import path from 'node:path';
import type { FundingImportReport, Job } from '../contract';
import { dbPath } from '../core';
import { dataDirHelp, dataDirOf, dataDirOpt, requireOpt, SYSTEM, unwrap, UsageError, withCore, type Command } from './shared';

interface BadCell {
  sheet: string;
  row: number;
  column: string;
  message: string;
}

const needDb = (dir: string) => {
  if (!fs.existsSync(dbPath(dir))) throw new Error(`no database in ${dir}; run pla-desk init first`);
};

export const fundingCommands: Record<string, Command> = {
  'funding export': {
    usage: 'pla-desk funding export --out FILE.xlsx [--data-dir DIR]',
    summary: 'export funding calls and applications to an Excel workbook',
    options: { ...dataDirOpt, out: { type: 'string' } },
    help: `${dataDirHelp}\n  --out FILE.xlsx    where to write the workbook`,
    async run(v) {
      const out = path.resolve(requireOpt(v, 'out'));
      if (!out.toLowerCase().endsWith('.xlsx')) throw new UsageError('--out must end in .xlsx');
      if (!fs.existsSync(path.dirname(out))) throw new UsageError(`folder does not exist: ${path.dirname(out)}`);
      const dir = dataDirOf(v);
      needDb(dir);
      await withCore(dir, async (core) => {
        const { jobId } = unwrap(await core.call('funding.exportExcel', {}, SYSTEM)) as { jobId: string };
        const job: Job = await core.waitForJob(jobId);
        if (job.status !== 'done') throw new Error(`export failed: ${job.error?.message ?? job.status}`);
        const { fileId } = job.result as { fileId: string };
        const file = path.join(core.dataDir, 'exports', `${fileId}.xlsx`);
        fs.copyFileSync(file, out);
        fs.rmSync(file, { force: true });
        console.log(`Funding registry exported to ${out}`);
      });
      return 0;
    },
  },
  'funding import': {
    usage: 'pla-desk funding import --file FILE.xlsx [--dry-run] [--data-dir DIR]',
    summary: 'import funding calls and applications from an Excel workbook (all or nothing)',
    options: { ...dataDirOpt, file: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    help: `${dataDirHelp}\n  --file FILE.xlsx   the workbook (sheets "Apeluri" and "Cereri de finanțare", as exported)\n  --dry-run          report what would change, write nothing`,
    async run(v) {
      const file = path.resolve(requireOpt(v, 'file'));
      if (!fs.existsSync(file)) throw new UsageError(`file does not exist: ${file}`);
      const dir = dataDirOf(v);
      needDb(dir);
      const dryRun = v['dry-run'] === true;
      return withCore(dir, async (core) => {
        const r = await core.call('funding.importExcel', { fileName: path.basename(file), contentBase64: fs.readFileSync(file).toString('base64'), dryRun }, SYSTEM);
        if (!r.ok) {
          const cells = r.error.details?.cells as BadCell[] | undefined;
          if (!cells?.length) unwrap(r);
          console.error(`pla-desk funding import: ${cells!.length} bad cell(s); nothing was imported`);
          for (const c of cells!) console.error(`${c.sheet}!${c.column} ${c.row}: ${c.message}`);
          return 1;
        }
        const rep = r.value as FundingImportReport;
        const line = (n: FundingImportReport['calls']) => `${n.created} new, ${n.updated} changed, ${n.unchanged} unchanged`;
        console.log(`${dryRun ? 'Dry run (nothing written): ' : ''}calls: ${line(rep.calls)}; applications: ${line(rep.applications)}`);
        return 0;
      });
    },
  },
};
