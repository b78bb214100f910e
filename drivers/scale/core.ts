/**
 * What the three scale drivers share: a supervised link (reconnect with backoff, probe on
 * every connect, one request in flight with a per-request timeout, "no reply" detection),
 * and a reading reporter (optional stability filter, change-only events).
 */
import type { DeviceHealth, ScaleReading } from '../../contracts/devices.ts';
import type { Clock, TimerHandle } from '../../core/clock.ts';
import type { Logger } from '../../core/log.ts';
import { RequestQueue, Supervisor, type BackoffOptions, type HandshakeResult, type Transport } from '../transport/index.ts';
import { StabilityFilter, type StabilityOptions } from './stability.ts';

export type Unsubscribe = () => void;

/** A set of listeners; a throwing listener is logged and never breaks the driver. */
export class Listeners<T> {
  private readonly set = new Set<(value: T) => void>();

  constructor(
    private readonly logger: Logger,
    private readonly what: string,
  ) {}

  add(listener: (value: T) => void): Unsubscribe {
    this.set.add(listener);
    return () => {
      this.set.delete(listener);
    };
  }

  emit(value: T): void {
    for (const l of [...this.set]) {
      try {
        l(value);
      } catch (err) {
        this.logger.error({ err, what: this.what }, 'listener threw');
      }
    }
  }

  clear(): void {
    this.set.clear();
  }
}

/** Keeps the last reading and tells listeners of every change (state or grams). */
export class ReadingReporter {
  private last: ScaleReading | null = null;
  private readonly filter: StabilityFilter | null;
  private readonly listeners: Listeners<ScaleReading>;

  constructor(logger: Logger, stability: StabilityOptions | undefined) {
    this.filter = stability ? new StabilityFilter(stability) : null;
    this.listeners = new Listeners(logger, 'scale reading');
  }

  current(): ScaleReading | null {
    return this.last;
  }

  /** Grams of the last reading (0 before any); used for status replies that carry no weight. */
  lastGrams(): number {
    return this.last?.grams ?? 0;
  }

  onReading(listener: (reading: ScaleReading) => void): Unsubscribe {
    return this.listeners.add(listener);
  }

  report(raw: ScaleReading): void {
    const reading = this.filter ? this.filter.apply(raw) : raw;
    if (this.last && this.last.state === reading.state && this.last.grams === reading.grams) return;
    this.last = { state: reading.state, grams: reading.grams };
    this.listeners.emit(this.last);
  }

  /** The link went down: the next readings must build stability again. */
  linkDown(): void {
    this.filter?.reset();
  }

  clear(): void {
    this.listeners.clear();
  }
}

export interface Decoder<E> {
  push(chunk: Uint8Array): E[];
  reset(): void;
}

export interface LinkOptions<E> {
  name: string;
  transport: Transport;
  clock: Clock;
  logger: Logger;
  decoder: Decoder<E>;
  /** Consecutive request timeouts before the link is dropped and re-probed. */
  missedRepliesBeforeOffline: number;
  backoff?: Partial<BackoffOptions> | undefined;
  /** Every decoded event, before the in-flight request sees it. */
  onEvent: (event: E) => void;
  /** The probe, run after every open; use `link.queue` to talk. */
  probe: () => Promise<HandshakeResult>;
  /** Link up after a successful probe; `generation` identifies this session. */
  onUp: (generation: number) => void;
}

/**
 * A supervised device link. Health is the supervisor's, except that a link we dropped
 * because the device stopped answering reads `offline / noReply` until it is back.
 */
export class DeviceLink<E> {
  readonly supervisor: Supervisor;
  readonly queue: RequestQueue<E>;
  private generationNo = 0;
  private missed = 0;
  private noReply = false;
  private droppingForNoReply = false;
  private lastHealth: DeviceHealth;
  private readonly healthListeners: Listeners<DeviceHealth>;
  private readonly downListeners: Listeners<void>;
  private readonly timers = new Set<TimerHandle>();

  constructor(private readonly opts: LinkOptions<E>) {
    this.healthListeners = new Listeners(opts.logger, `${opts.name} health`);
    this.downListeners = new Listeners(opts.logger, `${opts.name} link down`);
    this.supervisor = new Supervisor({
      name: opts.name,
      transport: opts.transport,
      clock: opts.clock,
      logger: opts.logger,
      ...(opts.backoff ? { backoff: opts.backoff } : {}),
      onConnect: async () => {
        opts.decoder.reset();
        this.missed = 0;
        return opts.probe();
      },
    });
    this.queue = new RequestQueue<E>({
      clock: opts.clock,
      write: (bytes) => this.supervisor.write(bytes),
      isConnected: () => this.supervisor.transport.isOpen,
    });
    this.lastHealth = this.mapHealth(this.supervisor.health());
    this.supervisor.onData((chunk) => {
      for (const event of opts.decoder.push(chunk)) {
        opts.onEvent(event);
        this.queue.offer(event);
      }
    });
    this.supervisor.onHealth((h) => this.setHealth(this.mapHealth(h)));
    this.supervisor.onLinkDown((reason) => {
      this.generationNo++;
      // A silent device stays `noReply` through failed re-probes; a real loss clears it.
      if (!this.droppingForNoReply && reason !== 'handshakeFailed') this.noReply = false;
      this.queue.linkLost();
      this.clearTimers();
      this.downListeners.emit();
    });
    this.supervisor.onLinkUp(() => {
      this.noReply = false;
      this.setHealth(this.mapHealth(this.supervisor.health()));
      opts.onUp(++this.generationNo);
    });
  }

  start(): void {
    this.supervisor.start();
  }

  get generation(): number {
    return this.generationNo;
  }

  isCurrent(generation: number): boolean {
    return generation === this.generationNo && this.supervisor.isUp;
  }

  health(): DeviceHealth {
    return this.lastHealth;
  }

  onHealth(listener: (health: DeviceHealth) => void): Unsubscribe {
    return this.healthListeners.add(listener);
  }

  onDown(listener: () => void): Unsubscribe {
    return this.downListeners.add(listener);
  }

  /** A reply arrived in time. */
  replied(): void {
    this.missed = 0;
  }

  /**
   * A request (or a stream) timed out. After `missedRepliesBeforeOffline` in a row the link
   * is dropped (health `offline / noReply`) and the supervisor reconnects and re-probes.
   */
  missedReply(what: string): void {
    this.missed++;
    this.opts.logger.debug({ device: this.opts.name, what, missed: this.missed }, 'no reply');
    if (this.missed < this.opts.missedRepliesBeforeOffline) return;
    this.missed = 0;
    this.noReply = true;
    this.droppingForNoReply = true;
    try {
      this.supervisor.reconnect(`no reply to ${what}`);
    } finally {
      this.droppingForNoReply = false;
    }
  }

  /** Resolve after `ms` on the clock; false if the session ended meanwhile. */
  delay(ms: number, generation: number): Promise<boolean> {
    return new Promise((resolve) => {
      if (!this.isCurrent(generation)) {
        resolve(false);
        return;
      }
      let off: Unsubscribe = () => {};
      const handle = this.timer(() => {
        off();
        resolve(this.isCurrent(generation));
      }, ms);
      off = this.downListeners.add(() => {
        off();
        this.cancelTimer(handle);
        resolve(false);
      });
    });
  }

  /** A timer that belongs to the session: cleared on link down and on close. */
  timer(fn: () => void, ms: number): TimerHandle {
    const handle = this.opts.clock.setTimeout(() => {
      this.timers.delete(handle);
      fn();
    }, ms);
    this.timers.add(handle);
    return handle;
  }

  cancelTimer(handle: TimerHandle | undefined): void {
    if (!handle) return;
    this.opts.clock.clearTimeout(handle);
    this.timers.delete(handle);
  }

  async close(): Promise<void> {
    this.clearTimers();
    this.queue.cancelAll('driver closed');
    await this.supervisor.stop();
    this.healthListeners.clear();
    this.downListeners.clear();
  }

  private clearTimers(): void {
    for (const t of this.timers) this.opts.clock.clearTimeout(t);
    this.timers.clear();
  }

  private mapHealth(h: DeviceHealth): DeviceHealth {
    if (h.status === 'offline' && this.noReply && (h.reason === 'linkLost' || h.reason === 'handshakeFailed')) return { ...h, reason: 'noReply' };
    return h;
  }

  private setHealth(h: DeviceHealth): void {
    if (h.status === this.lastHealth.status && h.reason === this.lastHealth.reason) return;
    this.lastHealth = h;
    this.healthListeners.emit(h);
  }
}
