import { Button, Modal, Space, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StakeholdersImportReport } from '../../../../electron/contract';
import { ExportButton } from '../../ui/ExportButton';
import { useImportStakeholders } from './mutations';
import { errorText, toErrorData } from '../../api/errors';
import { UploadProgress, badCellLines, useUpload } from '../../ui/upload';

/** An error in the UI language: this module's rule reasons (second Accountable, consent …) first, then the shared texts. */
export function stakeholderErrorText(t: TFunction, e: unknown): string {
  const issue = toErrorData(e).details?.issues?.[0];
  if (issue) {
    const own = t(`stakeholders.errors.${issue.reason}`, { ...issue.params, defaultValue: '' });
    if (own) return own;
  }
  return errorText(t, e);
}

/** The register's Excel export, with the shared export button. */
export const ExportStakeholders = () => <ExportButton method="stakeholders.exportExcel" label="stakeholders.exportExcel" testId="stakeholders-export" />;

/** Import: pick a workbook, check it (dry run), then import; every bad cell is listed. */
export function ImportStakeholders() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<StakeholdersImportReport | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const upload = useUpload('stakeholders.importExcel');
  const importing = useImportStakeholders(upload, {
    onError: (e) => {
      setReport(null);
      setProblems(badCellLines(e, (x) => stakeholderErrorText(t, x)));
    },
  });
  const run = async (dryRun: boolean) => {
    if (!file) return;
    setProblems([]);
    const done = await importing.run({ file, dryRun });
    if (done?.data) setReport(done.data);
  };
  return (
    <>
      <Button
        icon={<UploadOutlined />}
        onClick={() => {
          setFile(null);
          setReport(null);
          setProblems([]);
          setOpen(true);
        }}
        data-testid="stakeholders-import"
      >
        {t('stakeholders.importExcel')}
      </Button>
      <Modal
        open={open}
        title={t('stakeholders.importExcel')}
        onCancel={() => {
          upload.cancel();
          upload.discard();
          setOpen(false);
        }}
        footer={[
          <Button key="dry" disabled={!file} loading={importing.isPending} onClick={() => void run(true)} data-testid="stakeholders-import-dry">
            {t('stakeholders.importDry')}
          </Button>,
          <Button key="run" type="primary" disabled={!file} loading={importing.isPending} onClick={() => void run(false)} data-testid="stakeholders-import-run">
            {t('stakeholders.importRun')}
          </Button>,
        ]}
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Upload
            accept=".xlsx,.ods"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              setReport(null);
              setProblems([]);
              return false;
            }}
            onRemove={() => setFile(null)}
          >
            <Button icon={<UploadOutlined />}>.xlsx</Button>
          </Upload>
          <UploadProgress upload={upload} />
          {report && (
            <div data-testid="stakeholders-import-report">
              <Typography.Text strong>{t(report.dryRun ? 'stakeholders.importChecked' : 'stakeholders.importDone')}</Typography.Text>
              {report.sheets.map((s) => (
                <div key={s.sheet}>{t('stakeholders.importReport', s)}</div>
              ))}
              {report.ignoredColumns.length > 0 && (
                <div data-testid="stakeholders-import-ignored">{t('stakeholders.importIgnored', { columns: report.ignoredColumns.join(', ') })}</div>
              )}
            </div>
          )}
          {problems.length > 0 && (
            <div data-testid="stakeholders-import-errors" style={{ maxHeight: 240, overflow: 'auto' }}>
              {problems.map((p) => (
                <Typography.Text key={p} type="danger" style={{ display: 'block' }}>
                  {p}
                </Typography.Text>
              ))}
            </div>
          )}
        </Space>
      </Modal>
    </>
  );
}
