import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { TopicId, fail, ok } from '../../contracts/index.ts';
import type { Result } from '../../contracts/index.ts';
import { verifyPin } from '../auth.ts';
import type { Clock } from '../util/clock.ts';
import { CONSOLE_USER_PREFIX, LANE_USER_PREFIX, type BusIdentity } from './acl.ts';

/**
 * Store-bus accounts as the embedded broker checks them (lane/bus/README.md, "Accounts").
 *
 * - lanes: `lane-<laneId>` / per-lane secret
 * - consoles: `console-<consoleId>` / per-console secret — read-only
 * - attendants: user = attendant id, password = PIN or badge code, checked against scrypt
 *   hashes (lane/auth.ts); roles are enforced by each lane, which keeps the same accounts.
 *
 * A secret is either the plain secret or a `scrypt$salt$hash` made with `hashPin`.
 */
const Secret = z.string().min(8, 'at least 8 characters');
const ScryptHash = z.string().regex(/^scrypt\$[0-9a-f]+\$[0-9a-f]+$/);

export const BusAttendantAccount = z.object({
  id: TopicId.refine((id) => !id.startsWith(LANE_USER_PREFIX) && !id.startsWith(CONSOLE_USER_PREFIX), 'attendant ids may not start with lane- or console-'),
  name: z.string().min(1),
  role: z.enum(['attendant', 'supervisor']),
  pinHash: ScryptHash,
  /** Badge code (scanned card), hashed like a PIN; either one logs the attendant in. */
  badgeHash: ScryptHash.optional(),
});
export type BusAttendantAccount = z.infer<typeof BusAttendantAccount>;

export const BusAccounts = z.object({
  storeId: TopicId,
  /** laneId → secret (plain or scrypt hash). */
  lanes: z.record(TopicId, Secret),
  /** consoleId → secret; read-only consoles (wall displays, managers' tablets). */
  consoles: z.record(TopicId, Secret).default({}),
  attendants: z.array(BusAttendantAccount).default([]),
  /** Failed logins per user name before that name is locked, and for how long. */
  lockout: z
    .object({
      maxFailures: z.number().int().min(1).default(5),
      lockoutMs: z.number().int().positive().default(5 * 60_000),
    })
    .default({ maxFailures: 5, lockoutMs: 5 * 60_000 }),
});
export type BusAccounts = z.infer<typeof BusAccounts>;
export type BusAccountsInput = z.input<typeof BusAccounts>;

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
