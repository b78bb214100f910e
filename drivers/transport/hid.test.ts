import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/log.ts';
import { HidTransportConfig } from './config.ts';
import { HidTransport } from './hid.ts';
import type { CloseReason } from './types.ts';
import { TransportError } from './types.ts';
import { waitForEvent } from '../../test/helpers/wait.ts';
import { FakeHidBackend } from './sim/index.ts';

const scannerInfo = { path: '/dev/hidraw3', vendorId: 0x0c2e, productId: 0x0b61, usagePage: 0x8c, usage: 0x02 };

describe('HID transport (fake backend)', () => {
  it('delivers each input report as exactly one chunk', async () => {
    const backend = new FakeHidBackend();
    const device = backend.add(scannerInfo);
    await device.open();
    const t = new HidTransport(HidTransportConfig.parse({ kind: 'hid', path: '/dev/hidraw3' }), { logger: silentLogger, backend });
    await t.open();
    const chunks: Uint8Array[] = [];
    const two = new Promise<void>((r) => t.onData((c) => chunks.push(c) === 2 && r()));
    await device.write(new Uint8Array(64).fill(1));
    await device.write(new Uint8Array(64).fill(2));
    await two;
    expect(chunks.map((c) => [c.length, c[0]])).toEqual([
      [64, 1],
      [64, 2],
    ]);
  });

  it('finds the device by vendorId/productId when no path is given', async () => {
    const backend = new FakeHidBackend();
    backend.add(scannerInfo);
    const t = new HidTransport(HidTransportConfig.parse({ kind: 'hid', vendorId: 0x0c2e }), { logger: silentLogger, backend });
    await t.open();
    expect(t.isOpen).toBe(true);
  });

  it('rejects open when no matching device is present, or the config names none', async () => {
    const backend = new FakeHidBackend();
    await expect(new HidTransport(HidTransportConfig.parse({ kind: 'hid', vendorId: 1 }), { logger: silentLogger, backend }).open()).rejects.toBeInstanceOf(TransportError);
    await expect(new HidTransport(HidTransportConfig.parse({ kind: 'hid' }), { logger: silentLogger, backend }).open()).rejects.toBeInstanceOf(TransportError);
    await expect(new HidTransport(HidTransportConfig.parse({ kind: 'hid', path: '/dev/hidraw9' }), { logger: silentLogger, backend }).open()).rejects.toBeInstanceOf(TransportError);
  });

  it('host writes arrive at the device side; unplug is lost, re-plug reopens, close is closed', async () => {
    const backend = new FakeHidBackend();
    const device = backend.add(scannerInfo);
    await device.open();
    const t = new HidTransport(HidTransportConfig.parse({ kind: 'hid', path: '/dev/hidraw3' }), { logger: silentLogger, backend });
    await t.open();
    const got = waitForEvent<Uint8Array>((l) => device.onData(l));
    await t.write(Uint8Array.of(0x04, 1));
    expect([...(await got)]).toEqual([0x04, 1]);
    const lost = waitForEvent<CloseReason>((l) => t.onClose((r) => l(r)));
    backend.unplug('/dev/hidraw3');
    expect(await lost).toBe('lost');
    await expect(t.open()).rejects.toBeInstanceOf(TransportError);
    backend.add(scannerInfo);
    await t.open();
    const closed = waitForEvent<CloseReason>((l) => t.onClose((r) => l(r)));
    await t.close();
    expect(await closed).toBe('closed');
  });
});
