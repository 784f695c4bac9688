import BetterSqlite3 from 'better-sqlite3';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dbPath } from '../../electron/core';
import { attachmentPath } from '../../electron/core/attachments';
import { listen, serve, sleep } from './helpers';

/** Issue 12, finding 1: a job's events and files belong to the user who started it; a file id alone opens nothing. */

async function finishedJob(c: { ok(m: string, i?: unknown): Promise<any> }, jobId: string) {
  for (let i = 0; i < 200; i++) {
    const j = await c.ok('jobs.get', { id: jobId });
    if (j.status !== 'running') return j;
    await sleep(100);
  }
  throw new Error('job did not finish');
}

describe('job events and exported files are the starting user’s alone', () => {
  it('sends a job’s events only to the session that started it: not to another user, not to a client without a session', async () => {
    const s = await serve();
    const coord = await s.user('coordinator');
    const evaluator = await s.user('evaluator');
    const viewer = await s.user('viewer');

    const anon = listen(s, null);
    expect(await anon.status).toBe(401);

    const [mine, theirs, viewers] = [listen(s, coord.cookie), listen(s, evaluator.cookie), listen(s, viewer.cookie)];
    for (const l of [mine, theirs, viewers]) expect(await l.status).toBe(200);
    const { jobId } = await coord.ok('plan.exportExcel', {});
    const job = await finishedJob(coord, jobId);
    expect(job.status).toBe('done');
    // (other events may come too: a change another session made, which each role sees for the modules it reads)
    const jobEvents = (l: typeof mine) => l.events.filter((e) => e.type === 'job');
    for (let i = 0; i < 50 && !jobEvents(mine).some((e) => e.job.status === 'done'); i++) await sleep(100);
    await sleep(200);
    for (const l of [mine, theirs, viewers]) l.stop();
    expect(mine.events.some((e) => e.type === 'job' && e.job.id === jobId && e.job.status === 'done' && e.job.result.fileId === job.result.fileId)).toBe(true);
    expect(jobEvents(theirs)).toEqual([]);
    expect(jobEvents(viewers)).toEqual([]);
  });

  it('lets only the owner download an export: another role, another coordinator and a bare file id get nothing', async () => {
    const s = await serve();
    const coord = await s.user('coordinator');
    const other = await s.user('coordinator');
    const evaluator = await s.user('evaluator');
    const viewer = await s.user('viewer');
    const { jobId } = await coord.ok('plan.exportExcel', {});
    const { fileId } = (await finishedJob(coord, jobId)).result;
    const url = `/files/export/${fileId}?token=${s.server.token}`;

    const own = await coord.get(url);
    expect(own.status).toBe(200);
    expect(own.headers['content-disposition']).toMatch(/^attachment;/);
    for (const c of [other, evaluator, viewer]) expect((await c.get(url)).status).toBe(404);
    expect((await s.client().get(url)).status).toBe(401);
    // The job itself is not theirs either.
    expect((await evaluator.call('jobs.get', { id: jobId })).body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // Through the API's own delivery: the same answer.
    expect((await viewer.call('files.deliver', { kind: 'export', id: fileId })).body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('gives an attachment only to roles that may read its record: plan evidence to all, a funding application’s only to coordinators and members', async () => {
    const s = await serve();
    const coord = await s.user('coordinator');
    const member = await s.user('member');
    const evaluator = await s.user('evaluator');
    const viewer = await s.user('viewer');

    const actions = await coord.ok('plan.listActions', {});
    const update = await coord.ok('plan.addProgressUpdate', {
      actionId: actions[0].id,
      date: '2026-01-10',
      progress: 10,
      evidence: [{ fileName: 'proces-verbal.pdf', mimeType: 'application/pdf', contentBase64: Buffer.from('%PDF-1.4 dovadă').toString('base64') }],
    });
    const evidenceId = update.evidence[0].id;

    // A document of a funding application (not published): stored the way core stores it.
    const bytes = Buffer.from('oferta financiară confidențială');
    const sha = crypto.createHash('sha256').update(bytes).digest('hex');
    fs.mkdirSync(path.dirname(attachmentPath(s.dataDir, sha)), { recursive: true });
    fs.writeFileSync(attachmentPath(s.dataDir, sha), bytes);
    const privateId = '01900000-0000-7000-8000-00000000f00d';
    const db = new BetterSqlite3(dbPath(s.dataDir));
    db.prepare(
      `insert into attachments (id, sha256, file_name, mime_type, size, entity, entity_id, created_at, updated_at) values (?, ?, 'oferta.pdf', 'application/pdf', ?, 'funding_application', 'x', 't', 't')`,
    ).run(privateId, sha, bytes.length);
    db.close();

    const get = (c: { get(p: string): Promise<{ status: number }> }, id: string) =>
      c.get(`/files/attachment/${id}?token=${s.server.token}`).then((r) => r.status);
    for (const c of [coord, member, evaluator, viewer]) expect(await get(c, evidenceId)).toBe(200);
    expect(await get(coord, privateId)).toBe(200);
    expect(await get(member, privateId)).toBe(200);
    expect(await get(evaluator, privateId)).toBe(404);
    expect(await get(viewer, privateId)).toBe(404);
    expect(await get(s.client(), evidenceId)).toBe(401);
  });
});
