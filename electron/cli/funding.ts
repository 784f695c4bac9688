import type { FundingImportReport } from '../contract';
import { excelExportCommand, excelImportCommand, type Command } from './shared';

const counts = (n: FundingImportReport['calls']) => `${n.created} new, ${n.updated} changed, ${n.unchanged} unchanged`;

export const fundingCommands: Record<string, Command> = {
  'funding export': excelExportCommand({
    command: 'funding export',
    method: 'funding.exportExcel',
    summary: 'export funding calls and applications to an Excel workbook',
    done: 'Funding registry exported to',
  }),
  'funding import': excelImportCommand<FundingImportReport>({
    command: 'funding import',
    method: 'funding.importExcel',
    summary: 'import funding calls and applications from an Excel workbook (all or nothing)',
    fileHelp: 'the workbook (sheets "Apeluri" and "Cereri de finanțare", as exported)',
    report: (rep, dryRun) => [
      `${dryRun ? 'Dry run (nothing written): ' : ''}calls: ${counts(rep.calls)}; applications: ${counts(rep.applications)}`,
      ...(rep.ignoredColumns.length ? [`Coloane neimportate (ignored columns): ${rep.ignoredColumns.join(', ')}`] : []),
    ],
  }),
};
