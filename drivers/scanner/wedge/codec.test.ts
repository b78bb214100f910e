import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../core/clock.ts';
import { MemoryHub } from '../../transport/memory.ts';
import { allValid, scans } from '../testing.ts';
import { EV_KEY, EV_SYN, WedgeDecoder, encodeInputEvent, type WedgeCodecOptions } from './codec.ts';
import { DE_LAYOUT, KEY, US_LAYOUT, strokeFor } from './layouts.ts';
import { WedgeScannerSim } from './sim.ts';

const T0 = Date.UTC(2026, 0, 15, 10, 0, 0);
const make = (o: Partial<WedgeCodecOptions> = {}) => new WedgeDecoder({ layout: 'us', ...o });
/** Records a scanner programmed for `layout` would produce. */
const typed = (data: string, layout: 'us' | 'de' = 'us', opts: { enter?: boolean; timeMs?: number } = {}, recordSize: 24 | 16 = 24): Uint8Array => {
  const sim = new WedgeScannerSim(new MemoryHub().link('x').device, { layout, clock: new ManualClock(T0), recordSize });
  const r = sim.records(data, opts);
  if (!r) throw new Error(`cannot type ${data}`);
  return r;
};
const key = (code: number, value: number, timeMs = T0) => encodeInputEvent({ timeMs, type: EV_KEY, code, value });

describe('wedge decoder: good input', () => {
  const cases: [string, 'us' | 'de', string][] = [
    ['EAN-13 digits (US)', 'us', '4006381333931'],
    ['letters with Shift, punctuation - / . (US)', 'us', 'ABC-12/x.Y'],
    ['German QWERTZ: y/z swapped, - on the slash key, / as Shift+7', 'de', 'zyZY-12/3.4_'],
    ['German AltGr characters', 'de', 'a@b{c}'],
  ];
  for (const [name, layout, data] of cases) {
    it(name, () => {
      expect(scans(make({ layout }).push(typed(data, layout), T0))).toEqual([{ data }]);
    });
    it(`${name}: split at every byte position`, () => {
      const wire = typed(data, layout);
      for (let i = 1; i < wire.length; i += 1) {
        const d = make({ layout });
        const events = [...d.push(wire.subarray(0, i), T0), ...d.push(wire.subarray(i), T0)];
        expect(scans(events)).toEqual([{ data }]);
      }
    });
  }

  it('32-bit records (16 bytes) decode too', () => {
    expect(scans(make({ recordSize: 16 }).push(typed('123', 'us', {}, 16), T0))).toEqual([{ data: '123' }]);
  });

  it('ignores autorepeat (value 2) and key releases', () => {
    const wire = [key(2, 1), key(2, 2), key(2, 2), key(2, 0), key(3, 1), key(3, 0), key(KEY.ENTER, 1), key(KEY.ENTER, 0)];
    expect(scans(make().push(Uint8Array.from(wire.flatMap((r) => [...r])), T0))).toEqual([{ data: '12' }]);
  });

  it('keypad digits and keypad Enter work', () => {
    const wire = [key(79, 1), key(79, 0), key(82, 1), key(82, 0), key(KEY.KPENTER, 1)];
    expect(scans(make().push(Uint8Array.from(wire.flatMap((r) => [...r])), T0))).toEqual([{ data: '10' }]);
  });

  it('Caps Lock inverts letter case but not digits', () => {
    const wire = [key(KEY.CAPSLOCK, 1), key(KEY.CAPSLOCK, 0), key(30, 1), key(2, 1), key(KEY.ENTER, 1)];
    expect(scans(make().push(Uint8Array.from(wire.flatMap((r) => [...r])), T0))).toEqual([{ data: 'A1' }]);
  });

  it('two codes in one chunk', () => {
    const wire = new Uint8Array([...typed('111'), ...typed('222')]);
    expect(scans(make().push(wire, T0))).toEqual([{ data: '111' }, { data: '222' }]);
  });
});

describe('wedge decoder: faults', () => {
  it('layout mismatch: a US-programmed scanner read as German gives different text (the classic fault)', () => {
    const got = scans(make({ layout: 'de' }).push(typed('Y-1', 'us'), T0));
    expect(got).toEqual([{ data: 'Zß1' }]);
  });

  it('an unmapped key (F1) drops the whole code rather than delivering it mangled', () => {
    const wire = [key(2, 1), key(59, 1), key(3, 1), key(KEY.ENTER, 1)];
    const events = make().push(Uint8Array.from(wire.flatMap((r) => [...r])), T0);
    expect(scans(events)).toEqual([]);
    expect(events).toContainEqual(expect.objectContaining({ reason: 'unmappedKey' }));
  });

  it('a dead key on German (´) counts as unmapped', () => {
    const wire = [key(13, 1), key(2, 1), key(KEY.ENTER, 1)];
    expect(scans(make({ layout: 'de' }).push(Uint8Array.from(wire.flatMap((r) => [...r])), T0))).toEqual([]);
  });

  it('lost Enter: the partial is dropped after partialTimeoutMs, and the next code is clean', () => {
    const d = make({ partialTimeoutMs: 300 });
    expect(d.push(typed('123', 'us', { enter: false }), T0)).toEqual([]);
    expect(d.nextDeadline()).toBe(T0 + 300);
    expect(d.tick(T0 + 300)).toEqual([expect.objectContaining({ type: 'discarded', reason: 'partialTimeout' })]);
    expect(scans(d.push(typed('456', 'us', { timeMs: T0 + 400 }), T0 + 400))).toEqual([{ data: '456' }]);
  });

  it('lost Enter with onPartialTimeout=flush delivers the partial', () => {
    const d = make({ onPartialTimeout: 'flush' });
    d.push(typed('123', 'us', { enter: false }), T0);
    expect(scans(d.tick(T0 + 300))).toEqual([{ data: '123' }]);
  });

  it('a code whose key events are older than 5 s is dropped as stale', () => {
    const events = make().push(typed('123', 'us', { timeMs: T0 - 6000 }), T0);
    expect(scans(events)).toEqual([]);
    expect(events).toContainEqual(expect.objectContaining({ reason: 'stale' }));
  });

  it('implausible timestamps (monotonic clock) are ignored for the age check', () => {
    expect(scans(make().push(typed('123', 'us', { timeMs: 12_345 }), T0))).toEqual([{ data: '123' }]);
  });

  it('re-aligns after garbage bytes before the records', () => {
    const wire = new Uint8Array([0xff, 0xff, 0xff, ...typed('789')]);
    const events = make().push(wire, T0);
    expect(scans(events)).toEqual([{ data: '789' }]);
    expect(events).toContainEqual(expect.objectContaining({ reason: 'misaligned' }));
  });

  it('Ctrl held makes keys unmappable (no GS on a keyboard)', () => {
    const wire = [key(KEY.LEFTCTRL, 1), key(27, 1), key(KEY.LEFTCTRL, 0), key(2, 1), key(KEY.ENTER, 1)];
    expect(scans(make().push(Uint8Array.from(wire.flatMap((r) => [...r])), T0))).toEqual([]);
  });

  it('EV_SYN-only and EV_MSC records produce nothing', () => {
    const wire = [encodeInputEvent({ timeMs: T0, type: EV_SYN, code: 0, value: 0 }), encodeInputEvent({ timeMs: T0, type: 4, code: 4, value: 0x70028 })];
    expect(make().push(Uint8Array.from(wire.flatMap((r) => [...r])), T0)).toEqual([]);
  });
});

describe('wedge layouts', () => {
  it('every character barcodes use can be typed on both layouts', () => {
    for (const layout of [US_LAYOUT, DE_LAYOUT]) {
      for (const ch of '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-/. +*') expect(strokeFor(layout, ch), ch).toBeDefined();
    }
  });
});

describe('wedge decoder: properties', () => {
  it('random bytes in random chunks never throw and never emit an invalid scan', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 100 }), { maxLength: 20 }), fc.constantFrom<'us' | 'de'>('us', 'de'), (chunks, layout) => {
        const d = make({ layout });
        const events = chunks.flatMap((c) => d.push(c, T0));
        const deadline = d.nextDeadline();
        if (deadline !== undefined) events.push(...d.tick(deadline));
        return allValid(events) && d.nextDeadline() === undefined;
      }),
      { numRuns: 500 },
    );
  });

  it('random plausible key records never emit an invalid scan', () => {
    const rec = fc.record({ code: fc.integer({ min: 0, max: 120 }), value: fc.integer({ min: 0, max: 2 }) });
    fc.assert(
      fc.property(fc.array(rec, { maxLength: 200 }), (recs) => {
        const wire = Uint8Array.from(recs.flatMap((r) => [...key(r.code, r.value)]));
        return allValid(make().push(wire, T0));
      }),
      { numRuns: 500 },
    );
  });

  it('codes round-trip through the simulator on both layouts', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9A-Za-z\-/.]{1,40}$/), fc.constantFrom<'us' | 'de'>('us', 'de'), (data, layout) => {
        expect(scans(make({ layout }).push(typed(data, layout), T0))).toEqual([{ data }]);
      }),
      { numRuns: 300 },
    );
  });
});
