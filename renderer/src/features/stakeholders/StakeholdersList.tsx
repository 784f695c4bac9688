import { Button, Input, Select, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { QUADRANTS, SECTORS, STAKEHOLDER_TYPES, type StakeholderSummary } from '../../../../electron/contract';
import { useAuth } from '../../app/auth';
import { Loadable, PageTitle, VIRTUAL_FROM } from '../../ui/components';
import { formatDate } from '../../ui/format';
import { useLang } from '../../ui/hooks';
import { enumOptions } from '../../ui/options';
import { useStakeholders } from './queries';
import { ExportStakeholders, ImportStakeholders } from './shared';
import { StakeholderForm } from './StakeholderForm';

const searchKey = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const byNum = (a: number | null, b: number | null) => (a ?? -1) - (b ?? -1);

export function StakeholdersList() {
  const { t } = useTranslation();
  const lang = useLang();
  const { canEdit } = useAuth();
  const q = useStakeholders();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const [search, setSearch] = useState('');
  const [type, setType] = useState<string | undefined>();
  const [sector, setSector] = useState<string | undefined>();
  const [quadrant, setQuadrant] = useState<string | undefined>();

  return (
    <>
      <PageTitle
        title={t('stakeholders.title')}
        sub={t('stakeholders.sub')}
        extra={
          <>
            <Input.Search allowClear placeholder={t('common.search')} onChange={(e) => setSearch(e.target.value)} style={{ width: 200 }} data-testid="stakeholder-search" />
            <Select allowClear placeholder={t('stakeholders.filterType')} style={{ width: 140 }} value={type} onChange={setType} options={enumOptions(t, STAKEHOLDER_TYPES, 'stakeholders.type')} />
            <Select allowClear placeholder={t('stakeholders.filterSector')} style={{ width: 170 }} value={sector} onChange={setSector} options={enumOptions(t, SECTORS, 'stakeholders.sector')} />
            <Select allowClear placeholder={t('stakeholders.filterQuadrant')} style={{ width: 190 }} value={quadrant} onChange={setQuadrant} options={enumOptions(t, QUADRANTS, 'stakeholders.quadrant')} />
            <ExportStakeholders />
            {canEdit && <ImportStakeholders />}
            {canEdit && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="stakeholder-new">
                {t('stakeholders.new')}
              </Button>
            )}
          </>
        }
      />
      <Loadable query={q}>
        {(rows) => {
          const k = searchKey(search.trim());
          const shown = rows
            .filter((r) => (!type || r.type === type) && (!sector || r.sector === sector) && (!quadrant || r.quadrant === quadrant))
            .filter((r) => !k || searchKey(`${r.name} ${r.legalForm}`).includes(k));
          return (
            <Table<StakeholderSummary>
              rowKey="id"
              size="middle"
              dataSource={shown}
              pagination={false}
              virtual={shown.length > VIRTUAL_FROM}
              scroll={shown.length > VIRTUAL_FROM ? { x: 1100, y: 640 } : undefined}
              locale={{ emptyText: t('stakeholders.none') }}
              data-testid="stakeholders-table"
              onRow={(r) => ({ 'data-testid': `stakeholder-row-${r.id}`, onDoubleClick: () => navigate(`/stakeholders/${r.id}`) }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                {
                  title: t('stakeholders.fields.name'),
                  dataIndex: 'name',
                  sorter: (a, b) => a.name.localeCompare(b.name, 'ro'),
                  defaultSortOrder: 'ascend',
                  render: (v: string, r) => (
                    <Link to={`/stakeholders/${r.id}`} data-testid="stakeholder-link">
                      {v}
                    </Link>
                  ),
                },
                { title: t('stakeholders.fields.type'), dataIndex: 'type', width: 120, render: (v: string) => t(`stakeholders.type.${v}`) },
                { title: t('stakeholders.fields.sector'), dataIndex: 'sector', width: 150, sorter: (a, b) => a.sector.localeCompare(b.sector), render: (v: string) => t(`stakeholders.sector.${v}`) },
                { title: t('stakeholders.fields.plaRole'), dataIndex: 'plaRole', width: 140, render: (v: string | null) => (v ? t(`stakeholders.plaRole.${v}`) : '—') },
                { title: t('stakeholders.fields.power'), dataIndex: 'power', width: 90, sorter: (a, b) => byNum(a.power, b.power), render: (v: number | null) => v ?? '—' },
                { title: t('stakeholders.fields.interest'), dataIndex: 'interest', width: 90, sorter: (a, b) => byNum(a.interest, b.interest), render: (v: number | null) => v ?? '—' },
                {
                  title: t('stakeholders.fields.quadrant'),
                  dataIndex: 'quadrant',
                  width: 170,
                  sorter: (a, b) => (a.quadrant ?? '').localeCompare(b.quadrant ?? ''),
                  render: (v: string | null) => (v ? <Tag>{t(`stakeholders.quadrant.${v}`)}</Tag> : '—'),
                },
                { title: t('stakeholders.fields.iap2Level'), dataIndex: 'iap2Level', width: 120, render: (v: string | null) => (v ? t(`stakeholders.iap2.${v}`) : '—') },
                { title: t('stakeholders.fields.takeovers'), dataIndex: 'takeoverCount', width: 100, sorter: (a, b) => a.takeoverCount - b.takeoverCount },
                { title: t('stakeholders.fields.partnerships'), dataIndex: 'partnershipCount', width: 100, sorter: (a, b) => a.partnershipCount - b.partnershipCount },
                {
                  title: t('stakeholders.fields.lastInteraction'),
                  dataIndex: 'lastInteractionDate',
                  width: 120,
                  sorter: (a, b) => (a.lastInteractionDate ?? '').localeCompare(b.lastInteractionDate ?? ''),
                  render: (v: string | null) => formatDate(v, lang),
                },
              ]}
            />
          );
        }}
      </Loadable>
      {creating && <StakeholderForm open item={undefined} onClose={() => setCreating(false)} onSaved={(s) => navigate(`/stakeholders/${s.id}`)} />}
    </>
  );
}
