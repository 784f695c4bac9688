import type { Rag } from '../../../electron/contract';

/** RAG colours: calm, readable on white, distinguishable for the common colour-vision deficiencies by label too. */
export const RAG_COLORS: Record<Rag, string> = {
  complete: '#1f5fa8',
  on_track: '#389e0d',
  at_risk: '#d48806',
  late: '#cf1322',
  not_started: '#8c8c8c',
  no_data: '#722ed1',
};

/** antd Tag colour presets matching RAG_COLORS. */
export const RAG_TAG: Record<Rag, string> = {
  complete: 'blue',
  on_track: 'green',
  at_risk: 'gold',
  late: 'red',
  not_started: 'default',
  no_data: 'purple',
};

/** Worst first: what needs attention sorts to the top. */
export const RAG_SEVERITY: Record<Rag, number> = { late: 0, at_risk: 1, no_data: 2, on_track: 3, not_started: 4, complete: 5 };

export const ragColor = (r: Rag): string => RAG_COLORS[r] ?? RAG_COLORS.not_started;
