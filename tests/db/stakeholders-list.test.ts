import { describe, expect, it } from 'vitest';
import type { ListStakeholdersInput, SaveStakeholderInput } from '../../electron/contract';
import { call, freshCore, ok, signIn, snapshot } from './helpers';

/**
 * The register list is paged, filtered, searched and sorted on the server, and the grid reads every stakeholder's
 * name and scores on their own: what a user looking through a register of thousands sees, checked on a small
 * register whose every row we know.
 */

const NOW = () => new Date('2026-03-10T09:00:00Z');

/**
 * The seeded actors deleted, then six stakeholders (name order ignores case and diacritics):
 *   B Asociația Banat IT                 tech_community, partner, 4×1 keep satisfied, involve, 2 partnerships, met 2026-03-01
 *   F Cercul de lectură                  informal_group, "grup informal", unscored
 *   A Fundația Comunitară Țara Banatului ngo "fundație", partner, 5×4 manage closely, collaborate, takes over A4.4, 1 partnership, met 2026-02-01
 *   D Ion Popescu                        person, citizen, 1×1 monitor, inform (a take-over link, deleted)
 *   E ȘTEFAN Țurcanu                     person, citizen, unscored
 *   C Universitatea de Vest              academia "universitate publică", implementer, 2×5 keep informed, consult, takes over A4.4 and A3.5
 * and one more deleted (never listed).
 */
async function register() {
  const env = await freshCore({ now: NOW });
  const coord = await signIn(env.core, 'coordinator');
  const o = <K extends Parameters<typeof ok>[1]>(m: K, input: Parameters<typeof ok<K>>[2]) => ok(env.core, m, input, coord);
  for (const s of await o('stakeholders.listScores', {})) await o('stakeholders.delete', { id: s.id, expectedUpdatedAt: s.updatedAt });
  const actions = await o('plan.listActions', {});
  const action = (code: string) => actions.find((a) => a.code === code)!.id;
  const save = (v: SaveStakeholderInput) => o('stakeholders.save', v);
  const B = await save({
    type: 'organisation',
    name: 'Asociația Banat IT',
    legalForm: 'asociație',
    sector: 'tech_community',
    plaRole: 'partner',
    power: 4,
    interest: 1,
    iap2Level: 'involve',
  });
  const F = await save({ type: 'organisation', name: 'Cercul de lectură', legalForm: 'grup informal', sector: 'informal_group' });
  const A = await save({
    type: 'organisation',
    name: 'Fundația Comunitară Țara Banatului',
    legalForm: 'fundație',
    sector: 'ngo',
    plaRole: 'partner',
    power: 5,
    interest: 4,
    iap2Level: 'collaborate',
  });
  const D = await save({ type: 'person', name: 'Ion Popescu', sector: 'citizen', power: 1, interest: 1, iap2Level: 'inform' });
  const E = await save({ type: 'person', name: 'ȘTEFAN Țurcanu', sector: 'citizen' });
  const C = await save({
    type: 'organisation',
    name: 'Universitatea de Vest',
    legalForm: 'universitate publică',
    sector: 'academia',
    plaRole: 'implementer',
    power: 2,
    interest: 5,
    iap2Level: 'consult',
  });
  const gone = await save({ type: 'organisation', name: 'Asociația Ștearsă Banat', sector: 'ngo', power: 5, interest: 5 });
  await o('stakeholders.delete', { id: gone.id, expectedUpdatedAt: gone.updatedAt });
  await o('stakeholders.addTakeover', { stakeholderId: A.id, actionId: action('A4.4'), date: '2026-02-01' });
  await o('stakeholders.addTakeover', { stakeholderId: C.id, actionId: action('A4.4'), date: '2026-02-01' });
  await o('stakeholders.addTakeover', { stakeholderId: C.id, actionId: action('A3.5'), date: '2026-02-02' });
  const dropped = await o('stakeholders.addTakeover', { stakeholderId: D.id, actionId: action('A3.5'), date: '2026-02-02' });
  await o('stakeholders.deleteTakeover', { id: dropped.id, expectedUpdatedAt: dropped.updatedAt });
  await o('stakeholders.savePartnership', { stakeholderId: A.id, type: 'other', title: 'Fond comunitar', startDate: '2026-01-01' });
  await o('stakeholders.savePartnership', { stakeholderId: B.id, type: 'tech_community', title: 'Date deschise', startDate: '2026-01-01' });
  await o('stakeholders.savePartnership', { stakeholderId: B.id, type: 'business', title: 'Hackathon', startDate: '2026-02-01' });
  await o('stakeholders.saveInteraction', { stakeholderId: A.id, date: '2026-02-01', kind: 'meeting', summary: 'Întâlnire' });
  await o('stakeholders.saveInteraction', { stakeholderId: B.id, date: '2026-01-10', kind: 'email', summary: 'E-mail' });
  await o('stakeholders.saveInteraction', { stakeholderId: B.id, date: '2026-03-01', kind: 'meeting', summary: 'Întâlnire' });
  const names = new Map([A, B, C, D, E, F].map((s, i) => [s.id, 'ABCDEF'[i]]));
  return { ...env, coord, A, B, C, D, E, F, names };
}

type Env = Awaited<ReturnType<typeof register>>;
const page = (e: Env, input: ListStakeholdersInput) => ok(e.core, 'stakeholders.list', input, e.coord);
/** The page as the letters above, e.g. 'BFADEC'. */
const letters = async (e: Env, input: ListStakeholdersInput) => (await page(e, input)).rows.map((r) => e.names.get(r.id) ?? '?').join('');

describe('the stakeholder list, a page at a time', () => {
  it('gives 100 live stakeholders a page by default, in name order (case and diacritics aside), with how many match; offset and limit move through the pages', async () => {
    const e = await register();
    const all = await page(e, {});
    expect(all.total).toBe(6);
    // "ȘTEFAN" sorts with the s, before "Universitatea", not after it as the bytes would.
    expect(await letters(e, {})).toBe('BFADEC');
    expect(await page(e, { limit: 2 })).toMatchObject({ total: 6, rows: [{ name: 'Asociația Banat IT' }, { name: 'Cercul de lectură' }] });
    expect(await letters(e, { offset: 2, limit: 2 })).toBe('AD');
    expect(await letters(e, { offset: 4, limit: 10 })).toBe('EC');
    expect(await page(e, { offset: 10 })).toEqual({ total: 6, rows: [] });
  });

  it('hands over only the columns the list shows, with the counts of live links', async () => {
    const e = await register();
    const a = (await page(e, { search: 'tara' })).rows[0];
    expect(a).toEqual({
      id: e.A.id,
      name: 'Fundația Comunitară Țara Banatului',
      type: 'organisation',
      sector: 'ngo',
      plaRole: 'partner',
      power: 5,
      interest: 4,
      quadrant: 'manage_closely',
      iap2Level: 'collaborate',
      takeoverCount: 1,
      partnershipCount: 1,
      lastInteractionDate: '2026-02-01',
    });
    const d = (await page(e, { search: 'popescu' })).rows[0];
    // The deleted take-over link does not count.
    expect([d.takeoverCount, d.partnershipCount, d.lastInteractionDate]).toEqual([0, 0, null]);
  });

  it('filters by type, sector, PLA role, IAP2 level, quadrant and being able to take over, alone or together, with the total of what matches', async () => {
    const e = await register();
    expect(await letters(e, { type: 'person' })).toBe('DE');
    expect(await letters(e, { type: 'organisation' })).toBe('BFAC');
    expect(await letters(e, { sector: 'academia' })).toBe('C');
    expect(await letters(e, { sector: 'citizen' })).toBe('DE');
    expect(await letters(e, { plaRole: 'partner' })).toBe('BA');
    expect(await letters(e, { plaRole: 'implementer' })).toBe('C');
    expect(await letters(e, { iap2Level: 'consult' })).toBe('C');
    expect(await letters(e, { iap2Level: 'inform' })).toBe('D');
    expect(await letters(e, { quadrant: 'manage_closely' })).toBe('A');
    expect(await letters(e, { quadrant: 'keep_satisfied' })).toBe('B');
    expect(await letters(e, { quadrant: 'keep_informed' })).toBe('C');
    expect(await letters(e, { quadrant: 'monitor' })).toBe('D');
    // Ion Popescu's take-over link was deleted: he is not able to take over anything.
    expect(await letters(e, { ableToTakeOver: true })).toBe('AC');
    expect(await letters(e, { ableToTakeOver: false })).toBe('BFDE');
    expect(await page(e, { sector: 'ngo', ableToTakeOver: true })).toMatchObject({ total: 1, rows: [{ id: e.A.id }] });
    expect(await page(e, { plaRole: 'partner', quadrant: 'monitor' })).toEqual({ total: 0, rows: [] });
    expect((await page(e, { type: 'person', limit: 1 })).total).toBe(2);
  });

  it('sorts by each sortable column both ways, ties in name order, unscored first going up', async () => {
    const e = await register();
    expect(await letters(e, { sort: 'name', order: 'desc' })).toBe('CEDAFB');
    expect(await letters(e, { sort: 'power', order: 'desc' })).toBe('ABCDEF');
    expect(await letters(e, { sort: 'power' })).toBe('FEDCBA');
    // Interest 5, 4, then B and D both at 1: the tie goes by name, the same way as the sort (descending).
    expect(await letters(e, { sort: 'interest', order: 'desc' })).toBe('CADBEF');
    expect(await letters(e, { sort: 'quadrant' })).toBe('FEABCD');
    expect(await letters(e, { sort: 'type' })).toBe('BFACDE');
    expect(await letters(e, { sort: 'sector' })).toBe('CDEFAB');
    expect(await letters(e, { sort: 'takeoverCount', order: 'desc' })).toBe('CAEDFB');
    expect(await letters(e, { sort: 'partnershipCount', order: 'desc', limit: 2 })).toBe('BA');
    expect(await letters(e, { sort: 'lastInteractionDate', order: 'desc', limit: 2 })).toBe('BA');
    // Sorting and paging together: the second page of two by power, highest first.
    expect(await letters(e, { sort: 'power', order: 'desc', offset: 2, limit: 2 })).toBe('CD');
  });

  it('searches name and legal form ignoring case and diacritics, with or without them typed, and takes % and _ literally', async () => {
    const e = await register();
    expect(await letters(e, { search: 'tara banatului' })).toBe('A');
    expect(await letters(e, { search: 'ȚARA Banatului' })).toBe('A');
    expect(await letters(e, { search: '  fundatia   comunitara ' })).toBe('A');
    expect(await letters(e, { search: 'banat' })).toBe('BA');
    expect(await letters(e, { search: 'ștefan' })).toBe('E');
    expect(await letters(e, { search: 'stefan turcanu' })).toBe('E');
    expect(await letters(e, { search: 'universitate publica' })).toBe('C');
    expect(await letters(e, { search: 'fundație' })).toBe('A');
    expect(await letters(e, { search: 'banat', sector: 'ngo' })).toBe('A');
    // The deleted "Asociația Ștearsă Banat" is not found.
    expect(await page(e, { search: 'stearsa' })).toEqual({ total: 0, rows: [] });
    expect(await page(e, { search: '%' })).toEqual({ total: 0, rows: [] });
    expect(await page(e, { search: '_' })).toEqual({ total: 0, rows: [] });
    // An empty search lists everyone.
    expect((await page(e, { search: '   ' })).total).toBe(6);
  });

  it('finds a stakeholder by its new name and legal form after an edit, and no longer by the old ones', async () => {
    const e = await register();
    const f = await ok(e.core, 'stakeholders.get', { id: e.F.id }, e.coord);
    await ok(
      e.core,
      'stakeholders.save',
      { id: f.id, expectedUpdatedAt: f.updatedAt, type: f.type, name: 'Clubul de șah', legalForm: 'club sportiv', sector: f.sector },
      e.coord,
    );
    expect(await letters(e, { search: 'clubul de sah' })).toBe('F');
    expect(await letters(e, { search: 'lectura' })).toBe('');
    expect(await letters(e, { search: 'grup informal' })).toBe('');
    expect(await letters(e, { search: 'CLUB SPORTIV' })).toBe('F');
    expect(await letters(e, {})).toBe('BFADEC');
  });

  it('refuses a page of 0 or more than 500, a negative offset, an unknown sort, order or filter value, naming the field, and writes nothing', async () => {
    const e = await register();
    const before = await snapshot(e.dataDir);
    const bad: Array<[unknown, string]> = [
      [{ limit: 0 }, 'limit'],
      [{ limit: 501 }, 'limit'],
      [{ limit: 2.5 }, 'limit'],
      [{ offset: -1 }, 'offset'],
      [{ sort: 'contacts' }, 'sort'],
      [{ order: 'up' }, 'order'],
      [{ sector: 'church' }, 'sector'],
      [{ quadrant: 'top' }, 'quadrant'],
      [{ ableToTakeOver: 'yes' }, 'ableToTakeOver'],
      [{ search: 'x'.repeat(201) }, 'search'],
    ];
    for (const [input, field] of bad) {
      const r = await call(e.core, 'stakeholders.list', input, e.coord);
      expect(r.ok, JSON.stringify(input)).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('VALIDATION');
        expect(r.error.details?.issues?.[0].field, JSON.stringify(input)).toBe(field);
      }
    }
    // The full list is no longer a list method: an old caller's includeDeleted is refused, not ignored.
    const old = await call(e.core, 'stakeholders.list', { includeDeleted: true }, e.coord);
    expect(old.ok ? null : old.error.code).toBe('VALIDATION');
    expect(await snapshot(e.dataDir)).toEqual(before);
  });
});

describe('the grid read', () => {
  it('gives every live stakeholder once, in name order, with scores, quadrant and the version a drag saves against', async () => {
    const e = await register();
    const scores = await ok(e.core, 'stakeholders.listScores', {}, e.coord);
    expect(scores.map((s) => e.names.get(s.id)).join('')).toBe('BFADEC');
    expect(scores.find((s) => s.id === e.A.id)).toEqual({
      id: e.A.id,
      name: 'Fundația Comunitară Țara Banatului',
      power: 5,
      interest: 4,
      quadrant: 'manage_closely',
      updatedAt: e.A.updatedAt,
    });
    expect(scores.find((s) => s.id === e.E.id)).toMatchObject({ power: null, interest: null, quadrant: null });
    const b = scores.find((s) => s.id === e.B.id)!;
    const moved = await ok(e.core, 'stakeholders.setScores', { id: b.id, expectedUpdatedAt: b.updatedAt, power: 2, interest: 2 }, e.coord);
    expect((await ok(e.core, 'stakeholders.listScores', {}, e.coord)).find((s) => s.id === e.B.id)).toMatchObject({
      power: 2,
      interest: 2,
      quadrant: 'monitor',
      updatedAt: moved.updatedAt,
    });
    expect(await letters(e, { quadrant: 'monitor' })).toBe('BD');
  });

  it('is not open to viewers (power and interest are internal assessments), unlike the list', async () => {
    const e = await register();
    const viewer = await signIn(e.core, 'viewer');
    expect(await call(e.core, 'stakeholders.listScores', {}, viewer)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await ok(e.core, 'stakeholders.list', { sort: 'power' }, viewer)).total).toBe(6);
  });
});
