import type { AttendantView } from '../contracts/index.ts';
import type { AttendantAccount } from '../contracts/staff.ts';
import type { LaneConfig } from './config.ts';
import type { Clock } from '../core/clock.ts';
import { verifyPinAsync } from '../core/pin.ts';

/**
 * PIN entry at the lane: hashes are checked off the event loop (core/pin.ts); repeated
 * failures lock PIN entry for a while (per lane, for everyone: a PIN pad cannot tell who is
 * typing).
 */
export type LoginResult =
  | { ok: true; attendant: AttendantView }
  | { ok: false; reason: 'wrongPin' | 'lockedOut'; retryAfterMs?: number; failures: number };

export class PinGate {
  private failures = 0;
  private lockedUntil = 0;

  constructor(
    private readonly accounts: readonly AttendantAccount[],
    private readonly policy: LaneConfig['pin'],
    private readonly clock: Clock,
  ) {}

  /** Check a PIN (off the event loop). Repeated failures lock PIN entry for a while. */
  async login(pin: string): Promise<LoginResult> {
    const locked = this.lockedOut();
    if (locked) return locked;
    const matches = await Promise.all(this.accounts.map((a) => verifyPinAsync(pin, a.pinHash)));
    // Attempts that were in flight when the lockout began are refused too.
    const lockedNow = this.lockedOut();
    if (lockedNow) return lockedNow;
    const account = this.accounts[matches.indexOf(true)];
    if (account) {
      this.failures = 0;
      return { ok: true, attendant: { id: account.id, name: account.name, role: account.role } };
    }
    this.failures++;
    if (this.failures >= this.policy.maxFailures) {
      this.lockedUntil = this.clock.now() + this.policy.lockoutMs;
      this.failures = 0;
      return { ok: false, reason: 'lockedOut', retryAfterMs: this.policy.lockoutMs, failures: this.policy.maxFailures };
    }
    return { ok: false, reason: 'wrongPin', failures: this.failures };
  }

  private lockedOut(): LoginResult | null {
    const now = this.clock.now();
    return now < this.lockedUntil ? { ok: false, reason: 'lockedOut', retryAfterMs: this.lockedUntil - now, failures: this.failures } : null;
  }

  /**
   * Rebuild the failure count and any running lockout from the journal at boot, so a
   * restart (or a crash someone provokes) never resets a lockout. Replays the journaled
   * outcomes in order with the same rule as `login`: a failure counts, `maxFailures` of
   * them lock from that moment, a successful login at the lane clears the count. (A PIN that
   * identified a command is not journaled as such, so its success does not clear the count:
   * the rebuilt gate errs towards locking.)
   */
  restore(events: Iterable<{ at: number; type: string; payload: unknown }>): void {
    for (const e of events) {
      if (e.type === 'attendant.loggedIn' && (e.payload as { via?: unknown } | null)?.via === 'lane') this.failures = 0;
      if (e.type !== 'attendant.loginFailed') continue;
      if (e.at < this.lockedUntil) continue; // refused while locked: does not count
      this.failures++;
      if (this.failures >= this.policy.maxFailures) {
        this.lockedUntil = e.at + this.policy.lockoutMs;
        this.failures = 0;
      }
    }
  }

  /** Look an attendant up by id (for commands arriving over the store bus). */
  account(id: string): AttendantView | null {
    const a = this.accounts.find((x) => x.id === id);
    return a ? { id: a.id, name: a.name, role: a.role } : null;
  }
}
