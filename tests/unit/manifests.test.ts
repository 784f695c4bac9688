/**
 * One manifest per module and side (issue 17 §1; docs/adding-a-module.md): every module of the contract is served by
 * exactly one core manifest (electron/core/<module>/manifest.ts) and shown by exactly one renderer manifest
 * (renderer/src/features/<module>/manifest.tsx), and the two indexes list each of them — a line dropped from either
 * list (as parallel work has dropped other engineers' lines before) fails here. The `pla-desk` commands are the core
 * manifests' `cli`: a command file whose table no manifest names fails here too.
 */
import i18next from 'i18next';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AGENDA_KINDS, METHOD_NAMES } from '../../electron/contract';
import { commands as CLI_TABLE } from '../../electron/cli/index';
import type { Command } from '../../electron/cli/shared';
import { CORE_MODULES, HANDLERS, TRACKED_IMPORTS } from '../../electron/core/modules';
import { agendaSources } from '../../electron/core/reports/agenda';
import { api } from '../../renderer/src/api/client';
import { FEATURE_MODULES, NAV_GROUPS } from '../../renderer/src/features/registry';
import { en } from '../../renderer/src/i18n/en';
import { catalogue, MODULE_I18N } from '../../renderer/src/i18n/modules';
import { ro } from '../../renderer/src/i18n/ro';

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

describe('pla-desk commands', () => {
  /** Every command table a command file exports (`export const risksCommands: Record<string, Command>` in electron/cli/<file>.ts). */
  async function commandFiles(): Promise<Array<{ file: string; name: string; table: Record<string, Command> }>> {
    const dir = path.join(root, 'electron/cli');
    const out: Array<{ file: string; name: string; table: Record<string, Command> }> = [];
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const names = [...fs.readFileSync(path.join(dir, file), 'utf8').matchAll(/^export const (\w+Commands)\b/gm)].map((x) => x[1]);
      if (names.length === 0) continue;
      const mod = (await import(path.join(dir, file))) as Record<string, Record<string, Command>>;
      for (const name of names) out.push({ file, name, table: mod[name] });
    }
    return out;
  }

  it('every command a command file declares is in the table, as its module’s manifest names it', async () => {
    const files = await commandFiles();
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const { file, name, table } of files) {
      expect(Object.keys(table).length, `${file}: ${name}`).toBeGreaterThan(0);
      for (const [command, c] of Object.entries(table)) expect(CLI_TABLE[command], `pla-desk ${command} (${file}: ${name})`).toBe(c);
    }
  });

  it('the table is the manifests’ commands in their order, each declared once', () => {
    const declared = CORE_MODULES.flatMap((m) => Object.keys(m.cli ?? {}));
    expect(declared.filter((c, i) => declared.indexOf(c) !== i)).toEqual([]);
    expect(Object.keys(CLI_TABLE)).toEqual(declared);
  });

  it('a command file imports core’s index only as types: the manifests import the command files, so a value import would cycle', () => {
    const dir = path.join(root, 'electron/cli');
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const src = fs.readFileSync(path.join(dir, file), 'utf8');
      expect(
        [...src.matchAll(/^import (?!type )[^;]*? from '\.\.\/core(?:\/index)?';/gm)].map((x) => x[0]),
        file,
      ).toEqual([]);
    }
  });

  it('a command named after a module is declared by that module’s manifest', () => {
    const owner = (command: string) => CORE_MODULES.find((m) => Object.hasOwn(m.cli ?? {}, command))?.name;
    const named = Object.keys(CLI_TABLE).filter((c) => contractModules.includes(c.split(' ')[0]));
    expect(named.length).toBeGreaterThan(20);
    for (const c of named) expect(owner(c), c).toBe(c.split(' ')[0]);
  });
});

describe('agenda ("Ce am de făcut") sources', () => {
  it('every kind of agenda item is given by exactly one core manifest, and the agenda asks them in the order of the kinds', async () => {
    const declared = CORE_MODULES.flatMap((m) => m.agenda?.kinds ?? []);
    expect(sorted(declared)).toEqual(sorted([...AGENDA_KINDS]));
    // items due the same day with the same code keep this order (risk reviews, measurements, dataset reviews, …)
    expect((await agendaSources()).flatMap((s) => s.source.kinds)).toEqual([...AGENDA_KINDS]);
  });

  it('each kind and each module on the agenda has its name in both languages', async () => {
    for (const { module, source } of await agendaSources())
      for (const texts of [ro.agenda, en.agenda]) {
        expect(texts, module).toHaveProperty(`module_${module}`);
        for (const kind of source.kinds) expect(texts, kind).toHaveProperty(`kind_${kind}`);
      }
  });

  it('a budgeting item on the start page names the phase that ends, or how many evaluations are not submitted', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources: { ro: { translation: catalogue('ro') } }, lng: 'ro', interpolation: { escapeValue: false } });
    const texts = FEATURE_MODULES.find((m) => m.key === 'budgeting')!.agendaText!;
    const item = { module: 'budgeting', id: 'c1', code: '2026', title: 'Bugetare participativă 2026', dueOn: '2026-05-01', state: 'week', route: '/' } as const;
    expect(texts.pb_phase!({ ...item, kind: 'pb_phase', phase: 'evaluation' }, i18n.t)).toBe('Se încheie etapa: Evaluare');
    expect(texts.evaluation!({ ...item, kind: 'evaluation', pending: 3 }, i18n.t)).toBe('Evaluări netrimise: 3');
  });

  it('a renderer manifest words only its own module’s kinds', () => {
    for (const m of FEATURE_MODULES) {
      const own: readonly string[] = CORE_MODULES.find((c) => c.name === m.key)?.agenda?.kinds ?? [];
      for (const kind of Object.keys(m.agendaText ?? {})) expect(own, `${m.key}: ${kind}`).toContain(kind);
    }
  });
});

describe('command palette sources', () => {
  afterEach(() => vi.restoreAllMocks());
  const sources = FEATURE_MODULES.flatMap((m) => (m.palette ?? []).map((s) => ({ module: m.key, s })));
  /** A route of some manifest matching the address (`:id` stands for one segment). */
  const routed = (p: string) => FEATURE_MODULES.some((m) => m.routes.some((r) => new RegExp(`^${r.path.replace(/:[a-z]+/g, '[^/]+')}$`).test(p)));

  it('each reads its own module’s methods, under a cache key of its own', () => {
    for (const { module, s } of sources) for (const method of s.reads) expect(METHOD_NAMES as readonly string[], module).toContain(method);
    for (const { module, s } of sources) for (const method of s.reads) expect(method.startsWith(`${module}.`), method).toBe(true);
    const keys = sources.map(({ s }) => JSON.stringify(s.key));
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it('every kind of record the palette names is offered by a manifest, and each entry leads to a page of the app', async () => {
    const row = new Proxy({}, { get: (_, prop) => `x-${String(prop)}` });
    vi.spyOn(api, 'get').mockImplementation(
      async (method) => (sources.some(({ s }) => s.search && s.reads.includes(method)) ? { rows: [row], total: 1 } : [row]) as never,
    );
    const kinds = new Set<string>();
    for (const { module, s } of sources) {
      const entries = s.entries(await s.fetch('ab', 8));
      expect(entries.length, module).toBeGreaterThan(0);
      for (const e of entries) {
        kinds.add(e.kind);
        expect(routed(e.path), `${e.kind} → ${e.path}`).toBe(true);
        expect(e.title, e.kind).toBeTruthy();
      }
    }
    expect(sorted([...kinds])).toEqual(sorted(Object.keys(ro.paletteKind).filter((k) => k !== 'screen')));
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
