import fs from 'node:fs';
import path from 'node:path';
import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { byId, differingFields, recordAsValues } from '../../renderer/src/ui/conflict';
import { catalogue } from '../../renderer/src/i18n/modules';

describe('a saved record as the form shows it (the conflict view compares it with the unsaved values)', () => {
  it('takes the form’s fields only, and a date as a date where the form holds one or the field is empty', () => {
    const form = { title: 'Titlul meu', dueDate: dayjs('2026-05-01'), doneDate: null, note: '' };
    const saved = {
      id: 'x',
      updatedAt: '2026-12-06T09:00:00Z',
      title: 'Titlul colegului',
      dueDate: '2026-06-01',
      doneDate: '2026-06-02',
      note: '2026-01-01 notă',
    };
    const v = recordAsValues(['title', 'dueDate', 'doneDate', 'note'], saved, form);
    expect(Object.keys(v)).toEqual(['title', 'dueDate', 'doneDate', 'note']);
    expect(dayjs.isDayjs(v.dueDate) && v.dueDate.format('YYYY-MM-DD')).toBe('2026-06-01');
    expect(dayjs.isDayjs(v.doneDate) && v.doneDate.format('YYYY-MM-DD')).toBe('2026-06-02');
    // Text that merely starts with a date stays text.
    expect(v.note).toBe('2026-01-01 notă');
    // A date cleared by the colleague is an empty date, not the text ''.
    expect(recordAsValues(['dueDate'], { dueDate: null }, form).dueDate).toBeNull();
    // Only what differs is shown: the same due date in both is no difference.
    const same = recordAsValues(['title', 'dueDate'], { title: 'Titlul meu', dueDate: '2026-05-01' }, form);
    expect(
      differingFields(
        [
          { name: 'title', label: 'Titlu' },
          { name: 'dueDate', label: 'Termen' },
        ],
        form,
        same,
      ),
    ).toEqual([]);
  });

  it('finds the record in a list read again, and says so when it is gone (deleted meanwhile)', () => {
    const rows = [
      { id: 'a', name: 'A' },
      { id: 'b', name: 'B' },
    ];
    expect(byId<(typeof rows)[number]>('b')(rows).name).toBe('B');
    expect(() => byId('c')(rows)).toThrow('gone');
  });
});

const text = (cat: object, key: string): unknown =>
  key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), cat);

/** Every useSaveConflict call in the renderer's features, with the fields, labels and enums it names. */
function conflictForms() {
  const dir = path.join(__dirname, '../../renderer/src/features');
  const files = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.tsx'));
  const out: { file: string; fields: string[]; labels?: string; label: Record<string, string>; enums: Record<string, string> }[] = [];
  const pairs = (s: string | undefined) => Object.fromEntries([...(s ?? '').matchAll(/(\w+): '([^']+)'/g)].map((m) => [m[1], m[2]]));
  for (const f of files) {
    const src = fs.readFileSync(path.join(dir, f), 'utf8');
    // the field lists it names: its own, or one imported from a plain module beside it (budgeting/campaign-input.ts)
    const beside = [...src.matchAll(/from '\.\/([\w-]+)'/g)].map((m) => path.join(dir, path.dirname(f), `${m[1]}.ts`)).filter((p) => fs.existsSync(p));
    const lists = [src, ...beside.map((p) => fs.readFileSync(p, 'utf8'))].join('\n');
    const consts = Object.fromEntries(
      [...lists.matchAll(/const (\w+) = \[([^\]]*)\];/g)].map((m) => [m[1], [...m[2].matchAll(/'([^']+)'/g)].map((x) => x[1])]),
    );
    for (const m of src.matchAll(/useSaveConflict\(\{([\s\S]*?)\}\);/g)) {
      const body = m[1];
      const fm = /fields: (\[[^\]]*\]|\w+)(?:\.slice\(0, (\d+)\))?/.exec(body)!;
      const all = fm[1].startsWith('[') ? [...fm[1].matchAll(/'([^']+)'/g)].map((x) => x[1]) : consts[fm[1]];
      expect(all, `${f}: the fields of its conflict view`).toBeDefined();
      out.push({
        file: f,
        fields: fm[2] ? all.slice(0, Number(fm[2])) : all,
        labels: /labels: '([^']+)'/.exec(body)?.[1],
        label: pairs(/label: \{([^}]*)\}/.exec(body)?.[1]),
        enums: pairs(/enums: \{([^}]*)\}/.exec(body)?.[1]),
      });
    }
  }
  return out;
}

describe('the conflict view speaks the user’s language on every form', () => {
  const forms = conflictForms();

  it('is wired into the record edit forms of every module', () => {
    const modules = new Set(forms.map((f) => f.file.split(path.sep)[0]));
    expect([...modules].sort()).toEqual(['admin', 'budgeting', 'datasets', 'funding', 'plan', 'publishing', 'risks', 'stakeholders', 'training']);
    expect(forms.length).toBeGreaterThanOrEqual(23);
  });

  for (const lang of ['ro', 'en'] as const) {
    it(`names every field and enum value from the ${lang} catalogue (never the field’s code name)`, () => {
      const cat = catalogue(lang);
      const missing: string[] = [];
      for (const f of forms) {
        for (const name of f.fields) {
          const keys = [...(f.label[name] ? [f.label[name]] : []), ...(f.labels ? [`${f.labels}.${name}`] : []), `fields.${name}`];
          if (!keys.some((k) => typeof text(cat, k) === 'string')) missing.push(`${f.file}: ${name} (${keys.join(' | ')})`);
        }
        for (const [name, prefix] of Object.entries(f.enums))
          if (typeof text(cat, prefix) !== 'object') missing.push(`${f.file}: values of ${name} (${prefix})`);
      }
      expect(missing).toEqual([]);
    });
  }
});
