import { Col, Divider, Form, Input, InputNumber, Row, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  CAMPAIGN_KINDS,
  DEFAULT_TOPUP_LIMIT,
  DIVERGENCE_MODES,
  DIVERGENCE_SCOPES,
  EQUAL_SHARES_COMPLETIONS,
  EQUAL_SHARES_UTILITIES,
  TIE_BREAKS,
  WINNER_RULES,
  saveCampaignInput,
  type BudgetCampaign,
  type CampaignKind,
} from '../../../../electron/contract';
import { api } from '../../api/client';
import { FormModal } from '../../ui/FormModal';
import { useSaveConflict } from '../../ui/ConflictView';
import { zodIssues } from '../../ui/forms';
import { enumOptions } from '../../ui/options';
import { toLei } from '../../ui/money';
import { CAMPAIGN_FIELDS, formIssues, toCampaignInput, toCampaignValues, type CampaignValues } from './campaign-input';
import { PhaseEditor, RubricEditor, ZoneEditor } from './CampaignEditors';
import { useBudgetingFormErrors, useSaveCampaign } from './mutations';
import { LeiInput } from './shared';

export { anchorsToText } from './campaign-input';

/** A campaign's settings: budget and zones, phases, the evaluation rubric, how winners are chosen. */
export function CampaignForm({ campaign, onClose, onSaved }: { campaign?: BudgetCampaign; onClose: () => void; onSaved?: (c: BudgetCampaign) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CampaignValues>();
  const conflict = useSaveConflict({
    form,
    record: campaign,
    fields: CAMPAIGN_FIELDS,
    labels: 'budgeting.fields',
    label: { criteria: 'budgeting.form.rubric', divThreshold: 'budgeting.fields.divergenceThreshold' },
    toValues: toCampaignValues,
    load: () => api.get('budgeting.getCampaign', { id: campaign!.id }),
    onTakeTheirs: onClose,
  });
  const errors = useBudgetingFormErrors(form, CAMPAIGN_FIELDS, { conflict, onConflict: onClose });
  const save = useSaveCampaign(errors);
  const kind = Form.useWatch('kind', form);
  const rule = Form.useWatch('winnerRule', form);
  const required = [{ required: true, message: t('validation.required') }];

  const initial: Partial<CampaignValues> = campaign
    ? toCampaignValues(campaign)
    : {
        kind: 'pb',
        edition: '',
        description: '',
        phases: [],
        zones: [],
        votesPerVoter: 5,
        minimumAge: 16,
        criteria: [{ key: 'impact', name: '', weight: 1, min: 0, max: 5, anchors: '', minimum: null }],
        divMode: 'percent',
        divThreshold: 30,
        divScope: 'overall',
        evaluatorsPerProposal: 2,
        blindMode: false,
        tieBreak: ['score', 'cost_asc', 'submitted_at'],
        winnerRule: 'greedy',
        topupLimit: toLei(DEFAULT_TOPUP_LIMIT),
        equalSharesUtility: 'cost',
        equalSharesCompletion: 'add1_greedy',
        cofinancingMinPercent: 10,
      };

  const submit = async () => {
    // Every value, the unrendered ones too (a zone's id keeps its proposals attached).
    const v = form.getFieldsValue(true) as CampaignValues;
    const raw = toCampaignInput(v, campaign, conflict.base());
    const parsed = saveCampaignInput.safeParse(raw);
    if (!parsed.success) return errors.invalid(formIssues(zodIssues(parsed.error)));
    const done = await save.run(parsed.data);
    if (!done) return;
    onSaved?.(done.data);
    onClose();
  };

  return (
    <FormModal<CampaignValues>
      open
      title={campaign ? t('budgeting.campaigns.edit', { name: campaign.name }) : t('budgeting.campaigns.new')}
      form={form}
      initialValues={initial}
      onCancel={onClose}
      onSubmit={submit}
      busy={save.isPending}
      width={1000}
      testId="campaign-form"
    >
      {conflict.view}
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="name" label={t('budgeting.fields.name')} rules={required}>
            <Input autoFocus data-testid="campaign-name" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="kind" label={t('budgeting.fields.kind')}>
            <Select
              options={enumOptions(t, CAMPAIGN_KINDS, 'budgeting.kind')}
              data-testid="campaign-kind"
              onChange={(k: CampaignKind) => form.setFieldValue('winnerRule', k === 'grant' ? 'grant_score' : 'greedy')}
            />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="edition" label={t('budgeting.fields.edition')}>
            <Input data-testid="campaign-edition" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="description" label={t('budgeting.fields.description')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} />
      </Form.Item>

      <Divider titlePlacement="start">{t('budgeting.form.budget')}</Divider>
      <Row gutter={16}>
        <Col span={6}>
          <Form.Item name="totalBudget" label={t('budgeting.fields.totalBudget')} rules={required}>
            <LeiInput testId="campaign-total" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="capPerProject" label={t('budgeting.fields.capPerProject')}>
            <LeiInput testId="campaign-cap" />
          </Form.Item>
        </Col>
        <Col span={4}>
          <Form.Item name="votesPerVoter" label={t('budgeting.fields.votesPerVoter')}>
            <InputNumber min={1} max={100} precision={0} style={{ width: '100%' }} data-testid="campaign-votes-per-voter" />
          </Form.Item>
        </Col>
        <Col span={4}>
          <Form.Item name="minimumAge" label={t('budgeting.fields.minimumAge')}>
            <InputNumber min={0} max={120} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={4}>
          <Form.Item name="population" label={t('budgeting.fields.population')}>
            <InputNumber min={1} precision={0} style={{ width: '100%' }} data-testid="campaign-population" />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Text strong>{t('budgeting.fields.zones')}</Typography.Text>
      <ZoneEditor />

      <Divider titlePlacement="start">{t('budgeting.fields.phases')}</Divider>
      <PhaseEditor />

      <Divider titlePlacement="start">{t('budgeting.form.rubric')}</Divider>
      <RubricEditor />
      <Row gutter={16} style={{ marginTop: 12 }}>
        <Col span={5}>
          <Form.Item name="overallMinimum" label={t('budgeting.fields.overallMinimum')}>
            <InputNumber min={0} max={100} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={5}>
          <Form.Item name="evaluatorsPerProposal" label={t('budgeting.fields.evaluatorsPerProposal')}>
            <InputNumber min={2} max={10} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={4}>
          <Form.Item name="blindMode" label={t('budgeting.fields.blindMode')} valuePropName="checked">
            <Switch data-testid="campaign-blind" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="divMode" label={t('budgeting.fields.divergenceMode')}>
            <Select options={enumOptions(t, DIVERGENCE_MODES, 'budgeting.divergenceMode')} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="divThreshold" label={t('budgeting.fields.divergenceThreshold')} rules={required}>
            <InputNumber min={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name="divScope" label={t('budgeting.fields.divergenceScope')}>
            <Select options={enumOptions(t, DIVERGENCE_SCOPES, 'budgeting.divergenceScope')} />
          </Form.Item>
        </Col>
      </Row>

      <Divider titlePlacement="start">{t('budgeting.form.winners')}</Divider>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="winnerRule" label={t('budgeting.fields.winnerRule')}>
            <Select
              options={enumOptions(t, WINNER_RULES, 'budgeting.rule').filter((o) => (kind === 'grant') === (o.value === 'grant_score'))}
              data-testid="campaign-rule"
            />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name="tieBreak" label={t('budgeting.fields.tieBreak')} extra={t('budgeting.form.tieBreakHelp')}>
            <Select mode="multiple" options={enumOptions(t, TIE_BREAKS, 'budgeting.tie')} data-testid="campaign-tiebreak" />
          </Form.Item>
        </Col>
        {rule === 'timisoara_topup' && (
          <Col span={6}>
            <Form.Item name="topupLimit" label={t('budgeting.fields.topupLimit')}>
              <LeiInput testId="campaign-topup" />
            </Form.Item>
          </Col>
        )}
        {rule === 'equal_shares' && (
          <>
            <Col span={6}>
              <Form.Item name="equalSharesUtility" label={t('budgeting.fields.equalSharesUtility')}>
                <Select options={enumOptions(t, EQUAL_SHARES_UTILITIES, 'budgeting.esUtility')} data-testid="campaign-es-utility" />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="equalSharesCompletion" label={t('budgeting.fields.equalSharesCompletion')}>
                <Select options={enumOptions(t, EQUAL_SHARES_COMPLETIONS, 'budgeting.esCompletion')} data-testid="campaign-es-completion" />
              </Form.Item>
            </Col>
          </>
        )}
      </Row>
      {kind === 'grant' && (
        <Row gutter={16}>
          <Col span={6}>
            <Form.Item name="minScore" label={t('budgeting.fields.minScore')}>
              <InputNumber min={0} max={100} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="cofinancingMinPercent" label={t('budgeting.fields.cofinancingMinPercent')}>
              <InputNumber min={0} max={100} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      )}
    </FormModal>
  );
}
