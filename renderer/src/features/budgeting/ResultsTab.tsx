import { App as AntApp, Alert, Button, Card, Col, DatePicker, Descriptions, Form, Input, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { CalculatorOutlined, CheckCircleOutlined, DownloadOutlined, FileExcelOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import {
  APPEAL_OUTCOMES,
  saveAppealInput,
  type AppealOutcome,
  type BudgetAppeal,
  type BudgetCampaign,
  type WinnerExplanation,
  type ZoneResult,
} from '../../../../electron/contract';
import { api } from '../../api/client';
import { useAuth } from '../../app/auth';
import { Loadable } from '../../ui/components';
import { FormModal } from '../../ui/FormModal';
import { useSaveConflict } from '../../ui/ConflictView';
import { byId, recordNames } from '../../ui/conflict';
import { dateInputFormat, fromDayjs, toDayjs } from '../../ui/dates';
import { formatDate, formatDateTime, formatLei, formatNumber, formatPercent } from '../../ui/format';
import { zodIssues } from '../../ui/forms';
import { useErrorHandler, useLang } from '../../ui/hooks';
import { enumOptions } from '../../ui/options';
import { useAppeals, useProposals, useResults } from './queries';
import { useBudgetingFormErrors, useComputeResults, useSaveAppeal } from './mutations';
import { JobFilesButton, cmp, downloadText, fmtScore, safeFileName } from './shared';
import { RefusedList } from './VotesTab';
import { ResultsChart } from './ResultsChart';
import { useMayCall } from '../../app/access';

export function ResultsTab({ campaign }: { campaign: BudgetCampaign }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { canEdit } = useAuth();
  // Viewers read the results; the workbooks, the appeals register (appellants are people) are the editors'.
  const mayExport = useMayCall('budgeting.exportResults');
  const mayAppeals = useMayCall('budgeting.listAppeals');
  const q = useResults(campaign.id);
  const onError = useErrorHandler();
  const { message } = AntApp.useApp();
  const computeMutation = useComputeResults();
  const [zone, setZone] = useState<string | undefined>();

  const compute = async (appealId: string | null = null, final = false) => {
    const done = await computeMutation.run({ campaignId: campaign.id, appealId, note: '', final });
    if (!done) return;
    const r = done.data;
    if (final) void message.success(t('budgeting.results.declared'));
    else
      void message.success(
        r.changedFromPrevious.length ? t('budgeting.results.changed', { n: r.changedFromPrevious.length }) : t('budgeting.results.computed'),
      );
  };
  const pabulib = async () => {
    try {
      const r = await api.get('budgeting.exportPabulib', { campaignId: campaign.id });
      for (const f of r.files) downloadText(f.fileName, f.content);
    } catch (e) {
      onError(e);
    }
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap>
        {canEdit && (
          <Button type="primary" icon={<CalculatorOutlined />} loading={computeMutation.isPending} onClick={() => void compute()} data-testid="results-compute">
            {t('budgeting.results.compute')}
          </Button>
        )}
        {canEdit && (
          <>
            <Button
              icon={<CheckCircleOutlined />}
              disabled={!q.data || q.data.unfinished.length > 0 || q.data.status === 'final'}
              loading={computeMutation.isPending}
              onClick={() => void compute(null, true)}
              data-testid="results-final"
            >
              {t('budgeting.results.declareFinal')}
            </Button>
            {/* Why the declaration is not possible, beside the button. */}
            {(!q.data || q.data.unfinished.length > 0) && (
              <Typography.Text type="warning" data-testid="results-final-why">
                {!q.data
                  ? t('budgeting.results.declareFinalNeedsResults')
                  : t('budgeting.results.declareFinalWhy', { n: new Set(q.data.unfinished.map((u) => u.proposalCode)).size })}
              </Typography.Text>
            )}
          </>
        )}
        {q.data && mayExport && (
          <>
            <JobFilesButton
              start={() => api.get('budgeting.exportResults', { campaignId: campaign.id })}
              label={t('budgeting.results.excel')}
              icon={<FileExcelOutlined />}
              testId="results-excel"
            />
            <Button
              icon={<DownloadOutlined />}
              onClick={() => downloadText(`Rezultate-${safeFileName(campaign.name)}.json`, JSON.stringify(q.data, null, 2), 'application/json')}
              data-testid="results-json"
            >
              {t('budgeting.results.json')}
            </Button>
            <Button icon={<DownloadOutlined />} onClick={() => void pabulib()} data-testid="results-pabulib">
              {t('budgeting.results.pabulib')}
            </Button>
          </>
        )}
      </Space>
      <Loadable query={q}>
        {(r) =>
          !r ? (
            <Alert type="info" showIcon title={t('budgeting.results.none')} data-testid="results-none" />
          ) : (
            <>
              {r.status === 'final' ? (
                <Tag color="green" data-testid="results-status" data-status="final" style={{ alignSelf: 'flex-start' }}>
                  {t('budgeting.results.final')}
                </Tag>
              ) : (
                <Alert
                  type="warning"
                  showIcon
                  data-testid="results-status"
                  data-status="provisional"
                  title={
                    <>
                      <Tag color="orange">{t('budgeting.results.provisional')}</Tag> {t('budgeting.results.provisionalHelp')}
                    </>
                  }
                  description={
                    r.unfinished.length > 0 && (
                      <>
                        <Typography.Text strong>{t('budgeting.results.unfinished')}:</Typography.Text>
                        <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="results-unfinished">
                          {r.unfinished.map((u) => (
                            <li key={`${u.proposalCode}-${u.reason}`}>
                              {u.proposalCode}: {t(`budgeting.results.unfinishedReason.${u.reason}`)}
                            </li>
                          ))}
                        </ul>
                      </>
                    )
                  }
                />
              )}
              <Card size="small" data-testid="results-summary">
                <Row gutter={16}>
                  <Col span={6}>
                    <Statistic
                      title={t('budgeting.results.participation')}
                      value={r.participationRate == null ? '—' : formatPercent(r.participationRate, lang, 2)}
                    />
                    <Typography.Text className="pla-muted" data-testid="results-participation">
                      {t('budgeting.results.voters', { voters: formatNumber(r.voters, lang), population: formatNumber(r.population, lang) })}
                    </Typography.Text>
                  </Col>
                  <Col span={4}>
                    <Statistic title={t('budgeting.results.votesCounted')} value={formatNumber(r.votesCounted, lang)} />
                  </Col>
                  <Col span={14}>
                    <Descriptions size="small" column={1}>
                      <Descriptions.Item label={t('budgeting.fields.winnerRule')}>
                        <span data-testid="results-rule">{lang === 'ro' ? r.ruleTextRo : (r.ruleTextEn ?? t(`budgeting.rule.${r.rule}`))}</span>
                      </Descriptions.Item>
                      <Descriptions.Item label={t('budgeting.fields.tieBreak')}>
                        {lang === 'ro' ? r.tieBreakTextRo : r.tieBreak.map((b) => t(`budgeting.tie.${b}`)).join(' → ')}
                      </Descriptions.Item>
                      <Descriptions.Item label={t('budgeting.results.computedAt')}>
                        {formatDateTime(r.computedAt, lang)} {r.reason && `— ${r.reason}`}
                      </Descriptions.Item>
                      <Descriptions.Item label={t('budgeting.results.refused')}>
                        <RefusedList refused={r.refused} testId="results-refused" />
                      </Descriptions.Item>
                    </Descriptions>
                  </Col>
                </Row>
              </Card>
              {r.changedFromPrevious.length > 0 && (
                <Alert
                  type="warning"
                  showIcon
                  title={t('budgeting.results.changedTitle')}
                  description={r.changedFromPrevious
                    .map(
                      (c) =>
                        `${r.projects.find((p) => p.proposalId === c.proposalId)?.code ?? c.proposalId}: ${c.before ? t('budgeting.results.won') : t('budgeting.results.lost')} → ${c.after ? t('budgeting.results.won') : t('budgeting.results.lost')}`,
                    )
                    .join(' · ')}
                />
              )}
              <ResultsChart results={r} />
              <Table<ZoneResult>
                rowKey={(z) => z.zoneCode ?? 'city'}
                size="small"
                pagination={false}
                dataSource={r.zones}
                data-testid="results-zones"
                columns={[
                  { title: t('budgeting.fields.zone'), dataIndex: 'label' },
                  { title: t('budgeting.results.budget'), dataIndex: 'budget', align: 'right', render: (v: number) => formatLei(v, lang) },
                  { title: t('budgeting.results.used'), dataIndex: 'used', align: 'right', render: (v: number) => formatLei(v, lang) },
                  { title: t('budgeting.results.remaining'), dataIndex: 'remaining', align: 'right', render: (v: number) => formatLei(v, lang) },
                  { title: t('budgeting.results.topUp'), dataIndex: 'topUp', align: 'right', render: (v: number) => formatLei(v, lang) },
                  { title: t('budgeting.results.reserve'), dataIndex: 'reserve', align: 'right', render: (v: number) => formatLei(v, lang) },
                  { title: t('budgeting.results.winners'), align: 'right', render: (_, z) => `${z.winners} / ${z.projects}` },
                ]}
              />
              <Space>
                <Select
                  allowClear
                  placeholder={t('budgeting.fields.zone')}
                  aria-label={t('budgeting.fields.zone')}
                  style={{ width: 200 }}
                  value={zone}
                  onChange={setZone}
                  options={r.zones.filter((z) => z.zoneCode).map((z) => ({ value: z.zoneCode!, label: z.label }))}
                />
              </Space>
              <Table<WinnerExplanation>
                rowKey="proposalId"
                size="small"
                pagination={false}
                dataSource={r.projects.filter((p) => !zone || p.zoneCode === zone)}
                virtual={r.projects.length > 100}
                scroll={r.projects.length > 100 ? { y: 640, x: 1100 } : { x: 1100 }}
                data-testid="results-projects"
                onRow={(p) => ({ 'data-testid': `result-row-${p.code}`, 'data-won': String(p.won) }) as React.HTMLAttributes<HTMLElement>}
                columns={[
                  { title: t('budgeting.results.rank'), dataIndex: 'rank', width: 60, sorter: (a, b) => a.rank - b.rank, defaultSortOrder: 'ascend' },
                  { title: t('budgeting.fields.code'), dataIndex: 'code', width: 100, sorter: (a, b) => cmp(a.code, b.code) },
                  { title: t('budgeting.fields.title'), dataIndex: 'title', width: 240 },
                  { title: t('budgeting.fields.zone'), dataIndex: 'zoneCode', width: 70 },
                  { title: t('budgeting.results.votes'), dataIndex: 'votes', width: 80, align: 'right', sorter: (a, b) => a.votes - b.votes },
                  { title: t('budgeting.fields.finalScore'), dataIndex: 'score', width: 80, align: 'right', render: (v: number | null) => fmtScore(v, lang) },
                  { title: t('budgeting.results.cost'), dataIndex: 'cost', width: 140, align: 'right', render: (v: number) => formatLei(v, lang) },
                  {
                    title: t('budgeting.results.outcome'),
                    dataIndex: 'won',
                    width: 110,
                    filters: [
                      { text: t('budgeting.results.won'), value: true },
                      { text: t('budgeting.results.lost'), value: false },
                    ],
                    onFilter: (v, p) => p.won === v,
                    render: (v: boolean) => (
                      <Tag color={v ? 'green' : 'default'} data-testid="result-outcome">
                        {v ? t('budgeting.results.won') : t('budgeting.results.lost')}
                      </Tag>
                    ),
                  },
                  {
                    title: t('budgeting.results.why'),
                    render: (_, p) => (
                      <span data-testid="result-reason">
                        {lang === 'ro' ? p.textRo : p.textEn}
                        {p.tieBrokenBy && (
                          <Typography.Text className="pla-muted">
                            {' '}
                            ({t('budgeting.results.tieBrokenBy', { by: t(`budgeting.tie.${p.tieBrokenBy}`, { defaultValue: p.tieBrokenBy }) })})
                          </Typography.Text>
                        )}
                      </span>
                    ),
                  },
                ]}
              />
            </>
          )
        }
      </Loadable>
      {mayAppeals && <Appeals campaign={campaign} onRecompute={(id) => void compute(id)} />}
    </Space>
  );
}

interface AppealValues {
  proposalId: string | null;
  appellant: string;
  lodgedOn: Dayjs | null;
  deadline: Dayjs | null;
  grounds: string;
  outcome: AppealOutcome;
  decidedOn: Dayjs | null;
  decision: string;
}
const APPEAL_FIELDS = ['proposalId', 'appellant', 'lodgedOn', 'deadline', 'grounds', 'outcome', 'decidedOn', 'decision'];

/** The appeals register: deadline, outcome; a decided appeal can trigger a recomputation (audited, naming the appeal). */
function Appeals({ campaign, onRecompute }: { campaign: BudgetCampaign; onRecompute: (appealId: string) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { canEdit } = useAuth();
  const q = useAppeals(campaign.id);
  const [editing, setEditing] = useState<BudgetAppeal | 'new' | null>(null);
  const today = new Date().toISOString().slice(0, 10);
  return (
    <Card
      size="small"
      title={t('budgeting.appeals.title')}
      extra={
        canEdit && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="appeal-new">
            {t('budgeting.appeals.new')}
          </Button>
        )
      }
    >
      <Loadable query={q}>
        {(rows) => (
          <Table<BudgetAppeal>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={rows}
            data-testid="appeals-table"
            locale={{ emptyText: t('budgeting.appeals.none') }}
            columns={[
              {
                title: t('budgeting.appeals.lodgedOn'),
                dataIndex: 'lodgedOn',
                width: 110,
                render: (v: string) => formatDate(v, lang),
                sorter: (a, b) => cmp(a.lodgedOn, b.lodgedOn),
              },
              {
                title: t('budgeting.appeals.deadline'),
                dataIndex: 'deadline',
                width: 120,
                sorter: (a, b) => cmp(a.deadline, b.deadline),
                render: (v: string, r) => (
                  <span style={r.outcome === 'pending' && v < today ? { color: '#cf1322', fontWeight: 600 } : undefined}>{formatDate(v, lang)}</span>
                ),
              },
              { title: t('budgeting.appeals.appellant'), dataIndex: 'appellant', width: 180 },
              { title: t('budgeting.fields.code'), dataIndex: 'proposalCode', width: 90 },
              { title: t('budgeting.appeals.grounds'), dataIndex: 'grounds', ellipsis: true },
              {
                title: t('budgeting.appeals.outcome'),
                dataIndex: 'outcome',
                width: 120,
                filters: APPEAL_OUTCOMES.map((o) => ({ text: t(`budgeting.appealOutcome.${o}`), value: o })),
                onFilter: (v, r) => r.outcome === v,
                render: (v: AppealOutcome) => (
                  <Tag color={v === 'upheld' ? 'green' : v === 'rejected' ? 'red' : 'default'}>{t(`budgeting.appealOutcome.${v}`)}</Tag>
                ),
              },
              ...(canEdit
                ? [
                    {
                      title: '',
                      key: 'a',
                      width: 220,
                      render: (_: unknown, r: BudgetAppeal) => (
                        <Space size={0}>
                          <Button size="small" type="link" onClick={() => setEditing(r)}>
                            {t('common.edit')}
                          </Button>
                          {r.outcome !== 'pending' && (
                            <Button size="small" type="link" onClick={() => onRecompute(r.id)} data-testid={`appeal-recompute-${r.appellant}`}>
                              {t('budgeting.appeals.recompute')}
                            </Button>
                          )}
                        </Space>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Loadable>
      {editing && <AppealForm campaign={campaign} appeal={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}

function AppealForm({ campaign, appeal, onClose }: { campaign: BudgetCampaign; appeal?: BudgetAppeal; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [form] = Form.useForm<AppealValues>();
  const conflict = useSaveConflict({
    form,
    record: appeal,
    fields: APPEAL_FIELDS,
    format: { proposalId: (v) => recordNames(proposals.data ?? [])(v) },
    labels: 'budgeting.appeals',
    label: { proposalId: 'budgeting.appeals.proposal' },
    enums: { outcome: 'budgeting.appealOutcome' },
    toValues: (r) => asValues(r),
    load: () => api.get('budgeting.listAppeals', { campaignId: campaign.id }).then(byId(appeal!.id)),
    onTakeTheirs: onClose,
  });
  const proposals = useProposals(campaign.id);
  const errors = useBudgetingFormErrors(form, APPEAL_FIELDS, { conflict, onConflict: onClose });
  const save = useSaveAppeal(errors);
  const required = [{ required: true, message: t('validation.required') }];
  const asValues = (appeal: BudgetAppeal): Partial<AppealValues> => ({
    ...appeal,
    lodgedOn: toDayjs(appeal.lodgedOn),
    deadline: toDayjs(appeal.deadline),
    decidedOn: toDayjs(appeal.decidedOn),
  });
  const initial: Partial<AppealValues> = appeal ? asValues(appeal) : { outcome: 'pending', proposalId: null };
  const submit = async (v: AppealValues) => {
    const raw = {
      ...(appeal ? { id: appeal.id, expectedUpdatedAt: conflict.base() } : {}),
      campaignId: campaign.id,
      proposalId: v.proposalId ?? null,
      appellant: v.appellant ?? '',
      lodgedOn: fromDayjs(v.lodgedOn),
      deadline: fromDayjs(v.deadline),
      grounds: v.grounds ?? '',
      outcome: v.outcome,
      decidedOn: fromDayjs(v.decidedOn),
      decision: v.decision ?? '',
    };
    const parsed = saveAppealInput.safeParse(raw);
    if (!parsed.success) return errors.invalid(zodIssues(parsed.error));
    if (await save.run(parsed.data)) onClose();
  };
  return (
    <FormModal<AppealValues>
      open
      title={appeal ? t('budgeting.appeals.edit') : t('budgeting.appeals.new')}
      form={form}
      initialValues={initial}
      onCancel={onClose}
      onSubmit={submit}
      busy={save.isPending}
      width={760}
      testId="appeal-form"
    >
      {conflict.view}
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="appellant" label={t('budgeting.appeals.appellant')} rules={required}>
            <Input autoFocus data-testid="appeal-appellant" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="proposalId" label={t('budgeting.appeals.proposal')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={(proposals.data ?? []).map((p) => ({ value: p.id, label: `${p.code} ${p.title}` }))}
              data-testid="appeal-proposal"
            />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="lodgedOn" label={t('budgeting.appeals.lodgedOn')} rules={required}>
            <DatePicker format={dateInputFormat(lang)} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="deadline" label={t('budgeting.appeals.deadline')} rules={required}>
            <DatePicker format={dateInputFormat(lang)} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="outcome" label={t('budgeting.appeals.outcome')}>
            <Select options={enumOptions(t, APPEAL_OUTCOMES, 'budgeting.appealOutcome')} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="grounds" label={t('budgeting.appeals.grounds')} rules={required}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="decidedOn" label={t('budgeting.appeals.decidedOn')}>
            <DatePicker format={dateInputFormat(lang)} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item name="decision" label={t('budgeting.appeals.decision')}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 5 }} />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
