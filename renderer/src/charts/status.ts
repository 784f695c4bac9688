import type { Rag } from '../../../electron/contract';
import { RAG_SEVERITY } from './rag';

/**
 * A count per status as shares of the whole, worst first, statuses with none left out. Pure; the segmented bar
 * (StatusBreakdown.tsx) draws it. Shares are unrounded (the labels round them at display).
 */
export function statusShares(counts: Partial<Record<Rag, number>>): Array<{ rag: Rag; count: number; share: number }> {
  const present = (Object.keys(counts) as Rag[]).filter((r) => (counts[r] ?? 0) > 0).sort((a, b) => RAG_SEVERITY[a] - RAG_SEVERITY[b]);
  const total = present.reduce((n, r) => n + (counts[r] ?? 0), 0);
  return present.map((r) => ({ rag: r, count: counts[r]!, share: (counts[r]! / total) * 100 }));
}
