import { exportJob } from '../export-job';
import type { ModuleHandlers } from '../handlers';
import { withUpload } from '../uploads';
import { attendanceSheets, importAttendance } from './attendance-import';
import * as training from './service';

export const trainingHandlers: ModuleHandlers<'training'> = {
  'training.listProgrammes': (ctx) => training.listProgrammes(ctx),
  'training.saveProgramme': (ctx, i) => training.saveProgramme(ctx, i),
  'training.deleteProgramme': (ctx, i) => training.deleteProgramme(ctx, i),
  'training.restoreProgramme': (ctx, i) => training.restoreProgramme(ctx, i),
  'training.listSessions': (ctx, i) => training.listSessions(ctx, i),
  'training.sessionOptions': (ctx) => training.sessionOptions(ctx),
  'training.getSession': (ctx, i) => training.getSession(ctx, i),
  'training.saveSession': (ctx, i) => training.saveSession(ctx, i),
  'training.deleteSession': (ctx, i) => training.deleteSession(ctx, i),
  'training.restoreSession': (ctx, i) => training.restoreSession(ctx, i),
  'training.listPeople': (ctx, input) => training.listPeople(ctx, input),
  'training.savePerson': (ctx, i) => training.savePerson(ctx, i),
  'training.personHistory': (ctx, i) => training.personHistory(ctx, i),
  'training.listAttendance': (ctx, i) => training.listAttendance(ctx, i),
  'training.saveAttendance': (ctx, i) => training.saveAttendance(ctx, i),
  'training.deleteAttendance': (ctx, i) => training.deleteAttendance(ctx, i),
  'training.restoreAttendance': (ctx, i) => training.restoreAttendance(ctx, i),
  'training.importAttendance': (ctx, i, extra) => withUpload(ctx, extra, 'training.importAttendance', i, (file) => importAttendance(ctx, i, file)),
  'training.importAttendanceSheets': (ctx, i, extra) => withUpload(ctx, extra, 'training.importAttendanceSheets', i, (file) => attendanceSheets(ctx, file)),
  'training.exportExcel': async (ctx, _i, extra) =>
    exportJob(
      ctx,
      extra,
      'training.export',
      (day) => `Formare-PLA-${day}.xlsx`,
      async (out, o) => {
        // Loaded on demand: ExcelJS is large and most sessions never export.
        const { exportTrainingWorkbook } = await import('./registry-excel');
        return exportTrainingWorkbook(ctx.db, out, o);
      },
    ),
  'training.importExcel': async (ctx, i, extra) => {
    const { importTrainingWorkbook } = await import('./registry-excel');
    return withUpload(ctx, extra, 'training.importExcel', i, (file) => importTrainingWorkbook(ctx, file, i.dryRun));
  },
};
