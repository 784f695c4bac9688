import type { TablePaginationConfig } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { useState, type ReactNode } from 'react';

/**
 * Lists the server pages (risks, people, stakeholders: thousands of rows): the page state, the pager, the table's
 * onChange and the sort, the same in each. The server takes `offset` / `limit` and answers `{ total, rows }`.
 */

export const PAGE_SIZE = 100;
const PAGE_SIZES = [50, 100, 200, 500];
/** More rows than the 640 px table body shows: only the rows in view are rendered. */
const VIRTUAL_FROM_ROWS = 20;

export interface ServerSort<S extends string> {
  by: S;
  order: 'asc' | 'desc';
}

/** antd's sort arrow for a column, from the server sort. */
export const sortOrderOf = <S extends string>(sort: ServerSort<S>, by: S) => (sort.by === by ? (sort.order === 'asc' ? ('ascend' as const) : ('descend' as const)) : null);

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
    pagination: (total: number, showTotal: (n: number) => ReactNode): TablePaginationConfig => ({ current: page, pageSize, total, showSizeChanger: true, pageSizeOptions: PAGE_SIZES, showTotal }),
    /** From the table's onChange: `reset` when the sort or a column filter changed (back to page 1), else the pager moved. */
    turn: (p: TablePaginationConfig, reset: boolean) => {
      setPage(reset ? 1 : (p.current ?? 1));
      setPageSize(p.pageSize ?? PAGE_SIZE);
    },
    /** `virtual` and `scroll` for a page of `rows` rows in a table `x` px wide. */
    body: (rows: number, x: number) => (rows > VIRTUAL_FROM_ROWS ? { virtual: true, scroll: { x, y: 640 } } : { virtual: false, scroll: { x } }),
  };
}
