import { describe, expect, it } from 'vitest';
import { RAG_PALETTE, type CampaignResults, type Rag } from '../../electron/contract';
import { resultsByZone } from '../../renderer/src/charts/budgeting';
import { shorten } from '../../renderer/src/charts/dashboard';
import { PATTERNS, RAG_COLORS, ragTagStyle } from '../../renderer/src/charts/rag';
import { statusShares } from '../../renderer/src/charts/status';
import { moneyTicks, percentTicks, roundStep, roundTicks } from '../../renderer/src/charts/ticks';
import { indicatorSeries } from '../../renderer/src/features/reports/charts';

const RAGS = Object.keys(RAG_PALETTE) as Rag[];

/** Axis ticks, the palette, and the shaping behind the charts of issue 15 §7 (what the charts draw is in tests/e2e/charts.spec.ts). */

describe('ticks at round values', () => {
  it('a percentage axis runs 0 / 25 / 50 / 75 / 100 %, past 100 only as far as a bar goes', () => {
    expect(percentTicks(0)).toEqual([0, 25, 50, 75, 100]);
    expect(percentTicks(64)).toEqual([0, 25, 50, 75, 100]);
    expect(percentTicks(100)).toEqual([0, 25, 50, 75, 100]);
    expect(percentTicks(101)).toEqual([0, 25, 50, 75, 100, 125]);
    expect(percentTicks(150)).toEqual([0, 25, 50, 75, 100, 125, 150]);
  });

  it('other axes step by 1, 2, 2.5 or 5 × 10ⁿ, never 40 / 80 / 120 or 150 as the first step', () => {
    expect(roundTicks(150)).toEqual([0, 50, 100, 150]);
    expect(roundTicks(120)).toEqual([0, 50, 100, 150]);
    expect(roundTicks(60)).toEqual([0, 20, 40, 60]);
    expect(roundTicks(1)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(roundTicks(7, 4, true)).toEqual([0, 2, 4, 6, 8]);
    expect(roundStep(9, 4, true)).toBe(5);
    for (const max of [3, 17, 99, 1234, 55_000, 987_654]) {
      const ticks = roundTicks(max);
      expect(ticks[0]).toBe(0);
      expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(max);
      expect(ticks.length).toBeLessThanOrEqual(6);
      const step = ticks[1];
      expect([1, 2, 2.5, 5].some((s) => Math.abs(step / 10 ** Math.floor(Math.log10(step)) - s) < 1e-9)).toBe(true);
    }
  });

  it('nothing to show still gives an axis', () => {
    expect(roundTicks(0)).toEqual([0, 1]);
    expect(roundTicks(Number.NaN)).toEqual([0, 1]);
  });

  it('money ticks (bani) fall on round amounts of lei', () => {
    expect(moneyTicks(55_000_000)).toEqual([0, 20_000_000, 40_000_000, 60_000_000]);
    expect(moneyTicks(1_000_000_00)).toEqual([0, 25_000_000, 50_000_000, 75_000_000, 100_000_000]);
    for (const t of moneyTicks(123_456_789)) expect(t % 100).toBe(0);
  });
});

describe('one palette for the charts and the status tags', () => {
  const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

  it('the bars, the swatches and the tags read the same colours', () => {
    for (const r of RAGS) {
      expect(RAG_COLORS[r]).toBe(RAG_PALETTE[r].fill);
      expect(PATTERNS[r].fill).toBe(RAG_PALETTE[r].fill);
      expect(ragTagStyle(r)).toEqual({ color: RAG_PALETTE[r].text, background: RAG_PALETTE[r].background, borderColor: RAG_PALETTE[r].border });
    }
  });

  it('"Fără date" is grey — never purple — in the bar and in the tag', () => {
    for (const c of [RAG_PALETTE.no_data.fill, RAG_PALETTE.no_data.background, RAG_PALETTE.no_data.text, RAG_PALETTE.no_data.border]) {
      const [r, g, b] = rgb(c);
      expect(Math.max(r, g, b) - Math.min(r, g, b), c).toBeLessThanOrEqual(24);
    }
  });

  it('each status has its own mark, so bars are told apart in black and white', () => {
    const marks = RAGS.map((r) => PATTERNS[r].mark);
    expect(new Set(marks).size).toBe(RAGS.length);
    expect(PATTERNS.expected.mark).not.toBe('solid');
    expect(PATTERNS.notFunded.mark).not.toBe(PATTERNS.funded.mark);
  });
});

describe('status shares (the segmented bar)', () => {
  it('worst first, statuses with none left out, shares of the whole', () => {
    const counts: Record<Rag, number> = { complete: 1, on_track: 0, at_risk: 1, late: 2, not_started: 0, no_data: 0 };
    expect(statusShares(counts)).toEqual([
      { rag: 'late', count: 2, share: 50 },
      { rag: 'at_risk', count: 1, share: 25 },
      { rag: 'complete', count: 1, share: 25 },
    ]);
    expect(statusShares({ late: 0 })).toEqual([]);
  });
});

describe('labels', () => {
  it('a long title is cut on a word with an ellipsis; a short one is kept', () => {
    expect(shorten('Creșterea gradului de implicare civică', 60)).toBe('Creșterea gradului de implicare civică');
    expect(shorten('Publicarea și reutilizarea a cel puțin 10 noi seturi de date deschise', 30)).toBe('Publicarea și reutilizarea a…');
    expect(shorten('Supercalifragilisticexpialidocious', 10)).toBe('Supercali…');
  });
});

describe("the progress report's indicator bars", () => {
  it('keep the real % of target for the label and cap the bar at 150 %; indicators without data are left out', () => {
    const base = { commitmentCode: 'A1', unit: '', current: 1, target: 1, lastDate: null, rag: 'on_track' as const };
    const s = indicatorSeries({
      indicators: [
        { ...base, id: '1', code: 'I1', name: 'a', percentOfTarget: 0 },
        { ...base, id: '2', code: 'I2', name: 'b', percentOfTarget: 240 },
        { ...base, id: '3', code: 'I3', name: 'c', percentOfTarget: null },
      ],
    });
    expect(s.map((x) => [x.code, x.percent, x.bar])).toEqual([
      ['I1', 0, 0],
      ['I2', 240, 150],
    ]);
  });
});

describe('budgeting results per zone', () => {
  const project = (code: string, rank: number, votes: number, lei: number, won: boolean, zoneCode: string | null = 'Z1') => ({
    proposalId: code,
    code,
    title: `Proiect ${code}`,
    zoneCode,
    cost: lei * 100,
    votes,
    score: null,
    rank,
    won,
    funded: won ? lei * 100 : 0,
    tieBrokenBy: null,
    reason: { code: 'x', params: {} },
    textRo: '',
    textEn: '',
  });
  const zone = (zoneCode: string | null, label: string, budgetLei: number, usedLei: number) => ({
    zoneCode,
    label,
    budget: budgetLei * 100,
    used: usedLei * 100,
    remaining: (budgetLei - usedLei) * 100,
    reserve: 0,
    topUp: 0,
    winners: 0,
    projects: 0,
  });
  const results: Pick<CampaignResults, 'projects' | 'zones'> = {
    // greedy: A funded, B does not fit, C fits after it
    projects: [
      project('C', 3, 1, 150_000, true),
      project('A', 1, 3, 300_000, true),
      project('B', 2, 2, 250_000, false),
      project('D', 1, 9, 10_000, true, 'Z2'),
    ],
    zones: [zone('Z1', 'Centru', 500_000, 450_000), zone('Z2', 'Fabric', 100_000, 10_000)],
  };

  it('orders projects by rank and starts each bar where the funded ones above it end', () => {
    const [z1, z2] = resultsByZone(results);
    expect(z1.bars.map((b) => [b.code, b.start / 100, b.cost / 100, b.won])).toEqual([
      ['A', 0, 300_000, true],
      ['B', 300_000, 250_000, false],
      ['C', 300_000, 150_000, true],
    ]);
    expect([z1.votes, z1.funded, z1.notFunded, z1.hidden]).toEqual([6, 2, 1, 0]);
    expect(z2.bars.map((b) => b.code)).toEqual(['D']);
  });

  it('the money axis reaches past both the budget and the bar that runs over it, at round amounts', () => {
    const [z1, z2] = resultsByZone(results);
    expect(z1.ticks.map((t) => t / 100)).toEqual([0, 200_000, 400_000, 600_000]);
    expect(z2.ticks[z2.ticks.length - 1]).toBeGreaterThanOrEqual(z2.budget);
  });

  it('a zone with many projects shows the first ones and says how many more the table has', () => {
    const many = {
      projects: Array.from({ length: 25 }, (_, i) => project(`P${i + 1}`, i + 1, 25 - i, 1_000, i < 5)),
      zones: [zone('Z1', 'Centru', 5_000, 5_000)],
    };
    const [z] = resultsByZone(many, 20);
    expect(z.bars).toHaveLength(20);
    expect(z.hidden).toBe(5);
    expect(z.funded).toBe(5);
  });
});
