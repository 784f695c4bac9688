import type { ProgressReport, Rag } from '../../../../electron/contract';
import { RAG_COLORS, RAG_SEVERITY } from '../../charts/rag';

/** Bar lengths are the figures as core computed them; the text beside them is rounded at display (formatFigurePercent). */

/** Chart data for the progress report: pure shaping, rendering in ProgressReportPage.tsx. */

const clamp = (n: number) => Math.min(100, Math.max(0, n));

export const commitmentSeries = (r: Pick<ProgressReport, 'commitments'>) =>
  r.commitments.map((c) => ({ code: c.code, title: c.title, actual: clamp(c.progress), expected: clamp(c.expectedProgress), color: RAG_COLORS[c.rag] }));

/** One bar per status that occurs, worst first. */
export const statusSeries = (counts: Record<Rag, number>) =>
  (Object.keys(counts) as Rag[])
    .filter((r) => counts[r] > 0)
    .sort((a, b) => RAG_SEVERITY[a] - RAG_SEVERITY[b])
    .map((r) => ({ rag: r, count: counts[r], color: RAG_COLORS[r] }));

/** Indicators with a measurement, % of target capped at 150 for the chart (the table shows the real figure). */
export const indicatorSeries = (r: Pick<ProgressReport, 'indicators'>) =>
  r.indicators
    .filter((i) => i.percentOfTarget != null)
    .map((i) => ({ code: i.code, name: i.name, percent: Math.min(150, Math.max(0, i.percentOfTarget!)), color: RAG_COLORS[i.rag] }));
