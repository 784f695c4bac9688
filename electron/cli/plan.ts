import { excelExportCommand, type Command } from './shared';

export const planCommands: Record<string, Command> = {
  'plan export': excelExportCommand({
    command: 'plan export',
    method: 'plan.exportExcel',
    summary: 'export the plan to an Excel workbook',
    done: 'Plan exported to',
  }),
};
