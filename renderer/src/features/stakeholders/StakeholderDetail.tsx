import { Alert, Button, Card, Col, DatePicker, Descriptions, Form, Input, List, Popconfirm, Row, Select, Space, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { INTERACTION_KINDS, PARTNERSHIP_TYPES, type StakeholderSummary } from '../../../../electron/contract';
import { api } from '../../api/client';
import { useAuth } from '../../app/auth';
import { compareCodes } from '../../charts/dashboard';
import { AttachmentLinks, EvidencePicker, Loadable, NotFound, PageTitle, toEvidence } from '../../ui/components';
import { dateInputFormat, fromDayjs } from '../../ui/dates';
import { formatDate } from '../../ui/format';
import { useErrorHandler, useLang } from '../../ui/hooks';
import { enumOptions } from '../../ui/options';
import { useUndoMessage } from '../../ui/undo';
import { useActions } from '../plan/queries';
import { invalidateStakeholders, useInteractions, usePartnerships, useRaci, useStakeholder, useTakeovers } from './queries';
import { stakeholderErrorText } from './shared';
import { StakeholderForm } from './StakeholderForm';
import { useMayCall } from '../../app/access';

export function StakeholderDetail() {
  const { id = '' } = useParams();
  const q = useStakeholder(id);
  return <Loadable query={q}>{(s) => (s ? <View s={s} /> : <NotFound />)}</Loadable>;
}

function View({ s }: { s: StakeholderSummary }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { canEdit } = useAuth();
  const mayInteractions = useMayCall('stakeholders.listInteractions');
  const navigate = useNavigate();
  const qc = useQueryClient();
  const onError = useErrorHandler();
  const undo = useUndoMessage();
  const [editing, setEditing] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const L = (k: string) => t(`stakeholders.fields.${k}`);
  const remove = async () => {
    const r = await api.call('stakeholders.delete', { id: s.id, expectedUpdatedAt: s.updatedAt });
    if (!r.ok) {
      setDeleteError(stakeholderErrorText(t, r.error));
      return;
    }
    await invalidateStakeholders(qc);
    navigate('/stakeholders');
    undo(t('stakeholders.deleted', { name: s.name }), async () => {
      try {
        await api.get('stakeholders.restore', { id: s.id });
        await invalidateStakeholders(qc);
      } catch (e) {
        onError(e);
      }
    });
  };
  const opt = (prefix: string, v: string | null) => (v ? t(`stakeholders.${prefix}.${v}`) : '—');

  return (
    <>
      <PageTitle
        title={<span data-testid="stakeholder-title">{s.name}</span>}
        sub={<Link to="/stakeholders">{t('stakeholders.title')}</Link>}
        extra={
          canEdit && (
            <>
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="stakeholder-edit">
                {t('common.edit')}
              </Button>
              <Popconfirm
                title={t('common.delete')}
                okText={t('common.delete')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: true }}
                onConfirm={() => void remove()}
              >
                <Button danger icon={<DeleteOutlined />} data-testid="stakeholder-delete">
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            </>
          )
        }
      />
      {deleteError && <Alert type="error" showIcon message={deleteError} style={{ marginBottom: 12 }} />}
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card size="small">
            <Descriptions colon={false} column={1} size="small" styles={{ label: { width: 200 } }}>
              <Descriptions.Item label={L('type')}>{opt('type', s.type)}</Descriptions.Item>
              <Descriptions.Item label={L('legalForm')}>{s.legalForm || '—'}</Descriptions.Item>
              <Descriptions.Item label={L('sector')}>{opt('sector', s.sector)}</Descriptions.Item>
              <Descriptions.Item label={L('plaRole')}>{opt('plaRole', s.plaRole)}</Descriptions.Item>
              <Descriptions.Item label={`${L('power')} / ${L('interest')}`}>
                {s.power ?? '—'} / {s.interest ?? '—'} {s.quadrant && <Tag data-testid="stakeholder-quadrant">{t(`stakeholders.quadrant.${s.quadrant}`)}</Tag>}
              </Descriptions.Item>
              <Descriptions.Item label={L('attitude')}>{opt('attitude', s.attitude)}</Descriptions.Item>
              <Descriptions.Item label={L('assessmentDate')}>{formatDate(s.assessmentDate, lang)}</Descriptions.Item>
              <Descriptions.Item label={L('iap2Level')}>{opt('iap2', s.iap2Level)}</Descriptions.Item>
              <Descriptions.Item label={L('contacts')}>{s.contacts || '—'}</Descriptions.Item>
              {s.type === 'person' && (
                <>
                  <Descriptions.Item label={L('consentDate')}>{formatDate(s.consentDate, lang)}</Descriptions.Item>
                  <Descriptions.Item label={L('consentScope')}>{s.consentScope || '—'}</Descriptions.Item>
                  <Descriptions.Item label={L('gdprNotes')}>{s.gdprNotes || '—'}</Descriptions.Item>
                </>
              )}
              <Descriptions.Item label={L('public')}>{s.public ? t('common.yes') : t('common.no')}</Descriptions.Item>
              <Descriptions.Item label={L('notes')}>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{s.notes || '—'}</Typography.Paragraph>
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <RaciOf s={s} />
        </Col>
        <Col xs={24} lg={12}>
          <Takeovers s={s} />
          <Partnerships s={s} />
          {mayInteractions && <Interactions s={s} />}
        </Col>
      </Row>
      {editing && <StakeholderForm open item={s} onClose={() => setEditing(false)} />}
    </>
  );
}

function RaciOf({ s }: { s: StakeholderSummary }) {
  const { t } = useTranslation();
  const q = useRaci({ stakeholderId: s.id });
  return (
    <Card size="small" title="RACI" style={{ marginTop: 16 }} extra={<Link to="/stakeholders-raci">{t('stakeholders.nav.raci')}</Link>}>
      {(q.data ?? []).map((l) => (
        <Tag key={l.id}>
          {l.actionCode}: {t(`stakeholders.raci.${l.role}`)}
        </Tag>
      ))}
    </Card>
  );
}

function Takeovers({ s }: { s: StakeholderSummary }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { canEdit } = useAuth();
  const qc = useQueryClient();
  const actions = useActions();
  const q = useTakeovers(s.id);
  const [actionId, setActionId] = useState<string | undefined>();
  const [date, setDate] = useState<Dayjs | null>(null);
  const [err, setErr] = useState<string | null>(null);
  const add = async () => {
    if (!actionId) return;
    setErr(null);
    const r = await api.call('stakeholders.addTakeover', { stakeholderId: s.id, actionId, date: fromDayjs(date) ?? new Date().toLocaleDateString('sv-SE') });
    if (!r.ok) return setErr(stakeholderErrorText(t, r.error));
    setActionId(undefined);
    await invalidateStakeholders(qc);
  };
  return (
    <Card size="small" title={t('stakeholders.takeover.title')} data-testid="takeovers">
      {err && <Alert type="error" showIcon message={err} style={{ marginBottom: 8 }} data-testid="takeover-error" />}
      <List
        size="small"
        locale={{ emptyText: t('stakeholders.takeover.none') }}
        dataSource={q.data ?? []}
        renderItem={(x) => (
          <List.Item
            data-testid={`takeover-${x.actionCode}`}
            actions={
              canEdit
                ? [
                    <Button
                      key="d"
                      size="small"
                      type="link"
                      danger
                      onClick={async () => {
                        await api.call('stakeholders.deleteTakeover', { id: x.id, expectedUpdatedAt: x.updatedAt });
                        await invalidateStakeholders(qc);
                      }}
                    >
                      {t('common.delete')}
                    </Button>,
                  ]
                : []
            }
          >
            <b>{x.actionCode}</b>&nbsp;{formatDate(x.date, lang)} {x.note}
          </List.Item>
        )}
      />
      {canEdit && (
        <Space wrap style={{ marginTop: 8 }}>
          <Select
            showSearch
            optionFilterProp="label"
            style={{ width: 260 }}
            placeholder={L(t, 'action')}
            aria-label={L(t, 'action')}
            value={actionId}
            onChange={setActionId}
            options={[...(actions.data ?? [])].sort((a, b) => compareCodes(a.code, b.code)).map((a) => ({ value: a.id, label: `${a.code} ${a.title}` }))}
            data-testid="takeover-action"
          />
          <DatePicker value={date} onChange={setDate} format={dateInputFormat(lang)} placeholder={L(t, 'date')} aria-label={L(t, 'date')} />
          <Button icon={<PlusOutlined />} disabled={!actionId} onClick={() => void add()} data-testid="takeover-add">
            {t('stakeholders.takeover.add')}
          </Button>
        </Space>
      )}
    </Card>
  );
}
const L = (t: (k: string) => string, k: string) => t(`stakeholders.fields.${k}`);

function Partnerships({ s }: { s: StakeholderSummary }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { canEdit } = useAuth();
  const qc = useQueryClient();
  const onError = useErrorHandler();
  const q = usePartnerships(s.id);
  const [form] = Form.useForm();
  const [adding, setAdding] = useState(false);
  const add = async (v: { type: string; title: string; startDate: Dayjs | null; endDate: Dayjs | null; notes?: string; documents?: never[] }) => {
    try {
      await api.get('stakeholders.savePartnership', {
        stakeholderId: s.id,
        type: v.type as never,
        title: v.title,
        startDate: fromDayjs(v.startDate) ?? '',
        endDate: fromDayjs(v.endDate),
        notes: v.notes ?? '',
        documents: await toEvidence(v.documents),
      });
      form.resetFields();
      setAdding(false);
      await invalidateStakeholders(qc);
    } catch (e) {
      onError(e, { form, fields: ['type', 'title', 'startDate', 'endDate', 'notes', 'documents'] });
    }
  };
  return (
    <Card size="small" title={t('stakeholders.partnership.title')} style={{ marginTop: 16 }} data-testid="partnerships">
      <List
        size="small"
        locale={{ emptyText: t('stakeholders.partnership.none') }}
        dataSource={q.data ?? []}
        renderItem={(p) => (
          <List.Item
            actions={
              canEdit
                ? [
                    <Button
                      key="d"
                      size="small"
                      type="link"
                      danger
                      onClick={async () => {
                        await api.call('stakeholders.deletePartnership', { id: p.id, expectedUpdatedAt: p.updatedAt });
                        await invalidateStakeholders(qc);
                      }}
                    >
                      {t('common.delete')}
                    </Button>,
                  ]
                : []
            }
          >
            <div>
              <b>{p.title}</b> — {t(`stakeholders.partnershipType.${p.type}`)} · {formatDate(p.startDate, lang)}
              {p.endDate ? ` – ${formatDate(p.endDate, lang)}` : ''} {p.active && <Tag color="green">{L(t, 'active')}</Tag>}
              <AttachmentLinks items={p.documents} />
            </div>
          </List.Item>
        )}
      />
      {canEdit && !adding && (
        <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="partnership-new">
          {t('stakeholders.partnership.add')}
        </Button>
      )}
      {adding && (
        <Form form={form} layout="vertical" onFinish={add} data-testid="partnership-form">
          <Row gutter={8}>
            <Col span={10}>
              <Form.Item name="type" label={L(t, 'kind')} rules={[{ required: true }]}>
                <Select options={enumOptions(t, PARTNERSHIP_TYPES, 'stakeholders.partnershipType')} />
              </Form.Item>
            </Col>
            <Col span={14}>
              <Form.Item name="title" label={L(t, 'title')} rules={[{ required: true }]}>
                <Input />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="startDate" label={L(t, 'startDate')} rules={[{ required: true }]}>
                <DatePicker format={dateInputFormat(lang)} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="endDate" label={L(t, 'endDate')}>
                <DatePicker format={dateInputFormat(lang)} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="documents" label={L(t, 'documents')} valuePropName="value">
                <EvidencePicker />
              </Form.Item>
            </Col>
          </Row>
          <Space>
            <Button type="primary" htmlType="submit">
              {t('common.save')}
            </Button>
            <Button onClick={() => setAdding(false)}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      )}
    </Card>
  );
}

function Interactions({ s }: { s: StakeholderSummary }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { canEdit } = useAuth();
  const qc = useQueryClient();
  const onError = useErrorHandler();
  const q = useInteractions(s.id);
  const [form] = Form.useForm();
  const add = async (v: { date: Dayjs | null; kind: string; summary: string }) => {
    try {
      await api.get('stakeholders.saveInteraction', { stakeholderId: s.id, date: fromDayjs(v.date) ?? '', kind: v.kind as never, summary: v.summary });
      form.resetFields();
      await invalidateStakeholders(qc);
    } catch (e) {
      onError(e, { form, fields: ['date', 'kind', 'summary'] });
    }
  };
  return (
    <Card size="small" title={t('stakeholders.interaction.title')} style={{ marginTop: 16 }} data-testid="interactions">
      <List
        size="small"
        locale={{ emptyText: t('stakeholders.interaction.none') }}
        dataSource={q.data ?? []}
        renderItem={(i) => (
          <List.Item>
            {formatDate(i.date, lang)} · {t(`stakeholders.interactionKind.${i.kind}`)} — {i.summary}
          </List.Item>
        )}
      />
      {canEdit && (
        <Form form={form} layout="inline" onFinish={add} style={{ marginTop: 8 }}>
          <Form.Item name="date" rules={[{ required: true }]}>
            <DatePicker format={dateInputFormat(lang)} placeholder={L(t, 'date')} aria-label={L(t, 'date')} />
          </Form.Item>
          <Form.Item name="kind" rules={[{ required: true }]}>
            <Select
              style={{ width: 140 }}
              placeholder={L(t, 'kind')}
              aria-label={L(t, 'kind')}
              options={enumOptions(t, INTERACTION_KINDS, 'stakeholders.interactionKind')}
            />
          </Form.Item>
          <Form.Item name="summary" rules={[{ required: true }]} style={{ flex: 1, minWidth: 200 }}>
            <Input placeholder={L(t, 'summary')} />
          </Form.Item>
          <Button htmlType="submit" icon={<PlusOutlined />}>
            {t('stakeholders.interaction.add')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
