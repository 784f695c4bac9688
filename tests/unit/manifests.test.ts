/**
 * One manifest per module and side (issue 17 §1; docs/adding-a-module.md): every module of the contract is served by
 * exactly one core manifest (electron/core/<module>/manifest.ts) and shown by exactly one renderer manifest
 * (renderer/src/features/<module>/manifest.tsx), and the two indexes list each of them — a line dropped from either
 * list (as parallel work has dropped other engineers' lines before) fails here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../electron/contract';
import { CORE_MODULES, HANDLERS, TRACKED_IMPORTS } from '../../electron/core/modules';
import { FEATURE_MODULES, NAV_GROUPS } from '../../renderer/src/features/registry';
import { MODULE_I18N } from '../../renderer/src/i18n/modules';

const root = path.resolve(__dirname, '../..');
const contractModules = [...new Set(METHOD_NAMES.map((m) => m.slice(0, m.indexOf('.'))))].sort();
/** The app's own parts that every module shares, with handlers in core and no screen of their own. */
const SYSTEM = ['files', 'jobs'];
const featureModules = contractModules.filter((m) => !SYSTEM.includes(m));
const sorted = (xs: string[]) => [...xs].sort();

describe('core manifests', () => {
  it('every module of the contract has exactly one, and the index lists it', () => {
    const names = CORE_MODULES.map((m) => m.name);
    expect(sorted(names)).toEqual(contractModules);
    expect(new Set(names).size).toBe(names.length);
  });

  it('each feature module has its manifest file, imported by the index', () => {
    const index = fs.readFileSync(path.join(root, 'electron/core/modules.ts'), 'utf8');
    for (const m of featureModules) {
      expect(fs.existsSync(path.join(root, `electron/core/${m}/manifest.ts`)), m).toBe(true);
      expect(index, m).toContain(`from './${m}/manifest'`);
    }
  });

  it('every contract method has a handler, from its own module’s manifest', () => {
    expect(sorted(Object.keys(HANDLERS))).toEqual(sorted([...METHOD_NAMES]));
    for (const m of CORE_MODULES) for (const method of Object.keys(m.handlers)) expect(method.startsWith(`${m.name}.`), method).toBe(true);
  });

  it('the imports run as jobs are the manifests’ own methods', () => {
    expect(TRACKED_IMPORTS.size).toBeGreaterThan(0);
    for (const m of TRACKED_IMPORTS) expect(METHOD_NAMES as readonly string[]).toContain(m);
  });
});

describe('renderer manifests', () => {
  it('every module of the contract with screens has exactly one, and the index lists it', () => {
    const keys = FEATURE_MODULES.map((m) => m.key);
    expect(sorted(keys)).toEqual(featureModules);
    expect(new Set(keys).size).toBe(keys.length);
    for (const m of FEATURE_MODULES) expect(NAV_GROUPS as readonly string[]).toContain(m.group);
  });

  it('each lives in its module’s folder, and has its texts there', () => {
    for (const m of featureModules) expect(fs.existsSync(path.join(root, `renderer/src/features/${m}/manifest.tsx`)), m).toBe(true);
    expect(sorted(Object.keys(MODULE_I18N))).toEqual(featureModules);
  });

  it('no route or menu entry is declared twice', () => {
    const routes = FEATURE_MODULES.flatMap((m) => m.routes.map((r) => r.path));
    const entries = FEATURE_MODULES.flatMap((m) => m.nav.map((n) => n.path));
    expect(routes.filter((p, i) => routes.indexOf(p) !== i)).toEqual([]);
    expect(entries.filter((p, i) => entries.indexOf(p) !== i)).toEqual([]);
  });

  it('a manifest names its screens lazily: it imports no screen (.tsx) of its folder as a value', () => {
    for (const m of featureModules) {
      const dir = path.join(root, `renderer/src/features/${m}`);
      const src = fs.readFileSync(path.join(dir, 'manifest.tsx'), 'utf8');
      const eager = [...src.matchAll(/^import (?!type )[^;]*? from '\.\/([^']+)';/gm)]
        .map((x) => x[1])
        .filter((f) => fs.existsSync(path.join(dir, `${f}.tsx`)));
      expect(eager, m).toEqual([]);
    }
  });
});
