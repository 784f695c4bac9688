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
  return (
    Object.entries(e.changes)
      // References to other rows (`action_id`) are ids, not something a person reads; the entity column names the row.
      .filter(([f]) => !/password|hash|secret|token/i.test(f) && !BOOKKEEPING.has(f) && !/(_id|[a-z]Id)$/.test(f))
      .map(([field, v]) => ({ field, before: v?.before, after: v?.after }))
      .sort((a, b) => a.field.localeCompare(b.field))
  );
}

/** A value as a person reads it: dates and numbers in the UI language, long text shortened. */
export function formatAuditValue(v: unknown, lang: Lang): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'number') return formatNumber(v, lang, 4);
  if (typeof v === 'boolean') return v ? (lang === 'ro' ? 'da' : 'yes') : lang === 'ro' ? 'nu' : 'no';
  if (typeof v === 'string') {
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return formatDate(v, lang);
    // lists and records kept as JSON text (cleaning steps, zones, keywords…) read as lists, never as raw JSON
    if (/^\s*[[{]/.test(v)) {
      try {
        return formatAuditValue(JSON.parse(v) as unknown, lang);
      } catch {
        /* plain text that starts with a bracket */
      }
    }
    return v.length > 120 ? `${v.slice(0, 117)}…` : v;
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return '—';
    // a list of plain values is written out; a list of records is counted
    if (v.every((x) => x === null || typeof x !== 'object')) return shorten(v.map((x) => formatAuditValue(x, lang)).join(', '));
    return countText(v.length, lang);
  }
  if (typeof v === 'object') return countText(Object.keys(v as object).length, lang, true);
  return String(v);
}

const shorten = (s: string) => (s.length > 120 ? `${s.slice(0, 117)}…` : s);

/** “3 elemente”, “20 de elemente” (Romanian plural forms one / few / other). */
function countText(n: number, lang: Lang, fields = false): string {
  if (lang === 'en') return `${n} ${fields ? (n === 1 ? 'field' : 'fields') : n === 1 ? 'item' : 'items'}`;
  const form = new Intl.PluralRules('ro-RO').select(n);
  const [one, many] = fields ? ['câmp', 'câmpuri'] : ['element', 'elemente'];
  return form === 'one' ? `${formatNumber(n, lang)} ${one}` : form === 'few' ? `${formatNumber(n, lang)} ${many}` : `${formatNumber(n, lang)} de ${many}`;
}

/** `displayName` / `display_name` → `display_name`, the key of its label in i18n (`auditField.*`). */
export const auditFieldKey = (field: string) => field.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
