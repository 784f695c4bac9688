import { Button, Popconfirm, Space, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, UploadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ELIGIBILITY_STATUSES, FEASIBILITY_STATUSES, type BudgetCampaign, type BudgetProposal, type FeasibilityStatus } from '../../../../electron/contract';
import { api } from '../../api/client';
import { useAuth } from '../../app/auth';
import { HeaderCell } from '../../ui/components';
import { ListSearch, LocalTable, NewButton, type CreateAction, valueFilter, moneyColumn } from '../../ui/ListPage';
import { useLang } from '../../ui/hooks';
import { ProposalForm, ProposalImport } from './ProposalForm';
import { BulkEligibility, EligibilityForm, FeasibilityForm } from './ProposalReviewForms';
import { useProposals } from './queries';
import { EligibilityTag, FeasibilityTag, cmp, fmtScore, useDeleteWithUndo } from './shared';

/** A campaign's proposals: the table (search, filters, selection for bulk eligibility) and the forms it opens. */
export function ProposalsTab({ campaign }: { campaign: BudgetCampaign }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { canEdit } = useAuth();
  const q = useProposals(campaign.id);
  const [editing, setEditing] = useState<BudgetProposal | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const [eligibility, setEligibility] = useState<BudgetProposal | null>(null);
  const [feasibility, setFeasibility] = useState<BudgetProposal | null>(null);
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const [bulk, setBulk] = useState(false);

  const deleteWithUndo = useDeleteWithUndo();
  const remove = (p: BudgetProposal) =>
    deleteWithUndo(
      t('budgeting.proposals.deleted', { code: p.code }),
      () => api.get('budgeting.deleteProposal', { id: p.id, expectedUpdatedAt: p.updatedAt }),
      () => api.get('budgeting.restoreProposal', { id: p.id }),
    );

  const create: CreateAction = { label: t('budgeting.proposals.new'), onClick: () => setEditing('new'), testId: 'proposal-new' };

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <ListSearch onChange={setSearch} width={240} testId="proposal-search" />
        {canEdit && (
          <>
            <NewButton create={create} />
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="proposal-import">
              {t('budgeting.proposals.import')}
            </Button>
            <Button disabled={!selected.length} onClick={() => setBulk(true)} data-testid="eligibility-bulk">
              {t('budgeting.proposals.bulkEligibility', { n: selected.length })}
            </Button>
            {!selected.length && (
              <Typography.Text className="pla-muted" data-testid="eligibility-bulk-why">
                {t('budgeting.proposals.bulkWhy')}
              </Typography.Text>
            )}
          </>
        )}
      </Space>
      <LocalTable<BudgetProposal>
        query={q}
        search={search}
        text={(r) => `${r.code} ${r.title} ${r.category} ${r.address}`}
        size="small"
        scrollX={1300}
        fixedColumns
        empty={{ none: t('budgeting.proposals.none'), hint: t('budgeting.proposals.noneHint'), create, testId: 'proposals-empty' }}
        testId="proposals-table"
        rowSelection={
          canEdit
            ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]), columnTitle: (origin) => <HeaderCell>{origin}</HeaderCell> }
            : undefined
        }
        rowProps={(r) => ({ 'data-testid': `proposal-row-${r.code}` })}
        expandable={{
          rowExpandable: (r) => r.eligibilityStatus === 'ineligible' || !!r.feasibilityNote,
          expandedRowRender: (r) => (
            <div data-testid={`proposal-reasons-${r.code}`}>
              {r.eligibility
                .filter((c) => !c.pass)
                .map((c) => (
                  <div key={c.criterion}>
                    <Typography.Text strong>{t(`budgeting.criterion.${c.criterion}`)}:</Typography.Text> {c.reason}
                  </div>
                ))}
              {r.publicRejectionReason && (
                <div>
                  <Typography.Text strong>{t('budgeting.fields.publicRejectionReason')}:</Typography.Text> {r.publicRejectionReason}
                </div>
              )}
              {r.feasibilityNote && (
                <div>
                  <Typography.Text strong>{t('budgeting.fields.feasibilityNote')}:</Typography.Text> {r.feasibilityNote}
                </div>
              )}
            </div>
          ),
        }}
        columns={() => [
          {
            title: t('budgeting.fields.code'),
            dataIndex: 'code',
            width: 110,
            fixed: 'left',
            sorter: (a, b) => cmp(a.code, b.code),
            defaultSortOrder: 'ascend',
          },
          { title: t('budgeting.fields.title'), dataIndex: 'title', width: 280, sorter: (a, b) => cmp(a.title, b.title) },
          {
            title: t('budgeting.fields.zone'),
            dataIndex: 'zoneCode',
            width: 80,
            ...valueFilter(
              'zoneCode',
              campaign.zones.map((z) => z.code),
              (code) => code,
            ),
            sorter: (a, b) => cmp(a.zoneCode, b.zoneCode),
          },
          { title: t('budgeting.fields.category'), dataIndex: 'category', width: 130, sorter: (a, b) => cmp(a.category, b.category) },
          { title: t('budgeting.fields.source'), dataIndex: 'source', width: 100, render: (v: string) => t(`budgeting.source.${v}`) },
          moneyColumn(t('budgeting.fields.costEstimate'), 'costEstimate', 150, lang),
          {
            title: t('budgeting.fields.eligibility'),
            dataIndex: 'eligibilityStatus',
            width: 120,
            ...valueFilter('eligibilityStatus', ELIGIBILITY_STATUSES, (s) => t(`budgeting.eligibilityStatus.${s}`)),
            render: (v: BudgetProposal['eligibilityStatus']) => <EligibilityTag status={v} />,
          },
          {
            title: t('budgeting.fields.feasibility'),
            dataIndex: 'feasibility',
            width: 150,
            ...valueFilter('feasibility', FEASIBILITY_STATUSES, (s) => t(`budgeting.feasibilityStatus.${s}`)),
            render: (v: FeasibilityStatus) => <FeasibilityTag status={v} />,
          },
          {
            title: t('budgeting.fields.evaluationProgress'),
            dataIndex: 'evaluationProgress',
            width: 90,
            align: 'center',
            render: (v: string) => <span data-testid="proposal-progress">{v}</span>,
          },
          {
            title: t('budgeting.fields.finalScore'),
            dataIndex: 'finalScore',
            width: 100,
            align: 'right',
            sorter: (a, b) => cmp(a.finalScore, b.finalScore),
            render: (v: number | null, r) => (
              <Space size={4}>
                <span data-testid="proposal-score">{fmtScore(v, lang)}</span>
                {r.divergent && <Tag color="orange">{t('budgeting.evaluation.divergent')}</Tag>}
              </Space>
            ),
          },
          ...(canEdit
            ? [
                {
                  title: '',
                  key: 'actions',
                  width: 290,
                  fixed: 'right' as const,
                  render: (_: unknown, r: BudgetProposal) => (
                    <Space size={0}>
                      <Button size="small" type="link" onClick={() => setEligibility(r)} data-testid={`eligibility-${r.code}`}>
                        {t('budgeting.proposals.eligibility')}
                      </Button>
                      <Button size="small" type="link" onClick={() => setFeasibility(r)} data-testid={`feasibility-${r.code}`}>
                        {t('budgeting.proposals.feasibility')}
                      </Button>
                      <Button
                        size="small"
                        type="text"
                        icon={<EditOutlined />}
                        onClick={() => setEditing(r)}
                        aria-label={t('common.edit')}
                        data-testid={`proposal-edit-${r.code}`}
                      />
                      <Popconfirm
                        title={t('budgeting.proposals.confirmDelete')}
                        okText={t('common.delete')}
                        cancelText={t('common.cancel')}
                        onConfirm={() => void remove(r)}
                      >
                        <Button
                          size="small"
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('common.delete')}
                          data-testid={`proposal-delete-${r.code}`}
                        />
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && <ProposalForm campaign={campaign} proposal={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
      {importing && <ProposalImport campaign={campaign} onClose={() => setImporting(false)} />}
      {eligibility && <EligibilityForm proposal={eligibility} onClose={() => setEligibility(null)} />}
      {bulk && (
        <BulkEligibility
          campaignId={campaign.id}
          proposals={(q.data ?? []).filter((p) => selected.includes(p.id))}
          onClose={(done) => {
            setBulk(false);
            if (done) setSelected([]);
          }}
        />
      )}
      {feasibility && <FeasibilityForm proposal={feasibility} onClose={() => setFeasibility(null)} />}
    </>
  );
}
