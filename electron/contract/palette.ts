import type { Rag } from './plan';

/**
 * The one palette of plan statuses: the dashboard's and the progress report's bars and legends, the RAG tags
 * of the app, the Excel status cells and the public site's tags all read it, so a colour means the same thing
 * everywhere (a legend's swatch is the colour of the bars it names). Pure data; the renderer may import it.
 *
 * `fill` colours bars and swatches; `text` on `background` is the tag (WCAG AA contrast, ≥ 4.5:1). Labels
 * always accompany the colour, so no status is told by colour alone. "Fără date" is grey — the absence of
 * a figure, not a status of its own colour.
 */
export interface StatusColours {
  fill: string;
  text: string;
  background: string;
  border: string;
}

export const RAG_PALETTE: Record<Rag, StatusColours> = {
  complete: { fill: '#1f5fa8', text: '#0b3a66', background: '#e6f0fb', border: '#9dbfe6' },
  on_track: { fill: '#389e0d', text: '#14532d', background: '#eef8f1', border: '#a6d9b4' },
  at_risk: { fill: '#d48806', text: '#7a3e00', background: '#fff3e0', border: '#f0c27a' },
  late: { fill: '#cf1322', text: '#8a1c1c', background: '#fdecec', border: '#f2a7a7' },
  not_started: { fill: '#6b7785', text: '#2f3740', background: '#eef1f4', border: '#b8c1cb' },
  no_data: { fill: '#b8c1cb', text: '#3a434d', background: '#f5f6f7', border: '#cfd5db' },
};

/**
 * Series that are not a status: the expected-progress bar beside each actual one (hatched, so it reads apart
 * from the actual bar in black and white), a chart's grid and axis text, the target and budget lines (dark and
 * dashed: they print), and a budgeting campaign's funded / not funded projects (not funded is hatched too).
 */
export const SERIES_PALETTE = {
  expected: '#c5cdd8',
  grid: '#eef0f3',
  axis: '#595959',
  target: '#262626',
  funded: '#389e0d',
  notFunded: '#8c96a1',
} as const;

export const ragFill = (r: Rag): string => (RAG_PALETTE[r] ?? RAG_PALETTE.no_data).fill;
