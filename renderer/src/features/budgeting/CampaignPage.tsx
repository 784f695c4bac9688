import { App as AntApp, Button, Descriptions, Popconfirm, Space, Tabs, Tag } from 'antd';
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { useAuth } from '../../app/auth';
import { Loadable, PageTitle } from '../../ui/components';
import { formatDate, formatLei, formatNumber } from '../../ui/format';
import { useLang } from '../../ui/hooks';
import { CampaignForm } from './CampaignForm';
import { EvaluationTab } from './EvaluationTab';
import { ImplementationTab } from './ImplementationTab';
import { ProposalsTab } from './ProposalsTab';
import { ResultsTab } from './ResultsTab';
import { VotesTab } from './VotesTab';
import { useCampaign } from './queries';
import { useDeleteWithUndo } from './shared';
import { useMayCall } from '../../app/access';

export function CampaignPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const lang = useLang();
  const { canEdit } = useAuth();
  const mayEvaluation = useMayCall('budgeting.listAssignments');
  const mayVotes = useMayCall('budgeting.listPaperBatches');
  const q = useCampaign(id);
  const navigate = useNavigate();
  const deleteWithUndo = useDeleteWithUndo();
  const { message } = AntApp.useApp();
  const [editing, setEditing] = useState(false);
  const [tab, setTab] = useState('proposals');

  return (
    <Loadable query={q}>
      {(c) => (
        <>
          <PageTitle
            title={<span data-testid="campaign-title">{c.name}</span>}
            sub={
              <Space size={6}>
                <Link to="/budgeting/campaigns">{t('budgeting.campaigns.title')}</Link>
                <span>·</span>
                <Tag>{t(`budgeting.kind.${c.kind}`)}</Tag>
                {c.edition}
              </Space>
            }
            extra={
              canEdit && (
                <>
                  <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="campaign-edit">
                    {t('common.edit')}
                  </Button>
                  <Popconfirm
                    title={t('budgeting.campaigns.confirmDelete')}
                    okText={t('common.delete')}
                    cancelText={t('common.cancel')}
                    onConfirm={() =>
                      deleteWithUndo(
                        t('budgeting.campaigns.deleted', { name: c.name }),
                        () => api.get('budgeting.deleteCampaign', { id: c.id, expectedUpdatedAt: c.updatedAt }),
                        () => api.get('budgeting.restoreCampaign', { id: c.id }),
                        {
                          deleted: () => navigate('/budgeting/campaigns'),
                          restored: () => {
                            void message.success(t('budgeting.common.restored'));
                            navigate(`/budgeting/campaigns/${c.id}`);
                          },
                        },
                      )
                    }
                  >
                    <Button danger icon={<DeleteOutlined />} data-testid="campaign-delete">
                      {t('common.delete')}
                    </Button>
                  </Popconfirm>
                </>
              )
            }
          />
          <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 4 }} style={{ marginBottom: 16 }} data-testid="campaign-summary">
            <Descriptions.Item label={t('budgeting.fields.totalBudget')}>
              <span data-testid="campaign-total-value">{formatLei(c.totalBudget, lang)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('budgeting.fields.capPerProject')}>{formatLei(c.capPerProject, lang)}</Descriptions.Item>
            <Descriptions.Item label={t('budgeting.fields.winnerRule')}>
              <span data-testid="campaign-rule-value">{t(`budgeting.rule.${c.winnerRule}`)}</span>
              {c.winnerRule === 'timisoara_topup' && ` (${t('budgeting.fields.topupLimit')}: ${formatLei(c.topupLimit, lang)})`}
            </Descriptions.Item>
            <Descriptions.Item label={t('budgeting.fields.tieBreak')}>{c.tieBreak.map((b) => t(`budgeting.tie.${b}`)).join(' → ') || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('budgeting.fields.votesPerVoter')}>{c.votesPerVoter}</Descriptions.Item>
            <Descriptions.Item label={t('budgeting.fields.minimumAge')}>{c.minimumAge}</Descriptions.Item>
            <Descriptions.Item label={t('budgeting.fields.population')}>{formatNumber(c.population, lang)}</Descriptions.Item>
            <Descriptions.Item label={t('budgeting.fields.blindMode')}>{c.blindMode ? t('common.yes') : t('common.no')}</Descriptions.Item>
            <Descriptions.Item label={t('budgeting.fields.zones')} span={2}>
              {c.zones.length ? c.zones.map((z) => `${z.code} ${formatLei(z.budget, lang)}`).join(' · ') : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('budgeting.fields.divergence')} span={2}>
              {t(`budgeting.divergenceText.${c.divergence.mode}`, { n: formatNumber(c.divergence.threshold, lang) })},{' '}
              {t(`budgeting.divergenceScope.${c.divergence.scope}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('budgeting.form.rubric')} span={4}>
              {c.rubric.criteria
                .map(
                  (cr) =>
                    `${cr.name} (${cr.min}–${cr.max}, ${t('budgeting.fields.weight')} ${formatNumber(cr.weight, lang)}${cr.minimum != null ? `, min. ${cr.minimum}` : ''})`,
                )
                .join(' · ')}
              {c.rubric.overallMinimum != null && ` · ${t('budgeting.fields.overallMinimum')}: ${formatNumber(c.rubric.overallMinimum, lang)}`}
            </Descriptions.Item>
            <Descriptions.Item label={t('budgeting.fields.phases')} span={4}>
              {c.phases.map((p) => `${t(`budgeting.phase.${p.kind}`)} ${formatDate(p.startsOn, lang)}–${formatDate(p.endsOn, lang)}`).join(' · ') || '—'}
            </Descriptions.Item>
          </Descriptions>
          <Tabs
            activeKey={tab}
            onChange={setTab}
            destroyOnHidden
            items={[
              { key: 'proposals', label: <span data-testid="tab-proposals">{t('budgeting.tabs.proposals')}</span>, children: <ProposalsTab campaign={c} /> },
              // Viewers see no evaluator, score or ballot batch: the evaluation and vote tabs are the editors'.
              ...(mayEvaluation
                ? [
                    {
                      key: 'evaluation',
                      label: <span data-testid="tab-evaluation">{t('budgeting.tabs.evaluation')}</span>,
                      children: <EvaluationTab campaign={c} />,
                    },
                  ]
                : []),
              ...(mayVotes
                ? [{ key: 'votes', label: <span data-testid="tab-votes">{t('budgeting.tabs.votes')}</span>, children: <VotesTab campaign={c} /> }]
                : []),
              { key: 'results', label: <span data-testid="tab-results">{t('budgeting.tabs.results')}</span>, children: <ResultsTab campaign={c} /> },
              {
                key: 'implementation',
                label: <span data-testid="tab-implementation">{t('budgeting.tabs.implementation')}</span>,
                children: <ImplementationTab campaign={c} />,
              },
            ]}
          />
          {editing && <CampaignForm campaign={c} onClose={() => setEditing(false)} />}
        </>
      )}
    </Loadable>
  );
}
