import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diffDevices, discoverDevices, guessHid, listHidDevices, listSerialPorts, udevadmOnPath, type DiscoveredDevice } from './discovery.ts';
import { type HidBackend } from './transport/hid.ts';
import { FakeHidBackend } from './transport/sim/index.ts';

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) fs.rmSync(t, { recursive: true, force: true });
});

function fakeDev(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lane-dev-'));
  temps.push(root);
  for (const n of ['ttyUSB0', 'ttyACM1', 'ttyS0', 'tty0', 'null']) fs.writeFileSync(path.join(root, n), '');
  fs.mkdirSync(path.join(root, 'serial', 'by-id'), { recursive: true });
  fs.symlinkSync(path.join(root, 'ttyACM1'), path.join(root, 'serial', 'by-id', 'usb-Datalogic_Magellan-if00'));
  fs.symlinkSync(path.join(root, 'gone'), path.join(root, 'serial', 'by-id', 'usb-dangling'));
  return root;
}

describe('listSerialPorts', () => {
  it('uses the enumeration when it works, with vendor guesses and by-id links', async () => {
    const devRoot = fakeDev();
    const { ports, problems } = await listSerialPorts({
      devRoot,
      listSerial: async () => [
        { path: path.join(devRoot, 'ttyACM1'), vendorId: '05f9', productId: '4204', manufacturer: 'Datalogic' },
        { path: path.join(devRoot, 'ttyUSB0'), vendorId: '0403', productId: '6001' },
      ],
    });
    expect(problems).toEqual([]);
    expect(ports[0]).toMatchObject({ kind: 'scanner', vendorId: 0x05f9, byId: path.join(devRoot, 'serial', 'by-id', 'usb-Datalogic_Magellan-if00') });
    expect(ports[1]).toMatchObject({ kind: 'serialAdapter', vendorId: 0x0403 });
  });

  it('falls back to scanning /dev when enumeration fails (no udevadm), and says so', async () => {
    const devRoot = fakeDev();
    const { ports, problems } = await listSerialPorts({
      devRoot,
      listSerial: async () => {
        throw new Error('spawn udevadm ENOENT');
      },
    });
    expect(ports.map((p) => path.basename(p.path))).toEqual(['ttyACM1', 'ttyS0', 'ttyUSB0']);
    expect(ports.find((p) => p.path.endsWith('ttyACM1'))).toMatchObject({ kind: 'scanner' }); // from the by-id name
    expect(problems[0]).toContain('udevadm');
  });

  it('a missing /dev gives an empty list, not a crash', async () => {
    const { ports } = await listSerialPorts({ devRoot: '/nonexistent-dev', listSerial: async () => Promise.reject(new Error('x')) });
    expect(ports).toEqual([]);
  });

  it('udevadm is looked up on PATH before serialport is asked (its spawn error is uncatchable)', () => {
    expect(udevadmOnPath('')).toBe(false);
    expect(udevadmOnPath('/nonexistent-bin')).toBe(false);
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'lane-bin-'));
    temps.push(bin);
    fs.writeFileSync(path.join(bin, 'udevadm'), '#!/bin/sh\n', { mode: 0o755 });
    expect(udevadmOnPath(`/nonexistent-bin${path.delimiter}${bin}`)).toBe(true);
  });

  it('the real machine: never throws', async () => {
    const result = await discoverDevices();
    expect(Array.isArray(result.devices)).toBe(true);
  });
});

describe('listHidDevices and guesses', () => {
  it('guesses HID POS scanners, HID scales, wedge scanners and plain keyboards', async () => {
    const hid = new FakeHidBackend();
    hid.add({ path: '/dev/hidraw0', vendorId: 0x0c2e, productId: 1, usagePage: 0x8c, usage: 0x02 });
    hid.add({ path: '/dev/hidraw1', vendorId: 0x0922, productId: 0x8003, usagePage: 0x8d, usage: 0x20 });
    hid.add({ path: '/dev/hidraw2', vendorId: 0x05e0, productId: 0x1200, usagePage: 0x01, usage: 0x06 });
    hid.add({ path: '/dev/hidraw3', vendorId: 0x046d, productId: 0xc31c, usagePage: 0x01, usage: 0x06 });
    hid.add({ path: '/dev/hidraw4', vendorId: 0x1234, productId: 1 });
    const { devices } = await listHidDevices({ hid });
    expect(devices.map((d) => [d.kind, d.protocol])).toEqual([
      ['scanner', 'hidpos'],
      ['scale', 'hidScale'],
      ['scanner', 'wedge'],
      ['keyboard', undefined],
      ['unknown', undefined],
    ]);
  });

  it('a failing HID enumeration is reported, not thrown', async () => {
    const broken: HidBackend = { list: () => Promise.reject(new Error('hidraw unavailable')), open: () => Promise.reject(new Error('no')) };
    const { devices, problems } = await listHidDevices({ hid: broken });
    expect(devices).toEqual([]);
    expect(problems[0]).toContain('hidraw unavailable');
  });

  it('a device left in keyboard mode by an unknown vendor is just a keyboard', () => {
    expect(guessHid({ path: 'x', vendorId: 1, productId: 1, usagePage: 1, usage: 6 })).toEqual({ kind: 'keyboard' });
  });
});

describe('diffDevices', () => {
  const a: DiscoveredDevice = { bus: 'serial', path: '/dev/ttyACM0', kind: 'scanner' };
  const b: DiscoveredDevice = { bus: 'hid', path: '/dev/hidraw0', vendorId: 1, productId: 2, kind: 'scanner' };
  it('reports added and removed devices', () => {
    expect(diffDevices([a], [b])).toEqual({ added: [b], removed: [a] });
    expect(diffDevices([a, b], [a, b])).toEqual({ added: [], removed: [] });
    expect(diffDevices([], [a])).toEqual({ added: [a], removed: [] });
  });
  it('a different device on the same path is removed + added', () => {
    const b2: DiscoveredDevice = { ...b, productId: 3 };
    expect(diffDevices([b], [b2])).toEqual({ added: [b2], removed: [b] });
  });
});
