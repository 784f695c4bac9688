import fs from 'node:fs';
import path from 'node:path';
import type { Job } from '../contract';
import { dbPath } from '../core';
import { dataDirHelp, dataDirOf, dataDirOpt, requireOpt, SYSTEM, unwrap, UsageError, withCore, type Command } from './shared';

export const planCommands: Record<string, Command> = {
  'plan export': {
    usage: 'pla-desk plan export --out FILE.xlsx [--data-dir DIR]',
    summary: 'export the plan to an Excel workbook',
    options: { ...dataDirOpt, out: { type: 'string' } },
    help: `${dataDirHelp}\n  --out FILE.xlsx    where to write the workbook`,
    async run(v) {
      const out = path.resolve(requireOpt(v, 'out'));
      if (!out.toLowerCase().endsWith('.xlsx')) throw new UsageError('--out must end in .xlsx');
      if (!fs.existsSync(path.dirname(out))) throw new UsageError(`folder does not exist: ${path.dirname(out)}`);
      const dir = dataDirOf(v);
      if (!fs.existsSync(dbPath(dir))) throw new Error(`no database in ${dir}; run pla-desk init first`);
      await withCore(dir, async (core) => {
        const { jobId } = unwrap(await core.call('plan.exportExcel', {}, SYSTEM)) as { jobId: string };
        const job: Job = await core.waitForJob(jobId);
        if (job.status !== 'done') throw new Error(`export failed: ${job.error?.message ?? job.status}`);
        const { fileId } = job.result as { fileId: string };
        fs.copyFileSync(path.join(core.dataDir, 'exports', `${fileId}.xlsx`), out);
        fs.rmSync(path.join(core.dataDir, 'exports', `${fileId}.xlsx`), { force: true });
        console.log(`Plan exported to ${out}`);
      });
      return 0;
    },
  },
};
