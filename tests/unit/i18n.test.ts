import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { catalogue } from '../../renderer/src/i18n/modules';

type Tree = { [k: string]: string | Tree };

/** Every leaf as a dotted key → value. */
function flatten(tree: Tree, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object') for (const [kk, vv] of flatten(v as Tree, key)) out.set(kk, vv);
    else out.set(key, v);
  }
  return out;
}

/** Keys present in `a` but not in `b`, at any depth (a branch in one and a leaf in the other counts too). */
export function missingKeys(a: Tree, b: Tree): string[] {
  const fb = flatten(b);
  return [...flatten(a).keys()].filter((k) => !fb.has(k));
}

/** The app's texts with every module's texts mounted, as i18n/index.ts mounts them. */
const langs: Record<string, Tree> = { ro: catalogue('ro') as Tree, en: catalogue('en') as Tree };

describe('i18n resources', () => {
  it('has the same keys in Romanian and English (deep)', () => {
    expect(missingKeys(langs.ro, langs.en), 'in ro, missing in en').toEqual([]);
    expect(missingKeys(langs.en, langs.ro), 'in en, missing in ro').toEqual([]);
  });

  it('the deep comparison catches a missing nested key', () => {
    expect(missingKeys({ a: { b: 'x', c: 'y' } }, { a: { b: 'x' } })).toEqual(['a.c']);
    expect(missingKeys({ a: { b: { c: 'x' } } }, { a: { b: 'leaf' } })).toEqual(['a.b.c']);
  });

  for (const [lang, tree] of Object.entries(langs)) {
    it(`${lang}: no empty or non-string value`, () => {
      const bad = [...flatten(tree)].filter(([, v]) => typeof v !== 'string' || v.trim() === '').map(([k]) => k);
      expect(bad).toEqual([]);
    });

    it(`${lang}: interpolations match the other language`, () => {
      const other = flatten(lang === 'ro' ? langs.en : langs.ro);
      const vars = (s: unknown) => [...String(s).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      const diff = [...flatten(tree)].filter(([k, v]) => JSON.stringify(vars(v)) !== JSON.stringify(vars(other.get(k)))).map(([k]) => k);
      expect(diff).toEqual([]);
    });
  }

  it('Romanian uses comma-below ș ț, never cedilla ş ţ', () => {
    const cedilla = [...flatten(langs.ro)].filter(([, v]) => /[şţŞŢ]/.test(String(v))).map(([k]) => k);
    expect(cedilla).toEqual([]);
    // …and really is Romanian: the comma-below letters do occur.
    const all = [...flatten(langs.ro).values()].join(' ');
    expect(all).toMatch(/[șț]/);
  });

  it('no cedilla ş ţ anywhere in the renderer sources', () => {
    const root = path.resolve(__dirname, '../../renderer/src');
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.(tsx?|css|html)$/.test(e.name) && /[şţŞŢ]/.test(fs.readFileSync(p, 'utf8'))) offenders.push(path.relative(root, p));
      }
    };
    walk(root);
    expect(offenders).toEqual([]);
  });

  it('every literal t("key") in the renderer exists in the resources', () => {
    const root = path.resolve(__dirname, '../../renderer/src');
    const keys = flatten(langs.ro);
    const branches = new Set(
      [...keys.keys()].flatMap((k) =>
        k
          .split('.')
          .slice(0, -1)
          .map((_, i, a) => a.slice(0, i + 1).join('.')),
      ),
    );
    const used = new Set<string>();
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.tsx?$/.test(e.name)) for (const m of fs.readFileSync(p, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z_]+\.[a-zA-Z0-9_.]+)'/g)) used.add(m[1]);
      }
    };
    walk(root);
    expect(used.size).toBeGreaterThan(50);
    // A plural text (t(key, { count })) lives under key_one / key_few / key_other.
    const missing = [...used].filter((k) => !keys.has(k) && !branches.has(k) && !keys.has(`${k}_other`));
    expect(missing).toEqual([]);
  });
});
