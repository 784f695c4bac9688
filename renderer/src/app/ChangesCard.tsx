import { Card, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ChangeEntry } from '../../../electron/contract';
import { api } from '../api/client';
import { AUDIT_ENTITY_LABELS, AUDIT_FIELD_LABELS, isAuditField } from '../features/admin/audit-labels';
import { auditFieldKey } from '../features/admin/audit';
import { Loadable } from '../ui/components';
import { formatDateTime } from '../ui/format';
import { useLang } from '../ui/hooks';
import { useAuth } from './auth';

const VISIT_KEY = (userId: string) => `pla-desk.lastVisit.${userId}`;
const WEEK_MS = 7 * 86_400_000;
const visits = new Map<string, string>();

/**
 * The user's previous visit, read once per page load (then this visit is remembered for the next): in
 * localStorage per user, a week back on a first visit.
 */
export function lastVisit(userId: string): string {
  const known = visits.get(userId);
  if (known) return known;
  const stored = localStorage.getItem(VISIT_KEY(userId));
  const since = stored && !Number.isNaN(Date.parse(stored)) ? stored : new Date(Date.now() - WEEK_MS).toISOString();
  visits.set(userId, since);
  localStorage.setItem(VISIT_KEY(userId), new Date().toISOString());
  return since;
}

/** "Ce s-a schimbat": others' changes since the user's last visit, from the audit log, one sentence each. */
export function ChangesCard() {
  const { t } = useTranslation();
  const lang = useLang();
  const { user } = useAuth();
  const since = lastVisit(user.id);
  const q = useQuery({ queryKey: ['reports', 'changes', since], queryFn: () => api.get('reports.changes', { since }) });
  const sentence = (e: ChangeEntry) => {
    const entity = AUDIT_ENTITY_LABELS[lang][e.entity] ?? e.entity;
    const fields = e.fields.map((f) => {
      const key = auditFieldKey(f);
      return isAuditField(key) ? AUDIT_FIELD_LABELS[lang][key] : f;
    });
    return t(`changes.action_${e.action}`, { actor: e.actorName, entity }) + (fields.length ? `: ${fields.join(', ')}` : '');
  };
  return (
    <Card
      size="small"
      data-testid="changes"
      title={
        <h2 style={{ margin: 0, fontSize: 16 }}>
          {t('changes.title')}{' '}
          <span className="pla-muted" style={{ fontWeight: 400, fontSize: 13 }}>
            {t('changes.since', { when: formatDateTime(since, lang) })}
          </span>
        </h2>
      }
    >
      <Loadable query={q}>
        {(c) =>
          c.entries.length === 0 ? (
            <Typography.Text className="pla-muted" data-testid="changes-none">
              {t('changes.none')}
            </Typography.Text>
          ) : (
            <>
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {c.entries.map((e) => (
                  <li key={e.id} data-testid="change-entry">
                    <span style={{ whiteSpace: 'nowrap' }} className="pla-muted">
                      {formatDateTime(e.at, lang)}
                    </span>{' '}
                    — {sentence(e)}
                  </li>
                ))}
              </ul>
              {c.total > c.entries.length && (
                <Typography.Text className="pla-muted">{t('changes.more', { count: c.total - c.entries.length })}</Typography.Text>
              )}
            </>
          )
        }
      </Loadable>
    </Card>
  );
}
