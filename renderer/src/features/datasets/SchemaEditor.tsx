import { App as AntApp, Button, Checkbox, Form, Input, Modal, Select, Space, Table, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  FIELD_TYPES,
  LIST_ITEM_TYPES,
  tableSchemaSchema,
  type DatasetDetail,
  type DatasetTableField,
  type DatasetTableSchema,
} from '../../../../electron/contract';
import { api } from '../../api/client';
import { useAuth } from '../../app/auth';
import { invalidateDatasets, useReferences } from './queries';
import { useDatasetErrors } from './shared';

/** One editable row per field; constraints as plain inputs (enum and missing values separated by |). */
interface Row {
  key: number;
  name: string;
  type: DatasetTableField['type'];
  format: string;
  decimalChar: string;
  /** list only: the item separator and the items' type */
  delimiter: string;
  itemType: NonNullable<DatasetTableField['itemType']> | '';
  required: boolean;
  unique: boolean;
  enumText: string;
  pattern: string;
  minimum: string;
  maximum: string;
  minLength: string;
  maxLength: string;
  /** The field as it was read: what the editor does not show (title, groupChar, trueValues …) is written back unchanged. */
  orig?: DatasetTableField;
}

const blankRow = (key: number): Row => ({
  key,
  name: '',
  type: 'string',
  format: '',
  decimalChar: '',
  delimiter: '',
  itemType: '',
  required: false,
  unique: false,
  enumText: '',
  pattern: '',
  minimum: '',
  maximum: '',
  minLength: '',
  maxLength: '',
});

const toRows = (s: DatasetTableSchema | null): Row[] =>
  (s?.fields ?? []).map((f, key) => ({
    key,
    name: f.name,
    type: f.type,
    format: f.format ?? '',
    decimalChar: f.decimalChar ?? '',
    delimiter: f.delimiter ?? '',
    itemType: f.itemType ?? '',
    required: !!f.constraints?.required,
    unique: !!f.constraints?.unique,
    enumText: (f.constraints?.enum ?? []).join('|'),
    pattern: f.constraints?.pattern ?? '',
    minimum: f.constraints?.minimum == null ? '' : String(f.constraints.minimum),
    maximum: f.constraints?.maximum == null ? '' : String(f.constraints.maximum),
    minLength: f.constraints?.minLength == null ? '' : String(f.constraints.minLength),
    maxLength: f.constraints?.maxLength == null ? '' : String(f.constraints.maxLength),
    orig: f,
  }));

/** A cell's accessible name: its column and the field it belongs to ("Tip: cod_siruta"), as a sighted user reads the grid. */
const cellLabel = (column: string, r: Row) => `${column}: ${r.name.trim() || `#${r.key + 1}`}`;

const bound = (s: string) => (s.trim() === '' ? undefined : Number.isFinite(Number(s)) ? Number(s) : s.trim());
/** A length as typed; text that is not a whole number is passed on so the contract names it. */
const length = (s: string) => (s.trim() === '' ? undefined : /^\d+$/.test(s.trim()) ? Number(s.trim()) : s.trim());
/** What to show in the format box: the formats the type accepts. */
const FORMAT_HINT: Partial<Record<DatasetTableField['type'], string>> = {
  date: '%d.%m.%Y',
  datetime: '%d.%m.%Y %H:%M',
  time: '%H:%M',
  string: 'email | uri | uuid',
  geopoint: 'default | array | object',
  geojson: 'default | topojson',
};

function toSchema(rows: Row[], pk: string[], missing: string, fks: unknown): unknown {
  return {
    fields: rows.map((r) => {
      const {
        name: _n,
        type: _t,
        format: _f,
        decimalChar: _d,
        delimiter: _l,
        itemType: _i,
        constraints: oc,
        ...kept
      } = r.orig ?? ({} as Partial<DatasetTableField>);
      const { required: _r, unique: _u, enum: _e, pattern: _p, minimum: _mi, maximum: _ma, minLength: _ml, maxLength: _xl, ...keptConstraints } = oc ?? {};
      const constraints = {
        ...keptConstraints,
        ...(r.required ? { required: true } : {}),
        ...(r.unique ? { unique: true } : {}),
        ...(r.enumText.trim()
          ? {
              enum: r.enumText
                .split('|')
                .map((x) => x.trim())
                .filter(Boolean),
            }
          : {}),
        ...(r.pattern ? { pattern: r.pattern } : {}),
        ...(bound(r.minimum) !== undefined ? { minimum: bound(r.minimum) } : {}),
        ...(bound(r.maximum) !== undefined ? { maximum: bound(r.maximum) } : {}),
        ...(length(r.minLength) !== undefined ? { minLength: length(r.minLength) } : {}),
        ...(length(r.maxLength) !== undefined ? { maxLength: length(r.maxLength) } : {}),
      };
      return {
        ...kept,
        name: r.name.trim(),
        type: r.type,
        ...(r.format.trim() ? { format: r.format.trim() } : {}),
        ...(r.decimalChar ? { decimalChar: r.decimalChar } : {}),
        ...(r.type === 'list' && r.delimiter ? { delimiter: r.delimiter } : {}),
        ...(r.type === 'list' && r.itemType ? { itemType: r.itemType } : {}),
        ...(Object.keys(constraints).length ? { constraints } : {}),
      };
    }),
    ...(pk.length ? { primaryKey: pk } : {}),
    ...(missing.trim() ? { missingValues: missing.split('|') } : {}),
    ...(Array.isArray(fks) && fks.length ? { foreignKeys: fks } : {}),
  };
}

export function SchemaEditor({ d }: { d: DatasetDetail }) {
  const { t } = useTranslation();
  const { canEdit } = useAuth();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const onError = useDatasetErrors();
  const [rows, setRows] = useState<Row[]>(() => toRows(d.schema));
  const [pk, setPk] = useState<string[]>(() => (typeof d.schema?.primaryKey === 'string' ? [d.schema.primaryKey] : (d.schema?.primaryKey ?? [])));
  const [missing, setMissing] = useState((d.schema?.missingValues ?? []).join('|'));
  const [fkText, setFkText] = useState(d.schema?.foreignKeys?.length ? JSON.stringify(d.schema.foreignKeys, null, 2) : '');
  const latest = d.imports.find((i) => i.status === 'processed') ?? d.imports[0];

  const set = (key: number, patch: Partial<Row>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const load = (s: DatasetTableSchema) => {
    setRows(toRows(s));
    setPk(typeof s.primaryKey === 'string' ? [s.primaryKey] : (s.primaryKey ?? []));
  };

  const infer = async () => {
    if (!latest) return;
    try {
      load(await api.get('datasets.inferSchema', { importId: latest.id }));
      void message.info(t('datasets.schema.inferred'));
    } catch (e) {
      onError(e);
    }
  };

  const save = async () => {
    let fks: unknown = [];
    if (fkText.trim()) {
      try {
        fks = JSON.parse(fkText);
      } catch {
        void message.error(t('datasets.schema.badJson'));
        return;
      }
    }
    const parsed = tableSchemaSchema.safeParse(toSchema(rows, pk, missing, fks));
    if (!parsed.success) {
      void message.error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      return;
    }
    try {
      await api.get('datasets.saveSchema', { id: d.id, expectedUpdatedAt: d.updatedAt, schema: rows.length ? parsed.data : null });
      await invalidateDatasets(qc);
      void message.success(t('datasets.schema.saved'));
    } catch (e) {
      onError(e);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="schema-editor">
      {!rows.length && <Typography.Text type="secondary">{t('datasets.schema.none')}</Typography.Text>}
      {rows.length > 0 && (
        <Table<Row>
          rowKey="key"
          size="small"
          pagination={false}
          dataSource={rows}
          scroll={{ x: 1700 }}
          columns={[
            {
              title: t('datasets.schema.name'),
              width: 170,
              render: (_, r) => (
                <Input
                  value={r.name}
                  onChange={(e) => set(r.key, { name: e.target.value })}
                  data-testid={`schema-name-${r.key}`}
                  aria-label={cellLabel(t('datasets.schema.name'), r)}
                />
              ),
            },
            {
              title: t('datasets.schema.type'),
              width: 170,
              render: (_, r) => (
                <Select
                  value={r.type}
                  style={{ width: '100%' }}
                  popupMatchSelectWidth={false}
                  onChange={(v) => set(r.key, { type: v })}
                  options={FIELD_TYPES.map((x) => ({ value: x, label: t('datasets.schema.typeOption', { label: t(`datasets.schema.types.${x}`), type: x }) }))}
                  aria-label={cellLabel(t('datasets.schema.type'), r)}
                  data-testid={`schema-type-${r.key}`}
                />
              ),
            },
            {
              title: t('datasets.schema.format'),
              width: 120,
              render: (_, r) => (
                <Input
                  value={r.format}
                  placeholder={FORMAT_HINT[r.type] ?? 'default'}
                  onChange={(e) => set(r.key, { format: e.target.value })}
                  data-testid={`schema-format-${r.key}`}
                  aria-label={cellLabel(t('datasets.schema.format'), r)}
                />
              ),
            },
            {
              title: t('datasets.schema.decimalChar'),
              width: 80,
              render: (_, r) => (
                <Input
                  value={r.decimalChar}
                  maxLength={1}
                  onChange={(e) => set(r.key, { decimalChar: e.target.value })}
                  aria-label={cellLabel(t('datasets.schema.decimalChar'), r)}
                />
              ),
            },
            {
              title: t('datasets.schema.listItems'),
              width: 190,
              render: (_, r) =>
                r.type === 'list' ? (
                  <Space.Compact style={{ width: '100%' }}>
                    <Input
                      value={r.delimiter}
                      placeholder=","
                      style={{ width: 50 }}
                      maxLength={10}
                      onChange={(e) => set(r.key, { delimiter: e.target.value })}
                      aria-label={cellLabel(t('datasets.schema.delimiter'), r)}
                      data-testid={`schema-delimiter-${r.key}`}
                    />
                    <Select
                      value={r.itemType || 'string'}
                      style={{ width: 140 }}
                      popupMatchSelectWidth={false}
                      onChange={(v) => set(r.key, { itemType: v })}
                      options={LIST_ITEM_TYPES.map((x) => ({
                        value: x,
                        label: t('datasets.schema.typeOption', { label: t(`datasets.schema.types.${x}`), type: x }),
                      }))}
                      aria-label={cellLabel(t('datasets.schema.itemType'), r)}
                      data-testid={`schema-item-type-${r.key}`}
                    />
                  </Space.Compact>
                ) : null,
            },
            {
              title: t('datasets.schema.required'),
              width: 90,
              render: (_, r) => (
                <Checkbox
                  checked={r.required}
                  onChange={(e) => set(r.key, { required: e.target.checked })}
                  aria-label={cellLabel(t('datasets.schema.required'), r)}
                />
              ),
            },
            {
              title: t('datasets.schema.unique'),
              width: 70,
              render: (_, r) => (
                <Checkbox
                  checked={r.unique}
                  onChange={(e) => set(r.key, { unique: e.target.checked })}
                  aria-label={cellLabel(t('datasets.schema.unique'), r)}
                />
              ),
            },
            {
              title: t('datasets.schema.enum'),
              width: 200,
              render: (_, r) => (
                <Input
                  value={r.enumText}
                  onChange={(e) => set(r.key, { enumText: e.target.value })}
                  data-testid={`schema-enum-${r.key}`}
                  aria-label={cellLabel(t('datasets.schema.enum'), r)}
                />
              ),
            },
            {
              title: t('datasets.schema.pattern'),
              width: 140,
              render: (_, r) => (
                <Input value={r.pattern} onChange={(e) => set(r.key, { pattern: e.target.value })} aria-label={cellLabel(t('datasets.schema.pattern'), r)} />
              ),
            },
            {
              title: t('datasets.schema.minimum'),
              width: 90,
              render: (_, r) => (
                <Input value={r.minimum} onChange={(e) => set(r.key, { minimum: e.target.value })} aria-label={cellLabel(t('datasets.schema.minimum'), r)} />
              ),
            },
            {
              title: t('datasets.schema.maximum'),
              width: 90,
              render: (_, r) => (
                <Input value={r.maximum} onChange={(e) => set(r.key, { maximum: e.target.value })} aria-label={cellLabel(t('datasets.schema.maximum'), r)} />
              ),
            },
            {
              title: t('datasets.schema.minLength'),
              width: 80,
              render: (_, r) => (
                <Input
                  value={r.minLength}
                  onChange={(e) => set(r.key, { minLength: e.target.value })}
                  data-testid={`schema-min-length-${r.key}`}
                  aria-label={cellLabel(t('datasets.schema.minLength'), r)}
                />
              ),
            },
            {
              title: t('datasets.schema.maxLength'),
              width: 80,
              render: (_, r) => (
                <Input
                  value={r.maxLength}
                  onChange={(e) => set(r.key, { maxLength: e.target.value })}
                  data-testid={`schema-max-length-${r.key}`}
                  aria-label={cellLabel(t('datasets.schema.maxLength'), r)}
                />
              ),
            },
            {
              title: '',
              width: 50,
              render: (_, r) => (
                <Button
                  icon={<DeleteOutlined />}
                  aria-label={cellLabel(t('common.delete'), r)}
                  onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}
                />
              ),
            },
          ]}
        />
      )}
      <Form layout="vertical">
        <Form.Item label={t('datasets.schema.primaryKey')}>
          <Select
            mode="multiple"
            value={pk}
            onChange={setPk}
            aria-label={t('datasets.schema.primaryKey')}
            options={rows.map((r) => ({ value: r.name, label: r.name }))}
            data-testid="schema-pk"
          />
        </Form.Item>
        <Form.Item label={t('datasets.schema.missingValues')}>
          <Input value={missing} onChange={(e) => setMissing(e.target.value)} placeholder="|-|n/a" aria-label={t('datasets.schema.missingValues')} />
        </Form.Item>
        <Form.Item label={t('datasets.schema.foreignKeys')}>
          <Input.TextArea
            rows={3}
            value={fkText}
            onChange={(e) => setFkText(e.target.value)}
            aria-label={t('datasets.schema.foreignKeys')}
            data-format-example
            placeholder='[{"fields": ["cod_siruta"], "reference": {"resource": "siruta", "fields": ["cod"]}}]'
          />
        </Form.Item>
      </Form>
      {canEdit && (
        <Space>
          <Button icon={<PlusOutlined />} onClick={() => setRows((rs) => [...rs, blankRow(Math.max(-1, ...rs.map((r) => r.key)) + 1)])}>
            {t('datasets.schema.addField')}
          </Button>
          <Button onClick={infer} disabled={!latest} data-testid="schema-infer">
            {t('datasets.schema.infer')}
          </Button>
          <Button type="primary" onClick={save} data-testid="schema-save">
            {t('datasets.schema.save')}
          </Button>
        </Space>
      )}
      <References />
    </Space>
  );
}

/** Small reference tables (streets, SIRUTA codes …) that foreign keys name as their resource. */
function References() {
  const { t } = useTranslation();
  const { canEdit } = useAuth();
  const q = useReferences();
  const qc = useQueryClient();
  const onError = useDatasetErrors();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ name: string; title: string; csv: string }>();
  const add = async (v: { name: string; title: string; csv: string }) => {
    try {
      await api.get('datasets.saveReference', v);
      await invalidateDatasets(qc);
      setOpen(false);
    } catch (e) {
      onError(e, form, ['name', 'title', 'csv']);
    }
  };
  return (
    <>
      <Typography.Title level={5}>{t('datasets.schema.references')}</Typography.Title>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={q.data ?? []}
        columns={[
          { title: t('datasets.schema.refName'), dataIndex: 'name' },
          { title: t('datasets.schema.refTitle'), dataIndex: 'title' },
          { title: '', dataIndex: 'columns', render: (c: string[]) => c.join(', ') },
          { title: '', dataIndex: 'rowCount', align: 'right' },
        ]}
      />
      {canEdit && <Button onClick={() => setOpen(true)}>{t('datasets.schema.addReference')}</Button>}
      <Modal open={open} title={t('datasets.schema.addReference')} onCancel={() => setOpen(false)} onOk={() => form.submit()} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={add}>
          <Form.Item name="name" label={t('datasets.schema.refName')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="title" label={t('datasets.schema.refTitle')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="csv" label={t('datasets.schema.refCsv')} rules={[{ required: true }]}>
            <Input.TextArea rows={6} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
