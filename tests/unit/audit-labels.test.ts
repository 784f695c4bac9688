/**
 * The audit log reads in words (issue 11 §4, issue 17 §4): every kind of record and every field of every module
 * has a Romanian and an English name, and lists kept as JSON read as lists, never as raw JSON.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ENTITIES } from '../../electron/contract';
import { AUDIT_ENTITY_LABELS, AUDIT_FIELD_LABELS, isAuditField } from '../../renderer/src/features/admin/audit-labels';
import { auditChanges, auditFieldKey, formatAuditValue } from '../../renderer/src/features/admin/audit';

const BOOKKEEPING = new Set(['id', 'created_at', 'updated_at', 'updated_by', 'deleted_at']);

/** Every column of every table, read from db/schema (the Kysely row interfaces). */
function schemaColumns(): string[] {
  const dir = path.join(__dirname, '../../db/schema');
  const cols = new Set<string>();
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.ts') && n !== 'index.ts')) {
    const src = fs.readFileSync(path.join(dir, f), 'utf8');
    for (const m of src.matchAll(/export interface \w+\s*(?:extends [^{]+)?\{([^}]*)\}/g))
      for (const c of m[1].matchAll(/^\s+([a-z_0-9]+)\??:/gm)) cols.add(c[1]);
  }
  return [...cols].filter((c) => !BOOKKEEPING.has(c) && !c.endsWith('_id'));
}

describe('audit log labels', () => {
  it('names every audited kind of record in Romanian and English', () => {
    for (const e of AUDIT_ENTITIES) {
      expect(AUDIT_ENTITY_LABELS.ro[e], e).toBeTruthy();
      expect(AUDIT_ENTITY_LABELS.en[e], e).toBeTruthy();
    }
  });

  it('names every field of every module (each column of db/schema) in both languages', () => {
    const cols = schemaColumns();
    expect(cols.length).toBeGreaterThan(300);
    const missing = cols.filter((c) => !isAuditField(c));
    expect(missing).toEqual([]);
    for (const c of cols) expect(AUDIT_FIELD_LABELS.en[c as keyof typeof AUDIT_FIELD_LABELS.en], c).toBeTruthy();
    expect(AUDIT_FIELD_LABELS.ro.bytes_sent).toBe('Date trimise');
    expect(AUDIT_FIELD_LABELS.ro[auditFieldKey('cleaningSteps') as 'cleaning_steps']).toBe('Pași de curățare');
  });

  it('writes ș and ț with the comma below, never the cedilla', () => {
    const all = [...Object.values(AUDIT_ENTITY_LABELS.ro), ...Object.values(AUDIT_FIELD_LABELS.ro)].join(' ');
    expect(all).not.toMatch(/[\u015e\u015f\u0162\u0163]/);
  });

  it('shows lists as lists and records as a count, never raw JSON', () => {
    expect(formatAuditValue('["parcuri","spații verzi"]', 'ro')).toBe('parcuri, spații verzi');
    expect(formatAuditValue('[{"op":"trim","fields":[]}]', 'ro')).toBe('1 element');
    expect(
      formatAuditValue(
        Array.from({ length: 3 }, () => ({ op: 'trim' })),
        'ro',
      ),
    ).toBe('3 elemente');
    expect(
      formatAuditValue(
        Array.from({ length: 20 }, () => ({ op: 'trim' })),
        'ro',
      ),
    ).toBe('20 de elemente');
    expect(formatAuditValue({ a: 1, b: 2 }, 'ro')).toBe('2 câmpuri');
    expect(formatAuditValue([{ op: 'trim' }, { op: 'case' }], 'en')).toBe('2 items');
    expect(formatAuditValue('[not json', 'ro')).toBe('[not json');
    const shown = auditChanges({ changes: { cleaning_steps: { before: '[]', after: '[{"op":"trim"}]' } } }).map(
      (c) => `${AUDIT_FIELD_LABELS.ro[c.field as 'cleaning_steps']}: ${formatAuditValue(c.before, 'ro')} → ${formatAuditValue(c.after, 'ro')}`,
    );
    expect(shown).toEqual(['Pași de curățare: — → 1 element']);
  });
});
