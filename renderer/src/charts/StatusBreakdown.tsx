import { useTranslation } from 'react-i18next';
import { Bar, BarChart, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis, type LabelProps } from 'recharts';
import { formatFigurePercent, type Rag } from '../../../electron/contract';
import { useLang } from '../ui/hooks';
import { chartsAnimated } from './animation';
import { ChartFigure, Legend, useChartPatterns } from './patterns';
import { statusShares } from './status';

/**
 * How a whole (the plan's actions, its indicators) splits by status: one bar of 100 %, a segment per status,
 * worst first, each labelled with its count where it fits and named with count and share in the legend —
 * a part-to-whole view, which a column per status (often a single bar) did not give.
 */
export function StatusBreakdown({ counts, testId, what }: { counts: Record<Rag, number>; testId: string; what: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const animate = chartsAnimated();
  const shares = statusShares(counts);
  const { fill, defs } = useChartPatterns(shares.map((s) => s.rag));
  const total = shares.reduce((n, s) => n + s.count, 0);
  const row = Object.fromEntries(shares.map((s) => [s.rag, s.share]));
  const describe = (s: (typeof shares)[number]) =>
    t('charts.statusShare', { label: t(`rag.${s.rag}`), count: s.count, share: formatFigurePercent(s.share, lang) });
  const summary = t('charts.statusSummary', { total, what, parts: shares.map(describe).join('; ') });

  const SegmentLabel = (rag: Rag) =>
    function Label(p: LabelProps) {
      const s = shares.find((x) => x.rag === rag);
      if (!s || Number(p.width) < 22) return null;
      return (
        <text
          x={Number(p.x) + Number(p.width) / 2}
          y={Number(p.y) + Number(p.height) / 2}
          textAnchor="middle"
          dominantBaseline="central"
          fontSize={13}
          fontWeight={700}
          fill="#ffffff"
          stroke="#262626"
          strokeWidth={3}
          paintOrder="stroke"
          pointerEvents="none"
        >
          {s.count}
        </text>
      );
    };

  return (
    <ChartFigure
      summary={summary}
      testId={`${testId}-chart`}
      legend={<Legend items={shares.map((s) => ({ key: s.rag, fill: fill(s.rag), label: describe(s), testId: `${testId}-${s.rag}` }))} />}
    >
      <div style={{ width: '100%', height: 64 }}>
        <ResponsiveContainer>
          <BarChart data={[row]} layout="vertical" margin={{ left: 0, right: 8, top: 4, bottom: 4 }} title={summary}>
            {defs}
            <XAxis type="number" domain={[0, 100]} hide />
            <YAxis type="category" hide />
            <Tooltip
              cursor={false}
              formatter={(v, name, item) => {
                const s = shares.find((x) => x.rag === item.dataKey);
                return [s ? `${s.count} (${formatFigurePercent(Number(v), lang)})` : formatFigurePercent(Number(v), lang), String(name)];
              }}
              labelFormatter={() => what}
            />
            {shares.map((s) => (
              <Bar
                key={s.rag}
                dataKey={s.rag}
                stackId="all"
                name={t(`rag.${s.rag}`)}
                fill={fill(s.rag)}
                stroke="#ffffff"
                strokeWidth={1}
                isAnimationActive={animate}
                barSize={36}
              >
                <LabelList dataKey={s.rag} content={SegmentLabel(s.rag)} />
              </Bar>
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </ChartFigure>
  );
}
