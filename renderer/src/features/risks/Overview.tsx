import { App as AntApp, Button, Card, Col, Form, InputNumber, Row, Space, Statistic, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { saveRiskSettingsInput, type HeatMapKind, type RiskOverview, type RiskSettings } from '../../../../electron/contract';
import { api } from '../../api/client';
import { useAuth } from '../../app/auth';
import { Loadable, PageTitle } from '../../ui/components';
import { markServerError, parseWith } from '../../ui/forms';
import { formatNumber } from '../../ui/format';
import { useErrorHandler, useLang } from '../../ui/hooks';
import { heatMap, type HeatCell, type HeatMap } from './heatmap';
import { invalidateRisks, useRiskOverview, useRiskSettings } from './queries';
import { LEVEL_FILL, RiskTable, type RiskFilter, type RiskSortState } from './shared';
import { useMayCall } from '../../app/access';
import { useSaveConflict } from '../../ui/ConflictView';

/**
 * Inherent and residual 5×5 heat maps side by side (a click lists a cell's risks), the register's counts, the
 * above-tolerance list and the register settings. Counts come from `risks.overview` (SQL); each list is a page
 * of `risks.list` with the matching filter.
 */
export function Overview() {
  const { t } = useTranslation();
  const overview = useRiskOverview();
  const settings = useRiskSettings();
  // A viewer sees the counts and the maps (DOMAIN roles table), not the register's rows behind them.
  const mayList = useMayCall('risks.list');
  return (
    <>
      <PageTitle title={t('risks.heat.title')} sub={t('risks.heat.sub')} />
      <Loadable query={settings}>
        {(s) => (
          <>
            <Loadable query={overview}>
              {(o) => (
                <>
                  <Counts overview={o} links={mayList} />
                  <Maps overview={o} rows={mayList} />
                  {mayList && (
                    <Card size="small" title={`${t('risks.heat.aboveTitle')} (${o.aboveTolerance})`} style={{ marginTop: 16 }}>
                      <RiskTable filter={ABOVE} defaultSort={BY_EXPOSURE} testId="risks-above" />
                    </Card>
                  )}
                </>
              )}
            </Loadable>
            <SettingsCard settings={s} />
          </>
        )}
      </Loadable>
    </>
  );
}

const ABOVE: RiskFilter = { status: 'open', aboveTolerance: true };
const BY_EXPOSURE: RiskSortState = { by: 'exposure', order: 'desc' };

function Counts({ overview: o, links }: { overview: RiskOverview; links: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const stat = (key: string, value: number, testId: string, to?: string) => (
    <Col xs={12} md={8} lg={4}>
      <Card size="small" data-testid={testId}>
        <Statistic title={to && links ? <Link to={to}>{t(key)}</Link> : t(key)} value={formatNumber(value, lang)} />
      </Card>
    </Col>
  );
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      {stat('risks.heat.open', o.open, 'risks-count-open', '/risks')}
      {stat('risks.heat.aboveCount', o.aboveTolerance, 'risks-count-above')}
      {stat('risks.heat.dueCount', o.reviewsDue, 'risks-count-due', '/risks-reviews')}
      {stat('risks.heat.overdueCount', o.reviewsOverdue, 'risks-count-overdue', '/risks-reviews')}
      {stat('risks.heat.openMeasures', o.openMeasures, 'risks-count-measures', '/risks-reviews')}
    </Row>
  );
}

function Maps({ overview, rows }: { overview: RiskOverview; rows: boolean }) {
  const { t } = useTranslation();
  const inherent = useMemo(() => heatMap(overview.inherent, overview.toleranceLimit), [overview]);
  const residual = useMemo(() => heatMap(overview.residual, overview.toleranceLimit), [overview]);
  const [picked, setPicked] = useState<{ kind: HeatMapKind; p: number; i: number } | null>(null);
  const cell = picked ? (picked.kind === 'inherent' ? inherent : residual).rows[5 - picked.p][picked.i - 1] : null;
  return (
    <>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Grid map={inherent} title={t('risks.heat.inherent')} picked={picked} onPick={setPicked} />
        </Col>
        <Col xs={24} lg={12}>
          <Grid map={residual} title={t('risks.heat.residual')} picked={picked} onPick={setPicked} />
        </Col>
      </Row>
      {rows && (
        <Card size="small" style={{ marginTop: 16 }} title={cell ? `${t(`risks.heat.${picked!.kind}`)} · ${t('risks.heat.cellTitle', { p: cell.probability, i: cell.impact, e: cell.exposure })}` : t('risks.heat.cellHint')}>
          {picked && (
            <RiskTable
              key={`${picked.kind}-${picked.p}-${picked.i}`}
              filter={{ heat: { map: picked.kind, probability: picked.p, impact: picked.i } }}
              defaultSort={{ by: 'code', order: 'asc' }}
              testId="heat-cell-risks"
            />
          )}
        </Card>
      )}
    </>
  );
}

function Grid({
  map,
  title,
  picked,
  onPick,
}: {
  map: HeatMap;
  title: string;
  picked: { kind: string; p: number; i: number } | null;
  onPick: (x: { kind: HeatMapKind; p: number; i: number }) => void;
}) {
  const { t } = useTranslation();
  const isPicked = (c: HeatCell) => picked?.kind === map.kind && picked.p === c.probability && picked.i === c.impact;
  return (
    <Card size="small" title={title} extra={<Typography.Text className="pla-muted">{t('risks.heat.total', { count: map.total })}</Typography.Text>} data-testid={`heatmap-${map.kind}`}>
      <div style={{ display: 'grid', gridTemplateColumns: '28px repeat(5, 1fr)', gap: 4 }} role="grid" aria-label={title}>
        {map.rows.map((row) => (
          <div key={row[0].probability} role="row" style={{ display: 'contents' }}>
            <div style={{ alignSelf: 'center', textAlign: 'center', fontWeight: 600 }} aria-hidden>
              {row[0].probability}
            </div>
            {row.map((c) => (
              <button
                key={c.impact}
                type="button"
                role="gridcell"
                onClick={() => onPick({ kind: map.kind, p: c.probability, i: c.impact })}
                aria-label={`${t('risks.heat.cellTitle', { p: c.probability, i: c.impact, e: c.exposure })}: ${c.count}`}
                data-testid={`heat-${map.kind}-${c.probability}-${c.impact}`}
                style={{
                  height: 52,
                  background: LEVEL_FILL[c.level],
                  border: c.aboveTolerance ? '2px solid #cf1322' : '1px solid #d9d9d9',
                  outline: isPicked(c) ? '3px solid #1677ff' : undefined,
                  borderRadius: 4,
                  cursor: 'pointer',
                  fontSize: 18,
                  fontWeight: c.count ? 700 : 400,
                  color: c.count ? '#1f1f1f' : '#8c8c8c',
                }}
              >
                {c.count || '·'}
              </button>
            ))}
          </div>
        ))}
        <div />
        {[1, 2, 3, 4, 5].map((i) => (
          <div key={i} style={{ textAlign: 'center', fontWeight: 600 }} aria-hidden>
            {i}
          </div>
        ))}
      </div>
      <Space style={{ marginTop: 8, justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text className="pla-muted">
          ↑ {t('risks.heat.probability')} · → {t('risks.heat.impact')}
        </Typography.Text>
        {map.kind === 'residual' && map.unassessed > 0 && <Typography.Text className="pla-muted">{t('risks.heat.unassessed', { count: map.unassessed })}</Typography.Text>}
      </Space>
    </Card>
  );
}

interface SettingsValues {
  toleranceLimit: number;
  very_high: number;
  high: number;
  medium: number;
  low: number;
  dueSoonDays: number;
}
const SETTINGS_FIELDS = ['toleranceLimit', 'very_high', 'high', 'medium', 'low', 'dueSoonDays'];

function SettingsCard({ settings: s }: { settings: RiskSettings }) {
  const { t } = useTranslation();
  const { isCoordinator } = useAuth();
  const [form] = Form.useForm<SettingsValues>();
  const [busy, setBusy] = useState(false);
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const onError = useErrorHandler();
  const conflict = useSaveConflict({ form, record: s, fields: SETTINGS_FIELDS, labels: 'risks.settings', label: { toleranceLimit: 'risks.settings.tolerance', very_high: 'risks.level.very_high', high: 'risks.level.high', medium: 'risks.level.medium', low: 'risks.level.low', dueSoonDays: 'risks.settings.dueSoon' }, toValues: (x) => ({ toleranceLimit: x.toleranceLimit, ...x.reviewDays, dueSoonDays: x.dueSoonDays }), load: () => api.get('risks.getSettings', {}) });
  const submit = async (v: SettingsValues) => {
    setBusy(true);
    try {
      const input = parseWith(
        saveRiskSettingsInput,
        { expectedUpdatedAt: conflict.base() ?? null, toleranceLimit: v.toleranceLimit, reviewDays: { very_high: v.very_high, high: v.high, medium: v.medium, low: v.low }, dueSoonDays: v.dueSoonDays },
        form,
        t,
        SETTINGS_FIELDS,
      );
      if (!input) return;
      await api.get('risks.saveSettings', input);
      await invalidateRisks(qc);
      void message.success(t('risks.settings.saved'));
    } catch (e) {
      if (await conflict.handle(e)) return;
      if (!markServerError(form, t, e, SETTINGS_FIELDS)) onError(e);
    } finally {
      setBusy(false);
    }
  };
  const num = (name: keyof SettingsValues, label: string, min: number, max: number) => (
    <Col span={4}>
      <Form.Item name={name} label={label} rules={[{ required: true, message: t('validation.required') }]}>
        <InputNumber min={min} max={max} precision={0} style={{ width: '100%' }} disabled={!isCoordinator} data-testid={`risk-settings-${name}`} />
      </Form.Item>
    </Col>
  );
  return (
    <Card size="small" title={t('risks.settings.title')} style={{ marginTop: 16 }} data-testid="risk-settings">
      {conflict.view}
      <Form<SettingsValues>
        form={form}
        layout="vertical"
        key={s.updatedAt ?? 'defaults'}
        initialValues={{ toleranceLimit: s.toleranceLimit, ...s.reviewDays, dueSoonDays: s.dueSoonDays }}
        onFinish={(v) => void submit(v)}
      >
        <Row gutter={16}>
          {num('toleranceLimit', t('risks.settings.tolerance'), 1, 25)}
          {num('very_high', `${t('risks.settings.days')}: ${t('risks.level.very_high')}`, 1, 3650)}
          {num('high', `${t('risks.settings.days')}: ${t('risks.level.high')}`, 1, 3650)}
          {num('medium', `${t('risks.settings.days')}: ${t('risks.level.medium')}`, 1, 3650)}
          {num('low', `${t('risks.settings.days')}: ${t('risks.level.low')}`, 1, 3650)}
          {num('dueSoonDays', t('risks.settings.dueSoon'), 0, 365)}
        </Row>
        <Space direction="vertical">
          <Typography.Text className="pla-muted">{t('risks.settings.toleranceHelp')}</Typography.Text>
          <Typography.Text className="pla-muted">{t('risks.settings.bands')}</Typography.Text>
          {isCoordinator ? (
            <Button type="primary" htmlType="submit" loading={busy} data-testid="risk-settings-save">
              {t('common.save')}
            </Button>
          ) : (
            <Typography.Text className="pla-muted">{t('risks.settings.onlyCoordinators')}</Typography.Text>
          )}
        </Space>
      </Form>
    </Card>
  );
}
