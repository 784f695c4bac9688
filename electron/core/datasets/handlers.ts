import { exportJob } from '../export-job';
import type { ModuleHandlers } from '../handlers';
import { exportDataset } from './export';
import { exportDir } from './files';
import * as imports from './imports';
import * as datasets from './service';

export const datasetsHandlers: ModuleHandlers<'datasets'> = {
  'datasets.list': (ctx, i) => datasets.listDatasets(ctx, i),
  'datasets.get': (ctx, i) => datasets.getDataset(ctx, i),
  'datasets.save': (ctx, i) => datasets.saveDataset(ctx, i),
  'datasets.delete': (ctx, i) => datasets.deleteDataset(ctx, i),
  'datasets.restore': (ctx, i) => datasets.restoreDataset(ctx, i),
  'datasets.recordReview': (ctx, i) => datasets.recordReview(ctx, i),
  'datasets.overdueReviews': (ctx, i) => datasets.overdueReviews(ctx, i),
  'datasets.exportInventory': async (ctx, _i, extra) =>
    exportJob(
      ctx,
      extra,
      'datasets.exportInventory',
      (day) => `Inventar-date-deschise-${day}.xlsx`,
      async (out, o) => {
        // Loaded on demand: ExcelJS is large and most sessions never export.
        const { exportInventoryWorkbook } = await import('./inventory-excel');
        return exportInventoryWorkbook(ctx, out, o);
      },
    ),
  'datasets.saveSchema': (ctx, i) => datasets.saveSchema(ctx, i),
  'datasets.inferSchema': (ctx, i) => imports.inferDraft(ctx, i),
  'datasets.saveSteps': (ctx, i) => datasets.saveSteps(ctx, i),
  'datasets.previewSteps': (ctx, i) => imports.previewSteps(ctx, i),
  'datasets.clusterValues': (ctx, i) => imports.clusterColumn(ctx, i),
  'datasets.importFile': (ctx, i, extra) => imports.importFile(ctx, i, extra),
  'datasets.processImport': async (ctx, i, { core }) => {
    const was = await imports.markProcessing(ctx, i.importId);
    const job = core.jobs.start('datasets.process', ctx.actor.id, async (ctl) => {
      try {
        return await imports.processImport(ctx, i.importId, i.encoding, i.maxErrors, ctl);
      } catch (e) {
        await imports.restoreStatus(ctx, i.importId, was);
        throw e;
      }
    });
    return { jobId: job.id };
  },
  'datasets.getImport': (ctx, i) => imports.getImportDetail(ctx, i),
  'datasets.reviewFlag': (ctx, i) => datasets.reviewFlag(ctx, i),
  'datasets.listReferences': (ctx) => datasets.listReferences(ctx),
  'datasets.saveReference': (ctx, i) => datasets.saveReference(ctx, i),
  'datasets.deleteReference': (ctx, i) => datasets.deleteReference(ctx, i),
  'datasets.exportPackage': async (ctx, i, { core }) => {
    await datasets.getDataset(ctx, { id: i.id });
    const job = core.jobs.start('datasets.export', ctx.actor.id, (ctl) =>
      exportDataset(ctx, i.id, exportDir(ctx.dataDir, i.id), { withBom: i.withBom, signal: ctl.signal, onProgress: (f) => ctl.progress(f) }),
    );
    return { jobId: job.id };
  },
};
