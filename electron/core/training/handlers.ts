import fs from 'node:fs';
import path from 'node:path';
import type { ModuleHandlers } from '../handlers';
import { isoDay, newId } from '../util';
import { attendanceSheets, importAttendance } from './attendance-import';
import { withUploadedFile } from './upload';
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
  'training.importAttendance': (ctx, i) => importAttendance(ctx, i),
  'training.importAttendanceSheets': (ctx, i) => attendanceSheets(ctx, i),
  'training.exportExcel': async (ctx, _i, { core }) => {
    const day = isoDay(ctx.now());
    const fileId = newId();
    const job = core.jobs.start('training.export', ctx.actor.id, async (ctl) => {
      // Loaded on demand: ExcelJS is large and most sessions never export.
      const { exportTrainingWorkbook } = await import('./registry-excel');
      const out = path.join(ctx.dataDir, 'exports', `${fileId}.xlsx`);
      fs.mkdirSync(path.dirname(out), { recursive: true });
      await exportTrainingWorkbook(ctx.db, out, { signal: ctl.signal, onProgress: (f, m) => ctl.progress(f, m) });
      const fileName = `Formare-PLA-${day}.xlsx`;
      core.exportNames.set(fileId, { name: fileName, owner: ctx.actor.id });
      return { fileId, fileName };
    });
    return { jobId: job.id };
  },
  'training.importExcel': async (ctx, i) => {
    const { importTrainingWorkbook } = await import('./registry-excel');
    return withUploadedFile(ctx.dataDir, i.contentBase64, async (file) => {
      return importTrainingWorkbook(ctx, file, i.dryRun);
    });
  },
};
