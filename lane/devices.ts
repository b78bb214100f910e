import { z } from 'zod';
import { ok, parseWith, type CurrencyInfo, type DeviceHealth, type Result, type Scan } from '../contracts/index.ts';
import { PrinterConfig } from '../drivers/printer/config.ts';
import { openPrinter } from '../drivers/printer/index.ts';
import { ScaleConfig } from '../drivers/scale/config.ts';
import { openMagellan, openScale } from '../drivers/scale/index.ts';
import { ScannerConfig } from '../drivers/scanner/config.ts';
import { openScanner } from '../drivers/scanner/index.ts';
import { TerminalConfig } from '../drivers/terminal/config.ts';
import { openTerminal } from '../drivers/terminal/index.ts';
import type { TransportDeps } from '../drivers/transport/index.ts';
import type { LaneDevices, ScalePort, ScannerPort, Unsubscribe } from '../contracts/ports.ts';

/**
 * Real devices from configuration: which driver and transport each device of the lane uses.
 * A lane may have several scanners (a flatbed and a handheld); a Magellan scanner-scale as
 * the produce scale also contributes its scanner.
 *
 * Example (lane config `devices`):
 * {
 *   "scanners": [{ "protocol": "serial", "transport": { "kind": "serial", "path": "/dev/ttyACM0" }, "hostCommands": "datalogic" }],
 *   "produceScale": { "protocol": "magellan", "transport": { "kind": "serial", "path": "/dev/ttyS0" } },
 *   "baggingScale": { "protocol": "sics", "mode": "stream", "transport": { "kind": "serial", "path": "/dev/ttyUSB1" } },
 *   "printer": { "protocol": "escpos", "transport": { "kind": "tcp", "host": "192.168.1.60", "port": 9100 } },
 *   "terminal": { "protocol": "zvt", "transport": { "kind": "tcp", "host": "192.168.1.50", "port": 20007 } }
 * }
 */
export const DevicesConfig = z.object({
  scanners: z.array(ScannerConfig).default([]),
  produceScale: ScaleConfig,
  baggingScale: ScaleConfig,
  printer: PrinterConfig,
  terminal: TerminalConfig,
});
export type DevicesConfig = z.infer<typeof DevicesConfig>;
export type DevicesConfigInput = z.input<typeof DevicesConfig>;

/**
 * Validate a `devices` object. The terminal's currency is derived from the lane's
 * (`withTerminalCurrency`); `terminalCurrencyCode` is the one the file names, if it does,
 * for the lane to refuse when it disagrees.
 */
export function parseDevicesConfig(input: unknown): Result<{ config: DevicesConfig; terminalCurrencyCode: number | undefined }> {
  const r = parseWith(DevicesConfig, input, 'devices');
  if (!r.ok) return { ok: false, error: { ...r.error, ...(r.error.path ? { path: `devices.${r.error.path}` } : {}) } };
  const raw = (input as { terminal?: { currencyCode?: unknown } }).terminal?.currencyCode;
  return ok({ config: r.value, terminalCurrencyCode: typeof raw === 'number' ? raw : undefined });
}

/** The devices configuration with the card terminal set up in the lane's currency. */
export function withTerminalCurrency(config: DevicesConfig, currency: CurrencyInfo): DevicesConfig {
  return { ...config, terminal: { ...config.terminal, currencyCode: currency.numeric } };
}

const RANK: Record<DeviceHealth['status'], number> = { ok: 0, warning: 1, error: 2, offline: 3 };

/**
 * Several scanners as one port: scans from any, enable/disable/beep to all. Health: ok when
 * all are ok; `warning` when some (not all) are offline; otherwise the best of them.
 */
export class CompositeScanner implements ScannerPort {
  constructor(readonly parts: readonly ScannerPort[]) {
    if (parts.length === 0) throw new TypeError('a lane needs at least one scanner');
  }
  onScan(l: (s: Scan) => void): Unsubscribe {
    const offs = this.parts.map((p) => p.onScan(l));
    return () => offs.forEach((o) => o());
  }
  async enable(): Promise<void> {
    await Promise.all(this.parts.map((p) => p.enable()));
  }
  async disable(): Promise<void> {
    await Promise.all(this.parts.map((p) => p.disable()));
  }
  async beep(kind: 'good' | 'error'): Promise<void> {
    await Promise.all(this.parts.map((p) => p.beep(kind)));
  }
  health(): DeviceHealth {
    const hs = this.parts.map((p) => p.health());
    if (hs.length === 1) return hs[0]!;
    const offline = hs.filter((h) => h.status === 'offline');
    const since = Math.max(...hs.map((h) => h.since));
    if (offline.length > 0 && offline.length < hs.length) return { status: 'warning', reason: `scannersOffline:${offline.length}/${hs.length}`, since };
    const best = [...hs].sort((a, b) => RANK[a.status] - RANK[b.status])[0]!;
    return best;
  }
  onHealth(l: (h: DeviceHealth) => void): Unsubscribe {
    const offs = this.parts.map((p) => p.onHealth(() => l(this.health())));
    return () => offs.forEach((o) => o());
  }
  async close(): Promise<void> {
    await Promise.all(this.parts.map((p) => p.close()));
  }
}

/** Open every configured device. Connecting goes on in the background; watch health. */
export function openDevices(config: DevicesConfig, deps: TransportDeps): LaneDevices {
  const scanners: ScannerPort[] = config.scanners.map((s) => openScanner(s, deps));
  let produceScale: ScalePort;
  if (config.produceScale.protocol === 'magellan') {
    const m = openMagellan(config.produceScale, deps);
    produceScale = m.scale;
    scanners.push(m.scanner);
  } else {
    produceScale = openScale(config.produceScale, deps);
  }
  return {
    scanner: new CompositeScanner(scanners),
    produceScale,
    baggingScale: openScale(config.baggingScale, deps),
    printer: openPrinter(config.printer, deps),
    terminal: openTerminal(config.terminal, deps),
  };
}
