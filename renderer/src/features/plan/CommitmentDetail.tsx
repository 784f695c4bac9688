import { EditDeleteButtons } from '../../ui/EditDeleteButtons';
import { Breadcrumb, Button, Card, Col, Descriptions, Row, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { formatFigure, formatFigurePercent, type Action, type CommitmentSummary, type Indicator } from '../../../../electron/contract';
import { api } from '../../api/client';
import { useAuth } from '../../app/auth';
import { buildCodeTree, type TreeNode } from '../../charts/tree';
import { compareCodes } from '../../charts/dashboard';
import { Loadable, PageTitle, ProgressCell, RagTag } from '../../ui/components';
import { formatDate, formatNumber } from '../../ui/format';
import { useErrorHandler, useLang } from '../../ui/hooks';
import { useUndoMessage } from '../../ui/undo';
import { ActionForm } from './ActionForm';
import { AssessmentCard } from './AssessmentCard';
import { CommitmentForm } from './CommitmentForm';
import { IndicatorForm } from './IndicatorForm';
import { invalidatePlan, useActions, useCommitment, useCommitments, useIndicators } from './queries';

export function CommitmentDetail() {
  const { id = '' } = useParams();
  const q = useCommitment(id);
  return <Loadable query={q}>{(c) => <CommitmentView c={c} />}</Loadable>;
}

function CommitmentView({ c }: { c: CommitmentSummary }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { canEdit } = useAuth();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const onError = useErrorHandler();
  const undoMessage = useUndoMessage();
  const actions = useActions(c.id);
  const indicators = useIndicators(c.id);
  const commitments = useCommitments();
  const [editing, setEditing] = useState(false);
  const [newAction, setNewAction] = useState<{ parent: Action | null } | null>(null);
  const [newIndicator, setNewIndicator] = useState(false);

  const remove = async () => {
    try {
      await api.get('plan.deleteCommitment', { id: c.id, expectedUpdatedAt: c.updatedAt });
      navigate('/commitments');
      await invalidatePlan(qc);
      undoMessage(t('commitments.deleted', { code: c.code }), async () => {
        try {
          await api.get('plan.restoreCommitment', { id: c.id });
          await invalidatePlan(qc);
          navigate(`/commitments/${c.id}`);
        } catch (e) {
          onError(e);
        }
      });
    } catch (e) {
      onError(e);
    }
  };

  const text = (label: string, value: string) => (
    <Descriptions.Item label={label}>
      <span className="pla-pre">{value || '—'}</span>
    </Descriptions.Item>
  );

  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to="/commitments">{t('nav.commitments')}</Link> }, { title: c.code }]} />
      <PageTitle
        title={
          <span data-testid="commitment-heading">
            {c.code} · {c.title}
          </span>
        }
        sub={
          <Space size={12}>
            <RagTag rag={c.rag} />
            <span>
              {formatDate(c.startDate, lang)} – {formatDate(c.endDate, lang)}
            </span>
          </Space>
        }
        extra={
          canEdit && (
            <EditDeleteButtons
              testId="commitment"
              confirmTitle={t('commitments.confirmDelete', { code: c.code })}
              onEdit={() => setEditing(true)}
              onDelete={remove}
            />
          )
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card title={t('commitments.about')}>
            <Descriptions colon={false} column={1} size="small" styles={{ label: { width: 220, verticalAlign: 'top' } }}>
              {text(t('commitments.problem'), c.problem)}
              {text(t('commitments.objective'), c.objective)}
              {text(t('fields.description'), c.description)}
              {text(t('commitments.solution'), c.solution)}
              <Descriptions.Item label={t('commitments.ogpValues')}>
                {c.ogpValues.length ? c.ogpValues.map((v) => <Tag key={v}>{t(`ogpValue.${v}`)}</Tag>) : '—'}
              </Descriptions.Item>
              {text(t('commitments.leadInstitution'), c.leadInstitution)}
              {text(t('fields.responsiblePerson'), c.responsiblePerson)}
              {text(t('commitments.actors'), c.actors)}
              {text(t('commitments.relevanceLocal'), c.relevanceLocal)}
              {text(t('commitments.relevanceNational'), c.relevanceNational)}
              {text(t('commitments.relevanceInternational'), c.relevanceInternational)}
              <Descriptions.Item label={t('commitments.designVerifiable')}>
                {c.designVerifiable == null ? '—' : c.designVerifiable ? t('common.yes') : t('common.no')}
              </Descriptions.Item>
              <Descriptions.Item label={t('commitments.designPotential')}>{c.designPotential ? t(`potential.${c.designPotential}`) : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('fields.weight')}>{formatNumber(c.weight, lang)}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card title={t('fields.progress')}>
              <ProgressCell value={c.progress} expected={c.expectedProgress} rag={c.rag} testId="commitment-progress" />
              <Typography.Text className="pla-muted">{t('plan.expectedTooltip', { value: formatFigurePercent(c.expectedProgress, lang) })}</Typography.Text>
            </Card>
            <AssessmentCard commitment={c} />
          </Space>
        </Col>
      </Row>

      <Card
        title={t('actions.title')}
        style={{ marginTop: 16 }}
        extra={
          canEdit && (
            <Button icon={<PlusOutlined />} onClick={() => setNewAction({ parent: null })} data-testid="action-new">
              {t('actions.new')}
            </Button>
          )
        }
      >
        <Loadable query={actions}>
          {(list) => (
            <Table<TreeNode<Action>>
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={buildCodeTree(list)}
              expandable={{ defaultExpandAllRows: true }}
              onRow={(r) => ({ 'data-testid': `action-row-${r.code}` }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                { title: t('fields.code'), dataIndex: 'code', width: 130, render: (v: string, r) => <Link to={`/actions/${r.id}`}>{v}</Link> },
                { title: t('fields.title'), dataIndex: 'title', render: (v: string, r) => <Link to={`/actions/${r.id}`}>{v}</Link> },
                { title: t('actions.planned'), width: 200, render: (_, r) => `${formatDate(r.plannedStart, lang)} – ${formatDate(r.plannedEnd, lang)}` },
                { title: t('fields.status'), width: 120, render: (_, r) => t(`actionStatus.${r.status}`) },
                { title: t('fields.progress'), width: 180, render: (_, r) => <ProgressCell value={r.progress} expected={r.expectedProgress} rag={r.rag} /> },
                { title: t('rag.label'), width: 120, render: (_, r) => <RagTag rag={r.rag} /> },
                ...(canEdit
                  ? [
                      {
                        title: '',
                        width: 48,
                        render: (_: unknown, r: Action) => (
                          <Button
                            size="small"
                            type="text"
                            icon={<PlusOutlined />}
                            title={t('actions.newChild', { code: r.code })}
                            aria-label={t('actions.newChild', { code: r.code })}
                            onClick={() => setNewAction({ parent: r })}
                          />
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          )}
        </Loadable>
      </Card>

      <Card
        title={t('indicators.title')}
        style={{ marginTop: 16 }}
        extra={
          canEdit && (
            <Button icon={<PlusOutlined />} onClick={() => setNewIndicator(true)} data-testid="indicator-new">
              {t('indicators.new')}
            </Button>
          )
        }
      >
        <Loadable query={indicators}>
          {(list) => (
            <Table<Indicator>
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={[...list].sort((a, b) => compareCodes(a.code, b.code))}
              columns={[
                { title: t('fields.code'), dataIndex: 'code', width: 90, render: (v: string, r) => <Link to={`/indicators/${r.id}`}>{v}</Link> },
                { title: t('fields.indicator'), dataIndex: 'name', render: (v: string, r) => <Link to={`/indicators/${r.id}`}>{v}</Link> },
                { title: t('indicators.type'), width: 130, render: (_, r) => t(`indicatorType.${r.type}`) },
                {
                  title: t('indicators.value'),
                  width: 140,
                  align: 'right',
                  render: (_, r) => `${formatFigure(r.latest?.comparable ?? null, lang)} / ${formatFigure(r.target, lang)}`,
                },
                { title: t('indicators.percentOfTarget'), width: 110, align: 'right', render: (_, r) => formatFigurePercent(r.percentOfTarget, lang) },
                { title: t('fields.status'), width: 120, render: (_, r) => <RagTag rag={r.rag} /> },
              ]}
            />
          )}
        </Loadable>
      </Card>

      {editing && <CommitmentForm open commitment={c} onClose={() => setEditing(false)} />}
      {newAction && (
        <ActionForm
          open
          commitmentId={c.id}
          commitmentCode={c.code}
          parent={newAction.parent}
          allActions={actions.data ?? []}
          onClose={() => setNewAction(null)}
          onSaved={(a) => navigate(`/actions/${a.id}`)}
        />
      )}
      {newIndicator && (
        <IndicatorForm
          open
          commitments={commitments.data ?? [c]}
          actions={actions.data ?? []}
          defaultCommitmentId={c.id}
          onClose={() => setNewIndicator(false)}
          onSaved={(i) => navigate(`/indicators/${i.id}`)}
        />
      )}
    </>
  );
}
