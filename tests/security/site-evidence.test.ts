import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SiteBuildResult } from '../../electron/contract';
import { freshCore, ok } from '../db/helpers';

/**
 * Evidence files on the public site (finding 2): an `x.html` with <script> or a `z.svg` with onload was
 * published verbatim and linked, and Chromium ran it on the city's own domain. Now only allow-listed types whose
 * content matches their name are published; the rest are neither copied nor linked, and the build says which and why.
 */

const settings = {
  siteUrl: '',
  contactEmail: 'transparenta@primariatm.example',
  publisher: 'Primăria Municipiului Timișoara',
  riskSummary: false,
  evidenceFiles: true,
  expectedUpdatedAt: null,
};

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32, 7)]);
const ATTACKS: Array<[string, Buffer, RegExp]> = [
  ['x.html', Buffer.from('<!doctype html><script>alert(document.domain)</script>'), /paginile HTML nu se publică/],
  ['z.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), /imaginile SVG nu se publică/],
  ['raport.pdf', Buffer.from('<html><body><script>alert(1)</script></body></html>'), /conținutul nu este PDF/],
  ['poza.png', Buffer.from('<svg onload=alert(1)>'), /conținutul nu este PNG/],
  ['note.txt', Buffer.from('salut <script>alert(1)</script>'), /conținutul nu este text/],
  ['date.csv', Buffer.from('a,b\n<iframe src=javascript:alert(1)>,2\n'), /conținutul nu este CSV/],
  ['pagina.xhtml', Buffer.from('<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>'), /paginile HTML nu se publică/],
  ['script.js', Buffer.from('alert(1)'), /tipul fișierului \(\.js\) nu se publică/],
  ['fara-extensie', Buffer.from('%PDF-1.4'), /tipul fișierului \(fără extensie\) nu se publică/],
];
const FINE: Array<[string, Buffer]> = [
  ['Raport activitate.pdf', Buffer.from('%PDF-1.4 raport de activitate')],
  ['fotografie.png', PNG],
  ['lista.csv', Buffer.from('nume,participanți\nAtelier,12\n')],
  ['nota.txt', Buffer.from('Întâlnire cu societatea civilă, 12 participanți.')],
];

function siteFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)).split(path.sep).join('/'));
}

describe('evidence files on the public site', () => {
  it('publishes only allow-listed types whose content matches the name, and says what was left out and why', async () => {
    const { core, dataDir } = await freshCore();
    await ok(core, 'publishing.saveSiteSettings', settings);
    const [a] = await ok(core, 'plan.listActions', {});
    const upload = (name: string, bytes: Buffer, date: string) =>
      ok(core, 'plan.addProgressUpdate', {
        actionId: a.id,
        date,
        progress: 40,
        note: name,
        evidence: [{ fileName: name, contentBase64: bytes.toString('base64') }],
      });
    for (const [i, [name, bytes]] of [...ATTACKS, ...FINE].entries()) await upload(name, bytes, `2026-03-${String(i + 1).padStart(2, '0')}`);

    const { jobId } = await ok(core, 'publishing.buildSite', { publicationDate: '2026-11-27' });
    const job = await core.waitForJob(jobId);
    expect(job.status).toBe('done');
    const result = job.result as SiteBuildResult;
    const site = path.join(dataDir, 'site');
    const published = siteFiles(site).filter((f) => f.startsWith('dovezi/'));

    // The good files are there; nothing a browser would run is, under any name.
    expect(published.map((f) => f.split('/').pop()).sort()).toEqual(['fotografie.png', 'lista.csv', 'nota.txt', 'raport-activitate.pdf']);
    for (const f of siteFiles(site)) {
      const text = fs.readFileSync(path.join(site, f), 'utf8');
      expect(text, f).not.toContain('alert(');
      expect(text, f).not.toMatch(/onload=/);
    }
    // No page links a refused file.
    const pages = siteFiles(site)
      .filter((f) => f.endsWith('.html'))
      .map((f) => fs.readFileSync(path.join(site, f), 'utf8'))
      .join('\n');
    for (const [name] of ATTACKS) expect(pages).not.toContain(`/${name}"`);

    // The build's summary names each refused file with its reason, in Romanian; the publish screen reads it from the status.
    const reasons = new Map((result.excluded ?? []).map((e) => [e.fileName, e.reason]));
    expect([...reasons.keys()].sort()).toEqual(ATTACKS.map(([n]) => n).sort());
    for (const [name, , reason] of ATTACKS) expect(reasons.get(name), name).toMatch(reason);
    const status = await ok(core, 'publishing.getSiteStatus', {});
    expect(status.lastBuild?.excluded).toEqual(result.excluded);
  });

  it('pla-desk site build prints what it left out', async () => {
    const { core, dataDir } = await freshCore();
    await ok(core, 'publishing.saveSiteSettings', settings);
    const [a] = await ok(core, 'plan.listActions', {});
    await ok(core, 'plan.addProgressUpdate', {
      actionId: a.id,
      date: '2026-03-01',
      progress: 10,
      evidence: [{ fileName: 'x.html', contentBase64: Buffer.from('<script>alert(1)</script>').toString('base64') }],
    });
    await core.close();
    const out = path.join(dataDir, 'public');
    const r = spawnSync(process.execPath, [path.resolve('bin/pla-desk.js'), 'site', 'build', '--data-dir', dataDir, '--out', out], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Lăsat în afara site-ului: x.html — paginile HTML nu se publică');
    expect(siteFiles(out).some((f) => f.endsWith('.html') && f.startsWith('dovezi/'))).toBe(false);
  }, 180_000);
});
