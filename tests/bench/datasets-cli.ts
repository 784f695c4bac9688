/**
 * `pla-desk datasets validate` as a user runs it: the whole command (`node bin/pla-desk.js datasets validate --file F
 * --schema S`, the prebuilt CLI, process start included) against whole `node` scripts that only parse the same file:
 * PapaParse (the reference of issue 16's goal 2), csv-parse (4.x, already in node_modules through tableschema) and uDSV
 * (a devDependency for this bench only; its streaming parser, string arrays, rows dropped). Sizes: 250k, 500k and 1M rows of the datasets bench's fixture
 * (tests/bench/datasets.ts, ~105 bytes a row); BENCH_CLI_4M=1 adds 4M rows (~420 MB, several minutes here);
 * BENCH_CLI_SIZES=4000000 BENCH_CLI_ROUNDS=1 runs only the given sizes and rounds. BENCH_CLI_BEFORE=<another checkout>
 * (e.g. `git worktree add /tmp/before main`, node_modules linked) also runs that checkout's command in each round: before/after in one run.
 * Each size runs ROUNDS rounds, the commands interleaved within a round; the median and the spread (min–max) of the
 * wall times are reported, and the ratio PapaParse wall / ours wall is taken within each round (same minute).
 * Peak RSS is each process's own maxRSS, written at exit by a --require hook loaded into every command alike.
 * The load average is printed before and after each size: this machine is shared, and wall times follow it.
 * Figures only; nothing is asserted. Run alone: npx tsx tests/bench/datasets-cli.ts
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BENCH_SCHEMA, generateCsv } from './datasets';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ROUNDS = Number(process.env.BENCH_CLI_ROUNDS ?? 3);
const BEFORE = process.env.BENCH_CLI_BEFORE ? path.resolve(process.env.BENCH_CLI_BEFORE) : null;
const MB = 1024 * 1024;
const fmt = (n: number, d = 1) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const load = () =>
  os
    .loadavg()
    .map((x) => fmt(x, 2))
    .join(' / ');

interface Run {
  ms: number;
  rssMb: number;
  out: string;
}

function run(args: string[], rssFile: string): Run {
  fs.rmSync(rssFile, { force: true });
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, BENCH_RSS_FILE: rssFile }, maxBuffer: 64 * MB });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited with ${r.status}\n${r.stdout}\n${r.stderr}`);
  return { ms, rssMb: Number(fs.readFileSync(rssFile, 'utf8')) / MB, out: r.stdout };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchDatasetsCli() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pla-bench-dscli-'));
  try {
    const req = createRequire(import.meta.url);
    const hook = path.join(dir, 'rss.cjs');
    fs.writeFileSync(
      hook,
      "process.on('exit', () => require('fs').writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS * 1024)));\n",
    );
    const papaScript = path.join(dir, 'papa.mjs');
    fs.writeFileSync(
      papaScript,
      `import fs from 'node:fs';\nimport Papa from ${JSON.stringify(pathToFileURL(req.resolve('papaparse')).href)};\nlet rows = 0;\n` +
        `Papa.parse(fs.createReadStream(process.argv[2], { encoding: 'utf8', highWaterMark: 1 << 20 }), { delimiter: ',', chunk: (r) => { rows += r.data.length; }, complete: () => console.log(rows - 1) });\n`,
    );
    const csvParseScript = path.join(dir, 'csv-parse.mjs');
    fs.writeFileSync(
      csvParseScript,
      `import fs from 'node:fs';\nimport { createRequire } from 'node:module';\nconst parse = createRequire(import.meta.url)(${JSON.stringify(req.resolve('csv-parse'))});\nlet rows = 0;\n` +
        `fs.createReadStream(process.argv[2], { highWaterMark: 1 << 20 }).pipe(parse({ delimiter: ',' })).on('data', () => { rows++; }).on('end', () => console.log(rows - 1));\n`,
    );
    const udsvScript = path.join(dir, 'udsv.mjs');
    fs.writeFileSync(
      udsvScript,
      `import fs from 'node:fs';\nimport { inferSchema, initParser } from ${JSON.stringify(pathToFileURL(req.resolve('udsv')).href)};\nlet rows = 0;\nlet parser = null;\n` +
        `const onRow = () => { rows++; };\nconst s = fs.createReadStream(process.argv[2], { encoding: 'utf8', highWaterMark: 1 << 20 });\n` +
        `s.on('data', (chunk) => { parser ??= initParser(inferSchema(chunk)); parser.chunk(chunk, parser.stringArrs, onRow); });\ns.on('end', () => { parser.end(); console.log(rows); });\n`,
    );
    const schema = path.join(dir, 'schema.json');
    fs.writeFileSync(schema, JSON.stringify(BENCH_SCHEMA));
    // the CLI is built before the clock starts (bin/pla-desk.js rebuilds it after a source change)
    run(['--require', hook, 'bin/pla-desk.js', '--version'], path.join(dir, 'rss'));
    if (BEFORE) run(['--require', hook, path.join(BEFORE, 'bin/pla-desk.js'), '--version'], path.join(dir, 'rss'));

    const sizes = process.env.BENCH_CLI_SIZES
      ? process.env.BENCH_CLI_SIZES.split(',').map(Number)
      : [250_000, 500_000, 1_000_000, ...(process.env.BENCH_CLI_4M === '1' ? [4_000_000] : [])];
    console.log(
      `\npla-desk datasets validate, whole command (node bin/pla-desk.js … --schema, 8 fields, primary key) vs whole parse-only node scripts; ${ROUNDS} rounds interleaved; wall s median (min–max), peak RSS MB median`,
    );
    if (process.env.BENCH_CLI_4M !== '1' && !process.env.BENCH_CLI_SIZES) console.log('(4M rows: BENCH_CLI_4M=1 npx tsx tests/bench/datasets-cli.ts)');
    const rowsOut: string[][] = [];
    const notes: string[] = [];
    for (const n of sizes) {
      const file = path.join(dir, `r${n}.csv`);
      const bytes = generateCsv(file, n);
      const before = load();
      const runs: Record<'papa' | 'csvParse' | 'udsv' | 'ours' | 'before', Run[]> = { papa: [], csvParse: [], udsv: [], ours: [], before: [] };
      for (let i = 0; i < ROUNDS; i++) {
        runs.papa.push(run(['--require', hook, papaScript, file], path.join(dir, 'rss')));
        runs.csvParse.push(run(['--require', hook, csvParseScript, file], path.join(dir, 'rss')));
        runs.udsv.push(run(['--require', hook, udsvScript, file], path.join(dir, 'rss')));
        runs.ours.push(run(['--require', hook, 'bin/pla-desk.js', 'datasets', 'validate', '--file', file, '--schema', schema], path.join(dir, 'rss')));
        if (BEFORE)
          runs.before.push(
            run(['--require', hook, path.join(BEFORE, 'bin/pla-desk.js'), 'datasets', 'validate', '--file', file, '--schema', schema], path.join(dir, 'rss')),
          );
      }
      const after = load();
      if (!runs.ours.every((r) => r.out.includes('Rezultat: VALID'))) throw new Error(`validate did not find the fixture valid:\n${runs.ours[0].out}`);
      for (const r of [...runs.papa, ...runs.csvParse, ...runs.udsv])
        if (Number(r.out.trim()) !== n) throw new Error(`a parse-only script counted ${r.out.trim()} rows, not ${n}`);
      const ratios = runs.papa.map((p, i) => p.ms / runs.ours[i].ms);
      const line = (name: string, rs: Run[]) => {
        const ms = rs.map((r) => r.ms);
        return [
          `${(n / 1000).toLocaleString('en-US')}k ${name}`,
          `${fmt(median(ms) / 1000, 2)} (${fmt(Math.min(...ms) / 1000, 2)}–${fmt(Math.max(...ms) / 1000, 2)})`,
          fmt(bytes / MB / (median(ms) / 1000), 1),
          fmt(median(rs.map((r) => r.rssMb)), 0),
          fmt(Math.max(...rs.map((r) => r.rssMb)), 0),
        ];
      };
      rowsOut.push(
        line('PapaParse parse-only', runs.papa),
        line('csv-parse 4 parse-only', runs.csvParse),
        line('uDSV parse-only', runs.udsv),
        line('pla-desk datasets validate', runs.ours),
        ...(BEFORE ? [line('validate, BENCH_CLI_BEFORE', runs.before)] : []),
      );
      const against = (rs: Run[]) => median(rs.map((r, i) => r.ms / runs.ours[i].ms));
      notes.push(
        `${(n / 1000).toLocaleString('en-US')}k rows (${fmt(bytes / MB, 1)} MB): validate at ${fmt(median(ratios), 2)} of PapaParse's speed, wall (rounds ${ratios.map((r) => fmt(r, 2)).join(', ')}); ` +
          `at ${fmt(against(runs.csvParse), 2)} of csv-parse's and ${fmt(against(runs.udsv), 2)} of uDSV's` +
          (BEFORE ? `; BENCH_CLI_BEFORE's at ${fmt(median(runs.papa.map((p, i) => p.ms / runs.before[i].ms)), 2)} of PapaParse's` : '') +
          `; load average ${before} → ${after}`,
      );
      fs.rmSync(file, { force: true });
    }
    const headers = ['rows, command', 'wall s', 'MB/s', 'RSS MB', 'max RSS'];
    const widths = headers.map((h, i) => Math.max(h.length, ...rowsOut.map((r) => r[i].length)));
    const fmtLine = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
    console.log(fmtLine(headers));
    console.log(widths.map((w) => '-'.repeat(w)).join('  '));
    for (const r of rowsOut) console.log(fmtLine(r));
    for (const l of notes) console.log(l);
    const oursRss = rowsOut.filter((r) => r[0].includes('validate')).map((r) => Number(r[4].replace(/,/g, '')));
    console.log(`target RSS ≤ 200 MB at every size: ${oursRss.every((x) => x <= 200) ? 'PASS' : 'FAIL'} (max ${oursRss.join(' / ')} MB)`);
    const last = notes.find((l) => l.startsWith('1,000k'));
    if (last)
      console.log(`target ≥ 0.9 of PapaParse's speed on 1M rows, wall, whole command: ${Number(/at ([\d.]+) of/.exec(last)![1]) >= 0.9 ? 'PASS' : 'FAIL'}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  benchDatasetsCli().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
