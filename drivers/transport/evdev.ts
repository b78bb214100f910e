import fs from 'node:fs';
import type { Logger } from '../../core/log.ts';
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
