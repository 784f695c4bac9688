import { exportJob } from '../export-job';
import type { ModuleHandlers } from '../handlers';
import { withUpload } from '../uploads';
import * as s from './service';
import * as raci from './raci';

export const stakeholdersHandlers: ModuleHandlers<'stakeholders'> = {
  'stakeholders.list': (ctx, i) => s.list(ctx, i),
  'stakeholders.listScores': (ctx) => s.listScores(ctx),
  'stakeholders.get': (ctx, i) => s.get(ctx, i),
  'stakeholders.save': (ctx, i) => s.save(ctx, i),
  'stakeholders.setScores': (ctx, i) => s.setScores(ctx, i),
  'stakeholders.delete': (ctx, i) => s.remove(ctx, i),
  'stakeholders.restore': (ctx, i) => s.restore(ctx, i),
  'stakeholders.listRaci': (ctx, i) => s.listRaci(ctx, i),
  'stakeholders.addRaci': (ctx, i) => s.addRaci(ctx, i),
  'stakeholders.deleteRaci': (ctx, i) => s.deleteRaci(ctx, i),
  'stakeholders.replaceAccountable': (ctx, i) => s.replaceAccountable(ctx, i),
  'stakeholders.getRaciMatrix': (ctx) => raci.raciMatrix(ctx),
  'stakeholders.setRaciCell': (ctx, i) => raci.setRaciCell(ctx, i),
  'stakeholders.exportRaciMatrix': async (ctx, _i, extra) =>
    exportJob(
      ctx,
      extra,
      'stakeholders.exportRaci',
      (day) => `Matrice-RACI-${day}.xlsx`,
      async (out, o) => {
        // Loaded on demand: ExcelJS is large and most sessions never export.
        const { exportRaciWorkbook } = await import('./raci-excel');
        return exportRaciWorkbook(ctx.db, out, o);
      },
    ),
  'stakeholders.listTakeovers': (ctx, i) => s.listTakeovers(ctx, i),
  'stakeholders.addTakeover': (ctx, i) => s.addTakeover(ctx, i),
  'stakeholders.deleteTakeover': (ctx, i) => s.deleteTakeover(ctx, i),
  'stakeholders.listPartnerships': (ctx, i) => s.listPartnerships(ctx, i),
  'stakeholders.savePartnership': (ctx, i) => s.savePartnership(ctx, i),
  'stakeholders.deletePartnership': (ctx, i) => s.deletePartnership(ctx, i),
  'stakeholders.restorePartnership': (ctx, i) => s.restorePartnership(ctx, i),
  'stakeholders.listInteractions': (ctx, i) => s.listInteractions(ctx, i),
  'stakeholders.saveInteraction': (ctx, i) => s.saveInteraction(ctx, i),
  'stakeholders.deleteInteraction': (ctx, i) => s.deleteInteraction(ctx, i),
  'stakeholders.exportExcel': async (ctx, _i, extra) =>
    exportJob(
      ctx,
      extra,
      'stakeholders.export',
      (day) => `Parti-interesate-${day}.xlsx`,
      async (out, o) => {
        // Loaded on demand: ExcelJS is large and most sessions never export.
        const { exportStakeholdersWorkbook } = await import('./excel');
        return exportStakeholdersWorkbook(ctx.db, out, o);
      },
    ),
  'stakeholders.importExcel': async (ctx, i, extra) => {
    const { importStakeholdersWorkbook } = await import('./excel');
    return withUpload(ctx, extra, 'stakeholders.importExcel', i, (file) => importStakeholdersWorkbook(ctx, file, i.dryRun));
  },
};
