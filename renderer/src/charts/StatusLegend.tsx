import { useTranslation } from 'react-i18next';
import type { Rag } from '../../../electron/contract';
import { RAG_COLORS, RAG_SEVERITY, SERIES_PALETTE } from './rag';

/**
 * A chart's legend drawn from the same palette as its bars: one swatch per status that colours a bar
 * (worst first), and the expected-progress series when the chart has one. Recharts' own legend shows a
 * series' single `fill`, which is not the colour of bars coloured by status.
 */
export function StatusLegend({ rags, expected, testId }: { rags: Rag[]; expected?: string; testId?: string }) {
  const { t } = useTranslation();
  const present = [...new Set(rags)].sort((a, b) => RAG_SEVERITY[a] - RAG_SEVERITY[b]);
  const item = (key: string, colour: string, label: string) => (
    <li key={key} data-legend={key} data-colour={colour} style={{ display: 'inline-flex', alignItems: 'center', gap: 6, marginInlineEnd: 16 }}>
      <span aria-hidden style={{ width: 12, height: 12, borderRadius: 2, background: colour, display: 'inline-block' }} />
      {label}
    </li>
  );
  return (
    <ul data-testid={testId} style={{ listStyle: 'none', padding: 0, margin: '4px 0 0', fontSize: 13 }}>
      {present.map((r) => item(r, RAG_COLORS[r], t(`rag.${r}`)))}
      {expected ? item('expected', SERIES_PALETTE.expected, expected) : null}
    </ul>
  );
}
