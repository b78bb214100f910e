import { describe, expect, it } from 'vitest';
import type { DeviceHealth } from '../../contracts/devices.ts';
import { ManualClock } from '../../core/clock.ts';
import { silentLogger } from '../../core/log.ts';
import { MemoryHub } from './memory.ts';
import { Supervisor, type HandshakeResult } from './supervisor.ts';
import type { Transport } from './types.ts';
import { settle, waitForEvent } from '../../test/helpers/wait.ts';

/** Wraps a transport and counts open() calls. */
function counting(inner: Transport): Transport & { opens: number } {
  const t = {
    opens: 0,
    get address() {
      return inner.address;
    },
    get isOpen() {
      return inner.isOpen;
    },
    open() {
      t.opens++;
      return inner.open();
    },
    write: (b: Uint8Array) => inner.write(b),
    close: () => inner.close(),
    onData: inner.onData.bind(inner),
    onClose: inner.onClose.bind(inner),
  };
  return t;
}

function setup(handshake?: () => HandshakeResult | Promise<HandshakeResult>) {
  const clock = new ManualClock();
  const link = new MemoryHub().link('dev');
  const transport = counting(link.host);
  const sup = new Supervisor({
    name: 'test',
    transport,
    clock,
    logger: silentLogger,
    ...(handshake ? { onConnect: handshake } : {}),
  });
  const healths: DeviceHealth[] = [];
  sup.onHealth((h) => healths.push(h));
  const up = () => waitForEvent<DeviceHealth>((l) => sup.onHealth(l), (h) => h.status === 'ok');
  return { clock, link, transport, sup, healths, up };
}

describe('Supervisor', () => {
  it('starts offline/connecting and turns ok after open and handshake', async () => {
    let handshakes = 0;
    const { sup, up } = setup(() => {
      handshakes++;
      return { ok: true };
    });
    expect(sup.health()).toMatchObject({ status: 'offline', reason: 'connecting' });
    sup.start();
    await up();
    expect(sup.isUp).toBe(true);
    expect(handshakes).toBe(1);
  });

  it('on lost: goes offline with linkLost, retries with 250 ms doubling to a 10 s ceiling', async () => {
    const { clock, link, transport, sup, up } = setup();
    sup.start();
    await up();
    link.unplug();
    expect(sup.health()).toMatchObject({ status: 'offline', reason: 'linkLost' });
    const expected = [250, 500, 1000, 2000, 4000, 8000, 10_000, 10_000];
    for (const delay of expected) {
      const before = transport.opens;
      expect(sup.nextRetryDelayMs()).toBe(expected.indexOf(delay) === 0 ? 500 : Math.min(10_000, delay * 2));
      clock.advance(delay - 1);
      await settle();
      expect(transport.opens).toBe(before);
      clock.advance(1);
      await settle();
      expect(transport.opens).toBe(before + 1);
    }
    expect(sup.health()).toMatchObject({ status: 'offline', reason: 'linkLost' });
  });

  it('reconnects by itself after replug and resets the backoff', async () => {
    const { clock, link, sup, up } = setup();
    sup.start();
    await up();
    link.unplug();
    clock.advance(250);
    await settle();
    clock.advance(500);
    await settle();
    link.replug();
    const back = up();
    clock.advance(1000);
    await back;
    expect(sup.nextRetryDelayMs()).toBe(250);
    link.unplug();
    expect(sup.nextRetryDelayMs()).toBe(500); // first retry already scheduled at 250
  });

  it('never reconnects after stop (closed)', async () => {
    const { clock, transport, sup, up } = setup();
    sup.start();
    await up();
    await sup.stop();
    expect(sup.health()).toMatchObject({ status: 'offline', reason: 'closed' });
    const opens = transport.opens;
    clock.advance(60_000);
    await settle();
    expect(transport.opens).toBe(opens);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('treats a transport closed by someone else as a stop, not a fault', async () => {
    const { clock, link, transport, sup, up } = setup();
    sup.start();
    await up();
    await link.host.close();
    expect(sup.state).toBe('stopped');
    clock.advance(60_000);
    await settle();
    expect(transport.opens).toBe(1);
  });

  it('retries when the handshake fails, and reports handshakeFailed', async () => {
    let answer: HandshakeResult = { ok: false, reason: 'no answer to probe' };
    const { clock, sup, up, transport } = setup(() => answer);
    sup.start();
    await waitForEvent<DeviceHealth>((l) => sup.onHealth(l), (h) => h.reason === 'handshakeFailed');
    expect(transport.isOpen).toBe(false);
    answer = { ok: true };
    const back = up();
    clock.advance(250);
    await back;
    expect(transport.opens).toBe(2);
  });

  it('a handshake that never finishes fails after handshakeTimeoutMs and is retried', async () => {
    const clock = new ManualClock();
    const link = new MemoryHub().link('dev');
    const transport = counting(link.host);
    let calls = 0;
    const sup = new Supervisor({
      name: 'test',
      transport,
      clock,
      logger: silentLogger,
      handshakeTimeoutMs: 1000,
      onConnect: () => (++calls === 1 ? new Promise<HandshakeResult>(() => {}) : { ok: true }),
    });
    sup.start();
    await settle();
    const failed = waitForEvent<DeviceHealth>((l) => sup.onHealth(l), (h) => h.reason === 'handshakeFailed');
    clock.advance(1000);
    await failed;
    const up = waitForEvent<DeviceHealth>((l) => sup.onHealth(l), (h) => h.status === 'ok');
    clock.advance(250);
    await up;
    expect(calls).toBe(2);
  });

  it('a throwing handshake counts as a failed handshake', async () => {
    const { sup } = setup(() => {
      throw new Error('boom');
    });
    sup.start();
    const h = await waitForEvent<DeviceHealth>((l) => sup.onHealth(l), (x) => x.reason === 'handshakeFailed');
    expect(h.status).toBe('offline');
  });

  it('retries failed opens (device absent at start) with backoff', async () => {
    const { clock, link, sup, transport, up } = setup();
    link.unplug();
    sup.start();
    await settle();
    expect(sup.health()).toMatchObject({ status: 'offline', reason: 'openFailed' });
    link.replug();
    const back = up();
    clock.advance(250);
    await back;
    expect(transport.opens).toBe(2);
  });

  it('reconnect(reason) drops a half-open link and opens again', async () => {
    const { clock, sup, transport, up } = setup();
    const downs: string[] = [];
    sup.onLinkDown((r) => downs.push(r));
    sup.start();
    await up();
    sup.reconnect('3 request timeouts');
    await settle();
    expect(downs).toEqual(['linkLost']);
    expect(sup.health().status).toBe('offline');
    const back = up();
    clock.advance(250);
    await back;
    expect(transport.opens).toBe(2);
  });

  it('forwards data during the handshake and after, and write returns a Result', async () => {
    const { link, sup } = setup(async () => {
      const reply = waitForEvent<Uint8Array>((l) => sup.onData(l));
      const w = await sup.write(Uint8Array.of(0x3f));
      if (!w.ok) return { ok: false, reason: 'write' };
      const r = await reply;
      return r[0] === 0x21 ? { ok: true } : { ok: false, reason: 'bad' };
    });
    await link.device.open();
    link.device.onData(() => void link.device.write(Uint8Array.of(0x21)));
    sup.start();
    await waitForEvent<DeviceHealth>((l) => sup.onHealth(l), (h) => h.status === 'ok');
    await sup.stop();
    const w = await sup.write(Uint8Array.of(1));
    expect(w.ok).toBe(false);
  });
});
