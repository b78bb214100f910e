import { describe, expect, it } from 'vitest';
import { MemoryHub } from './memory.ts';
import type { CloseReason } from './types.ts';
import { TransportError } from './types.ts';
import { collectUntil, waitForEvent } from '../../test/helpers/wait.ts';

describe('memory transport', () => {
  it('delivers bytes written on one end to the other end, asynchronously and as copies', async () => {
    const link = new MemoryHub().link('x');
    await link.host.open();
    await link.device.open();
    const got = collectUntil((l) => link.device.onData(l), (all) => all.length === 3);
    const buf = Uint8Array.of(1, 2, 3);
    await link.host.write(buf);
    buf[0] = 9; // mutating after write must not change what arrives
    expect([...(await got)]).toEqual([1, 2, 3]);
  });

  it('refuses writes before open', async () => {
    const link = new MemoryHub().link('x');
    await expect(link.host.write(Uint8Array.of(1))).rejects.toBeInstanceOf(TransportError);
  });

  it('reports closed (not lost) when we close, once', async () => {
    const link = new MemoryHub().link('x');
    await link.host.open();
    const reasons: CloseReason[] = [];
    link.host.onClose((r) => reasons.push(r));
    await link.host.close();
    await link.host.close();
    expect(reasons).toEqual(['closed']);
    expect(link.host.isOpen).toBe(false);
  });

  it('unplug makes both ends lost and refuses open until replug', async () => {
    const link = new MemoryHub().link('x');
    await link.host.open();
    await link.device.open();
    const hostLost = waitForEvent<CloseReason>((l) => link.host.onClose((r) => l(r)));
    const deviceLost = waitForEvent<CloseReason>((l) => link.device.onClose((r) => l(r)));
    link.unplug();
    expect(await hostLost).toBe('lost');
    expect(await deviceLost).toBe('lost');
    await expect(link.host.open()).rejects.toBeInstanceOf(TransportError);
    link.replug();
    await link.host.open();
    expect(link.host.isOpen).toBe(true);
  });

  it('hub returns the same link for the same name', () => {
    const hub = new MemoryHub();
    expect(hub.link('a')).toBe(hub.link('a'));
    expect(hub.link('a')).not.toBe(hub.link('b'));
  });
});
