/**
 * ZVT link layer: turns a byte pipe into whole APDUs, both ways.
 * - `bare` (TCP, §4.1): APDUs back to back, split by their length field.
 * - `serial`: DLE/STX framing with CRC; every received frame is answered with a single `06`
 *   (or `15` on a bad frame); every sent frame waits for the peer's `06`, T3 = 5000 ms,
 *   at most 3 transmissions (§4.1). A frame identical to the previous one that arrives
 *   while we have sent nothing since is the peer repeating after our ACK got lost: it is
 *   acknowledged again and delivered once (§4.5).
 * Used by both the driver (over the transport Supervisor) and the simulator.
 */
import type { LaneError, Result } from '../../../contracts/errors.ts';
import type { Clock, TimerHandle } from '../../../core/clock.ts';
import type { Logger } from '../../../core/log.ts';
import { ApduSplitter, decodeApdu, encodeApdu, hex, type Apdu } from './apdu.ts';
import { ACK, FrameDecoder, NAK, encodeFrame } from './serial.ts';

export type Framing = 'bare' | 'serial';

/** The byte pipe under a link: the transport Supervisor, or a simulator's transport. */
export interface BytePipe {
  write(bytes: Uint8Array): Promise<Result<void>>;
  onData(listener: (chunk: Uint8Array) => void): () => void;
}

export interface LinkOptions {
  framing: Framing;
  clock: Clock;
  logger: Logger;
  /** Serial T3: wait for the peer's ACK byte. */
  ackTimeoutMs?: number;
  /** Serial: transmissions per frame, first one included. */
  maxAttempts?: number;
  /** Every byte chunk in and out, for captures and diagnostics. */
  onWire?: (direction: 'in' | 'out', bytes: Uint8Array) => void;
}

export interface ZvtLink {
  readonly framing: Framing;
  /** Send one APDU. Bare: resolves when written. Serial: when the peer ACKed the frame. */
  send(apdu: Apdu): Promise<Result<void>>;
  /** Same, for an already encoded APDU. */
  sendBytes(apduBytes: Uint8Array): Promise<Result<void>>;
  onApdu(listener: (apdu: Apdu) => void): () => void;
  /** Forget partial input and pending sends (after the link went down). */
  reset(): void;
  dispose(): void;
}

function linkError(message: string, reason: string): LaneError {
  return { code: 'device', message, detail: { reason } };
}

export function createLink(pipe: BytePipe, opts: LinkOptions): ZvtLink {
  return opts.framing === 'serial' ? new SerialLink(pipe, opts) : new BareLink(pipe, opts);
}

abstract class BaseLink implements ZvtLink {
  abstract readonly framing: Framing;
  protected readonly listeners = new Set<(apdu: Apdu) => void>();
  private readonly unsubscribe: () => void;

  constructor(
    protected readonly pipe: BytePipe,
    protected readonly opts: LinkOptions,
  ) {
    this.unsubscribe = pipe.onData((chunk) => {
      opts.onWire?.('in', chunk);
      this.receive(chunk);
    });
  }

  protected abstract receive(chunk: Uint8Array): void;
  abstract sendBytes(apduBytes: Uint8Array): Promise<Result<void>>;
  abstract reset(): void;

  send(apdu: Apdu): Promise<Result<void>> {
    return this.sendBytes(encodeApdu(apdu));
  }

  protected write(bytes: Uint8Array): Promise<Result<void>> {
    this.opts.onWire?.('out', bytes);
    return this.pipe.write(bytes);
  }

  protected deliver(apdu: Apdu): void {
    for (const l of [...this.listeners]) {
      try {
        l(apdu);
      } catch (err) {
        this.opts.logger.error({ err }, 'zvt apdu listener threw');
      }
    }
  }

  onApdu(listener: (apdu: Apdu) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    this.unsubscribe();
    this.listeners.clear();
    this.reset();
  }
}

class BareLink extends BaseLink {
  readonly framing = 'bare' as const;
  private readonly splitter = new ApduSplitter();

  protected receive(chunk: Uint8Array): void {
    for (const a of this.splitter.push(chunk)) this.deliver(a);
  }

  sendBytes(apduBytes: Uint8Array): Promise<Result<void>> {
    return this.write(apduBytes);
  }

  reset(): void {
    this.splitter.reset();
  }
}

interface PendingSend {
  resolve: (ok: boolean) => void;
  timer: TimerHandle | undefined;
}

class SerialLink extends BaseLink {
  readonly framing = 'serial' as const;
  private readonly decoder = new FrameDecoder();
  private pending: PendingSend | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private lastFrame: Uint8Array | undefined;
  private epoch = 0;

  protected receive(chunk: Uint8Array): void {
    for (const ev of this.decoder.push(chunk)) {
      switch (ev.type) {
        case 'ack':
        case 'nak':
          this.settlePending(ev.type === 'ack');
          break;
        case 'badFrame':
          this.opts.logger.warn({ reason: ev.reason }, 'zvt serial: bad frame, NAK');
          void this.write(Uint8Array.of(NAK));
          break;
        case 'frame': {
          void this.write(Uint8Array.of(ACK));
          const dup = this.lastFrame !== undefined && sameBytes(this.lastFrame, ev.apdu);
          this.lastFrame = ev.apdu;
          if (dup) {
            this.opts.logger.info({ apdu: hex(ev.apdu.subarray(0, 3)) }, 'zvt serial: repeated frame (our ACK was lost), not processed again');
            break;
          }
          const a = decodeApdu(ev.apdu);
          if (a) this.deliver(a);
          else this.opts.logger.warn({ bytes: hex(ev.apdu.subarray(0, 16)) }, 'zvt serial: frame is not an APDU, ignored');
          break;
        }
      }
    }
  }

  private settlePending(acked: boolean): void {
    const p = this.pending;
    if (!p) return;
    this.pending = undefined;
    // We sent something that arrived: a later identical frame from the peer is a new message.
    // Synchronous on purpose: the ACK byte and the peer's next frame can share one chunk.
    if (acked) this.lastFrame = undefined;
    this.opts.clock.clearTimeout(p.timer);
    p.resolve(acked);
  }

  sendBytes(apduBytes: Uint8Array): Promise<Result<void>> {
    const epoch = this.epoch;
    const run = async (): Promise<Result<void>> => {
      const frame = encodeFrame(apduBytes);
      const attempts = this.opts.maxAttempts ?? 3;
      for (let i = 0; i < attempts; i++) {
        if (epoch !== this.epoch) return { ok: false, error: linkError('link reset', 'linkLost') };
        const acked = new Promise<boolean>((resolve) => {
          this.pending = {
            resolve,
            timer: this.opts.clock.setTimeout(() => this.settlePending(false), this.opts.ackTimeoutMs ?? 5000),
          };
        });
        const w = await this.write(frame);
        if (!w.ok) {
          this.settlePending(false);
          return w;
        }
        if (await acked) return { ok: true, value: undefined };
        this.opts.logger.warn({ attempt: i + 1 }, 'zvt serial: no ACK (NAK or T3), repeating frame');
      }
      return { ok: false, error: linkError(`no ACK after ${attempts} attempts`, 'noAck') };
    };
    const result = this.chain.then(run, run);
    this.chain = result;
    return result;
  }

  reset(): void {
    this.epoch++;
    this.decoder.reset();
    this.lastFrame = undefined;
    this.settlePending(false);
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
