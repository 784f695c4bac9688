import { Breadcrumb, Button, Card, Descriptions, Input, Popconfirm, Space } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { EMPLOYMENT_CATEGORIES, type Attendance, type TrainingSession } from '../../../../electron/contract';
import { api } from '../../api/client';
import { useAuth } from '../../app/auth';
import { Loadable, PageTitle } from '../../ui/components';
import { RowActions, RowsTable, searchMatcher, valueFilter } from '../../ui/ListPage';
import { formatDate, formatLei, formatNumber } from '../../ui/format';
import { useLang } from '../../ui/hooks';
import { useDeleteWithUndo } from '../../ui/undo';
import { AttendanceForm, SessionForm } from './forms';
import { ImportWizard } from './ImportWizard';
import { invalidateTraining, useAttendance, useProgrammes, useSession } from './queries';
import { CategoryTag, YesNo, cmp, useTrainingErrors } from './shared';
import { useMayCall } from '../../app/access';

export function SessionDetail() {
  const { id = '' } = useParams();
  const q = useSession(id);
  return <Loadable query={q}>{(s) => <SessionView session={s} />}</Loadable>;
}

function SessionView({ session }: { session: TrainingSession }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { canEdit } = useAuth();
  // Viewers see the session's public facts and counts; who attended is the editors'.
  const mayAttendance = useMayCall('training.listAttendance');
  const navigate = useNavigate();
  const deleteWithUndo = useDeleteWithUndo(invalidateTraining, useTrainingErrors());
  const programmes = useProgrammes();
  const [editing, setEditing] = useState(false);
  const [importing, setImporting] = useState(false);

  const remove = () =>
    deleteWithUndo(
      t('training.sessions.deleted', { title: session.title }),
      async () => {
        await api.get('training.deleteSession', { id: session.id, expectedUpdatedAt: session.updatedAt });
        navigate('/training/sessions');
      },
      () => api.get('training.restoreSession', { id: session.id }),
    );

  return (
    <>
      <Breadcrumb items={[{ title: <Link to="/training/sessions">{t('training.sessions.title')}</Link> }, { title: session.title }]} />
      <PageTitle
        title={<span data-testid="session-detail-title">{session.title}</span>}
        sub={`${session.actionCode} · ${session.programmeName}`}
        extra={
          canEdit && (
            <>
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="session-import">
                {t('training.import.button')}
              </Button>
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="session-edit">
                {t('common.edit')}
              </Button>
              <Popconfirm title={t('training.sessions.confirmDelete', { title: session.title })} onConfirm={() => void remove()}>
                <Button danger icon={<DeleteOutlined />} data-testid="session-delete">
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            </>
          )
        }
      />
      <Card size="small" title={t('training.sessions.details')}>
        <Descriptions size="small" column={3} bordered>
          <Descriptions.Item label={t('training.fields.programme')}>{session.programmeName}</Descriptions.Item>
          <Descriptions.Item label={t('training.fields.action')}>{session.actionCode}</Descriptions.Item>
          <Descriptions.Item label={t('training.fields.targetGroup')}>{t(`training.targetGroup.${session.targetGroup}`)}</Descriptions.Item>
          <Descriptions.Item label={t('training.fields.topic')}>{session.topic || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('training.fields.provider')}>{session.provider || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('training.fields.trainer')}>{session.trainer || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('training.fields.format')}>{t(`training.format.${session.format}`)}</Descriptions.Item>
          <Descriptions.Item label={t('training.fields.location')}>{session.location || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('training.fields.startDate')}>
            {formatDate(session.startDate, lang)}
            {session.endDate && session.endDate !== session.startDate ? ` – ${formatDate(session.endDate, lang)}` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('training.fields.hours')}>{formatNumber(session.hours, lang)}</Descriptions.Item>
          <Descriptions.Item label={t('training.fields.cost')}>
            <span data-testid="session-cost-value">{formatLei(session.cost, lang)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('training.fields.planLine')}>{session.planLine || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('training.fields.attendees')}>
            <span data-testid="session-attendee-count">{session.attendeeCount}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('training.fields.completed')}>
            <span data-testid="session-completed-count">{session.completedCount}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('training.fields.evidence')} span={3}>
            {session.evidence || '—'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {mayAttendance && <AttendanceCard session={session} />}
      {editing && <SessionForm session={session} programmes={programmes.data ?? []} onClose={() => setEditing(false)} />}
      {importing && <ImportWizard defaultSessionId={session.id} onClose={() => setImporting(false)} />}
    </>
  );
}

function AttendanceCard({ session }: { session: TrainingSession }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { canEdit } = useAuth();
  const deleteWithUndo = useDeleteWithUndo(invalidateTraining, useTrainingErrors());
  const q = useAttendance(session.id);
  const [editing, setEditing] = useState<Attendance | 'new' | null>(null);
  const [search, setSearch] = useState('');

  const remove = (a: Attendance) =>
    deleteWithUndo(
      t('training.attendance.deleted', { name: a.personName }),
      () => api.get('training.deleteAttendance', { id: a.id, expectedUpdatedAt: a.updatedAt }),
      () => api.get('training.restoreAttendance', { id: a.id }),
    );

  return (
    <Card
      size="small"
      title={t('training.attendance.title')}
      style={{ marginTop: 16 }}
      extra={
        <Space>
          <Input.Search allowClear size="small" placeholder={t('common.search')} onChange={(e) => setSearch(e.target.value)} style={{ width: 200 }} />
          {canEdit && (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="attendance-add">
              {t('training.attendance.add')}
            </Button>
          )}
        </Space>
      }
    >
      <Loadable query={q}>
        {(rows) => {
          const matches = searchMatcher(search);
          return (
            <RowsTable<Attendance>
              rows={rows.filter((r) => matches(`${r.personName} ${r.personEmail} ${r.personDepartment}`))}
              size="small"
              scroll={{ x: 1100, y: 560 }}
              empty={t('training.attendance.none')}
              testId="attendance-table"
              rowProps={(r) => ({ 'data-testid': 'attendance-row', 'data-person': r.personName })}
              columns={[
                {
                  title: t('training.fields.person'),
                  dataIndex: 'personName',
                  sorter: (a, b) => cmp(a.personName, b.personName),
                  defaultSortOrder: 'ascend',
                  render: (v: string, r) => <Link to={`/training/people/${r.personId}`}>{v}</Link>,
                },
                {
                  title: t('training.fields.department'),
                  dataIndex: 'personDepartment',
                  ellipsis: true,
                  sorter: (a, b) => cmp(a.personDepartment, b.personDepartment),
                },
                {
                  title: t('training.fields.category'),
                  dataIndex: 'personCategory',
                  width: 170,
                  ...valueFilter('personCategory', EMPLOYMENT_CATEGORIES, (c) => t(`training.category.${c}`)),
                  render: (v: Attendance['personCategory']) => <CategoryTag category={v} />,
                },
                {
                  title: t('training.fields.hoursAttended'),
                  dataIndex: 'hoursAttended',
                  width: 110,
                  align: 'right',
                  sorter: (a, b) => a.hoursAttended - b.hoursAttended,
                  render: (v: number) => formatNumber(v, lang),
                },
                {
                  title: t('training.fields.completedFlag'),
                  dataIndex: 'completed',
                  width: 110,
                  ...valueFilter('completed', [true, false], (v) => (v ? t('training.yes') : t('training.no'))),
                  render: (v: boolean) => <YesNo value={v} testId="attendance-completed-value" />,
                },
                {
                  title: t('training.fields.certificate'),
                  width: 180,
                  render: (_, r) =>
                    r.certificateNumber || r.certificateType
                      ? `${[r.certificateType, r.certificateNumber].filter(Boolean).join(' ')} · ${formatDate(r.certificateDate, lang)}`
                      : '—',
                },
                ...(canEdit
                  ? [
                      {
                        key: 'ops',
                        width: 90,
                        render: (_: unknown, r: Attendance) => (
                          <RowActions
                            onEdit={() => setEditing(r)}
                            confirm={t('training.attendance.confirmDelete', { name: r.personName })}
                            onDelete={() => void remove(r)}
                            testId="attendance"
                          />
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          );
        }}
      </Loadable>
      {editing && <AttendanceForm session={session} attendance={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}
