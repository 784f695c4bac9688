import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import type { FundingImportReport } from '../../../../electron/contract';
import { api } from '../../api/client';
import { errorText, toErrorData } from '../../api/errors';
import { ExcelButtons } from '../../ui/ExcelButtons';
import { invalidateFunding } from './queries';

/** Export the funding workbook (a job), and import one: a dry run first, then the write on confirmation. */
export function FundingExcelButtons() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  return (
    <ExcelButtons<FundingImportReport>
      feature="funding"
      exportMethod="funding.exportExcel"
      purpose="funding.importExcel"
      run={(f, dryRun) => api.call('funding.importExcel', { ...f, dryRun })}
      summary={(r) =>
        t('funding.excel.summary', {
          cc: r.calls.created,
          cu: r.calls.updated,
          ac: r.applications.created,
          au: r.applications.updated,
          un: r.calls.unchanged + r.applications.unchanged,
        })
      }
      errorLines={(e) => {
        const cells = toErrorData(e).details?.cells as Array<{ sheet: string; row: number; column: string; message: string }> | undefined;
        return cells?.length ? cells.map((c) => `${c.sheet}!${c.column} ${c.row}: ${c.message}`) : [errorText(t, e)];
      }}
      onImported={() => invalidateFunding(qc)}
    />
  );
}
