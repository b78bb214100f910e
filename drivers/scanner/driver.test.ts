import { describe, expect, it } from 'vitest';
import type { DeviceHealth, Scan } from '../../contracts/devices.ts';
import { ManualClock } from '../../core/clock.ts';
import { silentLogger } from '../../core/log.ts';


import { MemoryHub } from '../transport/memory.ts';
import { settle, waitForEvent, waitForHealth } from '../../test/helpers/wait.ts';
import { ScannerConfig, type ScannerConfigInput } from './config.ts';
import { HidPosScannerSim } from './hidpos/sim.ts';
import { openScanner } from './index.ts';
import { SerialScannerSim } from './serial/sim.ts';
import { WedgeScannerSim } from './wedge/sim.ts';
import { FakeEvdevSource, FakeHidBackend } from '../transport/sim/index.ts';

const T0 = Date.UTC(2026, 0, 15, 10, 0, 0);

function serialSetup(extra: Partial<Extract<ScannerConfigInput, { protocol: 'serial' }>> = {}) {
  const clock = new ManualClock(T0);
  const hub = new MemoryHub();
  const config = ScannerConfig.parse({ protocol: 'serial', transport: { kind: 'memory', name: 'scanner' }, suffix: 'CRLF', hostCommands: 'datalogic', ...extra });
  const sim = new SerialScannerSim(hub.link('scanner').device, { suffix: 'CRLF' });
  const scanner = openScanner(config, { clock, logger: silentLogger, hub });
  const up = () => waitForHealth(scanner, 'ok');
  const nextScan = () => waitForEvent<Scan>((l) => scanner.onScan(l));
  return { clock, hub, sim, scanner, up, nextScan };
}

describe('scanner driver: serial protocol over a memory link', () => {
  it('delivers scans from the simulator with symbology and source', async () => {
    const { sim, scanner, up, nextScan } = serialSetup();
    await sim.open();
    await up();
    const got = nextScan();
    await sim.scan('4006381333931', { symbology: ']E0' });
    expect(await got).toEqual({ data: '4006381333931', symbology: ']E0', source: 'serial' });
    await scanner.close();
  });

  it('sends Datalogic E on connect, D on disable, B/F beeps; disabled scanner sends nothing', async () => {
    const { sim, scanner, up } = serialSetup();
    await sim.open();
    await up();
    await settle();
    expect(sim.commands).toEqual(['enable']);
    await scanner.disable();
    await scanner.beep('good');
    await scanner.beep('error');
    await settle();
    expect(sim.enabled).toBe(false);
    expect(sim.beeps).toEqual(['good', 'notOnFile']);
    expect(await sim.scan('123')).toBe(false);
    await scanner.enable();
    await settle();
    expect(sim.enabled).toBe(true);
    await scanner.close();
  });

  it('drops scans that still arrive while disabled, delivers again after enable', async () => {
    const { sim, scanner, up, nextScan } = serialSetup();
    await sim.open();
    await up();
    const seen: Scan[] = [];
    scanner.onScan((s) => seen.push(s));
    await scanner.disable();
    await sim.raw(new TextEncoder().encode('999\r\n'));
    await settle();
    expect(seen).toEqual([]);
    await scanner.enable();
    const got = nextScan();
    await sim.scan('111');
    expect((await got).data).toBe('111');
    expect(seen.map((s) => s.data)).toEqual(['111']);
    await scanner.close();
  });

  it('re-sends the disabled state after a reconnect', async () => {
    const { clock, hub, sim, scanner, up } = serialSetup();
    await sim.open();
    await up();
    await scanner.disable();
    hub.link('scanner').unplug();
    expect(scanner.health()).toMatchObject({ status: 'offline', reason: 'linkLost' });
    hub.link('scanner').replug();
    await sim.open();
    const back = up();
    clock.advance(250);
    await back;
    await settle();
    expect(sim.commands.at(-1)).toBe('disable');
    await scanner.close();
  });

  it('a partial code is dropped by the clock timer, so it never prefixes the next scan', async () => {
    const { clock, sim, scanner, up, nextScan } = serialSetup();
    await sim.open();
    await up();
    await sim.raw(new TextEncoder().encode('GARBAGE'));
    await settle();
    clock.advance(1000);
    expect(scanner.discards).toContainEqual(expect.objectContaining({ reason: 'partialTimeout' }));
    const got = nextScan();
    await sim.scan('555');
    expect((await got).data).toBe('555');
    await scanner.close();
  });

  it('suffix none: the inter-byte timeout on the clock ends the code', async () => {
    const clock = new ManualClock(T0);
    const hub = new MemoryHub();
    const scanner = openScanner(ScannerConfig.parse({ protocol: 'serial', transport: { kind: 'memory', name: 's' }, suffix: 'none' }), { clock, logger: silentLogger, hub });
    const sim = new SerialScannerSim(hub.link('s').device, { suffix: 'none' });
    await sim.open();
    await waitForHealth(scanner, 'ok');
    const seen: Scan[] = [];
    scanner.onScan((s) => seen.push(s));
    await sim.scan('777');
    await settle();
    expect(seen).toEqual([]);
    clock.advance(50);
    expect(seen.map((s) => s.data)).toEqual(['777']);
    await scanner.close();
  });

  it('close stops everything: health offline/closed, no timers left', async () => {
    const { clock, sim, scanner, up } = serialSetup();
    await sim.open();
    await up();
    await scanner.close();
    expect(scanner.health()).toMatchObject({ status: 'offline', reason: 'closed' });
    expect(clock.pendingTimers()).toBe(0);
  });
});

describe('scanner driver: HID POS over the fake HID backend', () => {
  it('delivers a multi-report code; unplug → offline; re-plug → reconnects and scans flow', async () => {
    const clock = new ManualClock(T0);
    const hid = new FakeHidBackend();
    const info = { path: '/dev/hidraw2', vendorId: 0x0c2e, productId: 0x0b6a, usagePage: 0x8c, usage: 0x02 };
    const sim = new HidPosScannerSim(hid.add(info));
    await sim.open();
    const scanner = openScanner(ScannerConfig.parse({ protocol: 'hidpos', transport: { kind: 'hid', vendorId: 0x0c2e } }), { clock, logger: silentLogger, hid });
    await waitForHealth(scanner, 'ok');
    const data = `0104006381333931\x1d21${'S'.repeat(80)}`;
    let got = waitForEvent<Scan>((l) => scanner.onScan(l));
    await sim.scan(data, { symbology: ']d2' });
    expect(await got).toEqual({ data, symbology: ']d2', source: 'hid' });

    hid.unplug(info.path);
    await settle();
    expect(scanner.health()).toMatchObject({ status: 'offline', reason: 'linkLost' });
    hid.add(info);
    const back = waitForEvent<DeviceHealth>((l) => scanner.onHealth(l), (h) => h.status === 'ok');
    clock.advance(250);
    await back;
    got = waitForEvent<Scan>((l) => scanner.onScan(l));
    await sim.scan('12345670', { symbology: ']E4' });
    expect((await got).data).toBe('12345670');
    await scanner.disable();
    expect(sim.received).toEqual([]); // HID POS: disable = ignore, nothing sent
    await scanner.close();
  });

  it('an orphan partial report is dropped by the clock', async () => {
    const clock = new ManualClock(T0);
    const hub = new MemoryHub();
    const scanner = openScanner(ScannerConfig.parse({ protocol: 'hidpos', transport: { kind: 'memory', name: 'h' } }), { clock, logger: silentLogger, hub });
    const sim = new HidPosScannerSim(hub.link('h').device);
    await sim.open();
    await waitForHealth(scanner, 'ok');
    const [first] = (await import('./hidpos/codec.ts')).encodeHidPosReports('9'.repeat(70));
    await sim.report(first ?? new Uint8Array());
    await settle();
    clock.advance(100);
    expect(scanner.discards).toContainEqual(expect.objectContaining({ reason: 'orphanPartial' }));
    await scanner.close();
  });
});

describe('scanner driver: wedge over the fake evdev source', () => {
  it('delivers typed codes (German layout); unplug → offline; re-plug → reconnects', async () => {
    const clock = new ManualClock(T0);
    const evdev = new FakeEvdevSource();
    const path = '/dev/input/by-id/usb-scanner-event-kbd';
    const sim = new WedgeScannerSim(evdev.plug(path), { layout: 'de', clock });
    await sim.open();
    const scanner = openScanner(ScannerConfig.parse({ protocol: 'wedge', transport: { kind: 'evdev', path }, layout: 'de' }), { clock, logger: silentLogger, evdev });
    await waitForHealth(scanner, 'ok');
    let got = waitForEvent<Scan>((l) => scanner.onScan(l));
    await sim.scan('AB-12/3');
    expect(await got).toEqual({ data: 'AB-12/3', source: 'wedge' });

    evdev.unplug(path);
    await settle();
    expect(scanner.health()).toMatchObject({ status: 'offline', reason: 'linkLost' });
    const device = evdev.plug(path);
    await device.open();
    const back = waitForEvent<DeviceHealth>((l) => scanner.onHealth(l), (h) => h.status === 'ok');
    clock.advance(250);
    await back;
    got = waitForEvent<Scan>((l) => scanner.onScan(l));
    await sim.scan('4006381333931');
    expect((await got).data).toBe('4006381333931');
    await scanner.close();
  });
});

describe('ScannerConfig', () => {
  it('accepts each protocol with defaults', () => {
    expect(ScannerConfig.parse({ protocol: 'serial', transport: { kind: 'serial', path: '/dev/ttyACM0' } })).toMatchObject({ suffix: 'CRLF', aimPrefix: true, hostCommands: 'none' });
    expect(ScannerConfig.parse({ protocol: 'hidpos', transport: { kind: 'hid', vendorId: 0x05e0 } })).toMatchObject({ reportSize: 64, orphanTimeoutMs: 100 });
    expect(ScannerConfig.parse({ protocol: 'wedge', transport: { kind: 'evdev', path: '/dev/input/event3' } })).toMatchObject({ layout: 'us', maxAgeMs: 5000 });
  });

  const bad: [string, unknown][] = [
    ['unknown protocol', { protocol: 'bluetooth', transport: { kind: 'memory', name: 'x' } }],
    ['missing transport', { protocol: 'serial' }],
    ['bad suffix', { protocol: 'serial', transport: { kind: 'memory', name: 'x' }, suffix: 'TAB' }],
    ['maxLength over the Scan limit', { protocol: 'serial', transport: { kind: 'memory', name: 'x' }, maxLength: 1000 }],
    ['unknown layout', { protocol: 'wedge', transport: { kind: 'evdev', path: '/x' }, layout: 'fr' }],
    ['bad record size', { protocol: 'wedge', transport: { kind: 'evdev', path: '/x' }, recordSize: 20 }],
  ];
  for (const [name, input] of bad) it(`rejects ${name}`, () => expect(ScannerConfig.safeParse(input).success).toBe(false));
});
