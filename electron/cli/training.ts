import fs from 'node:fs';
import path from 'node:path';
import type { CellError } from '../core/excel-import';
import type { Job, RegistryImportResult, Result } from '../contract';
import { dbPath } from '../core';
import { dataDirHelp, dataDirOf, dataDirOpt, requireOpt, SYSTEM, unwrap, UsageError, withCore, type Command } from './shared';

const needDb = (dir: string) => {
  if (!fs.existsSync(dbPath(dir))) throw new Error(`no database in ${dir}; run pla-desk init first`);
};

const summary = (r: RegistryImportResult) => {
  const part = (o: RegistryImportResult['created']) => `${o.programmes} programe, ${o.sessions} sesiuni, ${o.people} persoane, ${o.attendance} participări`;
  return `created: ${part(r.created)}; updated: ${part(r.updated)}; unchanged: ${r.unchanged}`;
};

export const trainingCommands: Record<string, Command> = {
  'training export': {
    usage: 'pla-desk training export --out FILE.xlsx [--data-dir DIR]',
    summary: 'export the training registry (programmes, sessions, people, attendance) to Excel — internal: it names people',
    options: { ...dataDirOpt, out: { type: 'string' } },
    help: `${dataDirHelp}\n  --out FILE.xlsx    where to write the workbook`,
    async run(v) {
      const out = path.resolve(requireOpt(v, 'out'));
      if (!out.toLowerCase().endsWith('.xlsx')) throw new UsageError('--out must end in .xlsx');
      if (!fs.existsSync(path.dirname(out))) throw new UsageError(`folder does not exist: ${path.dirname(out)}`);
      const dir = dataDirOf(v);
      needDb(dir);
      await withCore(dir, async (core) => {
        const { jobId } = unwrap(await core.call('training.exportExcel', {}, SYSTEM)) as { jobId: string };
        const job: Job = await core.waitForJob(jobId);
        if (job.status !== 'done') throw new Error(`export failed: ${job.error?.message ?? job.status}`);
        const { fileId } = job.result as { fileId: string };
        const file = path.join(core.dataDir, 'exports', `${fileId}.xlsx`);
        fs.copyFileSync(file, out);
        fs.rmSync(file, { force: true });
        console.log(`Training registry exported to ${out}`);
      });
      return 0;
    },
  },
  'training import': {
    usage: 'pla-desk training import --file FILE.xlsx [--dry-run] [--data-dir DIR]',
    summary: 'read back a training workbook (as exported): rows matched by id, all or nothing',
    options: { ...dataDirOpt, file: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    help: `${dataDirHelp}\n  --file FILE.xlsx   the workbook to read\n  --dry-run          report what would change, write nothing`,
    async run(v) {
      const file = path.resolve(requireOpt(v, 'file'));
      if (!fs.existsSync(file)) throw new UsageError(`file does not exist: ${file}`);
      const dir = dataDirOf(v);
      needDb(dir);
      const dryRun = v['dry-run'] === true;
      return withCore(dir, async (core) => {
        const r = (await core.call('training.importExcel', { fileName: path.basename(file), contentBase64: fs.readFileSync(file).toString('base64'), dryRun }, SYSTEM)) as Result<RegistryImportResult>;
        if (!r.ok) {
          const cells = r.error.details?.cells as CellError[] | undefined;
          if (cells?.length) {
            console.error(`pla-desk training import: ${cells.length} bad cell(s); nothing was imported`);
            for (const c of cells) console.error(`${c.sheet}!${c.column} row ${c.row}: ${c.message}`);
            return 1;
          }
          unwrap(r);
        }
        const value = (r as { value: RegistryImportResult }).value;
        console.log(`${dryRun ? 'Dry run (nothing written)' : 'Imported'}: ${summary(value)}`);
        return 0;
      });
    },
  },
};
