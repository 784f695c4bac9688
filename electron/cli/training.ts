import type { RegistryImportResult } from '../contract';
import { excelExportCommand, excelImportCommand, type Command } from './shared';

const summary = (r: RegistryImportResult) => {
  const part = (o: RegistryImportResult['created']) => `${o.programmes} programe, ${o.sessions} sesiuni, ${o.people} persoane, ${o.attendance} participări`;
  return `created: ${part(r.created)}; updated: ${part(r.updated)}; unchanged: ${r.unchanged}`;
};

export const trainingCommands: Record<string, Command> = {
  'training export': excelExportCommand({
    command: 'training export',
    method: 'training.exportExcel',
    summary: 'export the training registry (programmes, sessions, people, attendance) to Excel — internal: it names people',
    done: 'Training registry exported to',
  }),
  'training import': excelImportCommand<RegistryImportResult>({
    command: 'training import',
    method: 'training.importExcel',
    summary: 'read back a training workbook (as exported): rows matched by id, all or nothing',
    fileHelp: 'the workbook to read',
    report: (r, dryRun) => [
      `${dryRun ? 'Dry run (nothing written)' : 'Imported'}: ${summary(r)}`,
      ...(r.ignoredColumns.length ? [`Coloane neimportate (ignored columns): ${r.ignoredColumns.join(', ')}`] : []),
      ...r.warnings.map((w) => `Atenție: ${w}`),
    ],
  }),
};
