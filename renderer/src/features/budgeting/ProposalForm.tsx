import { App as AntApp, Col, DatePicker, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { saveProposalInput, type BudgetCampaign, type BudgetProposal, type ProposalImportReport } from '../../../../electron/contract';
import { api } from '../../api/client';
import { FormModal } from '../../ui/FormModal';
import { useSaveConflict } from '../../ui/ConflictView';
import { dateInputFormat, fromDayjs, toDayjs } from '../../ui/dates';
import { zodIssues } from '../../ui/forms';
import { useLang } from '../../ui/hooks';
import { useBudgetingFormErrors, useSaveProposal } from './mutations';
import { invalidateBudgeting } from './queries';
import { DryRunImportModal, LeiInput, toBani, toLei, useDryRunImport } from './shared';

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
export function ProposalForm({ campaign, proposal, onClose }: { campaign: BudgetCampaign; proposal?: BudgetProposal; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [form] = Form.useForm<ProposalValues>();
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
  const errors = useBudgetingFormErrors(form, PROPOSAL_FIELDS, { conflict, onConflict: onClose });
  const save = useSaveProposal(errors);
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
    if (!parsed.success) return errors.invalid(zodIssues(parsed.error));
    if (await save.run(parsed.data)) onClose();
  };

  return (
    <FormModal<ProposalValues>
      open
      title={proposal ? t('budgeting.proposals.edit', { code: proposal.code }) : t('budgeting.proposals.new')}
      form={form}
      initialValues={initial}
      onCancel={onClose}
      onSubmit={submit}
      busy={save.isPending}
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
export function ProposalImport({ campaign, onClose }: { campaign: BudgetCampaign; onClose: () => void }) {
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
