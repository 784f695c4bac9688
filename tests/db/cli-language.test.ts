/**
 * The command line speaks Romanian to its (Romanian) users by default, English on request, and its errors are
 * full sentences that name the field and what to do — never zod's English ("Too small: expected string …").
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../electron/cli';
import { count, tempDir } from './helpers';

const BIN = path.resolve('bin/pla-desk.js');
function cli(args: string[], env: Record<string, string | undefined>, input?: string) {
  const base = { ...process.env };
  for (const k of ['PLA_DESK_LANG', 'LANG', 'LC_ALL', 'LC_MESSAGES']) delete base[k];
  const r = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', timeout: 60_000, env: { ...base, ...env } as NodeJS.ProcessEnv });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The CLI in this process, with the given language variables only; returns what it printed on stderr. */
async function run(args: string[], env: Record<string, string> = {}) {
  const saved = { ...process.env };
  for (const k of ['PLA_DESK_LANG', 'LANG', 'LC_ALL', 'LC_MESSAGES']) delete process.env[k];
  Object.assign(process.env, env);
  const lines: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  vi.spyOn(console, 'log').mockImplementation(() => {});
  try {
    const code = await main(args);
    return { code, err: lines.join('\n') };
  } finally {
    process.env = saved;
    vi.restoreAllMocks();
  }
}
afterEach(() => vi.restoreAllMocks());

const ZOD_ENGLISH = /Too small|Too big|expected string|Invalid input|Invalid option/;

describe('pla-desk speaks Romanian by default', () => {
  it('a user name too short is refused with a Romanian sentence naming the field and what to do; nothing is written', async () => {
    const dir = path.join(tempDir(), 'data');
    expect(cli(['init', '--data-dir', dir], { LANG: 'C.UTF-8' }).code).toBe(0);
    const r = cli(['user', 'add', '--data-dir', dir, '--username', 'ab', '--role', 'coordinator', '--password-stdin'], { LANG: 'C.UTF-8' }, 'x\n');
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain('câmpul «username»: Textul este prea scurt; numărul minim de caractere: 3.');
    expect(r.err).toContain('«password»');
    expect(r.err).toContain('Corectați valoarea și rulați din nou comanda.');
    expect(r.err).not.toMatch(ZOD_ENGLISH);
    expect(await count(dir, 'users')).toBe(0);
  });

  it('usage errors are Romanian sentences too, with what to do', async () => {
    const root = tempDir();
    const role = await run(['user', 'add', '--data-dir', root, '--username', 'ana', '--role', 'boss', '--password-stdin']);
    expect(role.code).toBe(2);
    expect(role.err).toMatch(/--role trebuie să fie unul dintre: coordinator, member, evaluator, viewer\. Alegeți rolul potrivit/);
    expect(role.err).toContain('Utilizare: pla-desk user add');
    const none = await run(['plan', 'export', '--data-dir', path.join(root, 'nu-exista'), '--out', path.join(root, 'plan.xlsx')]);
    expect(none.err).toMatch(/nu există o bază de date în .*; rulați mai întâi pla-desk init/);
    expect((await run(['frobnicate'])).err).toMatch(/comanda „frobnicate” nu există\. Rulați pla-desk --help/);
    expect((await run(['plan', 'export', '--out', path.join(root, 'plan.csv')])).err).toContain(
      '--out trebuie să se termine în .xlsx; alegeți un nume de fișier Excel.',
    );
  });

  it('speaks English with --lang en, PLA_DESK_LANG=en or an English locale; Romanian again with --lang ro', async () => {
    const dir = path.join(tempDir(), 'data');
    const r = cli(['user', 'add', '--data-dir', dir, '--username', 'ab', '--role', 'coordinator', '--password-stdin', '--lang', 'en'], {}, 'x\n');
    expect(r.code).toBe(1);
    expect(r.err).toContain('username: Too short; the minimum number of characters is 3.');
    expect(r.err).toContain('Correct the value and run the command again.');
    const args = ['user', 'add', '--username', 'ana', '--role', 'boss', '--password-stdin'];
    for (const env of [{ PLA_DESK_LANG: 'en' }, { LANG: 'en_GB.UTF-8' }] as Array<Record<string, string>>)
      expect((await run(args, env)).err, JSON.stringify(env)).toContain('--role must be one of');
    expect((await run([...args, '--lang', 'ro'], { LANG: 'en_GB.UTF-8' })).err).toContain('--role trebuie să fie unul dintre');
    expect((await run([...args, '--lang', 'fr'])).err).toContain('--lang este ro sau en.');
  });
});
