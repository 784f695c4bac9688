import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import {
  formatFigurePercent,
  type AssessmentAction,
  type AssessmentEvidence,
  type AssessmentIndicator,
  type CommitmentAssessment,
} from '../../../../electron/contract';
import { ExportButton } from '../../ui/ExportButton';
import { Loadable, PageTitle, RagTag } from '../../ui/components';
import { formatBytes, formatDate, formatValueUnit } from '../../ui/format';
import { useLang } from '../../ui/hooks';
import { useAssessments } from './queries';
import './print.css';

/**
 * OGP Local's Inception and End-of-Commitment assessments of each commitment, filled from the records, as a
 * printable page (one commitment per printed page) and as an Excel workbook.
 */
export function AssessmentsPage() {
  const { t } = useTranslation();
  const q = useAssessments();
  const [pick, setPick] = useState<string>('all');
  return (
    <div className="pla-print-page" data-testid="assessments-page">
      <PageTitle
        title={t('reports.assessments.title')}
        sub={t('reports.assessments.sub')}
        extra={
          <Space wrap className="pla-no-print">
            <Select
              value={pick}
              onChange={setPick}
              style={{ minWidth: 260 }}
              aria-label={t('reports.assessments.pick')}
              data-testid="assessment-pick"
              options={[
                { value: 'all', label: t('reports.assessments.all') },
                ...(q.data ?? []).map((a) => ({ value: a.id, label: `${a.code} — ${a.title}` })),
              ]}
            />
            <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="assessments-print">
              {t('reports.progress.print')}
            </Button>
            <ExportButton method="reports.assessments.exportExcel" label="reports.assessments.excel" testId="assessments-excel" />
          </Space>
        }
      />
      <Loadable query={q}>
        {(list) => {
          const shown = pick === 'all' ? list : list.filter((a) => a.id === pick);
          if (shown.length === 0) return <Empty description={t('reports.assessments.empty')} />;
          return (
            <Space orientation="vertical" size={24} style={{ width: '100%' }}>
              {shown.map((a, n) => (
                <CommitmentAssessmentView key={a.id} a={a} breakBefore={n > 0} />
              ))}
            </Space>
          );
        }}
      </Loadable>
    </div>
  );
}

function CommitmentAssessmentView({ a, breakBefore }: { a: CommitmentAssessment; breakBefore: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const i = a.inception;
  const e = a.end;
  const yesNo = (b: boolean | null) => (b == null ? t('reports.assessments.notSet') : b ? t('reports.assessments.yes') : t('reports.assessments.no'));
  const text = (s: string) => <span className="pla-pre">{s || '—'}</span>;
  return (
    <section className={breakBefore ? 'pla-print-break' : undefined} data-testid={`assessment-${a.code}`}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        <Link to={`/commitments/${a.id}`}>{a.code}</Link> — {a.title}
      </Typography.Title>
      <Card title={t('reports.assessments.inception')} style={{ marginBottom: 16 }} data-testid={`inception-${a.code}`}>
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t('reports.assessments.problem')}>{text(i.problem)}</Descriptions.Item>
          <Descriptions.Item label={t('reports.assessments.objective')}>{text(i.objective)}</Descriptions.Item>
          <Descriptions.Item label={t('reports.assessments.description')}>{text(i.description)}</Descriptions.Item>
          <Descriptions.Item label={t('reports.assessments.solution')}>{text(i.solution)}</Descriptions.Item>
          <Descriptions.Item label={t('reports.assessments.values')}>
            {i.ogpValues.length ? i.ogpValues.map((v) => <Tag key={v}>{t(`ogpValue.${v}`)}</Tag>) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('reports.assessments.dates')}>
            {formatDate(i.startDate, lang)} – {formatDate(i.endDate, lang)}
          </Descriptions.Item>
          <Descriptions.Item label={t('reports.assessments.lead')}>{text(i.leadInstitution)}</Descriptions.Item>
          <Descriptions.Item label={t('reports.assessments.actors')}>{text(i.actors)}</Descriptions.Item>
          <Descriptions.Item label={t('reports.assessments.verifiable')}>{yesNo(i.verifiable)}</Descriptions.Item>
          <Descriptions.Item label={t('reports.assessments.potential')}>
            {i.potential ? t(`potential.${i.potential}`) : t('reports.assessments.notSet')}
          </Descriptions.Item>
        </Descriptions>
        <Typography.Title level={5}>{t('reports.assessments.actions')}</Typography.Title>
        <Table<AssessmentAction>
          size="small"
          rowKey="code"
          pagination={false}
          dataSource={i.actions}
          columns={[
            { title: t('reports.assessments.col.code'), dataIndex: 'code', width: 80 },
            { title: t('reports.assessments.col.title'), dataIndex: 'title' },
            { title: t('reports.assessments.col.deliverable'), dataIndex: 'deliverable' },
            { title: t('reports.assessments.col.end'), dataIndex: 'plannedEnd', width: 110, render: (v: string | null) => formatDate(v, lang) },
            { title: t('reports.assessments.col.status'), dataIndex: 'status', width: 130, render: (v: AssessmentAction['status']) => t(`actionStatus.${v}`) },
            {
              title: t('reports.assessments.col.progress'),
              dataIndex: 'progress',
              align: 'right',
              width: 90,
              render: (v: number) => formatFigurePercent(v, lang),
            },
          ]}
        />
        {i.indicators.length > 0 && (
          <>
            <Typography.Title level={5}>{t('reports.assessments.indicators')}</Typography.Title>
            <Table<AssessmentIndicator>
              size="small"
              rowKey="code"
              pagination={false}
              dataSource={i.indicators}
              columns={[
                { title: t('reports.assessments.col.code'), dataIndex: 'code', width: 80 },
                { title: t('reports.assessments.col.title'), dataIndex: 'name' },
                {
                  title: t('reports.assessments.col.current'),
                  dataIndex: 'current',
                  align: 'right',
                  width: 130,
                  render: (v: number | null, x) => formatValueUnit(v, x.unit, lang),
                },
                {
                  title: t('reports.assessments.col.target'),
                  dataIndex: 'target',
                  align: 'right',
                  width: 130,
                  render: (v: number, x) => formatValueUnit(v, x.unit, lang),
                },
              ]}
            />
          </>
        )}
      </Card>
      <Card title={t('reports.assessments.end')} data-testid={`end-${a.code}`}>
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t('reports.assessments.completion')}>
            <Space orientation="vertical" size={4}>
              <span data-testid={`completion-${a.code}`}>
                {e.completion ? <Tag color="blue">{t(`completion.${e.completion}`)}</Tag> : <Tag>{t('reports.assessments.notSet')}</Tag>}
                <RagTag rag={e.rag} />
              </span>
              {!e.completion && (
                <Typography.Text data-testid={`suggested-${a.code}`}>
                  {t('reports.assessments.suggested', { level: t(`completion.${e.suggestedCompletion}`) })}
                  <br />
                  <Typography.Text className="pla-muted">
                    {t('reports.assessments.suggestedHelp', { progress: formatFigurePercent(e.progress, lang) })}
                  </Typography.Text>
                </Typography.Text>
              )}
              <Typography.Text className="pla-muted">
                {t('reports.assessments.summary', {
                  done: e.actionsDone,
                  inProgress: e.actionsInProgress,
                  notStarted: e.actionsNotStarted,
                  cancelled: e.actionsCancelled,
                  progress: formatFigurePercent(e.progress, lang),
                })}
              </Typography.Text>
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('reports.assessments.factors')}>{text(e.factors)}</Descriptions.Item>
          <Descriptions.Item label={t('reports.assessments.lessons')}>{text(e.lessons)}</Descriptions.Item>
          {e.openedGovernment.map((o) => (
            <Descriptions.Item key={o.value} label={`${t('reports.assessments.opened')} — ${t(`ogpValue.${o.value}`)}`}>
              <span data-testid={`opened-${a.code}-${o.value}`}>{o.level ? t(`opened.${o.level}`) : t('reports.assessments.notSet')}</span>
            </Descriptions.Item>
          ))}
        </Descriptions>
        <Typography.Title level={5}>{t('reports.assessments.evidence')}</Typography.Title>
        <Alert type="info" showIcon title={t('reports.assessments.evidenceLimit')} style={{ marginBottom: 8 }} className="pla-no-print" />
        {e.evidence.length === 0 ? (
          <Typography.Text className="pla-muted">{t('reports.assessments.noEvidence')}</Typography.Text>
        ) : (
          <Table<AssessmentEvidence>
            size="small"
            rowKey={(x) => `${x.source}:${x.code}:${x.sha256}:${x.date}`}
            pagination={false}
            dataSource={e.evidence}
            data-testid={`evidence-${a.code}`}
            columns={[
              { title: t('reports.assessments.col.date'), dataIndex: 'date', width: 110, render: (v: string) => formatDate(v, lang) },
              {
                title: t('reports.assessments.col.source'),
                dataIndex: 'source',
                width: 180,
                render: (v: AssessmentEvidence['source'], x) => `${t(`reports.assessments.source.${v}`)} ${x.code}`,
              },
              { title: t('reports.assessments.col.file'), dataIndex: 'fileName' },
              {
                title: t('reports.assessments.col.size'),
                dataIndex: 'size',
                align: 'right',
                width: 150,
                render: (v: number, x) => (
                  <>
                    {formatBytes(v, lang)} {!x.withinLimit && <Tag color="red">{t('reports.assessments.tooLarge')}</Tag>}
                  </>
                ),
              },
            ]}
          />
        )}
      </Card>
    </section>
  );
}
