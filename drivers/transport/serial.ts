import fs from 'node:fs';
import { SerialPort } from 'serialport';
import type { Clock, TimerHandle } from '../../core/clock.ts';
import type { Logger } from '../../core/log.ts';
import type { SerialTransportConfig } from './config.ts';
import { TransportListeners } from './listeners.ts';
import type { Transport } from './types.ts';
import { TransportError } from './types.ts';

export interface SerialTransportDeps {
  clock: Clock;
  logger: Logger;
  /**
   * How often to check that the device node still exists (0 = never). Default 1000 ms.
   * Needed because a pty whose peer vanished reads EOF forever instead of failing, so
   * serialport never reports the disconnect; a USB adapter's node disappears on unplug too.
   */
  presenceCheckMs?: number;
}

export interface ModemLines {
  dtr?: boolean;
  rts?: boolean;
}

/**
 * Serial transport over the real serialport binding.
 *
 * - Each `open()` creates a fresh `SerialPort`, so a port that was lost (unplugged) can be
 *   reopened when the path reappears.
 * - `lost`: serialport closed the port with `err.disconnected` (unplug, read/write failure)
 *   or emitted `error` while open. `closed`: we called `close()`.
 * - `lost` also when the device node disappears (presence check on the injected clock).
 * - Modem lines are optional: `setModemLines` reports failure as `false` (ptys refuse the
 *   ioctl with "Inappropriate ioctl for device", see device-protocols §5).
 */
export class SerialTransport implements Transport {
  readonly address: string;
  private port: SerialPort | undefined;
  private session = 0;
  private closingByUs = false;
  private presenceTimer: TimerHandle | undefined;
  private readonly listeners: TransportListeners;

  constructor(
    private readonly config: SerialTransportConfig,
    private readonly deps: SerialTransportDeps,
  ) {
    this.address = config.path;
    this.listeners = new TransportListeners((err) => deps.logger.error({ err, address: this.address }, 'transport listener threw'));
  }

  get isOpen(): boolean {
    return this.port?.isOpen === true;
  }

  async open(): Promise<void> {
    if (this.port) throw new TransportError('already open', this.address);
    const session = ++this.session;
    const port = new SerialPort({
      path: this.config.path,
      baudRate: this.config.baudRate,
      dataBits: this.config.dataBits,
      parity: this.config.parity,
      stopBits: this.config.stopBits,
      rtscts: this.config.rtscts,
      autoOpen: false,
    });
    await new Promise<void>((resolve, reject) => {
      port.open((err) => {
        if (err) reject(new TransportError(`cannot open: ${err.message}`, this.address, err));
        else resolve();
      });
    });
    if (session !== this.session) {
      // close() was called while opening.
      port.close(() => {});
      throw new TransportError('closed while opening', this.address);
    }
    this.port = port;
    this.closingByUs = false;
    port.on('data', (chunk: Buffer) => {
      if (session === this.session) this.listeners.emitData(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    });
    port.on('close', (err: (Error & { disconnected?: boolean }) | null) => {
      if (session !== this.session || this.port !== port) return;
      this.port = undefined;
      this.deps.clock.clearTimeout(this.presenceTimer);
      if (this.closingByUs) {
        this.listeners.emitClose('closed');
      } else {
        this.deps.logger.warn({ address: this.address, err: err?.message }, 'serial port lost');
        this.listeners.emitClose('lost', err ?? new TransportError('port closed unexpectedly', this.address));
      }
    });
    port.on('error', (err: Error) => {
      if (session !== this.session || this.port !== port) return;
      this.deps.logger.warn({ address: this.address, err: err.message }, 'serial port error');
      this.lose(port, err);
    });
    // Remember which device node we opened: a quick unplug/replug re-creates the node (or
    // re-points a by-id link) before the presence check would notice it missing.
    const identity = await new Promise<string | null>((resolve) => fs.stat(this.config.path, (err, st) => resolve(err ? null : `${st.dev}:${st.ino}:${st.rdev}`)));
    this.schedulePresenceCheck(port, session, identity);
  }

  private lose(port: SerialPort, err: Error): void {
    this.port = undefined;
    this.session++;
    this.deps.clock.clearTimeout(this.presenceTimer);
    if (port.isOpen) port.close(() => {});
    this.listeners.emitClose('lost', err);
  }

  private schedulePresenceCheck(port: SerialPort, session: number, identity: string | null): void {
    const every = this.deps.presenceCheckMs ?? 1000;
    if (every <= 0) return;
    this.presenceTimer = this.deps.clock.setTimeout(() => {
      fs.stat(this.config.path, (err, st) => {
        if (session !== this.session || this.port !== port) return;
        if (err && err.code === 'ENOENT') {
          this.deps.logger.warn({ address: this.address }, 'serial device node disappeared');
          this.lose(port, new TransportError('device node disappeared', this.address, err));
        } else if (!err && identity !== null && `${st.dev}:${st.ino}:${st.rdev}` !== identity) {
          this.deps.logger.warn({ address: this.address }, 'serial device node was replaced (unplugged and plugged in again)');
          this.lose(port, new TransportError('device node replaced', this.address));
        } else {
          this.schedulePresenceCheck(port, session, identity);
        }
      });
    }, every);
  }

  async write(bytes: Uint8Array): Promise<void> {
    const port = this.port;
    if (!port?.isOpen) throw new TransportError('not open', this.address);
    await new Promise<void>((resolve, reject) => {
      port.write(Buffer.from(bytes), (err) => {
        if (err) {
          reject(new TransportError(`write failed: ${err.message}`, this.address, err));
          return;
        }
        port.drain((drainErr) => {
          if (drainErr) reject(new TransportError(`drain failed: ${drainErr.message}`, this.address, drainErr));
          else resolve();
        });
      });
    });
  }

  async close(): Promise<void> {
    const port = this.port;
    if (!port) {
      this.session++; // cancels an open in progress
      return;
    }
    this.closingByUs = true;
    this.deps.clock.clearTimeout(this.presenceTimer);
    await new Promise<void>((resolve) => {
      if (!port.isOpen) {
        resolve();
        return;
      }
      port.close(() => resolve());
    });
    // If serialport did not emit close (error path), report it ourselves, once.
    if (this.port === port) {
      this.port = undefined;
      this.listeners.emitClose('closed');
    }
  }

  /** Set DTR/RTS where the device supports it; `false` if the OS refused (e.g. a pty). */
  async setModemLines(lines: ModemLines): Promise<boolean> {
    const port = this.port;
    if (!port?.isOpen) return false;
    return new Promise<boolean>((resolve) => {
      port.set(lines, (err) => {
        if (err) this.deps.logger.debug({ address: this.address, err: err.message }, 'modem lines not supported');
        resolve(!err);
      });
    });
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.listeners.onData(listener);
  }

  onClose(listener: Parameters<Transport['onClose']>[0]): () => void {
    return this.listeners.onClose(listener);
  }
}

