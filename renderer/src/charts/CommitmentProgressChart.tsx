import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis, type LabelProps } from 'recharts';
import { formatFigurePercent } from '../../../electron/contract';
import { useLang } from '../ui/hooks';
import { chartsAnimated } from './animation';
import { shorten, type CommitmentBar } from './dashboard';
import { ChartFigure, Legend, useChartPatterns } from './patterns';
import { RAG_SEVERITY, SERIES_PALETTE } from './rag';
import { percentTicks } from './ticks';
import { BarEndText } from './BarEndText';

/**
 * Progress per commitment, real against expected by today: the one place the dashboard and the progress report
 * show it (no table repeats it). Each row is labelled directly — code and title (a link to the commitment) above
 * the bars, the real percentage and the status in words at the bar's end — so it reads without colour, in
 * print; 0 % bars keep a visible stub. The expected bar is hatched.
 */
export function CommitmentProgressChart({ data, testId, titleChars = 60 }: { data: CommitmentBar[]; testId: string; titleChars?: number }) {
  const { t } = useTranslation();
  const lang = useLang();
  const animate = chartsAnimated();
  const rags = [...new Set(data.map((c) => c.rag))].sort((a, b) => RAG_SEVERITY[a] - RAG_SEVERITY[b]);
  const { fill, defs } = useChartPatterns([...rags, 'expected']);
  const byCode = new Map(data.map((c) => [c.code, c]));
  const pct = (v: number) => formatFigurePercent(v, lang);
  const count = (r: CommitmentBar['rag']) => data.filter((c) => c.rag === r).length;
  const summary = t('charts.commitmentsSummary', {
    count: data.length,
    late: count('late'),
    atRisk: count('at_risk'),
    behind: data.filter((c) => c.gap < 0).length,
  });

  // The code and title above each pair of bars, a link to the commitment: the whole width is left to the bars.
  const TitleLabel = (p: LabelProps) => {
    const c = data[Number(p.index)];
    if (!c) return null;
    return (
      // Named by its visible text (code and title, cut if long: the bar's tooltip and the commitment's page have it whole).
      <a href={`#/commitments/${c.id}`} data-testid={`${testId}-link-${c.code}`}>
        <text x={Number(p.x)} y={Number(p.y) - 5} fontSize={12} fill="#1f5fa8" xmlSpace="preserve">
          <tspan fontWeight={600}>{c.code}</tspan> <tspan dx={3}>{shorten(c.title, titleChars)}</tspan>
        </text>
      </a>
    );
  };

  const EndLabel = (p: LabelProps) => {
    const c = data[Number(p.index)];
    if (!c) return null;
    return (
      <BarEndText p={p} code={c.code}>
        <tspan fontWeight={600}>{pct(c.actual)}</tspan>
        <tspan dx={6}>{t(`rag.${c.rag}`)}</tspan>
      </BarEndText>
    );
  };

  return (
    <ChartFigure
      summary={summary}
      testId={testId}
      legend={
        <Legend
          testId={`${testId}-legend`}
          items={[
            ...rags.map((r) => ({ key: r, fill: fill(r), label: `${t('dashboard.actual')} · ${t(`rag.${r}`)}` })),
            { key: 'expected', fill: fill('expected'), label: t('charts.expectedToday') },
          ]}
        />
      }
    >
      <div style={{ width: '100%', height: 40 + data.length * 60 }}>
        <ResponsiveContainer>
          <BarChart data={data} layout="vertical" margin={{ left: 12, right: 120, top: 4, bottom: 4 }} barGap={2} title={summary}>
            {defs}
            <CartesianGrid horizontal={false} stroke={SERIES_PALETTE.grid} />
            <XAxis type="number" domain={[0, 100]} ticks={percentTicks(100)} tickFormatter={pct} tick={{ fill: SERIES_PALETTE.axis, fontSize: 12 }} />
            <YAxis type="category" dataKey="code" hide />
            <Tooltip
              formatter={(v, name) => [pct(Number(v)), String(name)]}
              labelFormatter={(code) => {
                const c = byCode.get(String(code));
                return c ? `${c.code} ${c.title}` : String(code);
              }}
            />
            <Bar dataKey="actual" name={t('dashboard.actual')} isAnimationActive={animate} barSize={16} minPointSize={3}>
              {data.map((c) => (
                <Cell key={c.id} fill={fill(c.rag)} />
              ))}
              <LabelList dataKey="actual" content={EndLabel} />
              <LabelList dataKey="code" content={TitleLabel} />
            </Bar>
            <Bar
              dataKey="expected"
              name={t('dashboard.expected')}
              fill={fill('expected')}
              stroke="#8c96a1"
              strokeWidth={0.5}
              isAnimationActive={animate}
              barSize={8}
              minPointSize={2}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </ChartFigure>
  );
}
