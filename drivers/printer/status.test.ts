import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  NO_FLAGS,
  type PrinterFlags,
  type StatusEvent,
  StatusDecoder,
  asbBytes,
  conditionOf,
  flagsFromAsb,
  flagsFromRealtime,
  isAsbFirst,
  isAsbFollow,
  isRealtimeReply,
  realtimeReply,
} from './status.ts';

const decodeAll = (bytes: number[]): StatusEvent[] => new StatusDecoder().push(Uint8Array.from(bytes));
const meaningful = (events: StatusEvent[]): StatusEvent[] => events.filter((e) => e.kind !== 'discarded');

describe('StatusDecoder', () => {
  it('reads a DLE EOT reply: (b & 0x93) == 0x12', () => {
    expect(decodeAll([0x12])).toEqual([{ kind: 'realtime', byte: 0x12 }]);
    expect(decodeAll([0x7e])).toEqual([{ kind: 'realtime', byte: 0x7e }]); // all variable bits set
    expect(decodeAll([0x16, 0x1e, 0x72])).toEqual([
      { kind: 'realtime', byte: 0x16 },
      { kind: 'realtime', byte: 0x1e },
      { kind: 'realtime', byte: 0x72 },
    ]);
  });

  it('reads bytes as unsigned (0x92 has b7 set: not a reply)', () => {
    expect(meaningful(decodeAll([0x92, 0x93, 0xff]))).toEqual([]);
    expect(decodeAll([0x92])).toEqual([{ kind: 'discarded', count: 1 }]);
  });

  it('reads a 4-byte ASB whose first byte has (b & 0x93) == 0x10', () => {
    expect(decodeAll([0x18, 0x00, 0x0c, 0x00])).toEqual([{ kind: 'asb', bytes: [0x18, 0x00, 0x0c, 0x00] }]);
    expect(decodeAll([0x10, 0x00, 0x00, 0x00, 0x12])).toEqual([
      { kind: 'asb', bytes: [0x10, 0x00, 0x00, 0x00] },
      { kind: 'realtime', byte: 0x12 },
    ]);
  });

  it('ignores XON/XOFF anywhere, including inside an ASB', () => {
    expect(decodeAll([0x11, 0x13, 0x12, 0x11])).toEqual([{ kind: 'realtime', byte: 0x12 }]);
    expect(decodeAll([0x10, 0x11, 0x00, 0x13, 0x03, 0x00])).toEqual([{ kind: 'asb', bytes: [0x10, 0x00, 0x03, 0x00] }]);
  });

  it('resyncs when an ASB is cut short: the partial is dropped and the breaking byte read afresh', () => {
    expect(decodeAll([0x10, 0x00, 0x12])).toEqual([
      { kind: 'discarded', count: 2 },
      { kind: 'realtime', byte: 0x12 },
    ]);
    expect(decodeAll([0x10, 0x00, 0x18, 0x00, 0x00, 0x00])).toEqual([
      { kind: 'discarded', count: 2 },
      { kind: 'asb', bytes: [0x18, 0x00, 0x00, 0x00] },
    ]);
  });

  it('drops garbage before, between and after frames', () => {
    expect(meaningful(decodeAll([0xff, 0x01, 0x12, 0x80, 0x41, 0x10, 0, 0, 0, 0x99]))).toEqual([
      { kind: 'realtime', byte: 0x12 },
      { kind: 'asb', bytes: [0x10, 0, 0, 0] },
    ]);
  });

  it('gives the same events whatever the split positions', () => {
    const stream = [0x11, 0x12, 0x38, 0x08, 0x0f, 0x00, 0x13, 0x7e, 0xff, 0x10, 0x00, 0x00, 0x00];
    const whole = meaningful(decodeAll(stream));
    for (let i = 0; i <= stream.length; i++) {
      for (let j = i; j <= stream.length; j++) {
        const d = new StatusDecoder();
        const parts = [stream.slice(0, i), stream.slice(i, j), stream.slice(j)];
        const events = parts.flatMap((p) => d.push(Uint8Array.from(p)));
        expect(meaningful(events)).toEqual(whole);
      }
    }
  });

  it('fuzz: never throws, emits only well-formed events, split-invariant', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.array(fc.nat(200), { maxLength: 5 }), (bytes, cuts) => {
        const whole = new StatusDecoder().push(bytes);
        for (const e of whole) {
          if (e.kind === 'realtime') expect(isRealtimeReply(e.byte)).toBe(true);
          if (e.kind === 'asb') {
            expect(isAsbFirst(e.bytes[0])).toBe(true);
            expect(e.bytes.slice(1).every(isAsbFollow)).toBe(true);
          }
          if (e.kind === 'discarded') expect(e.count).toBeGreaterThan(0);
        }
        const d = new StatusDecoder();
        const points = [...new Set(cuts.map((c) => Math.min(c, bytes.length)))].sort((a, b) => a - b);
        let prev = 0;
        const split: StatusEvent[] = [];
        for (const p of [...points, bytes.length]) {
          split.push(...d.push(bytes.slice(prev, p)));
          prev = p;
        }
        expect(meaningful(split)).toEqual(meaningful(whole));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('status meaning', () => {
  const table: [string, [number, number, number, number], Partial<PrinterFlags>, string][] = [
    ['all clear', [0x12, 0x12, 0x12, 0x12], {}, 'ok'],
    ['n=1 offline', [0x1a, 0x12, 0x12, 0x12], { offline: true }, 'offline'],
    ['n=2 cover open', [0x1a, 0x16, 0x12, 0x12], { offline: true, coverOpen: true }, 'coverOpen'],
    ['n=2 stopped on paper end', [0x1a, 0x32, 0x12, 0x12], { offline: true, paperOut: true }, 'paperOut'],
    ['n=4 paper end sensor', [0x12, 0x12, 0x12, 0x72], { paperOut: true }, 'paperOut'],
    ['n=4 paper end and near end', [0x12, 0x12, 0x12, 0x7e], { paperOut: true, paperNearEnd: true }, 'paperOut'],
    ['n=4 paper near end', [0x12, 0x12, 0x12, 0x1e], { paperNearEnd: true }, 'paperNearEnd'],
    ['n=3 autocutter error', [0x1a, 0x52, 0x1a, 0x12], { offline: true, cutterError: true }, 'cutterError'],
    ['n=3 unrecoverable', [0x1a, 0x52, 0x32, 0x12], { offline: true, unrecoverableError: true }, 'offline'],
    ['n=3 auto-recoverable', [0x12, 0x12, 0x52, 0x12], { autoRecoverableError: true }, 'offline'],
    ['n=2 error with no cause given', [0x1a, 0x52, 0x12, 0x12], { offline: true, autoRecoverableError: true }, 'offline'],
  ];
  it.each(table)('DLE EOT replies: %s', (_name, [a, b, c, d], flags, condition) => {
    expect(flagsFromRealtime(a, b, c, d)).toEqual({ ...NO_FLAGS, ...flags });
    expect(conditionOf(flagsFromRealtime(a, b, c, d))).toBe(condition);
  });

  const asbTable: [string, [number, number, number, number], Partial<PrinterFlags>, string][] = [
    ['all clear', [0x10, 0x00, 0x00, 0x00], {}, 'ok'],
    ['cover open', [0x38, 0x00, 0x00, 0x00], { offline: true, coverOpen: true }, 'coverOpen'],
    ['paper end', [0x18, 0x00, 0x0c, 0x00], { offline: true, paperOut: true }, 'paperOut'],
    ['paper near end', [0x10, 0x00, 0x03, 0x00], { paperNearEnd: true }, 'paperNearEnd'],
    ['autocutter error', [0x18, 0x08, 0x00, 0x00], { offline: true, cutterError: true }, 'cutterError'],
  ];
  it.each(asbTable)('ASB: %s', (_name, bytes, flags, condition) => {
    expect(flagsFromAsb(bytes)).toEqual({ ...NO_FLAGS, ...flags });
    expect(conditionOf(flagsFromAsb(bytes))).toBe(condition);
  });

  it('device-side encoders are read back to the same condition', () => {
    const cases: Partial<PrinterFlags>[] = [{}, { paperOut: true }, { coverOpen: true }, { paperNearEnd: true }, { cutterError: true }, { offline: true }];
    for (const c of cases) {
      const f = { ...NO_FLAGS, ...c };
      const rt = flagsFromRealtime(realtimeReply(1, f), realtimeReply(2, f), realtimeReply(3, f), realtimeReply(4, f));
      expect(conditionOf(rt)).toBe(conditionOf(f));
      expect(conditionOf(flagsFromAsb(asbBytes(f)))).toBe(conditionOf(f));
      for (const n of [1, 2, 3, 4] as const) expect(isRealtimeReply(realtimeReply(n, f))).toBe(true);
      expect(isAsbFirst(asbBytes(f)[0])).toBe(true);
    }
  });
});
