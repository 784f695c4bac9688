import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { serve, sleep, tempDir, type Client } from './helpers';

/**
 * Issue 12, finding 9: proposal titles that a spreadsheet would run as formulas, created through browser
 * mode's API, come out of the spreadsheet-bound exports as text — the Decidim accountability CSV written by
 * the CLI, and the results workbook downloaded from browser mode — while numbers stay numbers.
 */

const BIN = path.resolve('bin/pla-desk.js');
const ATTACKS = ['=HYPERLINK("http://evil","x")', "+cmd|' /C calc'!A0", '-2+3', '@SUM(A1)'];
const CODES = ['A', 'B', 'C', 'D'];
const b64 = (s: string) => Buffer.from(s).toString('base64');

async function finishedJob(c: Client, jobId: string) {
  for (let i = 0; i < 300; i++) {
    const j = await c.ok('jobs.get', { id: jobId });
    if (j.status !== 'running') return j;
    await sleep(100);
  }
  throw new Error('job did not finish');
}

/** A campaign whose four proposals (titled with the attacks) all win and are being implemented. */
async function campaignWithHostileTitles() {
  const s = await serve();
  const coord = await s.user('coordinator');
  const campaign = await coord.ok('budgeting.saveCampaign', {
    name: 'Timișoara Decide 2026',
    edition: '2026',
    totalBudget: 50_000_000,
    zones: [{ code: 'Z1', name: 'Centru', budget: 50_000_000 }],
    rubric: { criteria: [{ key: 'impact', name: 'Impact', weight: 1, min: 0, max: 5, anchors: {}, minimum: null }], overallMinimum: null },
    votesPerVoter: 4,
    population: 1000,
  });
  const proposals = [];
  for (const [i, title] of ATTACKS.entries())
    proposals.push(
      await coord.ok('budgeting.saveProposal', {
        campaignId: campaign.id,
        code: CODES[i],
        title,
        body: 'Bănci și copaci',
        zoneCode: 'Z1',
        costEstimate: 10_000_000,
        address: 'Str. Gării 1',
      }),
    );
  const rows = ['v1', 'v2', 'v3'].flatMap((v) => CODES.map((c) => `${v},${c},Z1,`));
  await coord.ok('budgeting.importVotes', {
    campaignId: campaign.id,
    fileName: 'v.csv',
    contentBase64: b64(['voter_id,proposal_id,zone,voted_at', ...rows].join('\n')),
  });
  const results = await coord.ok('budgeting.computeResults', { campaignId: campaign.id });
  expect(results.projects.filter((p: { won: boolean }) => p.won)).toHaveLength(4);
  for (const p of proposals) await coord.ok('budgeting.createProject', { proposalId: p.id });
  return { s, coord, campaign };
}

describe('formula injection through proposal titles', () => {
  it('the accountability CSV written by `pla-desk budgeting accountability` has each title behind an apostrophe; numbers stay plain', async () => {
    const { s, campaign } = await campaignWithHostileTitles();
    const out = path.join(tempDir(), 'accountability.csv');
    const r = spawnSync(process.execPath, [BIN, 'budgeting', 'accountability', '--data-dir', s.dataDir, '--campaign', campaign.id, '--out', out], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const text = fs.readFileSync(out, 'utf8');
    const parsed = Papa.parse<string[]>(text.trimEnd(), { delimiter: ';' });
    expect(parsed.errors).toEqual([]);
    const [header, ...lines] = parsed.data;
    const field = (line: string[], name: string) => line[header.indexOf(name)];
    expect(lines.map((l) => field(l, 'title/ro')).sort()).toEqual(ATTACKS.map((t) => `'${t}`).sort());
    // No field of any line starts with a character a spreadsheet would run.
    for (const line of lines) for (const f of line) expect(f, f).not.toMatch(/^[=+\-@\t\r]/);
    for (const line of lines) expect(field(line, 'progress')).toBe('0');
    expect(lines.map((l) => field(l, 'reference')).sort()).toEqual(CODES);
  }, 120_000);

  it('the results workbook downloaded from browser mode holds the titles as text cells, never a formula; votes and costs are numbers', async () => {
    const { s, coord, campaign } = await campaignWithHostileTitles();
    const { jobId } = await coord.ok('budgeting.exportResults', { campaignId: campaign.id });
    const job = await finishedJob(coord, jobId);
    expect(job.status).toBe('done');
    const bytes = await download(s.base, `/files/export/${job.result.fileId}?token=${s.server.token}`, coord.cookie!);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);

    const formulas: string[] = [];
    const texts: string[] = [];
    let numbers = 0;
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.type === ExcelJS.ValueType.Formula || cell.formula) formulas.push(`${ws.name}!${cell.address}`);
          if (typeof cell.value === 'string') texts.push(cell.value);
          if (typeof cell.value === 'number') numbers++;
        }),
      ),
    );
    expect(formulas).toEqual([]);
    for (const t of ATTACKS) expect(texts, t).toContain(`'${t}`);
    for (const t of texts) expect(t).not.toMatch(/^[=+\-@\t\r]/);
    expect(numbers).toBeGreaterThan(0);

    // The ranking sheet: each title's row keeps its votes and cost as numbers.
    let checked = 0;
    wb.eachSheet((ws) =>
      ws.eachRow((row) => {
        const values = (row.values as ExcelJS.CellValue[]).slice(1);
        if (!values.some((v) => typeof v === 'string' && ATTACKS.includes(v.slice(1)))) return;
        expect(values.filter((v) => typeof v === 'number').length, JSON.stringify(values)).toBeGreaterThan(0);
        checked++;
      }),
    );
    expect(checked).toBeGreaterThanOrEqual(4);
  }, 120_000);
});

async function download(base: string, p: string, cookie: string): Promise<Buffer> {
  const res = await fetch(new URL(p, base), { headers: { cookie } });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}
