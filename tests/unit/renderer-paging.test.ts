import { describe, expect, it } from 'vitest';
import { BODY_HEIGHT, ROW_HEIGHT, nextSort, visibleRange, type ServerSort } from '../../renderer/src/ui/paging';

type S = 'code' | 'exposure' | 'startDate';
const byCode: ServerSort<S> = { by: 'code', order: 'asc' };
const newestFirst: ServerSort<S> = { by: 'startDate', order: 'desc' };

describe('sorting from a column header', () => {
  it('a click on another column sorts by it ascending, a second descending, a third goes back to the list order', () => {
    const first = nextSort(byCode, 'exposure', byCode);
    expect(first).toEqual({ by: 'exposure', order: 'asc' });
    const second = nextSort(first, 'exposure', byCode);
    expect(second).toEqual({ by: 'exposure', order: 'desc' });
    expect(nextSort(second, 'exposure', byCode)).toEqual(byCode);
  });

  it('the column the list is sorted by by default turns between its two orders instead of getting stuck', () => {
    // Sessions open newest first: a click asks for the oldest first, the next for the newest again.
    const oldest = nextSort(newestFirst, 'startDate', newestFirst);
    expect(oldest).toEqual({ by: 'startDate', order: 'asc' });
    expect(nextSort(oldest, 'startDate', newestFirst)).toEqual(newestFirst);
    expect(nextSort(byCode, 'code', byCode)).toEqual({ by: 'code', order: 'desc' });
  });
});

describe('the rows a grid renders for a scroll position', () => {
  const inView = Math.ceil(BODY_HEIGHT / ROW_HEIGHT);

  it('at the top: the rows in view and a few below, not the whole page of 100', () => {
    const [first, last] = visibleRange(0, 100);
    expect(first).toBe(0);
    expect(last).toBeGreaterThanOrEqual(inView);
    expect(last).toBeLessThan(30);
  });

  it('scrolled to row 50: the rows around it, a few either side', () => {
    const [first, last] = visibleRange(50 * ROW_HEIGHT, 100);
    expect(first).toBeLessThan(50);
    expect(first).toBeGreaterThan(40);
    expect(last).toBeGreaterThanOrEqual(50 + inView);
    expect(last).toBeLessThan(50 + inView + 10);
  });

  it('never past the last row, and nothing for an empty page', () => {
    expect(visibleRange(99 * ROW_HEIGHT, 100)[1]).toBe(100);
    expect(visibleRange(0, 5)).toEqual([0, 5]);
    expect(visibleRange(0, 0)).toEqual([0, 0]);
    // A scroll position left over from a longer page (the new page has 3 rows) still shows them.
    expect(visibleRange(60 * ROW_HEIGHT, 3)).toEqual([0, 3]);
    expect(visibleRange(90 * ROW_HEIGHT, 40)[1]).toBe(40);
    expect(visibleRange(90 * ROW_HEIGHT, 40)[0]).toBeLessThan(40 - inView);
  });
});
