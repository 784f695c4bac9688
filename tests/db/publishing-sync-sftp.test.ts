/**
 * Publishing to a real OpenSSH server on 127.0.0.1 (tests/sshd/): first publication, an incremental one after one
 * indicator changed, a removed dataset, an interrupted upload, an unreachable server. Without sshd they fail,
 * saying what to install (`bash .ci/run` installs it): only the Electron suite may skip.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { buildManifest, diffManifests } from '../../electron/core/publishing/sync/manifest';
import { publishSite } from '../../electron/core/publishing/sync/publish';
import { SftpRemote } from '../../electron/core/publishing/sync/sftp';
import { sshdMissingReason, startSshd, type Sshd } from '../sshd/sshd';
import { freshCore, ok, peek, poke, signIn, tempDir } from './helpers';
import { BASE_SITE, readTree, withoutManifest, writeSite } from './publishing-sync-helpers';

const missing = sshdMissingReason();

// Without the server there is one failing test that says what to install, instead of a silent skip.
if (missing)
  describe('publishing to an SFTP server', () => {
    it('needs the OpenSSH server on this machine (bash .ci/run installs openssh-server)', () => {
      throw new Error(`SFTP tests cannot run: ${missing}`);
    });
  });

if (!missing)
  describe('publishing to an SFTP server (real OpenSSH on 127.0.0.1)', () => {
    let sshd: Sshd;
    beforeAll(async () => {
      sshd = await startSshd();
    });
    afterAll(async () => {
      await sshd?.stop();
    });

    const connect = (dir: string) =>
      SftpRemote.connect({ host: sshd.host, port: sshd.port, username: sshd.username, identityPath: sshd.identityPath, path: dir });
    const freshDir = (name: string) => {
      const d = path.join(sshd.dir, name);
      fs.mkdirSync(d);
      return d;
    };

    async function siteCore() {
      const { core, dataDir } = await freshCore({ now: () => new Date('2026-03-01T10:00:00Z') });
      const st = await ok(core, 'publishing.getSiteStatus', {});
      const { updatedAt, ...settings } = st.settings;
      await ok(core, 'publishing.saveSiteSettings', { ...settings, contactEmail: 'ogp@primariatm.ro', expectedUpdatedAt: updatedAt });
      return { core, dataDir };
    }
    const build = async (core: Core) => {
      const job = await core.waitForJob((await ok(core, 'publishing.buildSite', { publicationDate: '2026-03-01' })).jobId);
      expect(job.status).toBe('done');
    };
    const publish = async (core: Core, targetId: string, conn?: Parameters<typeof ok>[3]) => {
      const job = await core.waitForJob((await ok(core, 'publishing.publish', { targetId }, conn)).jobId);
      expect(job.status).toBe('done');
      return job.result as {
        status: string;
        filesSent: number;
        bytesSent: number;
        summary: string;
        reasonKind: string | null;
        reason: string | null;
        queueId: string | null;
      };
    };

    it('first publication of the built site, then an incremental one after one indicator changed sends only the pages that show it', async () => {
      const { core, dataDir } = await siteCore();
      const member = await signIn(core, 'member');
      const coord = await signIn(core, 'coordinator');
      const root = freshDir('first');
      const t = await ok(
        core,
        'publishing.saveTarget',
        {
          name: 'Server PMT',
          kind: 'sftp',
          host: sshd.host,
          port: sshd.port,
          username: sshd.username,
          path: root,
          auth: 'key',
          identityPath: sshd.identityPath,
        },
        coord,
      );
      await build(core);
      const site = path.join(dataDir, 'site');
      const first = await publish(core, t.id, member);
      expect(first.status).toBe('published');
      const full = buildManifest(site);
      expect(first.filesSent).toBe(full.files.length);
      expect(withoutManifest(readTree(path.join(root, 'current')))).toEqual(readTree(site));
      expect((await ok(core, 'publishing.listTargets', {}, member))[0].hostKey).toMatch(/^SHA256:/); // recorded on first connection

      // One measurement of one indicator, the site rebuilt for the same day.
      const before = buildManifest(site);
      const ind = (await ok(core, 'plan.listIndicators', {})).find((i) => !i.source && i.type !== 'milestone')!;
      await ok(core, 'plan.addMeasurement', { indicatorId: ind.id, date: '2026-02-27', value: 7 }, member);
      await build(core);
      const changed = diffManifests(before, buildManifest(site));
      expect(changed.changed.length).toBeGreaterThan(0);
      expect(changed.added.length + changed.removed.length).toBe(0);
      const preview = await ok(core, 'publishing.previewPublication', { targetId: t.id }, member);
      expect(preview).toMatchObject({ basis: 'target', counts: { filesToSend: changed.changed.length } });
      expect(preview.summary).toMatch(/^\d+ pagin(ă|i) modificat(ă|e)$/);
      const second = await publish(core, t.id, member);
      expect(second.status).toBe('published');
      expect(second.filesSent).toBe(changed.changed.length);
      expect(second.filesSent).toBeLessThan(full.files.length / 4);
      expect(changed.changed.map((f) => f.path).join(' ')).toMatch(/indicatori/);
      expect(withoutManifest(readTree(path.join(root, 'current')))).toEqual(readTree(site));
      const log = await ok(core, 'publishing.listLog', { targetId: t.id }, member);
      expect(log[0]).toMatchObject({ status: 'published', filesSent: changed.changed.length });
      expect(log[0].bytesSent).toBeLessThan(log[1].bytesSent / 4);
    }, 240_000); // builds a whole site and publishes it twice over SSH: a minute or more on a busy 2-core machine

    it('a removed dataset leaves the live site, and the summary says so before anything is sent', async () => {
      const root = freshDir('removed');
      const site = writeSite(path.join(tempDir(), 'site'), BASE_SITE);
      let remote = await connect(root);
      await publishSite({ siteDir: site, remote, now: new Date('2026-03-01T10:00:00Z') });
      await remote.close();
      const next = { ...BASE_SITE };
      delete (next as Record<string, string>)['date/arbori/arbori.csv'];
      delete (next as Record<string, string>)['date/arbori/datapackage.json'];
      next['index.html'] = `${BASE_SITE['index.html']}<p>Un set de date retras</p>`;
      writeSite(site, next);
      remote = await connect(root);
      try {
        const dry = await publishSite({ siteDir: site, remote, dryRun: true });
        expect(dry.summary).toBe('1 pagină modificată, 1 set de date retras, 2 fișiere șterse');
        const r = await publishSite({ siteDir: site, remote, now: new Date('2026-03-02T10:00:00Z') });
        expect(r).toMatchObject({ status: 'published', filesSent: 1, filesLinked: 6 });
      } finally {
        await remote.close();
      }
      const liveTree = withoutManifest(readTree(path.join(root, 'current')));
      expect(liveTree).toEqual(next);
      expect(Object.keys(liveTree).some((k) => k.startsWith('date/arbori'))).toBe(false);
    });

    it('an upload cut after a few files leaves the live site whole; the next run resumes and finishes', async () => {
      const root = freshDir('interrupted');
      const site = writeSite(path.join(tempDir(), 'site'), BASE_SITE);
      let remote = await connect(root);
      const first = await publishSite({ siteDir: site, remote, now: new Date('2026-03-01T10:00:00Z') });
      await remote.close();
      const next = Object.fromEntries(Object.entries(BASE_SITE).map(([k, v]) => [k, `${v}\n<!-- v2 -->`]));
      writeSite(site, next);
      remote = await connect(root);
      await expect(publishSite({ siteDir: site, remote, abortAfterFiles: 3, concurrency: 1 })).rejects.toThrow(/interrupted after 3/);
      await remote.close(); // the connection dies with the "killed" process
      expect(fs.readlinkSync(path.join(root, 'current'))).toBe(`releases/${first.releaseId}`);
      expect(withoutManifest(readTree(path.join(root, 'current')))).toEqual(BASE_SITE);
      remote = await connect(root);
      try {
        const r = await publishSite({ siteDir: site, remote, now: new Date('2026-03-02T10:00:00Z') });
        expect(r).toMatchObject({ status: 'published', filesResumed: 3, filesSent: 6 });
      } finally {
        await remote.close();
      }
      expect(withoutManifest(readTree(path.join(root, 'current')))).toEqual(next);
      expect(fs.readdirSync(path.join(root, 'releases')).filter((n) => n.startsWith('.'))).toEqual([]);
    });

    it('an unreachable server queues the publication with its reason; a retry publishes it', async () => {
      const { core, dataDir } = await siteCore();
      const coord = await signIn(core, 'coordinator');
      const root = freshDir('offline');
      const closedPort = await new Promise<number>((resolve) => {
        const s = net.createServer().listen(0, '127.0.0.1', () => {
          const p = (s.address() as net.AddressInfo).port;
          s.close(() => resolve(p));
        });
      });
      const base = {
        name: 'Server',
        kind: 'sftp' as const,
        host: sshd.host,
        username: sshd.username,
        path: root,
        auth: 'key' as const,
        identityPath: sshd.identityPath,
      };
      const t = await ok(core, 'publishing.saveTarget', { ...base, port: closedPort }, coord);
      await build(core);
      const out = await publish(core, t.id, coord);
      expect(out).toMatchObject({ status: 'queued', reasonKind: 'unreachable' });
      expect(out.reason).toMatch(/is unreachable: .*ECONNREFUSED|is unreachable/);
      const [queued] = await ok(core, 'publishing.listQueue', {}, coord);
      expect(queued).toMatchObject({ targetId: t.id, reasonKind: 'unreachable', attempts: 1 });
      expect(fs.readdirSync(root)).toEqual([]);

      // The server is back (here: the target corrected to its port); one retry publishes what waited.
      await ok(
        core,
        'publishing.saveTarget',
        { ...base, id: t.id, expectedUpdatedAt: (await ok(core, 'publishing.listTargets', {}, coord))[0].updatedAt, port: sshd.port },
        coord,
      );
      const job = await core.waitForJob((await ok(core, 'publishing.retryQueued', { id: queued.id }, coord)).jobId);
      expect(job.result).toMatchObject({ status: 'published' });
      expect(await ok(core, 'publishing.listQueue', {}, coord)).toEqual([]);
      expect(withoutManifest(readTree(path.join(root, 'current')))).toEqual(readTree(path.join(dataDir, 'site')));
      expect(await peek(dataDir, `select status from publishing_queue`)).toEqual([{ status: 'done' }]);
    });

    it('a changed host key is refused and queued, naming both fingerprints', async () => {
      const { core, dataDir } = await siteCore();
      const coord = await signIn(core, 'coordinator');
      const root = freshDir('hostkey');
      const t = await ok(
        core,
        'publishing.saveTarget',
        { name: 'S', kind: 'sftp', host: sshd.host, port: sshd.port, username: sshd.username, path: root, auth: 'key', identityPath: sshd.identityPath },
        coord,
      );
      await build(core);
      expect((await publish(core, t.id, coord)).status).toBe('published');
      // Another machine answering at the same address: simulated by a different recorded key.
      await poke(dataDir, `update publishing_targets set host_key = 'SHA256:someoneelse' where id = ?`, t.id);
      const out = await publish(core, t.id, coord);
      expect(out).toMatchObject({ status: 'queued', reasonKind: 'host_key' });
      expect(out.reason).toMatch(/host key changed \(SHA256:.*expected SHA256:someoneelse\)/);
    });
  });
