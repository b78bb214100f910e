import { symlinkSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../core/clock.ts';
import { silentLogger } from '../../core/log.ts';
import { SerialTransportConfig } from './config.ts';
import { SerialTransport } from './serial.ts';
import type { CloseReason } from './types.ts';
import { TransportError } from './types.ts';
import { SocatPair, socatAvailable } from './sim/socat.ts';
import { collectUntil, waitForEvent } from '../../test/helpers/wait.ts';

const hasSocat = socatAvailable();

describe.skipIf(!hasSocat)('serial transport over a socat pty pair (skipped: socat not installed)', () => {
  let pair: SocatPair;
  beforeEach(async () => {
    pair = new SocatPair();
    await pair.start();
  });
  afterEach(async () => {
    await pair.dispose();
  });

  const make = (path: string, extra: Partial<SerialTransportConfig> = {}) =>
    new SerialTransport(SerialTransportConfig.parse({ kind: 'serial', path, ...extra }), { clock: systemClock, logger: silentLogger, presenceCheckMs: 100 });

  it('moves bytes both ways, 7E1 included', async () => {
    const a = make(pair.a, { dataBits: 7, parity: 'even' });
    const b = make(pair.b, { dataBits: 7, parity: 'even' });
    await a.open();
    await b.open();
    const got = collectUntil((l) => b.onData(l), (all) => all.length === 5);
    await a.write(new TextEncoder().encode('hello'));
    expect(new TextDecoder().decode(await got)).toBe('hello');
    const back = collectUntil((l) => a.onData(l), (all) => all.length === 2);
    await b.write(Uint8Array.of(0x0d, 0x0a));
    expect([...(await back)]).toEqual([0x0d, 0x0a]);
    await a.close();
    await b.close();
  });

  it('reports closed when we close, lost when socat dies (unplug), and reopens after replug', async () => {
    const a = make(pair.a);
    const reasons: CloseReason[] = [];
    a.onClose((r) => reasons.push(r));
    await a.open();
    await a.close();
    expect(reasons).toEqual(['closed']);
    await a.open();
    const lost = waitForEvent<CloseReason>((l) => a.onClose((r) => l(r)));
    await pair.kill();
    expect(await lost).toBe('lost');
    expect(a.isOpen).toBe(false);
    await expect(a.open()).rejects.toBeInstanceOf(TransportError);
    await pair.start();
    await a.open();
    expect(a.isOpen).toBe(true);
    await a.close();
  });

  it('a device node replaced under the same path (quick replug, by-id link re-pointed) is reported lost', async () => {
    // /dev/serial/by-id/… → pty A; then the link points at another device while A lives on:
    // nothing errors on the open port, only the identity check can tell.
    const other = new SocatPair();
    await other.start();
    const link = join(pair.dir, 'by-id-scanner');
    symlinkSync(pair.a, link);
    const a = make(link);
    await a.open();
    const lost = waitForEvent<CloseReason>((l) => a.onClose((r) => l(r)));
    unlinkSync(link);
    symlinkSync(other.a, link);
    expect(await lost).toBe('lost');
    await a.open();
    const b = make(other.b);
    await b.open();
    const got = collectUntil((l) => b.onData(l), (all) => all.length === 2);
    await a.write(Uint8Array.of(1, 2));
    expect([...(await got)]).toEqual([1, 2]);
    await a.close();
    await b.close();
    await other.dispose();
  });

  it('modem lines are optional: a pty refuses them and we get false, not a throw', async () => {
    const a = make(pair.a);
    await a.open();
    expect(typeof (await a.setModemLines({ dtr: true }))).toBe('boolean');
    await a.close();
  });

  it('rejects open of a missing path with a TransportError', async () => {
    await expect(make(`${pair.dir}/nope`).open()).rejects.toBeInstanceOf(TransportError);
  });
});
