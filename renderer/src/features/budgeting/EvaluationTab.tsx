import { App as AntApp, Alert, Button, Card, Checkbox, Col, Form, Input, InputNumber, Modal, Row, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { DownloadOutlined, TeamOutlined, UploadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import type { BudgetCampaign, ConflictDeclaration, EvaluationAssignment, EvaluationProgress, ScoresImportReport } from '../../../../electron/contract';
import { api } from '../../api/client';
import { useAuth } from '../../app/auth';
import { Loadable } from '../../ui/components';
import { FormModal } from '../../ui/FormModal';
import { formatDateTime } from '../../ui/format';
import { useErrorHandler, useLang } from '../../ui/hooks';
import { invalidateBudgeting, useAssignments, useConflicts, useEvaluations, useEvaluatorUsers, useProgress } from './queries';
import { useAssignEvaluators, useBudgetingFormErrors, useModerate } from './mutations';
import { DryRunImportModal, JobFilesButton, cmp, fmtScore, useDryRunImport } from './shared';

type PerProposal = EvaluationProgress['perProposal'][number];

export function EvaluationTab({ campaign }: { campaign: BudgetCampaign }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { canEdit, isCoordinator } = useAuth();
  const progress = useProgress(campaign.id);
  const assignments = useAssignments(campaign.id);
  const conflicts = useConflicts(campaign.id);
  const users = useEvaluatorUsers(isCoordinator);
  const qc = useQueryClient();
  const onError = useErrorHandler();
  const { message } = AntApp.useApp();
  const [chosen, setChosen] = useState<string[]>([]);
  const [moderating, setModerating] = useState<PerProposal | null>(null);
  const [showing, setShowing] = useState<PerProposal | null>(null);
  const [importing, setImporting] = useState(false);
  const assignMutation = useAssignEvaluators();

  // Everyone who can evaluate: the evaluator users (coordinator) and whoever already holds an assignment.
  const known = new Map<string, string>();
  for (const u of users.data ?? []) known.set(u.id, u.displayName);
  for (const a of assignments.data ?? []) known.set(a.evaluatorId, a.evaluatorName);
  const evaluators = [...known].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'ro'));

  const assign = async () => {
    if (await assignMutation.run({ campaignId: campaign.id, evaluatorIds: chosen })) void message.success(t('budgeting.evaluation.assigned'));
  };
  const toggle = async (proposalId: string, evaluatorId: string, assigned: boolean) => {
    try {
      await api.get('budgeting.setAssignment', { proposalId, evaluatorId, assigned });
      await invalidateBudgeting(qc);
    } catch (e) {
      onError(e);
    }
  };

  const byCell = new Map<string, EvaluationAssignment>();
  for (const a of assignments.data ?? []) {
    const k = `${a.proposalId}|${a.evaluatorId}`;
    const prev = byCell.get(k);
    if (!prev || (prev.status === 'recused' && a.status !== 'recused')) byCell.set(k, a);
  }

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {canEdit && (
        <Card size="small" title={t('budgeting.evaluation.assignTitle')}>
          <Space wrap>
            <Select
              mode="multiple"
              style={{ minWidth: 420 }}
              placeholder={t('budgeting.evaluation.chooseEvaluators')}
              aria-label={t('budgeting.evaluation.chooseEvaluators')}
              value={chosen}
              onChange={setChosen}
              options={evaluators.map((e) => ({ value: e.id, label: e.name }))}
              optionFilterProp="label"
              data-testid="assign-evaluators"
            />
            <Button
              type="primary"
              icon={<TeamOutlined />}
              disabled={chosen.length < 2}
              loading={assignMutation.isPending}
              onClick={() => void assign()}
              data-testid="assign-run"
            >
              {t('budgeting.evaluation.assignRun')}
            </Button>
            <JobFilesButton
              start={() => api.get('budgeting.exportWorkbooks', { campaignId: campaign.id })}
              label={t('budgeting.evaluation.workbooks')}
              icon={<DownloadOutlined />}
              testId="workbooks-download"
              disabled={!assignments.data?.length}
            />
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="scores-import">
              {t('budgeting.evaluation.scoresImport')}
            </Button>
          </Space>
          {/* A disabled button says why beside it, not only in a tooltip. */}
          {chosen.length < 2 && (
            <Typography.Paragraph type="warning" style={{ marginTop: 8, marginBottom: 0 }} data-testid="assign-why">
              {t('budgeting.evaluation.assignWhy')}
            </Typography.Paragraph>
          )}
          {!assignments.data?.length && (
            <Typography.Paragraph type="warning" style={{ marginTop: 8, marginBottom: 0 }} data-testid="workbooks-why">
              {t('budgeting.evaluation.workbooksWhy')}
            </Typography.Paragraph>
          )}
          <Typography.Paragraph className="pla-muted" style={{ marginTop: 8, marginBottom: 0 }}>
            {t('budgeting.evaluation.assignHelp', { n: campaign.evaluatorsPerProposal })}
          </Typography.Paragraph>
        </Card>
      )}

      <Loadable query={progress}>
        {(p) => (
          <Row gutter={16}>
            <Col xs={24} xl={9}>
              <Card size="small" title={t('budgeting.evaluation.perEvaluator')}>
                <Table
                  rowKey="evaluatorId"
                  size="small"
                  pagination={false}
                  dataSource={p.perEvaluator}
                  data-testid="progress-evaluators"
                  locale={{ emptyText: t('budgeting.evaluation.noneAssigned') }}
                  onRow={(r) => ({ 'data-testid': `progress-evaluator-${r.evaluatorName}` }) as React.HTMLAttributes<HTMLElement>}
                  columns={[
                    { title: t('budgeting.evaluation.evaluator'), dataIndex: 'evaluatorName', sorter: (a, b) => cmp(a.evaluatorName, b.evaluatorName) },
                    { title: t('budgeting.evaluation.progress'), dataIndex: 'progress', width: 90, align: 'center' },
                    { title: t('budgeting.evaluation.recused'), dataIndex: 'recused', width: 80, align: 'right' },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} xl={15}>
              <Card size="small" title={t('budgeting.evaluation.perProposal')}>
                <Table<PerProposal>
                  rowKey="proposalId"
                  size="small"
                  pagination={false}
                  dataSource={p.perProposal}
                  data-testid="progress-proposals"
                  onRow={(r) => ({ 'data-testid': `progress-proposal-${r.code}` }) as React.HTMLAttributes<HTMLElement>}
                  columns={[
                    { title: t('budgeting.fields.code'), dataIndex: 'code', width: 100, sorter: (a, b) => cmp(a.code, b.code), defaultSortOrder: 'ascend' },
                    { title: t('budgeting.fields.title'), dataIndex: 'title', ellipsis: true },
                    {
                      title: t('budgeting.evaluation.progress'),
                      dataIndex: 'progress',
                      width: 90,
                      align: 'center',
                      render: (v: string) => <span data-testid="progress-value">{v}</span>,
                    },
                    {
                      title: t('budgeting.fields.finalScore'),
                      dataIndex: 'finalScore',
                      width: 110,
                      align: 'right',
                      sorter: (a, b) => cmp(a.finalScore, b.finalScore),
                      render: (v: number | null, r) => (
                        <Space size={4}>
                          <span data-testid="progress-score">{fmtScore(v, lang)}</span>
                          {r.divergent && (
                            <Tag color="orange" data-testid="divergent">
                              {t('budgeting.evaluation.divergent')}
                            </Tag>
                          )}
                        </Space>
                      ),
                    },
                    {
                      title: '',
                      width: 230,
                      render: (_, r) => (
                        <Space size={0}>
                          <Button size="small" type="link" onClick={() => setShowing(r)} data-testid={`scores-${r.code}`}>
                            {t('budgeting.evaluation.scores')}
                          </Button>
                          {canEdit && r.divergent && (
                            <Button size="small" type="link" onClick={() => setModerating(r)} data-testid={`moderate-${r.code}`}>
                              {t('budgeting.evaluation.moderate')}
                            </Button>
                          )}
                        </Space>
                      ),
                    },
                  ]}
                />
              </Card>
            </Col>
          </Row>
        )}
      </Loadable>

      <Loadable query={assignments}>
        {(rows) => {
          const proposals = [...new Map(rows.map((a) => [a.proposalId, { id: a.proposalId, code: a.proposalCode, title: a.proposalTitle }])).values()].sort(
            (a, b) => a.code.localeCompare(b.code, 'ro', { numeric: true }),
          );
          if (!proposals.length) return null;
          return (
            <Card
              size="small"
              title={t('budgeting.evaluation.matrix')}
              extra={<Typography.Text className="pla-muted">{t('budgeting.evaluation.matrixHelp')}</Typography.Text>}
            >
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={proposals}
                scroll={{ x: 300 + evaluators.length * 140 }}
                data-testid="assignment-matrix"
                columns={[
                  { title: t('budgeting.fields.code'), dataIndex: 'code', width: 100, fixed: 'left' },
                  { title: t('budgeting.fields.title'), dataIndex: 'title', width: 220, ellipsis: true, fixed: 'left' },
                  ...evaluators.map((e) => ({
                    title: e.name,
                    key: e.id,
                    width: 140,
                    align: 'center' as const,
                    render: (_: unknown, p: { id: string; code: string }) => {
                      const a = byCell.get(`${p.id}|${e.id}`);
                      const active = !!a && a.status !== 'recused';
                      return (
                        <Space size={4}>
                          <Checkbox
                            checked={active}
                            disabled={!canEdit || a?.status === 'submitted' || a?.status === 'recused'}
                            onChange={(ev) => void toggle(p.id, e.id, ev.target.checked)}
                            data-testid={`cell-${p.code}-${e.name}`}
                          />
                          {a && (
                            <Tooltip title={a.submittedAt ? formatDateTime(a.submittedAt, lang) : undefined}>
                              <Tag color={a.status === 'submitted' ? 'green' : a.status === 'recused' ? 'red' : a.status === 'open' ? 'blue' : 'default'}>
                                {t(`budgeting.assignmentStatus.${a.status}`)}
                                {a.round > 1 ? ' (3)' : ''}
                              </Tag>
                            </Tooltip>
                          )}
                        </Space>
                      );
                    },
                  })),
                ]}
              />
            </Card>
          );
        }}
      </Loadable>

      <Loadable query={conflicts}>
        {(rows) => (
          <Card size="small" title={t('budgeting.evaluation.conflicts')}>
            <Table<ConflictDeclaration>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={rows}
              data-testid="conflicts-table"
              locale={{ emptyText: t('budgeting.evaluation.noConflicts') }}
              columns={[
                {
                  title: t('budgeting.evaluation.declaredAt'),
                  dataIndex: 'declaredAt',
                  width: 160,
                  render: (v: string) => formatDateTime(v, lang),
                  sorter: (a, b) => cmp(a.declaredAt, b.declaredAt),
                  defaultSortOrder: 'descend',
                },
                { title: t('budgeting.evaluation.evaluator'), dataIndex: 'evaluatorName', width: 200 },
                { title: t('budgeting.fields.code'), width: 100, render: (_, r) => rowsCode(assignments.data ?? [], r.proposalId) },
                {
                  title: t('budgeting.evaluation.declaration'),
                  dataIndex: 'conflict',
                  width: 150,
                  filters: [
                    { text: t('budgeting.evaluation.conflictYes'), value: true },
                    { text: t('budgeting.evaluation.conflictNo'), value: false },
                  ],
                  onFilter: (v, r) => r.conflict === v,
                  render: (v: boolean) => (
                    <Tag color={v ? 'red' : 'green'}>{v ? t('budgeting.evaluation.conflictYes') : t('budgeting.evaluation.conflictNo')}</Tag>
                  ),
                },
                { title: t('budgeting.evaluation.note'), dataIndex: 'note' },
                {
                  title: t('budgeting.evaluation.reassignedTo'),
                  dataIndex: 'reassignedTo',
                  width: 180,
                  render: (v: string | null) => (v ? (known.get(v) ?? v) : '—'),
                },
              ]}
            />
          </Card>
        )}
      </Loadable>

      {showing && <EvaluationsModal row={showing} campaign={campaign} onClose={() => setShowing(null)} />}
      {moderating && <ModerationForm row={moderating} onClose={() => setModerating(null)} />}
      {importing && <ScoresImport onClose={() => setImporting(false)} />}
    </Space>
  );
}

const rowsCode = (rows: EvaluationAssignment[], proposalId: string) => rows.find((a) => a.proposalId === proposalId)?.proposalCode ?? '—';

/** Every evaluator's scores on one proposal, the final score and how it was reached. */
function EvaluationsModal({ row, campaign, onClose }: { row: PerProposal; campaign: BudgetCampaign; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const q = useEvaluations(row.proposalId);
  return (
    <Modal open width={900} title={`${row.code} — ${row.title}`} footer={null} onCancel={onClose}>
      <Loadable query={q}>
        {(ev) => (
          <div data-testid="evaluations">
            <Table<EvaluationAssignment>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={ev.evaluations}
              columns={[
                { title: t('budgeting.evaluation.evaluator'), dataIndex: 'evaluatorName', width: 180 },
                { title: t('budgeting.evaluation.status'), dataIndex: 'status', width: 110, render: (v: string) => t(`budgeting.assignmentStatus.${v}`) },
                ...campaign.rubric.criteria.map((c) => ({
                  title: c.name,
                  key: c.key,
                  width: 90,
                  align: 'center' as const,
                  render: (_: unknown, a: EvaluationAssignment) => a.scores[c.key] ?? '—',
                })),
                { title: t('budgeting.evaluation.overall'), dataIndex: 'overall', width: 90, align: 'right', render: (v: number | null) => fmtScore(v, lang) },
                { title: t('budgeting.evaluation.via'), dataIndex: 'via', width: 90, render: (v: string | null) => (v ? t(`budgeting.via.${v}`) : '—') },
                { title: t('budgeting.evaluation.comment'), dataIndex: 'comment' },
              ]}
            />
            <Typography.Paragraph style={{ marginTop: 12 }}>
              {t('budgeting.fields.finalScore')}: <strong data-testid="evaluations-final">{fmtScore(ev.finalScore, lang)}</strong>
              {ev.finalMethod && ` (${t(`budgeting.finalMethod.${ev.finalMethod}`)})`}
              {ev.divergent && (
                <Tag color="orange" style={{ marginInlineStart: 8 }}>
                  {t('budgeting.evaluation.divergent')}
                </Tag>
              )}
            </Typography.Paragraph>
            {ev.moderation && (
              <Alert
                type="info"
                showIcon
                title={t('budgeting.evaluation.moderatedAt', {
                  at: formatDateTime(ev.moderation.decidedAt, lang),
                  score: fmtScore(ev.moderation.finalScore, lang),
                })}
                description={`${ev.moderation.rationale} — ${ev.moderation.participants}`}
              />
            )}
          </div>
        )}
      </Loadable>
    </Modal>
  );
}

function ModerationForm({ row, onClose }: { row: PerProposal; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ finalScore: number | null; rationale: string; participants: string }>();
  const save = useModerate(useBudgetingFormErrors(form, ['finalScore', 'rationale', 'participants']));
  const required = [{ required: true, message: t('validation.required') }];
  return (
    <FormModal
      open
      title={t('budgeting.evaluation.moderateTitle', { code: row.code })}
      form={form}
      onCancel={onClose}
      busy={save.isPending}
      testId="moderation-form"
      onSubmit={async (v) => {
        const done = await save.run({
          proposalId: row.proposalId,
          finalScore: v.finalScore ?? -1,
          rationale: v.rationale ?? '',
          participants: v.participants ?? '',
        });
        if (done) onClose();
      }}
    >
      <Typography.Paragraph className="pla-muted">{t('budgeting.evaluation.moderateHelp')}</Typography.Paragraph>
      <Form.Item name="finalScore" label={t('budgeting.fields.finalScore')} rules={required}>
        <InputNumber min={0} max={100} style={{ width: 160 }} data-testid="moderation-score" />
      </Form.Item>
      <Form.Item name="rationale" label={t('budgeting.evaluation.rationale')} rules={required}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} data-testid="moderation-rationale" />
      </Form.Item>
      <Form.Item name="participants" label={t('budgeting.evaluation.participants')} rules={required}>
        <Input data-testid="moderation-participants" />
      </Form.Item>
    </FormModal>
  );
}

/** A filled scoring workbook back: a dry run names every bad cell or says what would be written; then the write. */
function ScoresImport({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const flow = useDryRunImport<ScoresImportReport>(
    'budgeting.importScores',
    (file, dryRun) => api.call('budgeting.importScores', { ...file, dryRun }),
    async (r) => {
      await invalidateBudgeting(qc);
      void message.success(t('budgeting.evaluation.scoresImported', { submitted: r.submitted, conflicts: r.conflicts, unchanged: r.unchanged }));
      onClose();
    },
  );
  return (
    <DryRunImportModal
      title={t('budgeting.evaluation.scoresImport')}
      help={t('budgeting.evaluation.scoresImportHelp')}
      accept=".xlsx,.ods"
      testId="scores-import"
      errorsTitle={t('budgeting.evaluation.workbookRefused')}
      flow={flow}
      summary={(r) => ({ title: t('budgeting.evaluation.scoresDryRun', { submitted: r.submitted, conflicts: r.conflicts, unchanged: r.unchanged }) })}
      onClose={onClose}
    />
  );
}
