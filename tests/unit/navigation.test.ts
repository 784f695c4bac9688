import { describe, expect, it } from 'vitest';
import { fold, matchPalette, type PaletteEntry } from '../../renderer/src/app/paletteSearch';
import { initialOpenGroups, menuHeight, readOpenGroups } from '../../renderer/src/app/navGroups';

const entries: PaletteEntry[] = [
  { kind: 'screen', path: '/risks', title: 'Registrul riscurilor', context: 'Registre' },
  { kind: 'screen', path: '/funding/deadlines', title: 'Termene finanțări', context: 'Registre' },
  { kind: 'commitment', path: '/commitments/c1', code: 'A1', title: 'Transparență bugetară' },
  { kind: 'action', path: '/actions/a11', code: 'A1.1', title: 'Publicarea ședințelor' },
  { kind: 'action', path: '/actions/a21', code: 'A2.1', title: 'Instruirea funcționarilor în A1' },
  { kind: 'organisation', path: '/stakeholders/s1', title: 'Asociația Banat IT' },
  { kind: 'person', path: '/training/people/p1', title: 'Ioana Țăranu' },
];

describe('the command palette finds a screen or a record by code or name', () => {
  it('ignores diacritics and case, in the query and in the names', () => {
    expect(fold('  Ședința   ȚĂRANU ')).toBe('sedinta taranu');
    expect(matchPalette(entries, 'sedintelor').map((e) => e.path)).toEqual(['/actions/a11']);
    expect(matchPalette(entries, 'TARANU').map((e) => e.path)).toEqual(['/training/people/p1']);
    expect(matchPalette(entries, 'asociatia banat').map((e) => e.path)).toEqual(['/stakeholders/s1']);
  });

  it('puts the record whose code is the query first, then codes starting with it', () => {
    expect(matchPalette(entries, 'a1').map((e) => e.code ?? e.title)).toEqual(['A1', 'A1.1', 'A2.1']);
  });

  it('needs every word of the query, in any order', () => {
    expect(matchPalette(entries, 'finantari termene').map((e) => e.path)).toEqual(['/funding/deadlines']);
    expect(matchPalette(entries, 'termene riscuri')).toEqual([]);
  });

  it('lists the screens when nothing is typed, and stops at the limit', () => {
    expect(matchPalette(entries, '').map((e) => e.kind)).toEqual(['screen', 'screen']);
    expect(matchPalette(entries, 'a', 2)).toHaveLength(2);
  });
});

describe('the side menu opens as many groups as fit the window', () => {
  const groups = [
    { key: 'plan', items: [1, 2, 3] },
    { key: 'registries', items: Array.from({ length: 12 }, (_, i) => i) },
    { key: 'budgeting', items: [1] },
    { key: 'data', items: [1, 2] },
    { key: 'reports', items: [1, 2, 3, 4] },
    { key: 'admin', items: [1, 2, 3] },
  ];
  const all = Object.fromEntries(groups.map((g) => [g.key, true]));

  it('opens every group on a screen tall enough for all of them', () => {
    expect(initialOpenGroups(groups, 'plan', menuHeight(groups, all))).toEqual(all);
  });

  it('on a 1366×768 screen opens the current page’s group first and never more than fits', () => {
    for (const current of groups.map((g) => g.key)) {
      const open = initialOpenGroups(groups, current, 768);
      expect(open[current]).toBe(true);
      expect(menuHeight(groups, open)).toBeLessThanOrEqual(768);
      expect(Object.values(open).filter(Boolean).length).toBeLessThan(groups.length);
    }
    // from the registries (the biggest group) the plan still fits beside it
    expect(initialOpenGroups(groups, 'registries', 768)).toMatchObject({ registries: true, plan: true });
  });

  it('reads back only a remembered state of its own', () => {
    expect(readOpenGroups(JSON.stringify({ plan: false, data: true }))).toEqual({ plan: false, data: true });
    expect(readOpenGroups(null)).toBeNull();
    expect(readOpenGroups('not json')).toBeNull();
    expect(readOpenGroups('[true]')).toBeNull();
    expect(readOpenGroups(JSON.stringify({ plan: 'yes', data: true }))).toEqual({ data: true });
  });
});
