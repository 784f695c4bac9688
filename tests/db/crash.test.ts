import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { migrateToLatest } from '../../db/migrate';

/**
 * Crash safety: a process killed (SIGKILL, no cleanup) in the middle of a large write leaves the database
 * intact and the write either wholly there or wholly absent. The child announces each phase on stdout;
 * the parent kills it at that point plus a small random delay. Outcomes are asserted, never timings.
 */

const WRITER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'crash-writer.ts');
const ROWS = 200_000;
const AT = '2024-01-01T00:00:00.000Z';
const row = (id: string) => ({ id, created_at: AT, updated_at: AT, updated_by: null, deleted_at: null });

let dir: string;
let dbFile: string;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pla-crash-'));
  dbFile = path.join(dir, 'crash.db');
  const conn = openDatabase(dbFile);
  await migrateToLatest(conn);
  await conn.db
    .insertInto('plans')
    .values({
      ...row('p1'),
      title: 'PLA',
      vision: '',
      goal: '',
      strategic_directions: '[]',
      priorities: '[]',
      process: '',
      period_start: null,
      period_end: null,
    })
    .execute();
  await conn.db
    .insertInto('commitments')
    .values({
      ...row('c1'),
      plan_id: 'p1',
      code: 'A1',
      title: 'A1',
      description: '',
      objective: '',
      problem: '',
      solution: '',
      actors: '',
      relevance_local: '',
      relevance_national: '',
      relevance_international: '',
      ogp_values: '[]',
      calendar_text: '',
      start_date: null,
      end_date: null,
      lead_institution: '',
      responsible_person: '',
      design_verifiable: null,
      design_potential: null,
      completion: null,
      opened_government: '{}',
      factors: '',
      lessons: '',
      weight: null,
      sort_order: 0,
    })
    .execute();
  await conn.db
    .insertInto('indicators')
    .values({
      ...row('i1'),
      commitment_id: 'c1',
      code: 'I1',
      name: 'I1',
      unit: '',
      type: 'cumulative',
      direction: 'increase',
      baseline: null,
      baseline_date: null,
      target: 1,
      denominator: null,
      denominator_source: '',
      denominator_year: null,
      counting_rule: '',
      data_source: '',
      frequency: '',
      responsible_department: '',
      sort_order: 0,
    })
    .execute();
  await conn.close();
});

afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs the writer and SIGKILLs it `delayMs` after it prints `killOn`. Resolves with what it printed. */
function runAndKill(mode: 'before-commit' | 'commit', killOn: string, delayMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dbFile, mode, String(ROWS)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let stderr = '';
    let buffered = '';
    let killScheduled = false;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      const parts = buffered.split('\n');
      buffered = parts.pop()!;
      for (const line of parts) {
        lines.push(line.trim());
        if (line.trim() === killOn && !killScheduled) {
          killScheduled = true;
          setTimeout(() => child.kill('SIGKILL'), delayMs);
        }
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      // The writer never exits by itself once it has started writing: anything but our SIGKILL is a failure.
      if (signal === 'SIGKILL' && killScheduled) resolve(lines);
      else reject(new Error(`writer exited with code ${code}, signal ${signal}, printed ${JSON.stringify(lines)}\n${stderr}`));
    });
  });
}

async function inspect() {
  const conn = openDatabase(dbFile, { fileMustExist: true });
  try {
    const integrity = conn.sqlite.pragma('integrity_check', { simple: true });
    const fk = conn.sqlite.pragma('foreign_key_check') as unknown[];
    const count = (conn.sqlite.prepare(`select count(*) as n from measurements where note = 'crash test'`).get() as { n: number }).n;
    // The database stays writable after recovery.
    conn.sqlite.prepare(`update indicators set updated_at = ? where id = 'i1'`).run('2024-02-01T00:00:00.000Z');
    return { integrity, fkViolations: fk.length, count };
  } finally {
    await conn.close();
  }
}

/** A random whole number of milliseconds in [0, max]. */
const jitter = (max: number) => Math.floor(Math.random() * (max + 1));

describe('a writer killed with SIGKILL', () => {
  it('inside an open transaction: the database is intact and none of the write is there', async () => {
    const lines = await runAndKill('before-commit', 'writing', jitter(50));
    expect(lines[0]).toBe('writing');
    expect(lines).not.toContain('committing'); // this mode never commits, so the outcome is exact
    // Uncommitted pages had already been spilled to the WAL: recovery really had something to throw away.
    expect(fs.statSync(`${dbFile}-wal`).size).toBeGreaterThan(1024 * 1024);
    expect(await inspect()).toEqual({ integrity: 'ok', fkViolations: 0, count: 0 });
  });

  it('around the commit: the database is intact and the write is all there or not at all', async () => {
    // The commit (with its automatic checkpoint) takes ~100 ms here: spread the kills over and past it.
    for (const delay of [0, 10 + jitter(40), 50 + jitter(100), 150 + jitter(150)]) {
      const lines = await runAndKill('commit', 'committing', delay);
      expect(lines).toContain('committing');
      const r = await inspect();
      if (process.env.CRASH_DEBUG) console.log({ delay, lines, count: r.count });
      expect(r.integrity).toBe('ok');
      expect(r.fkViolations).toBe(0);
      // Once "committed" was printed the write must have survived; before that, either outcome is allowed.
      if (lines.includes('committed')) expect(r.count).toBe(ROWS);
      else expect([0, ROWS]).toContain(r.count);
      // Reset for the next round.
      const conn = openDatabase(dbFile, { fileMustExist: true });
      conn.sqlite.exec(`delete from measurements where note = 'crash test'`);
      await conn.close();
    }
  }, 180_000);

  it('after the commit returned: the whole write survived', async () => {
    const lines = await runAndKill('commit', 'committed', jitter(20));
    expect(lines).toEqual(['writing', 'committing', 'committed']);
    expect(await inspect()).toEqual({ integrity: 'ok', fkViolations: 0, count: ROWS });
  });
});
