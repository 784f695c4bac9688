import { App as AntApp, Col, DatePicker, Form, Input, Row, Select } from 'antd';
import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { RISK_CATEGORIES, RISK_STATUSES, RISK_STRATEGIES, saveRiskInput, type Risk, type RiskSummary } from '../../../../electron/contract';
import { api } from '../../api/client';
import { compareCodes } from '../../charts/dashboard';
import { FormModal } from '../../ui/FormModal';
import { useRecordConflict } from '../../ui/ConflictView';
import type { ConflictField } from '../../ui/conflict';
import { parseWith } from '../../ui/forms';
import { dateInputFormat, fromDayjs, toDayjs } from '../../ui/dates';
import { useLang } from '../../ui/hooks';
import { enumOptions } from '../../ui/options';
import { useActions, useCommitments } from '../plan/queries';
import { useRiskFormErrors, useSaveRisk } from './mutations';
import { invalidateRisks } from './queries';
import { riskErrorText } from './shared';

interface Values {
  code: string;
  area: string;
  objective: string;
  description: string;
  category: string;
  causes: string;
  consequences: string;
  owner: string;
  inherentProbability: number;
  inherentImpact: number;
  strategy: string;
  deadline: Dayjs | null;
  status: string;
  residualProbability: number | null;
  residualImpact: number | null;
  secondaryRisks: string;
  notes: string;
  commitmentIds: string[];
  actionIds: string[];
}
const FIELDS = [
  'code',
  'area',
  'objective',
  'description',
  'category',
  'causes',
  'consequences',
  'owner',
  'inherentProbability',
  'inherentImpact',
  'strategy',
  'deadline',
  'status',
  'residualProbability',
  'residualImpact',
  'secondaryRisks',
  'notes',
  'commitmentIds',
  'actionIds',
];
export const SCORES = [1, 2, 3, 4, 5].map((n) => ({ value: n, label: String(n) }));

/** A saved risk as the form's values. */
const toValues = (r: Risk): Values => ({ ...r, deadline: toDayjs(r.deadline) }) as unknown as Values;

/** Create or edit a risk with every SCIM column; the scores are 1–5 and exposure is computed. */
export function RiskForm({ item, onClose, onSaved }: { item?: Risk; onClose: () => void; onSaved?: (r: RiskSummary) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const commitments = useCommitments();
  const actions = useActions();
  // The version being edited: fixed when the form opens (a live refresh of the record must not turn a stale save
  // into an overwrite); after a conflict is resolved, the colleague's version.
  const readAt = useRef(item?.updatedAt);
  const conflictFields = useMemo<ConflictField[]>(() => {
    const codes = (list: { id: string; code: string }[] | undefined) => (v: unknown) =>
      (Array.isArray(v) ? v : [])
        .map((id) => list?.find((x) => x.id === id)?.code ?? String(id))
        .sort(compareCodes)
        .join(', ');
    const enumText = (prefix: string) => (v: unknown) => (v ? t(`${prefix}.${String(v)}`) : '');
    const special: Record<string, (v: unknown) => string> = {
      category: enumText('risks.category'),
      strategy: enumText('risks.strategy'),
      status: enumText('risks.status'),
      commitmentIds: codes(commitments.data),
      actionIds: codes(actions.data),
    };
    return FIELDS.map((name) => ({ name, label: t(`risks.fields.${name.replace(/Ids$/, 's')}`), ...(special[name] ? { format: special[name] } : {}) }));
  }, [t, commitments.data, actions.data]);
  const conflict = useRecordConflict({
    fields: conflictFields,
    form,
    load: () => api.get('risks.get', { id: item!.id }),
    toValues,
    setBase: (v) => (readAt.current = v),
    onTakeTheirs: async () => {
      await invalidateRisks(qc);
      onClose();
    },
  });
  const p = Form.useWatch('inherentProbability', form);
  const i = Form.useWatch('inherentImpact', form);
  const rp = Form.useWatch('residualProbability', form);
  const ri = Form.useWatch('residualImpact', form);

  const save = useSaveRisk(
    useRiskFormErrors(form, FIELDS, {
      handle: async (e) => {
        if ((e as { code?: string }).code !== 'CONFLICT' || !item) return false;
        try {
          await conflict.resolve();
        } catch (err) {
          // The record is gone (deleted meanwhile) or cannot be read: say so; the form keeps what was typed.
          void message.error(riskErrorText(t, err));
        }
        return true;
      },
    }),
  );
  const submit = async (v: Values) => {
    const input = parseWith(
      saveRiskInput,
      {
        ...(item ? { id: item.id, expectedUpdatedAt: readAt.current } : {}),
        ...v,
        code: v.code?.trim() ?? '',
        deadline: fromDayjs(v.deadline),
        residualProbability: v.residualProbability ?? null,
        residualImpact: v.residualImpact ?? null,
        commitmentIds: v.commitmentIds ?? [],
        actionIds: v.actionIds ?? [],
      },
      form,
      t,
      FIELDS,
    );
    if (!input) return;
    const done = await save.run(input);
    if (!done) return;
    const saved = done.data;
    void message.success(t('risks.saved', { code: saved.code }));
    onSaved?.(saved);
    onClose();
  };

  const required = [{ required: true, message: t('validation.required') }];
  return (
    <>
      {conflict.view}
      <FormModal<Values>
        open
        width={860}
        title={item ? t('risks.edit', { code: item.code }) : t('risks.new')}
        form={form}
        initialValues={
          item
            ? toValues(item)
            : {
                code: '',
                category: 'operational',
                strategy: 'treat',
                status: 'open',
                commitmentIds: [],
                actionIds: [],
                residualProbability: null,
                residualImpact: null,
              }
        }
        onCancel={onClose}
        onSubmit={submit}
        busy={save.isPending}
        testId="risk-form"
      >
        <Row gutter={16}>
          <Col span={6}>
            <Form.Item name="code" label={t('risks.fields.code')}>
              <Input placeholder="R-001" data-testid="risk-code" />
            </Form.Item>
          </Col>
          <Col span={9}>
            <Form.Item name="area" label={t('risks.fields.area')}>
              <Input data-testid="risk-area" />
            </Form.Item>
          </Col>
          <Col span={9}>
            <Form.Item name="owner" label={t('risks.fields.owner')}>
              <Input data-testid="risk-owner" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="description" label={t('risks.fields.description')} rules={required}>
          <Input.TextArea rows={2} data-testid="risk-description" />
        </Form.Item>
        <Form.Item name="objective" label={t('risks.fields.objective')}>
          <Input data-testid="risk-objective" />
        </Form.Item>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="category" label={t('risks.fields.category')} rules={required}>
              <Select options={enumOptions(t, RISK_CATEGORIES, 'risks.category')} data-testid="risk-category" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="strategy" label={t('risks.fields.strategy')}>
              <Select options={enumOptions(t, RISK_STRATEGIES, 'risks.strategy')} data-testid="risk-strategy" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="status" label={t('risks.fields.status')}>
              <Select options={enumOptions(t, RISK_STATUSES, 'risks.status')} data-testid="risk-status" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="causes" label={t('risks.fields.causes')}>
              <Input.TextArea rows={2} data-testid="risk-causes" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="consequences" label={t('risks.fields.consequences')}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={6}>
            <Form.Item name="inherentProbability" label={t('risks.fields.inherentProbability')} rules={required}>
              <Select options={SCORES} data-testid="risk-inherent-probability" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item
              name="inherentImpact"
              label={t('risks.fields.inherentImpact')}
              rules={required}
              extra={p && i ? `${t('risks.fields.exposure')}: ${p * i}` : undefined}
            >
              <Select options={SCORES} data-testid="risk-inherent-impact" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="residualProbability" label={t('risks.fields.residualProbability')}>
              <Select allowClear options={SCORES} data-testid="risk-residual-probability" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item
              name="residualImpact"
              label={t('risks.fields.residualImpact')}
              extra={rp && ri ? `${t('risks.fields.exposure')}: ${rp * ri}` : undefined}
            >
              <Select allowClear options={SCORES} data-testid="risk-residual-impact" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="deadline" label={t('risks.fields.deadline')}>
              <DatePicker format={dateInputFormat(lang)} style={{ width: '100%' }} data-testid="risk-deadline" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="commitmentIds" label={t('risks.fields.commitments')}>
              <Select
                mode="multiple"
                optionFilterProp="label"
                options={[...(commitments.data ?? [])].sort((a, b) => compareCodes(a.code, b.code)).map((c) => ({ value: c.id, label: c.code }))}
                data-testid="risk-commitments"
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="actionIds" label={t('risks.fields.actions')}>
              <Select
                mode="multiple"
                optionFilterProp="label"
                options={[...(actions.data ?? [])].sort((a, b) => compareCodes(a.code, b.code)).map((a) => ({ value: a.id, label: a.code, title: a.title }))}
                data-testid="risk-actions"
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="secondaryRisks" label={t('risks.fields.secondaryRisks')}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="notes" label={t('risks.fields.notes')}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </Col>
        </Row>
      </FormModal>
    </>
  );
}
