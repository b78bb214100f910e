import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex, hex } from './apdu.ts';
import { FrameDecoder, crcCcitt, encodeFrame, type FrameEvent } from './serial.ts';

/** Worked frames from device-protocols.md §4.1. */
const GOLDEN = [
  { name: 'authorization €10.00 (stuffed 10 10)', apdu: '06 01 07 04 00 00 00 00 10 00', frame: '10 02 06 01 07 04 00 00 00 00 10 10 00 10 03 62 91' },
  { name: 'ACK APDU', apdu: '80 00 00', frame: '10 02 80 00 00 10 03 F5 1F' },
  { name: 'registration', apdu: '06 00 08 00 00 00 B6 09 78 03 01', frame: '10 02 06 00 08 00 00 00 B6 09 78 03 01 10 03 B2 9E' },
];

function show(events: FrameEvent[]): string[] {
  return events.map((e) => (e.type === 'frame' ? `frame ${hex(e.apdu)}` : e.type === 'badFrame' ? `bad ${e.reason}` : e.type));
}

describe('crcCcitt', () => {
  it('is the reflected 0x8408 CRC with init 0 (check value of "123456789" is 0x2189)', () => {
    expect(crcCcitt(new TextEncoder().encode('123456789'))).toBe(0x2189);
  });
});

describe('encodeFrame', () => {
  it.each(GOLDEN)('matches the worked frame: $name', ({ apdu, frame }) => {
    expect(hex(encodeFrame(fromHex(apdu)))).toBe(frame);
  });
});

describe('FrameDecoder', () => {
  it.each(GOLDEN)('decodes the worked frame: $name', ({ apdu, frame }) => {
    expect(show(new FrameDecoder().push(fromHex(frame)))).toEqual([`frame ${apdu}`]);
  });

  it('decodes the same frames for a split at every position', () => {
    const stream = fromHex(GOLDEN.map((g) => g.frame).join(' '));
    for (let i = 0; i <= stream.length; i++) {
      const d = new FrameDecoder();
      const got = show([...d.push(stream.subarray(0, i)), ...d.push(stream.subarray(i))]);
      expect(got, `split at ${i}`).toEqual(GOLDEN.map((g) => `frame ${g.apdu}`));
    }
  });

  it.each([
    ['ACK byte', '06', ['ack']],
    ['NAK byte', '15', ['nak']],
    ['garbage before a frame is discarded', 'FF 00 41 10 02 80 00 00 10 03 F5 1F', ['frame 80 00 00']],
    ['garbage between frames is discarded', '10 02 80 00 00 10 03 F5 1F 55 AA 10 02 80 00 00 10 03 F5 1F', ['frame 80 00 00', 'frame 80 00 00']],
    ['bad CRC → badFrame crc', '10 02 80 00 00 10 03 F5 1E', ['bad crc']],
    ['DLE + unexpected byte inside a frame → framing error, then resync', '10 02 80 10 41 00 10 02 80 00 00 10 03 F5 1F', ['bad framing', 'frame 80 00 00']],
    ['DLE STX inside a frame restarts it', '10 02 80 00 10 02 80 00 00 10 03 F5 1F', ['bad framing', 'frame 80 00 00']],
    ['DLE + other byte outside a frame is discarded', '10 41 06', ['ack']],
    ['a cut frame stays pending', '10 02 80 00', []],
  ])('%s', (_name, bytes, want) => {
    expect(show(new FrameDecoder().push(fromHex(bytes)))).toEqual(want);
  });

  it('fuzz: never throws and every frame it reports has a good CRC and re-encodes', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 10 }), (chunks) => {
        const d = new FrameDecoder();
        for (const c of chunks) {
          for (const e of d.push(c)) {
            if (e.type === 'frame') expect(new FrameDecoder().push(encodeFrame(e.apdu))).toEqual([e]);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('fuzz: frames survive garbage around them (garbage without DLE)', () => {
    const noDle = fc.uint8Array({ maxLength: 20 }).map((a) => a.filter((b) => b !== 0x10 && b !== 0x06 && b !== 0x15));
    fc.assert(
      fc.property(noDle, fc.uint8Array({ minLength: 3, maxLength: 40 }), noDle, (pre, apdu, post) => {
        const bytes = Uint8Array.from([...pre, ...encodeFrame(apdu), ...post]);
        expect(show(new FrameDecoder().push(bytes))).toEqual([`frame ${hex(apdu)}`]);
      }),
      { numRuns: 500 },
    );
  });
});
