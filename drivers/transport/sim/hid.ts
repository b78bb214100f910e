/**
 * Simulated HID: the in-memory backend the simulator and the tests plug devices into (this
 * machine has no /dev/uhid). Not a production transport: nothing under drivers/transport/index.ts
 * exports it.
 */
import type { HidBackend, HidDevice, HidDeviceInfo } from '../hid.ts';
import { TransportListeners, toError } from '../listeners.ts';
import type { CloseReason, Transport } from '../types.ts';
import { TransportError } from '../types.ts';

/**
 * A fake HID world for tests and the simulator panel. `add(info)` plugs a device and returns
 * its device side: a `Transport` whose writes arrive at the host as one input report each,
 * and which receives the host's output reports as data. `unplug(path)` makes the host side
 * see `error` (→ `lost`); `add` again re-plugs.
 */
export class FakeHidBackend implements HidBackend {
  private readonly plugged = new Map<string, FakeHidSlot>();

  add(info: HidDeviceInfo): Transport {
    const slot = this.plugged.get(info.path) ?? new FakeHidSlot(info);
    slot.info = info;
    slot.present = true;
    this.plugged.set(info.path, slot);
    return slot.deviceSide;
  }

  unplug(path: string): void {
    const slot = this.plugged.get(path);
    if (!slot) return;
    slot.present = false;
    slot.unplug();
  }

  async list(): Promise<HidDeviceInfo[]> {
    return [...this.plugged.values()].filter((s) => s.present).map((s) => ({ ...s.info }));
  }

  async open(path: string): Promise<HidDevice> {
    const slot = this.plugged.get(path);
    if (!slot?.present) throw new Error(`cannot open device with path ${path}`);
    return slot.openHost();
  }
}

class FakeHidSlot {
  present = true;
  private host: FakeHostDevice | undefined;
  readonly deviceSide: FakeHidDeviceSide;

  constructor(public info: HidDeviceInfo) {
    this.deviceSide = new FakeHidDeviceSide(this);
  }

  openHost(): HidDevice {
    const host = new FakeHostDevice(this);
    this.host = host;
    return host;
  }

  /** @internal host → device */
  fromHost(report: Uint8Array, host: FakeHostDevice): void {
    if (this.host !== host) return;
    this.deviceSide.deliver(report);
  }

  /** @internal device → host */
  toHost(report: Uint8Array): void {
    const host = this.host;
    if (host && !host.closed) queueMicrotask(() => host.emitData(report));
  }

  hostClosed(host: FakeHostDevice): void {
    if (this.host === host) this.host = undefined;
  }

  unplug(): void {
    const host = this.host;
    this.host = undefined;
    if (host && !host.closed) host.emitError(new Error('could not read from HID device'));
  }
}

class FakeHostDevice implements HidDevice {
  closed = false;
  private readonly dataListeners: ((report: Uint8Array) => void)[] = [];
  private readonly errorListeners: ((err: Error) => void)[] = [];

  constructor(private readonly slot: FakeHidSlot) {}

  async write(report: Uint8Array): Promise<void> {
    if (this.closed || !this.slot.present) throw new Error('Cannot write to hid device');
    this.slot.fromHost(Uint8Array.from(report), this);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.slot.hostClosed(this);
  }

  on(event: 'data', listener: (report: Uint8Array) => void): void;
  on(event: 'error', listener: (err: Error) => void): void;
  on(event: 'data' | 'error', listener: ((report: Uint8Array) => void) | ((err: Error) => void)): void {
    if (event === 'data') this.dataListeners.push(listener as (report: Uint8Array) => void);
    else this.errorListeners.push(listener as (err: Error) => void);
  }

  emitData(report: Uint8Array): void {
    if (this.closed) return;
    for (const l of this.dataListeners) l(report);
  }

  emitError(err: Error): void {
    for (const l of this.errorListeners) l(err);
  }
}

/** The device side of a fake HID device, as a Transport (for simulators). */
class FakeHidDeviceSide implements Transport {
  readonly address: string;
  private opened = false;
  private readonly listeners = new TransportListeners();

  constructor(private readonly slot: FakeHidSlot) {
    this.address = `hid-device:${slot.info.path}`;
  }

  get isOpen(): boolean {
    return this.opened && this.slot.present;
  }

  async open(): Promise<void> {
    this.opened = true;
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (!this.isOpen) throw new TransportError('device not plugged', this.address);
    this.slot.toHost(Uint8Array.from(bytes));
  }

  async close(): Promise<void> {
    if (!this.opened) return;
    this.opened = false;
    this.listeners.emitClose('closed');
  }

  deliver(report: Uint8Array): void {
    if (this.opened) this.listeners.emitData(report);
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.listeners.onData(listener);
  }

  onClose(listener: (reason: CloseReason, error?: Error) => void): () => void {
    return this.listeners.onClose(listener);
  }
}
