import { Checkbox, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { RISK_CATEGORIES, RISK_LEVELS, RISK_STATUSES, RISK_STRATEGIES, type ListRisksInput, type RiskStrategy } from '../../../../electron/contract';
import { useAuth } from '../../app/auth';
import { GridLink } from '../../ui/DataGrid';
import { filterSelects, ListPage, ServerGrid, useServerList, type CreateAction } from '../../ui/ListPage';
import { formatDate } from '../../ui/format';
import { useLang } from '../../ui/hooks';
import { enumOptions } from '../../ui/options';
import { RISKS_FIRST_PAGE, useRiskPage } from './queries';
import { RiskForm } from './RiskForm';
import { AboveTag, ExportRisks, ImportRisks, LevelTag, useTotalText, type RiskSortState } from './shared';

/** The filters of the bar and the columns (the register opens on the open risks). */
type Filters = Pick<ListRisksInput, 'category' | 'level' | 'status' | 'strategy' | 'aboveTolerance'>;

const DEFAULT_SORT: RiskSortState = { by: RISKS_FIRST_PAGE.sort, order: RISKS_FIRST_PAGE.order };

/**
 * The register: the server filters, searches, sorts and pages it (10,000 risks), 100 rows a page with the total;
 * the search ignores case and diacritics.
 */
export function RisksList() {
  const { t } = useTranslation();
  const lang = useLang();
  const { canEdit } = useAuth();
  const navigate = useNavigate();
  const totalText = useTotalText();
  const [creating, setCreating] = useState(false);
  const list = useServerList<RiskSortState['by'], Filters>(DEFAULT_SORT, { status: RISKS_FIRST_PAGE.status });
  const q = useRiskPage(list.page);
  const { filters, setFilter } = list;
  const create: CreateAction = { label: t('risks.new'), onClick: () => setCreating(true), testId: 'risk-new' };

  return (
    <ListPage
      title={t('risks.title')}
      sub={t('risks.sub')}
      search={{ onChange: list.onSearch, testId: 'risk-search' }}
      create={create}
      tools={
        <>
          {filterSelects(list, 'risk-filter', [
            { name: 'category', label: t('risks.filterCategory'), width: 170, options: enumOptions(t, RISK_CATEGORIES, 'risks.category') },
            { name: 'level', label: t('risks.filterLevel'), width: 140, options: enumOptions(t, RISK_LEVELS, 'risks.level') },
            { name: 'status', label: t('risks.filterStatus'), width: 120, options: enumOptions(t, RISK_STATUSES, 'risks.status') },
          ])}
          <Checkbox
            checked={!!filters.aboveTolerance}
            onChange={(e) => setFilter('aboveTolerance')(e.target.checked || undefined)}
            data-testid="risk-filter-above"
          >
            {t('risks.onlyAbove')}
          </Checkbox>
          <ExportRisks />
          {canEdit && <ImportRisks />}
        </>
      }
    >
      <ServerGrid
        list={list}
        query={q}
        totalText={totalText}
        empty={{ none: t('risks.none'), hint: t('risks.noneHint'), create, testId: 'risks-empty' }}
        testId="risks-table"
        rowKey={(r) => r.id}
        minWidth={1300}
        rowProps={(r) => ({ 'data-testid': `risk-row-${r.code}` })}
        onOpen={(r) => navigate(`/risks/${r.id}`)}
        columns={[
          {
            key: 'code',
            title: t('risks.fields.code'),
            width: 100,
            fixed: true,
            sort: 'code',
            render: (r) => (
              <GridLink to={`/risks/${r.id}`} data-testid="risk-link">
                {r.code}
              </GridLink>
            ),
          },
          { key: 'description', title: t('risks.fields.description'), width: 300, sort: 'description', render: (r) => r.description },
          { key: 'area', title: t('risks.fields.area'), width: 160, sort: 'area', render: (r) => r.area },
          { key: 'category', title: t('risks.fields.category'), width: 140, sort: 'category', render: (r) => t(`risks.category.${r.category}`) },
          { key: 'owner', title: t('risks.fields.owner'), width: 150, sort: 'owner', render: (r) => r.owner },
          {
            key: 'inherent',
            title: t('risks.fields.inherent'),
            width: 150,
            sort: 'inherentExposure',
            render: (r) => <LevelTag level={r.inherentLevel} exposure={r.inherentExposure} />,
          },
          {
            key: 'residual',
            title: t('risks.fields.residual'),
            width: 150,
            sort: 'residualExposure',
            render: (r) => (r.residualLevel ? <LevelTag level={r.residualLevel} exposure={r.residualExposure} /> : '—'),
          },
          {
            key: 'exposure',
            title: t('risks.fields.exposure'),
            width: 170,
            sort: 'exposure',
            render: (r) => (r.aboveTolerance ? <AboveTag show /> : r.exposure),
          },
          {
            key: 'strategy',
            title: t('risks.fields.strategy'),
            width: 120,
            filter: {
              options: enumOptions(t, RISK_STRATEGIES, 'risks.strategy'),
              value: filters.strategy,
              onChange: (v) => setFilter('strategy')(v as RiskStrategy | undefined),
            },
            render: (r) => t(`risks.strategy.${r.strategy}`),
          },
          { key: 'actions', title: t('risks.fields.actions'), width: 110, render: (r) => r.actionCodes.join(', ') || '—' },
          { key: 'deadline', title: t('risks.fields.deadline'), width: 110, sort: 'deadline', render: (r) => formatDate(r.deadline, lang) },
          {
            key: 'nextReview',
            title: t('risks.fields.nextReviewDate'),
            width: 190,
            sort: 'nextReviewDate',
            render: (r) => (
              <>
                {formatDate(r.nextReviewDate, lang)}{' '}
                {r.reviewState === 'due' || r.reviewState === 'overdue' ? (
                  <Tag color={r.reviewState === 'overdue' ? 'red' : 'gold'}>{t(`risks.reviewState.${r.reviewState}`)}</Tag>
                ) : null}
              </>
            ),
          },
          { key: 'status', title: t('risks.fields.status'), width: 90, render: (r) => t(`risks.status.${r.status}`) },
        ]}
      />
      {creating && <RiskForm onClose={() => setCreating(false)} onSaved={(r) => navigate(`/risks/${r.id}`)} />}
    </ListPage>
  );
}
