import { Button, Input, Popconfirm, Select, Space, Table, Tabs } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { TARGET_GROUPS, TRAINING_FORMATS, type Programme, type TrainingSession } from '../../../../electron/contract';
import { api } from '../../api/client';
import { useAuth } from '../../app/auth';
import { Loadable, PageTitle, VIRTUAL_FROM } from '../../ui/components';
import { formatDate, formatLei, formatNumber } from '../../ui/format';
import { useLang } from '../../ui/hooks';
import { useUndoMessage } from '../../ui/undo';
import { useActions } from '../plan/queries';
import { searchKey } from '../plan/IndicatorsList';
import { TrainingExcelButtons } from './ExcelButtons';
import { ProgrammeForm, SessionForm } from './forms';
import { ImportWizard } from './ImportWizard';
import { invalidateTraining, useProgrammes, useSessions } from './queries';
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
      <Tabs
        activeKey={tab}
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

function SessionsTab() {
  const { t } = useTranslation();
  const lang = useLang();
  const { canEdit } = useAuth();
  const navigate = useNavigate();
  const programmes = useProgrammes();
  const q = useSessions();
  const [search, setSearch] = useState('');
  const [programmeId, setProgrammeId] = useState<string | undefined>();
  const [creating, setCreating] = useState(false);

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('common.search')} onChange={(e) => setSearch(e.target.value)} style={{ width: 240 }} data-testid="session-search" />
        <Select
          allowClear
          placeholder={t('training.sessions.allProgrammes')}
          style={{ width: 280 }}
          value={programmeId}
          onChange={setProgrammeId}
          options={(programmes.data ?? []).map((p) => ({ value: p.id, label: `${p.actionCode} · ${p.name}` }))}
          data-testid="session-programme-filter"
        />
        {canEdit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} disabled={!programmes.data?.length} title={programmes.data?.length ? undefined : t('training.programmes.needOne')} data-testid="session-new">
            {t('training.sessions.new')}
          </Button>
        )}
      </Space>
      <Loadable query={q}>
        {(rows) => {
          const k = searchKey(search.trim());
          const shown = rows.filter((r) => (!programmeId || r.programmeId === programmeId) && (!k || searchKey(`${r.title} ${r.topic} ${r.programmeName} ${r.provider} ${r.trainer} ${r.location}`).includes(k)));
          const virtual = shown.length > VIRTUAL_FROM;
          return (
            <Table<TrainingSession>
              rowKey="id"
              size="middle"
              dataSource={shown}
              pagination={false}
              virtual={virtual}
              scroll={virtual ? { x: 1100, y: 640 } : undefined}
              locale={{ emptyText: t('training.sessions.none') }}
              data-testid="sessions-table"
              onRow={(r) => ({ 'data-testid': `session-row-${r.id}` }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                {
                  title: t('training.fields.startDate'),
                  dataIndex: 'startDate',
                  width: 115,
                  sorter: (a, b) => cmp(a.startDate, b.startDate),
                  defaultSortOrder: 'descend',
                  render: (v: string) => formatDate(v, lang),
                },
                {
                  title: t('training.fields.title'),
                  dataIndex: 'title',
                  minWidth: 200,
                  sorter: (a, b) => cmp(a.title, b.title),
                  render: (v: string, r) => (
                    <Link to={`/training/sessions/${r.id}`} data-testid="session-link">
                      {v}
                    </Link>
                  ),
                },
                { title: t('training.fields.programme'), dataIndex: 'programmeName', width: 180, ellipsis: true, sorter: (a, b) => cmp(a.programmeName, b.programmeName) },
                {
                  title: t('training.fields.action'),
                  dataIndex: 'actionCode',
                  width: 90,
                  filters: [...new Set(rows.map((r) => r.actionCode))].map((c) => ({ text: c, value: c })),
                  onFilter: (v, r) => r.actionCode === v,
                  sorter: (a, b) => cmp(a.actionCode, b.actionCode),
                },
                {
                  title: t('training.fields.targetGroup'),
                  dataIndex: 'targetGroup',
                  width: 140,
                  filters: TARGET_GROUPS.map((g) => ({ text: t(`training.targetGroup.${g}`), value: g })),
                  onFilter: (v, r) => r.targetGroup === v,
                  render: (v: string) => t(`training.targetGroup.${v}`),
                },
                {
                  title: t('training.fields.format'),
                  dataIndex: 'format',
                  width: 110,
                  filters: TRAINING_FORMATS.map((f) => ({ text: t(`training.format.${f}`), value: f })),
                  onFilter: (v, r) => r.format === v,
                  render: (v: string) => t(`training.format.${v}`),
                },
                { title: t('training.fields.hours'), dataIndex: 'hours', width: 70, align: 'right', sorter: (a, b) => a.hours - b.hours, render: (v: number) => formatNumber(v, lang) },
                { title: t('training.fields.cost'), dataIndex: 'cost', width: 120, align: 'right', sorter: (a, b) => a.cost - b.cost, render: (v: number) => formatLei(v, lang) },
                { title: t('training.fields.attendees'), dataIndex: 'attendeeCount', width: 100, align: 'right', sorter: (a, b) => a.attendeeCount - b.attendeeCount },
                {
                  title: t('training.fields.completed'),
                  dataIndex: 'completedCount',
                  width: 100,
                  align: 'right',
                  sorter: (a, b) => a.completedCount - b.completedCount,
                  render: (v: number) => <span data-testid="session-completed">{v}</span>,
                },
              ]}
            />
          );
        }}
      </Loadable>
      {creating && <SessionForm programmes={programmes.data ?? []} defaultProgrammeId={programmeId} onClose={() => setCreating(false)} onSaved={(s) => navigate(`/training/sessions/${s.id}`)} />}
    </>
  );
}

function ProgrammesTab() {
  const { t } = useTranslation();
  const { canEdit } = useAuth();
  const q = useProgrammes();
  const actions = useActions();
  const qc = useQueryClient();
  const undo = useUndoMessage();
  const onError = useTrainingErrors();
  const [editing, setEditing] = useState<Programme | 'new' | null>(null);
  const [search, setSearch] = useState('');

  const remove = async (p: Programme) => {
    try {
      await api.get('training.deleteProgramme', { id: p.id, expectedUpdatedAt: p.updatedAt });
      await invalidateTraining(qc);
      undo(t('training.programmes.deleted', { name: p.name }), async () => {
        try {
          await api.get('training.restoreProgramme', { id: p.id });
          await invalidateTraining(qc);
        } catch (e) {
          onError(e);
        }
      });
    } catch (e) {
      onError(e);
    }
  };

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('common.search')} onChange={(e) => setSearch(e.target.value)} style={{ width: 240 }} data-testid="programme-search" />
        {canEdit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="programme-new">
            {t('training.programmes.new')}
          </Button>
        )}
      </Space>
      <Loadable query={q}>
        {(rows) => {
          const k = searchKey(search.trim());
          const shown = rows.filter((r) => !k || searchKey(`${r.name} ${r.description} ${r.actionCode}`).includes(k));
          const virtual = shown.length > VIRTUAL_FROM;
          return (
            <Table<Programme>
              rowKey="id"
              size="middle"
              dataSource={shown}
              pagination={false}
              virtual={virtual}
              scroll={virtual ? { x: 900, y: 640 } : undefined}
              locale={{ emptyText: t('training.programmes.none') }}
              data-testid="programmes-table"
              onRow={(r) => ({ 'data-testid': 'programme-row', 'data-name': r.name }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                { title: t('training.fields.name'), dataIndex: 'name', sorter: (a, b) => cmp(a.name, b.name) },
                {
                  title: t('training.fields.action'),
                  dataIndex: 'actionCode',
                  width: 100,
                  filters: [...new Set(rows.map((r) => r.actionCode))].map((c) => ({ text: c, value: c })),
                  onFilter: (v, r) => r.actionCode === v,
                  sorter: (a, b) => cmp(a.actionCode, b.actionCode),
                },
                { title: t('training.fields.description'), dataIndex: 'description', ellipsis: true },
                { title: t('training.fields.sessionCount'), dataIndex: 'sessionCount', width: 90, align: 'right', sorter: (a, b) => a.sessionCount - b.sessionCount },
                { title: t('training.fields.completedPeople'), dataIndex: 'completedPeople', width: 130, align: 'right', sorter: (a, b) => a.completedPeople - b.completedPeople },
                ...(canEdit
                  ? [
                      {
                        key: 'ops',
                        width: 96,
                        render: (_: unknown, r: Programme) => (
                          <Space size={0}>
                            <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => setEditing(r)} data-testid="programme-edit" />
                            <Popconfirm title={t('training.programmes.confirmDelete', { name: r.name })} onConfirm={() => void remove(r)}>
                              <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} data-testid="programme-delete" />
                            </Popconfirm>
                          </Space>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          );
        }}
      </Loadable>
      {editing && <ProgrammeForm programme={editing === 'new' ? undefined : editing} actions={actions.data ?? []} onClose={() => setEditing(null)} />}
    </>
  );
}
