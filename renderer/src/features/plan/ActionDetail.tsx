import { Alert, Breadcrumb, Button, Card, Col, Descriptions, Modal, Row, Spin, Typography } from 'antd';
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Action, ActionDeleteImpact } from '../../../../electron/contract';
import { api } from '../../api/client';
import { useAuth } from '../../app/auth';
import { Loadable, NotFound, PageTitle, ProgressCell, RagTag } from '../../ui/components';
import { formatDate, formatNumber } from '../../ui/format';
import { useErrorHandler, useLang } from '../../ui/hooks';
import { useUndoMessage } from '../../ui/undo';
import { ActionForm } from './ActionForm';
import { Milestones } from './Milestones';
import { ProgressUpdates } from './ProgressUpdates';
import { useDeleteAction } from './mutations';
import { invalidatePlan, useActions, useCommitments } from './queries';

export function ActionDetail() {
  const { id = '' } = useParams();
  const q = useActions();
  return (
    <Loadable query={q}>
      {(all) => {
        const a = all.find((x) => x.id === id);
        return a ? <ActionView a={a} all={all} /> : <NotFound />;
      }}
    </Loadable>
  );
}

function ActionView({ a, all }: { a: Action; all: Action[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { canEdit } = useAuth();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const onError = useErrorHandler();
  const undoMessage = useUndoMessage();
  const commitments = useCommitments();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const c = commitments.data?.find((x) => x.id === a.commitmentId);
  const parent = a.parentId ? all.find((x) => x.id === a.parentId) : null;
  const children = all.filter((x) => x.parentId === a.id);

  const del = useDeleteAction(() => navigate(`/commitments/${a.commitmentId}`));
  const remove = async () => {
    if (!(await del.run({ id: a.id, expectedUpdatedAt: a.updatedAt }))) return;
    undoMessage(t('actions.deleted', { code: a.code }), async () => {
      try {
        await api.get('plan.restoreAction', { id: a.id });
        await invalidatePlan(qc);
        navigate(`/actions/${a.id}`);
      } catch (e) {
        onError(e);
      }
    });
  };

  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[
          { title: <Link to="/commitments">{t('nav.commitments')}</Link> },
          { title: <Link to={`/commitments/${a.commitmentId}`}>{c?.code ?? '…'}</Link> },
          ...(parent ? [{ title: <Link to={`/actions/${parent.id}`}>{parent.code}</Link> }] : []),
          { title: a.code },
        ]}
      />
      <PageTitle
        title={
          <span data-testid="action-heading">
            {a.code} · {a.title}
          </span>
        }
        sub={<RagTag rag={a.rag} />}
        extra={
          canEdit && (
            <>
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="action-edit">
                {t('common.edit')}
              </Button>
              <Button danger icon={<DeleteOutlined />} onClick={() => setDeleting(true)} data-testid="action-delete">
                {t('common.delete')}
              </Button>
            </>
          )
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={13}>
          <Card title={t('actions.details')}>
            <Descriptions colon={false} column={1} size="small" styles={{ label: { width: 200 } }}>
              <Descriptions.Item label={t('fields.status')}>{t(`actionStatus.${a.status}`)}</Descriptions.Item>
              <Descriptions.Item label={t('fields.progress')}>
                <ProgressCell value={a.progress} expected={a.expectedProgress} rag={a.rag} testId="action-progress" />
              </Descriptions.Item>
              <Descriptions.Item label={t('fields.weight')}>{formatNumber(a.weight, lang)}</Descriptions.Item>
              <Descriptions.Item label={t('actions.planned')}>
                {formatDate(a.plannedStart, lang)} – {formatDate(a.plannedEnd, lang)}
              </Descriptions.Item>
              <Descriptions.Item label={t('actions.actual')}>
                {formatDate(a.actualStart, lang)} – {formatDate(a.actualEnd, lang)}
              </Descriptions.Item>
              <Descriptions.Item label={t('actions.deliverable')}>
                <span className="pla-pre">{a.deliverable || '—'}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('actions.responsibleOrg')}>{a.responsibleOrg || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('fields.responsiblePerson')}>{a.responsiblePerson || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('actions.blockers')}>
                <span className="pla-pre">{a.blockers || '—'}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('actions.lastUpdate')}>{formatDate(a.lastUpdateDate, lang)}</Descriptions.Item>
              {children.length > 0 && (
                <Descriptions.Item label={t('actions.children')}>
                  {children.map((ch) => (
                    <div key={ch.id}>
                      <Link to={`/actions/${ch.id}`}>
                        {ch.code} {ch.title}
                      </Link>
                    </div>
                  ))}
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} xl={11}>
          <Milestones actionId={a.id} canEdit={canEdit} />
        </Col>
      </Row>
      <div style={{ marginTop: 16 }}>
        <ProgressUpdates action={a} canEdit={canEdit} />
      </div>
      {deleting && <DeleteActionDialog a={a} busy={del.isPending} onCancel={() => setDeleting(false)} onConfirm={remove} />}
      {editing && c && <ActionForm open commitmentId={a.commitmentId} commitmentCode={c.code} action={a} allActions={all} onClose={() => setEditing(false)} />}
    </>
  );
}

/**
 * The delete prompt says what goes with the action before the user confirms: its sub-actions, its history
 * (progress updates), milestones, evidence files and RACI roles, read from the server; linked indicators stay.
 */
function DeleteActionDialog({ a, busy, onCancel, onConfirm }: { a: Action; busy: boolean; onCancel: () => void; onConfirm: () => Promise<void> }) {
  const { t } = useTranslation();
  const impact = useQuery({ queryKey: ['plan', 'deleteImpact', a.id], queryFn: () => api.get('plan.getActionDeleteImpact', { id: a.id }), gcTime: 0 });
  const lines = impact.data ? impactLines(t, impact.data) : [];
  return (
    <Modal
      open
      title={t('actions.confirmDelete', { code: a.code })}
      okText={t('actions.deleteAll')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, disabled: !impact.data, loading: busy, 'data-testid': 'action-delete-confirm' }}
      cancelButtonProps={{ autoFocus: true }}
      onCancel={onCancel}
      onOk={async () => {
        await onConfirm();
        onCancel();
      }}
      data-testid="action-delete-dialog"
    >
      <div data-testid="action-delete-impact">
        {impact.isPending && <Spin />}
        {impact.isError && <Alert type="error" showIcon title={t('actions.impactFailed')} />}
        {impact.data &&
          (lines.length ? (
            <>
              <Typography.Paragraph>{t('actions.goesWithIt')}</Typography.Paragraph>
              <ul>
                {lines.map((l) => (
                  <li key={l.key} data-testid={`impact-${l.key}`}>
                    {l.text}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <Typography.Paragraph data-testid="impact-nothing">{t('actions.nothingElse')}</Typography.Paragraph>
          ))}
        {impact.data && impact.data.indicators > 0 && (
          <Typography.Paragraph data-testid="impact-indicators">{t('actions.impactIndicators', { count: impact.data.indicators })}</Typography.Paragraph>
        )}
        <Typography.Paragraph type="secondary">{t('actions.undoHint')}</Typography.Paragraph>
      </div>
    </Modal>
  );
}

function impactLines(t: (k: string, o?: Record<string, unknown>) => string, i: ActionDeleteImpact) {
  const out: Array<{ key: string; text: string }> = [];
  if (i.subActions.length)
    out.push({ key: 'subActions', text: t('actions.impactSubActions', { count: i.subActions.length, codes: i.subActions.map((s) => s.code).join(', ') }) });
  if (i.progressUpdates) out.push({ key: 'progressUpdates', text: t('actions.impactUpdates', { count: i.progressUpdates }) });
  if (i.milestones) out.push({ key: 'milestones', text: t('actions.impactMilestones', { count: i.milestones }) });
  if (i.evidence) out.push({ key: 'evidence', text: t('actions.impactEvidence', { count: i.evidence }) });
  if (i.raciLinks) out.push({ key: 'raciLinks', text: t('actions.impactRaci', { count: i.raciLinks }) });
  return out;
}
