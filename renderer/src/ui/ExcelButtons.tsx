import { App as AntApp, Alert, Button, Modal, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result, UploadPurpose } from '../../../electron/contract';
import type { UploadedFile } from '../api/uploads';
import { ExportButton, type ExportMethod } from './ExportButton';
import { UploadProgress, useUpload } from './upload';
import { useAuth } from '../app/auth';

/** What every workbook import reports on its dry run and its write. */
export interface ExcelImportReport {
  ignoredColumns: string[];
  warnings?: string[];
}

/**
 * A module's workbook buttons: export (a job, then the file to the user) and import (a dry run first, then the write on
 * confirmation). Texts are the module's `<feature>.excel.*` keys and test ids start with `<feature>-`.
 */
export function ExcelButtons<R extends ExcelImportReport>({
  feature,
  exportMethod,
  purpose,
  run,
  summary,
  errorLines,
  onImported,
  confirmTestId,
}: {
  feature: string;
  exportMethod: ExportMethod;
  purpose: UploadPurpose;
  /** The import call on an uploaded file. */
  run: (f: UploadedFile, dryRun: boolean) => Promise<Result<R>>;
  summary: (r: R) => string;
  /** The lines the error dialog lists for a refused import. */
  errorLines: (e: unknown) => string[];
  /** After the write: refresh what the module shows. */
  onImported: () => Promise<unknown>;
  confirmTestId?: string;
}) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const { canEdit } = useAuth();
  const [pending, setPending] = useState<{ file: File; report: R } | null>(null);
  const upload = useUpload(purpose);
  const [bad, setBad] = useState<string[] | null>(null);

  const check = async (file: File) => {
    setBad(null);
    const r = await upload.withFile(file, (f) => run(f, true));
    if (!r) return;
    if (r.ok) setPending({ file, report: r.value });
    else setBad(errorLines(r.error));
  };

  const confirm = async () => {
    if (!pending) return;
    const r = await upload.withFile(pending.file, (f) => run(f, false));
    if (!r) return;
    setPending(null);
    upload.discard();
    if (r.ok) {
      await onImported();
      void message.success(t(`${feature}.excel.imported`, { summary: summary(r.value) }));
    } else setBad(errorLines(r.error));
  };

  const warnings = pending?.report.warnings ?? [];
  return (
    <>
      <ExportButton method={exportMethod} label={`${feature}.excel.export`} testId={`${feature}-export`} />
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
          <Button icon={<UploadOutlined />} data-testid={`${feature}-import`}>
            {t(`${feature}.excel.import`)}
          </Button>
        </Upload>
      )}
      <UploadProgress upload={upload} />
      <Modal
        open={!!pending}
        title={t(`${feature}.excel.importTitle`)}
        okText={t(`${feature}.excel.confirm`)}
        onOk={() => void confirm()}
        onCancel={() => {
          upload.discard();
          setPending(null);
        }}
        okButtonProps={confirmTestId ? ({ 'data-testid': confirmTestId } as never) : undefined}
      >
        {pending && (
          <Typography.Paragraph data-testid={`${feature}-import-report`}>
            {t(`${feature}.excel.dryRunDone`, { summary: summary(pending.report) })}
          </Typography.Paragraph>
        )}
        {pending && pending.report.ignoredColumns.length > 0 && (
          <Typography.Paragraph data-testid={`${feature}-import-ignored`}>
            {t(`${feature}.excel.ignored`, { columns: pending.report.ignoredColumns.join(', ') })}
          </Typography.Paragraph>
        )}
        {warnings.length > 0 && (
          <Alert
            type="warning"
            showIcon
            title={t(`${feature}.excel.warnings`)}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid={`${feature}-import-warnings`}>
                {warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            }
          />
        )}
      </Modal>
      <Modal open={!!bad} title={t(`${feature}.excel.importTitle`)} footer={null} onCancel={() => setBad(null)}>
        <Alert
          type="error"
          showIcon
          title={t(`${feature}.excel.badCells`)}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid={`${feature}-import-errors`}>
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
