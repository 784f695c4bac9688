import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Cell, LabelList, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis, type LabelProps } from 'recharts';
import { formatFigure, formatFigurePercent, type Rag } from '../../../electron/contract';
import { useLang } from '../ui/hooks';
import { chartsAnimated } from './animation';
import { shorten } from './dashboard';
import { ChartFigure, Legend, useChartPatterns } from './patterns';
import { RAG_SEVERITY, SERIES_PALETTE } from './rag';
import { percentTicks } from './ticks';
import { BarEndText } from './BarEndText';

export interface IndicatorTargetRow {
  id: string;
  code: string;
  name: string;
  unit: string;
  current: number | null;
  target: number;
  rag: Rag;
  /** % of target as core computed it (may pass 100). */
  percent: number;
  /** The bar's length (capped). */
  bar: number;
}

/**
 * Indicators against their targets: one bar per indicator with data, in % of its target, and the target itself
 * drawn as a line at 100 %. The axis runs 0 / 25 / 50 / 75 / 100 % (to 150 % when one goes past), each bar ends
 * with its real percentage — 0 % keeps a visible stub and its label — and the code and name are on the left.
 */
export function IndicatorTargetChart({ rows, total, testId }: { rows: IndicatorTargetRow[]; total: number; testId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const animate = chartsAnimated();
  const rags = [...new Set(rows.map((r) => r.rag))].sort((a, b) => RAG_SEVERITY[a] - RAG_SEVERITY[b]);
  const { fill, defs } = useChartPatterns(rags);
  const ticks = percentTicks(Math.max(0, ...rows.map((r) => r.bar)));
  const pct = (v: number) => formatFigurePercent(v, lang);
  const withUnit = (v: number | null, unit: string) => (unit === '%' ? formatFigurePercent(v, lang) : `${formatFigure(v, lang)}${unit ? `\u00a0${unit}` : ''}`);
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const summary = t('charts.indicatorsSummary', { withData: rows.length, total, reached: rows.filter((r) => r.percent >= 100).length });

  const Tick = (p: { x?: number | string; y?: number | string; payload?: { value: string } }) => {
    const r = byCode.get(String(p.payload?.value ?? ''));
    if (!r) return null;
    return (
      <text x={Number(p.x) - 6} y={Number(p.y)} textAnchor="end" dominantBaseline="central" fontSize={12} fill="#262626">
        <title>{`${r.code} ${r.name}`}</title>
        <tspan fontWeight={600}>{r.code}</tspan>
        <tspan dx={6}>{shorten(r.name, 34)}</tspan>
      </text>
    );
  };
  const EndLabel = (p: LabelProps) => {
    const r = rows[Number(p.index)];
    if (!r) return null;
    return (
      <BarEndText p={p} code={r.code}>
        {pct(r.percent)}
      </BarEndText>
    );
  };

  return (
    <ChartFigure
      summary={summary}
      testId={testId}
      legend={
        <Legend
          items={[
            ...rags.map((r) => ({ key: r, fill: fill(r), label: t(`rag.${r}`) })),
            { key: 'target', fill: SERIES_PALETTE.target, label: t('charts.targetLine') },
          ]}
        />
      }
    >
      <div style={{ width: '100%', height: 56 + rows.length * 26 }}>
        <ResponsiveContainer>
          <BarChart data={rows} layout="vertical" margin={{ left: 4, right: 56, top: 20, bottom: 4 }} title={summary}>
            {defs}
            <CartesianGrid horizontal={false} stroke={SERIES_PALETTE.grid} />
            <XAxis type="number" domain={[0, ticks[ticks.length - 1]]} ticks={ticks} tickFormatter={pct} tick={{ fill: SERIES_PALETTE.axis, fontSize: 12 }} />
            <YAxis type="category" dataKey="code" width={260} tick={<Tick />} interval={0} />
            <Tooltip
              formatter={(_v, _n, item) => {
                const r = item.payload as IndicatorTargetRow;
                return [`${pct(r.percent)} (${withUnit(r.current, r.unit)} / ${withUnit(r.target, r.unit)})`, t('charts.percentOfTarget')];
              }}
              labelFormatter={(code) => {
                const r = byCode.get(String(code));
                return r ? `${r.code} ${r.name}` : String(code);
              }}
            />
            <Bar dataKey="bar" name={t('charts.percentOfTarget')} isAnimationActive={animate} barSize={14} minPointSize={3}>
              {rows.map((r) => (
                <Cell key={r.id} fill={fill(r.rag)} />
              ))}
              <LabelList dataKey="bar" content={EndLabel} />
            </Bar>
            <ReferenceLine
              x={100}
              stroke={SERIES_PALETTE.target}
              strokeWidth={2}
              strokeDasharray="6 3"
              ifOverflow="extendDomain"
              label={{ value: t('charts.target', { value: pct(100) }), position: 'top', fill: SERIES_PALETTE.target, fontSize: 12 }}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </ChartFigure>
  );
}
