import type { Logger } from '../../core/log.ts';
import type { HidTransportConfig } from './config.ts';
import { TransportListeners, toError } from './listeners.ts';
import type { CloseReason, Transport } from './types.ts';
import { TransportError } from './types.ts';

/** What enumeration tells us about a HID interface (node-hid `Device`, plain data). */
export interface HidDeviceInfo {
  path: string;
  vendorId: number;
  productId: number;
  product?: string;
  manufacturer?: string;
  serialNumber?: string;
  interface?: number;
  /** Only hidraw reports these (node-hid ≥ 0.7 on Linux uses hidraw by default). */
  usagePage?: number;
  usage?: number;
}

/** One opened HID interface. `data` delivers whole input reports (report id first). */
export interface HidDevice {
  write(report: Uint8Array): Promise<void>;
  close(): Promise<void>;
  on(event: 'data', listener: (report: Uint8Array) => void): void;
  on(event: 'error', listener: (err: Error) => void): void;
}

/** Enumeration and opening, so tests (and machines without /dev/hidraw) can fake it. */
export interface HidBackend {
  list(): Promise<HidDeviceInfo[]>;
  open(path: string): Promise<HidDevice>;
}

type NodeHidModule = typeof import('node-hid');

/**
 * node-hid backend, loaded lazily so that importing the transport never loads the native
 * module. `open` uses `HID.HIDAsync.open(path)`; node-hid emits `error` on unplug.
 */
export function nodeHidBackend(): HidBackend {
  let mod: Promise<NodeHidModule> | undefined;
  const load = (): Promise<NodeHidModule> => (mod ??= import('node-hid'));
  return {
    async list() {
      const hid = await load();
      const devices = await hid.devicesAsync();
      const out: HidDeviceInfo[] = [];
      for (const d of devices) {
        if (!d.path) continue;
        out.push({
          path: d.path,
          vendorId: d.vendorId,
          productId: d.productId,
          ...(d.product !== undefined ? { product: d.product } : {}),
          ...(d.manufacturer !== undefined ? { manufacturer: d.manufacturer } : {}),
          ...(d.serialNumber !== undefined ? { serialNumber: d.serialNumber } : {}),
          interface: d.interface,
          ...(d.usagePage !== undefined ? { usagePage: d.usagePage } : {}),
          ...(d.usage !== undefined ? { usage: d.usage } : {}),
        });
      }
      return out;
    },
    async open(path) {
      const hid = await load();
      const dev = await hid.HIDAsync.open(path);
      const device: HidDevice = {
        async write(report) {
          await dev.write(Buffer.from(report));
        },
        async close() {
          await dev.close();
        },
        on(event: 'data' | 'error', listener: ((report: Uint8Array) => void) | ((err: Error) => void)) {
          if (event === 'data') {
            const l = listener as (report: Uint8Array) => void;
            dev.on('data', (buf: Buffer) => l(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength)));
          } else {
            const l = listener as (err: Error) => void;
            dev.on('error', (err: unknown) => l(toError(err)));
          }
        },
      };
      return device;
    },
  };
}

export interface HidTransportDeps {
  logger: Logger;
  backend?: HidBackend;
}

/**
 * HID transport: each input report is delivered as exactly one `onData` chunk, and each
 * `write` is one output report (report id first). The device is found by `path`, or by
 * `vendorId`/`productId` on every `open()` (hidraw numbers change on re-plug).
 * `lost` when the device emits `error` (unplug), `closed` when we close.
 */
export class HidTransport implements Transport {
  readonly address: string;
  private device: HidDevice | undefined;
  private session = 0;
  private readonly backend: HidBackend;
  private readonly listeners: TransportListeners;

  constructor(
    private readonly config: HidTransportConfig,
    private readonly deps: HidTransportDeps,
  ) {
    this.address = config.path ? `hid:${config.path}` : `hid:${hex4(config.vendorId)}:${hex4(config.productId)}`;
    this.backend = deps.backend ?? nodeHidBackend();
    this.listeners = new TransportListeners((err) => deps.logger.error({ err, address: this.address }, 'transport listener threw'));
  }

  get isOpen(): boolean {
    return this.device !== undefined;
  }

  private async resolvePath(): Promise<string> {
    if (this.config.path) return this.config.path;
    if (this.config.vendorId === undefined) throw new TransportError('hid transport needs a path or a vendorId', this.address);
    const list = await this.backend.list();
    const found = list.find((d) => d.vendorId === this.config.vendorId && (this.config.productId === undefined || d.productId === this.config.productId));
    if (!found) throw new TransportError('no matching HID device present', this.address);
    return found.path;
  }

  async open(): Promise<void> {
    if (this.device) throw new TransportError('already open', this.address);
    const session = ++this.session;
    let device: HidDevice;
    try {
      device = await this.backend.open(await this.resolvePath());
    } catch (err) {
      if (err instanceof TransportError) throw err;
      throw new TransportError(`cannot open: ${toError(err).message}`, this.address, err);
    }
    if (session !== this.session) {
      await device.close().catch(() => {});
      throw new TransportError('closed while opening', this.address);
    }
    this.device = device;
    device.on('data', (report) => {
      if (session === this.session) this.listeners.emitData(Uint8Array.from(report));
    });
    device.on('error', (err) => {
      if (session !== this.session || this.device !== device) return;
      this.device = undefined;
      this.session++;
      this.deps.logger.warn({ address: this.address, err: err.message }, 'hid device lost');
      device.close().catch(() => {});
      this.listeners.emitClose('lost', err);
    });
  }

  async write(bytes: Uint8Array): Promise<void> {
    const device = this.device;
    if (!device) throw new TransportError('not open', this.address);
    try {
      await device.write(bytes);
    } catch (err) {
      throw new TransportError(`write failed: ${toError(err).message}`, this.address, err);
    }
  }

  async close(): Promise<void> {
    const device = this.device;
    this.session++;
    if (!device) return;
    this.device = undefined;
    await device.close().catch(() => {});
    this.listeners.emitClose('closed');
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.listeners.onData(listener);
  }

  onClose(listener: (reason: CloseReason, error?: Error) => void): () => void {
    return this.listeners.onClose(listener);
  }
}

function hex4(n: number | undefined): string {
  return n === undefined ? '*' : n.toString(16).padStart(4, '0');
}
