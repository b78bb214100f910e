import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allValid, bytes, run, scans, splits } from '../testing.ts';
import { SerialScannerDecoder, encodeDatalogic, encodeSerialScan, type SerialScannerCodecOptions } from './codec.ts';

const make = (o: Partial<SerialScannerCodecOptions> = {}) => new SerialScannerDecoder({ suffix: 'CRLF', aimPrefix: true, ...o });

describe('serial scanner decoder: good frames', () => {
  const cases: [string, Partial<SerialScannerCodecOptions>, string, { data: string; symbology?: string }[]][] = [
    ['CRLF', {}, '4006381333931\r\n', [{ data: '4006381333931' }]],
    ['CR', { suffix: 'CR' }, '4006381333931\r', [{ data: '4006381333931' }]],
    ['LF', { suffix: 'LF' }, '4006381333931\n', [{ data: '4006381333931' }]],
    ['CR sent to a CRLF-configured decoder (lenient)', {}, '123\r', [{ data: '123' }]],
    ['AIM prefix parsed', {}, ']E04006381333931\r\n', [{ data: '4006381333931', symbology: ']E0' }]],
    ['AIM prefix kept when parsing is off', { aimPrefix: false }, ']E0123\r\n', [{ data: ']E0123' }]],
    ['GS1-128 with GS kept', {}, ']C1010400638133393110ABC\x1d17261231\r\n', [{ data: '010400638133393110ABC\x1d17261231', symbology: ']C1' }]],
    ['UTF-8 QR payload', {}, ']Q1Grüße\r\n', [{ data: 'Grüße', symbology: ']Q1' }]],
    ['two frames in one chunk', {}, 'A1\r\nB2\r\n', [{ data: 'A1' }, { data: 'B2' }]],
    ['empty lines ignored', {}, '\r\n\r\n12\r\n\n', [{ data: '12' }]],
    ['a bracket that is not an AIM id stays data', {}, ']x\r\n', [{ data: ']x' }]],
  ];
  for (const [name, o, input, expected] of cases) {
    it(`${name}`, () => expect(scans(run(make(o), [bytes(input)]))).toEqual(expected));
    it(`${name}: same result split at every byte position`, () => {
      for (const parts of splits(bytes(input))) expect(scans(run(make(o), parts))).toEqual(expected);
    });
  }

  it('suffix none: a frame ends after the inter-byte silence, not before', () => {
    const d = make({ suffix: 'none', interByteTimeoutMs: 50 });
    expect(d.push(bytes(']E0123'), 1000)).toEqual([]);
    expect(d.push(bytes('45'), 1040)).toEqual([]);
    expect(d.tick(1089)).toEqual([]);
    expect(scans(d.tick(1090))).toEqual([{ data: '12345', symbology: ']E0' }]);
    expect(d.nextDeadline()).toBeUndefined();
  });

  it('suffix none: a gap noticed on the next push ends the previous frame first', () => {
    const d = make({ suffix: 'none', interByteTimeoutMs: 50 });
    d.push(bytes('111'), 0);
    expect(scans(d.push(bytes('222'), 500))).toEqual([{ data: '111' }]);
  });
});

describe('serial scanner decoder: bad input', () => {
  const cases: [string, Partial<SerialScannerCodecOptions>, string, { data: string }[], string?][] = [
    ['noise before a frame is dropped, the frame kept', {}, '\x00\x00\x07123\r\n', [{ data: '123' }], 'controlByte'],
    ['a control byte inside a frame drops the whole frame (no tail delivered)', {}, '12\x0734\r\n56\r\n', [{ data: '56' }], 'controlByte'],
    ['DEL inside a frame drops it', {}, '12\x7f3\r\n', [], 'controlByte'],
    ['invalid UTF-8 drops the frame', {}, '12\xff\xfe\r\n', [], 'invalidText'],
    ['an AIM id alone is empty', {}, ']E0\r\n', [], 'empty'],
  ];
  for (const [name, o, input, expected, reason] of cases) {
    it(name, () => {
      const raw = Uint8Array.from([...input].map((c) => c.charCodeAt(0)));
      const events = run(make(o), [raw]);
      expect(scans(events)).toEqual(expected);
      if (reason) expect(events.some((e) => e.type === 'discarded' && e.reason === reason)).toBe(true);
    });
  }

  it('drops a frame longer than maxLength and resyncs at the next terminator', () => {
    const d = make({ maxLength: 10 });
    const events = run(d, [bytes(`${'9'.repeat(40)}\r\n1234\r\n`)]);
    expect(scans(events)).toEqual([{ data: '1234' }]);
    expect(events.some((e) => e.type === 'discarded' && e.reason === 'tooLong')).toBe(true);
  });

  it('an unterminated partial is dropped after partialTimeoutMs, so it never prefixes the next code', () => {
    const d = make({ partialTimeoutMs: 1000 });
    d.push(bytes('garb'), 0);
    expect(d.nextDeadline()).toBe(1000);
    expect(d.tick(1000)).toEqual([{ type: 'discarded', reason: 'partialTimeout', count: 4 }]);
    expect(scans(d.push(bytes('123\r\n'), 1500))).toEqual([{ data: '123' }]);
  });

  it('reset forgets a partial', () => {
    const d = make();
    d.push(bytes('12'), 0);
    d.reset();
    expect(scans(d.push(bytes('34\r\n'), 1))).toEqual([{ data: '34' }]);
  });
});

describe('serial scanner encoder and host commands', () => {
  it('encodes AIM + data + suffix', () => {
    expect(new TextDecoder().decode(encodeSerialScan('123', { suffix: 'CRLF', symbology: ']E0' }))).toBe(']E0123\r\n');
    expect(new TextDecoder().decode(encodeSerialScan('123', { suffix: 'none' }))).toBe('123');
  });
  it('Datalogic commands are single bytes E D B F 0x01', () => {
    expect([...encodeDatalogic('enable'), ...encodeDatalogic('disable'), ...encodeDatalogic('goodReadBeep'), ...encodeDatalogic('notOnFileBeep'), ...encodeDatalogic('forcedBeep')]).toEqual([
      0x45, 0x44, 0x42, 0x46, 0x01,
    ]);
  });
});

describe('serial scanner decoder: properties', () => {
  const suffixes = fc.constantFrom<'CR' | 'LF' | 'CRLF' | 'none'>('CR', 'LF', 'CRLF', 'none');
  const barcode = fc.stringMatching(/^[0-9A-Za-z\-./ ]{1,60}$/);
  const aim = fc.option(fc.constantFrom(']E0', ']E4', ']C1', ']Q1', ']d2'), { nil: undefined });

  it('random bytes in random chunks never throw and never emit an invalid scan', () => {
    fc.assert(
      fc.property(suffixes, fc.array(fc.uint8Array({ maxLength: 80 }), { maxLength: 20 }), (suffix, chunks) => {
        const d = make({ suffix });
        const events = run(d, chunks, { flush: true });
        return allValid(events) && d.nextDeadline() === undefined;
      }),
      { numRuns: 500 },
    );
  });

  it('any code round-trips through the encoder in any chunking', () => {
    fc.assert(
      fc.property(fc.constantFrom<'CR' | 'LF' | 'CRLF'>('CR', 'LF', 'CRLF'), barcode, aim, fc.array(fc.nat(), { maxLength: 5 }), (suffix, data, symbology, cuts) => {
        const wire = encodeSerialScan(data, { suffix, ...(symbology ? { symbology } : {}) });
        const points = [...new Set(cuts.map((c) => c % (wire.length + 1)))].sort((a, b) => a - b);
        const chunks: Uint8Array[] = [];
        let prev = 0;
        for (const p of [...points, wire.length]) {
          chunks.push(wire.subarray(prev, p));
          prev = p;
        }
        expect(scans(run(make({ suffix }), chunks))).toEqual([{ data, ...(symbology ? { symbology } : {}) }]);
      }),
      { numRuns: 300 },
    );
  });

  it('mutated frames (a byte flipped, dropped or inserted) never throw, hang or emit invalid scans, and the good frame after the next terminator gets through', () => {
    fc.assert(
      fc.property(barcode, fc.nat(), fc.integer({ min: 0, max: 2 }), fc.uint8Array({ minLength: 1, maxLength: 1 }), (data, pos, op, b) => {
        const wire = [...encodeSerialScan(data, { suffix: 'CRLF' })];
        const i = pos % wire.length;
        if (op === 0) wire[i] = b[0] ?? 0;
        else if (op === 1) wire.splice(i, 1);
        else wire.splice(i, 0, b[0] ?? 0);
        const d = make();
        const events = run(d, [Uint8Array.from(wire), encodeSerialScan('NEXT1', { suffix: 'CRLF' }), encodeSerialScan('NEXT2', { suffix: 'CRLF' })]);
        return allValid(events) && scans(events).at(-1)?.data === 'NEXT2';
      }),
      { numRuns: 500 },
    );
  });
});
