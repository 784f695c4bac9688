import { App as AntApp, Button, Col, DatePicker, Form, Input, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { ALERT_DECISIONS, decideAlertInput, RISK_CATEGORIES, riskLevel, saveAlertInput, type RiskAlert } from '../../../../electron/contract';
import { api } from '../../api/client';
import { useAuth } from '../../app/auth';
import { ListEmpty, Loadable, PageTitle } from '../../ui/components';
import { FormModal } from '../../ui/FormModal';
import { useSaveConflict } from '../../ui/ConflictView';
import { byId } from '../../ui/conflict';
import { parseWith } from '../../ui/forms';
import { dateInputFormat, fromDayjs, toDayjs } from '../../ui/dates';
import { formatDate } from '../../ui/format';
import { useLang } from '../../ui/hooks';
import { enumOptions } from '../../ui/options';
import { useUndoMessage } from '../../ui/undo';
import { useActions } from '../plan/queries';
import { compareCodes } from '../../charts/dashboard';
import { decisionAsValues } from './conflicts';
import { useRiskFormErrors, useDecideAlert, useSaveAlert } from './mutations';
import { invalidateRisks, useAlerts } from './queries';
import { SCORES } from './RiskForm';
import { LevelTag, riskErrorText } from './shared';

/** The risk-alert forms ("Formular de alertă la risc") and the risk team's decision on each. */
export function Alerts() {
  const { t } = useTranslation();
  const lang = useLang();
  const { canEdit } = useAuth();
  const q = useAlerts();
  const qc = useQueryClient();
  const undo = useUndoMessage();
  const { message } = AntApp.useApp();
  const [editing, setEditing] = useState<RiskAlert | 'new' | null>(null);
  const [deciding, setDeciding] = useState<RiskAlert | null>(null);
  const remove = async (a: RiskAlert) => {
    try {
      await api.get('risks.deleteAlert', { id: a.id, expectedUpdatedAt: a.updatedAt });
      await invalidateRisks(qc);
      undo(t('risks.alerts.deleted'), async () => {
        await api.get('risks.restoreAlert', { id: a.id });
        await invalidateRisks(qc);
      });
    } catch (e) {
      void message.error(riskErrorText(t, e));
    }
  };
  return (
    <>
      <PageTitle
        title={t('risks.alerts.title')}
        sub={t('risks.alerts.sub')}
        extra={
          canEdit && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="alert-new">
              {t('risks.alerts.new')}
            </Button>
          )
        }
      />
      <Loadable query={q}>
        {(rows) => (
          <Table<RiskAlert>
            rowKey="id"
            size="middle"
            dataSource={rows}
            pagination={false}
            locale={{
              emptyText: (
                <ListEmpty
                  none={t('risks.alerts.none')}
                  hint={t('risks.alerts.noneHint')}
                  action={
                    canEdit && (
                      <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="alert-new-empty">
                        {t('risks.alerts.new')}
                      </Button>
                    )
                  }
                  testId="alerts-empty"
                />
              ),
            }}
            data-testid="alerts-table"
            expandable={{
              expandedRowRender: (a) => (
                <Space direction="vertical">
                  <span>
                    <b>{t('risks.alerts.causes')}:</b> {a.causes || '—'}
                  </span>
                  <span>
                    <b>{t('risks.alerts.effects')}:</b> {a.effects || '—'}
                  </span>
                  <span>
                    <b>{t('risks.alerts.documentation')}:</b> {a.documentation || '—'}
                  </span>
                  <span style={{ whiteSpace: 'pre-wrap' }}>
                    <b>{t('risks.alerts.proposedMeasures')}:</b> {a.proposedMeasures || '—'}
                  </span>
                  {a.decisionNote && (
                    <span>
                      <b>{t('risks.alerts.decisionNote')}:</b> {a.decisionNote}
                    </span>
                  )}
                </Space>
              ),
            }}
            onRow={(a) => ({ 'data-testid': `alert-row-${a.id}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              {
                title: t('risks.alerts.identifiedDate'),
                dataIndex: 'identifiedDate',
                width: 120,
                sorter: (a, b) => a.identifiedDate.localeCompare(b.identifiedDate),
                render: (v: string) => formatDate(v, lang),
              },
              { title: t('risks.alerts.activity'), dataIndex: 'activity', width: 220, ellipsis: true },
              { title: t('risks.alerts.risk'), dataIndex: 'risk', ellipsis: true },
              { title: t('risks.alerts.identifiedBy'), dataIndex: 'identifiedBy', width: 150 },
              {
                title: t('risks.alerts.exposure'),
                dataIndex: 'exposure',
                width: 140,
                sorter: (a, b) => a.exposure - b.exposure,
                render: (v: number) => <LevelTag level={riskLevel(v)} exposure={v} />,
              },
              {
                title: t('risks.alerts.decision'),
                dataIndex: 'decision',
                width: 220,
                filters: ALERT_DECISIONS.map((d) => ({ text: t(`risks.alertDecision.${d}`), value: d })),
                onFilter: (v, a) => a.decision === v,
                render: (v: string | null, a) =>
                  v === 'register' ? (
                    <Link to={`/risks/${a.riskId}`} data-testid="alert-risk-link">
                      {t('risks.alerts.registered', { code: a.riskCode ?? '' })}
                    </Link>
                  ) : v ? (
                    <Tag>
                      {t(`risks.alertDecision.${v}`)} · {formatDate(a.decisionDate, lang)}
                    </Tag>
                  ) : (
                    <Typography.Text className="pla-muted">{t('risks.alerts.pending')}</Typography.Text>
                  ),
              },
              ...(canEdit
                ? [
                    {
                      title: '',
                      width: 170,
                      render: (_: unknown, a: RiskAlert) =>
                        a.decision === 'register' ? null : (
                          <Space size={0}>
                            <Button size="small" onClick={() => setDeciding(a)} data-testid="alert-decide">
                              {t('risks.alerts.decide')}
                            </Button>
                            <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => setEditing(a)} />
                            <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => void remove(a)} />
                          </Space>
                        ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Loadable>
      {editing && <AlertForm item={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
      {deciding && <DecisionForm alert={deciding} onClose={() => setDeciding(null)} />}
    </>
  );
}

interface AlertValues {
  activity: string;
  risk: string;
  identifiedBy: string;
  identifiedDate: Dayjs;
  causes: string;
  effects: string;
  probability: number;
  impact: number;
  documentation: string;
  proposedMeasures: string;
}
const ALERT_FIELDS = ['activity', 'risk', 'identifiedBy', 'identifiedDate', 'causes', 'effects', 'probability', 'impact', 'documentation', 'proposedMeasures'];

function AlertForm({ item, onClose }: { item?: RiskAlert; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [form] = Form.useForm<AlertValues>();
  // Fixed when the form opens: a colleague's save refreshing the record makes this save a CONFLICT, not an overwrite.
  const conflict = useSaveConflict({
    form,
    record: item,
    fields: ALERT_FIELDS,
    labels: 'risks.alerts',
    load: () => api.get('risks.listAlerts', {}).then(byId(item!.id)),
    onTakeTheirs: onClose,
  });
  const { message } = AntApp.useApp();
  const p = Form.useWatch('probability', form);
  const i = Form.useWatch('impact', form);
  const save = useSaveAlert(useRiskFormErrors(form, ALERT_FIELDS, conflict));
  const submit = async (v: AlertValues) => {
    const input = parseWith(
      saveAlertInput,
      {
        ...(item ? { id: item.id, expectedUpdatedAt: conflict.base() } : {}),
        ...v,
        identifiedDate: fromDayjs(v.identifiedDate),
        causes: v.causes ?? '',
        effects: v.effects ?? '',
        documentation: v.documentation ?? '',
        proposedMeasures: v.proposedMeasures ?? '',
      },
      form,
      t,
      ALERT_FIELDS,
    );
    if (!input) return;
    const done = await save.run(input);
    if (!done) return;
    void message.success(t('risks.alerts.saved'));
    onClose();
  };
  const required = [{ required: true, message: t('validation.required') }];
  return (
    <FormModal<AlertValues>
      open
      width={760}
      title={item ? t('risks.alerts.edit') : t('risks.alerts.new')}
      form={form}
      initialValues={item ? { ...item, identifiedDate: toDayjs(item.identifiedDate) ?? dayjs() } : { identifiedDate: dayjs() }}
      onCancel={onClose}
      onSubmit={submit}
      busy={save.isPending}
      testId="alert-form"
    >
      {conflict.view}
      <Form.Item name="activity" label={t('risks.alerts.activity')} rules={required}>
        <Input data-testid="alert-activity" />
      </Form.Item>
      <Form.Item name="risk" label={t('risks.alerts.risk')} rules={required}>
        <Input.TextArea rows={2} data-testid="alert-risk" />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="identifiedBy" label={t('risks.alerts.identifiedBy')} rules={required}>
            <Input data-testid="alert-identified-by" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="identifiedDate" label={t('risks.alerts.identifiedDate')} rules={required}>
            <DatePicker
              format={dateInputFormat(lang)}
              style={{ width: '100%' }}
              allowClear={false}
              disabledDate={(d) => d.isAfter(dayjs(), 'day')}
              data-testid="alert-date"
            />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="causes" label={t('risks.alerts.causes')}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="effects" label={t('risks.alerts.effects')}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="probability" label={t('risks.alerts.probability')} rules={required}>
            <Select options={SCORES} data-testid="alert-probability" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="impact" label={t('risks.alerts.impact')} rules={required} extra={p && i ? `${t('risks.alerts.exposure')}: ${p * i}` : undefined}>
            <Select options={SCORES} data-testid="alert-impact" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="documentation" label={t('risks.alerts.documentation')}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.Item name="proposedMeasures" label={t('risks.alerts.proposedMeasures')}>
        <Input.TextArea rows={3} data-testid="alert-measures" />
      </Form.Item>
    </FormModal>
  );
}

interface DecisionValues {
  decision: string;
  date: Dayjs;
  note: string;
  category: string;
  area: string;
  owner: string;
  actionIds: string[];
}
const DECISION_FIELDS = ['decision', 'date', 'note', 'category', 'area', 'owner', 'actionIds'];
/** What a colleague's decision changes on the alert: the decision, its date and its note (the rest is the new risk's). */
const DECISION_CONFLICT_FIELDS = ['decision', 'date', 'note'];

function DecisionForm({ alert, onClose }: { alert: RiskAlert; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [form] = Form.useForm<DecisionValues>();
  // A colleague who decided (or edited the alert) meanwhile: their decision beside the user's, as on every record form.
  const conflict = useSaveConflict({
    form,
    record: alert,
    fields: DECISION_CONFLICT_FIELDS,
    labels: 'risks.alerts',
    label: { date: 'risks.alerts.decisionDate', note: 'risks.alerts.decisionNote' },
    enums: { decision: 'risks.alertDecision' },
    load: () => api.get('risks.listAlerts', {}).then(byId(alert.id)),
    toValues: (a) => decisionAsValues(a, form.getFieldsValue(true) as Record<string, unknown>),
    onTakeTheirs: onClose,
  });
  const { message } = AntApp.useApp();
  const actions = useActions();
  const decision = Form.useWatch('decision', form);
  const save = useDecideAlert(useRiskFormErrors(form, DECISION_FIELDS, conflict));
  const submit = async (v: DecisionValues) => {
    const input = parseWith(
      decideAlertInput,
      {
        id: alert.id,
        expectedUpdatedAt: conflict.base() ?? alert.updatedAt,
        decision: v.decision,
        date: fromDayjs(v.date),
        note: v.note ?? '',
        category: v.category,
        area: v.area ?? '',
        owner: v.owner ?? '',
        actionIds: v.actionIds ?? [],
      },
      form,
      t,
      DECISION_FIELDS,
    );
    if (!input) return;
    const done = await save.run(input);
    if (!done) return;
    void message.success(t('risks.alerts.decided'));
    onClose();
  };
  return (
    <FormModal<DecisionValues>
      open
      title={`${t('risks.alerts.decision')} · ${alert.risk.slice(0, 60)}`}
      form={form}
      initialValues={{ decision: alert.decision ?? 'investigate', date: dayjs(), category: 'operational', actionIds: [] }}
      onCancel={onClose}
      onSubmit={submit}
      busy={save.isPending}
      testId="decision-form"
    >
      {conflict.view}
      <Row gutter={16}>
        <Col span={14}>
          <Form.Item name="decision" label={t('risks.alerts.decision')} rules={[{ required: true, message: t('validation.required') }]}>
            <Select options={enumOptions(t, ALERT_DECISIONS, 'risks.alertDecision')} data-testid="decision-select" />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name="date" label={t('risks.alerts.decisionDate')} rules={[{ required: true, message: t('validation.required') }]}>
            <DatePicker format={dateInputFormat(lang)} style={{ width: '100%' }} allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
        </Col>
      </Row>
      {decision === 'register' && (
        <>
          <Typography.Paragraph className="pla-muted">{t('risks.alerts.registerHint')}</Typography.Paragraph>
          <Row gutter={16}>
            <Col span={8}>
              <Form.Item name="category" label={t('risks.fields.category')}>
                <Select options={enumOptions(t, RISK_CATEGORIES, 'risks.category')} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="area" label={t('risks.fields.area')}>
                <Input />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="owner" label={t('risks.fields.owner')}>
                <Input data-testid="decision-owner" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="actionIds" label={t('risks.fields.actions')}>
            <Select
              mode="multiple"
              optionFilterProp="label"
              options={[...(actions.data ?? [])].sort((a, b) => compareCodes(a.code, b.code)).map((a) => ({ value: a.id, label: a.code, title: a.title }))}
            />
          </Form.Item>
        </>
      )}
      <Form.Item name="note" label={t('risks.alerts.decisionNote')}>
        <Input.TextArea rows={3} data-testid="decision-note" />
      </Form.Item>
    </FormModal>
  );
}
