import {
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Popconfirm,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import {
  addReviewInput,
  MEASURE_STATUSES,
  REVIEW_DECISIONS,
  saveMeasureInput,
  type ResidualPoint,
  type RiskDetail as Detail,
  type RiskMeasure,
  type RiskReview,
} from '../../../../electron/contract';
import { api } from '../../api/client';
import { useAuth } from '../../app/auth';
import { Loadable, PageTitle } from '../../ui/components';
import { FormModal } from '../../ui/FormModal';
import { useSaveConflict } from '../../ui/ConflictView';
import { byId } from '../../ui/conflict';
import { parseWith } from '../../ui/forms';
import { dateInputFormat, fromDayjs, toDayjs } from '../../ui/dates';
import { formatDate } from '../../ui/format';
import { useLang, useOpenedVersion } from '../../ui/hooks';
import { enumOptions } from '../../ui/options';
import { useUndoMessage } from '../../ui/undo';
import { reviewAsValues } from './conflicts';
import { useRiskFormErrors, useAddReview, useSaveMeasure } from './mutations';
import { invalidateRisks, useRisk } from './queries';
import { RiskForm, SCORES } from './RiskForm';
import { AboveTag, LevelTag, riskErrorText } from './shared';

export function RiskDetail() {
  const { id = '' } = useParams();
  const q = useRisk(id);
  return <Loadable query={q}>{(r) => <DetailView risk={r} />}</Loadable>;
}

function DetailView({ risk: r }: { risk: Detail }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { canEdit } = useAuth();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const undo = useUndoMessage();
  const { message } = AntApp.useApp();
  const [editing, setEditing] = useState(false);
  const [measure, setMeasure] = useState<RiskMeasure | 'new' | null>(null);
  const [reviewing, setReviewing] = useState(false);

  const remove = async () => {
    try {
      await api.get('risks.delete', { id: r.id, expectedUpdatedAt: r.updatedAt });
      await invalidateRisks(qc);
      navigate('/risks');
      undo(t('risks.deleted', { code: r.code }), async () => {
        await api.get('risks.restore', { id: r.id });
        await invalidateRisks(qc);
        navigate(`/risks/${r.id}`);
      });
    } catch (e) {
      void message.error(riskErrorText(t, e));
    }
  };
  const removeMeasure = async (m: RiskMeasure) => {
    try {
      await api.get('risks.deleteMeasure', { id: m.id, expectedUpdatedAt: m.updatedAt });
      await invalidateRisks(qc);
      undo(t('risks.measures.deleted'), async () => {
        await api.get('risks.restoreMeasure', { id: m.id });
        await invalidateRisks(qc);
      });
    } catch (e) {
      void message.error(riskErrorText(t, e));
    }
  };

  const text = (v: string) => (v ? <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span> : '—');
  return (
    <>
      <PageTitle
        title={
          <Space>
            <span data-testid="risk-title">{r.code}</span>
            <LevelTag level={r.level} exposure={r.exposure} testId="risk-level" />
            <AboveTag show={r.aboveTolerance} />
            {r.status === 'closed' && <Tag>{t('risks.status.closed')}</Tag>}
          </Space>
        }
        sub={<Link to="/risks">{t('risks.back')}</Link>}
        extra={
          canEdit && (
            <>
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="risk-edit">
                {t('common.edit')}
              </Button>
              <Popconfirm
                title={t('risks.confirmDelete', { code: r.code })}
                onConfirm={() => void remove()}
                okText={t('common.delete')}
                cancelText={t('common.cancel')}
              >
                <Button danger icon={<DeleteOutlined />} data-testid="risk-delete">
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            </>
          )
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={2} bordered>
          <Descriptions.Item label={t('risks.fields.description')} span={2}>
            {text(r.description)}
          </Descriptions.Item>
          <Descriptions.Item label={t('risks.fields.area')}>{text(r.area)}</Descriptions.Item>
          <Descriptions.Item label={t('risks.fields.objective')}>{text(r.objective)}</Descriptions.Item>
          <Descriptions.Item label={t('risks.fields.category')}>{t(`risks.category.${r.category}`)}</Descriptions.Item>
          <Descriptions.Item label={t('risks.fields.owner')}>{text(r.owner)}</Descriptions.Item>
          <Descriptions.Item label={t('risks.fields.causes')}>{text(r.causes)}</Descriptions.Item>
          <Descriptions.Item label={t('risks.fields.consequences')}>{text(r.consequences)}</Descriptions.Item>
          <Descriptions.Item label={t('risks.fields.inherent')}>
            {r.inherentProbability} × {r.inherentImpact} = <LevelTag level={r.inherentLevel} exposure={r.inherentExposure} />
          </Descriptions.Item>
          <Descriptions.Item label={t('risks.fields.residual')}>
            {r.residualLevel ? (
              <>
                {r.residualProbability} × {r.residualImpact} = <LevelTag level={r.residualLevel} exposure={r.residualExposure} />
              </>
            ) : (
              '—'
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('risks.fields.strategy')}>{t(`risks.strategy.${r.strategy}`)}</Descriptions.Item>
          <Descriptions.Item label={t('risks.fields.deadline')}>{formatDate(r.deadline, lang)}</Descriptions.Item>
          <Descriptions.Item label={t('risks.fields.lastReviewDate')}>{formatDate(r.lastReviewDate, lang)}</Descriptions.Item>
          <Descriptions.Item label={t('risks.fields.nextReviewDate')}>
            {formatDate(r.nextReviewDate, lang)}{' '}
            {r.reviewState !== 'ok' && r.reviewState !== 'closed' && (
              <Tag color={r.reviewState === 'overdue' ? 'red' : 'gold'}>{t(`risks.reviewState.${r.reviewState}`)}</Tag>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('risks.fields.commitments')}>{r.commitmentCodes.join(', ') || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('risks.fields.actions')}>
            <span data-testid="risk-actions-linked">{r.actionCodes.join(', ') || '—'}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('risks.fields.secondaryRisks')}>{text(r.secondaryRisks)}</Descriptions.Item>
          <Descriptions.Item label={t('risks.fields.notes')}>{text(r.notes)}</Descriptions.Item>
        </Descriptions>
      </Card>

      <Card
        size="small"
        title={t('risks.measures.title')}
        style={{ marginBottom: 16 }}
        extra={
          canEdit && (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setMeasure('new')} data-testid="measure-new">
              {t('risks.measures.new')}
            </Button>
          )
        }
      >
        <Table<RiskMeasure>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={r.measures}
          locale={{ emptyText: t('risks.measures.none') }}
          data-testid="measures-table"
          columns={[
            { title: t('risks.measures.description'), dataIndex: 'description' },
            { title: t('risks.measures.owner'), dataIndex: 'owner', width: 180 },
            { title: t('risks.measures.deadline'), dataIndex: 'deadline', width: 120, render: (v: string | null) => formatDate(v, lang) },
            { title: t('risks.measures.status'), dataIndex: 'status', width: 130, render: (v: string) => t(`risks.measureStatus.${v}`) },
            ...(canEdit
              ? [
                  {
                    title: '',
                    width: 90,
                    render: (_: unknown, m: RiskMeasure) => (
                      <Space size={0}>
                        <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => setMeasure(m)} />
                        <Button
                          type="text"
                          size="small"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('common.delete')}
                          onClick={() => void removeMeasure(m)}
                        />
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>

      <Row gutter={16}>
        <Col span={14}>
          <Card
            size="small"
            title={t('risks.reviews.title')}
            extra={
              canEdit && (
                <Button size="small" icon={<PlusOutlined />} onClick={() => setReviewing(true)} data-testid="review-new">
                  {t('risks.reviews.add')}
                </Button>
              )
            }
          >
            <Table<RiskReview>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={r.reviews}
              locale={{ emptyText: t('risks.reviews.none') }}
              data-testid="reviews-table"
              columns={[
                { title: t('risks.reviews.date'), dataIndex: 'date', width: 110, render: (v: string) => formatDate(v, lang) },
                { title: t('risks.reviews.reviewer'), dataIndex: 'reviewer', width: 150 },
                { title: t('risks.reviews.decision'), dataIndex: 'decision', width: 140, render: (v: string) => t(`risks.decision.${v}`) },
                { title: t('risks.fields.residual'), dataIndex: 'residualExposure', width: 80, render: (v: number | null) => v ?? '—' },
                { title: t('risks.reviews.next'), dataIndex: 'nextReviewDate', width: 110, render: (v: string | null) => formatDate(v, lang) },
                { title: t('risks.reviews.note'), dataIndex: 'note', ellipsis: true },
              ]}
            />
          </Card>
        </Col>
        <Col span={10}>
          <Card size="small" title={t('risks.reviews.history')}>
            <Table<ResidualPoint>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={r.residualHistory}
              locale={{ emptyText: t('risks.reviews.historyNone') }}
              data-testid="residual-history"
              columns={[
                { title: t('fields.date'), dataIndex: 'date', width: 110, render: (v: string) => formatDate(v, lang) },
                { title: 'P × I', render: (_, h) => (h.probability != null ? `${h.probability} × ${h.impact}` : '—') },
                { title: t('risks.fields.exposure'), dataIndex: 'exposure', render: (v: number | null) => v ?? '—' },
                { title: t('risks.reviews.source'), dataIndex: 'source', render: (v: string) => t(`risks.residualSource.${v}`) },
              ]}
            />
          </Card>
        </Col>
      </Row>

      {editing && <RiskForm item={r} onClose={() => setEditing(false)} />}
      {measure && <MeasureForm riskId={r.id} item={measure === 'new' ? undefined : measure} defaultOwner={r.owner} onClose={() => setMeasure(null)} />}
      {reviewing && <ReviewForm risk={r} onClose={() => setReviewing(false)} />}
    </>
  );
}

interface MeasureValues {
  description: string;
  owner: string;
  deadline: Dayjs | null;
  status: string;
  notes: string;
}
const MEASURE_FIELDS = ['description', 'owner', 'deadline', 'status', 'notes'];

function MeasureForm({ riskId, item, defaultOwner, onClose }: { riskId: string; item?: RiskMeasure; defaultOwner: string; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [form] = Form.useForm<MeasureValues>();
  // Fixed when the form opens: a colleague's save refreshing the record makes this save a CONFLICT, not an overwrite.
  const conflict = useSaveConflict({
    form,
    record: item,
    fields: MEASURE_FIELDS,
    labels: 'risks.measures',
    enums: { status: 'risks.measureStatus' },
    load: () => api.get('risks.get', { id: riskId }).then((r) => byId<RiskMeasure>(item!.id)(r.measures)),
    onTakeTheirs: onClose,
  });
  const save = useSaveMeasure(useRiskFormErrors(form, MEASURE_FIELDS, conflict));
  const submit = async (v: MeasureValues) => {
    const input = parseWith(
      saveMeasureInput,
      { ...(item ? { id: item.id, expectedUpdatedAt: conflict.base() } : {}), riskId, ...v, notes: v.notes ?? '', deadline: fromDayjs(v.deadline) },
      form,
      t,
      MEASURE_FIELDS,
    );
    if (!input) return;
    const done = await save.run(input);
    if (!done) return;
    onClose();
  };
  const required = [{ required: true, message: t('validation.required') }];
  return (
    <FormModal<MeasureValues>
      open
      title={item ? t('risks.measures.edit') : t('risks.measures.new')}
      form={form}
      initialValues={item ? { ...item, deadline: toDayjs(item.deadline) } : { owner: defaultOwner, status: 'planned', notes: '' }}
      onCancel={onClose}
      onSubmit={submit}
      busy={save.isPending}
      testId="measure-form"
    >
      {conflict.view}
      <Form.Item name="description" label={t('risks.measures.description')} rules={required}>
        <Input.TextArea rows={2} data-testid="measure-description" />
      </Form.Item>
      <Row gutter={16}>
        <Col span={10}>
          <Form.Item name="owner" label={t('risks.measures.owner')} rules={required}>
            <Input data-testid="measure-owner" />
          </Form.Item>
        </Col>
        <Col span={7}>
          <Form.Item name="deadline" label={t('risks.measures.deadline')}>
            <DatePicker format={dateInputFormat(lang)} style={{ width: '100%' }} data-testid="measure-deadline" />
          </Form.Item>
        </Col>
        <Col span={7}>
          <Form.Item name="status" label={t('risks.measures.status')}>
            <Select options={enumOptions(t, MEASURE_STATUSES, 'risks.measureStatus')} data-testid="measure-status" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="notes" label={t('risks.measures.notes')}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </FormModal>
  );
}

interface ReviewValues {
  date: Dayjs;
  reviewer: string;
  decision: string;
  note: string;
  changeResidual: boolean;
  residualProbability: number | null;
  residualImpact: number | null;
}
const REVIEW_FIELDS = ['date', 'reviewer', 'decision', 'note', 'residualProbability', 'residualImpact'];

function ReviewForm({ risk, onClose }: { risk: Detail; onClose: () => void }) {
  // Fixed when the form opens: the reviews added after it are a colleague's.
  const openedAt = useOpenedVersion(risk.updatedAt);
  const { t } = useTranslation();
  const lang = useLang();
  const [form] = Form.useForm<ReviewValues>();
  // A colleague who reviewed (or changed) the risk meanwhile: their review beside the user's, as on every record form.
  const conflict = useSaveConflict({
    form,
    record: risk,
    fields: REVIEW_FIELDS,
    labels: 'risks.reviews',
    label: { residualProbability: 'risks.fields.residualProbability', residualImpact: 'risks.fields.residualImpact' },
    enums: { decision: 'risks.decision' },
    load: () => api.get('risks.get', { id: risk.id }),
    toValues: (r) => reviewAsValues(r, openedAt, form.getFieldsValue(true) as Record<string, unknown>),
    onTakeTheirs: onClose,
  });
  const change = Form.useWatch('changeResidual', form);
  const save = useAddReview(useRiskFormErrors(form, REVIEW_FIELDS, conflict));
  const submit = async (v: ReviewValues) => {
    const input = parseWith(
      addReviewInput,
      {
        riskId: risk.id,
        expectedUpdatedAt: conflict.base() ?? risk.updatedAt,
        date: fromDayjs(v.date),
        reviewer: v.reviewer,
        decision: v.decision,
        note: v.note ?? '',
        ...(v.changeResidual ? { residualProbability: v.residualProbability ?? null, residualImpact: v.residualImpact ?? null } : {}),
      },
      form,
      t,
      REVIEW_FIELDS,
    );
    if (!input) return;
    const done = await save.run(input);
    if (!done) return;
    onClose();
  };
  const required = [{ required: true, message: t('validation.required') }];
  return (
    <FormModal<ReviewValues>
      open
      title={`${t('risks.reviews.add')} · ${risk.code}`}
      form={form}
      initialValues={{
        date: dayjs(),
        decision: 'keep',
        changeResidual: false,
        residualProbability: risk.residualProbability,
        residualImpact: risk.residualImpact,
      }}
      onCancel={onClose}
      onSubmit={submit}
      busy={save.isPending}
      testId="review-form"
    >
      {conflict.view}
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="date" label={t('risks.reviews.date')} rules={required}>
            <DatePicker
              format={dateInputFormat(lang)}
              style={{ width: '100%' }}
              allowClear={false}
              disabledDate={(d) => d.isAfter(dayjs(), 'day')}
              data-testid="review-date"
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="reviewer" label={t('risks.reviews.reviewer')} rules={required}>
            <Input data-testid="review-reviewer" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="decision" label={t('risks.reviews.decision')} rules={required}>
            <Select options={enumOptions(t, REVIEW_DECISIONS, 'risks.decision')} data-testid="review-decision" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="changeResidual" valuePropName="checked">
        <Checkbox data-testid="review-change-residual">{t('risks.reviews.changeResidual')}</Checkbox>
      </Form.Item>
      {change && (
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="residualProbability" label={t('risks.fields.residualProbability')}>
              <Select allowClear options={SCORES} data-testid="review-residual-probability" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="residualImpact" label={t('risks.fields.residualImpact')}>
              <Select allowClear options={SCORES} data-testid="review-residual-impact" />
            </Form.Item>
          </Col>
        </Row>
      )}
      <Form.Item name="note" label={t('risks.reviews.note')}>
        <Input.TextArea rows={3} data-testid="review-note" />
      </Form.Item>
      <Typography.Text className="pla-muted">{t('risks.settings.bands')}</Typography.Text>
    </FormModal>
  );
}
