import {
  App as AntApp,
  Button,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import {
  foldText,
  ELIGIBILITY_CRITERIA,
  ELIGIBILITY_STATUSES,
  FEASIBILITY_STATUSES,
  saveProposalInput,
  setEligibilityInput,
  type BudgetCampaign,
  type BudgetProposal,
  type FeasibilityStatus,
  type ProposalImportReport,
} from '../../../../electron/contract';
import { api } from '../../api/client';
import { useAuth } from '../../app/auth';
import { HeaderCell, ListEmpty, Loadable, VIRTUAL_FROM } from '../../ui/components';
import { FormModal } from '../../ui/FormModal';
import { useSaveConflict } from '../../ui/ConflictView';
import { dateInputFormat, fromDayjs, toDayjs } from '../../ui/dates';
import { formatLei } from '../../ui/format';
import { zodIssues } from '../../ui/forms';
import { useLang } from '../../ui/hooks';
import { enumOptions } from '../../ui/options';
import { invalidateBudgeting, useProposals } from './queries';
import {
  DryRunImportModal,
  EligibilityTag,
  FeasibilityTag,
  LeiInput,
  cmp,
  fmtScore,
  toBani,
  toLei,
  useBudgetingErrors,
  useDeleteWithUndo,
  useDryRunImport,
} from './shared';

export function ProposalsTab({ campaign }: { campaign: BudgetCampaign }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { canEdit } = useAuth();
  const q = useProposals(campaign.id);
  const [editing, setEditing] = useState<BudgetProposal | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const [eligibility, setEligibility] = useState<BudgetProposal | null>(null);
  const [feasibility, setFeasibility] = useState<BudgetProposal | null>(null);
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const [bulk, setBulk] = useState(false);

  const deleteWithUndo = useDeleteWithUndo();
  const remove = (p: BudgetProposal) =>
    deleteWithUndo(
      t('budgeting.proposals.deleted', { code: p.code }),
      () => api.get('budgeting.deleteProposal', { id: p.id, expectedUpdatedAt: p.updatedAt }),
      () => api.get('budgeting.restoreProposal', { id: p.id }),
    );

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('common.search')}
          onChange={(e) => setSearch(e.target.value)}
          style={{ width: 240 }}
          data-testid="proposal-search"
        />
        {canEdit && (
          <>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="proposal-new">
              {t('budgeting.proposals.new')}
            </Button>
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="proposal-import">
              {t('budgeting.proposals.import')}
            </Button>
            <Button disabled={!selected.length} onClick={() => setBulk(true)} data-testid="eligibility-bulk">
              {t('budgeting.proposals.bulkEligibility', { n: selected.length })}
            </Button>
            {!selected.length && (
              <Typography.Text className="pla-muted" data-testid="eligibility-bulk-why">
                {t('budgeting.proposals.bulkWhy')}
              </Typography.Text>
            )}
          </>
        )}
      </Space>
      <Loadable query={q}>
        {(rows) => {
          const k = foldText(search.trim());
          const shown = rows.filter((r) => !k || foldText(`${r.code} ${r.title} ${r.category} ${r.address}`).includes(k));
          const virtual = shown.length > VIRTUAL_FROM;
          return (
            <Table<BudgetProposal>
              rowKey="id"
              size="small"
              dataSource={shown}
              pagination={false}
              virtual={virtual}
              scroll={virtual ? { x: 1300, y: 640 } : { x: 1300 }}
              locale={{
                emptyText: (
                  <ListEmpty
                    none={t('budgeting.proposals.none')}
                    hint={t('budgeting.proposals.noneHint')}
                    filtered={!!k}
                    action={
                      canEdit && (
                        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="proposal-new-empty">
                          {t('budgeting.proposals.new')}
                        </Button>
                      )
                    }
                    testId="proposals-empty"
                  />
                ),
              }}
              data-testid="proposals-table"
              rowSelection={
                canEdit
                  ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]), columnTitle: (origin) => <HeaderCell>{origin}</HeaderCell> }
                  : undefined
              }
              onRow={(r) => ({ 'data-testid': `proposal-row-${r.code}` }) as React.HTMLAttributes<HTMLElement>}
              expandable={{
                rowExpandable: (r) => r.eligibilityStatus === 'ineligible' || !!r.feasibilityNote,
                expandedRowRender: (r) => (
                  <div data-testid={`proposal-reasons-${r.code}`}>
                    {r.eligibility
                      .filter((c) => !c.pass)
                      .map((c) => (
                        <div key={c.criterion}>
                          <Typography.Text strong>{t(`budgeting.criterion.${c.criterion}`)}:</Typography.Text> {c.reason}
                        </div>
                      ))}
                    {r.publicRejectionReason && (
                      <div>
                        <Typography.Text strong>{t('budgeting.fields.publicRejectionReason')}:</Typography.Text> {r.publicRejectionReason}
                      </div>
                    )}
                    {r.feasibilityNote && (
                      <div>
                        <Typography.Text strong>{t('budgeting.fields.feasibilityNote')}:</Typography.Text> {r.feasibilityNote}
                      </div>
                    )}
                  </div>
                ),
              }}
              columns={[
                {
                  title: t('budgeting.fields.code'),
                  dataIndex: 'code',
                  width: 110,
                  fixed: 'left',
                  sorter: (a, b) => cmp(a.code, b.code),
                  defaultSortOrder: 'ascend',
                },
                { title: t('budgeting.fields.title'), dataIndex: 'title', width: 280, sorter: (a, b) => cmp(a.title, b.title) },
                {
                  title: t('budgeting.fields.zone'),
                  dataIndex: 'zoneCode',
                  width: 80,
                  filters: campaign.zones.map((z) => ({ text: z.code, value: z.code })),
                  onFilter: (v, r) => r.zoneCode === v,
                  sorter: (a, b) => cmp(a.zoneCode, b.zoneCode),
                },
                { title: t('budgeting.fields.category'), dataIndex: 'category', width: 130, sorter: (a, b) => cmp(a.category, b.category) },
                { title: t('budgeting.fields.source'), dataIndex: 'source', width: 100, render: (v: string) => t(`budgeting.source.${v}`) },
                {
                  title: t('budgeting.fields.costEstimate'),
                  dataIndex: 'costEstimate',
                  width: 150,
                  align: 'right',
                  sorter: (a, b) => cmp(a.costEstimate, b.costEstimate),
                  render: (v: number | null) => formatLei(v, lang),
                },
                {
                  title: t('budgeting.fields.eligibility'),
                  dataIndex: 'eligibilityStatus',
                  width: 120,
                  filters: ELIGIBILITY_STATUSES.map((s) => ({ text: t(`budgeting.eligibilityStatus.${s}`), value: s })),
                  onFilter: (v, r) => r.eligibilityStatus === v,
                  render: (v: BudgetProposal['eligibilityStatus']) => <EligibilityTag status={v} />,
                },
                {
                  title: t('budgeting.fields.feasibility'),
                  dataIndex: 'feasibility',
                  width: 150,
                  filters: FEASIBILITY_STATUSES.map((s) => ({ text: t(`budgeting.feasibilityStatus.${s}`), value: s })),
                  onFilter: (v, r) => r.feasibility === v,
                  render: (v: FeasibilityStatus) => <FeasibilityTag status={v} />,
                },
                {
                  title: t('budgeting.fields.evaluationProgress'),
                  dataIndex: 'evaluationProgress',
                  width: 90,
                  align: 'center',
                  render: (v: string) => <span data-testid="proposal-progress">{v}</span>,
                },
                {
                  title: t('budgeting.fields.finalScore'),
                  dataIndex: 'finalScore',
                  width: 100,
                  align: 'right',
                  sorter: (a, b) => cmp(a.finalScore, b.finalScore),
                  render: (v: number | null, r) => (
                    <Space size={4}>
                      <span data-testid="proposal-score">{fmtScore(v, lang)}</span>
                      {r.divergent && <Tag color="orange">{t('budgeting.evaluation.divergent')}</Tag>}
                    </Space>
                  ),
                },
                ...(canEdit
                  ? [
                      {
                        title: '',
                        key: 'actions',
                        width: 290,
                        fixed: 'right' as const,
                        render: (_: unknown, r: BudgetProposal) => (
                          <Space size={0}>
                            <Button size="small" type="link" onClick={() => setEligibility(r)} data-testid={`eligibility-${r.code}`}>
                              {t('budgeting.proposals.eligibility')}
                            </Button>
                            <Button size="small" type="link" onClick={() => setFeasibility(r)} data-testid={`feasibility-${r.code}`}>
                              {t('budgeting.proposals.feasibility')}
                            </Button>
                            <Button
                              size="small"
                              type="text"
                              icon={<EditOutlined />}
                              onClick={() => setEditing(r)}
                              aria-label={t('common.edit')}
                              data-testid={`proposal-edit-${r.code}`}
                            />
                            <Popconfirm
                              title={t('budgeting.proposals.confirmDelete')}
                              okText={t('common.delete')}
                              cancelText={t('common.cancel')}
                              onConfirm={() => void remove(r)}
                            >
                              <Button
                                size="small"
                                type="text"
                                danger
                                icon={<DeleteOutlined />}
                                aria-label={t('common.delete')}
                                data-testid={`proposal-delete-${r.code}`}
                              />
                            </Popconfirm>
                          </Space>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          );
        }}
      </Loadable>
      {editing && <ProposalForm campaign={campaign} proposal={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
      {importing && <ProposalImport campaign={campaign} onClose={() => setImporting(false)} />}
      {eligibility && <EligibilityForm proposal={eligibility} onClose={() => setEligibility(null)} />}
      {bulk && (
        <BulkEligibility
          campaignId={campaign.id}
          proposals={(q.data ?? []).filter((p) => selected.includes(p.id))}
          onClose={(done) => {
            setBulk(false);
            if (done) setSelected([]);
          }}
        />
      )}
      {feasibility && <FeasibilityForm proposal={feasibility} onClose={() => setFeasibility(null)} />}
    </>
  );
}

interface ProposalValues {
  code: string;
  title: string;
  body: string;
  category: string;
  zoneCode: string | null;
  address: string;
  latitude: number | null;
  longitude: number | null;
  submittedOn: Dayjs | null;
  costEstimate: number | null;
  grantLine: string;
  requestedAmount: number | null;
  cofinancing: number | null;
  authorName: string;
  authorContact: string;
  authorOrganisation: string;
  authorConsent: boolean;
}
const PROPOSAL_FIELDS = [
  'code',
  'title',
  'body',
  'category',
  'zoneCode',
  'address',
  'latitude',
  'longitude',
  'submittedOn',
  'costEstimate',
  'grantLine',
  'requestedAmount',
  'cofinancing',
  'authorName',
  'authorContact',
  'authorOrganisation',
  'authorConsent',
];

/** A proposal entered by hand (a paper form) or corrected. */
function ProposalForm({ campaign, proposal, onClose }: { campaign: BudgetCampaign; proposal?: BudgetProposal; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [form] = Form.useForm<ProposalValues>();
  const [busy, setBusy] = useState(false);
  const conflict = useSaveConflict({
    form,
    record: proposal,
    fields: PROPOSAL_FIELDS,
    labels: 'budgeting.fields',
    label: { zoneCode: 'budgeting.fields.zone' },
    toValues: (r) => asValues(r),
    load: () => api.get('budgeting.getProposal', { id: proposal!.id }),
    onTakeTheirs: onClose,
  });
  const onError = useBudgetingErrors();
  const qc = useQueryClient();
  const required = [{ required: true, message: t('validation.required') }];
  const s = (v: string | null | undefined) => v ?? '';
  const asValues = (proposal: BudgetProposal): Partial<ProposalValues> => ({
    ...proposal,
    submittedOn: toDayjs(proposal.submittedOn),
    costEstimate: toLei(proposal.costEstimate),
    requestedAmount: toLei(proposal.requestedAmount),
    cofinancing: toLei(proposal.cofinancing),
    authorName: s(proposal.authorName),
    authorContact: s(proposal.authorContact),
    authorOrganisation: s(proposal.authorOrganisation),
  });
  const initial: Partial<ProposalValues> = proposal ? asValues(proposal) : { authorConsent: false, zoneCode: null };

  const submit = async (v: ProposalValues) => {
    const raw = {
      ...(proposal ? { id: proposal.id, expectedUpdatedAt: conflict.base() } : {}),
      campaignId: campaign.id,
      code: s(v.code),
      title: s(v.title),
      body: s(v.body),
      category: s(v.category),
      zoneCode: v.zoneCode ?? null,
      address: s(v.address),
      latitude: v.latitude ?? null,
      longitude: v.longitude ?? null,
      submittedOn: fromDayjs(v.submittedOn),
      costEstimate: toBani(v.costEstimate),
      grantLine: s(v.grantLine),
      requestedAmount: toBani(v.requestedAmount),
      cofinancing: toBani(v.cofinancing),
      authorName: s(v.authorName),
      authorContact: s(v.authorContact),
      authorOrganisation: s(v.authorOrganisation),
      authorConsent: !!v.authorConsent,
    };
    const parsed = saveProposalInput.safeParse(raw);
    if (!parsed.success) return onError({ code: 'VALIDATION', message: '', details: { issues: zodIssues(parsed.error) } }, form, PROPOSAL_FIELDS);
    setBusy(true);
    try {
      await api.get('budgeting.saveProposal', parsed.data);
      await invalidateBudgeting(qc);
      onClose();
    } catch (e) {
      if (await conflict.handle(e)) return;
      onError(e, form, PROPOSAL_FIELDS, onClose);
    } finally {
      setBusy(false);
    }
  };

  return (
    <FormModal<ProposalValues>
      open
      title={proposal ? t('budgeting.proposals.edit', { code: proposal.code }) : t('budgeting.proposals.new')}
      form={form}
      initialValues={initial}
      onCancel={onClose}
      onSubmit={submit}
      busy={busy}
      width={900}
      testId="proposal-form"
    >
      {conflict.view}
      <Row gutter={16}>
        <Col span={5}>
          <Form.Item name="code" label={t('budgeting.fields.code')} extra={proposal ? undefined : t('budgeting.proposals.codeHelp')}>
            <Input data-testid="proposal-code" />
          </Form.Item>
        </Col>
        <Col span={13}>
          <Form.Item name="title" label={t('budgeting.fields.title')} rules={required}>
            <Input autoFocus data-testid="proposal-title" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="zoneCode" label={t('budgeting.fields.zone')}>
            <Select allowClear options={campaign.zones.map((z) => ({ value: z.code, label: `${z.code} — ${z.name}` }))} data-testid="proposal-zone" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="body" label={t('budgeting.fields.body')}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} data-testid="proposal-body" />
      </Form.Item>
      <Row gutter={16}>
        <Col span={6}>
          <Form.Item name="category" label={t('budgeting.fields.category')}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name="address" label={t('budgeting.fields.address')}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={4}>
          <Form.Item name="latitude" label={t('budgeting.fields.latitude')}>
            <InputNumber style={{ width: '100%' }} decimalSeparator={lang === 'ro' ? ',' : '.'} />
          </Form.Item>
        </Col>
        <Col span={4}>
          <Form.Item name="longitude" label={t('budgeting.fields.longitude')}>
            <InputNumber style={{ width: '100%' }} decimalSeparator={lang === 'ro' ? ',' : '.'} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={6}>
          <Form.Item name="submittedOn" label={t('budgeting.fields.submittedOn')}>
            <DatePicker format={dateInputFormat(lang)} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="costEstimate" label={t('budgeting.fields.costEstimate')}>
            <LeiInput testId="proposal-cost" />
          </Form.Item>
        </Col>
        {campaign.kind === 'grant' && (
          <>
            <Col span={4}>
              <Form.Item name="grantLine" label={t('budgeting.fields.grantLine')}>
                <Input />
              </Form.Item>
            </Col>
            <Col span={4}>
              <Form.Item name="requestedAmount" label={t('budgeting.fields.requestedAmount')}>
                <LeiInput />
              </Form.Item>
            </Col>
            <Col span={4}>
              <Form.Item name="cofinancing" label={t('budgeting.fields.cofinancing')}>
                <LeiInput />
              </Form.Item>
            </Col>
          </>
        )}
      </Row>
      <Row gutter={16}>
        <Col span={7}>
          <Form.Item name="authorName" label={t('budgeting.fields.authorName')}>
            <Input data-testid="proposal-author" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="authorContact" label={t('budgeting.fields.authorContact')}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="authorOrganisation" label={t('budgeting.fields.authorOrganisation')}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={5}>
          <Form.Item name="authorConsent" label={t('budgeting.fields.authorConsent')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}

/** CSV/XLSX (incl. Decidim's export): a dry run shows what would change, or every bad row; then the write. */
function ProposalImport({ campaign, onClose }: { campaign: BudgetCampaign; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const flow = useDryRunImport<ProposalImportReport>(
    'budgeting.importProposals',
    (file, dryRun) => api.call('budgeting.importProposals', { campaignId: campaign.id, ...file, dryRun }),
    async (r) => {
      await invalidateBudgeting(qc);
      void message.success(t('budgeting.proposals.imported', { created: r.created, updated: r.updated, unchanged: r.unchanged }));
      onClose();
    },
  );
  return (
    <DryRunImportModal
      title={t('budgeting.proposals.importTitle')}
      width={760}
      help={t('budgeting.proposals.importHelp')}
      accept=".csv,.xlsx,.ods"
      testId="proposal-import"
      errorsTitle={t('budgeting.common.badRows')}
      flow={flow}
      summary={(r) => ({
        title: t('budgeting.proposals.dryRun', { created: r.created, updated: r.updated, unchanged: r.unchanged }),
        description:
          [
            r.ignoredColumns.length ? t('budgeting.proposals.ignoredColumns', { columns: r.ignoredColumns.join(', ') }) : '',
            ...r.warnings.map((w) => t('budgeting.proposals.costWarning', { warning: w })),
          ]
            .filter(Boolean)
            .join(' ') || undefined,
      })}
      onClose={onClose}
    />
  );
}

/** A criterion's decision in the form: passed, failed, or not decided yet (every criterion starts undecided). */
type Decision = 'pass' | 'fail' | 'undecided';
const toDecision = (pass: boolean | null | undefined): Decision => (pass === true ? 'pass' : pass === false ? 'fail' : 'undecided');
const fromDecision = (d: Decision | undefined) => (d === 'pass' ? true : d === 'fail' ? false : null);

interface EligibilityValues {
  checks: Array<{ criterion: string; decision: Decision; reason: string }>;
  publicRejectionReason: string;
}

/** The eight criteria, each passed or failed with its reason; a rejection carries a reason that can be published. */
function EligibilityForm({ proposal, onClose }: { proposal: BudgetProposal; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<EligibilityValues>();
  const [busy, setBusy] = useState(false);
  const onError = useBudgetingErrors();
  const qc = useQueryClient();
  const checks = Form.useWatch('checks', form);
  const anyFailed = (checks ?? []).some((c) => c?.decision === 'fail');
  const initial: EligibilityValues = {
    checks: ELIGIBILITY_CRITERIA.map((c) => {
      const had = proposal.eligibility.find((e) => e.criterion === c);
      return { criterion: c, decision: toDecision(had?.pass), reason: had?.reason ?? '' };
    }),
    publicRejectionReason: proposal.publicRejectionReason,
  };
  const submit = async (v: EligibilityValues) => {
    // Only the rendered fields come back from the form: the criterion of each row is its position.
    const checks = ELIGIBILITY_CRITERIA.map((criterion, i) => ({
      criterion,
      pass: fromDecision(v.checks?.[i]?.decision),
      reason: v.checks?.[i]?.reason ?? '',
    }));
    const raw = { id: proposal.id, expectedUpdatedAt: proposal.updatedAt, checks, publicRejectionReason: v.publicRejectionReason ?? '' };
    const parsed = setEligibilityInput.safeParse(raw);
    if (!parsed.success)
      return onError({ code: 'VALIDATION', message: '', details: { issues: zodIssues(parsed.error) } }, form, ['checks', 'publicRejectionReason']);
    setBusy(true);
    try {
      await api.get('budgeting.setEligibility', parsed.data);
      await invalidateBudgeting(qc);
      onClose();
    } catch (e) {
      onError(e, form, ['checks', 'publicRejectionReason'], onClose);
    } finally {
      setBusy(false);
    }
  };
  return (
    <FormModal<EligibilityValues>
      open
      title={t('budgeting.proposals.eligibilityTitle', { code: proposal.code, title: proposal.title })}
      form={form}
      initialValues={initial}
      onCancel={onClose}
      onSubmit={submit}
      busy={busy}
      width={820}
      testId="eligibility-form"
    >
      <Form.List name="checks">
        {(fields) =>
          fields.map((f, i) => (
            <Row key={f.key} gutter={8} align="top">
              <Col span={14}>
                <Form.Item name={[f.name, 'decision']} label={t(`budgeting.criterion.${ELIGIBILITY_CRITERIA[i]}`)} style={{ marginBottom: 8 }}>
                  <Radio.Group
                    size="small"
                    data-testid={`check-${ELIGIBILITY_CRITERIA[i]}`}
                    options={(['pass', 'fail', 'undecided'] as const).map((d) => ({ value: d, label: t(`budgeting.decision.${d}`) }))}
                  />
                </Form.Item>
              </Col>
              <Col span={10}>
                {checks?.[i]?.decision === 'fail' && (
                  <Form.Item name={[f.name, 'reason']} style={{ marginBottom: 8 }}>
                    <Input placeholder={t('budgeting.proposals.failReason')} data-testid={`reason-${ELIGIBILITY_CRITERIA[i]}`} />
                  </Form.Item>
                )}
              </Col>
            </Row>
          ))
        }
      </Form.List>
      {anyFailed && (
        <Form.Item name="publicRejectionReason" label={t('budgeting.fields.publicRejectionReason')} extra={t('budgeting.proposals.publicReasonHelp')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} data-testid="public-rejection-reason" />
        </Form.Item>
      )}
    </FormModal>
  );
}

/** One decision (pass, fail with its reason, or back to undecided) on some criteria, for every selected proposal. */
function BulkEligibility({ campaignId, proposals, onClose }: { campaignId: string; proposals: BudgetProposal[]; onClose: (done: boolean) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ criteria: string[]; decision: Decision; reason: string; publicRejectionReason: string }>();
  const decision = Form.useWatch('decision', form);
  const [busy, setBusy] = useState(false);
  const onError = useBudgetingErrors();
  const qc = useQueryClient();
  const submit = async (v: { criteria: string[]; decision: Decision; reason: string; publicRejectionReason: string }) => {
    setBusy(true);
    try {
      await api.get('budgeting.setEligibilityCriteria', {
        campaignId,
        items: proposals.flatMap((p) =>
          (v.criteria ?? []).map((criterion) => ({
            proposalCode: p.code,
            criterion: criterion as (typeof ELIGIBILITY_CRITERIA)[number],
            pass: fromDecision(v.decision),
            reason: v.reason ?? '',
          })),
        ),
        publicRejectionReason: v.publicRejectionReason ?? '',
      });
      await invalidateBudgeting(qc);
      onClose(true);
    } catch (e) {
      onError(e, form, ['criteria', 'reason', 'publicRejectionReason'], () => onClose(false));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('budgeting.proposals.bulkTitle', { n: proposals.length })}
      okText={t('common.save')}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'eligibility-bulk-submit' } as never}
      confirmLoading={busy}
      onCancel={() => onClose(false)}
      width={720}
      data-testid="eligibility-bulk-form"
    >
      <Typography.Paragraph className="pla-muted">{proposals.map((p) => p.code).join(', ')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ criteria: [...ELIGIBILITY_CRITERIA], decision: 'pass', reason: '', publicRejectionReason: '' }}
        onFinish={submit}
      >
        <Form.Item name="criteria" label={t('budgeting.proposals.bulkCriteria')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select mode="multiple" options={ELIGIBILITY_CRITERIA.map((c) => ({ value: c, label: t(`budgeting.criterion.${c}`) }))} data-testid="bulk-criteria" />
        </Form.Item>
        <Form.Item name="decision" label={t('budgeting.proposals.bulkDecision')}>
          <Radio.Group
            options={(['pass', 'fail', 'undecided'] as const).map((d) => ({ value: d, label: t(`budgeting.decision.${d}`) }))}
            data-testid="bulk-decision"
          />
        </Form.Item>
        {decision === 'fail' && (
          <>
            <Form.Item name="reason" label={t('budgeting.proposals.failReason')} rules={[{ required: true, message: t('validation.required') }]}>
              <Input data-testid="bulk-reason" />
            </Form.Item>
            <Form.Item name="publicRejectionReason" label={t('budgeting.fields.publicRejectionReason')} extra={t('budgeting.proposals.publicReasonHelp')}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

function FeasibilityForm({ proposal, onClose }: { proposal: BudgetProposal; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ feasibility: FeasibilityStatus; note: string; costEstimate: number | null }>();
  const [busy, setBusy] = useState(false);
  const onError = useBudgetingErrors();
  const qc = useQueryClient();
  return (
    <FormModal
      open
      title={t('budgeting.proposals.feasibilityTitle', { code: proposal.code })}
      form={form}
      initialValues={{ feasibility: proposal.feasibility, note: proposal.feasibilityNote, costEstimate: toLei(proposal.costEstimate) }}
      onCancel={onClose}
      busy={busy}
      testId="feasibility-form"
      onSubmit={async (v) => {
        setBusy(true);
        try {
          await api.get('budgeting.setFeasibility', {
            id: proposal.id,
            expectedUpdatedAt: proposal.updatedAt,
            feasibility: v.feasibility,
            note: v.note ?? '',
            costEstimate: toBani(v.costEstimate),
          });
          await invalidateBudgeting(qc);
          onClose();
        } catch (e) {
          onError(e, form, ['feasibility', 'note', 'costEstimate'], onClose);
        } finally {
          setBusy(false);
        }
      }}
    >
      <Form.Item name="feasibility" label={t('budgeting.fields.feasibility')}>
        <Select options={enumOptions(t, FEASIBILITY_STATUSES, 'budgeting.feasibilityStatus')} data-testid="feasibility-status" />
      </Form.Item>
      <Form.Item name="costEstimate" label={t('budgeting.fields.costEstimate')}>
        <LeiInput testId="feasibility-cost" />
      </Form.Item>
      <Form.Item name="note" label={t('budgeting.fields.feasibilityNote')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
    </FormModal>
  );
}
