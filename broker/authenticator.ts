import { createHash, timingSafeEqual } from 'node:crypto';
import { fail, ok } from '../contracts/index.ts';
import type { Result } from '../contracts/index.ts';
import type { Clock } from '../core/clock.ts';
import { verifyPin } from '../core/pin.ts';
import { BusAccounts, ScryptHash, type BusAccountsInput } from '../store-bus/accounts.ts';
import { CONSOLE_USER_PREFIX, LANE_USER_PREFIX, type BusIdentity } from '../store-bus/acl.ts';

function secretMatches(given: string, stored: string): boolean {
  if (ScryptHash.safeParse(stored).success) return verifyPin(given, stored);
  // Compare digests so neither length nor content leaks through timing.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(stored).digest();
  return timingSafeEqual(a, b);
}

export type AuthFailure = 'badCredentials' | 'lockedOut';

/**
 * Checks user name and password and keeps the lockout: `maxFailures` wrong passwords for
 * one user name (known or not, so names cannot be probed) lock that name for `lockoutMs`,
 * during which even the right password is refused.
 */
export class BusAuthenticator {
  private readonly failures = new Map<string, { count: number; lockedUntil: number }>();
  readonly accounts: BusAccounts;

  constructor(
    accounts: BusAccountsInput,
    private readonly clock: Clock,
  ) {
    this.accounts = BusAccounts.parse(accounts);
  }

  authenticate(username: string, password: string): Result<BusIdentity> & { reason?: AuthFailure; retryAfterMs?: number } {
    const now = this.clock.now();
    const entry = this.failures.get(username);
    if (entry && entry.lockedUntil > now) {
      return { ...fail('unauthorized', `'${username}' is locked after repeated failures`), reason: 'lockedOut', retryAfterMs: entry.lockedUntil - now };
    }
    const identity = this.check(username, password);
    if (identity) {
      this.failures.delete(username);
      return ok(identity);
    }
    // After an expired lockout the count starts again.
    const count = (entry && entry.lockedUntil === 0 ? entry.count : 0) + 1;
    const { maxFailures, lockoutMs } = this.accounts.lockout;
    if (count >= maxFailures) {
      this.failures.set(username, { count: 0, lockedUntil: now + lockoutMs });
      return { ...fail('unauthorized', `'${username}' is locked after repeated failures`), reason: 'lockedOut', retryAfterMs: lockoutMs };
    }
    if (this.failures.size > 10_000) this.prune(now);
    this.failures.set(username, { count, lockedUntil: 0 });
    return { ...fail('unauthorized', 'wrong user name or password'), reason: 'badCredentials' };
  }

  private prune(now: number): void {
    for (const [k, v] of this.failures) if (v.lockedUntil !== 0 && v.lockedUntil <= now) this.failures.delete(k);
  }

  private check(username: string, password: string): BusIdentity | null {
    const a = this.accounts;
    if (username.startsWith(LANE_USER_PREFIX)) {
      const laneId = username.slice(LANE_USER_PREFIX.length);
      const secret = Object.hasOwn(a.lanes, laneId) ? a.lanes[laneId] : undefined;
      return secret !== undefined && secretMatches(password, secret) ? { kind: 'lane', username, laneId } : null;
    }
    if (username.startsWith(CONSOLE_USER_PREFIX)) {
      const consoleId = username.slice(CONSOLE_USER_PREFIX.length);
      const secret = Object.hasOwn(a.consoles, consoleId) ? a.consoles[consoleId] : undefined;
      return secret !== undefined && secretMatches(password, secret) ? { kind: 'console', username, consoleId } : null;
    }
    const att = a.attendants.find((x) => x.id === username);
    if (!att) return null;
    const okPin = verifyPin(password, att.pinHash) || (att.badgeHash !== undefined && verifyPin(password, att.badgeHash));
    return okPin ? { kind: 'attendant', username, attendant: { id: att.id, name: att.name, role: att.role } } : null;
  }
}
