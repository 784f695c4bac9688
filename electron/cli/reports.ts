import { excelExportCommand, type Command } from './shared';

/** `pla-desk report`: the coordinator's report pack; `pla-desk report assessments`: the OGP Local assessments. */
export const reportsCommands: Record<string, Command> = {
  report: excelExportCommand({
    command: 'report',
    method: 'reports.exportExcel',
    summary: "write the coordinator's report pack (summary, plan, risks, trainings, stakeholders, funding, budgeting, datasets) to an Excel workbook",
    done: 'Report pack written to',
  }),
  'report assessments': excelExportCommand({
    command: 'report assessments',
    method: 'reports.assessments.exportExcel',
    summary: 'write the OGP Local Inception and End-of-Commitment assessments of every commitment to an Excel workbook',
    done: 'Assessments written to',
  }),
};
