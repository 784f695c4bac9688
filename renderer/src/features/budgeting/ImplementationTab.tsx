import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Progress,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type UploadFile,
} from 'antd';
import { DeleteOutlined, DownloadOutlined, EditOutlined, PlayCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import {
  PROJECT_STATUSES,
  addMilestoneInput,
  updateProjectInput,
  type BudgetCampaign,
  type BudgetProject,
  type ProjectMilestone,
  type ProjectStatus,
  type WinnerExplanation,
} from '../../../../electron/contract';
import { api } from '../../api/client';
import { useAuth } from '../../app/auth';
import { AttachmentLinks, EvidencePicker, Loadable, toEvidence } from '../../ui/components';
import { FormModal } from '../../ui/FormModal';
import { useSaveConflict } from '../../ui/ConflictView';
import { dateInputFormat, fromDayjs, toDayjs } from '../../ui/dates';
import { formatDate, formatLei } from '../../ui/format';
import { zodIssues } from '../../ui/forms';
import { useErrorHandler, useLang } from '../../ui/hooks';
import { enumOptions } from '../../ui/options';
import { budgetingKeys, useResults } from './queries';
import { useDeleteWithUndo } from './shared';
import { useAddMilestone, useBudgetingFormErrors, useCreateProject, useUpdateProject } from './mutations';
import { LeiInput, cmp, downloadText, toBani, toLei } from './shared';
import { useMayCall } from '../../app/access';

const STATUS_COLOR: Record<ProjectStatus, string> = { not_started: 'default', in_progress: 'blue', completed: 'green', cancelled: 'red' };

const useProjects = (campaignId: string) =>
  useQuery({ queryKey: budgetingKeys.projects(campaignId), queryFn: () => api.get('budgeting.listProjects', { campaignId }) });

/**
 * Implementation of the winning projects: start tracking a winner, then its status, progress and money
 * (planned / committed / paid), milestones with evidence, and the Decidim accountability CSV.
 */
export function ImplementationTab({ campaign }: { campaign: BudgetCampaign }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { canEdit } = useAuth();
  const mayExport = useMayCall('budgeting.exportAccountability');
  const q = useProjects(campaign.id);
  const results = useResults(campaign.id);
  const onError = useErrorHandler();
  const create = useCreateProject();
  const [editing, setEditing] = useState<BudgetProject | null>(null);
  const [adding, setAdding] = useState<BudgetProject | null>(null);

  const tracked = new Set((q.data ?? []).map((p) => p.proposalId));
  const waiting: WinnerExplanation[] = (results.data?.projects ?? []).filter((p) => p.won && !tracked.has(p.proposalId)).sort((a, b) => a.rank - b.rank);

  const start = async (proposalId: string) => {
    await create.run({ proposalId });
  };
  const accountability = async () => {
    try {
      const r = await api.get('budgeting.exportAccountability', { campaignId: campaign.id });
      downloadText(r.fileName, r.content, 'text/csv;charset=utf-8');
    } catch (e) {
      onError(e);
    }
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {mayExport && (
        <Space wrap>
          <Button icon={<DownloadOutlined />} onClick={() => void accountability()} data-testid="implementation-accountability">
            {t('budgeting.impl.accountability')}
          </Button>
        </Space>
      )}
      {canEdit && waiting.length > 0 && (
        <Card size="small" title={t('budgeting.impl.waiting')} data-testid="implementation-waiting">
          <Space orientation="vertical" style={{ width: '100%' }}>
            {waiting.map((w) => (
              <Space key={w.proposalId} data-testid={`implementation-winner-${w.code}`}>
                <Typography.Text strong>{w.code}</Typography.Text>
                <Typography.Text>{w.title}</Typography.Text>
                <Typography.Text className="pla-muted">{formatLei(w.cost, lang)}</Typography.Text>
                <Button
                  size="small"
                  type="primary"
                  icon={<PlayCircleOutlined />}
                  loading={create.isPending && create.variables?.proposalId === w.proposalId}
                  onClick={() => void start(w.proposalId)}
                  data-testid="implementation-start"
                >
                  {t('budgeting.impl.start')}
                </Button>
              </Space>
            ))}
          </Space>
        </Card>
      )}
      {results.data === null && <Alert type="info" showIcon title={t('budgeting.impl.noResults')} />}
      <Loadable query={q}>
        {(rows) => (
          <Table<BudgetProject>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={rows}
            virtual={rows.length > 100}
            scroll={rows.length > 100 ? { y: 640, x: 1100 } : { x: 1100 }}
            data-testid="implementation-projects"
            locale={{ emptyText: t('budgeting.impl.none') }}
            onRow={(p) => ({ 'data-testid': `project-row-${p.proposalCode}` }) as React.HTMLAttributes<HTMLElement>}
            expandable={{
              expandedRowRender: (p) => <Milestones project={p} onAdd={() => setAdding(p)} />,
              rowExpandable: () => true,
            }}
            columns={[
              {
                title: t('budgeting.fields.code'),
                dataIndex: 'proposalCode',
                width: 90,
                sorter: (a, b) => cmp(a.proposalCode, b.proposalCode),
                defaultSortOrder: 'ascend',
              },
              { title: t('budgeting.fields.title'), dataIndex: 'proposalTitle', width: 240 },
              { title: t('budgeting.fields.zone'), dataIndex: 'zoneCode', width: 70, render: (v: string | null) => v ?? '—' },
              {
                title: t('budgeting.impl.status'),
                dataIndex: 'status',
                width: 120,
                filters: PROJECT_STATUSES.map((s) => ({ text: t(`budgeting.projectStatus.${s}`), value: s })),
                onFilter: (v, p) => p.status === v,
                render: (v: ProjectStatus) => (
                  <Tag color={STATUS_COLOR[v]} data-testid="project-status" data-status={v}>
                    {t(`budgeting.projectStatus.${v}`)}
                  </Tag>
                ),
              },
              {
                title: t('budgeting.impl.progress'),
                dataIndex: 'progress',
                width: 140,
                sorter: (a, b) => a.progress - b.progress,
                render: (v: number) => (
                  <span data-testid="project-progress" data-value={v}>
                    <Progress percent={v} size="small" aria-label={t('budgeting.impl.progress')} />
                  </span>
                ),
              },
              {
                title: t('budgeting.impl.planned'),
                dataIndex: 'planned',
                width: 130,
                align: 'right',
                sorter: (a, b) => a.planned - b.planned,
                render: (v: number) => <span data-testid="project-planned">{formatLei(v, lang)}</span>,
              },
              {
                title: t('budgeting.impl.committed'),
                dataIndex: 'committed',
                width: 130,
                align: 'right',
                sorter: (a, b) => a.committed - b.committed,
                render: (v: number) => <span data-testid="project-committed">{formatLei(v, lang)}</span>,
              },
              {
                title: t('budgeting.impl.paid'),
                dataIndex: 'paid',
                width: 130,
                align: 'right',
                sorter: (a, b) => a.paid - b.paid,
                render: (v: number) => <span data-testid="project-paid">{formatLei(v, lang)}</span>,
              },
              { title: t('budgeting.impl.milestones'), width: 100, align: 'right', render: (_, p) => `${p.milestonesDone} / ${p.milestones.length}` },
              { title: t('budgeting.impl.endDate'), dataIndex: 'endDate', width: 110, render: (v: string | null) => formatDate(v, lang) },
              ...(canEdit
                ? [
                    {
                      title: '',
                      key: 'a',
                      width: 90,
                      render: (_: unknown, p: BudgetProject) => (
                        <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setEditing(p)} data-testid="project-edit">
                          {t('common.edit')}
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Loadable>
      {editing && <ProjectForm project={editing} onClose={() => setEditing(null)} />}
      {adding && <MilestoneForm project={adding} onClose={() => setAdding(null)} />}
    </Space>
  );
}

function Milestones({ project, onAdd }: { project: BudgetProject; onAdd: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { canEdit } = useAuth();
  const deleteWithUndo = useDeleteWithUndo();
  const remove = (m: ProjectMilestone) =>
    deleteWithUndo(
      t('budgeting.impl.milestoneDeleted', { title: m.title }),
      () => api.get('budgeting.deleteMilestone', { id: m.id, expectedUpdatedAt: m.updatedAt }),
      () => api.get('budgeting.restoreMilestone', { id: m.id }),
    );
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Table<ProjectMilestone>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={project.milestones}
        data-testid={`milestones-${project.proposalCode}`}
        locale={{ emptyText: t('budgeting.impl.noMilestones') }}
        columns={[
          { title: t('budgeting.impl.milestone'), dataIndex: 'title' },
          {
            title: t('budgeting.impl.dueOn'),
            dataIndex: 'dueOn',
            width: 110,
            render: (v: string | null, m) => <span style={m.overdue ? { color: '#cf1322', fontWeight: 600 } : undefined}>{formatDate(v, lang)}</span>,
          },
          { title: t('budgeting.impl.doneOn'), dataIndex: 'doneOn', width: 110, render: (v: string | null) => formatDate(v, lang) },
          {
            title: t('budgeting.impl.evidence'),
            render: (_, m) => (
              <>
                {m.evidenceNote && <div>{m.evidenceNote}</div>}
                <AttachmentLinks items={m.evidence} />
              </>
            ),
          },
          ...(canEdit
            ? [
                {
                  title: '',
                  key: 'a',
                  width: 60,
                  render: (_: unknown, m: ProjectMilestone) => (
                    <Popconfirm
                      title={t('budgeting.impl.confirmDeleteMilestone')}
                      okText={t('common.delete')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => void remove(m)}
                    >
                      <Button size="small" type="link" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} data-testid="milestone-delete" />
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      {canEdit && (
        <Button size="small" icon={<PlusOutlined />} onClick={onAdd} data-testid="milestone-new">
          {t('budgeting.impl.addMilestone')}
        </Button>
      )}
    </Space>
  );
}

interface ProjectValues {
  status: ProjectStatus;
  progress: number;
  planned: number | null;
  committed: number | null;
  paid: number | null;
  startDate: Dayjs | null;
  endDate: Dayjs | null;
  completedOn: Dayjs | null;
  note: string;
}
const PROJECT_FIELDS = ['status', 'progress', 'planned', 'committed', 'paid', 'startDate', 'endDate', 'completedOn', 'note'];

function ProjectForm({ project, onClose }: { project: BudgetProject; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [form] = Form.useForm<ProjectValues>();
  const conflict = useSaveConflict({
    form,
    record: project,
    fields: PROJECT_FIELDS,
    labels: 'budgeting.impl',
    label: {
      progress: 'budgeting.impl.progressPercent',
      planned: 'budgeting.impl.plannedLei',
      committed: 'budgeting.impl.committedLei',
      paid: 'budgeting.impl.paidLei',
    },
    enums: { status: 'budgeting.projectStatus' },
    toValues: (r) => asValues(r),
    load: () => api.get('budgeting.getProject', { id: project.id }),
    onTakeTheirs: onClose,
  });
  const errors = useBudgetingFormErrors(form, PROJECT_FIELDS, { conflict, onConflict: onClose });
  const save = useUpdateProject(errors);
  const status = Form.useWatch('status', form);
  const asValues = (project: BudgetProject): ProjectValues => ({
    status: project.status,
    progress: project.progress,
    planned: toLei(project.planned),
    committed: toLei(project.committed),
    paid: toLei(project.paid),
    startDate: toDayjs(project.startDate),
    endDate: toDayjs(project.endDate),
    completedOn: toDayjs(project.completedOn),
    note: project.note,
  });
  const initial = asValues(project);
  const submit = async (v: ProjectValues) => {
    const raw = {
      id: project.id,
      expectedUpdatedAt: conflict.base(),
      status: v.status,
      progress: v.progress ?? 0,
      planned: toBani(v.planned) ?? 0,
      committed: toBani(v.committed) ?? 0,
      paid: toBani(v.paid) ?? 0,
      startDate: fromDayjs(v.startDate),
      endDate: fromDayjs(v.endDate),
      completedOn: v.status === 'completed' ? fromDayjs(v.completedOn) : null,
      note: v.note ?? '',
    };
    const parsed = updateProjectInput.safeParse(raw);
    if (!parsed.success) return errors.invalid(zodIssues(parsed.error));
    if (await save.run(parsed.data)) onClose();
  };
  return (
    <FormModal<ProjectValues>
      open
      title={`${project.proposalCode} ${project.proposalTitle}`}
      form={form}
      initialValues={initial}
      onCancel={onClose}
      onSubmit={submit}
      busy={save.isPending}
      width={760}
      testId="project-form"
    >
      {conflict.view}
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="status" label={t('budgeting.impl.status')}>
            <Select options={enumOptions(t, PROJECT_STATUSES, 'budgeting.projectStatus')} data-testid="project-form-status" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="progress" label={t('budgeting.impl.progressPercent')}>
            <InputNumber<number> min={0} max={100} precision={0} style={{ width: '100%' }} data-testid="project-form-progress" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="planned" label={t('budgeting.impl.plannedLei')}>
            <LeiInput testId="project-form-planned" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="committed" label={t('budgeting.impl.committedLei')}>
            <LeiInput testId="project-form-committed" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="paid" label={t('budgeting.impl.paidLei')}>
            <LeiInput testId="project-form-paid" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="startDate" label={t('budgeting.impl.startDate')}>
            <DatePicker format={dateInputFormat(lang)} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="endDate" label={t('budgeting.impl.endDate')}>
            <DatePicker format={dateInputFormat(lang)} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="completedOn" label={t('budgeting.impl.completedOn')}>
            <DatePicker format={dateInputFormat(lang)} style={{ width: '100%' }} disabled={status !== 'completed'} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="note" label={t('budgeting.impl.note')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
    </FormModal>
  );
}

interface MilestoneValues {
  title: string;
  dueOn: Dayjs | null;
  doneOn: Dayjs | null;
  evidenceNote: string;
  evidence: UploadFile[];
}
const MILESTONE_FIELDS = ['title', 'dueOn', 'doneOn', 'evidenceNote', 'evidence'];

function MilestoneForm({ project, onClose }: { project: BudgetProject; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [form] = Form.useForm<MilestoneValues>();
  const errors = useBudgetingFormErrors(form, MILESTONE_FIELDS, { onConflict: onClose });
  const save = useAddMilestone(errors);
  const submit = async (v: MilestoneValues) => {
    const raw = {
      projectId: project.id,
      title: v.title ?? '',
      dueOn: fromDayjs(v.dueOn),
      doneOn: fromDayjs(v.doneOn),
      evidenceNote: v.evidenceNote ?? '',
      evidence: await toEvidence(v.evidence),
    };
    const parsed = addMilestoneInput.safeParse(raw);
    if (!parsed.success) return errors.invalid(zodIssues(parsed.error));
    if (await save.run(parsed.data)) onClose();
  };
  return (
    <FormModal<MilestoneValues>
      open
      title={t('budgeting.impl.addMilestone')}
      form={form}
      initialValues={{ evidence: [] }}
      onCancel={onClose}
      onSubmit={submit}
      busy={save.isPending}
      width={640}
      testId="milestone-form"
    >
      <Form.Item name="title" label={t('budgeting.impl.milestone')} rules={[{ required: true, message: t('validation.required') }]}>
        <Input autoFocus data-testid="milestone-title" />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="dueOn" label={t('budgeting.impl.dueOn')}>
            <DatePicker format={dateInputFormat(lang)} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="doneOn" label={t('budgeting.impl.doneOn')} extra={t('budgeting.impl.doneHelp')}>
            <DatePicker format={dateInputFormat(lang)} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="evidenceNote" label={t('budgeting.impl.evidenceNote')}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
      </Form.Item>
      <Form.Item name="evidence" label={t('budgeting.impl.evidence')} valuePropName="value">
        <EvidencePicker testId="milestone-evidence" />
      </Form.Item>
    </FormModal>
  );
}
