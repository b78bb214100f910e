import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScaleReading, Scan } from '../../../contracts/devices.ts';
import { bytes, concat, splits } from '../testing.ts';
import type { MagellanMessage } from './codec.ts';
import { MagellanDeviceDecoder, MagellanHostDecoder, magellanDeviceEncode, magellanEncode, magellanReading } from './codec.ts';

const scan = (data: string, symbology?: string): MagellanMessage => ({ kind: 'scan', scan: { data, ...(symbology ? { symbology } : {}), source: 'magellan' } });

describe('MagellanHostDecoder — messages', () => {
  it.each<[string, 'kg' | 'lb', string, MagellanMessage]>([
    ['UPC-A', 'kg', 'S08A012345678905\r', scan('012345678905', ']E0')],
    ['EAN-13', 'kg', 'S08F4006381333931\r', scan('4006381333931', ']E0')],
    ['EAN-8 (F with 8 digits)', 'kg', 'S08F96385074\r', scan('96385074', ']E4')],
    ['UPC-E', 'kg', 'S08E01234565\r', scan('01234565', ']E0')],
    ['DataBar', 'kg', 'S08R0100012345678905\r', scan('0100012345678905', ']e0')],
    ['Code 39', 'kg', 'S08B1ABC-123\r', scan('ABC-123', ']A0')],
    ['ITF', 'kg', 'S08B212345678\r', scan('12345678', ']I0')],
    ['Code 128 with GS', 'kg', 'S08B3AB\x1dCD\r', scan('AB\x1dCD', ']C0')],
    ['S11 kg (5 digits)', 'kg', 'S1100532\r', { kind: 'weight', grams: 532 }],
    ['S11 lb (4 digits)', 'lb', 'S110100\r', { kind: 'weight', grams: 454 }],
    ['S140 zero error', 'kg', 'S140\r', { kind: 'status', status: 'zeroError', grams: 0 }],
    ['S141 motion', 'kg', 'S141\r', { kind: 'status', status: 'motion', grams: 0 }],
    ['S142 overload', 'kg', 'S142\r', { kind: 'status', status: 'overload', grams: 0 }],
    ['S143 stable zero', 'kg', 'S143\r', { kind: 'status', status: 'stableZero', grams: 0 }],
    ['S144 stable kg', 'kg', 'S14401234\r', { kind: 'status', status: 'stable', grams: 1234 }],
    ['S144 stable lb', 'lb', 'S1440250\r', { kind: 'status', status: 'stable', grams: 1134 }],
    ['S145 under zero', 'kg', 'S145\r', { kind: 'status', status: 'underZero', grams: 0 }],
    ['CR LF terminator tolerated', 'kg', 'S143\r\n', { kind: 'status', status: 'stableZero', grams: 0 }],
    ['garbage glued before a message', 'kg', '\x15~~S143\r', { kind: 'status', status: 'stableZero', grams: 0 }],
  ])('%s', (_name, unit, wire, expected) => {
    expect(new MagellanHostDecoder(unit).push(bytes(wire))).toEqual([expected]);
  });

  it.each<[string, 'kg' | 'lb', string, string]>([
    ['unknown scanner type', 'kg', 'S08Z123\r', 'unknown scanner message'],
    ['scan without data', 'kg', 'S08A\r', 'unknown scanner message'],
    ['B without its digit', 'kg', 'S08B\r', 'unknown scanner message'],
    ['S11 lb digits in kg mode', 'kg', 'S110100\r', 'weight needs 5 digits (kg)'],
    ['S11 kg digits in lb mode', 'lb', 'S1100532\r', 'weight needs 4 digits (lb)'],
    ['S144 without weight', 'kg', 'S144\r', 'weight needs 5 digits (kg)'],
    ['S144 with letters', 'kg', 'S1440a234\r', 'weight needs 5 digits (kg)'],
    ['S146', 'kg', 'S146\r', 'unknown scale status'],
    ['S143 with text after', 'kg', 'S1431\r', 'unexpected text after status'],
    ['unknown message', 'kg', 'S99\r', 'unknown message'],
    ['no S at all', 'kg', 'hello\r', 'no message start'],
    ['control byte inside', 'kg', 'S08A01\x0023\r', 'unexpected control or non-ASCII byte'],
  ])('bad message: %s → invalid', (_name, unit, wire, reason) => {
    expect(new MagellanHostDecoder(unit).push(bytes(wire))[0]).toMatchObject({ kind: 'invalid', reason });
  });

  it('decodes the same at every split position', () => {
    const wire = bytes('S08F4006381333931\rS14401234\rS141\r');
    const whole = new MagellanHostDecoder('kg').push(wire);
    expect(whole).toHaveLength(3);
    for (const parts of splits(wire)) {
      const d = new MagellanHostDecoder('kg');
      expect(parts.flatMap((p) => d.push(p))).toEqual(whole);
    }
  });

  it('never throws and only emits valid scans and readings (fuzz)', () => {
    const piece = fc.oneof(
      fc.uint8Array({ maxLength: 30 }),
      fc.constantFrom('S08A', 'S08F', 'S08B3', 'S14', 'S11', 'S144', '\r', 'S08R').chain((p) => fc.string({ maxLength: 12 }).map((s) => bytes(`${p}${s}\r`))),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), fc.constantFrom('kg' as const, 'lb' as const), (chunks, unit) => {
        const d = new MagellanHostDecoder(unit);
        for (const c of chunks) {
          for (const m of d.push(c)) {
            if (m.kind === 'scan') expect(Scan.safeParse(m.scan).success).toBe(true);
            const reading = magellanReading(m, 0);
            if (reading) expect(ScaleReading.safeParse(reading).success).toBe(true);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('after any garbage and a CR, a whole message is decoded (resync)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 700 }), fc.integer({ min: 1, max: 99999 }), (garbage, grams) => {
        const d = new MagellanHostDecoder('kg');
        const out = d.push(concat(garbage, bytes('\r'), magellanDeviceEncode.stable(String(grams).padStart(5, '0'))));
        expect(out.at(-1)).toEqual({ kind: 'status', status: 'stable', grams });
      }),
      { numRuns: 500 },
    );
  });
});

describe('magellanReading', () => {
  it.each<[MagellanMessage, ScaleReading | null]>([
    [{ kind: 'weight', grams: 5 }, { state: 'stable', grams: 5 }],
    [{ kind: 'status', status: 'stable', grams: 9 }, { state: 'stable', grams: 9 }],
    [{ kind: 'status', status: 'stableZero', grams: 0 }, { state: 'stable', grams: 0 }],
    [{ kind: 'status', status: 'motion', grams: 0 }, { state: 'motion', grams: 300 }],
    [{ kind: 'status', status: 'overload', grams: 0 }, { state: 'overload', grams: 0 }],
    [{ kind: 'status', status: 'underZero', grams: 0 }, { state: 'underZero', grams: 0 }],
    [{ kind: 'status', status: 'zeroError', grams: 0 }, { state: 'zeroError', grams: 0 }],
    [scan('1'), null],
  ])('%j → %j (last grams 300)', (m, reading) => {
    expect(magellanReading(m, 300)).toEqual(reading);
  });
});

describe('MagellanDeviceDecoder', () => {
  it('reads host commands and flags unknown ones', () => {
    expect(new MagellanDeviceDecoder().push(concat(magellanEncode.scaleStatus(), magellanEncode.nextStableWeight(), magellanEncode.beep(), magellanEncode.reset(), bytes('S99\r')))).toEqual([
      { kind: 'command', command: 'scaleStatus' },
      { kind: 'command', command: 'nextStableWeight' },
      { kind: 'command', command: 'beep' },
      { kind: 'command', command: 'reset' },
      { kind: 'invalid', text: 'S99' },
    ]);
  });

  it('never throws on any bytes (fuzz)', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 100 }), { maxLength: 10 }), (chunks) => {
        const d = new MagellanDeviceDecoder();
        for (const c of chunks) d.push(c);
      }),
      { numRuns: 300 },
    );
  });
});
