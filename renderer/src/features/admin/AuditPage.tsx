import { Button, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntity, AuditEntry } from '../../../../electron/contract';
import { api } from '../../api/client';
import { Loadable, PageTitle } from '../../ui/components';
import { formatDateTime } from '../../ui/format';
import { useLang } from '../../ui/hooks';
import { auditChanges, auditFieldKey, formatAuditValue } from './audit';
import { AUDIT_ENTITY_LABELS, AUDIT_FIELD_LABELS, isAuditField } from './audit-labels';

const PAGE = 200;

/** Where the words for a field's values are (i18n prefix): by `entity.field` first, then by field. */
const ENUM_LABELS: Record<string, string> = {
  status: 'actionStatus',
  role: 'roles',
  type: 'indicatorType',
  direction: 'direction',
  completion: 'completion',
  design_potential: 'potential',
  action: 'auditAction',
  'dataset.publication_status': 'datasets.status',
  'dataset.update_frequency': 'datasets.frequency',
  'dataset.hvd_category': 'datasets.hvd',
  'dataset_import.status': 'datasets.import.status',
  'risk.category': 'risks.category',
  'risk.status': 'risks.status',
  'training_session.target_group': 'training.targetGroup',
  'training_person.category': 'training.category',
  'stakeholder.sector': 'stakeholders.sector',
  'stakeholder.pla_role': 'stakeholders.plaRole',
  'partnership.type': 'stakeholders.partnershipType',
  'funding_call.programme': 'funding.programme',
  'funding_call.status': 'funding.callStatus',
  'funding_application.status': 'funding.status',
  'budgeting campaign.winner_rule': 'budgeting.rule',
  'budgeting campaign.kind': 'budgeting.kind',
  'budgeting proposal.eligibility_status': 'budgeting.eligibilityStatus',
  'budgeting proposal.feasibility_status': 'budgeting.feasibilityStatus',
  'budgeting appeal.outcome': 'budgeting.appealOutcome',
  'publishing_target.kind': 'publishing.sync.kind',
};

/** The audit log: who changed what, when, and each changed field before → after. Virtualised; loads older pages on demand. */
export function AuditPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [entity, setEntity] = useState<string | undefined>();
  const [search, setSearch] = useState('');
  const q = useInfiniteQuery({
    queryKey: ['admin', 'audit', entity ?? 'all'],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => api.get('admin.listAudit', { limit: PAGE, ...(entity ? { entity } : {}), ...(pageParam ? { before: pageParam } : {}) }),
    getNextPageParam: (last) => (last.length < PAGE ? undefined : last[last.length - 1]?.at),
  });
  const rows = useMemo(() => q.data?.pages.flat() ?? [], [q.data]);
  const entities = useMemo(() => [...new Set(rows.map((r) => r.entity))].sort(), [rows]);
  const k = search.trim().toLowerCase();
  /** Enum values in words where the UI has them (status, role, type…), otherwise formatted as data. */
  const valueText = (entity: AuditEntity, field: string, v: unknown) => {
    const key = auditFieldKey(field);
    const prefix = ENUM_LABELS[`${entity}.${key}`] ?? ENUM_LABELS[key];
    if (prefix && typeof v === 'string') return t(`${prefix}.${v}`, { defaultValue: v });
    return formatAuditValue(v, lang);
  };
  const fieldText = (field: string) => {
    const key = auditFieldKey(field);
    return isAuditField(key) ? AUDIT_FIELD_LABELS[lang][key] : field;
  };
  const entityText = (e: AuditEntity) => AUDIT_ENTITY_LABELS[lang][e] ?? e;
  const shown = k ? rows.filter((r) => `${r.actorName} ${r.entity} ${r.entityId} ${JSON.stringify(r.changes ?? {})}`.toLowerCase().includes(k)) : rows;

  return (
    <>
      <PageTitle
        title={t('audit.title')}
        sub={t('audit.sub')}
        extra={
          <>
            <Input.Search allowClear placeholder={t('common.search')} onChange={(e) => setSearch(e.target.value)} style={{ width: 220 }} />
            <Select
              allowClear
              placeholder={t('audit.entity')}
              aria-label={t('audit.entity')}
              value={entity}
              onChange={setEntity}
              style={{ width: 180 }}
              options={entities.map((e) => ({ value: e, label: entityText(e) }))}
            />
          </>
        }
      />
      <Loadable query={{ ...q, data: q.data ? shown : undefined }}>
        {(list) => (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Table<AuditEntry>
              rowKey="id"
              size="small"
              virtual
              scroll={{ x: 980, y: 620 }}
              pagination={false}
              dataSource={list}
              data-testid="audit-table"
              columns={[
                { title: t('audit.when'), dataIndex: 'at', width: 160, render: (v: string) => formatDateTime(v, lang) },
                { title: t('audit.who'), dataIndex: 'actorName', width: 150 },
                { title: t('audit.entity'), dataIndex: 'entity', width: 120, render: (v: AuditEntity) => entityText(v) },
                { title: t('audit.action'), dataIndex: 'action', width: 110, render: (v: string) => <Tag>{t(`auditAction.${v}`, { defaultValue: v })}</Tag> },
                {
                  title: t('audit.changes'),
                  width: 440,
                  render: (_, r) => (
                    <div style={{ maxHeight: 110, overflow: 'auto', fontSize: 12 }} tabIndex={0} role="region" aria-label={t('audit.changes')}>
                      {auditChanges(r).map((c) => (
                        <div key={c.field}>
                          <Typography.Text strong>{fieldText(c.field)}</Typography.Text>:{' '}
                          <Typography.Text delete type="secondary">
                            {valueText(r.entity, c.field, c.before)}
                          </Typography.Text>{' '}
                          → <Typography.Text>{valueText(r.entity, c.field, c.after)}</Typography.Text>
                        </div>
                      ))}
                    </div>
                  ),
                },
              ]}
            />
            {q.hasNextPage && (
              <Button onClick={() => void q.fetchNextPage()} loading={q.isFetchingNextPage}>
                {t('audit.more')}
              </Button>
            )}
          </Space>
        )}
      </Loadable>
    </>
  );
}
