import { Breadcrumb, Button, Card, Descriptions, Input, Table } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { EMPLOYMENT_CATEGORIES, type HistoryEntry, type PersonSummary } from '../../../../electron/contract';
import { useAuth } from '../../app/auth';
import { Loadable, PageTitle, VIRTUAL_FROM } from '../../ui/components';
import { formatDate, formatNumber } from '../../ui/format';
import { useLang } from '../../ui/hooks';
import { searchKey } from '../plan/IndicatorsList';
import { PersonForm } from './forms';
import { usePeople, usePersonHistory } from './queries';
import { CategoryTag, YesNo, cmp } from './shared';

/** "Persoane instruite": every person once, with their totals; a row opens the history and certificates. */
export function PeopleList() {
  const { t } = useTranslation();
  const lang = useLang();
  const { canEdit } = useAuth();
  const navigate = useNavigate();
  const q = usePeople();
  const [search, setSearch] = useState('');
  const [creating, setCreating] = useState(false);

  return (
    <>
      <PageTitle
        title={t('training.people.title')}
        sub={t('training.people.sub')}
        extra={
          <>
            <Input.Search allowClear placeholder={t('common.search')} onChange={(e) => setSearch(e.target.value)} style={{ width: 240 }} data-testid="people-search" />
            {canEdit && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="person-new">
                {t('training.people.new')}
              </Button>
            )}
          </>
        }
      />
      <Loadable query={q}>
        {(rows) => {
          const k = searchKey(search.trim());
          const shown = rows.filter((r) => !k || searchKey(`${r.name} ${r.email} ${r.department} ${r.position}`).includes(k));
          const virtual = shown.length > VIRTUAL_FROM;
          return (
            <Table<PersonSummary>
              rowKey="id"
              size="middle"
              dataSource={shown}
              pagination={false}
              virtual={virtual}
              scroll={virtual ? { x: 1100, y: 640 } : undefined}
              locale={{ emptyText: t('training.people.none') }}
              data-testid="people-table"
              onRow={(r) => ({ 'data-testid': 'person-row', 'data-person': r.name }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                {
                  title: t('training.fields.name'),
                  dataIndex: 'name',
                  sorter: (a, b) => cmp(a.name, b.name),
                  defaultSortOrder: 'ascend',
                  render: (v: string, r) => (
                    <Link to={`/training/people/${r.id}`} data-testid="person-link">
                      {v}
                    </Link>
                  ),
                },
                { title: t('training.fields.email'), dataIndex: 'email', ellipsis: true, sorter: (a, b) => cmp(a.email, b.email) },
                { title: t('training.fields.department'), dataIndex: 'department', ellipsis: true, sorter: (a, b) => cmp(a.department, b.department) },
                { title: t('training.fields.position'), dataIndex: 'position', ellipsis: true },
                {
                  title: t('training.fields.category'),
                  dataIndex: 'category',
                  width: 170,
                  filters: EMPLOYMENT_CATEGORIES.map((c) => ({ text: t(`training.category.${c}`), value: c })),
                  onFilter: (v, r) => r.category === v,
                  render: (v: PersonSummary['category']) => <CategoryTag category={v} />,
                },
                { title: t('training.fields.sessionsAttended'), dataIndex: 'sessionCount', width: 85, align: 'right', sorter: (a, b) => a.sessionCount - b.sessionCount },
                { title: t('training.fields.completedCount'), dataIndex: 'completedCount', width: 90, align: 'right', sorter: (a, b) => a.completedCount - b.completedCount },
                { title: t('training.fields.hoursTotal'), dataIndex: 'hoursTotal', width: 85, align: 'right', sorter: (a, b) => a.hoursTotal - b.hoursTotal, render: (v: number) => formatNumber(v, lang) },
                { title: t('training.fields.lastDate'), dataIndex: 'lastDate', width: 115, sorter: (a, b) => cmp(a.lastDate, b.lastDate), render: (v: string | null) => formatDate(v, lang) },
              ]}
            />
          );
        }}
      </Loadable>
      {creating && <PersonForm onClose={() => setCreating(false)} onSaved={(p) => navigate(`/training/people/${p.id}`)} />}
    </>
  );
}

export function PersonDetail() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const lang = useLang();
  const { canEdit } = useAuth();
  const q = usePersonHistory(id);
  const [editing, setEditing] = useState(false);

  const historyColumns = [
    { title: t('training.fields.date'), dataIndex: 'startDate', width: 115, sorter: (a: HistoryEntry, b: HistoryEntry) => cmp(a.startDate, b.startDate), render: (v: string) => formatDate(v, lang) },
    { title: t('training.fields.title'), dataIndex: 'sessionTitle', render: (v: string, r: HistoryEntry) => <Link to={`/training/sessions/${r.sessionId}`}>{v}</Link> },
    { title: t('training.fields.programme'), dataIndex: 'programmeName' },
    { title: t('training.fields.action'), dataIndex: 'actionCode', width: 80 },
  ];

  return (
    <Loadable query={q}>
      {({ person, entries, certificates }) => (
        <>
          <Breadcrumb items={[{ title: <Link to="/training/people">{t('training.people.title')}</Link> }, { title: person.name }]} />
          <PageTitle
            title={<span data-testid="person-detail-name">{person.name}</span>}
            sub={t('training.people.summary', { sessions: person.sessionCount, completed: person.completedCount, hours: formatNumber(person.hoursTotal, lang) })}
            extra={
              canEdit && (
                <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="person-edit">
                  {t('common.edit')}
                </Button>
              )
            }
          />
          <Card size="small">
            <Descriptions size="small" column={3} bordered>
              <Descriptions.Item label={t('training.fields.email')}>{person.email || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('training.fields.department')}>{person.department || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('training.fields.position')}>{person.position || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('training.fields.category')}>
                <CategoryTag category={person.category} />
              </Descriptions.Item>
              <Descriptions.Item label={t('training.fields.notes')} span={2}>
                {person.notes || '—'}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" title={t('training.people.history')} style={{ marginTop: 16 }}>
            <Table<HistoryEntry>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={entries}
              locale={{ emptyText: t('training.people.noHistory') }}
              data-testid="person-history"
              columns={[
                ...historyColumns,
                { title: t('training.fields.hoursAttended'), dataIndex: 'hoursAttended', width: 90, align: 'right', render: (v: number) => formatNumber(v, lang) },
                { title: t('training.fields.completedFlag'), dataIndex: 'completed', width: 100, render: (v: boolean) => <YesNo value={v} /> },
                { title: t('training.fields.assessment'), dataIndex: 'assessment', render: (v: string) => v || '—' },
              ]}
            />
          </Card>
          <Card size="small" title={t('training.people.certificates')} style={{ marginTop: 16 }}>
            <Table<HistoryEntry>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={certificates}
              locale={{ emptyText: t('training.people.noCertificates') }}
              data-testid="person-certificates"
              columns={[
                ...historyColumns,
                { title: t('training.fields.certificateType'), dataIndex: 'certificateType', render: (v: string) => v || '—' },
                { title: t('training.fields.certificateNumber'), dataIndex: 'certificateNumber', render: (v: string) => v || '—' },
                { title: t('training.fields.certificateDate'), dataIndex: 'certificateDate', width: 120, render: (v: string | null) => formatDate(v, lang) },
                { title: t('training.fields.certificateIssuer'), dataIndex: 'certificateIssuer', render: (v: string) => v || '—' },
              ]}
            />
          </Card>
          {editing && <PersonForm person={person} onClose={() => setEditing(false)} />}
        </>
      )}
    </Loadable>
  );
}
