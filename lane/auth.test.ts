import { describe, expect, it } from 'vitest';
import { PinGate } from './auth.ts';
import { DEMO_ATTENDANTS } from '../store-bus/demo.ts';
import { hashPin, verifyPin, verifyPinAsync } from '../core/pin.ts';
import { ManualClock } from '../core/clock.ts';

describe('PIN hashing', () => {
  it('verifies the right PIN and refuses a wrong one, sync and async alike', async () => {
    const h = hashPin('2468');
    expect(h).toMatch(/^scrypt\$[0-9a-f]+\$[0-9a-f]+$/);
    expect(h).not.toContain('2468');
    expect(verifyPin('2468', h)).toBe(true);
    expect(verifyPin('2469', h)).toBe(false);
    expect(await verifyPinAsync('2468', h)).toBe(true);
    expect(await verifyPinAsync('2469', h)).toBe(false);
  });

  it.each([['not a hash'], ['bcrypt$aa$bb'], ['scrypt$$'], ['']])('refuses a malformed stored hash %j', async (stored) => {
    expect(verifyPin('1234', stored)).toBe(false);
    expect(await verifyPinAsync('1234', stored)).toBe(false);
  });

  it('the demo accounts are Alex 1234 (attendant) and Sam 9999 (supervisor)', async () => {
    const gate = new PinGate(DEMO_ATTENDANTS, { maxFailures: 5, lockoutMs: 60_000 }, new ManualClock());
    expect(await gate.login('1234')).toMatchObject({ ok: true, attendant: { id: 'alex', role: 'attendant' } });
    expect(await gate.login('9999')).toMatchObject({ ok: true, attendant: { id: 'sam', role: 'supervisor' } });
  });
});

describe('PinGate', () => {
  it('checks a PIN off the event loop: other work runs while it is being checked', async () => {
    const gate = new PinGate(DEMO_ATTENDANTS, { maxFailures: 5, lockoutMs: 60_000 }, new ManualClock());
    let ranMeanwhile = false;
    const login = gate.login('1234');
    setImmediate(() => {
      ranMeanwhile = true;
    });
    expect((await login).ok).toBe(true);
    expect(ranMeanwhile).toBe(true);
  });

  it('locks after repeated failures, refuses even the right PIN while locked, then lets it in', async () => {
    const clock = new ManualClock();
    const gate = new PinGate(DEMO_ATTENDANTS, { maxFailures: 3, lockoutMs: 60_000 }, clock);
    expect(await gate.login('0000')).toMatchObject({ ok: false, reason: 'wrongPin', failures: 1 });
    expect(await gate.login('0001')).toMatchObject({ ok: false, reason: 'wrongPin', failures: 2 });
    expect(await gate.login('0002')).toMatchObject({ ok: false, reason: 'lockedOut', retryAfterMs: 60_000 });
    expect(await gate.login('1234')).toMatchObject({ ok: false, reason: 'lockedOut' });
    clock.advance(60_000);
    expect((await gate.login('1234')).ok).toBe(true);
  });
});
