import { Button, Input, Popconfirm, Select, Space, Table } from 'antd';
import type { ColumnType, ColumnsType, TableProps } from 'antd/es/table';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useState, type HTMLAttributes, type Key, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { foldText } from '../../../electron/contract/text';
import { useAuth } from '../app/auth';
import { ListEmpty, Loadable, PageTitle, VIRTUAL_FROM } from './components';
import { DataGrid, type DataGridProps } from './DataGrid';
import { formatLei, type Lang } from './format';
import { useDebounced } from './hooks';
import { BODY_HEIGHT, useServerPaging, type ServerSort } from './paging';

/**
 * The shape every list screen shares (risks, stakeholders, people, sessions, calls, datasets, programmes): a filter
 * bar (search box, filters, the module's tools, "new"), then the table, with an empty state that offers "new" too.
 */

/** A list's "new" action: `testId` on the header's button, `testId-empty` on the empty list's. */
export interface CreateAction {
  label: string;
  onClick: () => void;
  testId: string;
}

/**
 * The "new" button. Shown to those who may edit only: the caller leaves it out for the others (not a component
 * rendering nothing, which a Space would still give a slot).
 */
export function NewButton({ create, empty = false }: { create: CreateAction; empty?: boolean }) {
  return (
    <Button type="primary" icon={<PlusOutlined />} onClick={create.onClick} data-testid={empty ? `${create.testId}-empty` : create.testId}>
      {create.label}
    </Button>
  );
}

/** The filter bar's search box; `onChange` gets the text as typed (trimming and folding are the list's business). */
export function ListSearch({ onChange, width = 200, testId }: { onChange: (text: string) => void; width?: number; testId: string }) {
  const { t } = useTranslation();
  return <Input.Search allowClear placeholder={t('common.search')} onChange={(e) => onChange(e.target.value)} style={{ width }} data-testid={testId} />;
}

/** One filter of the bar: a clearable choice whose label is both its placeholder and its accessible name. */
export function FilterSelect<T extends string>(p: {
  label: string;
  value: T | undefined;
  onChange: (v: T | undefined) => void;
  options: { value: T; label: string }[];
  width: number;
  testId?: string;
}) {
  return (
    <Select<T>
      allowClear
      placeholder={p.label}
      aria-label={p.label}
      style={{ width: p.width }}
      value={p.value}
      onChange={(v) => p.onChange(v)}
      options={p.options}
      data-testid={p.testId}
    />
  );
}

/** A list screen's heading with its filter bar: the search box, the filters, the tools (export, import), then "new". */
export function ListPage({
  title,
  sub,
  search,
  tools,
  create,
  children,
}: {
  title: string;
  sub: string;
  search: { onChange: (text: string) => void; width?: number; testId: string };
  /** The filters, then the module's tools, in the order shown. */
  tools?: ReactNode;
  create?: CreateAction;
  children: ReactNode;
}) {
  const { canEdit } = useAuth();
  return (
    <>
      <PageTitle
        title={title}
        sub={sub}
        extra={
          <>
            <ListSearch {...search} />
            {tools}
            {create && canEdit && <NewButton create={create} />}
          </>
        }
      />
      {children}
    </>
  );
}

/**
 * The empty list: "nothing yet" with the hint and "new" (for those who may edit), or "no match" when a search or
 * filter is on.
 */
export function EmptyList({
  none,
  hint,
  filtered,
  create,
  action,
  testId,
}: {
  none: string;
  hint: string;
  filtered: boolean;
  create?: CreateAction;
  action?: ReactNode;
  testId: string;
}) {
  const { canEdit } = useAuth();
  return (
    <ListEmpty none={none} hint={hint} filtered={filtered} action={action ?? (create && canEdit && <NewButton create={create} empty />)} testId={testId} />
  );
}

/** Whether the filters differ from those the list opens with (a filter cleared that was on at first counts). */
export function filtersChanged<F extends object>(initial: F, filters: F): boolean {
  const keys = new Set([...Object.keys(initial), ...Object.keys(filters)]) as Set<keyof F>;
  return [...keys].some((k) => filters[k] !== initial[k]);
}

/**
 * A list the server searches, sorts and pages: the search text (debounced, trimmed), the filters, the sort and the
 * page. A new search, filter or sort starts again at the first page. `initial` is the filters a list opens with
 * (the risks open on the open ones); any other value counts as filtered (the empty state then says "no match").
 */
export function useServerList<S extends string, F extends object>(defaultSort: ServerSort<S>, initial: F) {
  const [search, setSearch] = useState('');
  const [filters, setFilters] = useState<F>(initial);
  const [sort, setSort] = useState<ServerSort<S>>(defaultSort);
  const paging = useServerPaging();
  const term = useDebounced(search.trim());
  return {
    term,
    filters,
    sort,
    defaultSort,
    paging,
    /** Whether the search or a filter is on. */
    filtered: !!term || filtersChanged(initial, filters),
    setFilter:
      <K extends keyof F>(key: K) =>
      (value: F[K]) =>
        paging.filterBy(setFilters)((f) => ({ ...f, [key]: value })),
    onSearch: paging.filterBy(setSearch),
    onSort: paging.filterBy(setSort),
    /** Names the page shown, for DataGrid's viewKey. */
    viewKey: () => paging.viewKey(term, filters, sort),
    /** The query's input: search, filters, sort and page. */
    page: { search: term || undefined, ...filters, sort: sort.by, order: sort.order, offset: paging.offset, limit: paging.limit },
  };
}

export type ServerList<S extends string, F extends object> = ReturnType<typeof useServerList<S, F>>;

/** The filters of `F` that hold one value of a list (a choice), not a yes/no. */
type ChoiceKeys<F> = { [K in keyof F]-?: F[K] extends string | undefined ? K : never }[keyof F];

/**
 * The bar's choice filters, one line each, as the Space of a filter bar wants them (an array, one slot each):
 * `testId` names them `testId-name`.
 */
export function filterSelects<F extends object>(
  list: { filters: F; setFilter: <K extends keyof F>(key: K) => (value: F[K]) => void },
  testId: string,
  items: { name: ChoiceKeys<F>; label: string; width: number; options: { value: string; label: string }[] }[],
) {
  return items.map((i) => (
    <FilterSelect
      key={String(i.name)}
      label={i.label}
      width={i.width}
      value={list.filters[i.name] as string | undefined}
      onChange={(v) => list.setFilter(i.name)(v as F[typeof i.name])}
      options={i.options}
      testId={`${testId}-${String(i.name)}`}
    />
  ));
}

interface PageQuery<R> {
  isPending: boolean;
  isError: boolean;
  isPlaceholderData: boolean;
  error: unknown;
  data: { rows: R[]; total: number } | undefined;
  refetch: () => unknown;
}

/**
 * The server-paged table of a `useServerList`: loading and error states, the rows of the page with the pager and
 * its total, the sort, and the empty state ("no match" when the search or a filter is on).
 */
export function ServerGrid<R, S extends string, F extends object>({
  list,
  query,
  totalText,
  empty,
  ...grid
}: {
  list: ServerList<S, F>;
  query: PageQuery<R>;
  totalText: (n: number) => ReactNode;
  empty: Omit<Parameters<typeof EmptyList>[0], 'filtered'>;
} & Omit<DataGridProps<R, S>, 'rows' | 'viewKey' | 'loading' | 'pager' | 'sort' | 'defaultSort' | 'onSort' | 'empty'>) {
  return (
    <Loadable query={query}>
      {({ rows, total }) => (
        <DataGrid<R, S>
          {...grid}
          rows={rows}
          viewKey={list.viewKey()}
          loading={query.isPlaceholderData}
          pager={list.paging.pager(total, totalText)}
          sort={list.sort}
          defaultSort={list.defaultSort}
          onSort={list.onSort}
          empty={<EmptyList {...empty} filtered={list.filtered} />}
        />
      )}
    </Loadable>
  );
}

/** Whether a row's text holds the search, case, diacritics and surrounding spaces aside (an empty search: every row). */
export function searchMatcher(search: string): (text: string) => boolean {
  const k = foldText(search.trim());
  return (text) => !k || foldText(text).includes(k);
}

/** Sorter for antd columns: nulls last, then the values' own order. */
export const compareNullsLast = (a: string | number | null | undefined, b: string | number | null | undefined) =>
  a == null ? (b == null ? 0 : 1) : b == null ? -1 : a < b ? -1 : a > b ? 1 : 0;

/**
 * A column header's filter offering `values` by their labels: the rows whose `key` holds the value chosen stay
 * (an enum's values, a campaign's zones, yes and no).
 */
export function valueFilter<K extends string, V extends string | boolean>(key: K, values: readonly V[], label: (value: V) => string) {
  return {
    filters: values.map((value) => ({ text: label(value), value })),
    onFilter: (value: Key | boolean, row: { [P in K]: unknown }) => row[key] === value,
  };
}

/** The keys of `R` that hold an amount (or none). */
type AmountKey<R> = { [K in keyof R]-?: R[K] extends number | null ? K : never }[keyof R] & string;

/** A money column: the row's `key` in lei, right-aligned, sorted (no amount last). */
export function moneyColumn<R>(title: string, key: AmountKey<R>, width: number, lang: Lang): ColumnType<R> {
  return {
    title,
    dataIndex: key,
    width,
    align: 'right',
    sorter: (a, b) => compareNullsLast(a[key] as number | null, b[key] as number | null),
    render: (v: number | null) => formatLei(v, lang),
  };
}

/** What a list's table may add to the plain one: rows to select (bulk actions) and rows that open to say more. */
type TableExtras<R> = Pick<TableProps<R>, 'rowSelection' | 'expandable'>;

/**
 * The table of a list held whole: its rows as given (sorted and filtered by antd's column headers), rendered
 * virtually above VIRTUAL_FROM rows, `scroll` then being its box (the height a list's body has unless told).
 * `fixedColumns`: a column is fixed to a side, so the table scrolls sideways at any length.
 */
export function RowsTable<R extends { id: string }>({
  rows,
  size = 'middle',
  scroll,
  fixedColumns = false,
  empty,
  testId,
  rowProps,
  columns,
  ...extras
}: {
  rows: R[];
  size?: 'large' | 'middle' | 'small';
  scroll: { x: number; y?: number };
  fixedColumns?: boolean;
  /** The empty table's content; antd's own "no data" when left out. */
  empty?: ReactNode;
  testId: string;
  rowProps: (row: R) => Record<`data-${string}`, string>;
  columns: ColumnsType<R>;
} & TableExtras<R>) {
  const virtual = rows.length > VIRTUAL_FROM;
  return (
    <Table<R>
      rowKey="id"
      size={size}
      dataSource={rows}
      pagination={false}
      virtual={virtual}
      scroll={virtual ? { x: scroll.x, y: scroll.y ?? BODY_HEIGHT } : fixedColumns ? { x: scroll.x } : undefined}
      locale={{ emptyText: empty }}
      data-testid={testId}
      {...extras}
      onRow={(r) => rowProps(r) as HTMLAttributes<HTMLElement>}
      columns={columns}
    />
  );
}

/**
 * A list the screen holds whole (tens of rows, filtered here): the search keeps the rows whose `text` holds it,
 * case and diacritics aside, and `keep` the rows the filters let through. `columns` gets every row (a column's
 * filter offers their values).
 */
export function LocalTable<R extends { id: string }>({
  query,
  search,
  text,
  keep = () => true,
  filtered = false,
  scrollX,
  empty,
  testId,
  rowProps,
  columns,
  ...table
}: {
  query: { isPending: boolean; isError: boolean; error: unknown; data: R[] | undefined; refetch: () => unknown };
  search: string;
  text: (row: R) => string;
  keep?: (row: R) => boolean;
  /** Whether a filter (besides the search) is on. */
  filtered?: boolean;
  scrollX: number;
  empty: Omit<Parameters<typeof EmptyList>[0], 'filtered'>;
  testId: string;
  rowProps: (row: R) => Record<`data-${string}`, string>;
  columns: (rows: R[]) => ColumnsType<R>;
} & Pick<Parameters<typeof RowsTable<R>>[0], 'size' | 'fixedColumns' | 'rowSelection' | 'expandable'>) {
  return (
    <Loadable query={query}>
      {(rows) => {
        const matches = searchMatcher(search);
        return (
          <RowsTable<R>
            {...table}
            rows={rows.filter((r) => keep(r) && matches(text(r)))}
            scroll={{ x: scrollX }}
            empty={<EmptyList {...empty} filtered={!!search.trim() || filtered} />}
            testId={testId}
            rowProps={rowProps}
            columns={columns(rows)}
          />
        );
      }}
    </Loadable>
  );
}

/** A row's edit and delete buttons, the delete asking `confirm` first: `testId-edit`, `testId-delete`. */
export function RowActions({ onEdit, confirm, onDelete, testId }: { onEdit: () => void; confirm: string; onDelete: () => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <Space size={0}>
      <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={onEdit} data-testid={`${testId}-edit`} />
      <Popconfirm title={confirm} onConfirm={onDelete}>
        <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} data-testid={`${testId}-delete`} />
      </Popconfirm>
    </Space>
  );
}
