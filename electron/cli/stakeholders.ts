import type { StakeholdersImportReport } from '../contract';
import { excelExportCommand, excelImportCommand, type Command } from './shared';

export const stakeholdersCommands: Record<string, Command> = {
  'stakeholders export': excelExportCommand({
    command: 'stakeholders export',
    method: 'stakeholders.exportExcel',
    summary: 'export the stakeholder register (organisations, people, RACI, take-overs, partnerships, interactions) to Excel',
    done: 'Stakeholders exported to',
  }),
  'stakeholders raci-export': excelExportCommand({
    command: 'stakeholders raci-export',
    method: 'stakeholders.exportRaciMatrix',
    summary: 'export the RACI matrix (plan actions × stakeholders, R/A/C/I) to Excel',
    done: 'RACI matrix exported to',
  }),
  'stakeholders import': excelImportCommand<StakeholdersImportReport>({
    command: 'stakeholders import',
    method: 'stakeholders.importExcel',
    summary: 'import the stakeholder register from an Excel workbook (all or nothing)',
    fileHelp: 'the workbook (shaped like the export)',
    report: (rep, dryRun) => [
      ...rep.sheets.map((s) => `${s.sheet}: ${s.created} new, ${s.updated} changed, ${s.unchanged} unchanged`),
      ...(rep.ignoredColumns.length ? [`Ignored columns: ${rep.ignoredColumns.join(', ')}`] : []),
      dryRun ? 'Dry run: nothing was written.' : 'Import done.',
    ],
  }),
};
