import { RAG_PALETTE, ragFill, SERIES_PALETTE, type Rag } from '../../../electron/contract';

/**
 * RAG colours for the renderer, read from the one status palette (electron/contract/palette.ts) that the
 * Excel workbooks and the public site also use: a bar, its legend swatch and the status tag share a colour.
 */
export const RAG_COLORS: Record<Rag, string> = Object.fromEntries(Object.entries(RAG_PALETTE).map(([r, c]) => [r, c.fill])) as Record<Rag, string>;

/** The tag of a status (text on a light background, with a border): used by RagTag and the dashboard's counts. */
export const ragTagStyle = (r: Rag) => {
  const c = RAG_PALETTE[r] ?? RAG_PALETTE.no_data;
  return { color: c.text, background: c.background, borderColor: c.border };
};

export { SERIES_PALETTE };

/** Worst first: what needs attention sorts to the top. */
export const RAG_SEVERITY: Record<Rag, number> = { late: 0, at_risk: 1, no_data: 2, on_track: 3, not_started: 4, complete: 5 };

export const ragColor = (r: Rag): string => ragFill(r);

/**
 * What marks a series' fill besides its colour, so a chart printed in black and white still tells them apart
 * (each status its own mark; the expected and not-funded series hatched against their solid counterparts).
 * Drawn by ChartPatterns (patterns.tsx) from this table; the legends' swatches use the same patterns.
 */
export type PatternMark = 'solid' | 'vertical' | 'hatch' | 'cross' | 'back' | 'dots';
export type PatternKey = Rag | 'expected' | 'funded' | 'notFunded';

export const PATTERNS: Record<PatternKey, { fill: string; mark: PatternMark; ink: string }> = {
  complete: { fill: RAG_PALETTE.complete.fill, mark: 'solid', ink: '#ffffff' },
  on_track: { fill: RAG_PALETTE.on_track.fill, mark: 'vertical', ink: '#ffffff' },
  at_risk: { fill: RAG_PALETTE.at_risk.fill, mark: 'hatch', ink: '#ffffff' },
  late: { fill: RAG_PALETTE.late.fill, mark: 'cross', ink: '#ffffff' },
  not_started: { fill: RAG_PALETTE.not_started.fill, mark: 'back', ink: '#ffffff' },
  no_data: { fill: RAG_PALETTE.no_data.fill, mark: 'dots', ink: '#3a434d' },
  expected: { fill: SERIES_PALETTE.expected, mark: 'hatch', ink: '#3a434d' },
  funded: { fill: SERIES_PALETTE.funded, mark: 'solid', ink: '#ffffff' },
  notFunded: { fill: SERIES_PALETTE.notFunded, mark: 'hatch', ink: '#ffffff' },
};
