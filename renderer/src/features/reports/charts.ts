import type { ProgressReport } from '../../../../electron/contract';

/** Chart data for the progress report: pure shaping, rendering in ProgressReportPage.tsx and renderer/src/charts. */

/** The cap of an indicator's bar: one far above its target would squash the rest (its label keeps the real figure). */
export const INDICATOR_BAR_CAP = 150;

/** Indicators with a measurement: % of target as core computed it (the label) and the bar's length, capped. */
export const indicatorSeries = (r: Pick<ProgressReport, 'indicators'>) =>
  r.indicators
    .filter((i) => i.percentOfTarget != null)
    .map((i) => ({
      id: i.id,
      code: i.code,
      name: i.name,
      unit: i.unit,
      current: i.current,
      target: i.target,
      rag: i.rag,
      percent: i.percentOfTarget!,
      bar: Math.min(INDICATOR_BAR_CAP, Math.max(0, i.percentOfTarget!)),
    }));

export type IndicatorPoint = ReturnType<typeof indicatorSeries>[number];
