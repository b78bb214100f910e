import { z } from 'zod';
import type { PrinterCondition, ScaleState } from '../../contracts/index.ts';
import { PrinterSim, serveLink, startPrinterSimServer, type PrinterSimServer } from '../../drivers/printer/sim.ts';
import { Mt8217Simulator } from '../../drivers/scale/mt8217/sim.ts';
import { SicsSimulator } from '../../drivers/scale/sics/sim.ts';
import type { ScaleSimulator } from '../../drivers/scale/sim/base.ts';
import { HidPosScannerSim } from '../../drivers/scanner/hidpos/sim.ts';
import { SerialScannerSim } from '../../drivers/scanner/serial/sim.ts';
import { WedgeScannerSim } from '../../drivers/scanner/wedge/sim.ts';
import { ZvtSimulator, type PaymentScript } from '../../drivers/terminal/zvt/sim.ts';
import { currencyInfo } from '../../contracts/currency.ts';
import { createTransport, MemoryHub, type Transport } from '../../drivers/transport/index.ts';
import { SocatPair, socatAvailable } from '../../drivers/transport/sim/socat.ts';
import { DevicesConfig, openDevices, type DevicesConfigInput } from '../devices.ts';
import type { LaneDevices } from '../../contracts/ports.ts';
import type { Clock } from '../../core/clock.ts';
import type { Logger } from '../../core/log.ts';
import type { CardBehaviour, SimControl } from './devices.ts';
import { FakeEvdevSource, FakeHidBackend } from '../../drivers/transport/sim/index.ts';

/**
 * Simulated hardware on the wire: every device runs its REAL driver, and the byte-level
 * simulator of the same protocol sits on the other end of a real transport — a socat pty
 * pair opened through the serialport binding, a TCP socket on 127.0.0.1, or an in-memory
 * link. HID POS and keyboard-wedge scanners go through in-process fakes of hidraw/evdev
 * (this machine has no /dev/uhid). The lane cannot tell it from hardware.
 */
export const WireSpec = z.strictObject({
  scanners: z.array(z.enum(['serial', 'hidpos', 'wedge'])).min(1).default(['serial', 'hidpos', 'wedge']),
  scannerLink: z.enum(['pty', 'memory']).default('pty'),
  produceScale: z.enum(['mt8217', 'sics']).default('mt8217'),
  baggingScale: z.enum(['mt8217', 'sics']).default('sics'),
  scaleLink: z.enum(['pty', 'memory']).default('pty'),
  printerLink: z.enum(['tcp', 'pty', 'memory']).default('tcp'),
  terminalLink: z.enum(['tcp', 'pty', 'memory']).default('tcp'),
  /** The lane's currency (ISO 4217 alphabetic): the terminal simulator's and the driver's. */
  currency: z.string().length(3).default('EUR'),
});
export type WireSpec = z.infer<typeof WireSpec>;
export type WireSpecInput = z.input<typeof WireSpec>;

type DeviceKey = 'scanner' | 'produceScale' | 'baggingScale' | 'printer' | 'terminal';

interface Plug {
  unplug(): Promise<void>;
  replug(): Promise<void>;
}

export interface WireLane {
  devices: LaneDevices;
  control: SimControl;
  config: DevicesConfig;
  /** The card terminal's simulator (what it was asked, in which currency). */
  zvt: ZvtSimulator;
}

const CARD: Record<CardBehaviour, PaymentScript> = {
  approve: { kind: 'approve' },
  decline: { kind: 'decline', resultCode: 0x05 },
  cancel: { kind: 'abort' },
  timeout: { kind: 'timeout' },
  lostCompletion: { kind: 'lostCompletion', mode: 'silent' },
  lostAnswer: { kind: 'lostAnswer' },
};

/** Start the simulators and the real drivers between them. */
export async function openWireLane(specInput: WireSpecInput, deps: { clock: Clock; logger: Logger }): Promise<WireLane> {
  const spec = WireSpec.parse(specInput);
  const { clock, logger } = deps;
  const currency = currencyInfo(spec.currency, 'devices.currency');
  if (!currency.ok) throw new Error(currency.error.message); // a simulated lane's own spec: a programming error
  const currencyCode = currency.value.numeric;
  const needsPty = spec.scannerLink === 'pty' || spec.scaleLink === 'pty' || spec.printerLink === 'pty' || spec.terminalLink === 'pty';
  if (needsPty && !socatAvailable()) throw new Error('socat is not installed: pty links need it (apt-get install socat), or use memory links');
  const hub = new MemoryHub();
  const hid = new FakeHidBackend();
  const evdev = new FakeEvdevSource();
  const closers: (() => Promise<void>)[] = [];
  const plugs: Record<DeviceKey, Plug[]> = { scanner: [], produceScale: [], baggingScale: [], printer: [], terminal: [] };

  /** A serial-ish link: returns the host transport config and the device-side transport. */
  async function serialLink(name: string, kind: 'pty' | 'memory', line: { dataBits: 7 | 8; parity: 'none' | 'even' | 'odd'; stopBits: 1 | 2 }, key: DeviceKey) {
    if (kind === 'memory') {
      const link = hub.link(name);
      plugs[key].push({ unplug: async () => link.unplug(), replug: async () => link.replug() });
      return { host: { kind: 'memory' as const, name }, device: link.device as Transport, reopen: null as null | (() => Promise<void>) };
    }
    const pair = new SocatPair();
    await pair.start();
    closers.push(() => pair.dispose());
    const device = createTransport({ kind: 'serial', path: pair.b, baudRate: 9600, ...line, rtscts: false }, { clock, logger, serialPresenceCheckMs: 200 });
    const entry = { host: { kind: 'serial' as const, path: pair.a, baudRate: 9600, ...line }, device, reopen: null as null | (() => Promise<void>) };
    plugs[key].push({ unplug: () => pair.kill(), replug: async () => { await pair.start(); await entry.reopen?.(); } });
    return entry;
  }

  // ---- scanners
  const scannerConfigs: DevicesConfigInput['scanners'] = [];
  const scannerSims: { serial?: SerialScannerSim; hidpos?: HidPosScannerSim; wedge?: WedgeScannerSim } = {};
  for (const kind of spec.scanners) {
    if (kind === 'serial') {
      const l = await serialLink('scanner', spec.scannerLink, { dataBits: 8, parity: 'none', stopBits: 1 }, 'scanner');
      const sim = new SerialScannerSim(l.device, { suffix: 'CRLF', aimPrefix: true });
      await sim.open();
      l.reopen = () => sim.open();
      closers.push(() => sim.close());
      scannerSims.serial = sim;
      scannerConfigs.push({ protocol: 'serial', transport: l.host, suffix: 'CRLF', aimPrefix: true, hostCommands: 'datalogic', backoff: { initialMs: 100, maxMs: 1000 } });
    } else if (kind === 'hidpos') {
      const path = '/dev/hidraw-sim0';
      const info = { path, vendorId: 0x0c2e, productId: 0x0b61, usagePage: 0x8c, usage: 0x02, product: 'Simulated HID POS scanner' };
      const sim = new HidPosScannerSim(hid.add(info));
      await sim.open();
      scannerSims.hidpos = sim;
      plugs.scanner.push({ unplug: async () => hid.unplug(path), replug: async () => { scannerSims.hidpos = new HidPosScannerSim(hid.add(info)); await scannerSims.hidpos.open(); } });
      scannerConfigs.push({ protocol: 'hidpos', transport: { kind: 'hid', path }, backoff: { initialMs: 100, maxMs: 1000 } });
    } else {
      const path = '/dev/input/by-id/sim-scanner-event-kbd';
      const sim = new WedgeScannerSim(evdev.plug(path), { layout: 'us', clock });
      await sim.open();
      scannerSims.wedge = sim;
      plugs.scanner.push({ unplug: async () => evdev.unplug(path), replug: async () => { scannerSims.wedge = new WedgeScannerSim(evdev.plug(path), { layout: 'us', clock }); await scannerSims.wedge.open(); } });
      scannerConfigs.push({ protocol: 'wedge', transport: { kind: 'evdev', path, grab: true }, layout: 'us', backoff: { initialMs: 100, maxMs: 1000 } });
    }
  }

  // ---- scales
  async function scale(name: 'produceScale' | 'baggingScale', protocol: 'mt8217' | 'sics') {
    const line = protocol === 'mt8217' ? ({ dataBits: 7, parity: 'even', stopBits: 1 } as const) : ({ dataBits: 8, parity: 'none', stopBits: 1 } as const);
    const l = await serialLink(name, spec.scaleLink, line, name);
    const opts = { transport: l.device, clock, logger, capacityGrams: 30_000, ...(spec.scaleLink === 'memory' ? { link: hub.link(name) } : {}) };
    const sim: ScaleSimulator = protocol === 'mt8217' ? new Mt8217Simulator({ ...opts, unit: 'kg' }) : new SicsSimulator({ ...opts, unit: 'g', streamMs: 100 });
    sim.start();
    closers.push(() => sim.close());
    const config =
      protocol === 'mt8217'
        ? { protocol: 'mt8217' as const, unit: 'kg' as const, transport: l.host, pollMs: 100, divisionGrams: 1 }
        : { protocol: 'sics' as const, mode: 'poll' as const, transport: l.host, pollMs: 100, divisionGrams: 1 };
    return { sim, config };
  }
  const produce = await scale('produceScale', spec.produceScale);
  const bagging = await scale('baggingScale', spec.baggingScale);

  // ---- printer
  const printerSim = new PrinterSim({});
  let printerServer: PrinterSimServer | null = null;
  let printerTransport: DevicesConfigInput['printer']['transport'];
  if (spec.printerLink === 'tcp') {
    const server = await startPrinterSimServer(printerSim);
    printerServer = server;
    closers.push(() => server.close());
    plugs.printer.push({ unplug: () => server.unplug(), replug: () => server.replug() });
    printerTransport = { kind: 'tcp', host: '127.0.0.1', port: server.port };
  } else {
    const l = await serialLink('printer', spec.printerLink, { dataBits: 8, parity: 'none', stopBits: 1 }, 'printer');
    const served = serveLink(printerSim, l.device, { clock, retryMs: 100 });
    closers.push(() => served.stop());
    printerTransport = l.host;
  }
  void printerServer;

  // ---- terminal
  const zvt = new ZvtSimulator({ clock, logger, awaitScript: true, currencyCode });
  let terminalTransport: DevicesConfigInput['terminal']['transport'];
  if (spec.terminalLink === 'tcp') {
    let server = await zvt.listenTcp(0);
    const port = server.port;
    closers.push(() => server.close());
    plugs.terminal.push({
      unplug: async () => {
        server.dropAll();
        await server.close();
      },
      replug: async () => {
        server = await zvt.listenTcp(port);
      },
    });
    terminalTransport = { kind: 'tcp', host: '127.0.0.1', port };
  } else {
    const l = await serialLink('terminal', spec.terminalLink, { dataBits: 8, parity: 'none', stopBits: 2 }, 'terminal');
    const attach = async () => {
      if (!l.device.isOpen) await l.device.open();
      zvt.attach(l.device, { framing: 'serial' });
    };
    await attach();
    l.reopen = attach;
    terminalTransport = l.host;
  }

  const config = DevicesConfig.parse({
    scanners: scannerConfigs,
    produceScale: produce.config,
    baggingScale: bagging.config,
    printer: { protocol: 'escpos', transport: printerTransport, statusTimeoutMs: 500 },
    // Simulated time is real time on the wire: a silent terminal gives up after 10 s, not 180 s.
    terminal: { protocol: 'zvt', transport: terminalTransport, currencyCode, timeouts: { responseMs: 10_000 } },
  });
  const devices = openDevices(config, { clock, logger, hub, hid, evdev, serialPresenceCheckMs: 200 });
  closers.unshift(async () => {
    await Promise.all(Object.values(devices).map((d) => d.close()));
  });

  const printerConditions = (c: PrinterCondition) => ({
    paperOut: c === 'paperOut',
    paperNearEnd: c === 'paperNearEnd',
    coverOpen: c === 'coverOpen',
    offline: c === 'offline',
    cutterError: c === 'cutterError',
  });
  const scaleState = (sim: ScaleSimulator, state: ScaleState) => {
    if (state === 'overload') sim.overload();
    else if (state === 'underZero') sim.underZero();
    else if (state === 'zeroError') sim.zeroError();
    else if (state === 'motion') sim.clearFault().motion(60_000);
    else sim.clearFault().settle();
  };
  let scannerEnabled = true;
  devices.scanner.onScan(() => undefined);
  const control: SimControl = {
    kind: 'wire',
    async scan(data, symbology, via) {
      const which = via === 'hid' ? 'hidpos' : (via ?? spec.scanners[0]!);
      if (which === 'serial' && scannerSims.serial) return scannerSims.serial.scan(data, symbology ? { symbology } : {});
      if (which === 'hidpos' && scannerSims.hidpos) {
        await scannerSims.hidpos.scan(data, symbology ? { symbology } : {});
        return true;
      }
      if (which === 'wedge' && scannerSims.wedge) return scannerSims.wedge.scan(data);
      return false;
    },
    async bag(delta) {
      if (delta >= 0) bagging.sim.place(delta, 150);
      else bagging.sim.remove(-delta, 150);
    },
    async produce(grams, stable) {
      produce.sim.setGrams(grams, 0);
      if (!stable) produce.sim.motion(60_000);
      else produce.sim.settle();
    },
    async scaleState(which, state) {
      scaleState(which === 'produceScale' ? produce.sim : bagging.sim, state);
    },
    async card(b) {
      zvt.script(CARD[b]);
    },
    async printer(c) {
      printerSim.set(printerConditions(c));
    },
    async unplug(d) {
      for (const p of plugs[d]) await p.unplug();
    },
    async replug(d) {
      for (const p of plugs[d]) await p.replug();
    },
    receipts: () => printerSim.receipts().map((r) => r.text),
    scannerEnabled: () => {
      scannerEnabled = scannerSims.serial ? scannerSims.serial.enabled : scannerEnabled;
      return scannerEnabled;
    },
    async close() {
      for (const c of closers) await c().catch(() => undefined);
    },
  };
  return { devices, control, config, zvt };
}
