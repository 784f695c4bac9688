/**
 * The command palette's matching (Ctrl+K): pure, so it is tested without a browser. A query matches an entry when
 * every word of it is found in the entry's code or name, ignoring case and diacritics ("sedinta" finds "Ședința");
 * an entry whose code is the query (or starts with it) comes first, then screens, then the rest in their order.
 */
import type { MethodName } from '../../../electron/contract';
import { searchKey } from '../../../electron/contract/text';

export type PaletteKind = 'screen' | 'commitment' | 'action' | 'indicator' | 'risk' | 'proposal' | 'dataset' | 'organisation' | 'person';

export interface PaletteEntry {
  kind: PaletteKind;
  /** Where it opens (a route of the app). */
  path: string;
  /** The record's code (A1, R-012, P3…), if it has one. */
  code?: string;
  title: string;
  /** Shown in smaller type after the title (the group of a screen, the campaign of a proposal…). */
  context?: string;
}

/**
 * Records a module offers the palette, declared in its renderer manifest (`palette`, features/<module>/manifest.tsx):
 * which list it reads, and how each row is labelled and where it leads. The palette reads them from the manifests'
 * list (features/registry.tsx), small lists first, then the big registers, each in the manifests' order.
 */
export interface PaletteSource<T = unknown> {
  /** The methods it calls: a role that may not call them all does not get this source. */
  reads: readonly MethodName[];
  /** The query's cache key (the same as the module's screens' where they read the same list). */
  key: readonly unknown[];
  /**
   * Set for the big registers: matched on the server by what is typed (two characters or more; the text ends the key).
   * Otherwise the list is small and fetched once, when the palette first opens.
   */
  search?: boolean;
  fetch: (search: string, limit: number) => Promise<T>;
  /** The palette's entries for the rows fetched. */
  entries: (data: T) => PaletteEntry[];
}

/** `paletteSource({ reads, key, fetch, entries })`: checks `entries` against what `fetch` returns. */
export const paletteSource = <T>(s: PaletteSource<T>): PaletteSource => s as unknown as PaletteSource;

/** Lower-cases, strips diacritics (ș ț ă â î, comma below or cedilla) and runs of spaces — the same folding as the lists' search keys. */
export const fold = searchKey;

/** The entries matching `query`, best first, at most `limit`. An empty query lists the screens. */
export function matchPalette(entries: PaletteEntry[], query: string, limit = 50): PaletteEntry[] {
  const q = fold(query);
  if (!q) return entries.filter((e) => e.kind === 'screen').slice(0, limit);
  const words = q.split(' ');
  const scored: Array<{ e: PaletteEntry; score: number; i: number }> = [];
  entries.forEach((e, i) => {
    const code = fold(e.code ?? '');
    const hay = `${code} ${fold(e.title)}`;
    if (!words.every((w) => hay.includes(w))) return;
    const score = code && code === q ? 0 : code && code.startsWith(q) ? 1 : e.kind === 'screen' ? 2 : fold(e.title).startsWith(q) ? 3 : 4;
    scored.push({ e, score, i });
  });
  return scored
    .sort((a, b) => a.score - b.score || a.i - b.i)
    .slice(0, limit)
    .map((s) => s.e);
}
