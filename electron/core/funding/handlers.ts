import fs from 'node:fs';
import path from 'node:path';
import { validationError } from '../../contract';
import type { ModuleHandlers } from '../handlers';
import { isoDay, newId } from '../util';
import * as funding from './service';
import { writeFileAtomic } from '../faults';

export const fundingHandlers: ModuleHandlers<'funding'> = {
  'funding.listCalls': (ctx, i) => funding.listCalls(ctx, i),
  'funding.getCall': (ctx, i) => funding.getCall(ctx, i),
  'funding.saveCall': (ctx, i) => funding.saveCall(ctx, i),
  'funding.deleteCall': (ctx, i) => funding.deleteCall(ctx, i),
  'funding.restoreCall': (ctx, i) => funding.restoreCall(ctx, i),
  'funding.listApplications': (ctx, i) => funding.listApplications(ctx, i),
  'funding.getApplication': (ctx, i) => funding.getApplication(ctx, i),
  'funding.saveApplication': (ctx, i) => funding.saveApplication(ctx, i),
  'funding.moveApplication': (ctx, i) => funding.moveApplication(ctx, i),
  'funding.deleteApplication': (ctx, i) => funding.deleteApplication(ctx, i),
  'funding.restoreApplication': (ctx, i) => funding.restoreApplication(ctx, i),
  'funding.upcomingDeadlines': (ctx, i) => funding.upcomingDeadlines(ctx, i),
  'funding.exportExcel': async (ctx, _i, { core }) => {
    const day = isoDay(ctx.now());
    const fileId = newId();
    const job = core.jobs.start('funding.export', ctx.actor.id, async (ctl) => {
      // Loaded on demand: ExcelJS is large and most sessions never export.
      const { exportFundingWorkbook } = await import('./excel');
      const out = path.join(ctx.dataDir, 'exports', `${fileId}.xlsx`);
      fs.mkdirSync(path.dirname(out), { recursive: true });
      await exportFundingWorkbook(ctx, out, { signal: ctl.signal, onProgress: (f: number, m?: string) => ctl.progress(f, m) });
      const fileName = `Finantare-PLA-${day}.xlsx`;
      core.exportNames.set(fileId, { name: fileName, owner: ctx.actor.id });
      return { fileId, fileName };
    });
    return { jobId: job.id };
  },
  'funding.importExcel': async (ctx, i) => {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(i.contentBase64)) throw validationError('contentBase64', 'invalid_base64', 'the file content is not valid base64');
    const tmp = path.join(ctx.dataDir, 'tmp', `import-${newId()}.xlsx`);
    fs.mkdirSync(path.dirname(tmp), { recursive: true });
    writeFileAtomic(tmp, Buffer.from(i.contentBase64, 'base64'));
    try {
      const { importFundingWorkbook } = await import('./excel');
      return await importFundingWorkbook(ctx, tmp, { dryRun: i.dryRun });
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  },
};
