import { Col, Form, Input, Modal, Radio, Row, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ELIGIBILITY_CRITERIA, FEASIBILITY_STATUSES, setEligibilityInput, type BudgetProposal, type FeasibilityStatus } from '../../../../electron/contract';
import { FormModal } from '../../ui/FormModal';
import { zodIssues } from '../../ui/forms';
import { enumOptions } from '../../ui/options';
import { useBudgetingFormErrors, useSetEligibility, useSetEligibilityCriteria, useSetFeasibility } from './mutations';
import { LeiInput, toBani, toLei } from './shared';

/** A criterion's decision in the form: passed, failed, or not decided yet (every criterion starts undecided). */
type Decision = 'pass' | 'fail' | 'undecided';
const toDecision = (pass: boolean | null | undefined): Decision => (pass === true ? 'pass' : pass === false ? 'fail' : 'undecided');
const fromDecision = (d: Decision | undefined) => (d === 'pass' ? true : d === 'fail' ? false : null);

const ELIGIBILITY_FIELDS = ['checks', 'publicRejectionReason'];

interface EligibilityValues {
  checks: Array<{ criterion: string; decision: Decision; reason: string }>;
  publicRejectionReason: string;
}

/** The eight criteria, each passed or failed with its reason; a rejection carries a reason that can be published. */
export function EligibilityForm({ proposal, onClose }: { proposal: BudgetProposal; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<EligibilityValues>();
  const errors = useBudgetingFormErrors(form, ELIGIBILITY_FIELDS, { onConflict: onClose });
  const save = useSetEligibility(errors);
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
    if (!parsed.success) return errors.invalid(zodIssues(parsed.error));
    if (await save.run(parsed.data)) onClose();
  };
  return (
    <FormModal<EligibilityValues>
      open
      title={t('budgeting.proposals.eligibilityTitle', { code: proposal.code, title: proposal.title })}
      form={form}
      initialValues={initial}
      onCancel={onClose}
      onSubmit={submit}
      busy={save.isPending}
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
export function BulkEligibility({ campaignId, proposals, onClose }: { campaignId: string; proposals: BudgetProposal[]; onClose: (done: boolean) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ criteria: string[]; decision: Decision; reason: string; publicRejectionReason: string }>();
  const decision = Form.useWatch('decision', form);
  const save = useSetEligibilityCriteria(useBudgetingFormErrors(form, ['criteria', 'reason', 'publicRejectionReason'], { onConflict: () => onClose(false) }));
  const submit = async (v: { criteria: string[]; decision: Decision; reason: string; publicRejectionReason: string }) => {
    const done = await save.run({
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
    if (done) onClose(true);
  };
  return (
    <Modal
      open
      title={t('budgeting.proposals.bulkTitle', { n: proposals.length })}
      okText={t('common.save')}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'eligibility-bulk-submit' } as never}
      confirmLoading={save.isPending}
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

export function FeasibilityForm({ proposal, onClose }: { proposal: BudgetProposal; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ feasibility: FeasibilityStatus; note: string; costEstimate: number | null }>();
  const save = useSetFeasibility(useBudgetingFormErrors(form, ['feasibility', 'note', 'costEstimate'], { onConflict: onClose }));
  return (
    <FormModal
      open
      title={t('budgeting.proposals.feasibilityTitle', { code: proposal.code })}
      form={form}
      initialValues={{ feasibility: proposal.feasibility, note: proposal.feasibilityNote, costEstimate: toLei(proposal.costEstimate) }}
      onCancel={onClose}
      busy={save.isPending}
      testId="feasibility-form"
      onSubmit={async (v) => {
        const done = await save.run({
          id: proposal.id,
          expectedUpdatedAt: proposal.updatedAt,
          feasibility: v.feasibility,
          note: v.note ?? '',
          costEstimate: toBani(v.costEstimate),
        });
        if (done) onClose();
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
