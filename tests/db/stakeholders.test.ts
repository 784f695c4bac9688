import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { call, count, freshCore, ok, poke, signIn, snapshot } from './helpers';
import stakeholdersSeed from '../../resources/seed/stakeholders.json';

const NOW = () => new Date('2026-03-10T09:00:00Z');

async function setup() {
  const { core, dataDir } = await freshCore({ now: NOW });
  const actions = await ok(core, 'plan.listActions', {});
  const action = (code: string) => actions.find((a) => a.code === code)!;
  return { core, dataDir, action };
}

const org = (core: Core, name: string, extra: Record<string, unknown> = {}) =>
  ok(core, 'stakeholders.save', { type: 'organisation', name, sector: 'ngo', ...extra });

const indicator = async (core: Core, code: string) => (await ok(core, 'plan.listIndicators', {})).find((i) => i.code === code)!;

describe('stakeholder register', () => {
  it('is pre-filled on first run with the actors the PLA names, once', async () => {
    const { core, dataDir } = await setup();
    const { total, rows: list } = await ok(core, 'stakeholders.list', {});
    expect([total, list.length]).toEqual([stakeholdersSeed.stakeholders.length, stakeholdersSeed.stakeholders.length]);
    const names = list.map((s) => s.name);
    for (const n of [
      'Fundația Comunitară Timișoara',
      'Asociația Banat IT',
      'Asociația Smart City',
      'Universitatea de Vest din Timișoara',
      'Platforma Circumvolut',
      'Consiliul Consultativ al Tinerilor',
    ])
      expect(names).toContain(n);
    expect(names.some((n) => n.includes('AID-ONG'))).toBe(true);
    // Deleting a seeded actor and opening the data folder again does not bring it back.
    const banat = await ok(core, 'stakeholders.get', { id: list.find((s) => s.name === 'Asociația Banat IT')!.id });
    await ok(core, 'stakeholders.delete', { id: banat.id, expectedUpdatedAt: banat.updatedAt });
    await core.close();
    const again = await freshCore({ dataDir, now: NOW });
    expect(await count(dataDir, 'stakeholders')).toBe(stakeholdersSeed.stakeholders.length);
    expect((await ok(again.core, 'stakeholders.list', {})).rows.map((s) => s.name)).not.toContain('Asociația Banat IT');
  });

  it('computes the power/interest quadrant from the scores and keeps the scores from the grid with today as assessment date', async () => {
    const { core } = await setup();
    const s = await org(core, 'Asociația Test', { power: 5, interest: 4 });
    expect(s.quadrant).toBe('manage_closely');
    expect((await org(core, 'A2', { power: 4, interest: 1 })).quadrant).toBe('keep_satisfied');
    expect((await org(core, 'A3', { power: 2, interest: 3 })).quadrant).toBe('keep_informed');
    expect((await org(core, 'A4', { power: 1, interest: 2 })).quadrant).toBe('monitor');
    expect((await org(core, 'A5', { power: 3 })).quadrant).toBeNull();
    const moved = await ok(core, 'stakeholders.setScores', { id: s.id, expectedUpdatedAt: s.updatedAt, power: 2, interest: 2 });
    expect([moved.power, moved.interest, moved.quadrant, moved.assessmentDate]).toEqual([2, 2, 'monitor', '2026-03-10']);
    // A stale drag (the point moved elsewhere meanwhile) is a CONFLICT and changes nothing.
    const stale = await call(core, 'stakeholders.setScores', { id: s.id, expectedUpdatedAt: s.updatedAt, power: 5, interest: 5 });
    expect(stale.ok ? null : stale.error.code).toBe('CONFLICT');
    expect((await ok(core, 'stakeholders.get', { id: s.id })).power).toBe(2);
  });

  it('refuses scores outside 1–5, naming the field, and writes nothing', async () => {
    const { core, dataDir } = await setup();
    const before = await snapshot(dataDir);
    const r = await call(core, 'stakeholders.save', { type: 'organisation', name: 'X', sector: 'ngo', power: 6 });
    expect(r.ok ? null : r.error.details?.issues?.[0].field).toBe('power');
    expect(await snapshot(dataDir)).toEqual(before);
  });

  it('refuses to make a person public before their consent is recorded', async () => {
    const { core, dataDir } = await setup();
    const before = await snapshot(dataDir);
    const person = { type: 'person', name: 'Ana Popescu', sector: 'citizen', contacts: 'ana@example.ro', public: true } as const;
    const r = await call(core, 'stakeholders.save', person);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.details?.issues?.[0]).toMatchObject({ field: 'public', reason: 'consent_required' });
    const onlyDate = await call(core, 'stakeholders.save', { ...person, consentDate: '2026-03-01' });
    expect(onlyDate.ok ? null : onlyDate.error.details?.issues?.[0].field).toBe('public');
    expect(await snapshot(dataDir)).toEqual(before);
    // With consent (date and scope) the person can be public; an organisation needs no consent.
    const p = await ok(core, 'stakeholders.save', { ...person, consentDate: '2026-03-01', consentScope: 'nume și rol pe site-ul public' });
    expect(p.public).toBe(true);
    expect((await org(core, 'Org publică', { public: true })).public).toBe(true);
  });

  it('refuses a duplicate name', async () => {
    const { core } = await setup();
    const r = await call(core, 'stakeholders.save', { type: 'organisation', name: 'Asociația Banat IT', sector: 'tech_community' });
    expect(r.ok ? null : r.error.details?.issues?.[0]).toMatchObject({ field: 'name', reason: 'duplicate' });
  });

  it('lets viewers read and refuses their writes', async () => {
    const { core } = await setup();
    const viewer = await signIn(core, 'viewer');
    expect((await ok(core, 'stakeholders.list', {}, viewer)).rows.length).toBeGreaterThan(0);
    expect(await call(core, 'stakeholders.listScores', {}, viewer)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const r = await call(core, 'stakeholders.save', { type: 'organisation', name: 'X', sector: 'ngo' }, viewer);
    expect(r.ok ? null : r.error.code).toBe('FORBIDDEN');
  });
});

describe('RACI per action', () => {
  it('allows exactly one Accountable: a second one is refused with a message naming the field, nothing written', async () => {
    const { core, dataDir, action } = await setup();
    const a = await org(core, 'Org A');
    const b = await org(core, 'Org B');
    const acc = await ok(core, 'stakeholders.addRaci', { stakeholderId: a.id, actionId: action('A4.4').id, role: 'accountable' });
    expect(acc).toMatchObject({ role: 'accountable', actionCode: 'A4.4', stakeholderName: 'Org A' });
    const before = await snapshot(dataDir);
    const r = await call(core, 'stakeholders.addRaci', { stakeholderId: b.id, actionId: action('A4.4').id, role: 'accountable' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('VALIDATION');
      expect(r.error.details?.issues?.[0]).toMatchObject({ field: 'role', reason: 'second_accountable' });
      expect(r.error.message).toMatch(/already has an Accountable \(Org A\)/);
    }
    expect(await snapshot(dataDir)).toEqual(before);
  });

  it('needs the Accountable before R, C or I, and refuses the same role twice', async () => {
    const { core, action } = await setup();
    const a = await org(core, 'Org A');
    const r = await call(core, 'stakeholders.addRaci', { stakeholderId: a.id, actionId: action('A1.1').id, role: 'responsible' });
    expect(r.ok ? null : r.error.details?.issues?.[0]).toMatchObject({ field: 'role', reason: 'accountable_first' });
    await ok(core, 'stakeholders.addRaci', { stakeholderId: a.id, actionId: action('A1.1').id, role: 'accountable' });
    await ok(core, 'stakeholders.addRaci', { stakeholderId: a.id, actionId: action('A1.1').id, role: 'responsible' });
    const dup = await call(core, 'stakeholders.addRaci', { stakeholderId: a.id, actionId: action('A1.1').id, role: 'responsible' });
    expect(dup.ok ? null : dup.error.details?.issues?.[0].reason).toBe('duplicate');
  });

  it('removes the Accountable only by replacing it while other links remain', async () => {
    const { core, dataDir, action } = await setup();
    const a = await org(core, 'Org A');
    const b = await org(core, 'Org B');
    const aid = action('A2.1').id;
    const acc = await ok(core, 'stakeholders.addRaci', { stakeholderId: a.id, actionId: aid, role: 'accountable' });
    const inf = await ok(core, 'stakeholders.addRaci', { stakeholderId: b.id, actionId: aid, role: 'informed' });
    const before = await snapshot(dataDir);
    const del = await call(core, 'stakeholders.deleteRaci', { id: acc.id, expectedUpdatedAt: acc.updatedAt });
    expect(del.ok ? null : del.error.details?.issues?.[0]).toMatchObject({ field: 'role', reason: 'accountable_required' });
    expect(await snapshot(dataDir)).toEqual(before);
    const replaced = await ok(core, 'stakeholders.replaceAccountable', { actionId: aid, stakeholderId: b.id, expectedUpdatedAt: acc.updatedAt });
    expect(replaced).toMatchObject({ id: acc.id, stakeholderName: 'Org B', role: 'accountable' });
    // Deleting a stakeholder who is the Accountable of an action with other links is refused too.
    const bRow = await ok(core, 'stakeholders.get', { id: b.id });
    await ok(core, 'stakeholders.deleteRaci', { id: inf.id, expectedUpdatedAt: inf.updatedAt });
    await ok(core, 'stakeholders.addRaci', { stakeholderId: a.id, actionId: aid, role: 'consulted' });
    const delB = await call(core, 'stakeholders.delete', { id: b.id, expectedUpdatedAt: bRow.updatedAt });
    expect(delB.ok ? null : delB.error.details?.issues?.[0]).toMatchObject({ field: 'id', reason: 'accountable_required' });
    // Once the other links are gone the last link, the Accountable, can go.
    const links = await ok(core, 'stakeholders.listRaci', { actionId: aid });
    for (const l of links.filter((x) => x.role !== 'accountable')) await ok(core, 'stakeholders.deleteRaci', { id: l.id, expectedUpdatedAt: l.updatedAt });
    const last = (await ok(core, 'stakeholders.listRaci', { actionId: aid }))[0];
    await ok(core, 'stakeholders.deleteRaci', { id: last.id, expectedUpdatedAt: last.updatedAt });
    expect(await ok(core, 'stakeholders.listRaci', { actionId: aid })).toEqual([]);
  });

  it('the database itself holds at most one live Accountable per action', async () => {
    const { core, dataDir, action } = await setup();
    const a = await org(core, 'Org A');
    await ok(core, 'stakeholders.addRaci', { stakeholderId: a.id, actionId: action('A3.1').id, role: 'accountable' });
    // A row written past the service (any engine): a second live Accountable is refused by the unique index, a deleted one is not.
    const b = await org(core, 'Org B');
    const at = '2026-01-10T10:00:00.000Z';
    const plant = (id: string, deletedAt: string | null) =>
      poke(
        dataDir,
        `insert into stakeholder_raci (id, stakeholder_id, action_id, role, created_at, updated_at, deleted_at) values (?, ?, ?, 'accountable', ?, ?, ?)`,
        id,
        b.id,
        action('A3.1').id,
        at,
        at,
        deletedAt,
      );
    await expect(plant('raci-live', null)).rejects.toThrow(/unique/i);
    await plant('raci-deleted', at);
    expect(await count(dataDir, 'stakeholder_raci', `role = 'accountable' and deleted_at is null`)).toBe(1);
  });
});

describe('indicators computed from the register', () => {
  it('I4.4 counts distinct stakeholders able to take over at least one live action, and lists them', async () => {
    const { core, dataDir, action } = await setup();
    expect((await indicator(core, 'I4.4')).latest).toBeNull(); // no record yet: no data, not 0 measured today
    const [a, b, c] = [await org(core, 'Org A'), await org(core, 'Org B'), await org(core, 'Org C')];
    await ok(core, 'stakeholders.addTakeover', { stakeholderId: a.id, actionId: action('A1.1').id, date: '2026-02-01' });
    await ok(core, 'stakeholders.addTakeover', { stakeholderId: a.id, actionId: action('A1.2').id, date: '2026-02-02' });
    await ok(core, 'stakeholders.addTakeover', { stakeholderId: b.id, actionId: action('A1.1').id, date: '2026-02-03' });
    let i = await indicator(core, 'I4.4');
    expect(i.latest?.value).toBe(2);
    expect(i.rag).not.toBe('complete');
    const t = await ok(core, 'stakeholders.addTakeover', {
      stakeholderId: c.id,
      actionId: action('A2.1').id,
      date: '2026-03-01',
      note: 'a confirmat în scris',
    });
    i = await indicator(core, 'I4.4');
    expect([i.latest?.value, i.latest?.date, i.percentOfTarget]).toEqual([3, '2026-03-01', 100]);
    const rec = await ok(core, 'plan.indicatorRecords', { id: i.id });
    expect(rec.rule).toMatch(/părțile interesate distincte/);
    expect(rec.records.map((r) => r.label)).toEqual(['Org A — A1.1, A1.2', 'Org B — A1.1', 'Org C — A2.1']);
    // Refusals: a duplicate link, a future date; nothing written.
    const before = await snapshot(dataDir);
    const dup = await call(core, 'stakeholders.addTakeover', { stakeholderId: c.id, actionId: action('A2.1').id, date: '2026-03-01' });
    expect(dup.ok ? null : dup.error.details?.issues?.[0]).toMatchObject({ field: 'actionId', reason: 'duplicate' });
    const fut = await call(core, 'stakeholders.addTakeover', { stakeholderId: c.id, actionId: action('A2.2').id, date: '2026-04-01' });
    expect(fut.ok ? null : fut.error.details?.issues?.[0]).toMatchObject({ field: 'date', reason: 'future_date' });
    expect(await snapshot(dataDir)).toEqual(before);
    // Removing a link, or deleting the stakeholder, takes them out of the count; undo brings them back.
    await ok(core, 'stakeholders.deleteTakeover', { id: t.id, expectedUpdatedAt: t.updatedAt });
    expect((await indicator(core, 'I4.4')).latest?.value).toBe(2);
    const bRow = await ok(core, 'stakeholders.get', { id: b.id });
    await ok(core, 'stakeholders.delete', { id: b.id, expectedUpdatedAt: bRow.updatedAt });
    expect((await indicator(core, 'I4.4')).latest?.value).toBe(1);
    await ok(core, 'stakeholders.restore', { id: b.id });
    expect((await indicator(core, 'I4.4')).latest?.value).toBe(2);
    expect((await ok(core, 'stakeholders.get', { id: b.id })).takeoverCount).toBe(1);
  });

  it('I3.5 counts active partnerships with tech, academia or business; documents are stored like plan evidence', async () => {
    const { core, dataDir } = await setup();
    const s = (await ok(core, 'stakeholders.list', { search: 'Banat IT' })).rows[0];
    const doc = { fileName: 'protocol.pdf', mimeType: 'application/pdf', contentBase64: Buffer.from('%PDF-1.4 protocol').toString('base64') };
    const p1 = await ok(core, 'stakeholders.savePartnership', {
      stakeholderId: s.id,
      type: 'tech_community',
      title: 'Date deschise',
      startDate: '2026-01-15',
      documents: [doc],
    });
    expect(p1.active).toBe(true);
    expect(p1.documents.map((d) => d.fileName)).toEqual(['protocol.pdf']);
    expect(await count(dataDir, 'attachments', "entity = 'partnership'")).toBe(1);
    await ok(core, 'stakeholders.savePartnership', { stakeholderId: s.id, type: 'other', title: 'Altceva', startDate: '2026-01-15' });
    await ok(core, 'stakeholders.savePartnership', { stakeholderId: s.id, type: 'academia', title: 'Viitor', startDate: '2026-06-01' });
    await ok(core, 'stakeholders.savePartnership', {
      stakeholderId: s.id,
      type: 'business',
      title: 'Încheiat',
      startDate: '2025-01-01',
      endDate: '2025-12-31',
    });
    let i = await indicator(core, 'I3.5');
    expect(i.latest?.value).toBe(1);
    await ok(core, 'stakeholders.savePartnership', {
      stakeholderId: s.id,
      type: 'academia',
      title: 'Hackathon UVT',
      startDate: '2026-02-20',
      endDate: '2027-02-20',
    });
    i = await indicator(core, 'I3.5');
    expect([i.latest?.value, i.latest?.date, i.rag]).toEqual([2, '2026-02-20', 'complete']);
    expect((await ok(core, 'plan.indicatorRecords', { id: i.id })).records.map((r) => r.label)).toEqual([
      'Date deschise — Asociația Banat IT (comunitatea tech)',
      'Hackathon UVT — Asociația Banat IT (mediul academic)',
    ]);
    // Bad input: end before start, empty document; nothing written.
    const before = await snapshot(dataDir);
    const r = await call(core, 'stakeholders.savePartnership', {
      stakeholderId: s.id,
      type: 'academia',
      title: 'X',
      startDate: '2026-02-20',
      endDate: '2026-01-01',
    });
    expect(r.ok ? null : r.error.details?.issues?.[0].field).toBe('endDate');
    const empty = await call(core, 'stakeholders.savePartnership', {
      stakeholderId: s.id,
      type: 'academia',
      title: 'X',
      startDate: '2026-02-20',
      documents: [{ fileName: 'a.pdf', contentBase64: '' }],
    });
    expect(empty.ok ? null : empty.error.details?.issues?.[0]).toMatchObject({ field: 'documents.0.contentBase64', reason: 'empty_file' });
    expect(await snapshot(dataDir)).toEqual(before);
    // Delete and undo.
    await ok(core, 'stakeholders.deletePartnership', { id: p1.id, expectedUpdatedAt: p1.updatedAt });
    expect((await indicator(core, 'I3.5')).latest?.value).toBe(1);
    await ok(core, 'stakeholders.restorePartnership', { id: p1.id });
    expect((await indicator(core, 'I3.5')).latest?.value).toBe(2);
  });
});

describe('interaction log', () => {
  it('keeps dated interactions, newest first, refuses a future date, and is audited', async () => {
    const { core, dataDir } = await setup();
    const s = await org(core, 'Org A');
    await ok(core, 'stakeholders.saveInteraction', { stakeholderId: s.id, date: '2026-01-10', kind: 'meeting', summary: 'Prima întâlnire' });
    const second = await ok(core, 'stakeholders.saveInteraction', { stakeholderId: s.id, date: '2026-02-10', kind: 'email', summary: 'Invitație la forum' });
    expect((await ok(core, 'stakeholders.listInteractions', { stakeholderId: s.id })).map((i) => i.summary)).toEqual(['Invitație la forum', 'Prima întâlnire']);
    expect((await ok(core, 'stakeholders.get', { id: s.id })).lastInteractionDate).toBe('2026-02-10');
    const before = await snapshot(dataDir);
    const r = await call(core, 'stakeholders.saveInteraction', { stakeholderId: s.id, date: '2026-05-10', kind: 'email', summary: 'x' });
    expect(r.ok ? null : r.error.details?.issues?.[0]).toMatchObject({ field: 'date', reason: 'future_date' });
    const empty = await call(core, 'stakeholders.saveInteraction', { stakeholderId: s.id, date: '2026-01-10', kind: 'email', summary: '  ' });
    expect(empty.ok ? null : empty.error.details?.issues?.[0].field).toBe('summary');
    expect(await snapshot(dataDir)).toEqual(before);
    await ok(core, 'stakeholders.deleteInteraction', { id: second.id, expectedUpdatedAt: second.updatedAt });
    expect(await count(dataDir, 'audit_log', "entity = 'stakeholder_interaction'")).toBe(3);
  });
});
