import { describe, expect, it } from 'vitest';
import { DEMO_ATTENDANTS } from '../store-bus/demo.ts';
import { hashPin } from '../core/pin.ts';
import { ManualClock } from '../core/clock.ts';
import { BusAccounts } from '../store-bus/accounts.ts';
import { BusAuthenticator } from './authenticator.ts';

const accounts = {
  storeId: 'store-1',
  lanes: { l1: 'lane-one-secret', l2: hashPin('lane-two-secret', Buffer.from('00112233', 'hex')) },
  consoles: { wall: 'wall-secret-123' },
  attendants: [...DEMO_ATTENDANTS, { id: 'kim', name: 'Kim', role: 'attendant' as const, pinHash: hashPin('5555', Buffer.from('0a0b', 'hex')), badgeHash: hashPin('BADGE-0042', Buffer.from('0c0d', 'hex')) }],
  lockout: { maxFailures: 3, lockoutMs: 60_000 },
};

describe('BusAuthenticator', () => {
  it('knows lanes (plain or hashed secret), consoles and attendants (PIN or badge)', () => {
    const a = new BusAuthenticator(accounts, new ManualClock());
    expect(a.authenticate('lane-l1', 'lane-one-secret')).toMatchObject({ ok: true, value: { kind: 'lane', laneId: 'l1' } });
    expect(a.authenticate('lane-l2', 'lane-two-secret')).toMatchObject({ ok: true, value: { kind: 'lane', laneId: 'l2' } });
    expect(a.authenticate('console-wall', 'wall-secret-123')).toMatchObject({ ok: true, value: { kind: 'console', consoleId: 'wall' } });
    expect(a.authenticate('sam', '9999')).toMatchObject({ ok: true, value: { kind: 'attendant', attendant: { id: 'sam', role: 'supervisor' } } });
    expect(a.authenticate('kim', 'BADGE-0042')).toMatchObject({ ok: true, value: { kind: 'attendant', attendant: { id: 'kim' } } });
  });

  it('refuses wrong secrets, unknown names and another attendant’s PIN', () => {
    const a = new BusAuthenticator(accounts, new ManualClock());
    expect(a.authenticate('lane-l1', 'lane-two-secret').ok).toBe(false);
    expect(a.authenticate('lane-l3', 'lane-one-secret').ok).toBe(false);
    expect(a.authenticate('console-door', 'wall-secret-123').ok).toBe(false);
    expect(a.authenticate('alex', '9999').ok).toBe(false);
    expect(a.authenticate('lane-__proto__', 'x').ok).toBe(false);
  });

  it('locks a name after maxFailures, refuses the right PIN while locked, and unlocks after lockoutMs', () => {
    const clock = new ManualClock();
    const a = new BusAuthenticator(accounts, clock);
    expect(a.authenticate('alex', '0000')).toMatchObject({ ok: false, reason: 'badCredentials' });
    expect(a.authenticate('alex', '0001')).toMatchObject({ ok: false, reason: 'badCredentials' });
    expect(a.authenticate('alex', '0002')).toMatchObject({ ok: false, reason: 'lockedOut', retryAfterMs: 60_000 });
    expect(a.authenticate('alex', '1234')).toMatchObject({ ok: false, reason: 'lockedOut' });
    expect(a.authenticate('sam', '9999').ok).toBe(true);
    clock.advance(60_000);
    expect(a.authenticate('alex', '1234').ok).toBe(true);
  });

  it('a success clears the failure count', () => {
    const a = new BusAuthenticator(accounts, new ManualClock());
    a.authenticate('alex', '0000');
    a.authenticate('alex', '0001');
    expect(a.authenticate('alex', '1234').ok).toBe(true);
    expect(a.authenticate('alex', '0002')).toMatchObject({ reason: 'badCredentials' });
  });
});

describe('BusAccounts', () => {
  it('rejects attendant ids that look like lane or console users, short secrets and bad ids', () => {
    expect(BusAccounts.safeParse({ ...accounts, attendants: [{ ...DEMO_ATTENDANTS[0]!, id: 'lane-x' }] }).success).toBe(false);
    expect(BusAccounts.safeParse({ ...accounts, lanes: { l1: 'short' } }).success).toBe(false);
    expect(BusAccounts.safeParse({ ...accounts, lanes: { 'l/1': 'long-enough-secret' } }).success).toBe(false);
    expect(BusAccounts.safeParse(accounts).success).toBe(true);
  });
});
