/**
 * Sign-in throttling, per account and per client address (README "Security"):
 * - an account is locked for `lockMs` after `accountFailures` failed sign-ins within `windowMs`;
 * - an address is locked for `lockMs` after `addressFailures` failures within `windowMs` (higher, because
 *   several people can share one address behind a NAT or on one PC).
 * An attempt counts as a failure from the moment it starts and is taken back when it succeeds, so parallel
 * guesses cannot all slip through before the first ones are counted. The table is bounded: entries whose
 * window and lock are over are swept, and at most `maxEntries` keys are kept (the oldest go first).
 * A server (CoreOptions.persistSessions) also keeps every entry it changes in the database (ServerStore), so a
 * restart neither unlocks a locked account nor forgets the failures counted so far.
 */
import * as sq from '../../../db/queries/server';
import type { ServerStore } from './server-store';

export interface ThrottlePolicy {
  accountFailures: number;
  addressFailures: number;
  windowMs: number;
  lockMs: number;
  maxEntries: number;
}

export const DEFAULT_THROTTLE: ThrottlePolicy = { accountFailures: 10, addressFailures: 30, windowMs: 15 * 60_000, lockMs: 15 * 60_000, maxEntries: 10_000 };

interface Entry {
  failures: number[];
  lockedUntil: number;
}

export type ThrottleVerdict = { ok: true } | { ok: false; key: 'account' | 'address'; retryAfterMs: number };

export class LoginThrottle {
  private entries = new Map<string, Entry>();
  constructor(
    private policy: ThrottlePolicy = DEFAULT_THROTTLE,
    private clock: () => number = Date.now,
    private store: ServerStore | null = null,
  ) {}

  /** The entries the database remembers (a server's start). */
  async load() {
    if (!this.store) return;
    const now = this.clock();
    for (const r of await this.store.loadThrottle()) {
      const failures = (JSON.parse(r.failures) as string[]).map((t) => Date.parse(t)).filter((t) => now - t < this.policy.windowMs);
      const lockedUntil = r.locked_until ? Date.parse(r.locked_until) : 0;
      if (failures.length || lockedUntil > now) this.entries.set(r.key, { failures, lockedUntil });
    }
  }

  /** Writes the entries of these keys as they are now (deleted when gone). */
  private save(keys: string[]) {
    if (!this.store) return;
    const now = new Date(this.clock()).toISOString();
    const rows = keys.map((key) => ({ key, e: this.entries.get(key) }));
    void this.store.write('sign-in throttle', async (trx) => {
      for (const { key, e } of rows) {
        if (!e || (!e.failures.length && !e.lockedUntil)) await sq.deleteThrottle(trx, [key]);
        else
          await sq.putThrottle(trx, {
            key,
            failures: JSON.stringify(e.failures.map((t) => new Date(t).toISOString())),
            locked_until: e.lockedUntil ? new Date(e.lockedUntil).toISOString() : null,
            updated_at: now,
          });
      }
    });
  }

  /** Resolves once every change so far is in the database. */
  flush(): Promise<void> {
    return this.store?.flush() ?? Promise.resolve();
  }

  private keys(username: string, address: string | null | undefined) {
    const out: Array<{ key: string; kind: 'account' | 'address'; max: number }> = [
      { key: `u:${username.trim().toLowerCase()}`, kind: 'account', max: this.policy.accountFailures },
    ];
    if (address) out.push({ key: `a:${address}`, kind: 'address', max: this.policy.addressFailures });
    return out;
  }

  private entry(key: string, now: number): Entry {
    let e = this.entries.get(key);
    if (!e) {
      if (this.entries.size >= this.policy.maxEntries) this.sweep(now);
      while (this.entries.size >= this.policy.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, (e = { failures: [], lockedUntil: 0 }));
    }
    e.failures = e.failures.filter((t) => now - t < this.policy.windowMs);
    return e;
  }

  private sweep(now: number) {
    for (const [k, e] of this.entries) if (e.lockedUntil <= now && e.failures.every((t) => now - t >= this.policy.windowMs)) this.entries.delete(k);
  }

  /** Starts an attempt: refused while a lock holds or the limit is reached; otherwise counted as a failure until `succeeded`. */
  begin(username: string, address: string | null | undefined): ThrottleVerdict {
    const now = this.clock();
    const keys = this.keys(username, address);
    for (const k of keys) {
      const e = this.entry(k.key, now);
      if (e.lockedUntil > now) return { ok: false, key: k.kind, retryAfterMs: e.lockedUntil - now };
      if (e.failures.length >= k.max) return { ok: false, key: k.kind, retryAfterMs: this.policy.lockMs };
    }
    for (const k of keys) this.entry(k.key, now).failures.push(now);
    this.save(keys.map((k) => k.key));
    return { ok: true };
  }

  /** The attempt failed (it stays counted); returns the keys this failure has just locked, for the audit log. */
  failed(username: string, address: string | null | undefined): Array<'account' | 'address'> {
    const now = this.clock();
    const locked: Array<'account' | 'address'> = [];
    for (const k of this.keys(username, address)) {
      const e = this.entry(k.key, now);
      if (e.failures.length >= k.max && e.lockedUntil <= now) {
        e.lockedUntil = now + this.policy.lockMs;
        locked.push(k.kind);
      }
    }
    if (locked.length) this.save(this.keys(username, address).map((k) => k.key));
    return locked;
  }

  /** The attempt begun at `begin` was right: take it back and clear the account's failures. */
  succeeded(username: string, address: string | null | undefined) {
    const now = this.clock();
    const [account, addr] = this.keys(username, address);
    this.entries.delete(account.key);
    if (addr) {
      const e = this.entry(addr.key, now);
      e.failures.pop();
    }
    this.save([account.key, ...(addr ? [addr.key] : [])]);
  }

  get size() {
    return this.entries.size;
  }
}
