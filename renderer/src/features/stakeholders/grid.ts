import { HIGH_SCORE, quadrantOf, QUADRANTS, type Quadrant } from '../../../../electron/contract';

/**
 * Power/interest grid data shaping, pure (rendering lives in PowerInterestGrid.tsx): stakeholders with both
 * scores become points on a 5×5 grid; several in one cell are spread around the cell centre so each stays
 * draggable; quadrant counts; keyboard moves and pixel → score for dragging.
 */

export interface Scored {
  id: string;
  name: string;
  power: number | null;
  interest: number | null;
}

export interface GridPoint {
  id: string;
  name: string;
  power: number;
  interest: number;
  quadrant: Quadrant;
  /** Position in score units (0.5…5.5 on each axis), spread within the cell when several share it. */
  x: number;
  y: number;
}

export interface GridData {
  points: GridPoint[];
  unscored: Array<{ id: string; name: string }>;
  counts: Record<Quadrant, number>;
}

/** Offsets (in score units, < 0.5) that place n points of one cell on a small circle; one point sits centred. */
export function spread(n: number, radius = 0.3): Array<[number, number]> {
  if (n <= 1) return [[0, 0]];
  return Array.from({ length: n }, (_, i) => {
    const a = (2 * Math.PI * i) / n;
    return [Math.round(radius * Math.cos(a) * 1000) / 1000, Math.round(radius * Math.sin(a) * 1000) / 1000] as [number, number];
  });
}

export function gridData(items: readonly Scored[]): GridData {
  const counts = Object.fromEntries(QUADRANTS.map((q) => [q, 0])) as Record<Quadrant, number>;
  const cells = new Map<string, Scored[]>();
  const unscored: GridData['unscored'] = [];
  for (const s of items) {
    if (s.power == null || s.interest == null) {
      unscored.push({ id: s.id, name: s.name });
      continue;
    }
    const k = `${s.power}|${s.interest}`;
    const list = cells.get(k);
    if (list) list.push(s);
    else cells.set(k, [s]);
  }
  const points: GridPoint[] = [];
  for (const list of cells.values()) {
    list.sort((a, b) => a.name.localeCompare(b.name, 'ro') || (a.id < b.id ? -1 : 1));
    const offs = spread(list.length);
    list.forEach((s, i) => {
      const q = quadrantOf(s.power, s.interest)!;
      counts[q]++;
      points.push({ id: s.id, name: s.name, power: s.power!, interest: s.interest!, quadrant: q, x: s.interest! + offs[i][0], y: s.power! + offs[i][1] });
    });
  }
  points.sort((a, b) => a.name.localeCompare(b.name, 'ro') || (a.id < b.id ? -1 : 1));
  return { points, unscored, counts };
}

const clamp = (n: number) => Math.min(5, Math.max(1, n));

/** Arrow keys on a focused point: right/left change interest, up/down change power, within 1–5. */
export function moveByKey(p: { power: number; interest: number }, key: string): { power: number; interest: number } | null {
  const d: Record<string, [number, number]> = { ArrowRight: [0, 1], ArrowLeft: [0, -1], ArrowUp: [1, 0], ArrowDown: [-1, 0] };
  const m = d[key];
  if (!m) return null;
  const next = { power: clamp(p.power + m[0]), interest: clamp(p.interest + m[1]) };
  return next.power === p.power && next.interest === p.interest ? null : next;
}

/** A drop position in the plot area (pixels from its top-left, size w×h) → scores 1–5 (interest on x, power on y, up is high). */
export function scoresAt(px: number, py: number, w: number, h: number): { power: number; interest: number } {
  const interest = clamp(Math.floor((px / w) * 5) + 1);
  const power = clamp(5 - Math.floor((py / h) * 5));
  return { power, interest };
}

/** Where the quadrant lines fall, in score units: between 2 and 3 (a score of 3 or more is high). */
export const SPLIT = HIGH_SCORE - 0.5;
