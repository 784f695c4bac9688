import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { PublicationOutcome } from '../../electron/contract';
import type { Core } from '../../electron/core';
import { freshCore, ok, tempDir } from './helpers';

/**
 * The site says when it was last published and what changed since the previous publication (DOMAIN.md
 * Publishing), on the home page and on a "Noutăți" page — and only there: an unchanged site rebuilt after its
 * publication is byte-identical, so re-publishing it sends nothing.
 */

const settings = {
  siteUrl: '',
  contactEmail: 'transparenta@primariatm.example',
  publisher: 'Primăria Municipiului Timișoara',
  riskSummary: false,
  evidenceFiles: true,
  expectedUpdatedAt: null,
};

async function build(core: Core, date: string) {
  const { jobId } = await ok(core, 'publishing.buildSite', { publicationDate: date });
  const job = await core.waitForJob(jobId);
  expect(job.error).toBeNull();
}

async function publish(core: Core, targetId: string): Promise<PublicationOutcome> {
  const { jobId } = await ok(core, 'publishing.publish', { targetId });
  const job = await core.waitForJob(jobId);
  expect(job.error).toBeNull();
  return job.result as PublicationOutcome;
}

function files(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(dir, p).split(path.sep).join('/'), fs.readFileSync(p, 'latin1'));
    }
  };
  walk(dir);
  return out;
}
const changedBetween = (a: Map<string, string>, b: Map<string, string>) => [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k)).sort();
const read = (dataDir: string, p: string) => fs.readFileSync(path.join(dataDir, 'site', p), 'utf8');

describe('what changed since the previous publication', () => {
  test('the first build says it is the first publication; after a measurement the next one lists the pages that changed, with the previous date', async () => {
    const { core, dataDir } = await freshCore();
    await ok(core, 'publishing.saveSiteSettings', settings);
    const target = await ok(core, 'publishing.saveTarget', { name: 'Partajare', kind: 'folder', path: tempDir() });

    await build(core, '2026-11-20');
    expect(read(dataDir, 'noutati.html')).toContain('Este prima sa publicare');
    expect(read(dataDir, 'index.html')).toContain('<a href="noutati.html">Noutăți</a>');
    expect((await publish(core, target.id)).status).toBe('published');

    // The live site rebuilt: the same bytes (it still compares with the publication before it), nothing to send.
    const published = files(path.join(dataDir, 'site'));
    await build(core, '2026-11-20');
    expect(changedBetween(published, files(path.join(dataDir, 'site')))).toEqual([]);
    expect((await publish(core, target.id)).status).toBe('unchanged');

    const ind = (await ok(core, 'plan.listIndicators', {})).find((i) => !i.source && i.type === 'cumulative')!;
    await ok(core, 'plan.addMeasurement', { indicatorId: ind.id, date: '2026-11-19', value: 1, evidence: [] });
    await build(core, '2026-11-20');
    const next = files(path.join(dataDir, 'site'));
    const own = `indicatori/${ind.code.toLowerCase().replace(/\./g, '-')}.html`;
    const news = read(dataDir, 'noutati.html');
    expect(news).toContain('Față de publicarea din <time datetime="2026-11-20">20 noiembrie 2026</time>');
    expect(news).toContain('<h2 id="actualizate">Pagini actualizate</h2>');
    expect(news).toContain(`<a href="${own}">${ind.code}`);
    expect(news).not.toContain('Pagini noi');
    expect(news).not.toContain('Pagini retrase');
    // Every page the measurement changed is listed, and nothing else.
    const measured = changedBetween(published, next).filter((k) => k.endsWith('.html') && k !== 'index.html' && k !== 'noutati.html');
    expect(measured).toContain(own);
    const section = news.slice(news.indexOf('<h2 id="actualizate">'), news.indexOf('</section>', news.indexOf('<h2 id="actualizate">')));
    const listed = [...section.matchAll(/<li><a href="([^"]+)">/g)].map((m) => m[1]).sort();
    expect(listed).toEqual(measured);
    expect(read(dataDir, 'index.html')).toMatch(
      new RegExp(
        `Față de publicarea anterioară din <time datetime="2026-11-20">20 noiembrie 2026</time>: ${measured.length === 1 ? '1 pagină actualizată' : `${measured.length} pagini actualizate`}\\. <a href="noutati.html">Vezi ce s-a schimbat</a>`,
      ),
    );
    // Only the pages of the measurement, the home page and Noutăți changed.
    expect(changedBetween(published, next)).toEqual([...measured, 'index.html', 'noutati.html'].sort());

    // Built again before publishing: the same (deterministic); published, then rebuilt: still the same, nothing to send.
    await build(core, '2026-11-20');
    expect(changedBetween(next, files(path.join(dataDir, 'site')))).toEqual([]);
    expect((await publish(core, target.id)).status).toBe('published');
    await build(core, '2026-11-20');
    expect(changedBetween(next, files(path.join(dataDir, 'site')))).toEqual([]);
    expect((await publish(core, target.id)).status).toBe('unchanged');
  });

  test('a page that leaves the site is named as withdrawn, without a link', async () => {
    const { core, dataDir } = await freshCore();
    await ok(core, 'publishing.saveSiteSettings', settings);
    const target = await ok(core, 'publishing.saveTarget', { name: 'Partajare', kind: 'folder', path: tempDir() });
    await build(core, '2026-11-20');
    expect((await publish(core, target.id)).status).toBe('published');
    const ind = (await ok(core, 'plan.listIndicators', {})).find((i) => !i.source)!;
    await ok(core, 'plan.deleteIndicator', { id: ind.id, expectedUpdatedAt: ind.updatedAt });
    await build(core, '2026-11-21');
    const news = read(dataDir, 'noutati.html');
    expect(news).toContain('<h2 id="retrase">Pagini retrase</h2>');
    expect(news).toMatch(new RegExp(`<li>${ind.code}[^<]*</li>`));
    expect(news).not.toContain(`href="indicatori/${ind.code.toLowerCase().replace(/\./g, '-')}.html"`);
  });
});
