import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTarget } from '../../electron/cli/publishing-sync';
import { buildManifest, decodeManifest, encodeManifest, MANIFEST_FILE, readReleaseManifestDir } from '../../electron/core/publishing/sync/manifest';
import { safeRelPath, safeRemoteRoot } from '../../electron/core/publishing/sync/paths';
import { publishSite } from '../../electron/core/publishing/sync/publish';
import { FolderRemote } from '../../electron/core/publishing/sync/remote';
import { describeChanges, roCount } from '../../electron/core/publishing/sync/summary';
import { call, count, freshCore, ok, peek, signIn, snapshot, tempDir } from './helpers';
import { BASE_SITE, readTree, withoutManifest, writeSite } from './publishing-sync-helpers';

const publish = (siteDir: string, target: string, extra: Partial<Parameters<typeof publishSite>[0]> = {}) =>
  publishSite({ siteDir, remote: new FolderRemote(target), now: new Date('2026-03-01T10:00:00Z'), ...extra });

describe('publishing to a folder target', () => {
  it('a first publication puts the whole site live under current → releases/<id>, with its manifest', async () => {
    const site = writeSite(path.join(tempDir(), 'site'), BASE_SITE);
    const target = tempDir();
    const r = await publish(site, target);
    expect(r.status).toBe('published');
    expect(r.filesSent).toBe(9);
    expect(r.summary).toBe('4 pagini noi, 2 seturi de date noi, 1 fișier nou');
    expect(fs.readlinkSync(path.join(target, 'current'))).toBe(`releases/${r.releaseId}`);
    expect(withoutManifest(readTree(path.join(target, 'current')))).toEqual(BASE_SITE);
    const { manifest: m } = await readReleaseManifestDir(path.join(target, 'current'));
    expect(m.files.map((f) => f.path)).toEqual(Object.keys(BASE_SITE).sort());
    expect(m.files.find((f) => f.path === 'style.css')).toEqual({
      path: 'style.css',
      sha256: createHash('sha256').update(BASE_SITE['style.css']).digest('hex'),
      size: BASE_SITE['style.css'].length,
    });
  });

  it('an incremental publication sends only the changed files; unchanged ones are hard links; removed ones leave the live site', async () => {
    const site = writeSite(path.join(tempDir(), 'site'), BASE_SITE);
    const target = tempDir();
    const first = await publish(site, target);
    const next = {
      ...BASE_SITE,
      'angajamente/a1.html': '<html lang="ro"><p>A1 — indicator I1.1: 4 din 10</p>',
      'indicatori/index.html': '<html lang="ro"><p>I1.1: 4 din 10</p>',
    };
    delete (next as Record<string, string>)['date/arbori/arbori.csv'];
    delete (next as Record<string, string>)['date/arbori/datapackage.json'];
    writeSite(site, next);

    const dry = await publish(site, target, { dryRun: true });
    expect(dry.status).toBe('dry_run');
    expect(dry.summary).toBe('2 pagini modificate, 1 set de date retras, 2 fișiere șterse');
    expect(fs.readlinkSync(path.join(target, 'current'))).toBe(`releases/${first.releaseId}`); // dry run sent nothing

    const r = await publish(site, target, { now: new Date('2026-03-02T10:00:00Z') });
    expect(r.filesSent).toBe(2);
    expect(r.filesLinked).toBe(5);
    const liveDir = path.join(target, 'current');
    expect(withoutManifest(readTree(liveDir))).toEqual(next);
    expect(fs.statSync(path.join(liveDir, 'style.css')).ino).toBe(fs.statSync(path.join(target, 'releases', first.releaseId!, 'style.css')).ino);
    // The previous release stays for a rollback; the one before it is removed at the next publication.
    writeSite(site, { ...next, 'style.css': 'body{}' });
    const third = await publish(site, target, { now: new Date('2026-03-03T10:00:00Z') });
    expect(fs.readdirSync(path.join(target, 'releases')).sort()).toEqual([r.releaseId, third.releaseId].sort());
    expect(third.removedFolders).toEqual([first.releaseId]);
    expect(fs.existsSync(path.join(target, 'releases', r.releaseId!, 'date', 'arbori'))).toBe(false);
  });

  it('publishing the same site again changes nothing', async () => {
    const site = writeSite(path.join(tempDir(), 'site'), BASE_SITE);
    const target = tempDir();
    const first = await publish(site, target);
    const again = await publish(site, target);
    expect(again).toMatchObject({ status: 'unchanged', releaseId: first.releaseId, filesSent: 0, summary: 'nicio modificare' });
  });

  it('an interrupted publication leaves the live site whole, and the next run resumes it without re-sending', async () => {
    const site = writeSite(path.join(tempDir(), 'site'), BASE_SITE);
    const target = tempDir();
    const first = await publish(site, target);
    const next = Object.fromEntries(Object.entries(BASE_SITE).map(([k, v]) => [k, `${v}<!-- v2 -->`]));
    writeSite(site, next);
    await expect(publish(site, target, { abortAfterFiles: 4, concurrency: 1 })).rejects.toThrow(/interrupted after 4 file/);
    // Visitors still get the whole first release.
    expect(fs.readlinkSync(path.join(target, 'current'))).toBe(`releases/${first.releaseId}`);
    expect(withoutManifest(readTree(path.join(target, 'current')))).toEqual(BASE_SITE);
    const staging = fs.readdirSync(path.join(target, 'releases')).filter((n) => n.startsWith('.staging-'));
    expect(staging).toHaveLength(1);
    const r = await publish(site, target, { now: new Date('2026-03-02T10:00:00Z') });
    expect(r.filesResumed).toBe(4);
    expect(r.filesSent).toBe(5);
    expect(withoutManifest(readTree(path.join(target, 'current')))).toEqual(next);
    expect(fs.readdirSync(path.join(target, 'releases')).filter((n) => n.startsWith('.staging-'))).toEqual([]);
  });

  it('an interrupted run of an older site is rolled back (its staging folder removed) when a different site is published', async () => {
    const site = writeSite(path.join(tempDir(), 'site'), BASE_SITE);
    const target = tempDir();
    await publish(site, target);
    writeSite(site, { ...BASE_SITE, 'index.html': 'v2' });
    await expect(publish(site, target, { abortAfterFiles: 0 })).rejects.toThrow(/interrupted/);
    writeSite(site, { ...BASE_SITE, 'index.html': 'v3' });
    const r = await publish(site, target, { now: new Date('2026-03-02T10:00:00Z') });
    expect(r.removedFolders.some((n) => n.startsWith('.staging-'))).toBe(true);
    expect(fs.readdirSync(path.join(target, 'releases')).filter((n) => n.startsWith('.staging-'))).toEqual([]);
    expect(fs.readFileSync(path.join(target, 'current', 'index.html'), 'utf8')).toBe('v3');
  });
});

describe('remote names are checked: nothing is written outside the target', () => {
  it('refuses "..", absolute paths, drive letters, backslashes, NUL and empty segments', () => {
    for (const bad of ['../x', 'a/../../x', '/etc/passwd', 'C:/x', 'a\\..\\x', 'a\0b', 'a//b', './a', 'a/.', ''])
      expect(() => safeRelPath(bad), bad).toThrow(/unsafe remote name/);
    expect(safeRelPath('date/buget/buget.csv')).toBe('date/buget/buget.csv');
    expect(() => safeRemoteRoot('/srv/www/../../etc')).toThrow(/\.\./);
    expect(() => safeRemoteRoot('relative/path')).toThrow(/absolute/);
    expect(() => safeRemoteRoot('/')).toThrow(/server root/);
  });

  it('a folder target refuses a path that climbs out of it', async () => {
    const target = tempDir();
    const remote = new FolderRemote(target);
    await expect(remote.writeFileExclusive('../escape.txt', Buffer.from('x'))).rejects.toThrow(/unsafe remote name/);
    expect(fs.existsSync(path.join(path.dirname(target), 'escape.txt'))).toBe(false);
  });

  it('a site containing a symbolic link (to a file outside it) is refused before anything is sent', async () => {
    const site = writeSite(path.join(tempDir(), 'site'), BASE_SITE);
    const secret = path.join(tempDir(), 'secret.txt');
    fs.writeFileSync(secret, 'parola');
    fs.symlinkSync(secret, path.join(site, 'leak.txt'));
    const target = tempDir();
    await expect(publish(site, target)).rejects.toThrow(/symbolic link/);
    expect(fs.readdirSync(target)).toEqual([]);
  });

  it('a planted manifest naming ../ paths is not trusted: nothing outside is read, linked or deleted', async () => {
    const site = writeSite(path.join(tempDir(), 'site'), BASE_SITE);
    const outer = tempDir();
    const target = path.join(outer, 'www');
    fs.mkdirSync(target);
    const first = await publish(site, target);
    fs.writeFileSync(path.join(outer, 'victim.txt'), 'keep me');
    const planted = encodeManifest({ version: 1, files: [{ path: '../../victim.txt', sha256: 'a'.repeat(64), size: 7 }] });
    fs.writeFileSync(path.join(target, 'releases', first.releaseId!, MANIFEST_FILE), planted);
    expect(() => decodeManifest(planted)).toThrow(/unsafe remote name/);
    writeSite(site, { ...BASE_SITE, 'index.html': 'v2' });
    const r = await publish(site, target, { now: new Date('2026-03-02T10:00:00Z') });
    expect(r.filesSent).toBe(9); // the tampered manifest counts as empty: everything is uploaded, nothing linked
    expect(fs.readFileSync(path.join(outer, 'victim.txt'), 'utf8')).toBe('keep me');
  });

  it('refuses a target whose releases folder is a symbolic link (it would lead the upload outside)', async () => {
    const site = writeSite(path.join(tempDir(), 'site'), BASE_SITE);
    const target = tempDir();
    const elsewhere = tempDir();
    fs.symlinkSync(elsewhere, path.join(target, 'releases'));
    await expect(publish(site, target)).rejects.toThrow(/releases.*is not a folder/);
    expect(fs.readdirSync(elsewhere)).toEqual([]);
  });

  it('refuses a current link that points outside the releases', async () => {
    const site = writeSite(path.join(tempDir(), 'site'), BASE_SITE);
    const target = tempDir();
    fs.symlinkSync('/etc', path.join(target, 'current'));
    await expect(publish(site, target)).rejects.toThrow(/not to a release of this publisher/);
    expect(fs.readlinkSync(path.join(target, 'current'))).toBe('/etc');
  });
});

describe('what a publication will change, in Romanian', () => {
  it('agrees numbers and genders', () => {
    expect(roCount(1, 'pagină modificată', 'pagini modificate')).toBe('1 pagină modificată');
    expect(roCount(12, 'pagină modificată', 'pagini modificate')).toBe('12 pagini modificate');
    expect(roCount(20, 'pagină modificată', 'pagini modificate')).toBe('20 de pagini modificate');
    expect(roCount(101, 'pagină', 'pagini')).toBe('101 pagini');
    expect(roCount(1200, 'pagină', 'pagini')).toBe('1200 de pagini');
    const zero = { page: 0, dataset: 0, file: 0 };
    expect(
      describeChanges({
        changed: { ...zero, page: 12 },
        added: { ...zero, dataset: 1 },
        removedFiles: 2,
        removedDatasets: 0,
        unchanged: 0,
        bytesToSend: 0,
        filesToSend: 0,
      }),
    ).toBe('12 pagini modificate, 1 set de date nou, 2 fișiere șterse');
  });

  it('hashes every file with SHA-256', () => {
    const site = writeSite(path.join(tempDir(), 'site'), { 'a.txt': 'abc' });
    expect(buildManifest(site).files).toEqual([{ path: 'a.txt', sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad', size: 3 }]);
  });
});

describe('targets, queue and log in the app', () => {
  const siteOf = (dataDir: string, files = BASE_SITE) => writeSite(path.join(dataDir, 'site'), files);

  it('a password target keeps its password out of every output, the audit log and error messages', async () => {
    const { core, dataDir } = await freshCore();
    const coord = await signIn(core, 'coordinator');
    const password = 'Parola-Foarte-Secreta-42';
    const t = await ok(
      core,
      'publishing.saveTarget',
      { name: 'Server primărie', kind: 'sftp', path: '/var/www/pla', host: '127.0.0.1', port: 1, username: 'pla', auth: 'password', password },
      coord,
    );
    expect(t.hasPassword).toBe(true);
    expect(JSON.stringify(t)).not.toContain(password);
    expect(JSON.stringify(await ok(core, 'publishing.listTargets', {}, coord))).not.toContain(password);
    // Renaming keeps the stored password without sending it again.
    const renamed = await ok(
      core,
      'publishing.saveTarget',
      {
        id: t.id,
        expectedUpdatedAt: t.updatedAt,
        name: 'Server PMT',
        kind: 'sftp',
        path: '/var/www/pla',
        host: '127.0.0.1',
        port: 1,
        username: 'pla',
        auth: 'password',
      },
      coord,
    );
    expect(renamed.hasPassword).toBe(true);
    siteOf(dataDir);
    const { jobId } = await ok(core, 'publishing.publish', { targetId: t.id }, coord);
    const job = await core.waitForJob(jobId);
    expect(job.status).toBe('done');
    const outcome = job.result as { status: string; reason: string };
    expect(outcome.status).toBe('queued');
    expect(outcome.reason).not.toContain(password);
    const everything = JSON.stringify([
      await peek(dataDir, 'select * from audit_log'),
      await peek(dataDir, 'select * from publishing_log'),
      await peek(dataDir, 'select * from publishing_queue'),
      await peek(dataDir, 'select * from publishing_targets'),
      await ok(core, 'publishing.listLog', {}, coord),
      await ok(core, 'publishing.listQueue', {}, coord),
    ]);
    expect(everything).not.toContain(password);
    expect((await peek(dataDir, `select changes from audit_log where entity = 'publishing_target' and action = 'create'`))[0]).toMatchObject({
      changes: expect.stringContaining('"has_password"'),
    });
    expect(await count(dataDir, 'publishing_secrets')).toBe(1);
  });

  it('refuses incomplete or unsafe targets, naming the field and writing nothing', async () => {
    const { core, dataDir } = await freshCore();
    const coord = await signIn(core, 'coordinator');
    const before = await snapshot(dataDir);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ name: 'x', kind: 'folder', path: 'relative/dir' }, 'path'],
      [{ name: 'x', kind: 'sftp', path: '/srv/../etc', host: 'h', username: 'u', auth: 'key', identityPath: '/k' }, 'path'],
      [{ name: 'x', kind: 'sftp', path: '/srv/www', username: 'u', auth: 'key', identityPath: '/k' }, 'host'],
      [{ name: 'x', kind: 'sftp', path: '/srv/www', host: 'h', username: 'u', auth: 'key' }, 'identityPath'],
      [{ name: 'x', kind: 'sftp', path: '/srv/www', host: 'h', username: 'u', auth: 'password' }, 'password'],
      [{ name: 'x', kind: 'sftp', path: '/srv/www', host: 'h; rm -rf', username: 'u', auth: 'password', password: 'p' }, 'host'],
    ];
    for (const [input, field] of cases) {
      const r = await call(core, 'publishing.saveTarget', input, coord);
      expect(r.ok, field).toBe(false);
      if (!r.ok)
        expect(
          r.error.details?.issues?.map((i) => i.field),
          JSON.stringify(input),
        ).toContain(field);
    }
    expect(await snapshot(dataDir)).toEqual(before);
    const member = await signIn(core, 'member');
    const r = await call(core, 'publishing.saveTarget', { name: 'x', kind: 'folder', path: '/tmp' }, member);
    expect(r.ok || r.error.code).toBe('FORBIDDEN');
    expect(await count(dataDir, 'publishing_targets')).toBe(0);
  });

  it('an unreachable target queues the publication with its reason; retry publishes it once reachable', async () => {
    let clock = new Date('2026-03-01T09:00:00Z').getTime();
    const { core, dataDir } = await freshCore({ now: () => new Date((clock += 1000)) });
    const member = await signIn(core, 'member');
    const coord = await signIn(core, 'coordinator');
    const share = path.join(tempDir(), 'share-not-mounted');
    const t = await ok(core, 'publishing.saveTarget', { name: 'Share', kind: 'folder', path: share }, coord);
    const before = await snapshot(dataDir);
    expect((await call(core, 'publishing.publish', { targetId: t.id }, member)).ok).toBe(false); // nothing built yet
    expect(await snapshot(dataDir)).toEqual(before);
    siteOf(dataDir);

    const preview = await ok(core, 'publishing.previewPublication', { targetId: t.id }, member);
    expect(preview).toMatchObject({ basis: 'first_publication', summary: '4 pagini noi, 2 seturi de date noi, 1 fișier nou' });
    expect(preview.unreachableReason).toMatch(/not reachable/);

    const job = await core.waitForJob((await ok(core, 'publishing.publish', { targetId: t.id }, member)).jobId);
    expect(job.result).toMatchObject({ status: 'queued', reasonKind: 'unreachable' });
    const [queued] = await ok(core, 'publishing.listQueue', {}, member);
    expect(queued).toMatchObject({ targetName: 'Share', reasonKind: 'unreachable', attempts: 1, summary: '4 pagini noi, 2 seturi de date noi, 1 fișier nou' });
    expect(queued.reason).toMatch(/share-not-mounted is not reachable/);
    expect(queued.since).toMatch(/^2026-03-01T09:00/);
    // The site waits in the outbox: a rebuild of dataDir/site does not change what is queued.
    expect(fs.existsSync(path.join(dataDir, 'publishing', 'outbox', queued.id, 'index.html'))).toBe(true);

    const again = await core.waitForJob((await ok(core, 'publishing.retryQueued', { id: queued.id }, member)).jobId);
    expect(again.result).toMatchObject({ status: 'queued' });
    expect((await ok(core, 'publishing.listQueue', {}, member))[0]).toMatchObject({ id: queued.id, attempts: 2, since: queued.since });

    fs.mkdirSync(share); // the share is mounted again
    const done = await core.waitForJob((await ok(core, 'publishing.retryQueued', { id: queued.id }, member)).jobId);
    expect(done.result).toMatchObject({ status: 'published', filesSent: 9 });
    expect(await ok(core, 'publishing.listQueue', {}, member)).toEqual([]);
    expect(fs.existsSync(path.join(dataDir, 'publishing', 'outbox', queued.id))).toBe(false);
    expect(withoutManifest(readTree(path.join(share, 'current')))).toEqual(BASE_SITE);
    const log = await ok(core, 'publishing.listLog', { targetId: t.id }, member);
    expect(log.map((l) => l.status)).toEqual(['published', 'failed', 'failed']);
    const [target] = await ok(core, 'publishing.listTargets', {}, member);
    expect(target.liveRelease).toBe(log[0].releaseId);

    // With the share gone again, the preview compares with the manifest copy kept here.
    siteOf(dataDir, { ...BASE_SITE, 'index.html': 'v2' });
    fs.renameSync(share, `${share}-away`);
    expect(await ok(core, 'publishing.previewPublication', { targetId: t.id }, member)).toMatchObject({ basis: 'local_copy', summary: '1 pagină modificată' });
  });

  it('a queued publication can be cancelled; a viewer neither sees the queue (it is for editors) nor publishes', async () => {
    const { core, dataDir } = await freshCore();
    const coord = await signIn(core, 'coordinator');
    const viewer = await signIn(core, 'viewer');
    const t = await ok(core, 'publishing.saveTarget', { name: 'Share', kind: 'folder', path: path.join(tempDir(), 'missing') }, coord);
    siteOf(dataDir);
    await core.waitForJob((await ok(core, 'publishing.publish', { targetId: t.id }, coord)).jobId);
    expect(await call(core, 'publishing.listQueue', {}, viewer)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const [queued] = await ok(core, 'publishing.listQueue', {}, coord);
    const denied = await call(core, 'publishing.retryQueued', { id: queued.id }, viewer);
    expect(denied.ok || denied.error.code).toBe('FORBIDDEN');
    await ok(core, 'publishing.cancelQueued', { id: queued.id }, coord);
    expect(await ok(core, 'publishing.listQueue', {}, coord)).toEqual([]);
    expect(fs.existsSync(path.join(dataDir, 'publishing', 'outbox', queued.id))).toBe(false);
  });
});

describe('pla-desk site publish', () => {
  const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/pla-desk.js', ...args], { encoding: 'utf8', cwd: path.resolve(__dirname, '../..') });

  it('reads folder and sftp:// targets, refusing a password in the address and a climbing path', () => {
    expect(parseTarget('sftp://pla@www.primariatm.ro:2222/var/www/pla')).toEqual({
      kind: 'sftp',
      host: 'www.primariatm.ro',
      port: 2222,
      username: 'pla',
      path: '/var/www/pla',
    });
    expect(parseTarget('sftp://pla@10.0.0.5/srv/site/')).toMatchObject({ port: 22, path: '/srv/site' });
    expect(parseTarget('share/site')).toMatchObject({ kind: 'folder', path: path.resolve('share/site') });
    expect(() => parseTarget('sftp://pla:secret@h/x')).toThrow(/never put a password/);
    expect(() => parseTarget('sftp://h/x')).toThrow(/needs a user/);
    expect(() => parseTarget('sftp://u@h/')).toThrow(/folder on the server/);
    expect(() => parseTarget('ftp://u@h/x')).toThrow(/not ftp/);
  });

  it('dry run in Romanian, then publish, then nothing to do; an unreachable folder exits 1 with the queue named', async () => {
    const root = tempDir();
    const data = path.join(root, 'data');
    const site = writeSite(path.join(root, 'site'), BASE_SITE);
    const share = path.join(root, 'share');
    fs.mkdirSync(share);
    expect(cli('init', '--data-dir', data).status).toBe(0);
    const dry = cli('site', 'publish', '--target', share, '--site', site, '--dry-run', '--data-dir', data);
    expect(dry.stdout).toContain('Simulare (nu se trimite nimic)');
    expect(dry.stdout).toContain('4 pagini noi, 2 seturi de date noi, 1 fișier nou');
    expect(fs.readdirSync(share)).toEqual([]);
    const pub = cli('site', 'publish', '--target', share, '--site', site, '--data-dir', data);
    expect(pub.status).toBe(0);
    expect(pub.stdout).toMatch(/Publicat pe .*: 4 pagini noi, 2 seturi de date noi, 1 fișier nou\. Trimise 9 fișiere/);
    expect(withoutManifest(readTree(path.join(share, 'current')))).toEqual(BASE_SITE);
    expect(cli('site', 'publish', '--target', share, '--site', site, '--data-dir', data).stdout).toContain('Nicio modificare');
    const off = cli('site', 'publish', '--target', path.join(root, 'unmounted'), '--site', site, '--data-dir', data);
    expect(off.status).toBe(1);
    expect(off.stderr).toContain('is not reachable');
    expect(off.stderr).toContain('așteaptă în coadă');
    expect(await peek(data, `select status, reason_kind from publishing_queue`)).toEqual([{ status: 'pending', reason_kind: 'unreachable' }]);
    const bad = cli('site', 'publish', '--target', 'sftp://u:p@h/x', '--site', site, '--data-dir', data);
    expect(bad.status).toBe(2);
  }, 120_000);
});
