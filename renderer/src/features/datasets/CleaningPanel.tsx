import { App as AntApp, Button, Card, Col, Input, List, Row, Select, Space, Table, Typography } from 'antd';
import { ArrowUpOutlined, DeleteOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CLEANING_OPS,
  cleaningStepSchema,
  type CleaningOp,
  type CleaningStep,
  type DatasetDetail,
  type StepsPreview,
  type ValueCluster,
} from '../../../../electron/contract';
import { api } from '../../api/client';
import { useAuth } from '../../app/auth';
import { StepLogList } from './ImportPanel';
import { invalidateDatasets } from './queries';
import { useDatasetErrors } from './shared';

interface Draft {
  op: CleaningOp;
  fields: string[];
  mode: 'upper' | 'lower' | 'title';
  format: string;
  decimalChar: string;
  groupChar: string;
  separator: string;
  into: string;
  from: string;
  to: string;
  mapping: string;
}
const EMPTY: Draft = {
  op: 'trim',
  fields: [],
  mode: 'title',
  format: '%d.%m.%Y',
  decimalChar: ',',
  groupChar: '.',
  separator: ' ',
  into: '',
  from: '',
  to: '',
  mapping: '',
};

/** A draft from the form as a step (the contract's schema decides what is valid). */
function toStep(d: Draft): unknown {
  switch (d.op) {
    case 'trim':
      return { op: 'trim', fields: d.fields, collapse: true };
    case 'case':
      return { op: 'case', fields: d.fields, mode: d.mode };
    case 'cedilla':
      return { op: 'cedilla', fields: d.fields };
    case 'date':
      return { op: 'date', fields: d.fields, format: d.format };
    case 'number':
      return { op: 'number', fields: d.fields, decimalChar: d.decimalChar, groupChar: d.groupChar };
    case 'map':
      return {
        op: 'map',
        field: d.fields[0] ?? '',
        mapping: Object.fromEntries(
          d.mapping
            .split('\n')
            .filter((l) => l.includes('=>'))
            .map((l) => l.split('=>').map((x) => x.trim()) as [string, string]),
        ),
      };
    case 'split':
      return {
        op: 'split',
        field: d.fields[0] ?? '',
        separator: d.separator,
        into: d.into
          .split('|')
          .map((x) => x.trim())
          .filter(Boolean),
      };
    case 'merge':
      return { op: 'merge', fields: d.fields, separator: d.separator, into: d.into.trim() };
    case 'drop':
      return { op: 'drop', fields: d.fields };
    case 'rename':
      return { op: 'rename', from: d.fields[0] ?? '', to: d.to.trim() };
    case 'dedupe':
      return { op: 'dedupe', fields: d.fields };
  }
}

const describe = (s: CleaningStep) =>
  'fields' in s && Array.isArray(s.fields)
    ? s.fields.length
      ? s.fields.join(', ')
      : '*'
    : s.op === 'map'
      ? `${s.field}: ${Object.entries(s.mapping)
          .map(([a, b]) => `${a} → ${b}`)
          .join('; ')}`
      : s.op === 'split'
        ? `${s.field} → ${s.into.join(', ')}`
        : s.op === 'rename'
          ? `${s.from} → ${s.to}`
          : '';

export function CleaningPanel({ d }: { d: DatasetDetail }) {
  const { t } = useTranslation();
  const { canEdit } = useAuth();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const onError = useDatasetErrors();
  const [steps, setSteps] = useState<CleaningStep[]>(d.steps);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [preview, setPreview] = useState<StepsPreview | null>(null);
  const [columns, setColumns] = useState<string[]>([]);
  const [clusterField, setClusterField] = useState<string | undefined>();
  const [clusters, setClusters] = useState<ValueCluster[] | null>(null);
  const imp = d.imports[0];
  const encoding = imp ? (imp.encoding ?? (imp.detected?.encoding.startsWith('utf-8') ? 'utf-8' : (imp.detected?.encoding as never))) : undefined;

  useEffect(() => {
    if (!imp) return;
    void api
      .call('datasets.previewSteps', { importId: imp.id, steps: [], limit: 1, ...(encoding ? { encoding } : {}) })
      .then((r) => r.ok && setColumns(r.value.before.columns));
  }, [imp, encoding]);

  const columnsAt = preview?.after.columns ?? columns;
  /** Previews are asked for on every change and may answer out of order: only the latest request's answer is shown. */
  const previewSeq = useRef(0);
  const runPreview = async (s = steps) => {
    if (!imp) return;
    const seq = ++previewSeq.current;
    try {
      const next = await api.get('datasets.previewSteps', { importId: imp.id, steps: s, limit: 10, ...(encoding ? { encoding } : {}) });
      if (seq === previewSeq.current) setPreview(next);
    } catch (e) {
      if (seq === previewSeq.current) onError(e);
    }
  };
  const add = () => {
    const parsed = cleaningStepSchema.safeParse(toStep(draft));
    if (!parsed.success) {
      void message.error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      return;
    }
    const next = [...steps, parsed.data];
    setSteps(next);
    setDraft({ ...EMPTY, op: draft.op });
    void runPreview(next);
  };
  const save = async () => {
    try {
      await api.get('datasets.saveSteps', { id: d.id, expectedUpdatedAt: d.updatedAt, steps });
      await invalidateDatasets(qc);
      void message.success(t('datasets.cleaning.saved'));
    } catch (e) {
      onError(e);
    }
  };
  const cluster = async () => {
    if (!imp || !clusterField) return;
    try {
      setClusters(await api.get('datasets.clusterValues', { importId: imp.id, field: clusterField, ...(encoding ? { encoding } : {}) }));
    } catch (e) {
      onError(e);
    }
  };
  /** A person approves one merge: it joins (or starts) the map step of that column. */
  const approve = (field: string, from: string, to: string) => {
    const at = steps.findIndex((s) => s.op === 'map' && s.field === field);
    const next =
      at >= 0
        ? steps.map((s, i) => (i === at && s.op === 'map' ? { ...s, mapping: { ...s.mapping, [from]: to } } : s))
        : [...steps, { op: 'map' as const, field, mapping: { [from]: to } }];
    setSteps(next);
    setClusters((cs) => cs?.map((c) => ({ ...c, values: c.values.filter((v) => v.value !== from) })).filter((c) => c.values.length > 1) ?? null);
    void message.success(t('datasets.cleaning.approved'));
    void runPreview(next);
  };

  if (!imp) return <Typography.Text type="secondary">{t('datasets.cleaning.needImport')}</Typography.Text>;
  const needsOne = draft.op === 'map' || draft.op === 'split' || draft.op === 'rename';
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="cleaning-panel">
      <List
        size="small"
        bordered
        dataSource={steps}
        locale={{ emptyText: t('datasets.cleaning.none') }}
        renderItem={(s, i) => (
          <List.Item
            data-testid={`step-${i}`}
            actions={
              canEdit
                ? [
                    <Button
                      key="up"
                      size="small"
                      icon={<ArrowUpOutlined />}
                      disabled={i === 0}
                      onClick={() => setSteps((ss) => ss.map((x, k) => (k === i - 1 ? ss[i]! : k === i ? ss[i - 1]! : x)))}
                    />,
                    <Button key="rm" size="small" icon={<DeleteOutlined />} onClick={() => setSteps((ss) => ss.filter((_, k) => k !== i))} />,
                  ]
                : []
            }
          >
            {i + 1}. {t(`datasets.cleaning.ops.${s.op}`)} — {describe(s)}
          </List.Item>
        )}
      />
      {canEdit && (
        <Card size="small" title={t('datasets.cleaning.add')}>
          <Row gutter={8}>
            <Col span={6}>
              <Select
                value={draft.op}
                onChange={(op) => setDraft({ ...draft, op })}
                style={{ width: '100%' }}
                options={CLEANING_OPS.map((o) => ({ value: o, label: t(`datasets.cleaning.ops.${o}`) }))}
                aria-label={t('datasets.cleaning.op')}
                data-testid="step-op"
              />
            </Col>
            <Col span={8}>
              <Select
                mode={needsOne ? undefined : 'multiple'}
                allowClear
                placeholder={needsOne ? t('datasets.cleaning.from') : t('datasets.cleaning.fields')}
                aria-label={needsOne ? t('datasets.cleaning.from') : t('datasets.cleaning.fields')}
                value={needsOne ? draft.fields[0] : draft.fields}
                onChange={(v: string | string[] | undefined) => setDraft({ ...draft, fields: v === undefined ? [] : Array.isArray(v) ? v : [v] })}
                style={{ width: '100%' }}
                options={columnsAt.map((c) => ({ value: c, label: c }))}
                data-testid="step-fields"
              />
            </Col>
            <Col span={7}>
              {draft.op === 'case' && (
                <Select
                  value={draft.mode}
                  onChange={(mode) => setDraft({ ...draft, mode })}
                  style={{ width: '100%' }}
                  options={(['upper', 'lower', 'title'] as const).map((m) => ({ value: m, label: t(`datasets.cleaning.modes.${m}`) }))}
                />
              )}
              {draft.op === 'date' && (
                <Input
                  value={draft.format}
                  onChange={(e) => setDraft({ ...draft, format: e.target.value })}
                  placeholder={t('datasets.cleaning.format')}
                  data-testid="step-format"
                />
              )}
              {draft.op === 'number' && (
                <Space.Compact>
                  <Input
                    value={draft.decimalChar}
                    maxLength={1}
                    onChange={(e) => setDraft({ ...draft, decimalChar: e.target.value })}
                    addonBefore={t('datasets.cleaning.decimalChar')}
                    data-testid="step-decimal"
                  />
                  <Input
                    value={draft.groupChar}
                    maxLength={1}
                    onChange={(e) => setDraft({ ...draft, groupChar: e.target.value })}
                    addonBefore={t('datasets.cleaning.groupChar')}
                  />
                </Space.Compact>
              )}
              {(draft.op === 'split' || draft.op === 'merge') && (
                <Space.Compact>
                  <Input
                    value={draft.separator}
                    onChange={(e) => setDraft({ ...draft, separator: e.target.value })}
                    placeholder={t('datasets.cleaning.separator')}
                  />
                  <Input
                    value={draft.into}
                    onChange={(e) => setDraft({ ...draft, into: e.target.value })}
                    placeholder={draft.op === 'split' ? t('datasets.cleaning.into') : t('datasets.cleaning.intoOne')}
                  />
                </Space.Compact>
              )}
              {draft.op === 'rename' && (
                <Input value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} placeholder={t('datasets.cleaning.to')} />
              )}
              {draft.op === 'map' && (
                <Input.TextArea
                  rows={2}
                  value={draft.mapping}
                  onChange={(e) => setDraft({ ...draft, mapping: e.target.value })}
                  placeholder={t('datasets.cleaning.mapping')}
                />
              )}
            </Col>
            <Col span={3}>
              <Button onClick={add} data-testid="step-add">
                {t('datasets.cleaning.add')}
              </Button>
            </Col>
          </Row>
        </Card>
      )}
      <Space>
        <Button onClick={() => runPreview()} data-testid="steps-preview">
          {t('datasets.cleaning.preview')}
        </Button>
        {canEdit && (
          <Button type="primary" onClick={save} data-testid="steps-save">
            {t('datasets.cleaning.save')}
          </Button>
        )}
      </Space>
      <Card size="small" title={t('datasets.cleaning.cluster')}>
        <Space>
          <Select
            value={clusterField}
            onChange={setClusterField}
            style={{ width: 220 }}
            placeholder={t('datasets.cleaning.clusterField')}
            aria-label={t('datasets.cleaning.clusterField')}
            options={columnsAt.map((c) => ({ value: c, label: c }))}
            data-testid="cluster-field"
          />
          <Button onClick={cluster} disabled={!clusterField} data-testid="cluster-run">
            {t('datasets.cleaning.cluster')}
          </Button>
        </Space>
        {clusters && clusters.length === 0 && <Typography.Paragraph type="secondary">{t('datasets.cleaning.noClusters')}</Typography.Paragraph>}
        {clusters?.map((c) => (
          <div key={c.key} data-testid={`cluster-${c.key}`}>
            {c.values
              .filter((v) => v.value !== c.suggestion)
              .map((v) => (
                <div key={v.value}>
                  „{v.value}” ({v.count}) →{' '}
                  <Button size="small" onClick={() => approve(clusterField!, v.value, c.suggestion)} data-testid="cluster-approve">
                    {t('datasets.cleaning.approve', { to: c.suggestion })}
                  </Button>
                </div>
              ))}
          </div>
        ))}
      </Card>
      {preview && (
        <Card size="small" data-testid="steps-preview-result">
          <StepLogList log={preview.log} />
          <Row gutter={16}>
            <Col span={12}>
              <Typography.Title level={5}>{t('datasets.cleaning.before')}</Typography.Title>
              <PreviewTable columns={preview.before.columns} rows={preview.before.rows} testId="preview-before" />
            </Col>
            <Col span={12}>
              <Typography.Title level={5}>{t('datasets.cleaning.after')}</Typography.Title>
              <PreviewTable columns={preview.after.columns} rows={preview.after.rows} testId="preview-after" />
            </Col>
          </Row>
        </Card>
      )}
    </Space>
  );
}

function PreviewTable({ columns, rows, testId }: { columns: string[]; rows: string[][]; testId: string }) {
  return (
    <Table
      size="small"
      pagination={false}
      scroll={{ x: true }}
      data-testid={testId}
      rowKey={(_, i) => String(i)}
      dataSource={rows.map((r) => Object.fromEntries(r.map((v, i) => [String(i), v])))}
      columns={columns.map((c, i) => ({
        title: c,
        dataIndex: String(i),
        render: (v: string) => <span style={{ whiteSpace: 'pre' }}>{v === undefined ? '' : `⟨${v}⟩`}</span>,
      }))}
    />
  );
}
