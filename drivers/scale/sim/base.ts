/**
 * Shared simulator plumbing: the device end of a transport kept open by a Supervisor (so a
 * simulator survives unplug/replug like real hardware), scriptable wire faults, and the
 * scale model. Protocol simulators subclass it and implement `handle(chunk)`.
 */
import type { Clock, TimerHandle } from '../../../core/clock.ts';
import type { Logger } from '../../../core/log.ts';
import { Supervisor, type MemoryLink, type Transport } from '../../transport/index.ts';
import { SimScale, type SimScaleOptions } from './model.ts';

export interface ScaleSimulatorOptions extends SimScaleOptions {
  /** Device end: `hub.link(name).device`, or a serial transport on the other pty. */
  transport: Transport;
  clock: Clock;
  logger: Logger;
  /** The memory link, when there is one: `dropLink()` unplugs it. */
  link?: MemoryLink;
  /** Delay before each reply (0 = answer at once). */
  replyDelayMs?: number;
}

export abstract class ScaleSimulator {
  readonly scale: SimScale;
  protected readonly clock: Clock;
  protected readonly logger: Logger;
  private readonly supervisor: Supervisor;
  private readonly link: MemoryLink | undefined;
  private silent = false;
  private splitSize = 0;
  private replyDelayMs: number;
  private writing: Promise<void> = Promise.resolve();
  private readonly timers = new Set<TimerHandle>();
  /** Every command the simulator received, for assertions. */
  readonly received: string[] = [];

  constructor(opts: ScaleSimulatorOptions) {
    this.clock = opts.clock;
    this.logger = opts.logger;
    this.link = opts.link;
    this.replyDelayMs = opts.replyDelayMs ?? 0;
    this.scale = new SimScale(opts.clock, opts);
    this.supervisor = new Supervisor({
      name: 'scale-sim',
      transport: opts.transport,
      clock: opts.clock,
      logger: opts.logger,
      backoff: { initialMs: 50, maxMs: 500, factor: 2 },
    });
    this.supervisor.onData((chunk) => {
      if (!this.silent) this.handle(chunk);
    });
    this.supervisor.onLinkDown(() => this.onLinkDown());
  }

  /** Open the device end (and keep reopening it after a loss). */
  start(): this {
    this.supervisor.start();
    return this;
  }

  get isConnected(): boolean {
    return this.supervisor.isUp;
  }

  /** Resolves once the device end is open. */
  connected(): Promise<void> {
    if (this.supervisor.isUp) return Promise.resolve();
    return new Promise((resolve) => {
      const off = this.supervisor.onLinkUp(() => {
        off();
        resolve();
      });
    });
  }

  /** Resolves once the device end is down (e.g. after an unplug). */
  disconnected(): Promise<void> {
    if (!this.supervisor.isUp) return Promise.resolve();
    return new Promise((resolve) => {
      const off = this.supervisor.onLinkDown(() => {
        off();
        resolve();
      });
    });
  }

  // ── scripting ──────────────────────────────────────────────────────────────

  place(grams: number, settleMs = 0): this {
    this.scale.place(grams, settleMs);
    return this;
  }

  remove(grams: number, settleMs = 0): this {
    this.scale.remove(grams, settleMs);
    return this;
  }

  setGrams(grams: number, settleMs = 0): this {
    this.scale.setGrams(grams, settleMs);
    return this;
  }

  /** Go into motion for `ms`, then settle by itself. */
  motion(ms: number): this {
    this.scale.motion(ms);
    return this;
  }

  settle(): this {
    this.scale.settle();
    return this;
  }

  overload(): this {
    this.scale.setFault('overload');
    return this;
  }

  underZero(): this {
    this.scale.setFault('underZero');
    return this;
  }

  zeroError(): this {
    this.scale.setFault('zeroError');
    return this;
  }

  clearFault(): this {
    this.scale.setFault(null);
    return this;
  }

  /** Stop answering (commands are read and ignored) until called with false. */
  noReply(on = true): this {
    this.silent = on;
    return this;
  }

  /** Send bytes that mean nothing (line noise, a mis-set port). */
  garbage(bytes: Uint8Array | string): this {
    this.send(typeof bytes === 'string' ? Uint8Array.from(bytes, (c) => c.charCodeAt(0) & 0xff) : bytes);
    return this;
  }

  /** Write every reply in pieces of `size` bytes (false: whole). */
  splitReplies(size: number | false): this {
    this.splitSize = size === false ? 0 : Math.max(1, size);
    return this;
  }

  setReplyDelay(ms: number): this {
    this.replyDelayMs = ms;
    return this;
  }

  /** Pull the cable (memory links only): both ends see `lost`; plugged back after `replugAfterMs`. */
  dropLink(replugAfterMs?: number): boolean {
    if (!this.link) return false;
    this.link.unplug();
    if (replugAfterMs !== undefined) this.later(() => this.link?.replug(), replugAfterMs);
    return true;
  }

  async close(): Promise<void> {
    for (const t of this.timers) this.clock.clearTimeout(t);
    this.timers.clear();
    this.scale.dispose();
    await this.supervisor.stop();
  }

  // ── for subclasses ─────────────────────────────────────────────────────────

  protected abstract handle(chunk: Uint8Array): void;

  /** The link went down: drop per-session state (streams, pending requests). */
  protected onLinkDown(): void {}

  /** Reply, honouring the configured delay, split size and silence. */
  protected reply(bytes: Uint8Array): void {
    if (this.silent) return;
    if (this.replyDelayMs > 0) this.later(() => this.send(bytes), this.replyDelayMs);
    else this.send(bytes);
  }

  protected later(fn: () => void, ms: number): TimerHandle {
    const handle = this.clock.setTimeout(() => {
      this.timers.delete(handle);
      fn();
    }, ms);
    this.timers.add(handle);
    return handle;
  }

  protected cancel(handle: TimerHandle | undefined): void {
    if (!handle) return;
    this.clock.clearTimeout(handle);
    this.timers.delete(handle);
  }

  private send(bytes: Uint8Array): void {
    const pieces: Uint8Array[] = [];
    if (this.splitSize > 0) for (let i = 0; i < bytes.length; i += this.splitSize) pieces.push(bytes.slice(i, i + this.splitSize));
    else pieces.push(bytes);
    this.writing = this.writing.then(async () => {
      for (const p of pieces) {
        const r = await this.supervisor.write(p);
        if (!r.ok) {
          this.logger.debug({ err: r.error.message }, 'scale sim write dropped');
          return;
        }
      }
    });
  }
}
