import { App as AntApp, Button, Checkbox, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DatasetDetail, DatasetExportResult, Job } from '../../../../electron/contract';
import { api } from '../../api/client';
import { followJob } from '../../api/jobs';
import { useAuth } from '../../app/auth';
import { formatBytes } from '../../ui/format';
import { useLang } from '../../ui/hooks';
import { JobProgress } from '../../ui/upload';
import { useDatasetErrors } from './shared';

/** The publishable files (CSV, BOM copy, schema, datapackage.json, CKAN and DCAT-AP metadata) in the dataset's folder. */
export function ExportPanel({ d }: { d: DatasetDetail }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { canEdit } = useAuth();
  const { message } = AntApp.useApp();
  const onError = useDatasetErrors();
  const [withBom, setWithBom] = useState(true);
  const [job, setJob] = useState<Job | null>(null);
  const [result, setResult] = useState<DatasetExportResult | null>(null);
  const run = async () => {
    try {
      const { jobId } = await api.get('datasets.exportPackage', { id: d.id, withBom });
      setJob({ id: jobId, kind: 'datasets.export', status: 'running', progress: 0, message: null, result: null, error: null, startedAt: '', finishedAt: null });
      const done = await followJob(jobId, setJob);
      if (done.status === 'done') {
        setResult(done.result as DatasetExportResult);
        void message.success(t('datasets.export.done', { folder: (done.result as DatasetExportResult).folder }));
      } else if (done.status === 'cancelled') void message.info({ content: <span data-testid="export-cancelled">{t('files.jobCancelled')}</span> });
      else onError(done.error);
    } catch (e) {
      onError(e);
    } finally {
      setJob(null);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="export-panel">
      {canEdit && (
        <Space>
          <Checkbox checked={withBom} onChange={(e) => setWithBom(e.target.checked)}>
            {t('datasets.export.withBom')}
          </Checkbox>
          <Button type="primary" onClick={run} loading={job !== null} data-testid="export-run">
            {t('datasets.export.run')}
          </Button>
          {job && (
            <JobProgress job={job} fallback={t('datasets.export.run')} onCancel={() => void api.call('jobs.cancel', { id: job.id })} testId="export-progress" />
          )}
        </Space>
      )}
      {result && (
        <>
          <Typography.Text code data-testid="export-folder">
            {result.folder}
          </Typography.Text>
          <Table
            size="small"
            rowKey="name"
            pagination={false}
            dataSource={result.files}
            data-testid="export-files"
            columns={[
              { title: t('datasets.export.files'), dataIndex: 'name' },
              { title: '', dataIndex: 'bytes', align: 'right', render: (b: number) => formatBytes(b, lang) },
              { title: 'SHA-256', dataIndex: 'sha256', render: (s: string) => <code>{s.slice(0, 16)}…</code> },
            ]}
          />
        </>
      )}
    </Space>
  );
}
