import { Button, Modal, Space, Table, Tag, Typography, Upload, type TableProps } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { RISK_SORTS, type ListRisksInput, type RiskImportReport, type RiskLevel, type RiskListItem, type RiskSort } from '../../../../electron/contract';
import { ExportButton } from '../../ui/ExportButton';
import { useImportRisks } from './mutations';
import { errorText, toErrorData } from '../../api/errors';
import { Loadable, VIRTUAL_FROM } from '../../ui/components';
import { formatDate, formatNumber } from '../../ui/format';
import { useLang } from '../../ui/hooks';
import { UploadProgress, badCellLines, useUpload } from '../../ui/upload';
import { sortFromTable as sortFromTableOf, sortOrderOf, type ServerSort } from '../../ui/paging';
import { useRiskPage } from './queries';

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

/** Filters of a risk list (what `risks.list` takes besides sorting and paging). */
export type RiskFilter = Omit<ListRisksInput, 'sort' | 'order' | 'offset' | 'limit' | 'today'>;
export type RiskSortState = ServerSort<RiskSort>;

export { sortOrderOf };

/** The server sort antd's sorter asks for (its column key is the sort name); none → `fallback`. */
type TableSorter = Parameters<NonNullable<TableProps<RiskListItem>['onChange']>>[2];
export const sortFromTable = (sorter: TableSorter, fallback: RiskSortState): RiskSortState => sortFromTableOf(sorter, RISK_SORTS, fallback);

/** The total under a paged list: "10.000 de riscuri". */
export function useTotalText() {
  const { t } = useTranslation();
  const lang = useLang();
  return (n: number) => t('risks.total', { count: n, n: formatNumber(n, lang) });
}

const SMALL_PAGE = 50;

/**
 * A compact list of risks (above-tolerance list, a heat-map cell, reviews due), paged, sorted and filtered on the
 * server with `filter`; remount it (a React key) when the filter changes to start again at page 1.
 */
export function RiskTable({ filter, testId, extra, defaultSort }: { filter: RiskFilter; testId: string; extra?: 'review'; defaultSort: RiskSortState }) {
  const { t } = useTranslation();
  const lang = useLang();
  const totalText = useTotalText();
  const [sort, setSort] = useState<RiskSortState>(defaultSort);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(SMALL_PAGE);
  const q = useRiskPage({ ...filter, sort: sort.by, order: sort.order, offset: (page - 1) * pageSize, limit: pageSize });
  return (
    <Loadable query={q}>
      {({ rows, total }) => (
        <Table<RiskListItem>
          rowKey="id"
          size="small"
          dataSource={rows}
          loading={q.isFetching && q.isPlaceholderData}
          pagination={{ current: page, pageSize, total, showSizeChanger: true, pageSizeOptions: [20, 50, 100, 200], showTotal: totalText, size: 'small' }}
          onChange={(p, _f, sorter) => {
            const next = sortFromTable(sorter, defaultSort);
            if (next.by !== sort.by || next.order !== sort.order) {
              setSort(next);
              setPage(1);
            } else setPage(p.current ?? 1);
            setPageSize(p.pageSize ?? SMALL_PAGE);
          }}
          virtual={rows.length > VIRTUAL_FROM}
          scroll={rows.length > VIRTUAL_FROM ? { y: 480 } : undefined}
          locale={{ emptyText: t('risks.none') }}
          data-testid={testId}
          onRow={(r) => ({ 'data-testid': `${testId}-row-${r.code}` }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            {
              title: t('risks.fields.code'),
              dataIndex: 'code',
              key: 'code',
              width: 90,
              sorter: true,
              sortOrder: sortOrderOf(sort, 'code'),
              render: (v: string, r) => <Link to={`/risks/${r.id}`}>{v}</Link>,
            },
            { title: t('risks.fields.description'), dataIndex: 'description', ellipsis: true },
            { title: t('risks.fields.owner'), dataIndex: 'owner', width: 160, ellipsis: true },
            {
              title: t('risks.fields.exposure'),
              dataIndex: 'exposure',
              key: 'exposure',
              width: 150,
              sorter: true,
              sortOrder: sortOrderOf(sort, 'exposure'),
              render: (_: number, r) => <LevelTag level={r.level} exposure={r.exposure} />,
            },
            { title: t('risks.fields.actions'), dataIndex: 'actionCodes', width: 120, render: (v: string[]) => v.join(', ') || '—' },
            ...(extra === 'review'
              ? [
                  { title: t('risks.fields.lastReviewDate'), dataIndex: 'lastReviewDate', width: 120, render: (v: string | null) => formatDate(v, lang) },
                  {
                    title: t('risks.fields.nextReviewDate'),
                    dataIndex: 'nextReviewDate',
                    key: 'nextReviewDate',
                    width: 150,
                    sorter: true,
                    sortOrder: sortOrderOf(sort, 'nextReviewDate'),
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
      )}
    </Loadable>
  );
}

/** The register's Excel export (SCIM layout), with the shared export button. */
export const ExportRisks = () => <ExportButton method="risks.exportExcel" label="risks.exportExcel" testId="risks-export" />;

/** Import: pick a workbook, check it (dry run), then import; every bad cell is listed. */
export function ImportRisks() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<RiskImportReport | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const upload = useUpload('risks.importExcel');
  const reset = () => {
    setReport(null);
    setProblems([]);
  };
  const importing = useImportRisks(upload, {
    onError: (e) => setProblems(badCellLines(e, (x) => riskErrorText(t, x))),
  });
  const run = async (dryRun: boolean) => {
    if (!file) return;
    reset();
    const done = await importing.run({ file, dryRun });
    if (done?.data) setReport(done.data);
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
        onCancel={() => {
          upload.cancel();
          upload.discard();
          setOpen(false);
        }}
        footer={[
          <Button key="dry" disabled={!file} loading={importing.isPending} onClick={() => void run(true)} data-testid="risks-import-dry">
            {t('risks.importDry')}
          </Button>,
          <Button key="run" type="primary" disabled={!file} loading={importing.isPending} onClick={() => void run(false)} data-testid="risks-import-run">
            {t('risks.importRun')}
          </Button>,
        ]}
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph className="pla-muted">{t('risks.importHelp')}</Typography.Paragraph>
          <Upload
            accept=".xlsx,.ods"
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
          <UploadProgress upload={upload} />
          {report && (
            <div data-testid="risks-import-report">
              <Typography.Text strong>{t(report.dryRun ? 'risks.importChecked' : 'risks.importDone')}</Typography.Text>
              <div>{t('risks.importReport', { sheet: report.sheet, created: report.created, updated: report.updated, unchanged: report.unchanged })}</div>
              {report.ignoredColumns.length > 0 && (
                <div data-testid="risks-import-ignored">{t('risks.importIgnored', { columns: report.ignoredColumns.join(', ') })}</div>
              )}
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
