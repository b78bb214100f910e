import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';
import type { AttendantView } from '../contracts/index.ts';
import type { AttendantAccount, LaneConfig } from './config.ts';
import type { Clock } from './util/clock.ts';

/**
 * Attendant PINs: stored only as scrypt hashes (`scrypt$salt$hash`), compared in constant
 * time; repeated failures lock PIN entry for a while (per lane, for everyone: a PIN pad
 * cannot tell who is typing).
 */
const KEYLEN = 32;
const COST = { N: 16384, r: 8, p: 1 };

export function hashPin(pin: string, salt: Buffer = randomBytes(16)): string {
  const hash = scryptSync(pin, salt, KEYLEN, COST);
  return `scrypt$${salt.toString('hex')}$${hash.toString('hex')}`;
}

/**
 * Like `verifyPin`, but the scrypt runs on libuv's thread pool: a lane's event loop (scans,
 * scale verdicts) never waits the ~50 ms a PIN check costs.
 */
export function verifyPinAsync(pin: string, stored: string): Promise<boolean> {
  const [scheme, saltHex, hashHex] = stored.split('$');
  if (scheme !== 'scrypt' || !saltHex || !hashHex) return Promise.resolve(false);
  const expected = Buffer.from(hashHex, 'hex');
  return new Promise((resolve) => {
    scrypt(pin, Buffer.from(saltHex, 'hex'), expected.length, COST, (err, actual) => {
      resolve(!err && expected.length === actual.length && timingSafeEqual(expected, actual));
    });
  });
}

export function verifyPin(pin: string, stored: string): boolean {
  const [scheme, saltHex, hashHex] = stored.split('$');
  if (scheme !== 'scrypt' || !saltHex || !hashHex) return false;
  const expected = Buffer.from(hashHex, 'hex');
  const actual = scryptSync(pin, Buffer.from(saltHex, 'hex'), expected.length, COST);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/**
 * Demo accounts for a simulated lane (documented in the README): attendant "Alex" PIN 1234,
 * supervisor "Sam" PIN 9999. Real stores configure `attendants` with their own hashes.
 * Fixed salts keep them deterministic, and the hashes are written out (they are
 * `hashPin('1234', <alex salt>)` and `hashPin('9999', <sam salt>)`) so that importing this
 * module costs no scrypt at start-up (two scrypts were ~40–80 ms of every service start).
 * Never use these accounts in a store.
 */
export const DEMO_ATTENDANTS: AttendantAccount[] = [
  { id: 'alex', name: 'Alex', role: 'attendant', pinHash: 'scrypt$6c616e652d64656d6f2d616c6578$e49bfe8f908acb55b5dd9baaf5b9c0f824a4e49953f067adf182c472b061ec2b' },
  { id: 'sam', name: 'Sam', role: 'supervisor', pinHash: 'scrypt$6c616e652d64656d6f2d73616d$45f890a9fee170bc4a871ae548f4702174030de33c0872c8e1dade2e2e604bd0' },
];

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

  /** Look an attendant up by id (for commands arriving over the store bus). */
  account(id: string): AttendantView | null {
    const a = this.accounts.find((x) => x.id === id);
    return a ? { id: a.id, name: a.name, role: a.role } : null;
  }
}
