import { Button, Input, Select, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { useState, type HTMLAttributes, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { foldText } from '../../../electron/contract/text';
import { useAuth } from '../app/auth';
import { ListEmpty, Loadable, PageTitle, VIRTUAL_FROM } from './components';
import { DataGrid, type DataGridProps } from './DataGrid';
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

/**
 * A list the server searches, sorts and pages: the search text (debounced, trimmed), the sort and the page. A new
 * search, sort or filter (through `filterBy`) starts again at the first page.
 */
export function useServerList<S extends string>(defaultSort: ServerSort<S>) {
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<ServerSort<S>>(defaultSort);
  const paging = useServerPaging();
  const term = useDebounced(search.trim());
  return {
    term,
    sort,
    defaultSort,
    paging,
    filterBy: paging.filterBy,
    onSearch: paging.filterBy(setSearch),
    onSort: paging.filterBy(setSort),
    /** The query's search, sort and page. */
    page: { search: term || undefined, sort: sort.by, order: sort.order, offset: paging.offset, limit: paging.limit },
  };
}

export type ServerList<S extends string> = ReturnType<typeof useServerList<S>>;

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
 * its total, the sort, and the empty state (filtered when the search or one of `filters` is on).
 */
export function ServerGrid<R, S extends string>({
  list,
  query,
  filters,
  filtered,
  totalText,
  empty,
  ...grid
}: {
  list: ServerList<S>;
  query: PageQuery<R>;
  /** The list's filters, in a fixed order: a change shows the table from its top. */
  filters: unknown[];
  /** Whether a filter (besides the search) is on. */
  filtered: boolean;
  totalText: (n: number) => ReactNode;
  empty: Omit<Parameters<typeof EmptyList>[0], 'filtered'>;
} & Omit<DataGridProps<R, S>, 'rows' | 'viewKey' | 'loading' | 'pager' | 'sort' | 'defaultSort' | 'onSort' | 'empty'>) {
  return (
    <Loadable query={query}>
      {({ rows, total }) => (
        <DataGrid<R, S>
          {...grid}
          rows={rows}
          viewKey={list.paging.viewKey(list.term, ...filters, list.sort)}
          loading={query.isPlaceholderData}
          pager={list.paging.pager(total, totalText)}
          sort={list.sort}
          defaultSort={list.defaultSort}
          onSort={list.onSort}
          empty={<EmptyList {...empty} filtered={!!list.term || filtered} />}
        />
      )}
    </Loadable>
  );
}

/**
 * A list the screen holds whole (tens of rows, filtered here): the search keeps the rows whose `text` holds it,
 * case and diacritics aside, and `keep` the rows the filters let through; antd's table sorts and filters by column,
 * rendered virtually above VIRTUAL_FROM rows. `columns` gets every row (a column's filter offers their values).
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
}) {
  return (
    <Loadable query={query}>
      {(rows) => {
        const k = foldText(search.trim());
        const shown = rows.filter((r) => keep(r) && (!k || foldText(text(r)).includes(k)));
        const virtual = shown.length > VIRTUAL_FROM;
        return (
          <Table<R>
            rowKey="id"
            size="middle"
            dataSource={shown}
            pagination={false}
            virtual={virtual}
            scroll={virtual ? { x: scrollX, y: BODY_HEIGHT } : undefined}
            locale={{ emptyText: <EmptyList {...empty} filtered={!!search.trim() || filtered} /> }}
            data-testid={testId}
            onRow={(r) => rowProps(r) as HTMLAttributes<HTMLElement>}
            columns={columns(rows)}
          />
        );
      }}
    </Loadable>
  );
}
