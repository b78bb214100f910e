import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScaleReading } from '../../../contracts/devices.ts';
import { bytes, concat, splits } from '../testing.ts';
import type { Mt8217Reply } from './codec.ts';
import { Mt8217DeviceDecoder, Mt8217HostDecoder, mt8217DeviceEncode, mt8217Encode, mt8217Reading } from './codec.ts';

const STX = '\x02';
const CR = '\r';

describe('Mt8217HostDecoder — replies', () => {
  it.each<[string, 'lb' | 'kg', string, Mt8217Reply]>([
    ['lb weight', 'lb', `${STX}001.00${CR}`, { kind: 'weight', grams: 454, net: false }],
    ['lb weight with net flag', 'lb', `${STX}002.50N${CR}`, { kind: 'weight', grams: 1134, net: true }],
    ['kg weight', 'kg', `${STX}01.234${CR}`, { kind: 'weight', grams: 1234, net: false }],
    ['kg zero', 'kg', `${STX}00.000${CR}`, { kind: 'weight', grams: 0, net: false }],
    ['kg weight with leading blanks', 'kg', `${STX}  0.532${CR}`, { kind: 'weight', grams: 532, net: false }],
    ['status: motion (b6 set, as sent)', 'kg', `${STX}?A${CR}`, { kind: 'status', status: 0x01, flags: { motion: true, overCapacity: false, underZero: false, outsideZeroCapture: false, centreOfZero: false, net: false } }],
    ['status: parity bit set is masked', 'kg', `${STX}?\xc2${CR}`, { kind: 'status', status: 0x02, flags: { motion: false, overCapacity: true, underZero: false, outsideZeroCapture: false, centreOfZero: false, net: false } }],
    ['echo probe answer', 'lb', `${STX}E${CR}`, { kind: 'echo' }],
  ])('%s', (_name, unit, wire, expected) => {
    expect(new Mt8217HostDecoder(unit).push(bytes(wire))).toEqual([expected]);
  });

  it.each<[string, string, string]>([
    ['empty frame', `${STX}${CR}`, 'empty frame'],
    ['status without its byte', `${STX}?${CR}`, 'status frame needs exactly one status byte'],
    ['status with two bytes', `${STX}?AB${CR}`, 'status frame needs exactly one status byte'],
    ['letters', `${STX}12a.45${CR}`, 'not a weight'],
    ['only N', `${STX}N${CR}`, 'not a weight'],
    ['high bit set (port set to 8N1)', `${STX}\xb0\xb1.23${CR}`, 'non-ASCII byte in weight (check 7E1)'],
    ['over-long frame', `${STX}${'1'.repeat(20)}${CR}`, 'frame too long'],
  ])('bad reply: %s → invalid', (_name, wire, reason) => {
    const out = new Mt8217HostDecoder('kg').push(bytes(wire));
    expect(out[0]).toMatchObject({ kind: 'invalid', reason });
  });

  it('skips bytes outside frames (the echoed probe text, noise)', () => {
    expect(new Mt8217HostDecoder('kg').push(bytes(`${STX}E${CR}helloF junk ${STX}00.532${CR}`))).toEqual([
      { kind: 'echo' },
      { kind: 'weight', grams: 532, net: false },
    ]);
  });

  it('resyncs on STX in the middle of a frame', () => {
    expect(new Mt8217HostDecoder('kg').push(bytes(`${STX}01.${STX}00.100${CR}`))).toEqual([
      { kind: 'invalid', reason: 'frame cut by STX', text: '01.' },
      { kind: 'weight', grams: 100, net: false },
    ]);
  });

  it('decodes the same at every split position', () => {
    const wire = bytes(`${STX}01.234${CR}${STX}?A${CR}${STX}E${CR}`);
    const whole = new Mt8217HostDecoder('kg').push(wire);
    expect(whole).toHaveLength(3);
    for (const parts of splits(wire)) {
      const d = new Mt8217HostDecoder('kg');
      expect(parts.flatMap((p) => d.push(p))).toEqual(whole);
    }
  });

  it('reset() forgets a partial frame', () => {
    const d = new Mt8217HostDecoder('kg');
    d.push(bytes(`${STX}01.2`));
    d.reset();
    expect(d.push(bytes(`34${CR}${STX}00.005${CR}`))).toEqual([{ kind: 'weight', grams: 5, net: false }]);
  });
});

describe('mt8217Reading', () => {
  const status = (bits: number): Mt8217Reply => new Mt8217HostDecoder('kg').push(mt8217DeviceEncode.status(bits))[0]!;
  it.each<[string, number, ScaleReading]>([
    ['motion keeps the last grams', 0x01, { state: 'motion', grams: 700 }],
    ['over capacity', 0x02, { state: 'overload', grams: 0 }],
    ['under zero', 0x04, { state: 'underZero', grams: 0 }],
    ['outside zero capture', 0x08, { state: 'zeroError', grams: 0 }],
    ['centre of zero alone is a stable zero', 0x10, { state: 'stable', grams: 0 }],
    ['nothing we understand is not stable', 0x20, { state: 'motion', grams: 700 }],
    ['overload wins over motion', 0x03, { state: 'overload', grams: 0 }],
    ['zero error wins over motion', 0x09, { state: 'zeroError', grams: 0 }],
  ])('%s', (_name, bits, reading) => {
    expect(mt8217Reading(status(bits), 700)).toEqual(reading);
  });

  it('a weight frame is a stable reading; echo and invalid are none', () => {
    expect(mt8217Reading({ kind: 'weight', grams: 5, net: false }, 0)).toEqual({ state: 'stable', grams: 5 });
    expect(mt8217Reading({ kind: 'echo' }, 0)).toBeNull();
    expect(mt8217Reading({ kind: 'invalid', reason: 'x', text: '' }, 0)).toBeNull();
  });
});

describe('Mt8217HostDecoder — fuzz', () => {
  const valid = (r: Mt8217Reply): boolean => {
    switch (r.kind) {
      case 'weight':
        return Number.isSafeInteger(r.grams) && r.grams >= 0;
      case 'status':
        return r.status >= 0 && r.status <= 0x3f;
      case 'echo':
        return true;
      case 'invalid':
        return typeof r.reason === 'string' && r.reason.length > 0;
    }
  };

  it('never throws and only emits well-formed replies for any bytes in any chunks', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 20 }), fc.constantFrom('lb' as const, 'kg' as const), (chunks, unit) => {
        const d = new Mt8217HostDecoder(unit);
        for (const c of chunks) {
          for (const r of d.push(c)) {
            expect(valid(r)).toBe(true);
            const reading = mt8217Reading(r, 0);
            if (reading) expect(ScaleReading.safeParse(reading).success).toBe(true);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('after any garbage, a whole frame is decoded (resync)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 60 }), fc.integer({ min: 0, max: 99999 }), (garbage, thousandths) => {
        const text = `${String(Math.floor(thousandths / 1000)).padStart(2, '0')}.${String(thousandths % 1000).padStart(3, '0')}`;
        const d = new Mt8217HostDecoder('kg');
        const out = d.push(concat(garbage, mt8217DeviceEncode.weight(text)));
        expect(out.at(-1)).toEqual({ kind: 'weight', grams: thousandths, net: false });
      }),
      { numRuns: 500 },
    );
  });
});

describe('Mt8217DeviceDecoder', () => {
  it('reads single-character commands with no terminator', () => {
    expect(new Mt8217DeviceDecoder().push(bytes('WZTCW'))).toEqual([
      { kind: 'command', command: 'W' },
      { kind: 'command', command: 'Z' },
      { kind: 'command', command: 'T' },
      { kind: 'command', command: 'C' },
      { kind: 'command', command: 'W' },
    ]);
  });

  it('echoes everything after E up to and including F', () => {
    const d = new Mt8217DeviceDecoder();
    const out = d.push(concat(mt8217Encode.echoProbe('hi'), mt8217Encode.echoOff(), mt8217Encode.weight()));
    expect(out).toEqual([
      { kind: 'echoOn' },
      { kind: 'echo', byte: 0x68, last: false },
      { kind: 'echo', byte: 0x69, last: false },
      { kind: 'echo', byte: 0x46, last: true },
      { kind: 'command', command: 'W' },
    ]);
  });

  it('reports unknown bytes and strips parity', () => {
    expect(new Mt8217DeviceDecoder().push(Uint8Array.of(0x58, 0xd7))).toEqual([
      { kind: 'unknown', byte: 0x58 },
      { kind: 'command', command: 'W' },
    ]);
  });

  it('never throws on any bytes (fuzz)', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 30 }), { maxLength: 10 }), (chunks) => {
        const d = new Mt8217DeviceDecoder();
        for (const c of chunks) expect(d.push(c).length).toBe(c.length);
      }),
      { numRuns: 500 },
    );
  });
});
