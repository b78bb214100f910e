/**
 * Simulated evdev: the in-memory keyboard-wedge nodes the simulator and the tests plug into
 * (this machine has no /dev/uinput). Not a production transport.
 */
import type { EvdevSource, EvdevStream } from '../evdev.ts';
import { TransportListeners, toError } from '../listeners.ts';
import type { CloseReason, Transport } from '../types.ts';
import { TransportError } from '../types.ts';

/**
 * A fake evdev world. `plug(path)` returns a device-side Transport: bytes written to it
 * (input_event records) are read by the host. `unplug(path)` errors the host stream (→ `lost`).
 */
export class FakeEvdevSource implements EvdevSource {
  private readonly nodes = new Map<string, FakeEvdevNode>();

  plug(path: string): Transport {
    let node = this.nodes.get(path);
    if (!node) {
      node = new FakeEvdevNode(path);
      this.nodes.set(path, node);
    }
    node.present = true;
    return node.deviceSide;
  }

  unplug(path: string): void {
    this.nodes.get(path)?.unplug();
  }

  async open(path: string): Promise<EvdevStream> {
    const node = this.nodes.get(path);
    if (!node?.present) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
    return node.openHost();
  }
}

class FakeEvdevNode {
  present = true;
  private readers = new Set<FakeEvdevStream>();
  readonly deviceSide: Transport;

  constructor(path: string) {
    const listeners = new TransportListeners();
    let opened = false;
    const node = this;
    this.deviceSide = {
      address: `evdev-device:${path}`,
      get isOpen() {
        return opened && node.present;
      },
      async open() {
        opened = true;
      },
      async write(bytes: Uint8Array) {
        if (!opened || !node.present) throw new TransportError('device not plugged', `evdev-device:${path}`);
        const copy = Uint8Array.from(bytes);
        queueMicrotask(() => {
          for (const r of node.readers) r.emit('data', copy);
        });
      },
      async close() {
        if (!opened) return;
        opened = false;
        listeners.emitClose('closed');
      },
      onData: (l) => listeners.onData(l),
      onClose: (l) => listeners.onClose(l),
    };
  }

  openHost(): EvdevStream {
    const s = new FakeEvdevStream(() => this.readers.delete(s));
    this.readers.add(s);
    return s;
  }

  unplug(): void {
    this.present = false;
    const readers = [...this.readers];
    this.readers.clear();
    for (const r of readers) r.emit('error', new Error('ENODEV: no such device, read'));
  }
}

class FakeEvdevStream implements EvdevStream {
  private readonly data: ((chunk: Uint8Array) => void)[] = [];
  private readonly errors: ((err: Error) => void)[] = [];
  private readonly ends: (() => void)[] = [];

  constructor(private readonly onClose: () => void) {}

  on(event: 'data', listener: (chunk: Uint8Array) => void): void;
  on(event: 'error', listener: (err: Error) => void): void;
  on(event: 'end', listener: () => void): void;
  on(event: 'data' | 'error' | 'end', listener: ((chunk: Uint8Array) => void) | ((err: Error) => void) | (() => void)): void {
    if (event === 'data') this.data.push(listener as (chunk: Uint8Array) => void);
    else if (event === 'error') this.errors.push(listener as (err: Error) => void);
    else this.ends.push(listener as () => void);
  }

  emit(event: 'data', chunk: Uint8Array): void;
  emit(event: 'error', err: Error): void;
  emit(event: 'data' | 'error', arg: Uint8Array | Error): void {
    if (arg instanceof Error) for (const l of this.errors) l(arg);
    else for (const l of this.data) l(arg);
  }

  async close(): Promise<void> {
    this.onClose();
  }
}
