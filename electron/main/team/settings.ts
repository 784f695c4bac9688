/**
 * The desktop app's connection choice, remembered in `connection.json` in the user's data folder: local data on
 * this PC (the default), or a team server (its address and the certificate pinned on first connection). Pure
 * Node (no `electron`): main passes the folder; tests/unit/team-settings.test.ts covers it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { normalizeFingerprint } from './pin';

export const SETTINGS_FILE = 'connection.json';

const fingerprint = z.string().refine((s) => normalizeFingerprint(s) === s, 'not a SHA-256 fingerprint');
const teamSettings = z
  .object({
    mode: z.literal('team'),
    /** https://host:port */
    origin: z.string().url().startsWith('https://'),
    /** The server's per-run token, when it asks for one (the address it printed carries it). */
    token: z.string().min(1).max(200).nullable(),
    fingerprint,
    certPem: z.string().includes('BEGIN CERTIFICATE'),
  })
  .strict();
export const connectionSettings = z.discriminatedUnion('mode', [z.object({ mode: z.literal('local') }).strict(), teamSettings]);
export type ConnectionSettings = z.infer<typeof connectionSettings>;
export type TeamSettings = z.infer<typeof teamSettings>;

/** What the app shows in its title bar for the mode in use. */
export function modeLabel(s: ConnectionSettings | null): string {
  if (!s || s.mode === 'local') return 'PLA Desk — date locale pe acest calculator';
  return `PLA Desk — server echipă ${new URL(s.origin).host}`;
}

/**
 * The saved choice; null on first run (no file) and when the file is unreadable or not ours — then the user is
 * asked again, and nothing connects anywhere on a guess.
 */
export function loadConnectionSettings(dir: string): ConnectionSettings | null {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, SETTINGS_FILE), 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = connectionSettings.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Written whole or not at all (a temporary file renamed over the old one), readable by this user only. */
export function saveConnectionSettings(dir: string, s: ConnectionSettings): void {
  const checked = connectionSettings.parse(s);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, SETTINGS_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(checked, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

/** A server address as the user typed it: `host:port`, `https://host:port`, or the full address the server printed. */
export type ServerAddress = { ok: true; origin: string; host: string; port: number; token: string | null } | { ok: false; message: string };

export function parseServerAddress(input: string): ServerAddress {
  const raw = input.trim();
  if (!raw) return { ok: false, message: 'Scrieți adresa serverului echipei, de exemplu https://pla.primariatm.local:8443.' };
  let u: URL;
  try {
    u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`);
  } catch {
    return { ok: false, message: `„${raw}” nu este o adresă de server. Exemplu: https://pla.primariatm.local:8443.` };
  }
  if (u.protocol !== 'https:')
    return { ok: false, message: 'Serverul echipei se folosește doar prin HTTPS (adresa începe cu https://): altfel parolele ar trece necriptate prin rețea.' };
  if (u.username || u.password) return { ok: false, message: 'Adresa serverului nu conține nume de utilizator sau parolă: vă autentificați după conectare.' };
  const port = u.port ? Number(u.port) : 443;
  const token = u.searchParams.get('token');
  return {
    ok: true,
    origin: `https://${u.host}`,
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port,
    token: token && /^[A-Za-z0-9_-]{1,200}$/.test(token) ? token : null,
  };
}
