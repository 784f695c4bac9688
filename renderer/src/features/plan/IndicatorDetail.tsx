import { EditDeleteButtons } from '../../ui/EditDeleteButtons';
import { Alert, Breadcrumb, Button, Card, Col, Descriptions, Empty, Popconfirm, Row, Space, Statistic, Table, Tag } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatFigure, formatFigurePercent, type Indicator, type IndicatorRecord, type Measurement } from '../../../../electron/contract';
import { api } from '../../api/client';
import { useAuth } from '../../app/auth';
import { chartsAnimated } from '../../charts/animation';
import { measurementSeries, yMax } from '../../charts/measurements';
import { ChartFigure } from '../../charts/patterns';
import { ragColor, SERIES_PALETTE } from '../../charts/rag';
import { roundTicks } from '../../charts/ticks';
import { AttachmentLinks, Loadable, NotFound, PageTitle, RagTag, VIRTUAL_FROM } from '../../ui/components';
import { formatDate, formatNumber, formatValueUnit } from '../../ui/format';
import { useErrorHandler, useLang } from '../../ui/hooks';
import { useUndoMessage } from '../../ui/undo';
import { IndicatorForm } from './IndicatorForm';
import { MeasurementForm } from './MeasurementForm';
import { invalidatePlan, useActions, useCommitments, useIndicators, useMeasurements } from './queries';

export function IndicatorDetail() {
  const { id = '' } = useParams();
  const q = useIndicators();
  return (
    <Loadable query={q}>
      {(all) => {
        const i = all.find((x) => x.id === id);
        return i ? <IndicatorView ind={i} /> : <NotFound />;
      }}
    </Loadable>
  );
}

function IndicatorView({ ind }: { ind: Indicator }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { canEdit } = useAuth();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const onError = useErrorHandler();
  const undoMessage = useUndoMessage();
  const commitments = useCommitments();
  const actions = useActions();
  const ms = useMeasurements(ind.id);
  // Computed indicators take their value from another module's records (training, partnerships …), not from measurements.
  const records = useQuery({
    queryKey: ['plan', 'indicatorRecords', ind.id],
    queryFn: () => api.get('plan.indicatorRecords', { id: ind.id }),
    enabled: !!ind.source && canEdit,
  });
  const computed = !!records.data?.rule;
  const [editing, setEditing] = useState(false);
  const [recording, setRecording] = useState(false);
  const c = commitments.data?.find((x) => x.id === ind.commitmentId);
  const linked = (actions.data ?? []).filter((a) => ind.actionIds.includes(a.id));
  const isRatio = ind.type === 'ratio';
  const shownUnit = isRatio ? '%' : ind.unit;

  const remove = async () => {
    try {
      await api.get('plan.deleteIndicator', { id: ind.id, expectedUpdatedAt: ind.updatedAt });
      navigate('/indicators');
      await invalidatePlan(qc);
      undoMessage(t('indicators.deleted', { code: ind.code }), async () => {
        try {
          await api.get('plan.restoreIndicator', { id: ind.id });
          await invalidatePlan(qc);
          navigate(`/indicators/${ind.id}`);
        } catch (e) {
          onError(e);
        }
      });
    } catch (e) {
      onError(e);
    }
  };

  const removeMeasurement = async (m: Measurement) => {
    try {
      await api.get('plan.deleteMeasurement', { id: m.id, expectedUpdatedAt: m.updatedAt });
      await invalidatePlan(qc);
    } catch (e) {
      onError(e);
    }
  };

  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to="/indicators">{t('nav.indicators')}</Link> }, { title: ind.code }]} />
      <PageTitle
        title={
          <span data-testid="indicator-heading">
            {ind.code} · {ind.name}
          </span>
        }
        sub={
          <Space>
            <RagTag rag={ind.rag} testId="indicator-rag" />
            {c && (
              <Link to={`/commitments/${c.id}`}>
                {c.code} {c.title}
              </Link>
            )}
          </Space>
        }
        extra={
          canEdit && (
            <EditDeleteButtons
              testId="indicator"
              confirmTitle={t('indicators.confirmDelete', { code: ind.code })}
              onEdit={() => setEditing(true)}
              onDelete={remove}
              before={
                !computed && (
                  <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)} data-testid="measurement-new">
                    {t('measurements.record')}
                  </Button>
                )
              }
            />
          )
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <Card>
            <Statistic
              title={t('indicators.latest')}
              value={formatFigure(ind.latest?.comparable ?? null, lang)}
              suffix={shownUnit && ind.latest ? shownUnit : undefined}
              data-testid="indicator-latest-value"
            />
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card>
            <Statistic
              title={t('indicators.target')}
              value={formatNumber(ind.target, lang)}
              suffix={shownUnit || undefined}
              data-testid="indicator-target-value"
            />
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card>
            <Statistic
              title={t('indicators.percentOfTarget')}
              value={formatFigurePercent(ind.percentOfTarget, lang)}
              styles={{ content: { color: ind.percentOfTarget == null ? undefined : ragColor(ind.rag) } }}
              data-testid="indicator-percent-value"
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={14}>
          <Card title={t('measurements.chart')}>
            <Loadable query={ms}>{(list) => <MeasurementChart ind={ind} list={list} />}</Loadable>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('indicators.details')}>
            <Descriptions colon={false} column={1} size="small" styles={{ label: { width: 190 } }}>
              <Descriptions.Item label={t('indicators.type')}>{t(`indicatorType.${ind.type}`)}</Descriptions.Item>
              <Descriptions.Item label={t('indicators.unit')}>{ind.unit || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('indicators.direction')}>{t(`direction.${ind.direction}`)}</Descriptions.Item>
              <Descriptions.Item label={t('indicators.baseline')}>
                {formatNumber(ind.baseline, lang)} {ind.baselineDate ? `(${formatDate(ind.baselineDate, lang)})` : ''}
              </Descriptions.Item>
              {isRatio && (
                <Descriptions.Item label={t('indicators.denominator')}>
                  {formatNumber(ind.denominator, lang)} {ind.denominatorSource ? `· ${ind.denominatorSource}` : ''}{' '}
                  {ind.denominatorYear ? `(${ind.denominatorYear})` : ''}
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('indicators.countingRule')}>
                <span className="pla-pre">{ind.countingRule || '—'}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('indicators.dataSource')}>{ind.dataSource || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('indicators.frequency')}>{ind.frequency || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('indicators.responsibleDepartment')}>{ind.responsibleDepartment || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('indicators.linkedActions')}>
                {linked.length
                  ? linked.map((a) => (
                      <Tag key={a.id}>
                        <Link to={`/actions/${a.id}`}>{a.code}</Link>
                      </Tag>
                    ))
                  : '—'}
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
      </Row>
      {computed && records.data && (
        <Card title={t('indicators.computedTitle')} style={{ marginTop: 16 }} data-testid="indicator-computed">
          <Alert type="info" showIcon title={t('indicators.computedNote')} description={records.data.rule} style={{ marginBottom: 12 }} />
          <Table<IndicatorRecord>
            size="small"
            rowKey={(r) => `${r.kind}:${r.id}`}
            pagination={false}
            dataSource={records.data.records}
            virtual={records.data.records.length > VIRTUAL_FROM}
            scroll={records.data.records.length > VIRTUAL_FROM ? { y: 480 } : undefined}
            locale={{ emptyText: t('indicators.computedEmpty') }}
            columns={[
              { title: t('indicators.record'), dataIndex: 'label' },
              { title: t('fields.date'), dataIndex: 'date', width: 120, render: (v: string | null) => formatDate(v, lang) },
            ]}
          />
        </Card>
      )}
      <Card title={t('measurements.history')} style={{ marginTop: 16 }}>
        <Loadable query={ms}>
          {(list) => (
            <Table<Measurement>
              size="small"
              rowKey="id"
              pagination={false}
              virtual={list.length > VIRTUAL_FROM}
              scroll={list.length > VIRTUAL_FROM ? { x: 900, y: 520 } : undefined}
              data-testid="measurements-table"
              dataSource={[...list].sort((a, b) => b.date.localeCompare(a.date) || b.createdAt.localeCompare(a.createdAt))}
              locale={{ emptyText: t('measurements.empty') }}
              onRow={() => ({ 'data-testid': 'measurement-row' }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                { title: t('fields.date'), dataIndex: 'date', width: 110, render: (v: string) => formatDate(v, lang) },
                {
                  title: t('measurements.value'),
                  dataIndex: 'value',
                  width: 120,
                  align: 'right',
                  render: (v: number) => formatValueUnit(v, isRatio ? '' : ind.unit, lang),
                },
                ...(isRatio
                  ? [
                      {
                        title: t('indicators.percentOfTarget'),
                        width: 110,
                        align: 'right' as const,
                        render: (_: unknown, m: Measurement) => formatFigurePercent(ind.denominator ? (m.value / ind.denominator) * 100 : null, lang),
                      },
                    ]
                  : []),
                ...(ind.type === 'per_period' ? [{ title: t('measurements.period'), dataIndex: 'period', width: 100 }] : []),
                { title: t('measurements.note'), dataIndex: 'note', render: (v: string) => <span className="pla-pre">{v}</span> },
                { title: t('evidence.label'), width: 240, render: (_, m) => <AttachmentLinks items={m.evidence} /> },
                ...(canEdit
                  ? [
                      {
                        title: '',
                        width: 50,
                        render: (_: unknown, m: Measurement) => (
                          <Popconfirm
                            title={t('measurements.confirmDelete')}
                            okText={t('common.delete')}
                            cancelText={t('common.cancel')}
                            okButtonProps={{ danger: true }}
                            onConfirm={() => removeMeasurement(m)}
                          >
                            <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                          </Popconfirm>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          )}
        </Loadable>
      </Card>
      {recording && <MeasurementForm indicator={ind} onClose={() => setRecording(false)} />}
      {editing && <IndicatorForm open indicator={ind} commitments={commitments.data ?? []} actions={actions.data ?? []} onClose={() => setEditing(false)} />}
    </>
  );
}

function MeasurementChart({ ind, list }: { ind: Indicator; list: Measurement[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const points = measurementSeries(ind, list);
  if (!points.length) return <Empty description={t('measurements.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  const animate = chartsAnimated();
  // Round ticks up to the target or the data, whichever is higher; the target drawn as a line, in print as on screen.
  const ticks = roundTicks(yMax(points, ind.target));
  const unit = ind.type === 'ratio' ? '%' : ind.unit;
  const withUnit = (v: number) => formatValueUnit(v, unit, lang);
  const summary = t('charts.measurementsSummary', { count: points.length, target: withUnit(ind.target) });
  return (
    <ChartFigure summary={summary} testId="measurement-chart">
      <div style={{ width: '100%', height: 280 }}>
        <ResponsiveContainer>
          <LineChart data={points} margin={{ top: 20, right: 24, left: 8, bottom: 4 }} title={summary}>
            <CartesianGrid stroke={SERIES_PALETTE.grid} />
            <XAxis dataKey="date" tickFormatter={(d: string) => formatDate(d, lang)} tick={{ fill: SERIES_PALETTE.axis, fontSize: 12 }} />
            <YAxis
              domain={[0, ticks[ticks.length - 1]]}
              ticks={ticks}
              width={64}
              tickFormatter={(v: number) => formatNumber(v, lang)}
              tick={{ fill: SERIES_PALETTE.axis, fontSize: 12 }}
            />
            <Tooltip labelFormatter={(d) => formatDate(String(d), lang)} formatter={(v) => [withUnit(Number(v)), t('measurements.value')]} />
            <ReferenceLine
              y={ind.target}
              stroke={SERIES_PALETTE.target}
              strokeWidth={2}
              strokeDasharray="6 3"
              label={{ value: t('charts.target', { value: withUnit(ind.target) }), position: 'insideTopRight', fill: SERIES_PALETTE.target, fontSize: 12 }}
            />
            <Line
              type="monotone"
              dataKey="value"
              name={t('measurements.value')}
              stroke={ragColor('complete')}
              strokeWidth={2}
              dot={{ r: 4 }}
              isAnimationActive={animate}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </ChartFigure>
  );
}
