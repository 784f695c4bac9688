import { App as AntApp, Alert, Button, Card, Checkbox, Descriptions, Form, Input, Radio, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import type { BudgetCampaign, PaperBatchStatus, VoteImportReport } from '../../../../electron/contract';
import { api } from '../../api/client';
import { useAuth } from '../../app/auth';
import { Loadable } from '../../ui/components';
import { formatNumber } from '../../ui/format';
import { useLang } from '../../ui/hooks';
import { useEnterPaperBatch } from './mutations';
import { invalidateBudgeting, usePaperBatches } from './queries';
import { ErrorList, FileChooser, errorLines, useDryRunImport } from './shared';

/** The refused votes by rule, in words. */
export function RefusedList({ refused, testId }: { refused: Record<string, number>; testId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const entries = Object.entries(refused).filter(([, n]) => n > 0);
  if (!entries.length) return <Typography.Text data-testid={testId}>{t('budgeting.votes.noneRefused')}</Typography.Text>;
  return (
    <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid={testId}>
      {entries.map(([rule, n]) => (
        <li key={rule} data-testid={`refused-${rule}`}>
          {t(`budgeting.refusal.${rule}`, { defaultValue: rule })}: {formatNumber(n, lang)}
        </li>
      ))}
    </ul>
  );
}

export function VotesTab({ campaign }: { campaign: BudgetCampaign }) {
  const { t } = useTranslation();
  const { canEdit } = useAuth();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const lang = useLang();
  const [accept, setAccept] = useState(false);
  const { file, report, setReport, errors, busy, check, commit, upload } = useDryRunImport<VoteImportReport>(
    'budgeting.importVotes',
    (up, dryRun) => api.call('budgeting.importVotes', { campaignId: campaign.id, ...up, dryRun, acceptRefused: accept }),
    async (r) => {
      setReport(r);
      await invalidateBudgeting(qc);
      void message.success(t('budgeting.votes.imported', { counted: r.counted }));
    },
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {canEdit && (
        <Card size="small" title={t('budgeting.votes.importTitle')}>
          <Typography.Paragraph className="pla-muted">{t('budgeting.votes.importHelp', { n: campaign.votesPerVoter })}</Typography.Paragraph>
          <Space>
            <FileChooser accept=".csv,.txt" busy={busy} file={file} onFile={check} testId="votes-import-file" upload={upload} />
            <Button
              type="primary"
              disabled={!report?.dryRun || (!!report.stopped && !accept)}
              loading={busy}
              onClick={() => void commit()}
              data-testid="votes-import-commit"
            >
              {t('budgeting.common.importConfirm')}
            </Button>
            {/* Why the import cannot be confirmed yet, beside the button. */}
            {!report?.dryRun && !busy && (
              <Typography.Text className="pla-muted" data-testid="votes-import-why">
                {t('budgeting.votes.commitWhy')}
              </Typography.Text>
            )}
            {report?.dryRun && report.stopped && !accept && (
              <Typography.Text type="danger" data-testid="votes-import-why">
                {t('budgeting.votes.commitStoppedWhy')}
              </Typography.Text>
            )}
          </Space>
          {report?.stopped && (
            <Alert
              style={{ marginTop: 12 }}
              type="error"
              showIcon
              data-testid="votes-stopped"
              title={t('budgeting.votes.stopped')}
              description={report.stopped.message}
            />
          )}
          {report?.dryRun && report.stopped && (
            <Checkbox style={{ marginTop: 8 }} checked={accept} onChange={(e) => setAccept(e.target.checked)} data-testid="votes-accept-refused">
              {t('budgeting.votes.acceptRefused')}
            </Checkbox>
          )}
          {report && (
            <Alert
              style={{ marginTop: 12 }}
              type={report.dryRun ? 'info' : 'success'}
              showIcon
              data-testid="votes-report"
              title={t(report.dryRun ? 'budgeting.votes.dryRun' : 'budgeting.votes.done', {
                rows: report.rows,
                counted: report.counted,
                voters: report.voters,
              })}
              description={
                <>
                  {report.unusedColumns.length > 0 && (
                    <div data-testid="votes-unused-columns">{t('budgeting.votes.unusedColumns', { columns: report.unusedColumns.join(', ') })}</div>
                  )}
                  <RefusedList refused={report.refused} testId="votes-refused" />
                  {report.examples.length > 0 && (
                    <Table
                      size="small"
                      style={{ marginTop: 8 }}
                      rowKey={(r) => `${r.line}-${r.rule}`}
                      pagination={false}
                      dataSource={report.examples.slice(0, 20)}
                      columns={[
                        { title: t('budgeting.votes.line'), dataIndex: 'line', width: 70 },
                        { title: t('budgeting.votes.rule'), dataIndex: 'rule', render: (v: string) => t(`budgeting.refusal.${v}`, { defaultValue: v }) },
                        { title: t('budgeting.votes.voter'), dataIndex: 'voterKey' },
                        { title: t('budgeting.votes.proposal'), dataIndex: 'proposal' },
                        // The reason as core words it (Romanian); in English mode the rule above names it.
                        ...(lang === 'ro' ? [{ title: t('budgeting.votes.detail'), dataIndex: 'detail' }] : []),
                      ]}
                    />
                  )}
                  {report.dryRun && report.replacedPrevious && <div>{t('budgeting.votes.replaces')}</div>}
                </>
              }
            />
          )}
          <ErrorList lines={errors} title={t('budgeting.votes.refusedFile')} testId="votes-import-errors" />
        </Card>
      )}
      <PaperBallots campaign={campaign} />
    </Space>
  );
}

/** "V-001: P-001, P-004" a line → ballots. */
const parseBallots = (s: string) =>
  s
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [voter, rest = ''] = l.split(/[:;]\s*/, 2);
      return { voterKey: voter.trim(), proposalCodes: rest.split(/[,\s]+/).filter(Boolean) };
    });

/** Paper ballots, each batch typed twice by different people; counted when both entries match. */
function PaperBallots({ campaign }: { campaign: BudgetCampaign }) {
  const { t } = useTranslation();
  const { canEdit } = useAuth();
  const q = usePaperBatches(campaign.id);
  const [form] = Form.useForm<{ batchCode: string; entry: 1 | 2; ballots: string }>();
  const [errors, setErrors] = useState<string[] | null>(null);
  const enter = useEnterPaperBatch({ onError: (e) => setErrors(errorLines(t, e)) });
  const submit = async (v: { batchCode: string; entry: 1 | 2; ballots: string }) => {
    setErrors(null);
    const done = await enter.run({
      campaignId: campaign.id,
      batchCode: (v.batchCode ?? '').trim(),
      entry: v.entry,
      ballots: parseBallots(v.ballots ?? ''),
    });
    if (done) form.setFieldValue('ballots', '');
  };
  return (
    <Card size="small" title={t('budgeting.votes.paperTitle')}>
      {canEdit && (
        <Form form={form} layout="vertical" initialValues={{ entry: 1 }} onFinish={submit} data-testid="paper-form">
          <Space align="start" wrap>
            <Form.Item name="batchCode" label={t('budgeting.votes.batchCode')} rules={[{ required: true, message: t('validation.required') }]}>
              <Input style={{ width: 160 }} data-testid="paper-batch" />
            </Form.Item>
            <Form.Item name="entry" label={t('budgeting.votes.entry')}>
              <Radio.Group
                options={[
                  { value: 1, label: t('budgeting.votes.entry1') },
                  { value: 2, label: t('budgeting.votes.entry2') },
                ]}
              />
            </Form.Item>
          </Space>
          <Form.Item
            name="ballots"
            label={t('budgeting.votes.ballots')}
            extra={t('budgeting.votes.ballotsHelp')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} style={{ fontFamily: 'monospace' }} data-testid="paper-ballots" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={enter.isPending} data-testid="paper-submit">
            {t('budgeting.votes.paperSave')}
          </Button>
          <ErrorList lines={errors} title={t('budgeting.votes.paperRefused')} testId="paper-errors" />
        </Form>
      )}
      <Loadable query={q}>
        {(rows) => (
          <Table<PaperBatchStatus>
            style={{ marginTop: 12 }}
            rowKey="batchCode"
            size="small"
            pagination={false}
            dataSource={rows}
            data-testid="paper-batches"
            locale={{ emptyText: t('budgeting.votes.noBatches') }}
            columns={[
              { title: t('budgeting.votes.batchCode'), dataIndex: 'batchCode', width: 140 },
              { title: t('budgeting.votes.entries'), dataIndex: 'entries', width: 120, render: (v: number[]) => v.join(', ') },
              { title: t('budgeting.votes.ballotCount'), dataIndex: 'ballots', width: 100, align: 'right' },
              {
                title: t('budgeting.votes.reconciled'),
                dataIndex: 'reconciled',
                width: 160,
                render: (v: boolean, r) => (
                  <Tag color={v ? 'green' : r.mismatches.length ? 'red' : 'default'}>
                    {v ? t('budgeting.votes.counted') : r.mismatches.length ? t('budgeting.votes.mismatch') : t('budgeting.votes.waiting')}
                  </Tag>
                ),
              },
              {
                title: t('budgeting.votes.mismatches'),
                dataIndex: 'mismatches',
                render: (m: PaperBatchStatus['mismatches']) =>
                  m.length ? (
                    <Descriptions size="small" column={1}>
                      {m.slice(0, 10).map((x) => (
                        <Descriptions.Item key={x.ballot} label={t('budgeting.votes.ballotN', { n: x.ballot })}>
                          {x.first} ≠ {x.second}
                        </Descriptions.Item>
                      ))}
                    </Descriptions>
                  ) : (
                    '—'
                  ),
              },
            ]}
          />
        )}
      </Loadable>
    </Card>
  );
}
