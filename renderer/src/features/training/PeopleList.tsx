import { Breadcrumb, Button, Card, Descriptions, Table } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { EMPLOYMENT_CATEGORIES, PEOPLE_SORTS, type EmploymentCategory, type HistoryEntry, type ListPeopleInput } from '../../../../electron/contract';
import { useAuth } from '../../app/auth';
import { Loadable, PageTitle } from '../../ui/components';
import { GridLink } from '../../ui/DataGrid';
import { ListPage, ServerGrid, useServerList, type CreateAction } from '../../ui/ListPage';
import { enumOptions } from '../../ui/options';
import type { ServerSort } from '../../ui/paging';
import { formatDate, formatNumber } from '../../ui/format';
import { useLang } from '../../ui/hooks';
import { PersonForm } from './forms';
import { PEOPLE_FIRST_PAGE, usePeople, usePersonHistory } from './queries';
import { CategoryTag, YesNo, cmp } from './shared';

type PeopleSort = (typeof PEOPLE_SORTS)[number];
const DEFAULT_SORT: ServerSort<PeopleSort> = { by: PEOPLE_FIRST_PAGE.sort, order: PEOPLE_FIRST_PAGE.order };

/**
 * "Persoane instruite": every person once, with their totals; a row opens the history and certificates.
 * The server pages, sorts and searches (the register holds every official ever trained), 100 rows a page.
 */
export function PeopleList() {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const list = useServerList<PeopleSort, Pick<ListPeopleInput, 'category'>>(DEFAULT_SORT, {});
  const q = usePeople(list.page);
  const [creating, setCreating] = useState(false);
  const create: CreateAction = { label: t('training.people.new'), onClick: () => setCreating(true), testId: 'person-new' };

  return (
    <ListPage
      title={t('training.people.title')}
      sub={t('training.people.sub')}
      search={{ onChange: list.onSearch, width: 240, testId: 'people-search' }}
      create={create}
    >
      <ServerGrid
        list={list}
        query={q}
        totalText={(n) => t('training.people.total', { count: n, n: formatNumber(n, lang) })}
        empty={{ none: t('training.people.none'), hint: t('training.people.noneHint'), create, testId: 'people-empty' }}
        testId="people-table"
        rowKey={(r) => r.id}
        minWidth={1300}
        rowProps={(r) => ({ 'data-testid': 'person-row', 'data-person': r.name })}
        onOpen={(r) => navigate(`/training/people/${r.id}`)}
        columns={[
          {
            key: 'name',
            title: t('training.fields.name'),
            width: 220,
            fixed: true,
            sort: 'name',
            render: (r) => (
              <GridLink to={`/training/people/${r.id}`} data-testid="person-link">
                {r.name}
              </GridLink>
            ),
            tooltip: (r) => r.name,
          },
          { key: 'email', title: t('training.fields.email'), sort: 'email', render: (r) => r.email },
          { key: 'department', title: t('training.fields.department'), sort: 'department', render: (r) => r.department },
          { key: 'position', title: t('training.fields.position'), render: (r) => r.position },
          {
            key: 'category',
            title: t('training.fields.category'),
            width: 180,
            sort: 'category',
            filter: {
              options: enumOptions(t, EMPLOYMENT_CATEGORIES, 'training.category'),
              value: list.filters.category,
              onChange: (v) => list.setFilter('category')(v as EmploymentCategory | undefined),
            },
            render: (r) => <CategoryTag category={r.category} />,
          },
          { key: 'sessionCount', title: t('training.fields.sessionsAttended'), width: 85, align: 'right', render: (r) => String(r.sessionCount) },
          { key: 'completedCount', title: t('training.fields.completedCount'), width: 90, align: 'right', render: (r) => String(r.completedCount) },
          { key: 'hoursTotal', title: t('training.fields.hoursTotal'), width: 85, align: 'right', render: (r) => formatNumber(r.hoursTotal, lang) },
          { key: 'lastDate', title: t('training.fields.lastDate'), width: 115, render: (r) => formatDate(r.lastDate, lang) },
        ]}
      />
      {creating && <PersonForm onClose={() => setCreating(false)} onSaved={(p) => navigate(`/training/people/${p.id}`)} />}
    </ListPage>
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
    {
      title: t('training.fields.date'),
      dataIndex: 'startDate',
      width: 115,
      sorter: (a: HistoryEntry, b: HistoryEntry) => cmp(a.startDate, b.startDate),
      render: (v: string) => formatDate(v, lang),
    },
    {
      title: t('training.fields.title'),
      dataIndex: 'sessionTitle',
      render: (v: string, r: HistoryEntry) => <Link to={`/training/sessions/${r.sessionId}`}>{v}</Link>,
    },
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
            sub={t('training.people.summary', {
              sessions: person.sessionCount,
              completed: person.completedCount,
              hours: formatNumber(person.hoursTotal, lang),
            })}
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
                {
                  title: t('training.fields.hoursAttended'),
                  dataIndex: 'hoursAttended',
                  width: 90,
                  align: 'right',
                  render: (v: number) => formatNumber(v, lang),
                },
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
