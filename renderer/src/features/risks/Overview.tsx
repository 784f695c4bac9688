import { Button, Card, Col, Row, Space, Statistic, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { type HeatMapKind, type RiskOverview, type RiskSettings } from '../../../../electron/contract';
import { Loadable, PageTitle } from '../../ui/components';
import { formatNumber } from '../../ui/format';
import { useLang } from '../../ui/hooks';
import { heatMap, type HeatCell, type HeatMap } from './heatmap';
import { useRiskOverview, useRiskSettings } from './queries';
import { LEVEL_FILL, RiskTable, type RiskFilter, type RiskSortState } from './shared';
import { useMayCall } from '../../app/access';
import { SETTINGS_PATH } from '../../ui/links';

/**
 * Inherent and residual 5×5 heat maps side by side (a click lists a cell's risks), the register's counts, the
 * above-tolerance list, and where the register's settings are (the one Setări screen). Counts come from `risks.overview` (SQL); each list is a page
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
            <SettingsPointer settings={s} />
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
        <Card
          size="small"
          style={{ marginTop: 16 }}
          title={
            cell
              ? `${t(`risks.heat.${picked!.kind}`)} · ${t('risks.heat.cellTitle', { p: cell.probability, i: cell.impact, e: cell.exposure })}`
              : t('risks.heat.cellHint')
          }
        >
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
    <Card
      size="small"
      title={title}
      extra={<Typography.Text className="pla-muted">{t('risks.heat.total', { count: map.total })}</Typography.Text>}
      data-testid={`heatmap-${map.kind}`}
    >
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
        {map.kind === 'residual' && map.unassessed > 0 && (
          <Typography.Text className="pla-muted">{t('risks.heat.unassessed', { count: map.unassessed })}</Typography.Text>
        )}
      </Space>
    </Card>
  );
}

/** The register's settings in a line, and the way to the Setări screen where they are changed. */
function SettingsPointer({ settings: s }: { settings: RiskSettings }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Card size="small" title={t('risks.settings.title')} style={{ marginTop: 16 }} data-testid="risk-settings-pointer">
      <Space direction="vertical">
        <Typography.Text>{t('risks.settings.summary', { tolerance: s.toleranceLimit, dueSoon: s.dueSoonDays })}</Typography.Text>
        <Typography.Text className="pla-muted">{t('risks.settings.movedHint')}</Typography.Text>
        <Button onClick={() => navigate(`${SETTINGS_PATH}?section=risks`)} data-testid="risk-settings-open">
          {t('risks.settings.open')}
        </Button>
      </Space>
    </Card>
  );
}
