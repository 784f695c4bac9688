import { useId, type ReactNode } from 'react';
import { PATTERNS, type PatternKey, type PatternMark } from './rag';

/**
 * SVG fills for the charts: each series' colour with its mark (rag.ts PATTERNS), so bars are told apart in a
 * black-and-white print as on screen. One set of <pattern>s per chart, under ids unique to the chart; the
 * legend's swatches point at the same ids.
 */

const SIZE = 6;

function markPath(mark: PatternMark): string {
  switch (mark) {
    case 'vertical':
      return `M3 0V${SIZE}`;
    case 'hatch':
      return `M0 ${SIZE}L${SIZE} 0M-1 1L1 -1M${SIZE - 1} ${SIZE + 1}L${SIZE + 1} ${SIZE - 1}`;
    case 'back':
      return `M0 0L${SIZE} ${SIZE}M-1 ${SIZE - 1}L1 ${SIZE + 1}M${SIZE - 1} -1L${SIZE + 1} 1`;
    case 'cross':
      return `M0 ${SIZE}L${SIZE} 0M0 0L${SIZE} ${SIZE}`;
    default:
      return '';
  }
}

/** The fills of one chart: `fill(key)` is a url() for an SVG fill; `defs` goes inside the chart's <svg>. */
export function useChartPatterns(keys: readonly PatternKey[]): { fill: (k: PatternKey) => string; defs: ReactNode } {
  const prefix = `pla-p${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const fill = (k: PatternKey) => (PATTERNS[k].mark === 'solid' ? PATTERNS[k].fill : `url(#${prefix}-${k})`);
  const defs = (
    <defs>
      {[...new Set(keys)]
        .filter((k) => PATTERNS[k].mark !== 'solid')
        .map((k) => {
          const p = PATTERNS[k];
          return (
            <pattern key={k} id={`${prefix}-${k}`} data-pattern={k} width={SIZE} height={SIZE} patternUnits="userSpaceOnUse">
              <rect width={SIZE} height={SIZE} fill={p.fill} />
              {p.mark === 'dots' ? (
                <circle cx={SIZE / 2} cy={SIZE / 2} r={1.2} fill={p.ink} />
              ) : (
                <path d={markPath(p.mark)} stroke={p.ink} strokeWidth={1.2} strokeOpacity={0.85} />
              )}
            </pattern>
          );
        })}
    </defs>
  );
  return { fill, defs };
}

/** A legend swatch filled like the bars it names (the pattern's defs must be on the page: the chart's). */
export function Swatch({ fill }: { fill: string }) {
  return (
    <svg width={14} height={14} aria-hidden focusable="false" style={{ flex: 'none' }}>
      <rect x={0.5} y={0.5} width={13} height={13} rx={2} fill={fill} stroke="#595959" strokeWidth={0.5} />
    </svg>
  );
}

/**
 * A chart in a <figure>: its caption is a sentence saying what the chart shows (its accessible name, read by
 * screen readers and printed with it); `legend` lists the series with their swatches.
 */
export function ChartFigure({ summary, testId, legend, children }: { summary: string; testId: string; legend?: ReactNode; children: ReactNode }) {
  return (
    <figure className="pla-chart" data-testid={testId} style={{ margin: 0 }}>
      {children}
      {legend}
      <figcaption className="pla-muted" style={{ fontSize: 12, marginTop: 4 }} data-testid={`${testId}-summary`}>
        {summary}
      </figcaption>
    </figure>
  );
}

/** Legend entries: swatch and label, inline. */
export function Legend({ items, testId }: { items: Array<{ key: string; fill: string; label: ReactNode; testId?: string }>; testId?: string }) {
  return (
    <ul data-testid={testId} style={{ listStyle: 'none', padding: 0, margin: '4px 0 0', fontSize: 13 }}>
      {items.map((i) => (
        <li key={i.key} data-legend={i.key} data-testid={i.testId} style={{ display: 'inline-flex', alignItems: 'center', gap: 6, marginInlineEnd: 16 }}>
          <Swatch fill={i.fill} />
          {i.label}
        </li>
      ))}
    </ul>
  );
}
