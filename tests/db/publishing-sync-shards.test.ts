import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  encodeManifest,
  encodeSharded,
  MANIFEST_FILE,
  readReleaseManifestDir,
  SHARD_COUNT,
  SHARD_DIR,
  shardOf,
  shardPath,
} from '../../electron/core/publishing/sync/manifest';
import { publishSite } from '../../electron/core/publishing/sync/publish';
import { FolderRemote } from '../../electron/core/publishing/sync/remote';
import { tempDir } from './helpers';
import { readTree, withoutManifest, writeSite } from './publishing-sync-helpers';

/**
 * The manifest on a target is sharded by path hash: a re-publication after one change sends the small root and
 * the one shard holding that file; the other shards are hard-linked like unchanged files. Shards read back
 * from a target are checked against the root's hashes and their own shard number.
 */

const publish = (siteDir: string, target: string, day: number) =>
  publishSite({ siteDir, remote: new FolderRemote(target), now: new Date(`2026-03-${String(day).padStart(2, '0')}T10:00:00Z`) });

/** A site of 600 pages, enough to fill every shard. */
function bigSite(): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < 600; i++) out[`actiuni/a${i}.html`] = `<html lang="ro"><p>Acțiunea ${i}: ${'x'.repeat(200)}</p>`;
  return out;
}

describe('the sharded manifest on a target', () => {
  it('one changed page: only that page, its shard and the root are sent; the other shards are hard links', async () => {
    const pages = bigSite();
    const site = writeSite(path.join(tempDir(), 'site'), pages);
    const target = tempDir();
    const first = await publish(site, target, 1);
    const shardFiles = fs.readdirSync(path.join(target, 'current', SHARD_DIR));
    expect(shardFiles.length).toBe(SHARD_COUNT);
    const { manifest } = await readReleaseManifestDir(path.join(target, 'current'));
    expect(manifest.files.map((f) => f.path)).toEqual(Object.keys(pages).sort());

    writeSite(site, { ...pages, 'actiuni/a7.html': '<html lang="ro"><p>Acțiunea 7: realizată</p>' });
    const r = await publish(site, target, 2);
    expect(r.filesSent).toBe(1);
    const enc = encodeSharded(r.manifest);
    const own = enc.shards.find((s) => s.index === shardOf('actiuni/a7.html'))!;
    expect(r.bytesSent).toBe(Buffer.byteLength('<html lang="ro"><p>Acțiunea 7: realizată</p>') + own.data.length + enc.root.length);
    const live = path.join(target, 'releases', r.releaseId!);
    const old = path.join(target, 'releases', first.releaseId!);
    for (const s of enc.shards) {
      const same = fs.statSync(path.join(live, s.path)).ino === fs.statSync(path.join(old, s.path)).ino;
      expect(same, s.path).toBe(s.index !== own.index);
    }
    expect(withoutManifest(readTree(path.join(target, 'current')))['actiuni/a7.html']).toContain('realizată');
  });

  it('a shard that does not match its hash in the root is not trusted: everything is uploaded, nothing linked', async () => {
    const pages = bigSite();
    const site = writeSite(path.join(tempDir(), 'site'), pages);
    const target = tempDir();
    const first = await publish(site, target, 1);
    const rel = path.join(target, 'releases', first.releaseId!);
    // A shard rewritten on the target (naming another shard's file): its hash no longer matches the root.
    const idx = shardOf('actiuni/a1.html');
    const foreign = Object.keys(pages).find((p) => shardOf(p) !== idx)!;
    fs.writeFileSync(path.join(rel, shardPath(idx)), gzipSync(JSON.stringify({ version: 2, shard: idx, files: [[foreign, 'a'.repeat(64), 1]] })));
    await expect(readReleaseManifestDir(rel)).rejects.toThrow(/does not match its hash/);
    writeSite(site, { ...pages, 'actiuni/a1.html': 'v2' });
    const r = await publish(site, target, 2);
    expect(r.filesSent).toBe(600);
    expect(r.filesLinked).toBe(0);
  });

  it('a release published with the single-file manifest (before sharding) is still read, and the next publication is incremental', async () => {
    const pages = bigSite();
    const site = writeSite(path.join(tempDir(), 'site'), pages);
    const target = tempDir();
    const first = await publish(site, target, 1);
    const rel = path.join(target, 'releases', first.releaseId!);
    const { manifest } = await readReleaseManifestDir(rel);
    fs.rmSync(path.join(rel, SHARD_DIR), { recursive: true });
    fs.writeFileSync(path.join(rel, MANIFEST_FILE), encodeManifest(manifest));
    writeSite(site, { ...pages, 'actiuni/a1.html': 'v2' });
    const r = await publish(site, target, 2);
    expect(r.filesSent).toBe(1);
    expect(r.filesLinked).toBe(599);
    expect(fs.readdirSync(path.join(target, 'current', SHARD_DIR)).length).toBe(SHARD_COUNT);
  });
});
