import { Dropdown, Empty, Pagination } from 'antd';
import { CaretDownFilled, CaretUpFilled, FilterFilled } from '@ant-design/icons';
import {
  createContext,
  memo,
  useContext,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type AnchorHTMLAttributes,
  type HTMLAttributes,
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
} from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { hashHref, isPlainLeftClick } from './links';
import { BODY_HEIGHT, ROW_HEIGHT, nextSort, visibleRange, type ServerSort } from './paging';

/**
 * The registers' big lists (risks, people, sessions, stakeholders: a server page of up to 500 of thousands):
 * a plain table that renders only the rows in view, with a sticky header, sortable and filterable columns,
 * a first column that stays in view when the table scrolls sideways, and keyboard use (↑ ↓ PgUp PgDn
 * Home End move between rows, Enter opens one). Rows are one line high; longer text ends in "…", the
 * whole text in its tooltip.
 *
 * Why not antd's Table: its virtual mode measures the table after every mount and renders again, and its
 * header, sorters and filters cost more than the rows; mounting it made these screens paint in 110–130 ms,
 * against about half that for this table on the same page.
 */

const HEADER_HEIGHT = 46;

/** The grid's navigate, in a ref that never changes: its links read no router state, so nothing re-renders them. */
const GridNavigate = createContext<RefObject<(to: string) => void> | null>(null);

/**
 * A link in a grid cell (a risk's code, a person's name): a plain <a> that moves inside the app on a click and
 * opens elsewhere with a modifier, like the router's Link — which, reading the location, re-rendered every row's
 * link on every navigation past the rows' memo.
 */
export function GridLink({ to, children, ...rest }: { to: string; children: ReactNode } & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'>) {
  const navigate = useContext(GridNavigate);
  return (
    <a
      {...rest}
      href={hashHref(to)}
      onClick={(e) => {
        if (!isPlainLeftClick(e) || !navigate) return;
        e.preventDefault();
        navigate.current(to);
      }}
    >
      {children}
    </a>
  );
}

export interface GridColumn<R, S extends string = string> {
  /** Unique in the grid; names the column's filter button in tests. */
  key: string;
  title: ReactNode;
  /** px; the columns without a width share what is left. */
  width?: number;
  align?: 'right';
  /** The server sort this column's header asks for. */
  sort?: S;
  /** One value at a time, chosen from a menu in the header. */
  filter?: { options: ReadonlyArray<{ value: string; label: string }>; value: string | undefined; onChange: (value: string | undefined) => void };
  /** Stays in view when the table scrolls sideways (the first column). */
  fixed?: boolean;
  render: (row: R) => ReactNode;
  /** The cell's tooltip, for text that may be cut (a cell rendered as a string has it as its tooltip already). */
  tooltip?: (row: R) => string | undefined;
}

export interface GridPager {
  page: number;
  pageSize: number;
  pageSizeOptions: number[];
  total: number;
  showTotal: (total: number) => ReactNode;
  onChange: (page: number, pageSize: number) => void;
}

export interface DataGridProps<R, S extends string> {
  rows: R[];
  rowKey: (row: R) => string;
  columns: GridColumn<R, S>[];
  sort: ServerSort<S>;
  defaultSort: ServerSort<S>;
  onSort: (next: ServerSort<S>) => void;
  pager: GridPager;
  /** The table's full width when its columns need more than the page gives (it then scrolls sideways). */
  minWidth: number;
  /** data-testid and other attributes of a row. */
  rowProps?: (row: R) => HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string>;
  /** Double-click or Enter on a row. */
  onOpen?: (row: R) => void;
  /**
   * A new page is on its way: the rows shown are the previous page's (React Query's isPlaceholderData). Not
   * isFetching: a list reads only what it shows, so refreshing the same page in the background (a kept list
   * shown again) does not re-render the screen.
   */
  loading?: boolean;
  empty: ReactNode;
  testId: string;
  /** Changes with the page, sort and filters (not with a refetch of the same page): the view then starts at the top. */
  viewKey: string;
}

export function DataGrid<R, S extends string>({
  rows,
  rowKey,
  columns,
  sort,
  defaultSort,
  onSort,
  pager,
  minWidth,
  rowProps,
  onOpen,
  loading,
  empty,
  testId,
  viewKey,
}: DataGridProps<R, S>) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const navigateRef = useRef(navigate);
  navigateRef.current = navigate;
  const scroller = useRef<HTMLDivElement>(null);
  const scrollTop = useRef(0);
  const focusActive = useRef(false);
  const [view, setView] = useState(() => ({ key: viewKey, count: rows.length, range: visibleRange(0, rows.length), active: 0 }));
  let { range, active } = view;
  // Another page, sort or filter starts at the top (set while rendering, so the first paint has the right rows
  // and nothing renders twice on mount); a refetch of the same page keeps the scroll position.
  if (view.key !== viewKey || view.count !== rows.length) {
    const fresh = view.key !== viewKey;
    range = visibleRange(fresh ? 0 : scrollTop.current, rows.length);
    active = fresh ? 0 : Math.min(active, Math.max(0, rows.length - 1));
    setView({ key: viewKey, count: rows.length, range, active });
  }
  const setRange = (next: [number, number]) => setView((v) => ({ ...v, range: next }));
  const setActive = (i: number) => setView((v) => ({ ...v, active: i }));

  // The scroll position is known from the scroll events, so nothing here makes the browser lay the page out early.
  useLayoutEffect(() => {
    if (scrollTop.current !== 0 && scroller.current) scroller.current.scrollTop = 0;
    scrollTop.current = 0;
  }, [viewKey]);

  useEffect(() => {
    if (!focusActive.current) return;
    const row = scroller.current?.querySelector<HTMLElement>(`tr[data-row-index="${active}"]`);
    if (row) {
      row.focus({ preventScroll: true });
      focusActive.current = false;
    }
  }, [active, range]);

  const onScroll = (e: React.UIEvent<HTMLDivElement>) => {
    scrollTop.current = e.currentTarget.scrollTop;
    const next = visibleRange(scrollTop.current, rows.length);
    if (next[0] !== range[0] || next[1] !== range[1]) setRange(next);
  };

  const moveTo = (index: number) => {
    const i = Math.max(0, Math.min(rows.length - 1, index));
    const el = scroller.current;
    if (el) {
      const top = i * ROW_HEIGHT;
      if (top < scrollTop.current) el.scrollTop = top;
      else if (top + ROW_HEIGHT > scrollTop.current + BODY_HEIGHT) el.scrollTop = top + ROW_HEIGHT - BODY_HEIGHT;
    }
    focusActive.current = true;
    setActive(i);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTableSectionElement>) => {
    const page = Math.floor(BODY_HEIGHT / ROW_HEIGHT) - 1;
    const moves: Record<string, number> = {
      ArrowDown: active + 1,
      ArrowUp: active - 1,
      PageDown: active + page,
      PageUp: active - page,
      Home: 0,
      End: rows.length - 1,
    };
    if (e.key in moves && (e.target as HTMLElement).tagName === 'TR') {
      e.preventDefault();
      moveTo(moves[e.key]);
    } else if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'TR' && onOpen && rows[active]) {
      e.preventDefault();
      onOpen(rows[active]);
    }
  };

  // Rows re-render when their record, place or focus changes, or the columns or language do; not when the
  // screen around them re-renders (a filter typed, the page revealed again), which would redo every cell.
  const rowView = useRef<RowView<R>>(null!);
  rowView.current = { columns, rowProps, onOpen, focus: setActive };
  const sig = `${i18n.language}|${columns.map((c) => c.key).join(',')}`;

  const [first, last] = range;
  const shown = rows.slice(first, last);
  const bodyHeight = Math.min(BODY_HEIGHT, Math.max(rows.length, 1) * ROW_HEIGHT);

  return (
    <GridNavigate.Provider value={navigateRef}>
      <div className="pla-grid" data-testid={testId}>
        <div
          ref={scroller}
          className={loading ? 'pla-grid-scroll pla-grid-loading' : 'pla-grid-scroll'}
          style={{ maxHeight: HEADER_HEIGHT + bodyHeight + 2 }}
          onScroll={onScroll}
          aria-busy={loading || undefined}
        >
          <table style={{ minWidth }} aria-rowcount={rows.length + 1}>
            <colgroup>
              {columns.map((c) => (
                <col key={c.key} style={c.width ? { width: c.width } : undefined} />
              ))}
            </colgroup>
            <thead>
              <tr aria-rowindex={1}>
                {columns.map((c) => (
                  <HeaderCell
                    key={c.key}
                    column={c}
                    sort={sort}
                    onSort={(by) => onSort(nextSort(sort, by, defaultSort))}
                    testId={testId}
                    allLabel={t('grid.all')}
                    filterLabel={t('grid.filter')}
                  />
                ))}
              </tr>
            </thead>
            <tbody onKeyDown={onKeyDown}>
              {first > 0 && <tr className="pla-grid-spacer" style={{ height: first * ROW_HEIGHT }} aria-hidden />}
              {shown.map((r, n) => {
                const i = first + n;
                return <GridRow<R> key={rowKey(r)} row={r} index={i} active={i === active} view={rowView} sig={sig} />;
              })}
              {last < rows.length && <tr className="pla-grid-spacer" style={{ height: (rows.length - last) * ROW_HEIGHT }} aria-hidden />}
            </tbody>
          </table>
          {rows.length === 0 && (
            <div className="pla-grid-empty">{typeof empty === 'string' ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> : empty}</div>
          )}
        </div>
        <Pagination
          className="pla-grid-pager"
          align="end"
          current={pager.page}
          pageSize={pager.pageSize}
          total={pager.total}
          showSizeChanger
          pageSizeOptions={pager.pageSizeOptions}
          showTotal={pager.showTotal}
          onChange={pager.onChange}
        />
      </div>
    </GridNavigate.Provider>
  );
}

interface RowView<R> {
  columns: GridColumn<R, string>[];
  rowProps?: (row: R) => HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string>;
  onOpen?: (row: R) => void;
  focus: (index: number) => void;
}

function GridRowImpl<R>({ row: r, index: i, active, view }: { row: R; index: number; active: boolean; view: RefObject<RowView<R>>; sig: string }) {
  const { columns, rowProps, onOpen } = view.current;
  return (
    <tr
      {...rowProps?.(r)}
      data-row-index={i}
      aria-rowindex={i + 2}
      tabIndex={active ? 0 : -1}
      onDoubleClick={onOpen ? () => view.current.onOpen?.(r) : undefined}
      onFocus={() => !active && view.current.focus(i)}
    >
      {columns.map((c) => {
        const content = c.render(r);
        return (
          <td key={c.key} className={cellClass(c)} title={c.tooltip?.(r) ?? (typeof content === 'string' ? content : undefined)}>
            {content}
          </td>
        );
      })}
    </tr>
  );
}
const GridRow = memo(GridRowImpl) as typeof GridRowImpl;

const cellClass = (c: { fixed?: boolean; align?: 'right' }) =>
  [c.fixed && 'pla-grid-fixed', c.align === 'right' && 'pla-grid-right'].filter(Boolean).join(' ') || undefined;

function HeaderCell<R, S extends string>({
  column: c,
  sort,
  onSort,
  testId,
  allLabel,
  filterLabel,
}: {
  column: GridColumn<R, S>;
  sort: ServerSort<S>;
  onSort: (by: S) => void;
  testId: string;
  allLabel: string;
  filterLabel: string;
}) {
  const order = c.sort && sort.by === c.sort ? sort.order : undefined;
  const f = c.filter;
  return (
    <th className={cellClass(c)} aria-sort={c.sort ? (order === 'asc' ? 'ascending' : order === 'desc' ? 'descending' : 'none') : undefined}>
      <div className="pla-grid-th">
        {c.sort ? (
          <button type="button" className="pla-grid-sort" onClick={() => onSort(c.sort!)} data-testid={`${testId}-sort-${c.key}`}>
            <span className="pla-grid-title">{c.title}</span>
            <span className="pla-grid-carets" aria-hidden>
              <CaretUpFilled className={order === 'asc' ? 'on' : undefined} />
              <CaretDownFilled className={order === 'desc' ? 'on' : undefined} />
            </span>
          </button>
        ) : (
          <span className="pla-grid-title">{c.title}</span>
        )}
        {f && (
          <Dropdown
            trigger={['click']}
            menu={{
              selectable: true,
              selectedKeys: [f.value ?? ''],
              items: [{ key: '', label: allLabel }, ...f.options.map((o) => ({ key: o.value, label: o.label }))],
              onClick: ({ key }) => f.onChange(key === '' ? undefined : key),
            }}
          >
            <button
              type="button"
              className={f.value === undefined ? 'pla-grid-filter' : 'pla-grid-filter on'}
              aria-label={`${filterLabel}: ${typeof c.title === 'string' ? c.title : c.key}`}
              data-testid={`${testId}-filter-${c.key}`}
            >
              <FilterFilled />
            </button>
          </Dropdown>
        )}
      </div>
    </th>
  );
}
