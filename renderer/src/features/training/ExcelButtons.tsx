import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import type { RegistryImportResult } from '../../../../electron/contract';
import { api } from '../../api/client';
import { ExcelButtons } from '../../ui/ExcelButtons';
import { invalidateTraining } from './queries';
import { importErrorLines } from './shared';

/** The training registry workbook: export (a job, then the file to the user) and import (a dry run, then the write on confirmation). */
export function TrainingExcelButtons() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  return (
    <ExcelButtons<RegistryImportResult>
      feature="training"
      exportMethod="training.exportExcel"
      purpose="training.importExcel"
      run={(f, dryRun) => api.call('training.importExcel', { ...f, dryRun })}
      summary={(r) =>
        t('training.excel.summary', {
          pc: r.created.programmes,
          pu: r.updated.programmes,
          sc: r.created.sessions,
          su: r.updated.sessions,
          hc: r.created.people,
          hu: r.updated.people,
          ac: r.created.attendance,
          au: r.updated.attendance,
          un: r.unchanged,
        })
      }
      errorLines={(e) => importErrorLines(t, e)}
      onImported={() => invalidateTraining(qc)}
      confirmTestId="training-import-confirm"
    />
  );
}
