/**
 * The serial scanner driver and its simulator over a real socat pty pair, through the real
 * serialport binding: scans arrive, disable stops them, killing socat (unplug) turns health
 * offline, restarting it (re-plug) lets the driver reconnect by itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scan } from '../../contracts/devices.ts';
import { systemClock } from '../../core/clock.ts';
import { silentLogger } from '../../core/log.ts';
import { ScannerConfig, SerialScannerSim, openScanner, type ScannerDiagnostic, type ScannerDriver } from '../../drivers/scanner/index.ts';
import { SerialTransportConfig } from '../../drivers/transport/config.ts';
import { SerialTransport } from '../../drivers/transport/serial.ts';
import { SocatPair, socatAvailable } from '../../drivers/transport/sim/socat.ts';
import { waitForEvent, waitForHealth } from '../helpers/wait.ts';

describe.skipIf(!socatAvailable())('serial scanner over a socat pty pair (skipped: socat not installed)', () => {
  let pair: SocatPair;
  let sim: SerialScannerSim;
  let scanner: ScannerDriver;

  beforeAll(async () => {
    pair = new SocatPair();
    await pair.start();
    const deviceSide = new SerialTransport(SerialTransportConfig.parse({ kind: 'serial', path: pair.b }), { clock: systemClock, logger: silentLogger, presenceCheckMs: 100 });
    sim = new SerialScannerSim(deviceSide, { suffix: 'CRLF' });
    await sim.open();
    const config = ScannerConfig.parse({
      protocol: 'serial',
      transport: { kind: 'serial', path: pair.a },
      suffix: 'CRLF',
      hostCommands: 'datalogic',
      backoff: { initialMs: 50, maxMs: 400 },
    });
    scanner = openScanner(config, { clock: systemClock, logger: silentLogger, serialPresenceCheckMs: 100 });
  });

  afterAll(async () => {
    await scanner?.close();
    await sim?.close().catch(() => {});
    await pair?.dispose();
  });

  const nextScan = () => waitForEvent<Scan>((l) => scanner.onScan(l));

  it('connects and scans arrive with their AIM symbology', async () => {
    await waitForHealth(scanner, 'ok');
    const got = nextScan();
    await sim.scan('4006381333931', { symbology: ']E0' });
    expect(await got).toEqual({ data: '4006381333931', symbology: ']E0', source: 'serial' });
  });

  it('disable tells the scanner (D) and scans that still arrive are dropped', async () => {
    const disabled = waitForEvent((l) => sim.onCommand(l), (c) => c === 'disable');
    await scanner.disable();
    await disabled;
    expect(sim.enabled).toBe(false);
    expect(await sim.scan('111')).toBe(false); // a real scanner stops reading

    sim.honourDisable = false; // one that keeps sending anyway
    const dropped = waitForEvent<ScannerDiagnostic>((l) => scanner.onDiagnostic(l), (d) => d.type === 'droppedWhileDisabled');
    const seen: Scan[] = [];
    const off = scanner.onScan((s) => seen.push(s));
    await sim.scan('222');
    expect(await dropped).toEqual({ type: 'droppedWhileDisabled', data: '222' });
    off();
    expect(seen).toEqual([]);

    const enabled = waitForEvent((l) => sim.onCommand(l), (c) => c === 'enable');
    await scanner.enable();
    await enabled;
    sim.honourDisable = true;
    const got = nextScan();
    await sim.scan('333');
    expect((await got).data).toBe('333');
  });

  it('killing socat (unplug) makes health offline/linkLost; restarting it (re-plug) reconnects by itself', async () => {
    await waitForHealth(scanner, 'ok');
    await pair.kill();
    const h = await waitForHealth(scanner, 'offline');
    expect(h.reason).toBe('linkLost');

    await pair.start();
    await sim.open();
    await waitForHealth(scanner, 'ok');
    const got = nextScan();
    await sim.scan('5901234123457', { symbology: ']E0' });
    expect(await got).toEqual({ data: '5901234123457', symbology: ']E0', source: 'serial' });
  });
});
