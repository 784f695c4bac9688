import { describe, expect, it } from 'vitest';
import { filtersChanged, searchMatcher } from '../../renderer/src/ui/ListPage';

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
