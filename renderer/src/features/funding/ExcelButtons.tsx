import { App as AntApp, Alert, Button, Modal, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import type { FundingImportReport } from '../../../../electron/contract';
import { api } from '../../api/client';
import { ExportButton } from '../../ui/ExportButton';
import { errorText, toErrorData } from '../../api/errors';
import { readAsBase64 } from '../../api/files';
import { useAuth } from '../../app/auth';
import { invalidateFunding } from './queries';

/** Export the funding workbook (a job), and import one: a dry run first, then the write on confirmation. */
export function FundingExcelButtons() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const { canEdit } = useAuth();
  const qc = useQueryClient();
  const [pending, setPending] = useState<{ fileName: string; contentBase64: string; report: FundingImportReport } | null>(null);
  const [bad, setBad] = useState<string[] | null>(null);

  const summary = (r: FundingImportReport) =>
    t('funding.excel.summary', { cc: r.calls.created, cu: r.calls.updated, ac: r.applications.created, au: r.applications.updated, un: r.calls.unchanged + r.applications.unchanged });

  const check = async (file: File) => {
    setBad(null);
    const contentBase64 = await readAsBase64(file);
    const r = await api.call('funding.importExcel', { fileName: file.name, contentBase64, dryRun: true });
    if (r.ok) setPending({ fileName: file.name, contentBase64, report: r.value });
    else {
      const cells = r.error.details?.cells as Array<{ sheet: string; row: number; column: string; message: string }> | undefined;
      setBad(cells?.length ? cells.map((c) => `${c.sheet}!${c.column} ${c.row}: ${c.message}`) : [errorText(t, r.error)]);
    }
    return false;
  };

  const confirm = async () => {
    if (!pending) return;
    try {
      const rep = await api.get('funding.importExcel', { fileName: pending.fileName, contentBase64: pending.contentBase64, dryRun: false });
      await invalidateFunding(qc);
      void message.success(t('funding.excel.imported', { summary: summary(rep) }));
      setPending(null);
    } catch (e) {
      const d = toErrorData(e);
      const cells = d.details?.cells as Array<{ sheet: string; row: number; column: string; message: string }> | undefined;
      setPending(null);
      setBad(cells?.length ? cells.map((c) => `${c.sheet}!${c.column} ${c.row}: ${c.message}`) : [errorText(t, e)]);
    }
  };

  return (
    <>
      <ExportButton method="funding.exportExcel" label="funding.excel.export" testId="funding-export" />
      {canEdit && (
        <Upload accept=".xlsx,.ods" showUploadList={false} beforeUpload={(f) => void check(f) as never}>
          <Button icon={<UploadOutlined />} data-testid="funding-import">
            {t('funding.excel.import')}
          </Button>
        </Upload>
      )}
      <Modal open={!!pending} title={t('funding.excel.importTitle')} okText={t('funding.excel.confirm')} onOk={() => void confirm()} onCancel={() => setPending(null)}>
        {pending && <Typography.Paragraph data-testid="funding-import-report">{t('funding.excel.dryRunDone', { summary: summary(pending.report) })}</Typography.Paragraph>}
        {pending && pending.report.ignoredColumns.length > 0 && (
          <Typography.Paragraph data-testid="funding-import-ignored">{t('funding.excel.ignored', { columns: pending.report.ignoredColumns.join(', ') })}</Typography.Paragraph>
        )}
      </Modal>
      <Modal open={!!bad} title={t('funding.excel.importTitle')} footer={null} onCancel={() => setBad(null)}>
        <Alert
          type="error"
          showIcon
          title={t('funding.excel.badCells')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="funding-import-errors">
              {(bad ?? []).map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
          }
        />
      </Modal>
    </>
  );
}
