import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { call, freshCore, ok, signIn, snapshot, tempDir, SYSTEM } from './helpers';
import { BASE_SITE, readTree, withoutManifest, writeSite } from './publishing-sync-helpers';
import { fillIssueText, ISSUE_TEXT } from '../../electron/contract';

const BIN = path.resolve('bin/pla-desk.js');
const cli = (args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, PLA_DESK_LANG: 'ro' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('rolling the public site back to an earlier release', () => {
  it('a coordinator puts the previous release back live, the log says so, the next publication compares with it, and the rollback can be undone', async () => {
    let clock = new Date('2026-03-01T09:00:00Z').getTime();
    const { core, dataDir } = await freshCore({ now: () => new Date((clock += 60_000)) });
    const coord = await signIn(core, 'coordinator');
    const member = await signIn(core, 'member');
    const share = tempDir();
    const t = await ok(core, 'publishing.saveTarget', { name: 'Share', kind: 'folder', path: share }, coord);
    const site = writeSite(path.join(tempDir(), 'site'), BASE_SITE);
    const first = (await core.waitForJob((await ok(core, 'publishing.publish', { targetId: t.id, siteDir: site }, SYSTEM)).jobId)).result as {
      releaseId: string;
    };
    const changed = { ...BASE_SITE, 'index.html': '<html lang="ro"><p>O greșeală publicată</p>' };
    writeSite(site, changed);
    const second = (await core.waitForJob((await ok(core, 'publishing.publish', { targetId: t.id, siteDir: site }, SYSTEM)).jobId)).result as {
      releaseId: string;
    };
    expect(withoutManifest(readTree(path.join(share, 'current')))).toEqual(changed);

    const releases = await ok(core, 'publishing.listReleases', { targetId: t.id }, member);
    expect(releases.map((r) => [r.id, r.live])).toEqual([
      [second.releaseId, true],
      [first.releaseId, false],
    ]);
    expect(releases[1]).toMatchObject({ files: Object.keys(BASE_SITE).length });

    // Members publish but do not roll back; a bad id is refused in words and changes nothing.
    expect((await call(core, 'publishing.rollback', { targetId: t.id, releaseId: first.releaseId }, member)).ok).toBe(false);
    const before = await snapshot(dataDir);
    const liveBefore = readTree(path.join(share, 'current'));
    // Each refusal names the release and says, in Romanian, that nothing changed — and nothing did.
    const refusals: Array<[string, string, string]> = [
      [
        'nu-e-o-versiune',
        'release_format',
        '„nu-e-o-versiune” nu este identificatorul unei versiuni (arată ca 20261206T101500Z-0123456789abcdef); nu s-a schimbat nimic.',
      ],
      ['20990101T000000Z-0000000000000000', 'release_missing', 'Versiunea 20990101T000000Z-0000000000000000 nu se află pe țintă'],
      [second.releaseId, 'release_live', `Versiunea ${second.releaseId} este deja cea publicată; nu s-a schimbat nimic.`],
    ];
    for (const [releaseId, reason, words] of refusals) {
      const bad = await call(core, 'publishing.rollback', { targetId: t.id, releaseId }, coord);
      expect(bad.ok).toBe(false);
      if (bad.ok) continue;
      const issue = bad.error.details?.issues?.[0];
      expect(issue).toMatchObject({ field: 'releaseId', reason, params: { release: releaseId } });
      expect(fillIssueText(ISSUE_TEXT.ro[reason as keyof typeof ISSUE_TEXT.ro], issue!.params, 'ro')).toContain(words);
    }
    expect(await snapshot(dataDir)).toEqual(before);
    expect(fs.readlinkSync(path.join(share, 'current'))).toBe(`releases/${second.releaseId}`);
    expect(readTree(path.join(share, 'current'))).toEqual(liveBefore);

    const r = await ok(core, 'publishing.rollback', { targetId: t.id, releaseId: first.releaseId }, coord);
    expect(r).toMatchObject({ from: second.releaseId, to: first.releaseId });
    expect(fs.readlinkSync(path.join(share, 'current'))).toBe(`releases/${first.releaseId}`);
    expect(withoutManifest(readTree(path.join(share, 'current')))).toEqual(BASE_SITE);
    // byte for byte the release that was published first, its manifest included
    expect(readTree(path.join(share, 'current'))).toEqual(readTree(path.join(share, 'releases', first.releaseId)));
    expect((await ok(core, 'publishing.listTargets', {}, coord))[0].liveRelease).toBe(first.releaseId);
    // audited: who rolled back, to which release, in words
    const audit = await ok(core, 'admin.listAudit', { entity: 'publication' }, coord);
    const entry = audit.find((a) => a.action === 'create' && String(a.changes?.summary?.after ?? '').startsWith('Revenire la versiunea'));
    expect(entry?.actorId).toBe(coord.userId);
    expect(entry!.changes?.release_id?.after).toBe(first.releaseId);
    expect((await ok(core, 'publishing.listLog', {}, coord))[0].summary).toBe(
      `Revenire la versiunea ${first.releaseId} (în locul versiunii ${second.releaseId})`,
    );
    // Publishing the corrected site again compares with what is live now (the earlier release).
    writeSite(site, BASE_SITE);
    const preview = await ok(core, 'publishing.previewPublication', { targetId: t.id, siteDir: site }, SYSTEM);
    expect(preview.counts.filesToSend).toBe(0);
    // The rollback is undone the same way.
    await ok(core, 'publishing.rollback', { targetId: t.id, releaseId: second.releaseId }, coord);
    expect(fs.readlinkSync(path.join(share, 'current'))).toBe(`releases/${second.releaseId}`);
  });

  it('from the command line: --list shows the releases, rollback without --release goes to the one before the live release', async () => {
    const { core, dataDir } = await freshCore();
    const share = tempDir();
    const t = await ok(core, 'publishing.saveTarget', { name: 'Share', kind: 'folder', path: share }, SYSTEM);
    const site = writeSite(path.join(tempDir(), 'site'), BASE_SITE);
    const first = (await core.waitForJob((await ok(core, 'publishing.publish', { targetId: t.id, siteDir: site }, SYSTEM)).jobId)).result as {
      releaseId: string;
    };
    await new Promise((r) => setTimeout(r, 1100)); // release ids are stamped to the second
    writeSite(site, { ...BASE_SITE, 'index.html': '<p>nou</p>' });
    const second = (await core.waitForJob((await ok(core, 'publishing.publish', { targetId: t.id, siteDir: site }, SYSTEM)).jobId)).result as {
      releaseId: string;
    };
    await core.close();

    const list = cli(['site', 'rollback', '--data-dir', dataDir, '--target', share, '--list']);
    expect(list.code, list.err).toBe(0);
    expect(list.out).toContain(`* ${second.releaseId}`);
    expect(list.out).toContain(`  ${first.releaseId}`);
    const back = cli(['site', 'rollback', '--data-dir', dataDir, '--target', share]);
    expect(back.code, back.err).toBe(0);
    expect(back.out).toContain(`versiunea ${first.releaseId} este acum live`);
    expect(back.out).toContain(`--release ${second.releaseId}`);
    expect(fs.readlinkSync(path.join(share, 'current'))).toBe(`releases/${first.releaseId}`);
    const unknown = cli(['site', 'rollback', '--data-dir', dataDir, '--target', path.join(share, 'other')]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/din acest dosar de date nu s-a publicat niciodată pe/);
    // A bad release id: said in Romanian with the id named; the live site and the data folder are untouched.
    const before = await snapshot(dataDir);
    const wrong = cli(['site', 'rollback', '--data-dir', dataDir, '--target', share, '--release', '20990101T000000Z-0000000000000000']);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('Versiunea 20990101T000000Z-0000000000000000 nu se află pe țintă');
    expect(wrong.err).toContain('nu s-a schimbat nimic');
    expect(fs.readlinkSync(path.join(share, 'current'))).toBe(`releases/${first.releaseId}`);
    expect(await snapshot(dataDir)).toEqual(before);
    const english = cli(['site', 'rollback', '--lang', 'en', '--data-dir', dataDir, '--target', share, '--release', 'x']);
    expect(english.err).toContain('“x” is not a release id');
    // the help says what rollback does
    const help = cli(['site', 'rollback', '--help']);
    expect(help.out).toContain('--release ID');
    expect(help.out).toContain('undoes the rollback');
  });
});
