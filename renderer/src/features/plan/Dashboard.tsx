import { Card, Col, Empty, Progress, Row, Space, Statistic, Table, Tag, Tooltip as AntTooltip, Typography } from 'antd';
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatFigure, formatFigurePercent, type Dashboard as DashboardData, type DashboardItem, type Rag } from '../../../../electron/contract';
import { api } from '../../api/client';
import { commitmentBars, indicatorBars, timeline, type IndicatorBar, type TimelineRow } from '../../charts/dashboard';
import { CommitmentProgressChart } from '../../charts/CommitmentProgressChart';
import { RAG_SEVERITY, ragTagStyle } from '../../charts/rag';
import { Loadable, PageTitle, RagTag, RowList } from '../../ui/components';
import { formatDate, formatDateTime } from '../../ui/format';
import { useLang } from '../../ui/hooks';

export const DASHBOARD_KEY = ['plan', 'dashboard'] as const;
const dashboardQuery = { queryKey: DASHBOARD_KEY, queryFn: () => api.get('plan.dashboard', {}) };
/** Fetches the dashboard ahead (it is kept alive like the big lists: app/KeepAlive.tsx). */
export const warmDashboard = (qc: QueryClient) => qc.prefetchQuery(dashboardQuery);

export function Dashboard() {
  const { t } = useTranslation();
  const lang = useLang();
  const q = useQuery(dashboardQuery);
  return (
    <>
      <PageTitle title={t('dashboard.title')} sub={q.data ? t('dashboard.generated', { when: formatDateTime(q.data.generatedAt, lang) }) : undefined} />
      <Loadable query={q}>{(d) => <DashboardBody d={d} />}</Loadable>
    </>
  );
}

function DashboardBody({ d }: { d: DashboardData }) {
  const { t } = useTranslation();
  const lang = useLang();
  // Every figure here is core's (plan/figures.ts), as the report, the workbooks and the site show it: the tags count
  // the same actions and indicators the lists below name, and every percentage is rounded once, by formatFigurePercent.
  const f = d.figures;
  const overall = formatFigurePercent(f.overallProgress, lang);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <Card style={{ height: '100%' }}>
            <Space size={24} align="center">
              <Progress
                type="circle"
                percent={Math.min(100, f.overallProgress)}
                size={96}
                format={() => overall}
                aria-label={t('dashboard.overall')}
                data-testid="overall-progress"
              />
              <Statistic title={t('dashboard.overall')} value={overall} data-testid="overall-progress-value" />
            </Space>
          </Card>
        </Col>
        <Col xs={24} md={16}>
          <Card style={{ height: '100%' }} title={t('dashboard.statusSummary')}>
            <Space wrap size={[8, 8]}>
              {(Object.keys(f.itemRag) as Rag[])
                .filter((r) => f.itemRag[r] > 0)
                .sort((a, b) => RAG_SEVERITY[a] - RAG_SEVERITY[b])
                .map((r) => (
                  <Tag key={r} data-testid={`dashboard-count-${r}`} data-count={f.itemRag[r]} style={{ ...ragTagStyle(r), fontSize: 13, padding: '2px 10px' }}>
                    {t(`rag.${r}`)}: {f.itemRag[r]}
                  </Tag>
                ))}
            </Space>
            <Typography.Paragraph className="pla-muted" style={{ marginTop: 16, marginBottom: 0 }} data-testid="dashboard-attention-summary">
              {t('dashboard.attentionSummary', { late: f.counts.late, atRisk: f.counts.atRisk, noData: f.counts.noData })}
            </Typography.Paragraph>
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <CommitmentChart d={d} />
        </Col>
        <Col xs={24} xl={12}>
          <AttentionLists d={d} />
        </Col>
      </Row>
      <IndicatorTable rows={indicatorBars(d)} />
      <TimelineTable d={d} />
    </Space>
  );
}

function CommitmentChart({ d }: { d: DashboardData }) {
  const { t } = useTranslation();
  const data = commitmentBars(d);
  // The chart lists the commitments itself (code and title link to each, the percentage and status in words at the
  // bar's end): no list under it repeats them.
  return (
    <Card title={t('dashboard.commitmentProgress')} style={{ height: '100%' }} data-testid="commitment-chart">
      {data.length === 0 ? <Empty /> : <CommitmentProgressChart data={data} testId="commitment-progress" titleChars={52} />}
    </Card>
  );
}

const linkFor = (i: DashboardItem) => (i.kind === 'commitment' ? `/commitments/${i.id}` : i.kind === 'action' ? `/actions/${i.id}` : `/indicators/${i.id}`);

function AttentionLists({ d }: { d: DashboardData }) {
  const { t } = useTranslation();
  const section = (key: 'late' | 'atRisk' | 'noData', items: DashboardItem[]) => ({
    key,
    title: `${t(`dashboard.${key}`)} (${items.length})`,
    items,
  });
  const sections = [section('late', d.figures.late), section('atRisk', d.figures.atRisk), section('noData', d.figures.noData)];
  return (
    <Card title={t('dashboard.attention')} style={{ height: '100%' }} styles={{ body: { maxHeight: 520, overflow: 'auto' } }}>
      {sections.map((s) => (
        <div key={s.key} style={{ marginBottom: 12 }} data-testid={`dashboard-${s.key}`}>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {s.title}
          </Typography.Title>
          {s.items.length === 0 ? (
            <Typography.Text className="pla-muted">{t('dashboard.none')}</Typography.Text>
          ) : (
            <RowList
              items={s.items}
              rowKey={(i) => `${i.kind}:${i.id}:${i.reason}`}
              render={(i) => (
                <Space align="start">
                  <Tag>{t(`kind.${i.kind}`)}</Tag>
                  <span>
                    <Link to={linkFor(i)}>
                      <strong>{i.code}</strong> {i.title}
                    </Link>
                    <br />
                    <Typography.Text className="pla-muted" style={{ fontSize: 12 }}>
                      {t(`reason.${i.reason}`, { defaultValue: i.reason })}
                    </Typography.Text>
                  </span>
                </Space>
              )}
            />
          )}
        </div>
      ))}
    </Card>
  );
}

function IndicatorTable({ rows }: { rows: IndicatorBar[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Card title={t('dashboard.indicators')} data-testid="dashboard-indicators">
      <Table<IndicatorBar>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={rows}
        onRow={(r) => ({ 'data-testid': `dashboard-indicator-${r.code}`, 'data-indicator-id': r.id }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('fields.code'), dataIndex: 'code', width: 80, render: (c: string, r) => <Link to={`/indicators/${r.id}`}>{c}</Link> },
          { title: t('fields.indicator'), dataIndex: 'name', ellipsis: { showTitle: true } },
          {
            title: t('indicators.value'),
            width: 150,
            align: 'right',
            render: (_, r) => (
              <span data-testid="indicator-value">
                {formatFigure(r.value, lang)} / {formatFigure(r.target, lang)}
              </span>
            ),
          },
          {
            title: t('indicators.percentOfTarget'),
            width: 240,
            render: (_, r) => (
              <Space style={{ width: '100%' }}>
                <div className="pla-bar-track" style={{ width: 140 }} aria-hidden>
                  <div className="pla-bar-fill" style={{ width: `${r.barPercent}%`, background: r.color }} />
                </div>
                <span data-testid="indicator-percent">{formatFigurePercent(r.percent, lang)}</span>
              </Space>
            ),
          },
          { title: t('fields.status'), dataIndex: 'rag', width: 120, render: (_, r) => <RagTag rag={r.rag} /> },
          { title: t('indicators.lastDate'), dataIndex: 'lastDate', width: 110, render: (v: string | null) => formatDate(v, lang) },
        ]}
      />
    </Card>
  );
}

function TimelineTable({ d }: { d: DashboardData }) {
  const { t } = useTranslation();
  const lang = useLang();
  const tl = timeline(d);
  return (
    <Card
      title={t('dashboard.timeline')}
      extra={
        tl.start && (
          <Typography.Text className="pla-muted">
            {formatDate(tl.start, lang)} – {formatDate(tl.end, lang)}
          </Typography.Text>
        )
      }
      data-testid="dashboard-timeline"
    >
      <Table<TimelineRow>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={tl.rows}
        columns={[
          {
            title: t('fields.action'),
            width: 360,
            render: (_, r) => (
              <span style={{ paddingInlineStart: r.depth * 14 }}>
                <Link to={`/actions/${r.id}`}>
                  <strong>{r.code}</strong>
                </Link>{' '}
                <Typography.Text ellipsis={{ tooltip: r.title }} style={{ maxWidth: 280 }}>
                  {r.title}
                </Typography.Text>
              </span>
            ),
          },
          {
            title: (
              <div style={{ position: 'relative', height: 18 }}>
                {tl.ticks.map((k) => (
                  <span key={k.label} style={{ position: 'absolute', left: `${k.offset}%`, fontWeight: 400, fontSize: 12 }}>
                    {k.label}
                  </span>
                ))}
              </div>
            ),
            render: (_, r) => (
              <AntTooltip
                title={`${t('fields.planned')}: ${formatDate(r.plannedStart, lang)} – ${formatDate(r.plannedEnd, lang)} · ${t('fields.progress')}: ${formatFigurePercent(r.progress, lang)}`}
              >
                <div className="pla-gantt-row">
                  {r.plannedOffset != null && (
                    <>
                      <div className="pla-gantt-plan" style={{ left: `${r.plannedOffset}%`, width: `${r.plannedWidth}%` }} />
                      <div className="pla-gantt-done" style={{ left: `${r.plannedOffset}%`, width: `${r.doneWidth}%`, background: r.color }} />
                    </>
                  )}
                  {tl.todayOffset != null && <div className="pla-gantt-today" style={{ left: `${tl.todayOffset}%` }} />}
                </div>
              </AntTooltip>
            ),
          },
          { title: t('fields.progress'), dataIndex: 'progress', width: 90, align: 'right', render: (v: number) => formatFigurePercent(v, lang) },
          { title: t('fields.status'), width: 120, render: (_, r) => <RagTag rag={r.rag} /> },
        ]}
      />
    </Card>
  );
}
