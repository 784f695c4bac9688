import { Button, Card, Col, Row, Segmented, Select, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { APPLICATION_STATUSES, FUNDING_PROGRAMMES, type FundingApplication } from '../../../../electron/contract';
import { useAuth } from '../../app/auth';
import { DisabledReason, ListEmpty, Loadable, PageTitle } from '../../ui/components';
import { ListSearch, RowsTable, searchMatcher, compareNullsLast as cmp, valueFilter, moneyColumn } from '../../ui/ListPage';
import { formatDate, formatLei } from '../../ui/format';
import { useLang } from '../../ui/hooks';
import { useActions } from '../plan/queries';
import { ApplicationForm } from './ApplicationForm';
import { FundingExcelButtons } from './ExcelButtons';
import { useApplications, useCalls } from './queries';
import { StatusTag } from './shared';

export function ApplicationsTable({ rows, empty }: { rows: FundingApplication[]; empty?: ReactNode }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <RowsTable<FundingApplication>
      rows={rows}
      scroll={{ x: 1200 }}
      empty={empty ?? t('funding.applications.none')}
      testId="applications-table"
      rowProps={(r) => ({ 'data-testid': `application-row-${r.id}` })}
      columns={[
        {
          title: t('funding.fields.smis'),
          dataIndex: 'code',
          width: 120,
          sorter: (a, b) => cmp(a.code, b.code),
          render: (v: string, r) => <Link to={`/funding/applications/${r.id}`}>{v || '—'}</Link>,
        },
        {
          title: t('funding.fields.projectTitle'),
          dataIndex: 'title',
          sorter: (a, b) => cmp(a.title, b.title),
          render: (v: string, r) => (
            <Link to={`/funding/applications/${r.id}`} data-testid="application-link">
              {v}
            </Link>
          ),
        },
        {
          title: t('funding.fields.callId'),
          dataIndex: 'callCode',
          width: 140,
          sorter: (a, b) => cmp(a.callCode, b.callCode),
          render: (v: string, r) => <Link to={`/funding/calls/${r.callId}`}>{v}</Link>,
        },
        {
          title: t('funding.fields.programme'),
          dataIndex: 'programme',
          width: 170,
          ...valueFilter('programme', FUNDING_PROGRAMMES, (p) => t(`funding.programme.${p}`)),
          render: (v: string) => t(`funding.programme.${v}`),
        },
        {
          title: t('funding.fields.status'),
          dataIndex: 'status',
          width: 140,
          ...valueFilter('status', APPLICATION_STATUSES, (s) => t(`funding.status.${s}`)),
          sorter: (a, b) => APPLICATION_STATUSES.indexOf(a.status) - APPLICATION_STATUSES.indexOf(b.status),
          render: (v: FundingApplication['status']) => <StatusTag status={v} />,
        },
        moneyColumn(t('funding.fields.requestedAmount'), 'requestedAmount', 160, lang),
        moneyColumn(t('funding.fields.totalAmount'), 'totalAmount', 160, lang),
        {
          title: t('funding.fields.nextStepOn'),
          dataIndex: 'nextStepOn',
          width: 120,
          sorter: (a, b) => cmp(a.nextStepOn, b.nextStepOn),
          render: (v: string | null) => formatDate(v, lang),
        },
      ]}
    />
  );
}

/** The pipeline: one column per status, each card linking to its application. */
function Pipeline({ rows }: { rows: FundingApplication[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Row gutter={8} wrap={false} style={{ overflowX: 'auto' }} data-testid="applications-pipeline">
      {APPLICATION_STATUSES.map((s) => {
        const items = rows.filter((r) => r.status === s);
        return (
          <Col key={s} flex="0 0 200px">
            <Card
              size="small"
              title={`${t(`funding.status.${s}`)} (${items.length})`}
              data-testid={`pipeline-${s}`}
              styles={{ body: { maxHeight: 600, overflowY: 'auto', padding: 8 } }}
            >
              {items.slice(0, 200).map((a) => (
                <Card key={a.id} size="small" style={{ marginBottom: 6 }}>
                  <Link to={`/funding/applications/${a.id}`}>{a.title}</Link>
                  <br />
                  <Typography.Text className="pla-muted" style={{ fontSize: 12 }}>
                    {a.callCode} · {formatLei(a.requestedAmount, lang)}
                  </Typography.Text>
                </Card>
              ))}
              {items.length > 200 && <Typography.Text className="pla-muted">+{items.length - 200}</Typography.Text>}
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}

export function ApplicationsList() {
  const { t } = useTranslation();
  const { canEdit } = useAuth();
  const q = useApplications();
  const calls = useCalls();
  const actions = useActions();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const [search, setSearch] = useState('');
  const [callId, setCallId] = useState<string | undefined>();
  const [view, setView] = useState<'list' | 'pipeline'>('list');
  // an application is for a call: none recorded yet, the button says so beside it and the empty list leads to the calls
  const noCalls = calls.isSuccess && calls.data.length === 0;
  const emptyState = (
    <ListEmpty
      none={t('funding.applications.none')}
      hint={noCalls ? t('funding.applications.needCall') : t('funding.applications.noneHint')}
      filtered={!!search.trim() || !!callId}
      action={
        canEdit &&
        (noCalls ? (
          <Button type="primary" onClick={() => navigate('/funding/calls')} data-testid="application-open-calls">
            {t('funding.applications.openCalls')}
          </Button>
        ) : (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="application-new-empty">
            {t('funding.applications.new')}
          </Button>
        ))
      }
      testId="applications-empty"
    />
  );

  return (
    <>
      <PageTitle
        title={t('funding.applications.title')}
        sub={t('funding.applications.sub')}
        extra={
          <>
            <Segmented
              value={view}
              onChange={(v) => setView(v as 'list' | 'pipeline')}
              options={[
                { value: 'list', label: t('funding.applications.list') },
                { value: 'pipeline', label: <span data-testid="view-pipeline">{t('funding.applications.pipeline')}</span> },
              ]}
            />
            <ListSearch onChange={setSearch} testId="application-search" />
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('funding.fields.callId')}
              aria-label={t('funding.fields.callId')}
              style={{ width: 200 }}
              value={callId}
              onChange={setCallId}
              options={(calls.data ?? []).map((c) => ({ value: c.id, label: c.code }))}
            />
            <FundingExcelButtons />
            {canEdit && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} disabled={noCalls} data-testid="application-new">
                {t('funding.applications.new')}
              </Button>
            )}
            {canEdit && noCalls && <DisabledReason testId="application-new-why">{t('funding.applications.needCall')}</DisabledReason>}
          </>
        }
      />
      <Loadable query={q}>
        {(rows) => {
          const matches = searchMatcher(search);
          const shown = rows.filter((r) => (!callId || r.callId === callId) && matches(`${r.code} ${r.title} ${r.applicant} ${r.callCode}`));
          return view === 'list' ? <ApplicationsTable rows={shown} empty={emptyState} /> : <Pipeline rows={shown} />;
        }}
      </Loadable>
      {creating && (
        <ApplicationForm
          calls={calls.data ?? []}
          actions={actions.data ?? []}
          defaultCallId={callId}
          onClose={() => setCreating(false)}
          onSaved={(a) => navigate(`/funding/applications/${a.id}`)}
        />
      )}
    </>
  );
}
