import { Button, Input, Select, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import {
  IAP2_LEVELS,
  PLA_ROLES,
  QUADRANTS,
  SECTORS,
  STAKEHOLDER_SORTS,
  STAKEHOLDER_TYPES,
  type Iap2Level,
  type PlaRole,
  type Quadrant,
  type Sector,
  type StakeholderListItem,
  type StakeholderSort,
  type StakeholderType,
} from '../../../../electron/contract';
import { useAuth } from '../../app/auth';
import { Loadable, PageTitle } from '../../ui/components';
import { formatDate, formatNumber } from '../../ui/format';
import { useDebounced, useLang } from '../../ui/hooks';
import { enumOptions } from '../../ui/options';
import { sortFromTable, sortOrderOf, useServerPaging, type ServerSort } from '../../ui/paging';
import { useStakeholderPage } from './queries';
import { ExportStakeholders, ImportStakeholders } from './shared';
import { StakeholderForm } from './StakeholderForm';

type SortState = ServerSort<StakeholderSort>;
const DEFAULT_SORT: SortState = { by: 'name', order: 'asc' };

/**
 * The register: the server filters, searches, sorts and pages it (thousands of organisations), 100 rows a page
 * with the total; the search (name and legal form) ignores case and diacritics.
 */
export function StakeholdersList() {
  const { t } = useTranslation();
  const lang = useLang();
  const { canEdit } = useAuth();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const [search, setSearch] = useState('');
  const [type, setType] = useState<StakeholderType | undefined>();
  const [sector, setSector] = useState<Sector | undefined>();
  const [quadrant, setQuadrant] = useState<Quadrant | undefined>();
  const [plaRole, setPlaRole] = useState<PlaRole | undefined>();
  const [iap2Level, setIap2Level] = useState<Iap2Level | undefined>();
  const [ableToTakeOver, setAbleToTakeOver] = useState<boolean | undefined>();
  const [sort, setSort] = useState<SortState>(DEFAULT_SORT);
  const paging = useServerPaging();
  const term = useDebounced(search.trim());
  const q = useStakeholderPage({
    search: term || undefined,
    type,
    sector,
    quadrant,
    plaRole,
    iap2Level,
    ableToTakeOver,
    sort: sort.by,
    order: sort.order,
    offset: paging.offset,
    limit: paging.limit,
  });
  const { filterBy } = paging;
  const sortOrder = (by: StakeholderSort) => sortOrderOf(sort, by);

  return (
    <>
      <PageTitle
        title={t('stakeholders.title')}
        sub={t('stakeholders.sub')}
        extra={
          <>
            <Input.Search allowClear placeholder={t('common.search')} onChange={(e) => filterBy(setSearch)(e.target.value)} style={{ width: 200 }} data-testid="stakeholder-search" />
            <Select allowClear placeholder={t('stakeholders.filterType')} style={{ width: 140 }} value={type} onChange={filterBy(setType)} options={enumOptions(t, STAKEHOLDER_TYPES, 'stakeholders.type')} data-testid="stakeholder-filter-type" />
            <Select allowClear placeholder={t('stakeholders.filterSector')} style={{ width: 170 }} value={sector} onChange={filterBy(setSector)} options={enumOptions(t, SECTORS, 'stakeholders.sector')} data-testid="stakeholder-filter-sector" />
            <Select allowClear placeholder={t('stakeholders.filterQuadrant')} style={{ width: 190 }} value={quadrant} onChange={filterBy(setQuadrant)} options={enumOptions(t, QUADRANTS, 'stakeholders.quadrant')} data-testid="stakeholder-filter-quadrant" />
            <ExportStakeholders />
            {canEdit && <ImportStakeholders />}
            {canEdit && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="stakeholder-new">
                {t('stakeholders.new')}
              </Button>
            )}
          </>
        }
      />
      <Loadable query={q}>
        {({ rows, total }) => {
          return (
            <Table<StakeholderListItem>
              rowKey="id"
              size="middle"
              dataSource={rows}
              loading={q.isFetching && q.isPlaceholderData}
              pagination={paging.pagination(total, (n) => t('stakeholders.total', { count: n, n: formatNumber(n, lang) }))}
              onChange={(p, filters, sorter) => {
                const next = sortFromTable(sorter, STAKEHOLDER_SORTS, DEFAULT_SORT);
                const role = (filters.plaRole?.[0] as PlaRole | undefined) ?? undefined;
                const iap2 = (filters.iap2Level?.[0] as Iap2Level | undefined) ?? undefined;
                const takeover = filters.takeoverCount?.[0] as boolean | undefined;
                const reset = next.by !== sort.by || next.order !== sort.order || role !== plaRole || iap2 !== iap2Level || takeover !== ableToTakeOver;
                if (reset) {
                  setSort(next);
                  setPlaRole(role);
                  setIap2Level(iap2);
                  setAbleToTakeOver(takeover);
                }
                paging.turn(p, reset);
              }}
              // No tooltip per sortable header: eight of them mounted with every visit for a hint the arrows give.
              showSorterTooltip={false}
              {...paging.body(rows.length, 1300)}
              locale={{ emptyText: t('stakeholders.none') }}
              data-testid="stakeholders-table"
              onRow={(r) => ({ 'data-testid': `stakeholder-row-${r.id}`, onDoubleClick: () => navigate(`/stakeholders/${r.id}`) }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                {
                  title: t('stakeholders.fields.name'),
                  dataIndex: 'name',
                  key: 'name',
                  width: 280,
                  sorter: true,
                  sortOrder: sortOrder('name'),
                  render: (v: string, r) => (
                    <Link to={`/stakeholders/${r.id}`} data-testid="stakeholder-link">
                      {v}
                    </Link>
                  ),
                },
                { title: t('stakeholders.fields.type'), dataIndex: 'type', key: 'type', width: 120, sorter: true, sortOrder: sortOrder('type'), render: (v: string) => t(`stakeholders.type.${v}`) },
                { title: t('stakeholders.fields.sector'), dataIndex: 'sector', key: 'sector', width: 150, sorter: true, sortOrder: sortOrder('sector'), render: (v: string) => t(`stakeholders.sector.${v}`) },
                {
                  title: t('stakeholders.fields.plaRole'),
                  dataIndex: 'plaRole',
                  key: 'plaRole',
                  width: 140,
                  filters: PLA_ROLES.map((v) => ({ text: t(`stakeholders.plaRole.${v}`), value: v })),
                  filterMultiple: false,
                  filteredValue: plaRole ? [plaRole] : null,
                  render: (v: string | null) => (v ? t(`stakeholders.plaRole.${v}`) : '—'),
                },
                { title: t('stakeholders.fields.power'), dataIndex: 'power', key: 'power', width: 90, sorter: true, sortOrder: sortOrder('power'), render: (v: number | null) => v ?? '—' },
                { title: t('stakeholders.fields.interest'), dataIndex: 'interest', key: 'interest', width: 90, sorter: true, sortOrder: sortOrder('interest'), render: (v: number | null) => v ?? '—' },
                {
                  title: t('stakeholders.fields.quadrant'),
                  dataIndex: 'quadrant',
                  key: 'quadrant',
                  width: 170,
                  sorter: true,
                  sortOrder: sortOrder('quadrant'),
                  render: (v: string | null) => (v ? <Tag>{t(`stakeholders.quadrant.${v}`)}</Tag> : '—'),
                },
                {
                  title: t('stakeholders.fields.iap2Level'),
                  dataIndex: 'iap2Level',
                  key: 'iap2Level',
                  width: 120,
                  filters: IAP2_LEVELS.map((v) => ({ text: t(`stakeholders.iap2.${v}`), value: v })),
                  filterMultiple: false,
                  filteredValue: iap2Level ? [iap2Level] : null,
                  render: (v: string | null) => (v ? t(`stakeholders.iap2.${v}`) : '—'),
                },
                {
                  title: t('stakeholders.fields.takeovers'),
                  dataIndex: 'takeoverCount',
                  key: 'takeoverCount',
                  width: 110,
                  sorter: true,
                  sortOrder: sortOrder('takeoverCount'),
                  filters: [
                    { text: t('stakeholders.takeoverYes'), value: true },
                    { text: t('stakeholders.takeoverNo'), value: false },
                  ],
                  filterMultiple: false,
                  filteredValue: ableToTakeOver === undefined ? null : [ableToTakeOver],
                },
                { title: t('stakeholders.fields.partnerships'), dataIndex: 'partnershipCount', key: 'partnershipCount', width: 100, sorter: true, sortOrder: sortOrder('partnershipCount') },
                {
                  title: t('stakeholders.fields.lastInteraction'),
                  dataIndex: 'lastInteractionDate',
                  key: 'lastInteractionDate',
                  width: 120,
                  sorter: true,
                  sortOrder: sortOrder('lastInteractionDate'),
                  render: (v: string | null) => formatDate(v, lang),
                },
              ]}
            />
          );
        }}
      </Loadable>
      {creating && <StakeholderForm open item={undefined} onClose={() => setCreating(false)} onSaved={(s) => navigate(`/stakeholders/${s.id}`)} />}
    </>
  );
}
