import type { SorterResult } from 'antd/es/table/interface';
import { useState, type ReactNode } from 'react';
import type { GridPager } from './DataGrid';

/**
 * Lists the server pages (risks, people, sessions, stakeholders: thousands of rows): the page state and the
 * pager, the same in each. The server takes `offset` / `limit` and answers `{ total, rows }`.
 */

export const PAGE_SIZE = 100;
/** DataGrid's rows: one line, 44 px; 640 px of them in view below the header, as the lists had with antd. */
export const ROW_HEIGHT = 44;
export const BODY_HEIGHT = 640;
/** Rows rendered above and below the ones in view, so a scroll shows rows, not blank space. */
const OVERSCAN = 6;
const PAGE_SIZES = [50, 100, 200, 500];

export interface ServerSort<S extends string> {
  by: S;
  order: 'asc' | 'desc';
}

/** antd's sort arrow for a column, from the server sort (antd tables that sort on the server, e.g. a heat-map cell's risks). */
export const sortOrderOf = <S extends string>(sort: ServerSort<S>, by: S) =>
  sort.by === by ? (sort.order === 'asc' ? ('ascend' as const) : ('descend' as const)) : null;

/** The server sort antd's sorter asks for (the column key, or else the field, is the sort name); none → `fallback`. */
export function sortFromTable<S extends string, R>(sorter: SorterResult<R> | SorterResult<R>[], sorts: readonly S[], fallback: ServerSort<S>): ServerSort<S> {
  const s = Array.isArray(sorter) ? sorter[0] : sorter;
  const key = String(s?.columnKey ?? s?.field ?? '');
  if (!s?.order || !(sorts as readonly string[]).includes(key)) return fallback;
  return { by: key as S, order: s.order === 'descend' ? 'desc' : 'asc' };
}

export function useServerPaging() {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(PAGE_SIZE);
  return {
    offset: (page - 1) * pageSize,
    limit: pageSize,
    /** Wraps a filter's setter: a new filter value starts again at the first page. */
    filterBy:
      <T>(set: (v: T) => void) =>
      (v: T) => {
        set(v);
        setPage(1);
      },
    /** The grid's pager; a new page size starts again at the first page. */
    pager: (total: number, showTotal: (n: number) => ReactNode): GridPager => ({
      page,
      pageSize,
      pageSizeOptions: PAGE_SIZES,
      total,
      showTotal,
      onChange: (p, size) => {
        setPage(size !== pageSize ? 1 : p);
        setPageSize(size);
      },
    }),
    /** Names the page shown (with the sort and filters that make it), for DataGrid's viewKey. */
    viewKey: (...parts: unknown[]) => JSON.stringify([page, pageSize, ...parts]),
  };
}

/** What clicking a sortable header asks for: ascending, then descending, then back to the list's default order. */
export function nextSort<S extends string>(sort: ServerSort<S>, by: S, fallback: ServerSort<S>): ServerSort<S> {
  if (sort.by !== by) return { by, order: 'asc' };
  if (sort.order === 'asc') return { by, order: 'desc' };
  return fallback.by === by ? { by, order: 'asc' } : fallback;
}

/**
 * The rows to render for a scroll position: those in view and OVERSCAN either side. A position past the end (left
 * over from a longer page) counts as the end, as the browser will scroll there.
 */
export function visibleRange(scrollTop: number, rowCount: number, viewport = BODY_HEIGHT, rowHeight = ROW_HEIGHT): [number, number] {
  const top = Math.min(scrollTop, Math.max(0, rowCount * rowHeight - viewport));
  const first = Math.max(0, Math.floor(top / rowHeight) - OVERSCAN);
  const last = Math.min(rowCount, Math.ceil((top + viewport) / rowHeight) + OVERSCAN);
  return [first, Math.max(first, last)];
}
