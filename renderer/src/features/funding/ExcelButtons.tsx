import { App as AntApp, Alert, Button, Modal, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import type { FundingImportReport } from '../../../../electron/contract';
import { api, ApiError } from '../../api/client';
import { ExportButton } from '../../ui/ExportButton';
import { errorText, toErrorData } from '../../api/errors';
import { UploadProgress, useUpload } from '../../ui/upload';
import { useAuth } from '../../app/auth';
import { invalidateFunding } from './queries';

/** Export the funding workbook (a job), and import one: a dry run first, then the write on confirmation. */
export function FundingExcelButtons() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const { canEdit } = useAuth();
  const qc = useQueryClient();
  const [pending, setPending] = useState<{ file: File; report: FundingImportReport } | null>(null);
  const upload = useUpload('funding.importExcel');
  const [bad, setBad] = useState<string[] | null>(null);

  const summary = (r: FundingImportReport) =>
    t('funding.excel.summary', {
      cc: r.calls.created,
      cu: r.calls.updated,
      ac: r.applications.created,
      au: r.applications.updated,
      un: r.calls.unchanged + r.applications.unchanged,
    });

  const check = async (file: File) => {
    setBad(null);
    const r = await upload.withFile(file, (f) => api.call('funding.importExcel', { ...f, dryRun: true }));
    if (!r) return;
    if (r.ok) setPending({ file, report: r.value });
    else {
      const cells = r.error.details?.cells as Array<{ sheet: string; row: number; column: string; message: string }> | undefined;
      setBad(cells?.length ? cells.map((c) => `${c.sheet}!${c.column} ${c.row}: ${c.message}`) : [errorText(t, r.error)]);
    }
  };

  const confirm = async () => {
    if (!pending) return;
    try {
      const r = await upload.withFile(pending.file, (f) => api.call('funding.importExcel', { ...f, dryRun: false }));
      if (!r) return;
      if (!r.ok) throw new ApiError(r.error);
      const rep = r.value;
      upload.discard();
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
        <Upload
          accept=".xlsx,.ods"
          showUploadList={false}
          beforeUpload={(f) => {
            // The file goes through useUpload, never antd's own POST (to "/").
            void check(f);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} data-testid="funding-import">
            {t('funding.excel.import')}
          </Button>
        </Upload>
      )}
      <UploadProgress upload={upload} />
      <Modal
        open={!!pending}
        title={t('funding.excel.importTitle')}
        okText={t('funding.excel.confirm')}
        onOk={() => void confirm()}
        onCancel={() => {
          upload.discard();
          setPending(null);
        }}
      >
        {pending && (
          <Typography.Paragraph data-testid="funding-import-report">{t('funding.excel.dryRunDone', { summary: summary(pending.report) })}</Typography.Paragraph>
        )}
        {pending && pending.report.ignoredColumns.length > 0 && (
          <Typography.Paragraph data-testid="funding-import-ignored">
            {t('funding.excel.ignored', { columns: pending.report.ignoredColumns.join(', ') })}
          </Typography.Paragraph>
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
