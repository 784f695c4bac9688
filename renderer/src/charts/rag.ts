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
