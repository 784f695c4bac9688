import { Button, Input, Modal, Table, Tag, Upload } from 'antd';
import { ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { foldText, CAMPAIGN_KINDS, type BudgetCampaign } from '../../../../electron/contract';
import { api } from '../../api/client';
import { useAuth } from '../../app/auth';
import { EmptyState, Loadable, PageTitle, VIRTUAL_FROM } from '../../ui/components';
import { formatDate, formatLei } from '../../ui/format';
import { useLang } from '../../ui/hooks';
import { CampaignForm } from './CampaignForm';
import { invalidateBudgeting, useCampaigns } from './queries';
import { ErrorList, cmp, errorLines } from './shared';

const phaseNow = (c: BudgetCampaign, today: string) => c.phases.find((p) => p.startsOn <= today && today <= p.endsOn)?.kind ?? null;

export function CampaignsList() {
  const { t } = useTranslation();
  const lang = useLang();
  const { canEdit } = useAuth();
  const q = useCampaigns();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const [search, setSearch] = useState('');
  const [jsonErrors, setJsonErrors] = useState<string[] | null>(null);
  const today = new Date().toISOString().slice(0, 10);

  const importJson = async (file: File) => {
    setJsonErrors(null);
    const json = await file.text();
    let r = await api.call('budgeting.createCampaignFromJson', { json });
    // Amounts that look 1/100 off: nothing was written; the user reads the warning and may create it anyway.
    const warning = !r.ok && r.error.details?.issues?.[0]?.reason === 'amounts_look_off' ? r.error.details.issues[0].message : null;
    if (warning) {
      const accepted = await new Promise<boolean>((resolve) =>
        Modal.confirm({
          title: t('budgeting.campaigns.amountsLookOff'),
          content: warning,
          okText: t('budgeting.campaigns.createAnyway'),
          onOk: () => resolve(true),
          onCancel: () => resolve(false),
        }),
      );
      if (!accepted) return;
      r = await api.call('budgeting.createCampaignFromJson', { json, acceptWarnings: true });
    }
    if (r.ok) {
      await invalidateBudgeting(qc);
      navigate(`/budgeting/campaigns/${r.value.id}`);
    } else setJsonErrors(errorLines(t, r.error));
  };

  return (
    <>
      <PageTitle
        title={t('budgeting.campaigns.title')}
        sub={t('budgeting.campaigns.sub')}
        extra={
          <>
            <Input.Search
              allowClear
              placeholder={t('common.search')}
              onChange={(e) => setSearch(e.target.value)}
              style={{ width: 220 }}
              data-testid="campaign-search"
            />
            {canEdit && (
              <Upload
                accept=".json,application/json"
                showUploadList={false}
                beforeUpload={(f) => {
                  // Read here and sent as JSON; antd must not POST the file itself (to "/").
                  void importJson(f);
                  return false;
                }}
              >
                <Button icon={<ImportOutlined />} data-testid="campaign-import-json">
                  {t('budgeting.campaigns.importJson')}
                </Button>
              </Upload>
            )}
            {canEdit && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="campaign-new">
                {t('budgeting.campaigns.new')}
              </Button>
            )}
          </>
        }
      />
      <Loadable query={q}>
        {(rows) => {
          const k = foldText(search.trim());
          const shown = rows.filter((r) => !k || foldText(`${r.name} ${r.edition}`).includes(k));
          const virtual = shown.length > VIRTUAL_FROM;
          return (
            <Table<BudgetCampaign>
              rowKey="id"
              dataSource={shown}
              pagination={false}
              virtual={virtual}
              scroll={virtual ? { x: 1000, y: 640 } : undefined}
              locale={{
                emptyText: (
                  <EmptyState
                    text={search.trim() ? t('common.noMatch') : t('budgeting.campaigns.none')}
                    hint={!search.trim() && canEdit ? t('budgeting.campaigns.noneHint') : undefined}
                    action={
                      !search.trim() && canEdit ? (
                        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="campaign-new-empty">
                          {t('budgeting.campaigns.new')}
                        </Button>
                      ) : undefined
                    }
                    testId="campaigns-empty"
                  />
                ),
              }}
              data-testid="campaigns-table"
              onRow={(r) => ({ 'data-testid': `campaign-row-${r.name}` }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                {
                  title: t('budgeting.fields.name'),
                  dataIndex: 'name',
                  sorter: (a, b) => cmp(a.name, b.name),
                  render: (v: string, r) => <Link to={`/budgeting/campaigns/${r.id}`}>{v}</Link>,
                },
                {
                  title: t('budgeting.fields.edition'),
                  dataIndex: 'edition',
                  width: 100,
                  sorter: (a, b) => cmp(a.edition, b.edition),
                  defaultSortOrder: 'descend',
                },
                {
                  title: t('budgeting.fields.kind'),
                  dataIndex: 'kind',
                  width: 170,
                  filters: CAMPAIGN_KINDS.map((v) => ({ text: t(`budgeting.kind.${v}`), value: v })),
                  onFilter: (v, r) => r.kind === v,
                  render: (v: string) => <Tag>{t(`budgeting.kind.${v}`)}</Tag>,
                },
                {
                  title: t('budgeting.campaigns.currentPhase'),
                  width: 200,
                  render: (_, r) => {
                    const p = phaseNow(r, today);
                    const ph = r.phases.find((x) => x.kind === p);
                    return p && ph ? `${t(`budgeting.phase.${p}`)} (${formatDate(ph.startsOn, lang)} – ${formatDate(ph.endsOn, lang)})` : '—';
                  },
                },
                { title: t('budgeting.fields.winnerRule'), dataIndex: 'winnerRule', width: 200, render: (v: string) => t(`budgeting.rule.${v}`) },
                {
                  title: t('budgeting.fields.totalBudget'),
                  dataIndex: 'totalBudget',
                  width: 170,
                  align: 'right',
                  sorter: (a, b) => a.totalBudget - b.totalBudget,
                  render: (v: number) => formatLei(v, lang),
                },
                {
                  title: t('budgeting.campaigns.proposals'),
                  dataIndex: 'proposalCount',
                  width: 110,
                  align: 'right',
                  sorter: (a, b) => a.proposalCount - b.proposalCount,
                },
              ]}
            />
          );
        }}
      </Loadable>
      {creating && <CampaignForm onClose={() => setCreating(false)} onSaved={(c) => navigate(`/budgeting/campaigns/${c.id}`)} />}
      <Modal open={!!jsonErrors} title={t('budgeting.campaigns.importJson')} footer={null} onCancel={() => setJsonErrors(null)}>
        <ErrorList lines={jsonErrors} title={t('budgeting.campaigns.jsonRefused')} testId="campaign-json-errors" />
      </Modal>
    </>
  );
}
