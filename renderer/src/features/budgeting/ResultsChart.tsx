import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Cell, LabelList, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis, type LabelProps } from 'recharts';
import type { CampaignResults } from '../../../../electron/contract';
import { chartsAnimated } from '../../charts/animation';
import { resultsByZone, type ResultBar, type ZoneChart } from '../../charts/budgeting';
import { shorten } from '../../charts/dashboard';
import { ChartFigure, Legend, useChartPatterns } from '../../charts/patterns';
import { SERIES_PALETTE } from '../../charts/rag';
import { formatLei, formatNumber } from '../../ui/format';
import { useLang } from '../../ui/hooks';
import { BarEndText } from '../../charts/BarEndText';

/**
 * The results of a campaign at a glance, one chart per zone: projects in ranking order, their cost stacked from
 * the funded ones above them, the zone's budget as a line — what fits is funded (solid), what runs past the line
 * is not (hatched) — with each project's votes and outcome written at its bar's end.
 */
export function ResultsChart({ results }: { results: Pick<CampaignResults, 'projects' | 'zones'> }) {
  const { t } = useTranslation();
  const zones = resultsByZone(results).filter((z) => z.bars.length > 0);
  if (!zones.length) return null;
  return (
    <Card size="small" title={t('charts.resultsTitle')} data-testid="results-chart">
      <Typography.Paragraph className="pla-muted" style={{ marginBottom: 8 }}>
        {t('charts.resultsHelp')}
      </Typography.Paragraph>
      {zones.map((z) => (
        <ZoneResults key={z.key} z={z} />
      ))}
    </Card>
  );
}

function ZoneResults({ z }: { z: ZoneChart }) {
  const { t } = useTranslation();
  const lang = useLang();
  const animate = chartsAnimated();
  const { fill, defs } = useChartPatterns(['funded', 'notFunded']);
  const lei = (bani: number) => `${formatNumber(bani / 100, lang, 0)}\u00a0lei`;
  const byCode = new Map(z.bars.map((b) => [b.code, b]));
  const outcome = (b: ResultBar) => (b.won ? t('charts.funded') : t('charts.notFunded'));
  const summary = t('charts.resultsZoneSummary', {
    zone: z.label,
    budget: formatLei(z.budget, lang),
    used: formatLei(z.used, lang),
    funded: z.funded,
    notFunded: z.notFunded,
    votes: formatNumber(z.votes, lang),
  });

  const Tick = (p: { x?: number | string; y?: number | string; payload?: { value: string } }) => {
    const b = byCode.get(String(p.payload?.value ?? ''));
    if (!b) return null;
    return (
      <text x={Number(p.x) - 6} y={Number(p.y)} textAnchor="end" dominantBaseline="central" fontSize={12} fill="#262626">
        <title>{`${b.code} ${b.title}`}</title>
        <tspan fontWeight={600}>{b.code}</tspan>
        <tspan dx={6}>{shorten(b.title, 26)}</tspan>
      </text>
    );
  };
  const EndLabel = (p: LabelProps) => {
    const b = z.bars[Number(p.index)];
    if (!b) return null;
    return (
      <BarEndText p={p} code={b.code} won={b.won}>
        {t('charts.votes', { count: b.votes })} · {outcome(b)}
      </BarEndText>
    );
  };

  return (
    <ChartFigure
      summary={summary}
      testId={`results-chart-${z.key}`}
      legend={
        <Legend
          items={[
            { key: 'funded', fill: fill('funded'), label: t('charts.funded') },
            { key: 'notFunded', fill: fill('notFunded'), label: t('charts.notFunded') },
            { key: 'budget', fill: SERIES_PALETTE.target, label: t('charts.budgetLine', { amount: formatLei(z.budget, lang) }) },
          ]}
        />
      }
    >
      <Typography.Text strong>{z.label}</Typography.Text>
      <div style={{ width: '100%', height: 64 + z.bars.length * 30 }}>
        <ResponsiveContainer>
          <BarChart data={z.bars} layout="vertical" margin={{ left: 4, right: 150, top: 22, bottom: 4 }} title={summary}>
            {defs}
            <CartesianGrid horizontal={false} stroke={SERIES_PALETTE.grid} />
            <XAxis
              type="number"
              domain={[0, z.ticks[z.ticks.length - 1]]}
              ticks={z.ticks}
              tickFormatter={lei}
              tick={{ fill: SERIES_PALETTE.axis, fontSize: 12 }}
            />
            <YAxis type="category" dataKey="code" width={220} tick={<Tick />} interval={0} />
            <Tooltip
              formatter={(_v, _n, item) => {
                const b = item.payload as ResultBar;
                return [`${formatLei(b.cost, lang)} · ${t('charts.votes', { count: formatNumber(b.votes, lang) })} · ${outcome(b)}`, t('charts.cost')];
              }}
              labelFormatter={(code) => {
                const b = byCode.get(String(code));
                return b ? `${t('charts.rank', { rank: b.rank })} · ${b.code} ${b.title}` : String(code);
              }}
            />
            <Bar dataKey="start" stackId="w" fill="transparent" isAnimationActive={false} tooltipType="none" legendType="none" />
            <Bar dataKey="cost" stackId="w" name={t('charts.cost')} isAnimationActive={animate} barSize={16} minPointSize={3}>
              {z.bars.map((b) => (
                <Cell key={b.proposalId} fill={fill(b.won ? 'funded' : 'notFunded')} stroke="#595959" strokeWidth={0.5} />
              ))}
              <LabelList dataKey="cost" content={EndLabel} />
            </Bar>
            <ReferenceLine
              x={z.budget}
              stroke={SERIES_PALETTE.target}
              strokeWidth={2}
              strokeDasharray="6 3"
              label={{ value: t('charts.budgetLine', { amount: formatLei(z.budget, lang) }), position: 'top', fill: SERIES_PALETTE.target, fontSize: 12 }}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
      {z.hidden > 0 && <Typography.Text className="pla-muted">{t('charts.moreProjects', { count: z.hidden })}</Typography.Text>}
    </ChartFigure>
  );
}
