import { Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import {
  IAP2_LEVELS,
  PLA_ROLES,
  QUADRANTS,
  SECTORS,
  STAKEHOLDER_TYPES,
  type Iap2Level,
  type ListStakeholdersInput,
  type PlaRole,
  type StakeholderSort,
} from '../../../../electron/contract';
import { useAuth } from '../../app/auth';
import { formatDate, formatNumber } from '../../ui/format';
import { useLang } from '../../ui/hooks';
import { enumOptions } from '../../ui/options';
import { GridLink } from '../../ui/DataGrid';
import { filterSelects, ListPage, ServerGrid, useServerList, type CreateAction } from '../../ui/ListPage';
import type { ServerSort } from '../../ui/paging';
import { STAKEHOLDERS_FIRST_PAGE, useStakeholderPage } from './queries';
import { ExportStakeholders, ImportStakeholders } from './shared';
import { StakeholderForm } from './StakeholderForm';

type SortState = ServerSort<StakeholderSort>;
/** The filters of the bar and the columns. */
type Filters = Pick<ListStakeholdersInput, 'type' | 'sector' | 'quadrant' | 'plaRole' | 'iap2Level' | 'ableToTakeOver'>;
const DEFAULT_SORT: SortState = { by: STAKEHOLDERS_FIRST_PAGE.sort, order: STAKEHOLDERS_FIRST_PAGE.order };

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
  const list = useServerList<StakeholderSort, Filters>(DEFAULT_SORT, {});
  const q = useStakeholderPage(list.page);
  const { filters, setFilter } = list;
  const create: CreateAction = { label: t('stakeholders.new'), onClick: () => setCreating(true), testId: 'stakeholder-new' };

  return (
    <ListPage
      title={t('stakeholders.title')}
      sub={t('stakeholders.sub')}
      search={{ onChange: list.onSearch, testId: 'stakeholder-search' }}
      create={create}
      tools={
        <>
          {filterSelects(list, 'stakeholder-filter', [
            { name: 'type', label: t('stakeholders.filterType'), width: 140, options: enumOptions(t, STAKEHOLDER_TYPES, 'stakeholders.type') },
            { name: 'sector', label: t('stakeholders.filterSector'), width: 170, options: enumOptions(t, SECTORS, 'stakeholders.sector') },
            { name: 'quadrant', label: t('stakeholders.filterQuadrant'), width: 190, options: enumOptions(t, QUADRANTS, 'stakeholders.quadrant') },
          ])}
          <ExportStakeholders />
          {canEdit && <ImportStakeholders />}
        </>
      }
    >
      <ServerGrid
        list={list}
        query={q}
        totalText={(n) => t('stakeholders.total', { count: n, n: formatNumber(n, lang) })}
        empty={{ none: t('stakeholders.none'), hint: t('stakeholders.noneHint'), create, testId: 'stakeholders-empty' }}
        testId="stakeholders-table"
        rowKey={(r) => r.id}
        minWidth={1300}
        rowProps={(r) => ({ 'data-testid': `stakeholder-row-${r.id}` })}
        onOpen={(r) => navigate(`/stakeholders/${r.id}`)}
        columns={[
          {
            key: 'name',
            title: t('stakeholders.fields.name'),
            width: 280,
            fixed: true,
            sort: 'name',
            render: (r) => (
              <GridLink to={`/stakeholders/${r.id}`} data-testid="stakeholder-link">
                {r.name}
              </GridLink>
            ),
            tooltip: (r) => r.name,
          },
          { key: 'type', title: t('stakeholders.fields.type'), width: 120, sort: 'type', render: (r) => t(`stakeholders.type.${r.type}`) },
          { key: 'sector', title: t('stakeholders.fields.sector'), width: 150, sort: 'sector', render: (r) => t(`stakeholders.sector.${r.sector}`) },
          {
            key: 'plaRole',
            title: t('stakeholders.fields.plaRole'),
            width: 150,
            filter: {
              options: enumOptions(t, PLA_ROLES, 'stakeholders.plaRole'),
              value: filters.plaRole,
              onChange: (v) => setFilter('plaRole')(v as PlaRole | undefined),
            },
            render: (r) => (r.plaRole ? t(`stakeholders.plaRole.${r.plaRole}`) : '—'),
          },
          { key: 'power', title: t('stakeholders.fields.power'), width: 90, sort: 'power', render: (r) => String(r.power ?? '—') },
          { key: 'interest', title: t('stakeholders.fields.interest'), width: 90, sort: 'interest', render: (r) => String(r.interest ?? '—') },
          {
            key: 'quadrant',
            title: t('stakeholders.fields.quadrant'),
            width: 170,
            sort: 'quadrant',
            render: (r) => (r.quadrant ? <Tag>{t(`stakeholders.quadrant.${r.quadrant}`)}</Tag> : '—'),
          },
          {
            key: 'iap2Level',
            title: t('stakeholders.fields.iap2Level'),
            width: 130,
            filter: {
              options: enumOptions(t, IAP2_LEVELS, 'stakeholders.iap2'),
              value: filters.iap2Level,
              onChange: (v) => setFilter('iap2Level')(v as Iap2Level | undefined),
            },
            render: (r) => (r.iap2Level ? t(`stakeholders.iap2.${r.iap2Level}`) : '—'),
          },
          {
            key: 'takeoverCount',
            title: t('stakeholders.fields.takeovers'),
            width: 120,
            sort: 'takeoverCount',
            filter: {
              options: [
                { value: 'yes', label: t('stakeholders.takeoverYes') },
                { value: 'no', label: t('stakeholders.takeoverNo') },
              ],
              value: filters.ableToTakeOver === undefined ? undefined : filters.ableToTakeOver ? 'yes' : 'no',
              onChange: (v) => setFilter('ableToTakeOver')(v === undefined ? undefined : v === 'yes'),
            },
            render: (r) => String(r.takeoverCount),
          },
          {
            key: 'partnershipCount',
            title: t('stakeholders.fields.partnerships'),
            width: 100,
            sort: 'partnershipCount',
            render: (r) => String(r.partnershipCount),
          },
          {
            key: 'lastInteractionDate',
            title: t('stakeholders.fields.lastInteraction'),
            width: 120,
            sort: 'lastInteractionDate',
            render: (r) => formatDate(r.lastInteractionDate, lang),
          },
        ]}
      />
      {creating && <StakeholderForm open item={undefined} onClose={() => setCreating(false)} onSaved={(s) => navigate(`/stakeholders/${s.id}`)} />}
    </ListPage>
  );
}
