import { describe, expect, it } from 'vitest';
import { gridData, moveByKey, scoresAt, spread, SPLIT } from '../../renderer/src/features/stakeholders/grid';

const s = (id: string, power: number | null, interest: number | null) => ({ id, name: `S${id}`, power, interest });

describe('power/interest grid shaping', () => {
  it('puts scored stakeholders in their quadrant and lists the unscored apart', () => {
    const g = gridData([s('1', 5, 5), s('2', 4, 2), s('3', 1, 4), s('4', 2, 2), s('5', null, 3), s('6', 3, 3)]);
    expect(g.points.map((p) => [p.id, p.quadrant])).toEqual([
      ['1', 'manage_closely'],
      ['2', 'keep_satisfied'],
      ['3', 'keep_informed'],
      ['4', 'monitor'],
      ['6', 'manage_closely'],
    ]);
    expect(g.unscored).toEqual([{ id: '5', name: 'S5' }]);
    expect(g.counts).toEqual({ manage_closely: 2, keep_satisfied: 1, keep_informed: 1, monitor: 1 });
  });

  it('places a lone point at its cell centre (x = interest, y = power) and spreads a crowded cell without leaving it', () => {
    const g = gridData([s('a', 4, 2), s('b', 3, 3), s('c', 3, 3), s('d', 3, 3)]);
    expect(g.points.find((p) => p.id === 'a')).toMatchObject({ x: 2, y: 4 });
    const crowd = g.points.filter((p) => p.power === 3);
    expect(new Set(crowd.map((p) => `${p.x},${p.y}`)).size).toBe(3);
    for (const p of crowd) {
      expect(Math.abs(p.x - 3)).toBeLessThan(0.5);
      expect(Math.abs(p.y - 3)).toBeLessThan(0.5);
    }
    expect(spread(1)).toEqual([[0, 0]]);
  });

  it('moves a point with the arrow keys within 1–5 and ignores other keys', () => {
    expect(moveByKey({ power: 3, interest: 3 }, 'ArrowRight')).toEqual({ power: 3, interest: 4 });
    expect(moveByKey({ power: 3, interest: 3 }, 'ArrowUp')).toEqual({ power: 4, interest: 3 });
    expect(moveByKey({ power: 1, interest: 3 }, 'ArrowDown')).toBeNull();
    expect(moveByKey({ power: 3, interest: 5 }, 'ArrowRight')).toBeNull();
    expect(moveByKey({ power: 3, interest: 3 }, 'Enter')).toBeNull();
  });

  it('turns a drop position into scores: left is low interest, top is high power; outside is clamped', () => {
    expect(scoresAt(0, 0, 500, 500)).toEqual({ power: 5, interest: 1 });
    expect(scoresAt(499, 499, 500, 500)).toEqual({ power: 1, interest: 5 });
    expect(scoresAt(250, 250, 500, 500)).toEqual({ power: 3, interest: 3 });
    expect(scoresAt(-40, 900, 500, 500)).toEqual({ power: 1, interest: 1 });
    expect(SPLIT).toBe(2.5);
  });
});
