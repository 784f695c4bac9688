import { Button, Modal, Tag, Upload } from 'antd';
import { ImportOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { CAMPAIGN_KINDS, type BudgetCampaign } from '../../../../electron/contract';
import { api } from '../../api/client';
import { useAuth } from '../../app/auth';
import { ListPage, LocalTable, type CreateAction, valueFilter, moneyColumn } from '../../ui/ListPage';
import { formatDate } from '../../ui/format';
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

  const create: CreateAction = { label: t('budgeting.campaigns.new'), onClick: () => setCreating(true), testId: 'campaign-new' };

  return (
    <ListPage
      title={t('budgeting.campaigns.title')}
      sub={t('budgeting.campaigns.sub')}
      search={{ onChange: setSearch, width: 220, testId: 'campaign-search' }}
      create={create}
      tools={
        canEdit && (
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
        )
      }
    >
      <LocalTable<BudgetCampaign>
        query={q}
        search={search}
        text={(r) => `${r.name} ${r.edition}`}
        size="large"
        scrollX={1000}
        empty={{ none: t('budgeting.campaigns.none'), hint: t('budgeting.campaigns.noneHint'), create, testId: 'campaigns-empty' }}
        testId="campaigns-table"
        rowProps={(r) => ({ 'data-testid': `campaign-row-${r.name}` })}
        columns={() => [
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
            ...valueFilter('kind', CAMPAIGN_KINDS, (v) => t(`budgeting.kind.${v}`)),
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
          moneyColumn(t('budgeting.fields.totalBudget'), 'totalBudget', 170, lang),
          {
            title: t('budgeting.campaigns.proposals'),
            dataIndex: 'proposalCount',
            width: 110,
            align: 'right',
            sorter: (a, b) => a.proposalCount - b.proposalCount,
          },
        ]}
      />
      {creating && <CampaignForm onClose={() => setCreating(false)} onSaved={(c) => navigate(`/budgeting/campaigns/${c.id}`)} />}
      <Modal open={!!jsonErrors} title={t('budgeting.campaigns.importJson')} footer={null} onCancel={() => setJsonErrors(null)}>
        <ErrorList lines={jsonErrors} title={t('budgeting.campaigns.jsonRefused')} testId="campaign-json-errors" />
      </Modal>
    </ListPage>
  );
}
