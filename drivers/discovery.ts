/**
 * Device discovery: what serial ports and HID interfaces are present, with a guess of what
 * each is, as plain data; and plugging/unplugging as a diff of two listings (Odoo IoT box
 * style: added → probe and start, removed → stop).
 *
 * Never crashes: `SerialPort.list()` on Linux spawns `udevadm` and crashes the process from
 * an unhandled child-process `error` where udevadm is missing, so it is only called when
 * udevadm is on PATH, and every failure falls back to scanning /dev (by-id links,
 * ttyUSB*, ttyACM*, ttyS*). node-hid enumeration is guarded the same way.
 * Enumeration is for set-up screens and start-up; don't poll it to detect plugging (the
 * transports report unplug themselves).
 */
import fs from 'node:fs';
import path from 'node:path';
import { nodeHidBackend, type HidBackend, type HidDeviceInfo } from './transport/hid.ts';

export type DeviceKindGuess = 'scanner' | 'scale' | 'printer' | 'terminal' | 'keyboard' | 'serialAdapter' | 'unknown';
/** Which of our protocols likely fits, where the listing tells. */
export type ProtocolHint = 'hidpos' | 'wedge' | 'hidScale';

export interface DiscoveredSerial {
  bus: 'serial';
  path: string;
  /** Stable `/dev/serial/by-id/…` link, when there is one: prefer it in configuration. */
  byId?: string;
  vendorId?: number;
  productId?: number;
  manufacturer?: string;
  serialNumber?: string;
  kind: DeviceKindGuess;
}

export interface DiscoveredHid {
  bus: 'hid';
  path: string;
  vendorId: number;
  productId: number;
  usagePage?: number;
  usage?: number;
  product?: string;
  manufacturer?: string;
  serialNumber?: string;
  kind: DeviceKindGuess;
  protocol?: ProtocolHint;
}

export type DiscoveredDevice = DiscoveredSerial | DiscoveredHid;

export interface DeviceListing {
  devices: DiscoveredDevice[];
  /** What could not be enumerated and why (the listing is then partial, never absent). */
  problems: string[];
}

/** Vendor ids by what the vendor mostly makes. Scanner ids from device-protocols §1.3 [V]; the rest [?]. */
export const KNOWN_VENDORS: ReadonlyMap<number, DeviceKindGuess> = new Map<number, DeviceKindGuess>([
  [0x0c2e, 'scanner'], // Honeywell (Metrologic/HHP)
  [0x05e0, 'scanner'], // Zebra (Symbol)
  [0x05f9, 'scanner'], // Datalogic (Magellan scanner-scales too)
  [0x23d0, 'scanner'], // Youjie
  [0x1eab, 'scanner'], // Newland [?]
  [0x0eb8, 'scale'], // Mettler-Toledo [?]
  [0x0922, 'scale'], // Dymo (HID scales) [?]
  [0x04b8, 'printer'], // Epson [?]
  [0x0519, 'printer'], // Star Micronics [?]
  [0x1504, 'printer'], // Bixolon [?]
  [0x0b00, 'terminal'], // Ingenico [?]
  [0x11ca, 'terminal'], // Verifone [?]
  [0x0403, 'serialAdapter'], // FTDI
  [0x067b, 'serialAdapter'], // Prolific
  [0x1a86, 'serialAdapter'], // WCH CH340
  [0x10c4, 'serialAdapter'], // Silicon Labs CP210x
]);

/** Guess a HID interface's role from its usage (§1.3, §2.5) and vendor. */
export function guessHid(d: HidDeviceInfo): { kind: DeviceKindGuess; protocol?: ProtocolHint } {
  if (d.usagePage === 0x8c && d.usage === 0x02) return { kind: 'scanner', protocol: 'hidpos' };
  if (d.usagePage === 0x8d) return { kind: 'scale', protocol: 'hidScale' };
  const vendor = KNOWN_VENDORS.get(d.vendorId);
  const keyboard = d.usagePage === 0x01 && d.usage === 0x06;
  if (keyboard) return vendor === 'scanner' ? { kind: 'scanner', protocol: 'wedge' } : { kind: 'keyboard' };
  return { kind: vendor && vendor !== 'serialAdapter' ? vendor : 'unknown' };
}

export function guessSerial(vendorId: number | undefined, hints = ''): DeviceKindGuess {
  const vendor = vendorId === undefined ? undefined : KNOWN_VENDORS.get(vendorId);
  if (vendor && vendor !== 'serialAdapter') return vendor;
  const h = hints.toLowerCase();
  if (/scan|barcode|honeywell|datalogic|zebra|symbol|magellan/.test(h)) return 'scanner';
  if (/scale|toledo|weigh|brecknell|adam/.test(h)) return 'scale';
  if (/print|epson|tm-t|star/.test(h)) return 'printer';
  if (/ingenico|verifone|terminal|zvt/.test(h)) return 'terminal';
  return vendor ?? 'unknown';
}

/** One row of `SerialPort.list()` (only the fields we read). */
export interface SerialListEntry {
  path: string;
  manufacturer?: string | undefined;
  serialNumber?: string | undefined;
  pnpId?: string | undefined;
  vendorId?: string | undefined;
  productId?: string | undefined;
}

export interface DiscoveryDeps {
  /** Default: serialport's `SerialPort.list()`, only when udevadm is on PATH. */
  listSerial?: () => Promise<SerialListEntry[]>;
  /** Default: node-hid. */
  hid?: HidBackend;
  /** Root for the /dev fallback scan (tests point it at a temp dir). Default `/dev`. */
  devRoot?: string;
}

export function udevadmOnPath(envPath = process.env.PATH ?? ''): boolean {
  for (const dir of envPath.split(path.delimiter)) {
    if (!dir) continue;
    try {
      fs.accessSync(path.join(dir, 'udevadm'), fs.constants.X_OK);
      return true;
    } catch {
      // not here
    }
  }
  return false;
}

async function defaultListSerial(): Promise<SerialListEntry[]> {
  if (!udevadmOnPath()) throw new Error('udevadm not found: serialport enumeration unavailable');
  const { SerialPort } = await import('serialport');
  return SerialPort.list();
}

const hex = (s: string | undefined): number | undefined => {
  if (!s) return undefined;
  const n = Number.parseInt(s, 16);
  return Number.isFinite(n) ? n : undefined;
};

/** Serial ports present. Falls back to scanning /dev when enumeration fails. */
export async function listSerialPorts(deps: DiscoveryDeps = {}): Promise<{ ports: DiscoveredSerial[]; problems: string[] }> {
  const devRoot = deps.devRoot ?? '/dev';
  const byId = readByIdLinks(devRoot);
  const problems: string[] = [];
  try {
    const entries = await (deps.listSerial ?? defaultListSerial)();
    const ports = entries.map((e): DiscoveredSerial => {
      const vendorId = hex(e.vendorId);
      const productId = hex(e.productId);
      const link = byId.get(e.path);
      return {
        bus: 'serial',
        path: e.path,
        ...(link ? { byId: link } : {}),
        ...(vendorId !== undefined ? { vendorId } : {}),
        ...(productId !== undefined ? { productId } : {}),
        ...(e.manufacturer ? { manufacturer: e.manufacturer } : {}),
        ...(e.serialNumber ? { serialNumber: e.serialNumber } : {}),
        kind: guessSerial(vendorId, `${e.manufacturer ?? ''} ${e.pnpId ?? ''} ${link ?? ''}`),
      };
    });
    return { ports, problems };
  } catch (err) {
    problems.push(`serial enumeration failed (${err instanceof Error ? err.message : String(err)}); scanned ${devRoot} instead`);
  }
  const paths = new Set<string>(byId.keys());
  for (const name of safeReaddir(devRoot)) {
    if (/^tty(USB|ACM)\d+$/.test(name) || /^ttyS\d+$/.test(name)) paths.add(path.join(devRoot, name));
  }
  const ports = [...paths].sort().map((p): DiscoveredSerial => {
    const link = byId.get(p);
    return { bus: 'serial', path: p, ...(link ? { byId: link } : {}), kind: guessSerial(undefined, link ?? '') };
  });
  return { ports, problems };
}

/** `/dev/serial/by-id/*` → map from real device path to link path. */
function readByIdLinks(devRoot: string): Map<string, string> {
  const dir = path.join(devRoot, 'serial', 'by-id');
  const out = new Map<string, string>();
  for (const name of safeReaddir(dir)) {
    const link = path.join(dir, name);
    try {
      out.set(fs.realpathSync(link), link);
    } catch {
      // dangling link (device just went away)
    }
  }
  return out;
}

function safeReaddir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

/** HID interfaces present (node-hid `devicesAsync`, guarded). */
export async function listHidDevices(deps: DiscoveryDeps = {}): Promise<{ devices: DiscoveredHid[]; problems: string[] }> {
  try {
    const list = await (deps.hid ?? nodeHidBackend()).list();
    const devices = list.map((d): DiscoveredHid => {
      const g = guessHid(d);
      return {
        bus: 'hid',
        path: d.path,
        vendorId: d.vendorId,
        productId: d.productId,
        ...(d.usagePage !== undefined ? { usagePage: d.usagePage } : {}),
        ...(d.usage !== undefined ? { usage: d.usage } : {}),
        ...(d.product ? { product: d.product } : {}),
        ...(d.manufacturer ? { manufacturer: d.manufacturer } : {}),
        ...(d.serialNumber ? { serialNumber: d.serialNumber } : {}),
        kind: g.kind,
        ...(g.protocol ? { protocol: g.protocol } : {}),
      };
    });
    return { devices, problems: [] };
  } catch (err) {
    return { devices: [], problems: [`HID enumeration failed: ${err instanceof Error ? err.message : String(err)}`] };
  }
}

/** Everything present. Never rejects. */
export async function discoverDevices(deps: DiscoveryDeps = {}): Promise<DeviceListing> {
  const [serial, hid] = await Promise.all([listSerialPorts(deps), listHidDevices(deps)]);
  return { devices: [...serial.ports, ...hid.devices], problems: [...serial.problems, ...hid.problems] };
}

/** Identity of a device across listings: same bus and path, and the same device on it. */
export function deviceKey(d: DiscoveredDevice): string {
  return [d.bus, d.path, d.vendorId ?? '', d.productId ?? '', d.serialNumber ?? ''].join('|');
}

export interface DeviceDiff {
  added: DiscoveredDevice[];
  removed: DiscoveredDevice[];
}

/** Plugging as a diff: what is in `next` and not in `previous`, and the reverse. */
export function diffDevices(previous: readonly DiscoveredDevice[], next: readonly DiscoveredDevice[]): DeviceDiff {
  const before = new Map(previous.map((d) => [deviceKey(d), d]));
  const after = new Map(next.map((d) => [deviceKey(d), d]));
  return {
    added: [...after].filter(([k]) => !before.has(k)).map(([, d]) => d),
    removed: [...before].filter(([k]) => !after.has(k)).map(([, d]) => d),
  };
}
