import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../core/clock.ts';
import { silentLogger } from '../../core/log.ts';
import { TcpTransportConfig } from './config.ts';
import { TcpTransport } from './tcp.ts';
import type { CloseReason } from './types.ts';
import { TransportError } from './types.ts';
import { collectUntil, waitForEvent } from '../../test/helpers/wait.ts';

let server: net.Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A server on 127.0.0.1:0; resolves its port and hands out accepted sockets. */
async function listen(): Promise<{ port: number; accepted: Promise<net.Socket> }> {
  let accept!: (s: net.Socket) => void;
  const accepted = new Promise<net.Socket>((r) => (accept = r));
  server = net.createServer((s) => accept(s));
  await new Promise<void>((r) => server?.listen(0, '127.0.0.1', () => r()));
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('no port');
  return { port: addr.port, accepted };
}

const make = (port: number) => new TcpTransport(TcpTransportConfig.parse({ kind: 'tcp', port }), { clock: systemClock, logger: silentLogger });

describe('TCP transport', () => {
  it('connects, and bytes flow both ways; split server writes arrive complete', async () => {
    const { port, accepted } = await listen();
    const t = make(port);
    await t.open();
    const peer = await accepted;
    const fromPeer = collectUntil((l) => t.onData(l), (all) => all.length === 6);
    peer.write(Buffer.from([1, 2]));
    peer.write(Buffer.from([3]));
    peer.write(Buffer.from([4, 5, 6]));
    expect([...(await fromPeer)]).toEqual([1, 2, 3, 4, 5, 6]);
    const toPeer = new Promise<Buffer>((r) => peer.once('data', r));
    await t.write(Uint8Array.of(9, 8));
    expect([...(await toPeer)]).toEqual([9, 8]);
    await t.close();
  });

  it('reports lost when the peer resets the connection', async () => {
    const { port, accepted } = await listen();
    const t = make(port);
    await t.open();
    const peer = await accepted;
    const closed = waitForEvent<CloseReason>((l) => t.onClose((r) => l(r)));
    peer.resetAndDestroy();
    expect(await closed).toBe('lost');
    expect(t.isOpen).toBe(false);
  });

  it('reports lost when the peer ends the connection', async () => {
    const { port, accepted } = await listen();
    const t = make(port);
    await t.open();
    const closed = waitForEvent<CloseReason>((l) => t.onClose((r) => l(r)));
    (await accepted).end();
    expect(await closed).toBe('lost');
  });

  it('reports closed (once) when we close, and can reopen', async () => {
    const { port, accepted } = await listen();
    const t = make(port);
    const reasons: CloseReason[] = [];
    t.onClose((r) => reasons.push(r));
    await t.open();
    await accepted;
    await t.close();
    expect(reasons).toEqual(['closed']);
    await t.open();
    expect(t.isOpen).toBe(true);
    await t.close();
    expect(reasons).toEqual(['closed', 'closed']);
  });

  it('rejects open with a TransportError when nothing listens', async () => {
    const { port } = await listen();
    await new Promise<void>((r) => server?.close(() => r()));
    server = undefined;
    await expect(make(port).open()).rejects.toBeInstanceOf(TransportError);
  });

  it('rejects write when not open', async () => {
    await expect(make(1).write(Uint8Array.of(1))).rejects.toBeInstanceOf(TransportError);
  });
});
