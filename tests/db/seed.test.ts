import { describe, expect, it } from 'vitest';
import { freshCore, ok, snapshot } from './helpers';
import { createCore, headlessPlatform } from '../../electron/core';

describe('first run loads Timișoara’s PLA from the seed text', () => {
  it('has the vision, four strategic directions, two priorities and the period', async () => {
    const { core } = await freshCore();
    const info = await ok(core, 'plan.getInfo', {});
    expect(info.vision).toMatch(/^Timișoara, ca inspirație pentru alte comunități locale/);
    expect(info.goal).toBe('Îmbunătățirea calității vieții cetățenilor');
    expect(info.strategicDirections).toHaveLength(4);
    expect(info.priorities).toHaveLength(2);
    expect([info.periodStart, info.periodEnd]).toEqual(['2022-04-01', '2023-12-31']);
  });

  it('has 4 commitments with their texts and estimated calendars', async () => {
    const { core } = await freshCore();
    const cs = await ok(core, 'plan.listCommitments', {});
    expect(cs.map((c) => [c.code, c.title, c.startDate, c.endDate])).toEqual([
      ['A1', 'Creșterea gradului de implicare civică', '2022-04-01', '2023-12-31'],
      ['A2', 'Operaționalizarea bugetării participative', '2022-04-01', '2022-12-31'],
      ['A3', 'Publicarea și reutilizarea a cel puțin 10 noi seturi de date deschise', '2022-05-01', '2023-09-30'],
      ['A4', 'Dezvoltarea capacității de guvernare deschisă a părților interesate relevante', '2022-04-01', '2023-12-31'],
    ]);
    for (const c of cs) {
      for (const field of ['description', 'objective', 'problem', 'actors', 'relevanceLocal', 'relevanceNational', 'relevanceInternational'] as const)
        expect(c[field], `${c.code}.${field}`).not.toBe('');
    }
    expect(cs[0].actors).toContain('Fundația Comunitară Timișoara');
    // Comma-below diacritics only, never the cedilla forms.
    expect(JSON.stringify(cs)).not.toMatch(/[şţŞŢ]/);
  });

  it('has the 24 actions A1.1–A4.7', async () => {
    const { core } = await freshCore();
    const actions = await ok(core, 'plan.listActions', {});
    expect(actions).toHaveLength(24);
    const codes = actions.map((a) => a.code);
    const expected = [
      ...[1, 2, 3, 4, 5, 6, 7].map((n) => `A1.${n}`),
      ...[1, 2, 3, 4, 5].map((n) => `A2.${n}`),
      ...[1, 2, 3, 4, 5].map((n) => `A3.${n}`),
      ...[1, 2, 3, 4, 5, 6, 7].map((n) => `A4.${n}`),
    ];
    expect(codes).toEqual(expected);
    expect(actions.find((a) => a.code === 'A1.1')?.title).toBe('Elaborarea strategiei de participare publică');
    expect(actions.find((a) => a.code === 'A4.6')?.title).toBe('Repository și website OGP Local');
  });

  it('turns the 26 target results into indicators with the seed’s numbers', async () => {
    const { core } = await freshCore();
    const inds = await ok(core, 'plan.listIndicators', {});
    expect(inds).toHaveLength(26);
    const byName = (re: RegExp) => {
      const found = inds.filter((i) => re.test(i.name));
      expect(found, String(re)).toHaveLength(1);
      return found[0];
    };
    expect(byName(/50 de funcționari/)).toMatchObject({ type: 'cumulative', target: 50 });
    expect(byName(/3% din populație/)).toMatchObject({ type: 'ratio', target: 3 });
    expect(byName(/3% din populație/).denominator).toBeGreaterThan(200_000);
    expect(byName(/7 proiecte/)).toMatchObject({ type: 'cumulative', target: 7 });
    expect(byName(/1% din populația/)).toMatchObject({ type: 'ratio', target: 1 });
    expect(byName(/10 seturi de date/)).toMatchObject({ type: 'cumulative', target: 10 });
    expect(byName(/30 de angajați/)).toMatchObject({ type: 'cumulative', target: 30 });
    expect(byName(/5 proiecte din comunitate pe an/)).toMatchObject({ type: 'per_period', target: 5 });
    expect(byName(/2 surse de finanțare/)).toMatchObject({ type: 'cumulative', target: 2 });
    expect(byName(/3 părți interesate/)).toMatchObject({ type: 'cumulative', target: 3 });
    const perCommitment = (await ok(core, 'plan.listCommitments', {})).map((c) => c.indicatorCount);
    expect(perCommitment).toEqual([7, 7, 5, 7]);
    // Every indicator is linked to at least one action of its commitment.
    for (const i of inds) expect(i.actionIds.length, i.code).toBeGreaterThan(0);
  });

  it('running init twice changes nothing', async () => {
    const { core, dataDir } = await freshCore();
    const before = await snapshot(dataDir);
    await core.close();
    const again = await createCore({ dataDir, platform: headlessPlatform('cli') });
    await again.close();
    expect(await snapshot(dataDir)).toEqual(before);
  });
});
