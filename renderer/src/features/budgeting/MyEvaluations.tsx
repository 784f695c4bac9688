import { Alert, App as AntApp, Button, Card, Descriptions, Form, Input, Modal, Popconfirm, Progress, Radio, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { EvaluationAssignment } from '../../../../electron/contract';
import { api } from '../../api/client';
import { EmptyState, Loadable, PageTitle } from '../../ui/components';
import { formatDateTime, formatLei } from '../../ui/format';
import { useErrorHandler, useLang } from '../../ui/hooks';
import { useDeclareInterest, useSaveScores } from './mutations';
import { budgetingKeys, useEvaluations, useMyAssignments } from './queries';
import { cmp, fmtScore } from './shared';
import { evaluatorProgress } from './evaluator-progress';
import { valueFilter } from '../../ui/ListPage';

/**
 * "Evaluările mele": an evaluator's own assignments only (core returns nothing else). Each proposal opens only
 * after the conflict-of-interest declaration; a conflict recuses. Others' scores appear only when core returns them.
 */
export function MyEvaluations() {
  const { t } = useTranslation();
  const lang = useLang();
  const q = useMyAssignments();
  const [declaring, setDeclaring] = useState<EvaluationAssignment | null>(null);
  const [opened, setOpened] = useState<EvaluationAssignment | null>(null);
  return (
    <>
      <PageTitle title={t('budgeting.mine.title')} sub={t('budgeting.mine.sub')} />
      <Loadable query={q}>
        {(rows) => {
          const p = evaluatorProgress(rows);
          const goNext = () => p.next && (p.next.conflictDeclaredAt ? setOpened(p.next) : setDeclaring(p.next));
          return (
            <>
              {p.assigned > 0 && (
                <Card size="small" style={{ marginBottom: 16 }} data-testid="my-progress">
                  <Space size={16} wrap align="center">
                    <span data-testid="my-progress-text">{t('budgeting.mine.progress', { submitted: p.submitted, assigned: p.assigned })}</span>
                    <Progress
                      percent={Math.round((100 * p.submitted) / p.assigned)}
                      style={{ width: 200, margin: 0 }}
                      aria-label={t('budgeting.mine.progress', { submitted: p.submitted, assigned: p.assigned })}
                    />
                    {p.next ? (
                      <Button type="primary" onClick={goNext} data-testid="my-next">
                        {t('budgeting.mine.next', { code: p.next.proposalCode })}
                      </Button>
                    ) : (
                      <Typography.Text data-testid="my-all-done">{t('budgeting.mine.allDone')}</Typography.Text>
                    )}
                  </Space>
                </Card>
              )}
              <Table<EvaluationAssignment>
                rowKey="id"
                dataSource={rows}
                pagination={false}
                data-testid="my-assignments"
                locale={{ emptyText: <EmptyState text={t('budgeting.mine.none')} hint={t('budgeting.mine.noneHint')} testId="my-assignments-empty" /> }}
                onRow={(r) => ({ 'data-testid': `my-row-${r.proposalCode}` }) as React.HTMLAttributes<HTMLElement>}
                columns={[
                  {
                    title: t('budgeting.fields.code'),
                    dataIndex: 'proposalCode',
                    width: 110,
                    sorter: (a, b) => cmp(a.proposalCode, b.proposalCode),
                    defaultSortOrder: 'ascend',
                  },
                  { title: t('budgeting.fields.title'), dataIndex: 'proposalTitle' },
                  {
                    title: t('budgeting.evaluation.status'),
                    dataIndex: 'status',
                    width: 140,
                    ...valueFilter('status', ['assigned', 'open', 'submitted', 'recused'], (s) => t(`budgeting.assignmentStatus.${s}`)),
                    render: (v: string) => <Tag data-testid="my-status">{t(`budgeting.assignmentStatus.${v}`)}</Tag>,
                  },
                  {
                    title: t('budgeting.evaluation.overall'),
                    dataIndex: 'overall',
                    width: 100,
                    align: 'right',
                    render: (v: number | null) => fmtScore(v, lang),
                  },
                  { title: t('budgeting.evaluation.submittedAt'), dataIndex: 'submittedAt', width: 160, render: (v: string | null) => formatDateTime(v, lang) },
                  {
                    title: '',
                    width: 200,
                    render: (_, r) =>
                      !r.conflictDeclaredAt ? (
                        <Button size="small" type="primary" onClick={() => setDeclaring(r)} data-testid={`declare-${r.proposalCode}`}>
                          {t('budgeting.mine.declare')}
                        </Button>
                      ) : r.status === 'recused' ? (
                        <Typography.Text className="pla-muted">{t('budgeting.mine.recused')}</Typography.Text>
                      ) : (
                        <Button size="small" onClick={() => setOpened(r)} data-testid={`open-${r.proposalCode}`}>
                          {t('budgeting.mine.open')}
                        </Button>
                      ),
                  },
                ]}
              />
            </>
          );
        }}
      </Loadable>
      {declaring && <DeclareModal assignment={declaring} onClose={() => setDeclaring(null)} onOpen={() => setOpened(declaring)} />}
      {opened && <ProposalView assignment={opened} onClose={() => setOpened(null)} />}
    </>
  );
}

function DeclareModal({ assignment, onClose, onOpen }: { assignment: EvaluationAssignment; onClose: () => void; onOpen: () => void }) {
  const { t } = useTranslation();
  const [conflict, setConflict] = useState<boolean | null>(null);
  const [note, setNote] = useState('');
  const declare = useDeclareInterest();
  const save = async () => {
    if (conflict == null) return;
    if (!(await declare.run({ assignmentId: assignment.id, conflict, note }))) return;
    onClose();
    if (!conflict) onOpen();
  };
  return (
    <Modal
      open
      title={t('budgeting.mine.declareTitle', { code: assignment.proposalCode })}
      onCancel={onClose}
      mask={{ closable: false }}
      okText={t('budgeting.mine.declareSave')}
      okButtonProps={{ disabled: conflict == null, loading: declare.isPending, 'data-testid': 'declare-submit' } as never}
      onOk={() => void save()}
    >
      <Typography.Paragraph>{assignment.proposalTitle}</Typography.Paragraph>
      <Typography.Paragraph className="pla-muted">{t('budgeting.mine.declareHelp')}</Typography.Paragraph>
      <Radio.Group value={conflict} onChange={(e) => setConflict(e.target.value as boolean)} data-testid="declare-choice">
        <Space orientation="vertical">
          <Radio value={false} data-testid="declare-none">
            {t('budgeting.mine.noConflict')}
          </Radio>
          <Radio value={true} data-testid="declare-conflict">
            {t('budgeting.mine.conflict')}
          </Radio>
        </Space>
      </Radio.Group>
      <Input.TextArea
        style={{ marginTop: 12 }}
        placeholder={t('budgeting.evaluation.note')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        autoSize={{ minRows: 2, maxRows: 4 }}
      />
    </Modal>
  );
}

/** The proposal behind an assignment (author hidden in blind mode), the evaluator's own scores and, once core shows them, the others'. */
function ProposalView({ assignment, onClose }: { assignment: EvaluationAssignment; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: budgetingKeys.myProposal(assignment.id),
    queryFn: async () => {
      const p = await api.get('budgeting.openProposal', { assignmentId: assignment.id });
      void qc.invalidateQueries({ queryKey: budgetingKeys.mine }); // opening marks the assignment "open"
      return p;
    },
  });
  const ev = useEvaluations(assignment.proposalId);
  const hidden = <Typography.Text className="pla-muted">{t('budgeting.mine.hidden')}</Typography.Text>;
  return (
    <Modal open width={860} title={`${assignment.proposalCode} — ${assignment.proposalTitle}`} footer={null} onCancel={onClose}>
      <Loadable query={q}>
        {(p) => (
          <div data-testid="my-proposal">
            <Descriptions size="small" bordered column={2}>
              <Descriptions.Item label={t('budgeting.fields.zone')}>{p.zoneCode ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('budgeting.fields.costEstimate')}>{formatLei(p.costEstimate, lang)}</Descriptions.Item>
              <Descriptions.Item label={t('budgeting.fields.category')}>{p.category || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('budgeting.fields.address')}>{p.address || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('budgeting.fields.authorName')}>
                <span data-testid="my-proposal-author">{p.authorName == null ? hidden : p.authorName || '—'}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('budgeting.fields.authorOrganisation')}>
                {p.authorOrganisation == null ? hidden : p.authorOrganisation || '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('budgeting.fields.body')} span={2}>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="my-proposal-body">
                  {p.body || '—'}
                </Typography.Paragraph>
              </Descriptions.Item>
            </Descriptions>
          </div>
        )}
      </Loadable>
      {assignment.status !== 'submitted' && assignment.status !== 'recused' && <ScoreForm assignment={assignment} onSubmitted={onClose} />}
      <Card size="small" title={t('budgeting.mine.scores')} style={{ marginTop: 12 }}>
        <Loadable query={ev}>
          {(e) => (
            <>
              {!e.allSubmitted && <Alert type="info" showIcon style={{ marginBottom: 8 }} title={t('budgeting.mine.othersHidden')} />}
              <Table<EvaluationAssignment>
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={e.evaluations}
                data-testid="my-evaluations"
                columns={[
                  { title: t('budgeting.evaluation.evaluator'), dataIndex: 'evaluatorName' },
                  { title: t('budgeting.evaluation.status'), dataIndex: 'status', render: (v: string) => t(`budgeting.assignmentStatus.${v}`) },
                  {
                    title: t('budgeting.evaluation.scores'),
                    dataIndex: 'scores',
                    render: (s: Record<string, number>) =>
                      Object.entries(s)
                        .map(([k, v]) => `${k}: ${v}`)
                        .join(', ') || '—',
                  },
                  { title: t('budgeting.evaluation.overall'), dataIndex: 'overall', align: 'right', render: (v: number | null) => fmtScore(v, lang) },
                ]}
              />
            </>
          )}
        </Loadable>
      </Card>
    </Modal>
  );
}

/**
 * Scoring in the app: one choice per criterion on its anchored scale, a comment, then "save draft" or "submit"
 * (final, after a confirmation). Core checks the scale again and refuses anyone else's assignment.
 */
function ScoreForm({ assignment, onSubmitted }: { assignment: EvaluationAssignment; onSubmitted: () => void }) {
  const { t } = useTranslation();
  const onError = useErrorHandler();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ scores: Record<string, number>; comment: string }>();
  const saveScores = useSaveScores({ onError: (e) => onError(e, { form }) });
  const rubric = useQuery({
    queryKey: ['budgeting', 'my-rubric', assignment.id],
    queryFn: () => api.get('budgeting.myRubric', { assignmentId: assignment.id }),
  });
  const save = async (submit: boolean) => {
    let v: { scores?: Record<string, number>; comment?: string };
    try {
      v = submit ? await form.validateFields() : form.getFieldsValue();
    } catch {
      return; // the form marks the criteria left empty
    }
    const scores = Object.fromEntries(Object.entries(v.scores ?? {}).filter(([, n]) => typeof n === 'number')) as Record<string, number>;
    if (!(await saveScores.run({ assignmentId: assignment.id, scores, comment: v.comment ?? '', submit }))) return;
    void message.success(t(submit ? 'budgeting.mine.submitted' : 'budgeting.mine.saved'));
    if (submit) onSubmitted();
  };
  return (
    <Card size="small" title={t('budgeting.mine.scoreTitle')} style={{ marginTop: 12 }} data-testid="score-form">
      <Loadable query={rubric}>
        {(r) => (
          <Form form={form} layout="vertical" initialValues={{ scores: assignment.scores, comment: assignment.comment }}>
            {r.rubric.criteria.map((c) => {
              const values = Array.from({ length: c.max - c.min + 1 }, (_, i) => c.min + i);
              return (
                <Form.Item
                  key={c.key}
                  name={['scores', c.key]}
                  label={
                    <span>
                      {c.name}{' '}
                      <Typography.Text className="pla-muted">
                        ({t('budgeting.mine.weight', { weight: c.weight })}
                        {c.minimum != null ? `, ${t('budgeting.mine.minimum', { minimum: c.minimum })}` : ''})
                      </Typography.Text>
                    </span>
                  }
                  rules={[{ required: true, message: t('validation.required') }]}
                >
                  <Radio.Group data-testid={`score-${c.key}`}>
                    <Space wrap>
                      {values.map((n) => (
                        <Radio key={n} value={n} data-testid={`score-${c.key}-${n}`}>
                          {c.anchors[String(n)] ? `${n} — ${c.anchors[String(n)]}` : n}
                        </Radio>
                      ))}
                    </Space>
                  </Radio.Group>
                </Form.Item>
              );
            })}
            <Form.Item name="comment" label={t('budgeting.mine.comment')}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="score-comment" />
            </Form.Item>
            <Space>
              <Button onClick={() => void save(false)} loading={saveScores.isPending} data-testid="score-save">
                {t('budgeting.mine.saveDraft')}
              </Button>
              <Popconfirm title={t('budgeting.mine.submitConfirm')} onConfirm={() => void save(true)}>
                <Button type="primary" loading={saveScores.isPending} data-testid="score-submit">
                  {t('budgeting.mine.submit')}
                </Button>
              </Popconfirm>
            </Space>
          </Form>
        )}
      </Loadable>
    </Card>
  );
}
