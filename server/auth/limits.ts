// Per-user limits of the team mode, so that one account cannot fill the disk or the run queue:
// saves per minute (429), bytes of saved deal versions (413), runs queued or running (429, enforced
// by the run manager). And the brake on password guessing: failed logins per account and per
// address (429). Each refusal says the limit and how to get under it.
import { HttpError } from '../http-errors.js';

export interface UserLimits {
  /** Saves (new versions or new deals) per account per minute. */
  savesPerMinute: number;
  /** Bytes of all deal versions an account has saved. */
  storageBytes: number;
  /** Runs and sizing searches an account may have queued or running at once. */
  activeRuns: number;
}

export const defaultUserLimits: UserLimits = { savesPerMinute: 30, storageBytes: 50 * 1024 * 1024, activeRuns: 3 };

const MB = 1024 * 1024;
const mb = (n: number) => `${(n / MB).toFixed(n < 10 * MB ? 1 : 0)} MB`;

export class SaveRate {
  private readonly times = new Map<string, number[]>();
  constructor(private readonly perMinute: number) {}

  /** Count a save for `user` now, or refuse with 429; returns a function that takes it back (failed save). */
  take(user: string, now = Date.now()): () => void {
    const recent = (this.times.get(user) ?? []).filter((t) => t > now - 60_000);
    if (recent.length >= this.perMinute) {
      const wait = Math.max(1, Math.ceil(((recent[0] as number) + 60_000 - now) / 1000));
      throw new HttpError(429, `saves: ${user} has saved ${recent.length} times in the last minute; the limit is ${this.perMinute} saves a minute per user (IPABS_USER_SAVES_PER_MINUTE) — try again in ${wait} s`);
    }
    recent.push(now);
    this.times.set(user, recent);
    return () => {
      const i = recent.indexOf(now);
      if (i >= 0) recent.splice(i, 1);
    };
  }
}

/** 413 if saving `bytes` more would take `user` past the storage limit. */
export function checkStorage(user: string, usedBytes: number, bytes: number, limit: number): void {
  if (usedBytes + bytes > limit) {
    throw new HttpError(413, `storage: this version (${mb(bytes)}) would take the deals ${user} has saved to ${mb(usedBytes + bytes)}; the limit is ${mb(limit)} per user (IPABS_USER_STORAGE_MB) — ask an admin to raise it`);
  }
}

/** Failed logins: at most `max` per account and per address in `windowMs`. */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();
  constructor(private readonly max = 10, private readonly windowMs = 15 * 60_000) {}

  /** 429 if either key has too many recent failures. */
  check(keys: string[], now = Date.now()): void {
    for (const k of keys) {
      const recent = this.recent(k, now);
      if (recent.length >= this.max) {
        const wait = Math.ceil(((recent[0] as number) + this.windowMs - now) / 60_000);
        throw new HttpError(429, `login: too many failed sign-ins (${this.max} in ${this.windowMs / 60_000} minutes) — try again in ${wait} min`);
      }
    }
  }

  fail(keys: string[], now = Date.now()): void {
    for (const k of keys) this.failures.set(k, [...this.recent(k, now), now]);
  }

  /** A right password clears its account's count (not the address's: one good account must not reset it). */
  succeed(accountKey: string): void {
    this.failures.delete(accountKey);
  }

  private recent(k: string, now: number): number[] {
    if (this.failures.size > 10_000) {
      // Guesses at many names must not grow memory without end: forget keys with no recent failure.
      for (const [key, ts] of this.failures) if (!ts.some((t) => t > now - this.windowMs)) this.failures.delete(key);
    }
    return (this.failures.get(k) ?? []).filter((t) => t > now - this.windowMs);
  }
}
