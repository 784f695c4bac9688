import { App as AntApp, Button, Modal, Progress, Typography } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Job, MethodName } from '../../../electron/contract';
import { api } from '../api/client';
import { deliverFile } from '../api/files';
import { followJob } from '../api/jobs';
import { errorText } from '../api/errors';
import { useMayCall } from '../app/access';

/** Every module's Excel export (and the datasets inventory): a job with no input that ends with `{ fileId, fileName }`. */
export type ExportMethod = Extract<MethodName, `${string}.exportExcel`> | 'datasets.exportInventory' | 'stakeholders.exportRaciMatrix';

/**
 * "Exportă în Excel" for any module: start the export job, show its progress (with cancel), then hand the
 * workbook to the user (a save dialog under Electron, a download in browser mode).
 */
export function ExportButton({
  method = 'plan.exportExcel',
  label = 'export.button',
  testId = 'export-excel',
  size,
}: {
  method?: ExportMethod;
  /** i18n key of the button's text. */
  label?: string;
  testId?: string;
  size?: 'small' | 'middle';
}) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [job, setJob] = useState<Job | null>(null);
  const [open, setOpen] = useState(false);
  const abort = useRef<AbortController | null>(null);
  // Viewers and evaluators export nothing (DOMAIN.md roles table; core refuses it): no button that would only be refused.
  const may = useMayCall(method);

  const run = async () => {
    setJob(null);
    setOpen(true);
    const started = await api.call(method as 'plan.exportExcel', {});
    if (!started.ok) {
      setOpen(false);
      void message.error(errorText(t, started.error));
      return;
    }
    abort.current = new AbortController();
    try {
      const done = await followJob(started.value.jobId, setJob, { signal: abort.current.signal });
      setJob(done);
      if (done.status === 'done') {
        const result = done.result as { fileId: string; fileName?: string };
        const d = await deliverFile('export', result.fileId);
        if (d.savedTo) void message.success(t('files.savedTo', { path: d.savedTo }));
        else if (d.downloadPath) void message.success(t('export.downloaded', { name: result.fileName ?? '' }));
        setOpen(false);
      } else if (done.status === 'failed') {
        void message.error(t('export.failed', { reason: errorText(t, done.error) }));
        setOpen(false);
      } else setOpen(false);
    } catch (e) {
      setOpen(false);
      void message.error(errorText(t, e));
    }
  };

  if (!may) return null;
  return (
    <>
      <Button icon={<FileExcelOutlined />} onClick={() => void run()} loading={open} size={size} data-testid={testId}>
        {t(label)}
      </Button>
      <Modal
        open={open}
        title={t('export.title')}
        footer={
          <Button
            onClick={() => {
              abort.current?.abort();
              setOpen(false);
            }}
          >
            {t('common.cancel')}
          </Button>
        }
        closable={false}
        mask={{ closable: false }}
      >
        <Progress
          percent={Math.round((job?.progress ?? 0) * 100)}
          status="active"
          aria-label={job?.message ?? t('export.preparing')}
          data-testid="export-progress"
        />
        <Typography.Text className="pla-muted">{job?.message ?? t('export.preparing')}</Typography.Text>
      </Modal>
    </>
  );
}
