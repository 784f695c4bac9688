import fs from 'node:fs';
import path from 'node:path';
import type { Job, StakeholdersImportReport } from '../contract';
import { dbPath } from '../core';
import { dataDirHelp, dataDirOf, dataDirOpt, requireOpt, SYSTEM, unwrap, UsageError, withCore, type Command } from './shared';

const needDb = (dir: string) => {
  if (!fs.existsSync(dbPath(dir))) throw new Error(`no database in ${dir}; run pla-desk init first`);
};

export const stakeholdersCommands: Record<string, Command> = {
  'stakeholders export': {
    usage: 'pla-desk stakeholders export --out FILE.xlsx [--data-dir DIR]',
    summary: 'export the stakeholder register to an Excel workbook',
    options: { ...dataDirOpt, out: { type: 'string' } },
    help: `${dataDirHelp}\n  --out FILE.xlsx    where to write the workbook`,
    async run(v) {
      const out = path.resolve(requireOpt(v, 'out'));
      if (!out.toLowerCase().endsWith('.xlsx')) throw new UsageError('--out must end in .xlsx');
      if (!fs.existsSync(path.dirname(out))) throw new UsageError(`folder does not exist: ${path.dirname(out)}`);
      const dir = dataDirOf(v);
      needDb(dir);
      await withCore(dir, async (core) => {
        const { jobId } = unwrap(await core.call('stakeholders.exportExcel', {}, SYSTEM)) as { jobId: string };
        const job: Job = await core.waitForJob(jobId);
        if (job.status !== 'done') throw new Error(`export failed: ${job.error?.message ?? job.status}`);
        const { fileId } = job.result as { fileId: string };
        fs.copyFileSync(path.join(core.dataDir, 'exports', `${fileId}.xlsx`), out);
        fs.rmSync(path.join(core.dataDir, 'exports', `${fileId}.xlsx`), { force: true });
        console.log(`Stakeholders exported to ${out}`);
      });
      return 0;
    },
  },
  'stakeholders import': {
    usage: 'pla-desk stakeholders import --file FILE.xlsx [--dry-run] [--data-dir DIR]',
    summary: 'import the stakeholder register from an Excel workbook (all or nothing)',
    options: { ...dataDirOpt, file: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    help: `${dataDirHelp}\n  --file FILE.xlsx   the workbook (shaped like the export)\n  --dry-run          report what would change; write nothing`,
    async run(v) {
      const file = path.resolve(requireOpt(v, 'file'));
      if (!fs.existsSync(file)) throw new UsageError(`file does not exist: ${file}`);
      const dir = dataDirOf(v);
      needDb(dir);
      const dryRun = v['dry-run'] === true;
      return withCore(dir, async (core) => {
        const r = await core.call('stakeholders.importExcel', { fileName: path.basename(file), contentBase64: fs.readFileSync(file).toString('base64'), dryRun }, SYSTEM);
        if (!r.ok) {
          const cells = r.error.details?.cells as Array<{ sheet: string; column: string; row: number; message: string }> | undefined;
          if (!cells?.length) throw new Error(unwrapMessage(r.error));
          for (const c of cells) console.error(`${c.sheet}!${c.column} row ${c.row}: ${c.message}`);
          console.error(`pla-desk stakeholders import: ${cells.length} bad cell(s); nothing was imported`);
          return 1;
        }
        const rep = r.value as StakeholdersImportReport;
        for (const s of rep.sheets) console.log(`${s.sheet}: ${s.created} new, ${s.updated} changed, ${s.unchanged} unchanged`);
        if (rep.ignoredColumns.length) console.log(`Ignored columns: ${rep.ignoredColumns.join(', ')}`);
        console.log(dryRun ? 'Dry run: nothing was written.' : 'Import done.');
        return 0;
      });
    },
  },
};

function unwrapMessage(e: { message: string; details?: { issues?: Array<{ field: string; message: string }> } }) {
  return e.details?.issues?.length ? e.details.issues.map((i) => `${i.field}: ${i.message}`).join('; ') : e.message;
}
