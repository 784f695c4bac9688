import { Button, Space } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import {
  SESSION_SORTS,
  TARGET_GROUPS,
  TRAINING_FORMATS,
  type ListSessionsInput,
  type Programme,
  type TargetGroup,
  type TrainingFormat,
} from '../../../../electron/contract';
import { api } from '../../api/client';
import { useAuth } from '../../app/auth';
import { DisabledReason, PageTitle } from '../../ui/components';
import { formatDate, formatLei, formatNumber } from '../../ui/format';
import { useLang } from '../../ui/hooks';
import { GridLink } from '../../ui/DataGrid';
import { FilterSelect, ListSearch, LocalTable, NewButton, RowActions, ServerGrid, useServerList, type CreateAction, valueFilter } from '../../ui/ListPage';
import { LightTabs } from '../../ui/LightTabs';
import { enumOptions } from '../../ui/options';
import type { ServerSort } from '../../ui/paging';
import { useDeleteWithUndo } from '../../ui/undo';
import { useActions } from '../plan/queries';
import { TrainingExcelButtons } from './ExcelButtons';
import { ProgrammeForm, SessionForm } from './forms';
import { ImportWizard } from './ImportWizard';
import { SESSIONS_FIRST_PAGE, invalidateTraining, useProgrammes, useSessions } from './queries';
import { cmp, useTrainingErrors } from './shared';

/** "Instruiri": the sessions (filterable by programme) and the programmes, each in a tab. */
export function TrainingList() {
  const { t } = useTranslation();
  const { canEdit } = useAuth();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'programmes' ? 'programmes' : 'sessions';
  const [importing, setImporting] = useState(false);

  return (
    <>
      <PageTitle
        title={t('training.sessions.title')}
        sub={t('training.sessions.sub')}
        extra={
          <>
            <TrainingExcelButtons />
            {canEdit && (
              <Button onClick={() => setImporting(true)} data-testid="attendance-import">
                {t('training.import.button')}
              </Button>
            )}
          </>
        }
      />
      <LightTabs
        label={t('training.sessions.title')}
        active={tab}
        onChange={(k) => setParams(k === 'programmes' ? { tab: k } : {}, { replace: true })}
        items={[
          { key: 'sessions', label: <span data-testid="tab-sessions">{t('training.sessions.tab')}</span>, children: <SessionsTab /> },
          { key: 'programmes', label: <span data-testid="tab-programmes">{t('training.programmes.tab')}</span>, children: <ProgrammesTab /> },
        ]}
      />
      {importing && <ImportWizard onClose={() => setImporting(false)} />}
    </>
  );
}

type SessionSort = (typeof SESSION_SORTS)[number];
const DEFAULT_SORT: ServerSort<SessionSort> = { by: SESSIONS_FIRST_PAGE.sort, order: SESSIONS_FIRST_PAGE.order };

/** The sessions, newest first: the server pages, sorts, filters and searches (100 rows a page, counts for the page only). */
function SessionsTab() {
  const { t } = useTranslation();
  const lang = useLang();
  const { canEdit } = useAuth();
  const navigate = useNavigate();
  const programmes = useProgrammes();
  const [, setParams] = useSearchParams();
  const list = useServerList<SessionSort, Pick<ListSessionsInput, 'programmeId' | 'actionId' | 'targetGroup' | 'format'>>(DEFAULT_SORT, {});
  const q = useSessions(list.page);
  const { filters, setFilter } = list;
  const [creating, setCreating] = useState(false);
  // The actions the programmes serve (the action filter offers each once).
  const actions = [...new Map((programmes.data ?? []).map((p) => [p.actionId, p.actionCode])).entries()].sort((a, b) => cmp(a[1], b[1]));

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <ListSearch onChange={list.onSearch} width={240} testId="session-search" />
        <FilterSelect
          label={t('training.sessions.allProgrammes')}
          width={280}
          value={filters.programmeId}
          onChange={setFilter('programmeId')}
          options={(programmes.data ?? []).map((p) => ({ value: p.id, label: `${p.actionCode} · ${p.name}` }))}
          testId="session-programme-filter"
        />
        {canEdit && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            disabled={!programmes.data?.length}
            title={programmes.data?.length ? undefined : t('training.programmes.needOne')}
            data-testid="session-new"
          >
            {t('training.sessions.new')}
          </Button>
        )}
        {canEdit && programmes.isSuccess && !programmes.data.length && (
          <DisabledReason testId="session-new-why">{t('training.programmes.needOne')}</DisabledReason>
        )}
      </Space>
      <ServerGrid
        list={list}
        query={q}
        totalText={(n) => t('training.sessions.total', { count: n, n: formatNumber(n, lang) })}
        empty={{
          none: t('training.sessions.none'),
          hint: programmes.data?.length ? t('training.sessions.noneHint') : t('training.programmes.needOne'),
          create: { label: t('training.sessions.new'), onClick: () => setCreating(true), testId: 'session-new' },
          // no programme yet: the empty list offers a new programme instead (its tab, with the form open)
          action: programmes.data?.length
            ? undefined
            : canEdit && (
                <Button
                  type="primary"
                  icon={<PlusOutlined />}
                  onClick={() => setParams({ tab: 'programmes', new: '1' }, { replace: true })}
                  data-testid="programme-new-from-sessions"
                >
                  {t('training.programmes.new')}
                </Button>
              ),
          testId: 'sessions-empty',
        }}
        testId="sessions-table"
        rowKey={(r) => r.id}
        minWidth={1380}
        rowProps={(r) => ({ 'data-testid': `session-row-${r.id}` })}
        onOpen={(r) => navigate(`/training/sessions/${r.id}`)}
        columns={[
          {
            key: 'startDate',
            title: t('training.fields.startDate'),
            width: 115,
            fixed: true,
            sort: 'startDate',
            render: (r) => formatDate(r.startDate, lang),
          },
          {
            key: 'title',
            title: t('training.fields.title'),
            width: 260,
            sort: 'title',
            render: (r) => (
              <GridLink to={`/training/sessions/${r.id}`} data-testid="session-link">
                {r.title}
              </GridLink>
            ),
            tooltip: (r) => r.title,
          },
          { key: 'programme', title: t('training.fields.programme'), width: 180, sort: 'programme', render: (r) => r.programmeName },
          {
            key: 'action',
            title: t('training.fields.action'),
            width: 120,
            sort: 'action',
            filter: { options: actions.map(([id, code]) => ({ value: id, label: code })), value: filters.actionId, onChange: setFilter('actionId') },
            render: (r) => r.actionCode,
          },
          {
            key: 'targetGroup',
            title: t('training.fields.targetGroup'),
            width: 150,
            filter: {
              options: enumOptions(t, TARGET_GROUPS, 'training.targetGroup'),
              value: filters.targetGroup,
              onChange: (v) => setFilter('targetGroup')(v as TargetGroup | undefined),
            },
            render: (r) => t(`training.targetGroup.${r.targetGroup}`),
          },
          {
            key: 'format',
            title: t('training.fields.format'),
            width: 120,
            filter: {
              options: enumOptions(t, TRAINING_FORMATS, 'training.format'),
              value: filters.format,
              onChange: (v) => setFilter('format')(v as TrainingFormat | undefined),
            },
            render: (r) => t(`training.format.${r.format}`),
          },
          { key: 'hours', title: t('training.fields.hours'), width: 80, align: 'right', sort: 'hours', render: (r) => formatNumber(r.hours, lang) },
          { key: 'cost', title: t('training.fields.cost'), width: 120, align: 'right', sort: 'cost', render: (r) => formatLei(r.cost, lang) },
          { key: 'attendees', title: t('training.fields.attendees'), width: 115, align: 'right', render: (r) => String(r.attendeeCount) },
          {
            key: 'completed',
            title: t('training.fields.completed'),
            width: 115,
            align: 'right',
            render: (r) => <span data-testid="session-completed">{r.completedCount}</span>,
          },
        ]}
      />
      {creating && (
        <SessionForm
          programmes={programmes.data ?? []}
          defaultProgrammeId={filters.programmeId}
          onClose={() => setCreating(false)}
          onSaved={(s) => navigate(`/training/sessions/${s.id}`)}
        />
      )}
    </>
  );
}

function ProgrammesTab() {
  const { t } = useTranslation();
  const { canEdit } = useAuth();
  const q = useProgrammes();
  const actions = useActions();
  const deleteWithUndo = useDeleteWithUndo(invalidateTraining, useTrainingErrors());
  const [editing, setEditing] = useState<Programme | 'new' | null>(null);
  const [search, setSearch] = useState('');
  // "Program nou" from the empty sessions list: this tab opens with the new programme's form
  const [params, setParams] = useSearchParams();
  useEffect(() => {
    if (params.get('new') !== '1') return;
    setEditing('new');
    setParams({ tab: 'programmes' }, { replace: true });
  }, [params, setParams]);

  const remove = (p: Programme) =>
    deleteWithUndo(
      t('training.programmes.deleted', { name: p.name }),
      () => api.get('training.deleteProgramme', { id: p.id, expectedUpdatedAt: p.updatedAt }),
      () => api.get('training.restoreProgramme', { id: p.id }),
    );

  const create: CreateAction = { label: t('training.programmes.new'), onClick: () => setEditing('new'), testId: 'programme-new' };

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <ListSearch onChange={setSearch} width={240} testId="programme-search" />
        {canEdit && <NewButton create={create} />}
      </Space>
      <LocalTable<Programme>
        query={q}
        search={search}
        text={(r) => `${r.name} ${r.description} ${r.actionCode}`}
        scrollX={900}
        empty={{ none: t('training.programmes.none'), hint: t('training.programmes.noneHint'), create, testId: 'programmes-empty' }}
        testId="programmes-table"
        rowProps={(r) => ({ 'data-testid': 'programme-row', 'data-name': r.name })}
        columns={(rows) => [
          { title: t('training.fields.name'), dataIndex: 'name', sorter: (a, b) => cmp(a.name, b.name) },
          {
            title: t('training.fields.action'),
            dataIndex: 'actionCode',
            width: 100,
            ...valueFilter('actionCode', [...new Set(rows.map((r) => r.actionCode))], (c) => c),
            sorter: (a, b) => cmp(a.actionCode, b.actionCode),
          },
          { title: t('training.fields.description'), dataIndex: 'description', ellipsis: true },
          {
            title: t('training.fields.sessionCount'),
            dataIndex: 'sessionCount',
            width: 90,
            align: 'right',
            sorter: (a, b) => a.sessionCount - b.sessionCount,
          },
          {
            title: t('training.fields.completedPeople'),
            dataIndex: 'completedPeople',
            width: 130,
            align: 'right',
            sorter: (a, b) => a.completedPeople - b.completedPeople,
          },
          ...(canEdit
            ? [
                {
                  key: 'ops',
                  width: 96,
                  render: (_: unknown, r: Programme) => (
                    <RowActions
                      onEdit={() => setEditing(r)}
                      confirm={t('training.programmes.confirmDelete', { name: r.name })}
                      onDelete={() => void remove(r)}
                      testId="programme"
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && <ProgrammeForm programme={editing === 'new' ? undefined : editing} actions={actions.data ?? []} onClose={() => setEditing(null)} />}
    </>
  );
}
