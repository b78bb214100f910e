import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineSplitter, type LineEvent } from './lines.ts';

const CR = 0x0d;
const LF = 0x0a;
const bytes = (s: string) => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));
const text = (events: LineEvent[]) => events.map((e) => (e.kind === 'line' ? String.fromCharCode(...e.bytes) : '<overflow>'));

describe('LineSplitter', () => {
  it.each([
    ['CR ends, LF skipped', { end: (b: number) => b === CR, skip: (b: number) => b === LF, maxLength: 10 }, 'S08A123\r\nS141\r', ['S08A123', 'S141']],
    ['LF ends, trailing CR trimmed', { end: (b: number) => b === LF, trailing: CR, maxLength: 10 }, 'S S 1 g\r\nI4 A\n', ['S S 1 g', 'I4 A']],
    ['empty lines skipped', { end: (b: number) => b === LF || b === CR, maxLength: 10 }, '\r\n\r\nZ\r\n', ['Z']],
    ['a too-long line is one overflow, then resync', { end: (b: number) => b === CR, maxLength: 4 }, 'ABCDEFGH\rOK\r', ['<overflow>', 'OK']],
    ['a partial line waits for its terminator', { end: (b: number) => b === CR, maxLength: 10 }, 'S14', []],
  ])('%s', (_name, rules, input, want) => {
    expect(text(new LineSplitter(rules).push(bytes(input)))).toEqual(want);
  });

  it('any split of the stream gives the same lines, and random bytes never throw', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 1, max: 50 }), (data, step) => {
        const rules = { end: (b: number) => b === CR, skip: (b: number) => b === LF, maxLength: 32 };
        const whole = text(new LineSplitter(rules).push(data));
        const split = new LineSplitter(rules);
        const parts: LineEvent[] = [];
        for (let i = 0; i < data.length; i += step) parts.push(...split.push(data.subarray(i, i + step)));
        expect(text(parts)).toEqual(whole);
        for (const e of parts) if (e.kind === 'line') expect(e.bytes.length).toBeLessThanOrEqual(32);
      }),
      { numRuns: 500 },
    );
  });
});
