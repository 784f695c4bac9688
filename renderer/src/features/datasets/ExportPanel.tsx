import { App as AntApp, Button, Checkbox, Progress, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DatasetDetail, DatasetExportResult } from '../../../../electron/contract';
import { api } from '../../api/client';
import { followJob } from '../../api/jobs';
import { useAuth } from '../../app/auth';
import { formatBytes } from '../../ui/format';
import { useLang } from '../../ui/hooks';
import { useDatasetErrors } from './shared';

/** The publishable files (CSV, BOM copy, schema, datapackage.json, CKAN and DCAT-AP metadata) in the dataset's folder. */
export function ExportPanel({ d }: { d: DatasetDetail }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { canEdit } = useAuth();
  const { message } = AntApp.useApp();
  const onError = useDatasetErrors();
  const [withBom, setWithBom] = useState(true);
  const [progress, setProgress] = useState<number | null>(null);
  const [result, setResult] = useState<DatasetExportResult | null>(null);
  const run = async () => {
    try {
      const { jobId } = await api.get('datasets.exportPackage', { id: d.id, withBom });
      setProgress(0);
      const job = await followJob(jobId, (j) => setProgress(j.progress));
      if (job.status === 'done') {
        setResult(job.result as DatasetExportResult);
        void message.success(t('datasets.export.done', { folder: (job.result as DatasetExportResult).folder }));
      } else onError(job.error);
    } catch (e) {
      onError(e);
    } finally {
      setProgress(null);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="export-panel">
      {canEdit && (
        <Space>
          <Checkbox checked={withBom} onChange={(e) => setWithBom(e.target.checked)}>
            {t('datasets.export.withBom')}
          </Checkbox>
          <Button type="primary" onClick={run} loading={progress !== null} data-testid="export-run">
            {t('datasets.export.run')}
          </Button>
          {progress !== null && <Progress percent={Math.round(progress * 100)} aria-label={t('datasets.export.run')} style={{ width: 200 }} />}
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
