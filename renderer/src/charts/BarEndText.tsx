import type { ReactNode } from 'react';
import type { LabelProps } from 'recharts';

/**
 * The figure written just past the end of a horizontal bar (a LabelList's content): dark text with a white halo so it
 * reads over the grid, named by the bar's code in `data-label`.
 */
export function BarEndText({ p, code, won, children }: { p: LabelProps; code: string; won?: boolean; children: ReactNode }) {
  return (
    <text
      x={Number(p.x) + Math.max(3, Number(p.width)) + 6}
      y={Number(p.y) + Number(p.height) / 2}
      dominantBaseline="central"
      fontSize={12}
      fill="#262626"
      stroke="#ffffff"
      strokeWidth={3}
      paintOrder="stroke"
      pointerEvents="none"
      data-label={code}
      data-won={won === undefined ? undefined : String(won)}
    >
      {children}
    </text>
  );
}
