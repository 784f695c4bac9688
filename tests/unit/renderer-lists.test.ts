import { describe, expect, it } from 'vitest';
import { compareNullsLast, filtersChanged, moneyColumn, searchMatcher, valueFilter } from '../../renderer/src/ui/ListPage';

describe('a list’s search box', () => {
  it('finds a row whatever the case, the diacritics and the spaces around what was typed', () => {
    const matches = searchMatcher('  ȘCOALA timișoara ');
    expect(matches('Liceul și Școala Timisoara')).toBe(true);
    expect(matches('scoala timisoara')).toBe(true);
    // the words as typed, together: not each word anywhere
    expect(matches('Școala Gimnazială nr. 2 Timișoara')).toBe(false);
    expect(searchMatcher('Arad')('Primăria Timișoara')).toBe(false);
  });

  it('keeps every row while it is empty or only spaces', () => {
    expect(searchMatcher('')('anything')).toBe(true);
    expect(searchMatcher('   ')('')).toBe(true);
  });
});

describe('whether a list says "no match" rather than "nothing yet"', () => {
  it('a list opened on a filter (the open risks) is not filtered until that filter changes or is cleared', () => {
    const opened = { status: 'open' as string | undefined };
    expect(filtersChanged(opened, { status: 'open' })).toBe(false);
    expect(filtersChanged(opened, { status: 'closed' })).toBe(true);
    expect(filtersChanged(opened, { status: undefined })).toBe(true);
  });

  it('a filter set and cleared again is off; a yes/no filter set to "no" is on', () => {
    const none: { category?: string; ableToTakeOver?: boolean } = {};
    expect(filtersChanged(none, { category: undefined })).toBe(false);
    expect(filtersChanged(none, { category: 'technical' })).toBe(true);
    expect(filtersChanged(none, { ableToTakeOver: false })).toBe(true);
  });
});

describe('a list’s columns', () => {
  it('sorts values in their order, a missing one last', () => {
    expect([3, null, 1, 2].sort(compareNullsLast)).toEqual([1, 2, 3, null]);
    expect(['B', null, 'A'].sort(compareNullsLast)).toEqual(['A', 'B', null]);
  });

  it('a header filter offers each value by its label and keeps the rows holding the value chosen', () => {
    const f = valueFilter('kind', ['pb', 'grants'], (v) => `kind ${v}`);
    expect(f.filters).toEqual([
      { text: 'kind pb', value: 'pb' },
      { text: 'kind grants', value: 'grants' },
    ]);
    expect(f.onFilter('pb', { kind: 'pb' })).toBe(true);
    expect(f.onFilter('pb', { kind: 'grants' })).toBe(false);
    const yesNo = valueFilter('paid', [true, false], (v) => (v ? 'da' : 'nu'));
    expect(yesNo.filters.map((x) => x.text)).toEqual(['da', 'nu']);
    expect(yesNo.onFilter(false, { paid: false })).toBe(true);
    expect(yesNo.onFilter(false, { paid: true })).toBe(false);
  });

  it('a money column shows lei, right-aligned, and sorts by amount with no amount last', () => {
    type Row = { name: string; budget: number | null };
    const c = moneyColumn<Row>('Buget', 'budget', 170, 'ro');
    expect({ title: c.title, dataIndex: c.dataIndex, width: c.width, align: c.align }).toEqual({
      title: 'Buget',
      dataIndex: 'budget',
      width: 170,
      align: 'right',
    });
    expect(c.render?.(123456, { name: 'a', budget: 123456 }, 0)).toBe('1.234,56\u00a0lei');
    const rows: Row[] = [
      { name: 'a', budget: null },
      { name: 'b', budget: 500 },
      { name: 'c', budget: 100 },
    ];
    const sorter = c.sorter as (a: Row, b: Row) => number;
    expect(rows.sort(sorter).map((r) => r.name)).toEqual(['c', 'b', 'a']);
  });
});
