/**
 * Team server under load (issue 13, "Performance"): `pla-desk serve` in its own process on a data folder with the
 * seed plan, 500 risks and 51 accounts; our own bounded HTTP client on loopback plays N signed-in users, each from
 * its own address (127.0.0.10, .11, … as each office PC has its own), each in a loop of one request, then a think
 * time of 0–1 s (uniform). The mix: 80 % reads (dashboard, commitments, the risk register page, the risk overview,
 * one risk), 20 % saves (a new risk); meanwhile one more user imports a 2,000-risk SCIM register, again and again.
 * Run with 1 user (the baseline) and with 50, each for PLA_DESK_BENCH_LOAD_SECONDS (default 60). Prints p50/p95/p99
 * of reads and saves, throughput, errors, imports finished, and checks afterwards that every save answered OK is in
 * the database with what was sent (lost writes). Nothing is asserted; a target line says PASS or FAIL.
 *
 * A third run, 50 users without the import, shows what the import costs the others.
 *
 * With PLA_DESK_TEST_POSTGRES set (a URL whose role may create databases), every run is repeated on PostgreSQL:
 * `serve --database` on a fresh database of that server (dropped afterwards), figures beside SQLite's.
 *
 * `npx tsx tests/bench/server-load.ts [users…]` runs it alone (default: 1 and 50 with the import, 50 without);
 * PLA_DESK_BENCH_ENGINES=SQLite or PostgreSQL runs one engine.
 * With PLA_DESK_BENCH_CPU_PROF=DIR each server process writes a CPU profile into DIR (node --cpu-prof; open it in
 * Chrome's DevTools, Performance tab), to see where a run's time went.
 *
 * Main-thread blocks: the server process notes each time its main thread was held up for 20 ms or more
 * (loop-blocks.mjs); a last table gives, per run, the longest block in each import (median and worst over the
 * imports), the longest block overall and how many blocks of 50 and 100 ms or more it had per import.
 * PLA_DESK_BENCH_CLI_DIR=DIR runs the server from a copy of the built CLI in DIR (its run.js) instead of bin/pla-desk.js,
 * to compare two builds in one sitting (copy .cache/cli into a folder under the checkout, so node_modules resolves).
 */
import BetterSqlite3 from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { createCore, dbPath, headlessPlatform } from '../../electron/core';
import { writeScimRegister } from './risks';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SYSTEM = { sessionId: null, system: true };
const PASSWORD = 'parola-sigura-bench-1';
const IMPORT_ROWS = 2000;
const READ_P95_MS = 150;
const SAVE_P95_MS = 300;

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);
const fmt = (n: number, d = 1) => (Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }) : '–');

interface Reply {
  status: number;
  body: { ok: boolean; value?: any; error?: { code: string; message: string } } | null;
  setCookie: string | null;
}

/** One user's browser: one keep-alive connection from its own loopback address, its session cookie, the token. */
class User {
  private agent: http.Agent;
  cookie: string | null = null;
  constructor(
    private port: number,
    private token: string,
    readonly address: string,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  }
  call(method: string, input: unknown): Promise<Reply> {
    const body = JSON.stringify(input);
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: this.port,
          localAddress: this.address,
          path: `/api/${method}`,
          method: 'POST',
          agent: this.agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            authorization: `Bearer ${this.token}`,
            ...(this.cookie ? { cookie: this.cookie } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            let parsed: Reply['body'] = null;
            try {
              parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
            } catch {
              parsed = null;
            }
            const set = res.headers['set-cookie']?.[0] ?? null;
            if (set) this.cookie = set.split(';')[0];
            resolve({ status: res.statusCode ?? 0, body: parsed, setCookie: set });
          });
          res.on('error', reject);
        },
      );
      req.setTimeout(120_000, () => req.destroy(new Error('timeout')));
      req.on('error', reject);
      req.end(body);
    });
  }
  close() {
    this.agent.destroy();
  }
}

type Engine = 'SQLite' | 'PostgreSQL';

/** A fresh, empty database on the server at PLA_DESK_TEST_POSTGRES (the core migrates it at its first start). */
async function freshServerDatabase(server: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `pla_bench_load_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = async (text: string) => {
    const c = new pg.Client({ connectionString: server });
    await c.connect();
    try {
      await c.query(text);
    } finally {
      await c.end();
    }
  };
  await admin(`create database "${name}" template template0 encoding 'UTF8' lc_collate 'C' lc_ctype 'C'`);
  const u = new URL(server);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => admin(`drop database if exists "${name}" with (force)`) };
}

function serveProcess(
  dataDir: string,
  staticDir: string,
  loopFile: string,
  database?: string,
): Promise<{ child: ChildProcess; port: number; token: string; stderr: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        ...(process.env.PLA_DESK_BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.PLA_DESK_BENCH_CPU_PROF] : []),
        '--import',
        pathToFileURL(path.join(ROOT, 'tests', 'bench', 'loop-blocks.mjs')).href,
        process.env.PLA_DESK_BENCH_CLI_DIR ? path.join(path.resolve(process.env.PLA_DESK_BENCH_CLI_DIR), 'run.js') : path.join(ROOT, 'bin', 'pla-desk.js'),
        'serve',
        '--data-dir',
        dataDir,
        '--port',
        '0',
        '--static-dir',
        staticDir,
        ...(database ? ['--database', database] : []),
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, PLA_DESK_BENCH_LOOP_FILE: loopFile },
      },
    );
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /PLA Desk: http:\/\/127\.0\.0\.1:(\d+)\/\?token=(\S+)/.exec(out);
      if (m) resolve({ child, port: Number(m[1]), token: m[2], stderr: () => err });
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
}

interface PhaseResult {
  engine: Engine;
  users: number;
  withImport: boolean;
  seconds: number;
  reads: number[];
  saves: number[];
  errors: Map<string, number>;
  imports: number;
  importErrors: number;
  lost: number;
  loadBefore: number;
  loadAfter: number;
  /** Main-thread blocks of 20 ms or more during the run: when each ended (epoch ms) and how long it was. */
  blocks: Array<{ at: number; ms: number }>;
  /** Each finished import's start and end (epoch ms). */
  importSpans: Array<[number, number]>;
}

async function phase(engine: Engine, users: number, seconds: number, withImport: boolean): Promise<PhaseResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pla-bench-load-${users}-`));
  const dataDir = path.join(dir, 'data');
  const staticDir = path.join(dir, 'web');
  fs.mkdirSync(staticDir, { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>PLA Desk</title>');
  const register = path.join(dir, 'registru.xlsx');
  await writeScimRegister(register, IMPORT_ROWS);
  const registerB64 = fs.readFileSync(register).toString('base64');

  // The store: seed plan, 500 risks, the accounts (members keep the risk register).
  const store = engine === 'PostgreSQL' ? await freshServerDatabase(process.env.PLA_DESK_TEST_POSTGRES!) : null;
  const core = await createCore({ dataDir, database: store?.url, platform: headlessPlatform('cli'), secretsKeyFile: path.join(dir, 'secrets.key') });
  const names: string[] = [];
  for (let i = 0; i <= users; i++) {
    const username = `membru.${i}`;
    const r = await core.call('admin.saveUser', { username, displayName: `Membru ${i}`, role: 'member', password: PASSWORD, active: true }, SYSTEM);
    if (!r.ok) throw new Error(r.error.message);
    names.push(username);
  }
  const riskIds: string[] = [];
  for (let i = 0; i < 500; i++) {
    const r = await core.call(
      'risks.save',
      { description: `Risc de pornire ${i}`, category: 'operational', inherentProbability: 1 + (i % 5), inherentImpact: 1 + ((i * 3) % 5) },
      SYSTEM,
    );
    if (!r.ok) throw new Error(r.error.message);
    riskIds.push((r.value as { id: string }).id);
  }
  await core.close();

  const loopFile = path.join(dir, 'loop-blocks.txt');
  const { child, port, token, stderr } = await serveProcess(dataDir, staticDir, loopFile, store?.url);
  const clients = names.map((_, i) => new User(port, token, `127.0.0.${10 + i}`));
  try {
    for (let i = 0; i < clients.length; i++) {
      const r = await clients[i].call('admin.login', { username: names[i], password: PASSWORD });
      if (!r.body?.ok) throw new Error(`sign-in ${names[i]}: ${JSON.stringify(r.body)}`);
    }
    const [importer, ...people] = clients;
    const reads: number[] = [];
    const saves: number[] = [];
    const errors = new Map<string, number>();
    const saved: Array<{ id: string; description: string }> = [];
    const err = (what: string) => errors.set(what, (errors.get(what) ?? 0) + 1);
    let imports = 0;
    let importErrors = 0;
    const importSpans: Array<[number, number]> = [];
    const loadBefore = os.loadavg()[0];
    const started = Date.now();
    const end = started + seconds * 1000;

    const importLoop = (async () => {
      while (withImport && Date.now() < end) {
        const t = Date.now();
        const r = await importer.call('risks.importExcel', { fileName: 'registru.xlsx', contentBase64: registerB64, dryRun: false }).catch(() => null);
        if (r?.body?.ok) {
          imports++;
          importSpans.push([t, Date.now()]);
        } else importErrors++;
      }
    })();

    const READS: Array<[string, () => unknown]> = [
      ['plan.dashboard', () => ({})],
      ['plan.listCommitments', () => ({})],
      ['risks.list', () => ({ limit: 50, offset: Math.floor(Math.random() * 400) })],
      ['risks.overview', () => ({})],
      ['risks.get', () => ({ id: riskIds[Math.floor(Math.random() * riskIds.length)] })],
    ];
    const userLoop = async (u: User, k: number) => {
      for (let n = 0; Date.now() < end; n++) {
        const isSave = Math.random() < 0.2;
        const t = performance.now();
        try {
          if (isSave) {
            const description = `Risc salvat de ${u.address} nr. ${k}.${n}`;
            const r = await u.call('risks.save', { description, category: 'operational', inherentProbability: 2, inherentImpact: 3 });
            saves.push(performance.now() - t);
            if (r.body?.ok) saved.push({ id: r.body.value.id, description });
            else err(`risks.save ${r.body?.error?.code ?? r.status}`);
          } else {
            const [method, input] = READS[Math.floor(Math.random() * READS.length)];
            const r = await u.call(method, input());
            reads.push(performance.now() - t);
            if (!r.body?.ok) err(`${method} ${r.body?.error?.code ?? r.status}`);
          }
        } catch (e) {
          err(`network ${(e as Error).message}`);
        }
        await new Promise((r) => setTimeout(r, Math.random() * 1000));
      }
    };
    await Promise.all(people.map((u, k) => userLoop(u, k)));
    await importLoop;
    const loadAfter = os.loadavg()[0];
    const finished = Date.now();
    const blocks = (fs.existsSync(loopFile) ? fs.readFileSync(loopFile, 'utf8').split('\n') : [])
      .filter(Boolean)
      .map((l) => l.split(' ').map(Number))
      .filter(([at]) => at >= started && at <= finished)
      .map(([at, ms]) => ({ at, ms }));
    // What the server said about its errors (its log), the first of them.
    if (errors.size || importErrors) console.log(`  ${engine}, ${users} users: the server's log begins:\n${stderr().slice(0, 2000)}`);

    // Lost writes: every save answered OK must be in the database, as sent.
    let lost = 0;
    if (store) {
      const db = new pg.Client({ connectionString: store.url });
      await db.connect();
      try {
        const ids = saved.map((s) => s.id);
        const rows = (await db.query<{ id: string; description: string }>('select id, description from risks where id = any($1) and deleted_at is null', [ids]))
          .rows;
        const found = new Map(rows.map((r) => [r.id, r.description]));
        for (const s of saved) if (found.get(s.id) !== s.description) lost++;
      } finally {
        await db.end();
      }
    } else {
      const db = new BetterSqlite3(dbPath(dataDir), { readonly: true });
      const get = db.prepare('select description from risks where id = ? and deleted_at is null').pluck();
      for (const s of saved) if (get.get(s.id) !== s.description) lost++;
      db.close();
    }
    return {
      engine,
      users,
      withImport,
      seconds,
      reads: reads.sort((a, b) => a - b),
      saves: saves.sort((a, b) => a - b),
      errors,
      imports,
      importErrors,
      lost,
      loadBefore,
      loadAfter,
      blocks,
      importSpans,
    };
  } finally {
    for (const c of clients) c.close();
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    fs.rmSync(dir, { recursive: true, force: true });
    await store?.drop();
  }
}

/** Each run: [users, with the import running]. The last one, without the import, shows what the import costs. */
export async function benchServerLoad(
  runs: Array<[number, boolean]> = [
    [1, true],
    [50, true],
    [50, false],
  ],
) {
  const seconds = Number(process.env.PLA_DESK_BENCH_LOAD_SECONDS ?? 60);
  // PLA_DESK_BENCH_ENGINES=PostgreSQL (or SQLite) runs one engine only.
  const engines = (process.env.PLA_DESK_TEST_POSTGRES ? (['SQLite', 'PostgreSQL'] as Engine[]) : (['SQLite'] as Engine[])).filter(
    (e) => !process.env.PLA_DESK_BENCH_ENGINES || process.env.PLA_DESK_BENCH_ENGINES.split(',').includes(e),
  );
  console.log(
    `\n(team server) pla-desk serve (${engines.join(' and ')}) under load: ${seconds} s per run; each user: request, think 0–1 s; 80 % reads, 20 % saves; one user importing a ${IMPORT_ROWS.toLocaleString('en-US')}-risk register throughout`,
  );
  const results: PhaseResult[] = [];
  for (const [n, withImport] of runs) for (const engine of engines) results.push(await phase(engine, n, seconds, withImport));
  const rows = results.map((r) => [
    r.engine,
    `${r.users} user${r.users === 1 ? '' : 's'}${r.withImport ? ' + import' : ', no import'}`,
    fmt(pct(r.reads, 50)),
    fmt(pct(r.reads, 95)),
    fmt(pct(r.reads, 99)),
    fmt(pct(r.saves, 50)),
    fmt(pct(r.saves, 95)),
    fmt(pct(r.saves, 99)),
    fmt((r.reads.length + r.saves.length) / r.seconds),
    String([...r.errors.values()].reduce((a, b) => a + b, 0)),
    String(r.lost),
    r.withImport ? `${r.imports}/${r.imports + r.importErrors}` : '–',
    `${fmt(r.loadBefore, 1)}→${fmt(r.loadAfter, 1)}`,
  ]);
  const headers = ['engine', 'users', 'read p50', 'p95', 'p99', 'save p50', 'p95', 'p99', 'req/s', 'errors', 'lost', 'imports ok', 'load avg'];
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i <= 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(headers));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
  console.log('(latencies in ms, measured at the client; load avg = 1-minute load average before → after, on a machine with', os.cpus().length, 'cores)');
  console.log(
    '\nmain-thread blocks of the server (≥ 20 ms noted): longest per import (median / worst over imports), longest, blocks ≥ 50 / ≥ 100 ms per import',
  );
  const blockRows = results.map((r) => {
    const perImport = r.importSpans.map(([a, b]) => Math.max(0, ...r.blocks.filter((x) => x.at >= a && x.at <= b).map((x) => x.ms))).sort((a, b) => a - b);
    const per = (min: number) => (r.imports ? fmt(r.blocks.filter((x) => x.ms >= min).length / r.imports) : '–');
    return [
      r.engine,
      `${r.users} user${r.users === 1 ? '' : 's'}${r.withImport ? ' + import' : ', no import'}`,
      perImport.length ? fmt(pct(perImport, 50), 0) : '–',
      perImport.length ? fmt(perImport[perImport.length - 1], 0) : '–',
      fmt(Math.max(0, ...r.blocks.map((x) => x.ms)), 0),
      per(50),
      per(100),
    ];
  });
  const blockHeaders = ['engine', 'users', 'per import p50', 'worst', 'longest', '≥50/import', '≥100/import'];
  const bw = blockHeaders.map((h, i) => Math.max(h.length, ...blockRows.map((r) => r[i].length)));
  const bline = (cells: string[]) => cells.map((c, i) => (i <= 1 ? c.padEnd(bw[i]) : c.padStart(bw[i]))).join('  ');
  console.log(bline(blockHeaders));
  console.log(bw.map((w) => '-'.repeat(w)).join('  '));
  for (const r of blockRows) console.log(bline(r));
  for (const r of results) {
    for (const [a, b] of r.importSpans)
      console.log(
        'import',
        a,
        b - a,
        r.blocks
          .filter((x) => x.at >= a && x.at <= b)
          .map((x) => `${x.at - a}:${Math.round(x.ms)}`)
          .join(' '),
      );
  }
  for (const r of results) {
    for (const [what, n] of r.errors) console.log(`  ${r.engine}, ${r.users} users: ${n} × ${what}`);
    const pass = pct(r.reads, 95) < READ_P95_MS && pct(r.saves, 95) < SAVE_P95_MS && r.errors.size === 0 && r.lost === 0;
    console.log(
      `target (${r.engine}, ${r.users} users${r.withImport ? ' + import' : ''}): reads p95 < ${READ_P95_MS} ms, saves p95 < ${SAVE_P95_MS} ms, no errors, no lost writes: ${pass ? 'PASS' : 'FAIL'}`,
    );
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const counts = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  benchServerLoad(counts.length ? counts.map((n) => [n, true] as [number, boolean]) : undefined).catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
