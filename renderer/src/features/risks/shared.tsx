import { Button, Modal, Space, Table, Tag, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import type { RiskImportReport, RiskLevel, RiskListItem } from '../../../../electron/contract';
import { api } from '../../api/client';
import { ExportButton } from '../../ui/ExportButton';
import { errorText, toErrorData } from '../../api/errors';
import { readAsBase64 } from '../../api/files';
import { VIRTUAL_FROM } from '../../ui/components';
import { formatDate } from '../../ui/format';
import { useLang } from '../../ui/hooks';
import { invalidateRisks } from './queries';

export const LEVEL_COLOR: Record<RiskLevel, string> = { low: 'green', medium: 'gold', high: 'orange', very_high: 'red' };
/** Cell fills of the heat maps, by level (light enough for black text). */
export const LEVEL_FILL: Record<RiskLevel, string> = { low: '#d9f7be', medium: '#fff1b8', high: '#ffd8bf', very_high: '#ffccc7' };

export function LevelTag({ level, exposure, testId }: { level: RiskLevel; exposure?: number | null; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={LEVEL_COLOR[level]} data-testid={testId} data-level={level} style={{ marginInlineEnd: 0 }}>
      {exposure != null ? `${exposure} · ` : ''}
      {t(`risks.level.${level}`)}
    </Tag>
  );
}

export function AboveTag({ show }: { show: boolean }) {
  const { t } = useTranslation();
  return show ? (
    <Tag color="red" data-testid="risk-above-tolerance">
      {t('risks.aboveTag')}
    </Tag>
  ) : null;
}

/** An error in the UI language: this module's reasons first, then the shared texts. */
export function riskErrorText(t: TFunction, e: unknown): string {
  const issue = toErrorData(e).details?.issues?.[0];
  if (issue) {
    const own = t(`risks.errors.${issue.reason}`, { defaultValue: '' });
    if (own) return own;
  }
  return errorText(t, e);
}

/** A compact list of risks (above-tolerance list, a heat-map cell, reviews due). */
export function RiskTable({ rows, testId, extra }: { rows: RiskListItem[]; testId: string; extra?: 'review' }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Table<RiskListItem>
      rowKey="id"
      size="small"
      dataSource={rows}
      pagination={false}
      virtual={rows.length > VIRTUAL_FROM}
      scroll={rows.length > VIRTUAL_FROM ? { y: 480 } : undefined}
      locale={{ emptyText: t('risks.none') }}
      data-testid={testId}
      onRow={(r) => ({ 'data-testid': `${testId}-row-${r.code}` }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { title: t('risks.fields.code'), dataIndex: 'code', width: 90, sorter: (a, b) => a.code.localeCompare(b.code, 'ro', { numeric: true }), render: (v: string, r) => <Link to={`/risks/${r.id}`}>{v}</Link> },
        { title: t('risks.fields.description'), dataIndex: 'description', ellipsis: true },
        { title: t('risks.fields.owner'), dataIndex: 'owner', width: 160, ellipsis: true },
        { title: t('risks.fields.exposure'), dataIndex: 'exposure', width: 150, sorter: (a, b) => a.exposure - b.exposure, defaultSortOrder: extra ? undefined : 'descend', render: (_: number, r) => <LevelTag level={r.level} exposure={r.exposure} /> },
        { title: t('risks.fields.actions'), dataIndex: 'actionCodes', width: 120, render: (v: string[]) => v.join(', ') || '—' },
        ...(extra === 'review'
          ? [
              { title: t('risks.fields.lastReviewDate'), dataIndex: 'lastReviewDate', width: 120, render: (v: string | null) => formatDate(v, lang) },
              {
                title: t('risks.fields.nextReviewDate'),
                dataIndex: 'nextReviewDate',
                width: 150,
                sorter: (a: RiskListItem, b: RiskListItem) => (a.nextReviewDate ?? '').localeCompare(b.nextReviewDate ?? ''),
                defaultSortOrder: 'ascend' as const,
                render: (v: string | null, r: RiskListItem) => (
                  <Space size={4}>
                    {formatDate(v, lang)}
                    <Tag color={r.reviewState === 'overdue' ? 'red' : 'gold'}>{t(`risks.reviewState.${r.reviewState}`)}</Tag>
                  </Space>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}

/** The register's Excel export (SCIM layout), with the shared export button. */
export const ExportRisks = () => <ExportButton method="risks.exportExcel" label="risks.exportExcel" testId="risks-export" />;

/** Import: pick a workbook, check it (dry run), then import; every bad cell is listed. */
export function ImportRisks() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<RiskImportReport | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const reset = () => {
    setReport(null);
    setProblems([]);
  };
  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    reset();
    const r = await api.call('risks.importExcel', { fileName: file.name, contentBase64: await readAsBase64(file), dryRun });
    setBusy(false);
    if (!r.ok) {
      const cells = r.error.details?.cells as Array<{ sheet: string; column: string; row: number; message: string }> | undefined;
      setProblems(cells?.length ? cells.map((c) => `${c.sheet}!${c.column} ${c.row}: ${c.message}`) : [riskErrorText(t, r.error)]);
      return;
    }
    setReport(r.value);
    if (!dryRun) await invalidateRisks(qc);
  };
  return (
    <>
      <Button
        icon={<UploadOutlined />}
        onClick={() => {
          setFile(null);
          reset();
          setOpen(true);
        }}
        data-testid="risks-import"
      >
        {t('risks.importExcel')}
      </Button>
      <Modal
        open={open}
        title={t('risks.importExcel')}
        onCancel={() => setOpen(false)}
        footer={[
          <Button key="dry" disabled={!file} loading={busy} onClick={() => void run(true)} data-testid="risks-import-dry">
            {t('risks.importDry')}
          </Button>,
          <Button key="run" type="primary" disabled={!file} loading={busy} onClick={() => void run(false)} data-testid="risks-import-run">
            {t('risks.importRun')}
          </Button>,
        ]}
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph className="pla-muted">{t('risks.importHelp')}</Typography.Paragraph>
          <Upload
            accept=".xlsx"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              reset();
              return false;
            }}
            onRemove={() => setFile(null)}
          >
            <Button icon={<UploadOutlined />}>.xlsx</Button>
          </Upload>
          {report && (
            <div data-testid="risks-import-report">
              <Typography.Text strong>{t(report.dryRun ? 'risks.importChecked' : 'risks.importDone')}</Typography.Text>
              <div>{t('risks.importReport', { sheet: report.sheet, created: report.created, updated: report.updated, unchanged: report.unchanged })}</div>
            </div>
          )}
          {problems.length > 0 && (
            <div data-testid="risks-import-errors" style={{ maxHeight: 240, overflow: 'auto' }}>
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
