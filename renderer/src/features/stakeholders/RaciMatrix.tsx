import { Alert, App as AntApp, Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { RACI_ROLES, type RaciLink, type RaciRole } from '../../../../electron/contract';
import { api } from '../../api/client';
import { useAuth } from '../../app/auth';
import { compareCodes } from '../../charts/dashboard';
import { PageTitle } from '../../ui/components';
import { useErrorHandler } from '../../ui/hooks';
import { enumOptions } from '../../ui/options';
import { useActions } from '../plan/queries';
import { invalidateStakeholders, useRaci, useStakeholderScores } from './queries';
import { stakeholderErrorText } from './shared';

const LETTER: Record<RaciRole, string> = { responsible: 'R', accountable: 'A', consulted: 'C', informed: 'I' };

/** RACI per action: stakeholders × R/A/C/I for the chosen action; exactly one A, replaced rather than removed. */
export function RaciMatrix() {
  const { t } = useTranslation();
  const { canEdit } = useAuth();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const onError = useErrorHandler();
  const actions = useActions();
  const people = useStakeholderScores();
  const [actionId, setActionId] = useState<string | undefined>();
  const links = useRaci({ actionId });
  const [who, setWho] = useState<string | undefined>();
  const [role, setRole] = useState<RaciRole | undefined>();
  const [ruleError, setRuleError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const actionOptions = useMemo(
    () => [...(actions.data ?? [])].sort((a, b) => compareCodes(a.code, b.code)).map((a) => ({ value: a.id, label: `${a.code} ${a.title}` })),
    [actions.data],
  );
  const accountable = (links.data ?? []).find((l) => l.role === 'accountable');
  const rows = useMemo(() => {
    const by = new Map<string, { id: string; name: string; roles: RaciLink[] }>();
    for (const l of links.data ?? []) {
      const r = by.get(l.stakeholderId) ?? { id: l.stakeholderId, name: l.stakeholderName, roles: [] };
      r.roles.push(l);
      by.set(l.stakeholderId, r);
    }
    return [...by.values()].sort((a, b) => a.name.localeCompare(b.name, 'ro'));
  }, [links.data]);

  const refresh = () => invalidateStakeholders(qc);
  const add = async () => {
    if (!actionId || !who || !role) return;
    setRuleError(null);
    setBusy(true);
    const r = await api.call('stakeholders.addRaci', { actionId, stakeholderId: who, role });
    setBusy(false);
    if (!r.ok) {
      setRuleError(stakeholderErrorText(t, r.error));
      return;
    }
    setWho(undefined);
    await refresh();
  };
  const replace = async () => {
    if (!actionId || !who || !accountable) return;
    setRuleError(null);
    try {
      await api.get('stakeholders.replaceAccountable', { actionId, stakeholderId: who, expectedUpdatedAt: accountable.updatedAt });
      setWho(undefined);
      await refresh();
    } catch (e) {
      onError(e);
    }
  };
  const remove = async (l: RaciLink) => {
    setRuleError(null);
    const r = await api.call('stakeholders.deleteRaci', { id: l.id, expectedUpdatedAt: l.updatedAt });
    if (!r.ok) {
      setRuleError(stakeholderErrorText(t, r.error));
      return;
    }
    void message.success(t('stakeholders.raciMatrix.removed'));
    await refresh();
  };

  return (
    <>
      <PageTitle title={t('stakeholders.raciMatrix.title')} sub={t('stakeholders.raciMatrix.sub')} />
      <Space direction="vertical" style={{ width: '100%' }}>
        <Select
          showSearch
          optionFilterProp="label"
          placeholder={t('stakeholders.raciMatrix.pickAction')} aria-label={t('stakeholders.raciMatrix.pickAction')}
          style={{ width: 520 }}
          value={actionId}
          onChange={(v) => {
            setActionId(v);
            setRuleError(null);
          }}
          options={actionOptions}
          data-testid="raci-action"
        />
        {actionId && (
          <Card size="small">
            {ruleError && <Alert type="error" showIcon message={ruleError} data-testid="raci-error" style={{ marginBottom: 12 }} />}
            {!accountable && (links.data?.length ?? 0) === 0 && <Typography.Text type="secondary">{t('stakeholders.raciMatrix.none')}</Typography.Text>}
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={rows}
              data-testid="raci-table"
              columns={[
                { title: t('stakeholders.fields.stakeholder'), dataIndex: 'name' },
                ...RACI_ROLES.map((r) => ({
                  title: LETTER[r],
                  key: r,
                  width: 90,
                  render: (_: unknown, row: (typeof rows)[number]) => {
                    const l = row.roles.find((x) => x.role === r);
                    if (!l) return null;
                    return (
                      <Tag
                        color={r === 'accountable' ? 'red' : 'blue'}
                        closable={canEdit}
                        onClose={(e) => {
                          e.preventDefault();
                          void remove(l);
                        }}
                        data-testid={`raci-${LETTER[r]}-${row.name}`}
                      >
                        {LETTER[r]}
                      </Tag>
                    );
                  },
                })),
              ]}
            />
            {canEdit && (
              <Space style={{ marginTop: 12 }} wrap>
                <Select
                  showSearch
                  optionFilterProp="label"
                  placeholder={t('stakeholders.fields.stakeholder')} aria-label={t('stakeholders.fields.stakeholder')}
                  style={{ width: 320 }}
                  value={who}
                  onChange={setWho}
                  options={(people.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
                  data-testid="raci-stakeholder"
                />
                <Select placeholder={t('stakeholders.fields.role')} aria-label={t('stakeholders.fields.role')} style={{ width: 200 }} value={role} onChange={setRole} options={enumOptions(t, RACI_ROLES, 'stakeholders.raci')} data-testid="raci-role" />
                <Button type="primary" loading={busy} disabled={!who || !role} onClick={() => void add()} data-testid="raci-add">
                  {t('stakeholders.raciMatrix.add')}
                </Button>
                {accountable && (
                  <Button disabled={!who} onClick={() => void replace()} data-testid="raci-replace">
                    {t('stakeholders.raciMatrix.replace')}
                  </Button>
                )}
              </Space>
            )}
          </Card>
        )}
      </Space>
    </>
  );
}
