import { Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { CALL_STATUSES, FUNDING_PROGRAMMES, type FundingCall } from '../../../../electron/contract';
import { FilterSelect, ListPage, LocalTable, type CreateAction, compareNullsLast as cmp, valueFilter, moneyColumn } from '../../ui/ListPage';
import { formatDate } from '../../ui/format';
import { useLang } from '../../ui/hooks';
import { enumOptions } from '../../ui/options';
import { useActions } from '../plan/queries';
import { CallForm } from './CallForm';
import { FundingExcelButtons } from './ExcelButtons';
import { useCalls } from './queries';
import { CallStatusTag } from './shared';

export function CallsList() {
  const { t } = useTranslation();
  const lang = useLang();
  const q = useCalls();
  const actions = useActions();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<string | undefined>();

  const create: CreateAction = { label: t('funding.calls.new'), onClick: () => setCreating(true), testId: 'call-new' };

  return (
    <ListPage
      title={t('funding.calls.title')}
      sub={t('funding.calls.sub')}
      search={{ onChange: setSearch, width: 220, testId: 'call-search' }}
      create={create}
      tools={
        <>
          <FilterSelect
            label={t('funding.fields.status')}
            width={150}
            value={status}
            onChange={setStatus}
            options={enumOptions(t, CALL_STATUSES, 'funding.callStatus')}
          />
          <FundingExcelButtons />
        </>
      }
    >
      <LocalTable<FundingCall>
        query={q}
        search={search}
        text={(r) => `${r.code} ${r.title} ${r.managingBody}`}
        keep={(r) => !status || r.status === status}
        filtered={!!status}
        scrollX={1100}
        empty={{ none: t('funding.calls.none'), hint: t('funding.calls.noneHint'), create, testId: 'calls-empty' }}
        testId="calls-table"
        rowProps={(r) => ({ 'data-testid': `call-row-${r.code}` })}
        columns={() => [
          {
            title: t('funding.fields.code'),
            dataIndex: 'code',
            width: 140,
            sorter: (a, b) => cmp(a.code, b.code),
            render: (v: string, r) => <Link to={`/funding/calls/${r.id}`}>{v}</Link>,
          },
          {
            title: t('funding.fields.title'),
            dataIndex: 'title',
            sorter: (a, b) => cmp(a.title, b.title),
            render: (v: string, r) => <Link to={`/funding/calls/${r.id}`}>{v}</Link>,
          },
          {
            title: t('funding.fields.programme'),
            dataIndex: 'programme',
            width: 190,
            ...valueFilter('programme', FUNDING_PROGRAMMES, (p) => t(`funding.programme.${p}`)),
            sorter: (a, b) => cmp(a.programme, b.programme),
            render: (v: string) => t(`funding.programme.${v}`),
          },
          {
            title: t('funding.fields.status'),
            dataIndex: 'status',
            width: 110,
            sorter: (a, b) => cmp(a.status, b.status),
            render: (v: FundingCall['status']) => <CallStatusTag status={v} />,
          },
          {
            title: t('funding.fields.deadline'),
            dataIndex: 'deadline',
            width: 120,
            sorter: (a, b) => cmp(a.deadline, b.deadline),
            defaultSortOrder: 'descend',
            render: (v: string | null) => formatDate(v, lang),
          },
          moneyColumn(t('funding.fields.budget'), 'budget', 170, lang),
          {
            title: t('funding.fields.nonReimbursable'),
            dataIndex: 'nonReimbursable',
            width: 120,
            ...valueFilter('nonReimbursable', [true, false], (v) => (v ? t('funding.yes') : t('funding.no'))),
            render: (v: boolean) => <Tag color={v ? 'green' : 'default'}>{v ? t('funding.yes') : t('funding.no')}</Tag>,
          },
          {
            title: t('funding.fields.applicationCount'),
            dataIndex: 'applicationCount',
            width: 90,
            align: 'right',
            sorter: (a, b) => a.applicationCount - b.applicationCount,
          },
        ]}
      />
      {creating && <CallForm actions={actions.data ?? []} onClose={() => setCreating(false)} onSaved={(c) => navigate(`/funding/calls/${c.id}`)} />}
    </ListPage>
  );
}
