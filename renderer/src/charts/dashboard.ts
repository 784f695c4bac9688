import type { Dashboard, Rag } from '../../../electron/contract';
import { ragColor } from './rag';

/**
 * Shapes plan.dashboard for the charts. Pure functions: no React, no Recharts, tested in
 * tests/unit/renderer-charts.test.ts. Rendering lives in features/plan/Dashboard.tsx.
 */

const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));
const round1 = (n: number) => Math.round(n * 10) / 10;

export interface CommitmentBar {
  id: string;
  code: string;
  title: string;
  /** Actual progress, 0–100. */
  actual: number;
  /** Expected progress for today, 0–100. */
  expected: number;
  /** actual − expected, in points (negative: behind). */
  gap: number;
  rag: Rag;
  color: string;
}

type CommitmentFigures = Pick<Dashboard['commitments'][number], 'id' | 'code' | 'title' | 'progress' | 'expectedProgress' | 'rag'>;

/** The dashboard's and the progress report's commitments, one bar each (both carry core's figures). */
export function commitmentBars<C extends CommitmentFigures>(d: { commitments: C[] }): CommitmentBar[] {
  return [...d.commitments]
    .sort((a, b) => compareCodes(a.code, b.code))
    .map((c) => {
      // Bar lengths, unrounded: the text beside a bar is rounded at display (formatFigurePercent), like everywhere.
      const actual = clamp(c.progress, 0, 100);
      const expected = clamp(c.expectedProgress, 0, 100);
      return { id: c.id, code: c.code, title: c.title, actual, expected, gap: actual - expected, rag: c.rag, color: ragColor(c.rag) };
    });
}

export interface IndicatorBar {
  id: string;
  code: string;
  name: string;
  commitmentCode: string;
  unit: string;
  value: number | null;
  target: number;
  /** % of target as core computed it (may exceed 100), null without data; rounded at display. */
  percent: number | null;
  /** The bar's length: % of target capped at 100 so one outlier does not squash the rest. */
  barPercent: number;
  rag: Rag;
  color: string;
  lastDate: string | null;
}

export function indicatorBars(d: Pick<Dashboard, 'indicators'>): IndicatorBar[] {
  return [...d.indicators]
    .sort((a, b) => compareCodes(a.commitmentCode, b.commitmentCode) || compareCodes(a.code, b.code))
    .map((i) => {
      // The % of target core computed (null without data): never recomputed here.
      const percent = i.percentOfTarget;
      return {
        id: i.id,
        code: i.code,
        name: i.name,
        commitmentCode: i.commitmentCode,
        unit: i.unit,
        value: i.value,
        target: i.target,
        percent,
        barPercent: percent == null ? 0 : clamp(percent, 0, 100),
        rag: i.rag,
        color: ragColor(i.rag),
        lastDate: i.lastDate,
      };
    });
}

export interface TimelineRow {
  id: string;
  code: string;
  title: string;
  commitmentCode: string;
  depth: number;
  /** Planned bar: offset and width as % of the whole range. Null when the action has no planned dates. */
  plannedOffset: number | null;
  plannedWidth: number | null;
  /** The done part of the planned bar (progress × planned width). */
  doneWidth: number | null;
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  progress: number;
  rag: Rag;
  color: string;
}

export interface Timeline {
  start: string | null;
  end: string | null;
  /** Where today falls, % of the range, null when outside. */
  todayOffset: number | null;
  /** Year boundaries for the axis: label and offset %. */
  ticks: { label: string; offset: number }[];
  rows: TimelineRow[];
}

const dayNumber = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);

export function timeline(d: Pick<Dashboard, 'timeline' | 'today'>): Timeline {
  const dates: string[] = [];
  for (const a of d.timeline) for (const x of [a.plannedStart, a.plannedEnd, a.actualStart, a.actualEnd]) if (x) dates.push(x);
  dates.sort();
  const start = dates[0] ?? null;
  const end = dates[dates.length - 1] ?? null;
  const rows = [...d.timeline].sort((a, b) => compareCodes(a.code, b.code));
  if (!start || !end) {
    return {
      start,
      end,
      todayOffset: null,
      ticks: [],
      rows: rows.map((a) => ({ ...base(a), plannedOffset: null, plannedWidth: null, doneWidth: null })),
    };
  }
  const s = dayNumber(start);
  const span = Math.max(1, dayNumber(end) + 1 - s);
  const pct = (iso: string) => round1(((dayNumber(iso) - s) / span) * 100);
  const t = dayNumber(d.today);
  const todayOffset = t >= s && t <= s + span ? round1(((t - s) / span) * 100) : null;
  const ticks: { label: string; offset: number }[] = [];
  for (let y = Number(start.slice(0, 4)); y <= Number(end.slice(0, 4)); y++) {
    const iso = `${y}-01-01`;
    ticks.push({ label: String(y), offset: iso < start ? 0 : pct(iso) });
  }
  return {
    start,
    end,
    todayOffset,
    ticks,
    rows: rows.map((a) => {
      if (!a.plannedStart || !a.plannedEnd) return { ...base(a), plannedOffset: null, plannedWidth: null, doneWidth: null };
      const offset = pct(a.plannedStart);
      const width = round1(Math.max(0.5, ((dayNumber(a.plannedEnd) + 1 - dayNumber(a.plannedStart)) / span) * 100));
      return { ...base(a), plannedOffset: offset, plannedWidth: width, doneWidth: round1((width * clamp(a.progress, 0, 100)) / 100) };
    }),
  };
}

function base(a: Dashboard['timeline'][number]): Omit<TimelineRow, 'plannedOffset' | 'plannedWidth' | 'doneWidth'> {
  return {
    id: a.id,
    code: a.code,
    title: a.title,
    commitmentCode: a.commitmentCode,
    depth: a.code.split('.').length - 2,
    plannedStart: a.plannedStart,
    plannedEnd: a.plannedEnd,
    actualStart: a.actualStart,
    actualEnd: a.actualEnd,
    progress: a.progress,
    rag: a.rag,
    color: ragColor(a.rag),
  };
}

/** Counts per RAG status, for the summary tags. */
export function ragCounts<T extends { rag: Rag }>(items: T[]): Partial<Record<Rag, number>> {
  const out: Partial<Record<Rag, number>> = {};
  for (const i of items) out[i.rag] = (out[i.rag] ?? 0) + 1;
  return out;
}

/**
 * Orders hierarchical codes naturally: A1 < A1.2 < A1.2.1 < A1.10 < A2; I1.2 < I1.10.
 * Non-numeric parts compare as text.
 */
export function compareCodes(a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? [];
  const pb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny) {
      const diff = Number(x) - Number(y);
      if (diff) return diff;
    } else if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** A label cut to `max` characters on a word boundary where one is near, with an ellipsis: the full text goes in a title. */
export function shorten(text: string, max: number): string {
  const s = text.trim();
  if (s.length <= max) return s;
  const cut = s.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:–-]+$/, '')}…`;
}
