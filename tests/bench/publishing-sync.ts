/**
 * Re-publishing after one indicator changed (issue 6): files and bytes sent compared with a full publish, to a
 * folder target and to a local OpenSSH server (tests/sshd/; skipped with the reason when sshd is absent).
 * The site is the plan ×100 fixture built by the app's own site build. Goal: under 2 % of the bytes.
 */
import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCore, headlessPlatform, type Core } from '../../electron/core';
import type { PublicationOutcome } from '../../electron/contract';
import { sshdMissingReason, startSshd } from '../sshd/sshd';
import { buildManifest, diffManifests, encodeManifest, encodeSharded, readReleaseManifestDir } from '../../electron/core/publishing/sync/manifest';
import { buildScaledPlan } from './plan-fixture';

const SYSTEM = { sessionId: null, system: true };
const DATE = '2026-03-01';
const fmt = (n: number, d = 1) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });

async function call<T>(core: Core, method: string, input: unknown): Promise<T> {
  const r = await core.call(method, input, SYSTEM);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as T;
}
async function job<T>(core: Core, method: string, input: unknown): Promise<T> {
  const { jobId } = await call<{ jobId: string }>(core, method, input);
  const j = await core.waitForJob(jobId);
  if (j.status !== 'done') throw new Error(`${method}: ${j.error?.message ?? j.status}`);
  return j.result as T;
}

export async function benchPublishingSync() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pla-bench-sync-'));
  const sshdReason = process.env.BENCH_NO_SSHD ? 'BENCH_NO_SSHD set' : sshdMissingReason();
  const sshd = sshdReason ? null : await startSshd();
  try {
    const dataDir = path.join(dir, 'data');
    fs.mkdirSync(dataDir);
    await buildScaledPlan(path.join(dataDir, 'pla-desk.db'), 100);
    const core = await createCore({ dataDir, platform: headlessPlatform('cli'), seed: false, now: () => new Date(`${DATE}T10:00:00Z`) });
    try {
      const st = await call<{ settings: { updatedAt: string | null } & Record<string, unknown> }>(core, 'publishing.getSiteStatus', {});
      const { updatedAt, ...settings } = st.settings;
      await call(core, 'publishing.saveSiteSettings', { ...settings, contactEmail: 'ogp@primariatm.ro', expectedUpdatedAt: updatedAt });
      let t0 = performance.now();
      const built = await job<{ pages: number; files: number; bytes: number }>(core, 'publishing.buildSite', { publicationDate: DATE });
      console.log(
        `\n(publishing sync) plan ×100 site: ${built.files.toLocaleString('en-US')} files, ${built.pages.toLocaleString('en-US')} pages, ${fmt(built.bytes / 1024 / 1024)} MB, built in ${fmt((performance.now() - t0) / 1000)} s`,
      );

      const folderRoot = path.join(dir, 'share');
      fs.mkdirSync(folderRoot);
      const targets: Array<{ label: string; id: string }> = [];
      targets.push({
        label: 'folder',
        id: (await call<{ id: string }>(core, 'publishing.saveTarget', { name: 'Folder', kind: 'folder', path: folderRoot })).id,
      });
      if (sshd) {
        const root = path.join(sshd.dir, 'site');
        fs.mkdirSync(root);
        const t = await call<{ id: string }>(core, 'publishing.saveTarget', {
          name: 'SFTP',
          kind: 'sftp',
          host: sshd.host,
          port: sshd.port,
          username: sshd.username,
          path: root,
          auth: 'key',
          identityPath: sshd.identityPath,
        });
        targets.push({ label: 'sftp (local sshd)', id: t.id });
      }
      const full = new Map<string, { out: PublicationOutcome; ms: number }>();
      for (const t of targets) {
        t0 = performance.now();
        full.set(t.id, { out: await job<PublicationOutcome>(core, 'publishing.publish', { targetId: t.id }), ms: performance.now() - t0 });
      }

      // One indicator changes: one new measurement, the site rebuilt for the same day.
      const ind = (await call<Array<{ id: string; source: string | null; type: string; code: string }>>(core, 'plan.listIndicators', {})).find(
        (i) => !i.source && i.type !== 'milestone',
      )!;
      // (the fixture's ids are not UUIDv7, so the API refuses them: the change is written beside core, as a second process would)
      const side = new BetterSqlite3(path.join(dataDir, 'pla-desk.db'));
      const changed = side
        .prepare(
          `update measurements set value = value + 1 where id = (select id from measurements where indicator_id = ? and deleted_at is null order by date desc limit 1)`,
        )
        .run(ind.id).changes;
      side.close();
      if (changed !== 1) throw new Error(`no measurement of ${ind.code} to change`);
      await job(core, 'publishing.buildSite', { publicationDate: DATE });
      const preview = await call<{ summary: string }>(core, 'publishing.previewPublication', { targetId: targets[0].id });
      console.log(`one indicator (${ind.code}) measured again → ${preview.summary}`);
      const { manifest: before, shards: liveShards } = await readReleaseManifestDir(path.join(folderRoot, 'current'));
      const nextManifest = buildManifest(path.join(dataDir, 'site'));
      const diff = diffManifests(before, nextManifest);
      const enc = encodeSharded(nextManifest);
      const sentShards = enc.shards.filter((s) => liveShards.get(s.index) !== s.sha256);
      const shardKb = sentShards.reduce((n, s) => n + s.data.length, 0) / 1024;
      console.log(`  changed: ${diff.changed.map((f) => `${f.path} (${fmt(f.size / 1024)} KB)`).join(', ')}`);
      console.log(
        `  manifest: whole ${fmt(encodeManifest(nextManifest).length / 1024)} KB gzipped; sharded ${enc.shards.length} shards, sent root ${fmt(enc.root.length / 1024)} KB + ${sentShards.length} changed shard(s) ${fmt(shardKb)} KB`,
      );
      const rows: string[][] = [];
      for (const t of targets) {
        t0 = performance.now();
        const inc = await job<PublicationOutcome>(core, 'publishing.publish', { targetId: t.id });
        const ms = performance.now() - t0;
        const f = full.get(t.id)!;
        rows.push([`${t.label} full (baseline)`, f.out.filesSent.toLocaleString('en-US'), fmt(f.out.bytesSent / 1024, 1), fmt(f.ms / 1000, 2), '100.00 %']);
        rows.push([
          `${t.label} after one change`,
          inc.filesSent.toLocaleString('en-US'),
          fmt(inc.bytesSent / 1024, 1),
          fmt(ms / 1000, 2),
          `${fmt((100 * inc.bytesSent) / f.out.bytesSent, 2)} %`,
        ]);
        rows.push([`  goal < 2 % of the bytes`, '', '', '', (100 * inc.bytesSent) / f.out.bytesSent < 2 ? 'PASS' : 'FAIL']);
      }
      const headers = ['publication', 'files sent', 'KB sent', 'time s', 'bytes vs full'];
      const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
      const line = (c: string[]) => c.map((x, i) => (i === 0 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join('  ');
      console.log(line(headers));
      console.log(widths.map((w) => '-'.repeat(w)).join('  '));
      for (const r of rows) console.log(line(r));
      console.log('(KB sent = changed files + the manifest root and changed shards; unchanged files and shards are hard-linked on the target)');
      if (sshdReason) console.log(`sftp skipped: ${sshdReason}`);
    } finally {
      await core.close();
    }
  } finally {
    await sshd?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// Run alone: `node --import tsx tests/bench/publishing-sync.ts` (npm run bench calls it from tests/bench/run.ts).
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await benchPublishingSync();
