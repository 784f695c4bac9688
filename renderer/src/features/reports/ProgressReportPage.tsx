import { PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Empty, Row, Space, Statistic, Table, Tooltip as AntTooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import {
  formatFigure,
  formatFigurePercent,
  type ProgressReport,
  type ReportAction,
  type ReportIndicator,
  type ReportUpdate,
} from '../../../../electron/contract';
import { CommitmentProgressChart } from '../../charts/CommitmentProgressChart';
import { commitmentBars } from '../../charts/dashboard';
import { IndicatorTargetChart } from '../../charts/IndicatorTargetChart';
import { StatusBreakdown } from '../../charts/StatusBreakdown';
import { ExportButton } from '../../ui/ExportButton';
import { Loadable, PageTitle, RagTag } from '../../ui/components';
import { dateInputFormat, fromDayjs, toDayjs } from '../../ui/dates';
import { formatDate, formatLei, formatNumber } from '../../ui/format';
import { useLang } from '../../ui/hooks';
import { indicatorSeries } from './charts';
import { useProgressReport } from './queries';
import './print.css';

/**
 * The printable progress report for Local Council meetings: overall and per-commitment progress (charts and
 * tables), indicators against targets, what is late or at risk, recent updates and the registries' figures.
 * "Tipărește / PDF" calls window.print(): the print styles keep only the report, on A4, and the browser's (or
 * Electron's) print dialog saves it as PDF.
 */
export function ProgressReportPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [day, setDay] = useState<string | undefined>(undefined);
  const q = useProgressReport(day);
  return (
    <div className="pla-print-page" data-testid="progress-report">
      <PageTitle
        title={t('reports.progress.title')}
        sub={q.data ? t('reports.progress.sub', { date: formatDate(q.data.today, lang) }) : undefined}
        extra={
          <Space wrap className="pla-no-print">
            <DatePicker
              value={toDayjs(day)}
              onChange={(d) => setDay(fromDayjs(d) ?? undefined)}
              format={dateInputFormat(lang)}
              placeholder={t('reports.progress.day')}
              aria-label={t('reports.progress.day')}
              data-testid="report-day"
            />
            <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="report-print">
              {t('reports.progress.print')}
            </Button>
            <AntTooltip title={t('reports.progress.packHelp')}>
              <span>
                <ExportButton method="reports.exportExcel" label="reports.progress.pack" testId="report-pack" />
              </span>
            </AntTooltip>
          </Space>
        }
      />
      <Loadable query={q}>{(r) => <ReportBody r={r} />}</Loadable>
    </div>
  );
}

/** An indicator's value or target with its unit, rounded by the one display rule; no value → "Fără date". */
const figureWithUnit = (v: number | null, unit: string, lang: 'ro' | 'en') =>
  v == null ? formatFigure(null, lang) : unit === '%' ? formatFigurePercent(v, lang) : unit ? `${formatFigure(v, lang)} ${unit}` : formatFigure(v, lang);

function ReportBody({ r }: { r: ProgressReport }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="report-plan-title">
          {r.planTitle}
        </Typography.Title>
        <Typography.Paragraph className="pla-muted">
          {t('reports.progress.period', { start: formatDate(r.periodStart, lang), end: formatDate(r.periodEnd, lang) })}
        </Typography.Paragraph>
        <Row gutter={[24, 16]}>
          <Col xs={12} md={6}>
            <Statistic title={t('reports.progress.overall')} value={formatFigurePercent(r.overallProgress, lang)} data-testid="report-overall" />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('reports.progress.expected')} value={formatFigurePercent(r.overallExpected, lang)} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('reports.progress.commitments')} value={r.commitments.length} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('rag.late')} value={r.counts.late} data-testid="report-late" />
          </Col>
        </Row>
        {/* The dashboard's own sentence and counts (core's plan figures): the two never disagree. */}
        <Typography.Paragraph className="pla-muted" style={{ marginTop: 16, marginBottom: 0 }} data-testid="report-attention-summary">
          {t('dashboard.attentionSummary', { late: r.counts.late, atRisk: r.counts.atRisk, noData: r.counts.noData })}
        </Typography.Paragraph>
      </Card>
      <CommitmentsCard r={r} />
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12}>
          <StatusChart title={t('reports.progress.actionsByStatus')} counts={r.actionRag} testId="report-action-status" what={t('charts.actions')} />
        </Col>
        <Col xs={24} md={12}>
          <StatusChart
            title={t('reports.progress.indicatorsByStatus')}
            counts={r.indicatorRag}
            testId="report-indicator-status"
            what={t('charts.indicators')}
          />
        </Col>
      </Row>
      <IndicatorsCard r={r} />
      <AttentionCard items={r.attention} />
      <RegistriesCard r={r} />
      <UpdatesCard r={r} />
    </Space>
  );
}

function CommitmentsCard({ r }: { r: ProgressReport }) {
  const { t } = useTranslation();
  // The chart is the commitments' only listing here: code and title (links), real and expected progress, status in words.
  return (
    <Card title={t('reports.progress.commitmentChart')} data-testid="report-commitments">
      <CommitmentProgressChart data={commitmentBars(r)} testId="report-commitments-chart" titleChars={110} />
    </Card>
  );
}

function StatusChart({ title, counts, testId, what }: { title: string; counts: ProgressReport['actionRag']; testId: string; what: string }) {
  return (
    <Card title={title} style={{ height: '100%' }} data-testid={testId}>
      {Object.values(counts).some((n) => n > 0) ? <StatusBreakdown counts={counts} testId={testId} what={what} /> : <Empty />}
    </Card>
  );
}

function IndicatorsCard({ r }: { r: ProgressReport }) {
  const { t } = useTranslation();
  const lang = useLang();
  const data = indicatorSeries(r);
  return (
    <Card title={t('reports.progress.indicators')} data-testid="report-indicators" className="pla-print-break">
      {data.length > 0 && <IndicatorTargetChart rows={data} total={r.indicators.length} testId="report-indicators-chart" />}
      <Table<ReportIndicator>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={r.indicators}
        columns={[
          { title: t('reports.progress.col.code'), dataIndex: 'code', width: 70 },
          { title: t('reports.progress.col.title'), dataIndex: 'name', render: (v: string, i) => <Link to={`/indicators/${i.id}`}>{v}</Link> },
          { title: t('reports.progress.col.commitment'), dataIndex: 'commitmentCode', width: 90 },
          {
            title: t('reports.progress.col.current'),
            dataIndex: 'current',
            align: 'right',
            width: 120,
            render: (v: number | null, i) => figureWithUnit(v, i.unit, lang),
          },
          {
            title: t('reports.progress.col.target'),
            dataIndex: 'target',
            align: 'right',
            width: 120,
            render: (v: number, i) => figureWithUnit(v, i.unit, lang),
          },
          {
            title: t('reports.progress.col.percent'),
            dataIndex: 'percentOfTarget',
            align: 'right',
            width: 100,
            render: (v: number | null) => formatFigurePercent(v, lang),
          },
          { title: t('reports.progress.col.status'), dataIndex: 'rag', width: 150, render: (v: ReportIndicator['rag']) => <RagTag rag={v} /> },
        ]}
      />
    </Card>
  );
}

function AttentionCard({ items }: { items: ReportAction[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Card title={`${t('reports.progress.attention')} (${items.length})`} data-testid="report-attention">
      {items.length === 0 ? (
        <Typography.Text className="pla-muted">{t('reports.progress.noAttention')}</Typography.Text>
      ) : (
        <Table<ReportAction>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={items}
          columns={[
            { title: t('reports.progress.col.code'), dataIndex: 'code', width: 80 },
            { title: t('reports.progress.col.title'), dataIndex: 'title', render: (v: string, a) => <Link to={`/actions/${a.id}`}>{v}</Link> },
            { title: t('reports.progress.col.responsible'), dataIndex: 'responsibleOrg', width: 200 },
            { title: t('reports.progress.col.end'), dataIndex: 'plannedEnd', width: 110, render: (v: string | null) => formatDate(v, lang) },
            {
              title: t('reports.progress.col.progress'),
              dataIndex: 'progress',
              align: 'right',
              width: 90,
              render: (v: number) => formatFigurePercent(v, lang),
            },
            {
              title: t('reports.progress.col.expected'),
              dataIndex: 'expectedProgress',
              align: 'right',
              width: 90,
              render: (v: number) => formatFigurePercent(v, lang),
            },
            { title: t('reports.progress.col.status'), dataIndex: 'rag', width: 130, render: (v: ReportAction['rag']) => <RagTag rag={v} /> },
          ]}
        />
      )}
    </Card>
  );
}

function RegistriesCard({ r }: { r: ProgressReport }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Card title={t('reports.progress.registries')} data-testid="report-registries">
      <Row gutter={[24, 16]}>
        <Col xs={12} md={6}>
          <Statistic title={t('reports.progress.risksOpen')} value={r.risks.open} />
          <Typography.Text className="pla-muted">
            {r.risks.aboveTolerance} {t('reports.progress.risksAbove')}, {r.risks.reviewsOverdue} {t('reports.progress.reviewsOverdue')}
          </Typography.Text>
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('reports.progress.trainedPeople')} value={formatNumber(r.trainedPeople, lang)} data-testid="report-trained" />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('reports.progress.partnerships')} value={r.partnerships.total} />
          <Typography.Text className="pla-muted">
            {r.partnerships.active} {t('reports.progress.partnershipsActive')}
          </Typography.Text>
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('reports.progress.fundingAttracted')} value={formatLei(r.funding.approvedBani, lang)} data-testid="report-funding" />
          <Typography.Text className="pla-muted">
            {t('reports.progress.fundingRequested')}: {formatLei(r.funding.requestedBani, lang)} ·{' '}
            {t('reports.progress.fundingCounts', { calls: r.funding.calls, applications: r.funding.applications })}
          </Typography.Text>
        </Col>
      </Row>
      {r.training.length > 0 && (
        <>
          <Typography.Title level={5}>{t('reports.progress.training')}</Typography.Title>
          <Table
            size="small"
            rowKey={(g) => `${g.actionCode}:${g.programme}`}
            pagination={false}
            dataSource={r.training}
            columns={[
              { title: t('reports.progress.col.programme'), dataIndex: 'programme' },
              { title: t('reports.progress.col.action'), dataIndex: 'actionCode', width: 90 },
              { title: t('reports.progress.col.sessions'), dataIndex: 'sessions', align: 'right', width: 90 },
              { title: t('reports.progress.col.completedPeople'), dataIndex: 'completedPeople', align: 'right', width: 180 },
            ]}
          />
        </>
      )}
    </Card>
  );
}

function UpdatesCard({ r }: { r: ProgressReport }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Card title={t('reports.progress.updates', { since: formatDate(r.since, lang) })} data-testid="report-updates">
      {r.recentUpdates.length === 0 ? (
        <Typography.Text className="pla-muted">{t('reports.progress.noUpdates')}</Typography.Text>
      ) : (
        <Table<ReportUpdate>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={r.recentUpdates}
          columns={[
            { title: t('reports.progress.col.date'), dataIndex: 'date', width: 110, render: (v: string) => formatDate(v, lang) },
            { title: t('reports.progress.col.action'), dataIndex: 'actionCode', width: 80 },
            { title: t('reports.progress.col.title'), dataIndex: 'actionTitle' },
            {
              title: t('reports.progress.col.progress'),
              dataIndex: 'progress',
              align: 'right',
              width: 90,
              render: (v: number) => formatFigurePercent(v, lang),
            },
            { title: t('reports.progress.col.note'), dataIndex: 'note' },
          ]}
        />
      )}
    </Card>
  );
}
