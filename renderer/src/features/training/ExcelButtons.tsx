import { App as AntApp, Alert, Button, Modal, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import type { RegistryImportResult } from '../../../../electron/contract';
import { api } from '../../api/client';
import { ExportButton } from '../../ui/ExportButton';
import { UploadProgress, useUpload } from '../../ui/upload';
import { useAuth } from '../../app/auth';
import { invalidateTraining } from './queries';
import { importErrorLines } from './shared';

/** The training registry workbook: export (a job, then the file to the user) and import (a dry run, then the write on confirmation). */
export function TrainingExcelButtons() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const { canEdit } = useAuth();
  const qc = useQueryClient();
  const [pending, setPending] = useState<{ file: File; report: RegistryImportResult } | null>(null);
  const upload = useUpload('training.importExcel');
  const [bad, setBad] = useState<string[] | null>(null);

  const summary = (r: RegistryImportResult) =>
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
    });

  const check = async (file: File) => {
    setBad(null);
    const r = await upload.withFile(file, (f) => api.call('training.importExcel', { ...f, dryRun: true }));
    if (!r) return;
    if (r.ok) setPending({ file, report: r.value });
    else setBad(importErrorLines(t, r.error));
  };

  const confirm = async () => {
    if (!pending) return;
    const r = await upload.withFile(pending.file, (f) => api.call('training.importExcel', { ...f, dryRun: false }));
    if (!r) return;
    setPending(null);
    upload.discard();
    if (r.ok) {
      await invalidateTraining(qc);
      void message.success(t('training.excel.imported', { summary: summary(r.value) }));
    } else setBad(importErrorLines(t, r.error));
  };

  return (
    <>
      <ExportButton method="training.exportExcel" label="training.excel.export" testId="training-export" />
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
          <Button icon={<UploadOutlined />} data-testid="training-import">
            {t('training.excel.import')}
          </Button>
        </Upload>
      )}
      <UploadProgress upload={upload} />
      <Modal
        open={!!pending}
        title={t('training.excel.importTitle')}
        okText={t('training.excel.confirm')}
        onOk={() => void confirm()}
        onCancel={() => {
          upload.discard();
          setPending(null);
        }}
        okButtonProps={{ 'data-testid': 'training-import-confirm' } as never}
      >
        {pending && (
          <Typography.Paragraph data-testid="training-import-report">
            {t('training.excel.dryRunDone', { summary: summary(pending.report) })}
          </Typography.Paragraph>
        )}
        {pending && pending.report.ignoredColumns.length > 0 && (
          <Typography.Paragraph data-testid="training-import-ignored">
            {t('training.excel.ignored', { columns: pending.report.ignoredColumns.join(', ') })}
          </Typography.Paragraph>
        )}
        {pending && pending.report.warnings.length > 0 && (
          <Alert
            type="warning"
            showIcon
            title={t('training.excel.warnings')}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="training-import-warnings">
                {pending.report.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            }
          />
        )}
      </Modal>
      <Modal open={!!bad} title={t('training.excel.importTitle')} footer={null} onCancel={() => setBad(null)}>
        <Alert
          type="error"
          showIcon
          title={t('training.excel.badCells')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="training-import-errors">
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
