import type { RiskImportReport } from '../contract';
import { excelExportCommand, excelImportCommand, type Command } from './shared';

export const risksCommands: Record<string, Command> = {
  'risks export': excelExportCommand({
    command: 'risks export',
    method: 'risks.exportExcel',
    summary: 'export the risk register (SCIM layout, Romanian headers) to an Excel workbook',
    done: 'Risk register exported to',
  }),
  'risks import': excelImportCommand<RiskImportReport>({
    command: 'risks import',
    method: 'risks.importExcel',
    summary: 'import a risk register workbook (our export or the SCIM layout); all or nothing',
    fileHelp: 'the workbook to import',
    report: (rep, dryRun) => [
      `${dryRun ? 'Dry run (nothing written): would create' : 'Imported: created'} ${rep.created}, ${dryRun ? 'update' : 'updated'} ${rep.updated}, unchanged ${rep.unchanged} of ${rep.rows} row(s) from sheet "${rep.sheet}"` +
        (rep.ignoredColumns.length ? `; ignored columns: ${rep.ignoredColumns.join(', ')}` : ''),
    ],
  }),
};
