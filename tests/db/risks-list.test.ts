import { describe, expect, it } from 'vitest';
import type { ListRisksInput, SaveRiskInput } from '../../electron/contract';
import { call, freshCore, ok, signIn, snapshot } from './helpers';

/**
 * The register list is paged, filtered, searched and sorted on the server, and the overview (heat maps,
 * above tolerance, reviews due/overdue, open measures) is counted in SQL: what a user filtering a 10,000-risk
 * register sees, checked on a small register whose every risk we know.
 */

const TODAY = '2023-06-15';

const risk = (over: Partial<SaveRiskInput> = {}): SaveRiskInput => ({
  area: 'Direcția Comunicare',
  description: 'Lipsa datelor de monitorizare la termen',
  category: 'operational',
  owner: 'Ana Pop',
  inherentProbability: 3,
  inherentImpact: 3,
  ...over,
});

/**
 * Seven risks, seen on 2023-06-15 with the default settings (tolerance 12; reviews every 90/90/180/360 days by
 * level; "due" 30 days before):
 *   R-001 recorded 2023-01-10, 4×4 = 16 very high, next review 2023-04-10 → overdue; above tolerance; "Ședința …"
 *   R-002 recorded 2023-04-01, 3×4, residual 2×3 = 6 medium, next 2023-09-28 → ok
 *   R-003 recorded 2023-01-10, 2×2 = 4 low, next 2024-01-05 → ok
 *   R-004 recorded 2023-03-25, 3×5 = 15 high, next 2023-06-23 → due; above tolerance; strategy transfer
 *   R-005 recorded 2023-06-15, 5×5 = 25, closed
 *   R-006 recorded 2023-06-15, 4×4, residual 4×4 = 16, linked to A4.2, owner Ion Ionescu; above tolerance
 *   R-007 recorded 2023-06-15, 1×3 = 3, "Reducere 100% …"
 */
async function register() {
  let now = new Date('2023-01-10T09:00:00Z');
  const env = await freshCore({ now: () => now });
  const coord = await signIn(env.core, 'coordinator');
  const a42 = (await ok(env.core, 'plan.listActions', {}, coord)).find((a) => a.code === 'A4.2')!;
  const save = (r: SaveRiskInput) => ok(env.core, 'risks.save', r, coord);
  const at = (day: string) => (now = new Date(`${day}T09:00:00Z`));
  const r1 = await save(
    risk({ code: 'R-001', description: 'Ședința comisiei nu are cvorum', category: 'integrity', inherentProbability: 4, inherentImpact: 4 }),
  );
  const r3 = await save(risk({ code: 'R-003', area: 'Direcția Buget', inherentProbability: 2, inherentImpact: 2, category: 'financial' }));
  at('2023-03-25');
  await save(
    risk({ code: 'R-004', description: 'Contractul de mentenanță expiră', category: 'it', strategy: 'transfer', inherentProbability: 3, inherentImpact: 5 }),
  );
  at('2023-04-01');
  await save(risk({ code: 'R-002', inherentProbability: 3, inherentImpact: 4, residualProbability: 2, residualImpact: 3 }));
  at(TODAY);
  await save(risk({ code: 'R-005', description: 'Risc închis', status: 'closed', inherentProbability: 5, inherentImpact: 5 }));
  await save(
    risk({
      code: 'R-006',
      owner: 'Ion Ionescu',
      area: 'Direcția Tehnică',
      inherentProbability: 4,
      inherentImpact: 4,
      residualProbability: 4,
      residualImpact: 4,
      actionIds: [a42.id],
    }),
  );
  await save(risk({ code: 'R-007', description: 'Reducere 100% a bugetului', inherentProbability: 1, inherentImpact: 3 }));
  await ok(env.core, 'risks.saveMeasure', { riskId: r1.id, description: 'Convocare cu 5 zile înainte', owner: 'Ana Pop' }, coord);
  await ok(env.core, 'risks.saveMeasure', { riskId: r1.id, description: 'Regulament aprobat', owner: 'Ana Pop', status: 'done' }, coord);
  return { ...env, coord, r1, r3 };
}

type Env = Awaited<ReturnType<typeof register>>;
const page = (e: Env, input: ListRisksInput) => ok(e.core, 'risks.list', { today: TODAY, ...input }, e.coord);
const codes = async (e: Env, input: ListRisksInput) => (await page(e, input)).rows.map((r) => r.code);

describe('the register list, a page at a time', () => {
  it('gives 100 risks a page by default, in code order, with how many match; offset and limit move through the pages', async () => {
    const e = await register();
    const all = await page(e, {});
    expect(all.total).toBe(7);
    expect(all.rows.map((r) => r.code)).toEqual(['R-001', 'R-002', 'R-003', 'R-004', 'R-005', 'R-006', 'R-007']);
    expect(await page(e, { limit: 3 })).toMatchObject({ total: 7, rows: [{ code: 'R-001' }, { code: 'R-002' }, { code: 'R-003' }] });
    expect(await codes(e, { offset: 3, limit: 3 })).toEqual(['R-004', 'R-005', 'R-006']);
    expect(await codes(e, { offset: 6, limit: 3 })).toEqual(['R-007']);
    expect(await page(e, { offset: 7 })).toEqual({ total: 7, rows: [] });
    // A row is computed as before, with its own links and open measures only.
    const r1 = all.rows[0];
    expect(r1).toMatchObject({
      exposure: 16,
      level: 'very_high',
      aboveTolerance: true,
      nextReviewDate: '2023-04-10',
      reviewState: 'overdue',
      openMeasures: 1,
      actionCodes: [],
    });
    expect(all.rows[5]).toMatchObject({ code: 'R-006', actionCodes: ['A4.2'], openMeasures: 0 });
    expect(all.rows[4]).toMatchObject({ code: 'R-005', reviewState: 'closed', nextReviewDate: null });
  });

  it('filters by category, strategy, status, level and tolerance, combined', async () => {
    const e = await register();
    expect(await codes(e, { category: 'integrity' })).toEqual(['R-001']);
    expect(await codes(e, { strategy: 'transfer' })).toEqual(['R-004']);
    expect(await codes(e, { status: 'closed' })).toEqual(['R-005']);
    expect((await page(e, { status: 'open' })).total).toBe(6);
    // Level is the effective exposure's band: R-002 is medium by its residual 6 though inherently high.
    expect(await codes(e, { level: 'very_high' })).toEqual(['R-001', 'R-005', 'R-006']);
    expect(await codes(e, { level: 'medium' })).toEqual(['R-002']);
    expect(await codes(e, { level: 'low' })).toEqual(['R-003', 'R-007']);
    expect(await codes(e, { level: 'very_high', status: 'open' })).toEqual(['R-001', 'R-006']);
    expect(await codes(e, { aboveTolerance: true, status: 'open' })).toEqual(['R-001', 'R-004', 'R-006']);
    expect(await codes(e, { aboveTolerance: false })).toEqual(['R-002', 'R-003', 'R-007']);
    expect(await codes(e, { category: 'operational', aboveTolerance: true })).toEqual(['R-005', 'R-006']);
  });

  it('follows the tolerance limit and the review cadence a coordinator sets', async () => {
    const e = await register();
    const s = await ok(e.core, 'risks.getSettings', {}, e.coord);
    await ok(
      e.core,
      'risks.saveSettings',
      { expectedUpdatedAt: null, toleranceLimit: 15, reviewDays: { ...s.reviewDays, high: 60 }, dueSoonDays: 30 },
      e.coord,
    );
    expect(await codes(e, { aboveTolerance: true, status: 'open' })).toEqual(['R-001', 'R-006']);
    // R-004 (high, recorded 2023-03-25) is now reviewed every 60 days: due 2023-05-24, overdue on 2023-06-15.
    expect(await codes(e, { review: 'overdue' })).toEqual(['R-001', 'R-004']);
    expect(await ok(e.core, 'risks.overview', { today: TODAY }, e.coord)).toMatchObject({
      toleranceLimit: 15,
      aboveTolerance: 2,
      reviewsDue: 0,
      reviewsOverdue: 2,
    });
  });

  it('searches code, description, area, owner and linked action codes, ignoring case and diacritics', async () => {
    const e = await register();
    expect(await codes(e, { search: 'Ședința' })).toEqual(['R-001']);
    expect(await codes(e, { search: 'sedinta' })).toEqual(['R-001']);
    expect(await codes(e, { search: 'ȘEDINȚA COMISIEI' })).toEqual(['R-001']);
    expect(await codes(e, { search: 'Sedința' })).toEqual(['R-001']);
    expect(await codes(e, { search: 'ion ionescu' })).toEqual(['R-006']);
    expect(await codes(e, { search: 'directia buget' })).toEqual(['R-003']);
    expect(await codes(e, { search: 'r-004' })).toEqual(['R-004']);
    expect(await codes(e, { search: 'a4.2' })).toEqual(['R-006']);
    // % and _ are the characters typed, not wildcards.
    expect(await codes(e, { search: '100%' })).toEqual(['R-007']);
    expect(await codes(e, { search: '%' })).toEqual(['R-007']);
    expect(await codes(e, { search: '_' })).toEqual([]);
    expect(await page(e, { search: 'sedinta', status: 'closed' })).toEqual({ total: 0, rows: [] });
    // An edit keeps the search up to date.
    const r3 = await ok(e.core, 'risks.get', { id: e.r3.id }, e.coord);
    await ok(
      e.core,
      'risks.save',
      {
        ...risk({ code: 'R-003', area: 'Direcția Buget', inherentProbability: 2, inherentImpact: 2, category: 'financial', owner: 'Ștefan Țuțea' }),
        id: r3.id,
        expectedUpdatedAt: r3.updatedAt,
      },
      e.coord,
    );
    expect(await codes(e, { search: 'tutea' })).toEqual(['R-003']);
    expect(await codes(e, { search: 'ana pop', category: 'financial' })).toEqual([]);
  });

  it('sorts by a column either way, ties in code order', async () => {
    const e = await register();
    expect(await codes(e, { sort: 'exposure', order: 'desc' })).toEqual(['R-005', 'R-001', 'R-006', 'R-004', 'R-002', 'R-003', 'R-007']);
    expect(await codes(e, { sort: 'exposure', order: 'asc' })).toEqual(['R-007', 'R-003', 'R-002', 'R-004', 'R-001', 'R-006', 'R-005']);
    expect(await codes(e, { sort: 'inherentExposure', order: 'desc', limit: 3 })).toEqual(['R-005', 'R-001', 'R-006']);
    expect(await codes(e, { sort: 'residualExposure', order: 'desc', limit: 2 })).toEqual(['R-006', 'R-002']);
    expect(await codes(e, { sort: 'code', order: 'desc', limit: 2 })).toEqual(['R-007', 'R-006']);
    expect(await codes(e, { sort: 'description', status: 'open' })).toEqual(['R-004', 'R-002', 'R-003', 'R-006', 'R-007', 'R-001']);
    expect(await codes(e, { sort: 'owner', order: 'desc', limit: 1 })).toEqual(['R-006']);
    expect(await codes(e, { sort: 'category', limit: 2 })).toEqual(['R-003', 'R-001']);
    // Next review: overdue first; a closed risk has none (first ascending).
    expect(await codes(e, { sort: 'nextReviewDate' })).toEqual(['R-005', 'R-001', 'R-004', 'R-006', 'R-002', 'R-003', 'R-007']);
  });

  it('sorts codes by their number, not as text, however long the number is: R-1, R-2, R-10, then a 23-digit code', async () => {
    const e = await register();
    for (const code of ['R-99999999999999999999999', 'R-10', 'R-2', 'R-1', 'R-100000000000000000000000'])
      await ok(e.core, 'risks.save', risk({ code }), e.coord);
    const mine = (rows: string[]) => rows.filter((c) => !/^R-00/.test(c));
    const expected = ['R-1', 'R-2', 'R-10', 'R-99999999999999999999999', 'R-100000000000000000000000'];
    expect(mine(await codes(e, { sort: 'code', order: 'asc' }))).toEqual(expected);
    expect(mine(await codes(e, { sort: 'code', order: 'desc' }))).toEqual([...expected].reverse());
    // Ties of another column fall back to the same order.
    expect(mine(await codes(e, { sort: 'category', search: 'lipsa' }))).toEqual(expected);
    // The leading zeros of the seven first risks do not change their place: R-001 … R-007 sit between.
    expect((await codes(e, { sort: 'code' })).slice(0, 4)).toEqual(['R-001', 'R-1', 'R-002', 'R-2']);
  });

  it('sorts text the way a Romanian reader does: Ștefan among the S, Țuțea among the T, not after Z', async () => {
    const e = await register();
    const owners = ['Zamfir Ion', 'Ștefan Țuțea', 'sorin Pop', 'Țuțea Ana', 'Tudor Ene', 'Sanda Marin'];
    for (const [i, owner] of owners.entries()) await ok(e.core, 'risks.save', risk({ code: `R-1${i}`, owner, area: owner.toUpperCase() }), e.coord);
    const byOwner = async (sort: 'owner' | 'area', order: 'asc' | 'desc') =>
      (await page(e, { sort, order, search: 'lipsa', limit: 50 })).rows.filter((r) => r.code.startsWith('R-1')).map((r) => r.owner);
    const romanian = ['Sanda Marin', 'sorin Pop', 'Ștefan Țuțea', 'Tudor Ene', 'Țuțea Ana', 'Zamfir Ion'];
    expect(await byOwner('owner', 'asc')).toEqual(romanian);
    expect(await byOwner('owner', 'desc')).toEqual([...romanian].reverse());
    // Capitals and diacritics fold the same way (the areas are the owners in capitals).
    expect(await byOwner('area', 'asc')).toEqual(romanian);
  });

  it('refuses a page of 0 or more than 500 risks, an unknown sort or filter, naming the field, and writes nothing', async () => {
    const e = await register();
    const before = await snapshot(e.dataDir);
    const bad = async (input: unknown, field: string) => {
      const r = await call(e.core, 'risks.list', input, e.coord);
      expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ field }] } } });
      if (!r.ok) expect(r.error.message).toContain(field);
    };
    await bad({ limit: 0 }, 'limit');
    await bad({ limit: 501 }, 'limit');
    await bad({ offset: -1 }, 'offset');
    await bad({ sort: 'risk' }, 'sort');
    await bad({ order: 'up' }, 'order');
    await bad({ level: 'extreme' }, 'level');
    await bad({ review: 'soon' }, 'review');
    await bad({ heat: { map: 'inherent', probability: 6, impact: 1 } }, 'heat.probability');
    await bad({ heat: { map: 'target', probability: 1, impact: 1 } }, 'heat.map');
    const unknown = await call(e.core, 'risks.list', { page: 2 }, e.coord);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!unknown.ok) expect(unknown.error.message).toContain('page');
    expect((await page(e, { limit: 500 })).total).toBe(7);
    expect(await snapshot(e.dataDir)).toEqual(before);
  });

  it('lets a viewer count the register (the heat-map overview) but not read its rows, owners or notes', async () => {
    const e = await register();
    const viewer = await signIn(e.core, 'viewer');
    expect(await call(e.core, 'risks.list', { limit: 2 }, viewer)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await ok(e.core, 'risks.overview', {}, viewer)).open).toBe(6);
  });
});

describe('the overview, counted in SQL, and the lists behind each count', () => {
  it('counts open risks on the inherent and residual 5×5 maps, above tolerance, reviews due and overdue, and open measures', async () => {
    const e = await register();
    const o = await ok(e.core, 'risks.overview', { today: TODAY }, e.coord);
    expect(o).toMatchObject({ today: TODAY, toleranceLimit: 12, open: 6, closed: 1, aboveTolerance: 3, reviewsDue: 1, reviewsOverdue: 1, openMeasures: 1 });
    const cells = (m: number[][]) => m.flatMap((row, p) => row.map((n, i) => (n ? `${p + 1}×${i + 1}:${n}` : ''))).filter(Boolean);
    // Closed R-005 (5×5) is on neither map; four open risks have no residual score yet.
    expect(cells(o.inherent.counts)).toEqual(['1×3:1', '2×2:1', '3×4:1', '3×5:1', '4×4:2']);
    expect(o.inherent).toMatchObject({ map: 'inherent', total: 6, unassessed: 0 });
    expect(cells(o.residual.counts)).toEqual(['2×3:1', '4×4:1']);
    expect(o.residual).toMatchObject({ map: 'residual', total: 2, unassessed: 4 });
  });

  it('lists exactly the risks each heat-map cell counts', async () => {
    const e = await register();
    const o = await ok(e.core, 'risks.overview', { today: TODAY }, e.coord);
    for (const map of ['inherent', 'residual'] as const)
      for (let p = 1; p <= 5; p++)
        for (let i = 1; i <= 5; i++)
          expect((await page(e, { heat: { map, probability: p, impact: i } })).total, `${map} ${p}×${i}`).toBe(o[map].counts[p - 1][i - 1]);
    expect(await codes(e, { heat: { map: 'inherent', probability: 4, impact: 4 } })).toEqual(['R-001', 'R-006']);
    expect(await codes(e, { heat: { map: 'residual', probability: 4, impact: 4 } })).toEqual(['R-006']);
    expect(await codes(e, { heat: { map: 'inherent', probability: 5, impact: 5 } })).toEqual([]);
  });

  it('lists the above-tolerance risks and the reviews due, overdue or either, as counted', async () => {
    const e = await register();
    const o = await ok(e.core, 'risks.overview', { today: TODAY }, e.coord);
    const above = await page(e, { status: 'open', aboveTolerance: true, sort: 'exposure', order: 'desc' });
    expect(above.total).toBe(o.aboveTolerance);
    expect(above.rows.map((r) => r.code)).toEqual(['R-001', 'R-006', 'R-004']);
    expect(await codes(e, { review: 'due' })).toEqual(['R-004']);
    expect(await codes(e, { review: 'overdue' })).toEqual(['R-001']);
    expect(await codes(e, { review: 'pending', sort: 'nextReviewDate' })).toEqual(['R-001', 'R-004']);
    expect((await page(e, { review: 'due' })).total).toBe(o.reviewsDue);
    expect((await page(e, { review: 'overdue' })).total).toBe(o.reviewsOverdue);
    // The state on each row agrees with the filter, on any day: on 1 September are due, R-004 overdue.
    const later = await ok(e.core, 'risks.list', { today: '2023-09-01', review: 'pending' }, e.coord);
    expect(later.rows.map((r) => [r.code, r.reviewState])).toEqual([
      ['R-001', 'overdue'],
      ['R-002', 'due'],
      ['R-004', 'overdue'],
      ['R-006', 'due'],
    ]);
    expect(await ok(e.core, 'risks.overview', { today: '2023-09-01' }, e.coord)).toMatchObject({ reviewsDue: 2, reviewsOverdue: 2 });
    // A review moves the risk off the list.
    const r1 = await ok(e.core, 'risks.get', { id: e.r1.id }, e.coord);
    await ok(e.core, 'risks.addReview', { riskId: r1.id, expectedUpdatedAt: r1.updatedAt, date: TODAY, reviewer: 'Echipa', decision: 'keep' }, e.coord);
    expect(await codes(e, { review: 'pending' })).toEqual(['R-004']);
    expect(await ok(e.core, 'risks.overview', { today: TODAY }, e.coord)).toMatchObject({ reviewsDue: 1, reviewsOverdue: 0 });
  });

  it('leaves deleted risks and their measures out of every count', async () => {
    const e = await register();
    const r1 = await ok(e.core, 'risks.get', { id: e.r1.id }, e.coord);
    await ok(e.core, 'risks.delete', { id: r1.id, expectedUpdatedAt: r1.updatedAt }, e.coord);
    const o = await ok(e.core, 'risks.overview', { today: TODAY }, e.coord);
    expect(o).toMatchObject({ open: 5, aboveTolerance: 2, reviewsOverdue: 0, openMeasures: 0 });
    expect(o.inherent.counts[3][3]).toBe(1);
    expect((await page(e, {})).total).toBe(6);
  });
});
