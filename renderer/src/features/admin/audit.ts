import type { AuditEntry } from '../../../../electron/contract';
import { formatDate, formatNumber, type Lang } from '../../ui/format';

export interface AuditChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** Bookkeeping columns that every row has: noise in a list of what a person changed. */
const BOOKKEEPING = new Set(['id', 'created_at', 'updated_at', 'updated_by', 'createdAt', 'updatedAt', 'updatedBy']);

/** The changed fields of an audit entry, in a stable order; secrets and bookkeeping never shown. */
export function auditChanges(e: Pick<AuditEntry, 'changes'>): AuditChange[] {
  if (!e.changes) return [];
  return Object.entries(e.changes)
    // References to other rows (`action_id`) are ids, not something a person reads; the entity column names the row.
    .filter(([f]) => !/password|hash|secret|token/i.test(f) && !BOOKKEEPING.has(f) && !/(_id|[a-z]Id)$/.test(f))
    .map(([field, v]) => ({ field, before: v?.before, after: v?.after }))
    .sort((a, b) => a.field.localeCompare(b.field));
}

/** A value as a person reads it: dates and numbers in the UI language, long text shortened. */
export function formatAuditValue(v: unknown, lang: Lang): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'number') return formatNumber(v, lang, 4);
  if (typeof v === 'boolean') return v ? (lang === 'ro' ? 'da' : 'yes') : lang === 'ro' ? 'nu' : 'no';
  if (typeof v === 'string') {
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return formatDate(v, lang);
    return v.length > 120 ? `${v.slice(0, 117)}…` : v;
  }
  const s = JSON.stringify(v);
  return s.length > 120 ? `${s.slice(0, 117)}…` : s;
}

/** `displayName` / `display_name` → `display_name`, the key of its label in i18n (`auditField.*`). */
export const auditFieldKey = (field: string) => field.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
