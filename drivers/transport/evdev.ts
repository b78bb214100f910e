import fs from 'node:fs';
import type { Logger } from '../../lane/util/log.ts';
import type { EvdevTransportConfig } from './config.ts';
import { TransportListeners, toError } from './listeners.ts';
import type { CloseReason, Transport } from './types.ts';
import { TransportError } from './types.ts';

/**
 * An open evdev node: a byte stream of 24-byte `struct input_event` records
 * (64-bit Linux: 16-byte timeval, u16 type, u16 code, s32 value). Records may arrive split
 * or merged; the wedge codec re-aligns them.
 */
export interface EvdevStream {
  on(event: 'data', listener: (chunk: Uint8Array) => void): void;
  on(event: 'error', listener: (err: Error) => void): void;
  on(event: 'end', listener: () => void): void;
  close(): Promise<void>;
}

/** Opens evdev nodes. Injectable: there is no /dev/uinput on CI machines. */
export interface EvdevSource {
  open(path: string): Promise<EvdevStream>;
}

/**
 * Real evdev nodes through `fs.createReadStream`.
 *
 * GRAB: `EVIOCGRAB` (ioctl 0x40044590) is what stops a wedge scanner's keystrokes from also
 * reaching the kiosk UI, and Node has no ioctl. The grab is therefore not done here: the
 * kiosk OS does it, either with a udev rule that hides the scanner's event node from the
 * display server (`ENV{LIBINPUT_IGNORE_DEVICE}="1"`, plus `MODE`/`GROUP` so the lane
 * service can read it) or with a small helper in the `evtest --grab` style that holds the
 * grab and hands the stream on. `grab: true` in the config only logs that reminder.
 *
 * Caveat: reads on a character device block a libuv thread-pool thread until an event
 * arrives; with one scanner that is one of four threads. `close()` destroys the stream;
 * a read already blocked in the pool finishes on the next key press.
 */
export const fsEvdevSource: EvdevSource = {
  async open(path) {
    const stream = fs.createReadStream(path, { highWaterMark: 24 * 64 });
    await new Promise<void>((resolve, reject) => {
      const onError = (err: Error): void => reject(err);
      stream.once('error', onError);
      stream.once('open', () => {
        stream.off('error', onError);
        resolve();
      });
    });
    return {
      on(event: 'data' | 'error' | 'end', listener: ((chunk: Uint8Array) => void) | ((err: Error) => void) | (() => void)) {
        if (event === 'data') {
          const l = listener as (chunk: Uint8Array) => void;
          stream.on('data', (chunk: string | Buffer) => {
            if (typeof chunk !== 'string') l(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          });
        } else if (event === 'error') {
          const l = listener as (err: Error) => void;
          stream.on('error', (err) => l(toError(err)));
        } else {
          const l = listener as () => void;
          stream.on('end', () => l());
        }
      },
      async close() {
        stream.destroy();
      },
    };
  },
};

export interface EvdevTransportDeps {
  logger: Logger;
  source?: EvdevSource;
}

/**
 * Read-only transport over an evdev node. `write` rejects (a wedge scanner takes no host
 * commands). `lost` on read error (ENODEV on unplug) or end of stream; `closed` when we close.
 */
export class EvdevTransport implements Transport {
  readonly address: string;
  private stream: EvdevStream | undefined;
  private session = 0;
  private readonly source: EvdevSource;
  private readonly listeners: TransportListeners;

  constructor(
    private readonly config: EvdevTransportConfig,
    private readonly deps: EvdevTransportDeps,
  ) {
    this.address = `evdev:${config.path}`;
    this.source = deps.source ?? fsEvdevSource;
    this.listeners = new TransportListeners((err) => deps.logger.error({ err, address: this.address }, 'transport listener threw'));
  }

  get isOpen(): boolean {
    return this.stream !== undefined;
  }

  async open(): Promise<void> {
    if (this.stream) throw new TransportError('already open', this.address);
    const session = ++this.session;
    let stream: EvdevStream;
    try {
      stream = await this.source.open(this.config.path);
    } catch (err) {
      throw new TransportError(`cannot open: ${toError(err).message}`, this.address, err);
    }
    if (session !== this.session) {
      await stream.close();
      throw new TransportError('closed while opening', this.address);
    }
    if (this.config.grab) {
      this.deps.logger.debug({ address: this.address }, 'evdev grab is expected from the kiosk OS (udev rule or grab helper), not done in-process');
    }
    this.stream = stream;
    const lost = (err: Error): void => {
      if (session !== this.session || this.stream !== stream) return;
      this.stream = undefined;
      this.session++;
      this.deps.logger.warn({ address: this.address, err: err.message }, 'evdev device lost');
      stream.close().catch(() => {});
      this.listeners.emitClose('lost', err);
    };
    stream.on('data', (chunk) => {
      if (session === this.session) this.listeners.emitData(chunk);
    });
    stream.on('error', lost);
    stream.on('end', () => lost(new TransportError('end of stream', this.address)));
  }

  async write(): Promise<void> {
    throw new TransportError('evdev transport is read-only', this.address);
  }

  async close(): Promise<void> {
    const stream = this.stream;
    this.session++;
    if (!stream) return;
    this.stream = undefined;
    await stream.close().catch(() => {});
    this.listeners.emitClose('closed');
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.listeners.onData(listener);
  }

  onClose(listener: (reason: CloseReason, error?: Error) => void): () => void {
    return this.listeners.onClose(listener);
  }
}

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
