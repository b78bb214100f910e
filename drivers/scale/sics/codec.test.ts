import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScaleReading } from '../../../contracts/devices.ts';
import { bytes, concat, splits } from '../testing.ts';
import type { SicsReply } from './codec.ts';
import { SicsDeviceDecoder, SicsHostDecoder, parseSicsLine, sicsDeviceEncode, sicsEncode, sicsReading } from './codec.ts';

describe('parseSicsLine — replies', () => {
  it.each<[string, SicsReply]>([
    ['S S     100.00 g', { kind: 'weight', stable: true, grams: 100 }],
    ['S D       0.532 kg', { kind: 'weight', stable: false, grams: 532 }],
    ['S S      -12.4 g', { kind: 'weight', stable: true, grams: -12 }],
    ['S S       1.0005 kg', { kind: 'weight', stable: true, grams: 1001 }],
    ['S S    2500 mg', { kind: 'weight', stable: true, grams: 3 }],
    ['S S       1.00 lb', { kind: 'weight', stable: true, grams: 454 }],
    ['SI S    10 g', { kind: 'weight', stable: true, grams: 10 }],
    ['S I', { kind: 'weightStatus', status: 'notExecutable' }],
    ['S +', { kind: 'weightStatus', status: 'overload' }],
    ['S -', { kind: 'weightStatus', status: 'underload' }],
    ['Z A', { kind: 'reply', command: 'Z', status: 'A', args: [] }],
    ['Z I', { kind: 'reply', command: 'Z', status: 'I', args: [] }],
    ['I4 A "B021002593"', { kind: 'reply', command: 'I4', status: 'A', args: ['B021002593'] }],
    ['I2 A "XS205 Excellence"', { kind: 'reply', command: 'I2', status: 'A', args: ['XS205 Excellence'] }],
    ['ES', { kind: 'error', code: 'ES' }],
    ['ET', { kind: 'error', code: 'ET' }],
    ['EL', { kind: 'error', code: 'EL' }],
  ])('%j', (line, expected) => {
    expect(parseSicsLine(line)).toEqual(expected);
  });

  it.each<[string, string]>([
    ['S', 'need a command and a status'],
    ['S S 100.00', 'weight needs a value and a unit'],
    ['S S 100.00 g extra', 'weight needs a value and a unit'],
    ['S S 100.00 t', "unknown unit 't'"],
    ['S S 1,5 g', 'not a number'],
    ['S X 1 g', "unknown weight status 'X'"],
    ['s s 1 g', 'not a command'],
    ['S S 1\x00 g', 'non-printable byte'],
  ])('bad reply %j → invalid', (line, reason) => {
    expect(parseSicsLine(line)).toMatchObject({ kind: 'invalid', reason });
  });
});

describe('SicsHostDecoder', () => {
  it('splits CR LF lines, tolerates a bare LF, skips blank lines', () => {
    expect(new SicsHostDecoder().push(bytes('S S 1 g\r\n\r\nS D 2 g\nZ A\r\n'))).toEqual([
      { kind: 'weight', stable: true, grams: 1 },
      { kind: 'weight', stable: false, grams: 2 },
      { kind: 'reply', command: 'Z', status: 'A', args: [] },
    ]);
  });

  it('drops an over-long line and resyncs on the next LF', () => {
    const d = new SicsHostDecoder();
    expect(d.push(bytes(`${'x'.repeat(300)}\r\nS S 5 g\r\n`))).toEqual([
      { kind: 'invalid', reason: 'line too long', text: '' },
      { kind: 'weight', stable: true, grams: 5 },
    ]);
  });

  it('decodes the same at every split position', () => {
    const wire = concat(sicsDeviceEncode.weight(true, '100.00', 'g'), sicsDeviceEncode.weightStatus('+'), sicsDeviceEncode.reply('I4', 'A', '"123"'));
    const whole = new SicsHostDecoder().push(wire);
    expect(whole).toEqual([
      { kind: 'weight', stable: true, grams: 100 },
      { kind: 'weightStatus', status: 'overload' },
      { kind: 'reply', command: 'I4', status: 'A', args: ['123'] },
    ]);
    for (const parts of splits(wire)) {
      const d = new SicsHostDecoder();
      expect(parts.flatMap((p) => d.push(p))).toEqual(whole);
    }
  });

  it('never throws and only emits well-formed replies (fuzz)', () => {
    const wellFormed = (r: SicsReply): boolean =>
      r.kind === 'weight' ? Number.isSafeInteger(r.grams) : r.kind === 'reply' ? /^[A-Z@][A-Z0-9]*$/.test(r.command) : true;
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.uint8Array({ maxLength: 40 }), fc.string({ maxLength: 30 }).map((s) => bytes(`${s}\r\n`))), { maxLength: 20 }), (chunks) => {
        const d = new SicsHostDecoder();
        for (const c of chunks) {
          for (const r of d.push(c)) {
            expect(wellFormed(r)).toBe(true);
            const reading = sicsReading(r);
            if (reading) expect(ScaleReading.safeParse(reading).success).toBe(true);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('after any garbage and a line end, a whole reply is decoded (resync)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.integer({ min: -99999, max: 99999 }), (garbage, grams) => {
        const d = new SicsHostDecoder();
        const out = d.push(concat(garbage, bytes('\n'), sicsDeviceEncode.weight(false, String(grams), 'g')));
        expect(out.at(-1)).toEqual({ kind: 'weight', stable: false, grams });
      }),
      { numRuns: 500 },
    );
  });
});

describe('sicsReading', () => {
  it.each<[SicsReply, ScaleReading | null]>([
    [{ kind: 'weight', stable: true, grams: 5 }, { state: 'stable', grams: 5 }],
    [{ kind: 'weight', stable: false, grams: 7 }, { state: 'motion', grams: 7 }],
    [{ kind: 'weightStatus', status: 'overload' }, { state: 'overload', grams: 0 }],
    [{ kind: 'weightStatus', status: 'underload' }, { state: 'underZero', grams: 0 }],
    [{ kind: 'weightStatus', status: 'notExecutable' }, null],
    [{ kind: 'error', code: 'ES' }, null],
  ])('%j → %j', (reply, reading) => {
    expect(sicsReading(reply)).toEqual(reading);
  });
});

describe('SicsDeviceDecoder', () => {
  it('reads commands ended by CR LF, CR or LF', () => {
    expect(new SicsDeviceDecoder().push(concat(sicsEncode.immediate(), sicsEncode.stream(), bytes('Z\r@\nI4\r\n'), bytes('bad cmd\r\n')))).toEqual([
      { kind: 'command', command: 'SI', args: [] },
      { kind: 'command', command: 'SIR', args: [] },
      { kind: 'command', command: 'Z', args: [] },
      { kind: 'command', command: '@', args: [] },
      { kind: 'command', command: 'I4', args: [] },
      { kind: 'invalid', text: 'bad cmd' },
    ]);
  });

  it('never throws on any bytes (fuzz)', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 10 }), (chunks) => {
        const d = new SicsDeviceDecoder();
        for (const c of chunks) for (const e of d.push(c)) expect(['command', 'invalid']).toContain(e.kind);
      }),
      { numRuns: 500 },
    );
  });
});
