import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../core/clock.ts';
import { silentLogger } from '../../../core/log.ts';
import { apdu, encodeApdu, hex, type Apdu } from './apdu.ts';
import { encodeFrame } from './serial.ts';
import { createLink, type BytePipe } from './link.ts';

/** Two pipes wired back to back; `tamper` may drop or alter what one side writes. */
function pipePair(tamper: (from: 'a' | 'b', bytes: Uint8Array) => Uint8Array | null = (_f, b) => b) {
  const listeners = { a: new Set<(c: Uint8Array) => void>(), b: new Set<(c: Uint8Array) => void>() };
  const written: { from: 'a' | 'b'; bytes: string }[] = [];
  const make = (me: 'a' | 'b'): BytePipe => ({
    write: async (bytes) => {
      written.push({ from: me, bytes: hex(bytes) });
      const out = tamper(me, Uint8Array.from(bytes));
      if (out) queueMicrotask(() => listeners[me === 'a' ? 'b' : 'a'].forEach((l) => l(out)));
      return { ok: true, value: undefined };
    },
    onData: (l) => {
      listeners[me].add(l);
      return () => listeners[me].delete(l);
    },
  });
  return { a: make('a'), b: make('b'), written };
}

const flush = () => new Promise<void>((r) => setTimeout(r, 0));

describe('serial link', () => {
  const status = apdu(0x04, 0x0f, [0x27, 0x00]);

  it('delivers a frame once when our ACK was lost and the sender repeats it after T3', async () => {
    const clock = new ManualClock();
    let dropped = false;
    const { a, b, written } = pipePair((from, bytes) => {
      if (from === 'b' && bytes.length === 1 && bytes[0] === 0x06 && !dropped) {
        dropped = true;
        return null; // the first ACK byte never arrives
      }
      return bytes;
    });
    const sender = createLink(a, { framing: 'serial', clock, logger: silentLogger });
    const receiver = createLink(b, { framing: 'serial', clock, logger: silentLogger });
    const got: Apdu[] = [];
    receiver.onApdu((x) => got.push(x));
    const sent = sender.send(status);
    await flush();
    expect(got).toHaveLength(1);
    clock.advance(5000); // T3: sender repeats
    await flush();
    expect(await sent).toEqual({ ok: true, value: undefined });
    expect(got).toHaveLength(1);
    expect(written.filter((w) => w.from === 'a' && w.bytes.startsWith('10 02'))).toHaveLength(2);
    expect(written.filter((w) => w.from === 'b' && w.bytes === '06')).toHaveLength(2);
  });

  it('repeats at once after a NAK for a corrupted frame', async () => {
    const clock = new ManualClock();
    let corrupted = false;
    const { a, b, written } = pipePair((from, bytes) => {
      if (from === 'a' && bytes.length > 4 && !corrupted) {
        corrupted = true;
        const c = Uint8Array.from(bytes);
        c[c.length - 1] = (c[c.length - 1] ?? 0) ^ 0xff;
        return c;
      }
      return bytes;
    });
    const sender = createLink(a, { framing: 'serial', clock, logger: silentLogger });
    const receiver = createLink(b, { framing: 'serial', clock, logger: silentLogger });
    const got: Apdu[] = [];
    receiver.onApdu((x) => got.push(x));
    expect(await sender.send(status)).toEqual({ ok: true, value: undefined });
    expect(got).toHaveLength(1);
    expect(written.filter((w) => w.from === 'b').map((w) => w.bytes)).toEqual(['15', '06']);
  });

  it('gives up after 3 transmissions without ACK', async () => {
    const clock = new ManualClock();
    const { a, written } = pipePair(() => null);
    const sender = createLink(a, { framing: 'serial', clock, logger: silentLogger });
    const sent = sender.send(status);
    for (let i = 0; i < 3; i++) {
      await flush();
      clock.advance(5000);
    }
    const r = await sent;
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.detail).toEqual({ reason: 'noAck' });
    expect(written).toHaveLength(3);
  });

  it('delivers an identical frame again once we have sent something in between', async () => {
    const clock = new ManualClock();
    const { a, b } = pipePair();
    const x = createLink(a, { framing: 'serial', clock, logger: silentLogger });
    const y = createLink(b, { framing: 'serial', clock, logger: silentLogger });
    const got: Apdu[] = [];
    y.onApdu((m) => got.push(m));
    const line = apdu(0x06, 0xd1, [0x00, 0x2d, 0x2d]);
    await x.send(line);
    await y.send(apdu(0x80, 0x00));
    await x.send(line);
    expect(got).toHaveLength(2);
  });
});

describe('serial link, chunking', () => {
  it('an ACK byte and the next identical frame in one chunk: the frame is still delivered', async () => {
    const clock = new ManualClock();
    const { a, b } = pipePair();
    const y = createLink(b, { framing: 'serial', clock, logger: silentLogger });
    const got: Apdu[] = [];
    y.onApdu((m) => got.push(m));
    const ackApdu = apdu(0x80, 0x00);
    const frame = encodeFrame(encodeApdu(ackApdu));
    await a.write(frame);
    await flush();
    const sent = y.send(apdu(0x04, 0xff, [0x0a]));
    await flush();
    await a.write(Uint8Array.from([0x06, ...frame])); // ACK for y's frame + the same APDU again
    await flush();
    expect(await sent).toEqual({ ok: true, value: undefined });
    expect(got).toHaveLength(2);
  });
});
