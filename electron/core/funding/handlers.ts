import { exportJob } from '../export-job';
import type { ModuleHandlers } from '../handlers';
import { withUpload } from '../uploads';
import * as funding from './service';

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
  'funding.exportExcel': async (ctx, _i, extra) =>
    exportJob(
      ctx,
      extra,
      'funding.export',
      (day) => `Finantare-PLA-${day}.xlsx`,
      async (out, o) => {
        // Loaded on demand: ExcelJS is large and most sessions never export.
        const { exportFundingWorkbook } = await import('./excel');
        return exportFundingWorkbook(ctx, out, o);
      },
    ),
  'funding.importExcel': async (ctx, i, extra) => {
    const { importFundingWorkbook } = await import('./excel');
    return withUpload(ctx, extra, 'funding.importExcel', i, (file) => importFundingWorkbook(ctx, file, { dryRun: i.dryRun }));
  },
};
