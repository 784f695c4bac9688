import { Button, Col, DatePicker, Divider, Form, Input, InputNumber, Row, Select, Space, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import {
  CAMPAIGN_KINDS,
  DEFAULT_TOPUP_LIMIT,
  DIVERGENCE_MODES,
  DIVERGENCE_SCOPES,
  EQUAL_SHARES_COMPLETIONS,
  EQUAL_SHARES_UTILITIES,
  PHASE_KINDS,
  TIE_BREAKS,
  WINNER_RULES,
  saveCampaignInput,
  type BudgetCampaign,
  type CampaignKind,
  type PhaseKind,
  type TieBreak,
  type WinnerRule,
} from '../../../../electron/contract';
import { api } from '../../api/client';
import { FormModal } from '../../ui/FormModal';
import { useSaveConflict } from '../../ui/ConflictView';
import { dateInputFormat, fromDayjs, toDayjs } from '../../ui/dates';
import { zodIssues } from '../../ui/forms';
import { useLang } from '../../ui/hooks';
import { enumOptions } from '../../ui/options';
import { invalidateBudgeting } from './queries';
import { LeiInput, toBani, toLei, useBudgetingErrors } from './shared';

interface CriterionValues {
  key: string;
  name: string;
  weight: number | null;
  min: number | null;
  max: number | null;
  /** One anchor a line: "0 = niciun impact". */
  anchors: string;
  minimum: number | null;
}

interface Values {
  name: string;
  kind: CampaignKind;
  edition: string;
  description: string;
  phases: Array<{ kind: PhaseKind; startsOn: Dayjs | null; endsOn: Dayjs | null }>;
  totalBudget: number | null;
  zones: Array<{ id?: string; code: string; name: string; budget: number | null }>;
  capPerProject: number | null;
  votesPerVoter: number | null;
  minimumAge: number | null;
  population: number | null;
  criteria: CriterionValues[];
  overallMinimum: number | null;
  divMode: 'percent' | 'points';
  divThreshold: number | null;
  divScope: 'overall' | 'criterion';
  evaluatorsPerProposal: number | null;
  blindMode: boolean;
  tieBreak: TieBreak[];
  winnerRule: WinnerRule;
  topupLimit: number | null;
  equalSharesUtility: BudgetCampaign['equalSharesUtility'];
  equalSharesCompletion: BudgetCampaign['equalSharesCompletion'];
  minScore: number | null;
  cofinancingMinPercent: number | null;
}

const FIELDS = [
  'name',
  'kind',
  'edition',
  'description',
  'phases',
  'totalBudget',
  'zones',
  'capPerProject',
  'votesPerVoter',
  'minimumAge',
  'population',
  'criteria',
  'overallMinimum',
  'divThreshold',
  'evaluatorsPerProposal',
  'tieBreak',
  'winnerRule',
  'topupLimit',
  'equalSharesUtility',
  'equalSharesCompletion',
  'minScore',
  'cofinancingMinPercent',
];

/** "0 = absent\n5 = excelent" ↔ { "0": "absent", "5": "excelent" } */
export const anchorsToText = (a: Record<string, string>) =>
  Object.entries(a)
    .sort((x, y) => Number(x[0]) - Number(y[0]))
    .map(([k, v]) => `${k} = ${v}`)
    .join('\n');
const textToAnchors = (s: string | undefined): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const line of (s ?? '').split(/\r?\n/)) {
    const m = /^\s*(\d+)\s*[=:]\s*(.*?)\s*$/.exec(line);
    if (m) out[m[1]] = m[2];
  }
  return out;
};

/** The contract's field paths → the form's (rubric.criteria.0.max → criteria, divergence.threshold → divThreshold). */
function formIssues(issues: ReturnType<typeof zodIssues>) {
  return issues.map((i) => {
    const f = i.field
      .replace(/^rubric\.criteria/, 'criteria')
      .replace(/^rubric\.overallMinimum/, 'overallMinimum')
      .replace(/^divergence\..*/, 'divThreshold');
    return { ...i, field: f };
  });
}

export function CampaignForm({ campaign, onClose, onSaved }: { campaign?: BudgetCampaign; onClose: () => void; onSaved?: (c: BudgetCampaign) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const conflict = useSaveConflict({
    form,
    record: campaign,
    fields: FIELDS,
    labels: 'budgeting.fields',
    label: { criteria: 'budgeting.form.rubric', divThreshold: 'budgeting.fields.divergenceThreshold' },
    toValues: (r) => asValues(r),
    load: () => api.get('budgeting.getCampaign', { id: campaign!.id }),
    onTakeTheirs: onClose,
  });
  const onError = useBudgetingErrors();
  const qc = useQueryClient();
  const kind = Form.useWatch('kind', form);
  const rule = Form.useWatch('winnerRule', form);
  const required = [{ required: true, message: t('validation.required') }];

  const asValues = (campaign: BudgetCampaign): Partial<Values> => ({
    ...campaign,
    phases: campaign.phases.map((p) => ({ kind: p.kind, startsOn: toDayjs(p.startsOn), endsOn: toDayjs(p.endsOn) })),
    totalBudget: toLei(campaign.totalBudget),
    zones: campaign.zones.map((z) => ({ id: z.id, code: z.code, name: z.name, budget: toLei(z.budget) })),
    capPerProject: toLei(campaign.capPerProject),
    criteria: campaign.rubric.criteria.map((c) => ({ ...c, anchors: anchorsToText(c.anchors) })),
    overallMinimum: campaign.rubric.overallMinimum,
    divMode: campaign.divergence.mode,
    divThreshold: campaign.divergence.threshold,
    divScope: campaign.divergence.scope,
    topupLimit: toLei(campaign.topupLimit),
  });
  const initial: Partial<Values> = campaign
    ? asValues(campaign)
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
    const v = form.getFieldsValue(true) as Values;
    const raw = {
      ...(campaign ? { id: campaign.id, expectedUpdatedAt: conflict.base() } : {}),
      name: v.name,
      kind: v.kind,
      edition: v.edition ?? '',
      description: v.description ?? '',
      phases: (v.phases ?? []).map((p) => ({ kind: p.kind, startsOn: fromDayjs(p.startsOn), endsOn: fromDayjs(p.endsOn) })),
      totalBudget: toBani(v.totalBudget),
      zones: (v.zones ?? []).map((z) => ({ ...(z.id ? { id: z.id } : {}), code: z.code ?? '', name: z.name ?? '', budget: toBani(z.budget) })),
      capPerProject: toBani(v.capPerProject),
      votesPerVoter: v.votesPerVoter ?? undefined,
      minimumAge: v.minimumAge ?? undefined,
      population: v.population ?? null,
      rubric: {
        criteria: (v.criteria ?? []).map((c) => ({
          key: c.key ?? '',
          name: c.name ?? '',
          weight: c.weight,
          min: c.min,
          max: c.max,
          anchors: textToAnchors(c.anchors),
          minimum: c.minimum ?? null,
        })),
        overallMinimum: v.overallMinimum ?? null,
      },
      divergence: { mode: v.divMode, threshold: v.divThreshold, scope: v.divScope },
      evaluatorsPerProposal: v.evaluatorsPerProposal ?? undefined,
      blindMode: !!v.blindMode,
      tieBreak: v.tieBreak ?? [],
      winnerRule: v.winnerRule,
      topupLimit: toBani(v.topupLimit) ?? undefined,
      equalSharesUtility: v.equalSharesUtility ?? undefined,
      equalSharesCompletion: v.equalSharesCompletion ?? undefined,
      grantLines: campaign?.grantLines ?? [],
      cofinancingMinPercent: v.cofinancingMinPercent ?? undefined,
      minScore: v.minScore ?? null,
    };
    const parsed = saveCampaignInput.safeParse(raw);
    if (!parsed.success) return onError({ code: 'VALIDATION', message: '', details: { issues: formIssues(zodIssues(parsed.error)) } }, form, FIELDS);
    setBusy(true);
    try {
      const saved = await api.get('budgeting.saveCampaign', parsed.data);
      await invalidateBudgeting(qc);
      onSaved?.(saved);
      onClose();
    } catch (e) {
      if (await conflict.handle(e)) return;
      onError(e, form, FIELDS, onClose);
    } finally {
      setBusy(false);
    }
  };

  return (
    <FormModal<Values>
      open
      title={campaign ? t('budgeting.campaigns.edit', { name: campaign.name }) : t('budgeting.campaigns.new')}
      form={form}
      initialValues={initial}
      onCancel={onClose}
      onSubmit={submit}
      busy={busy}
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
      <Form.List name="zones">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                <Form.Item name={[f.name, 'code']} rules={required}>
                  <Input placeholder={t('budgeting.fields.zoneCode')} style={{ width: 90 }} data-testid={`zone-code-${f.name}`} />
                </Form.Item>
                <Form.Item name={[f.name, 'name']} rules={required}>
                  <Input placeholder={t('budgeting.fields.zoneName')} style={{ width: 360 }} data-testid={`zone-name-${f.name}`} />
                </Form.Item>
                <Form.Item name={[f.name, 'budget']} rules={required}>
                  <LeiInput testId={`zone-budget-${f.name}`} />
                </Form.Item>
                <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('common.delete')} />
              </Space>
            ))}
            <Button
              size="small"
              icon={<PlusOutlined />}
              onClick={() => add({ code: '', name: '', budget: null })}
              data-testid="zone-add"
              style={{ marginBottom: 12 }}
            >
              {t('budgeting.form.addZone')}
            </Button>
          </>
        )}
      </Form.List>

      <Divider titlePlacement="start">{t('budgeting.fields.phases')}</Divider>
      <Form.List name="phases">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                <Form.Item name={[f.name, 'kind']} rules={required}>
                  <Select options={enumOptions(t, PHASE_KINDS, 'budgeting.phase')} style={{ width: 200 }} data-testid={`phase-kind-${f.name}`} />
                </Form.Item>
                <Form.Item name={[f.name, 'startsOn']} rules={required}>
                  <DatePicker
                    format={dateInputFormat(lang)}
                    placeholder={t('budgeting.fields.startsOn')}
                    aria-label={t('budgeting.fields.startsOn')}
                    data-testid={`phase-start-${f.name}`}
                  />
                </Form.Item>
                <Form.Item name={[f.name, 'endsOn']} rules={required}>
                  <DatePicker
                    format={dateInputFormat(lang)}
                    placeholder={t('budgeting.fields.endsOn')}
                    aria-label={t('budgeting.fields.endsOn')}
                    data-testid={`phase-end-${f.name}`}
                  />
                </Form.Item>
                <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('common.delete')} />
              </Space>
            ))}
            <Button
              size="small"
              icon={<PlusOutlined />}
              onClick={() => add({ kind: PHASE_KINDS[fields.length] ?? 'submission', startsOn: null, endsOn: null })}
              data-testid="phase-add"
            >
              {t('budgeting.form.addPhase')}
            </Button>
          </>
        )}
      </Form.List>

      <Divider titlePlacement="start">{t('budgeting.form.rubric')}</Divider>
      <Form.List name="criteria">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Row key={f.key} gutter={8} align="top">
                <Col span={3}>
                  <Form.Item name={[f.name, 'key']} label={t('budgeting.fields.criterionKey')} rules={required}>
                    <Input data-testid={`criterion-key-${f.name}`} />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item name={[f.name, 'name']} label={t('budgeting.fields.criterionName')} rules={required}>
                    <Input data-testid={`criterion-name-${f.name}`} />
                  </Form.Item>
                </Col>
                <Col span={2}>
                  <Form.Item name={[f.name, 'weight']} label={t('budgeting.fields.weight')} rules={required}>
                    <InputNumber min={0} style={{ width: '100%' }} data-testid={`criterion-weight-${f.name}`} />
                  </Form.Item>
                </Col>
                <Col span={2}>
                  <Form.Item name={[f.name, 'min']} label={t('budgeting.fields.scaleMin')} rules={required}>
                    <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col span={2}>
                  <Form.Item name={[f.name, 'max']} label={t('budgeting.fields.scaleMax')} rules={required}>
                    <InputNumber min={1} max={100} precision={0} style={{ width: '100%' }} data-testid={`criterion-max-${f.name}`} />
                  </Form.Item>
                </Col>
                <Col span={2}>
                  <Form.Item name={[f.name, 'minimum']} label={t('budgeting.fields.criterionMinimum')}>
                    <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item name={[f.name, 'anchors']} label={t('budgeting.fields.anchors')} tooltip={t('budgeting.form.anchorsHelp')}>
                    <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} placeholder={'0 = …\n5 = …'} data-testid={`criterion-anchors-${f.name}`} />
                  </Form.Item>
                </Col>
                <Col span={1} style={{ paddingTop: 30 }}>
                  <Button type="text" icon={<DeleteOutlined />} disabled={fields.length <= 1} onClick={() => remove(f.name)} aria-label={t('common.delete')} />
                </Col>
              </Row>
            ))}
            <Button
              size="small"
              icon={<PlusOutlined />}
              onClick={() => add({ key: '', name: '', weight: 1, min: 0, max: 5, anchors: '', minimum: null })}
              data-testid="criterion-add"
            >
              {t('budgeting.form.addCriterion')}
            </Button>
          </>
        )}
      </Form.List>
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
