/**
 * The scale-port half every protocol driver shares: a `DeviceLink` plus a `ReadingReporter`
 * behind the `ScalePort` interface. Protocol drivers supply the decoder, the probe and the
 * poll (or stream) loop.
 */
import type { DeviceHealth, ScaleReading } from '../../contracts/devices.ts';
import type { Clock } from '../../core/clock.ts';
import type { Logger } from '../../core/log.ts';
import type { ScalePort, Unsubscribe } from '../../contracts/ports.ts';
import type { MemoryHub, Transport } from '../transport/index.ts';
import type { ScaleConfig } from './config.ts';
import { stabilityOf } from './config.ts';
import { DeviceLink, ReadingReporter, type Decoder } from './core.ts';
import type { HandshakeResult } from '../transport/index.ts';

export interface ScaleDeps {
  clock: Clock;
  logger: Logger;
  /** Needed for `transport.kind === 'memory'`. */
  hub?: MemoryHub;
}

export interface ProtocolHooks<E> {
  decoder: Decoder<E>;
  onEvent(event: E): void;
  probe(): Promise<HandshakeResult>;
  onUp(generation: number): void;
}

/** Base for the three drivers: owns the link and the reporter, implements `ScalePort`. */
export abstract class ScaleDriver<E> implements ScalePort {
  protected readonly link: DeviceLink<E>;
  protected readonly reporter: ReadingReporter;
  protected readonly logger: Logger;
  private closed = false;

  constructor(
    protected readonly config: ScaleConfig,
    transport: Transport,
    deps: ScaleDeps,
    hooks: () => ProtocolHooks<E>,
  ) {
    this.logger = deps.logger.child({ device: config.name, protocol: config.protocol });
    this.reporter = new ReadingReporter(this.logger, stabilityOf(config));
    const h = hooks();
    this.link = new DeviceLink<E>({
      name: config.name,
      transport,
      clock: deps.clock,
      logger: this.logger,
      decoder: h.decoder,
      missedRepliesBeforeOffline: config.missedRepliesBeforeOffline,
      backoff: config.backoff,
      onEvent: (e) => h.onEvent(e),
      probe: () => h.probe(),
      onUp: (g) => h.onUp(g),
    });
    this.link.onDown(() => this.reporter.linkDown());
  }

  /** Begin connecting (called by the factory). */
  start(): this {
    this.link.start();
    return this;
  }

  health(): DeviceHealth {
    return this.link.health();
  }

  onHealth(listener: (health: DeviceHealth) => void): Unsubscribe {
    return this.link.onHealth(listener);
  }

  onReading(listener: (reading: ScaleReading) => void): Unsubscribe {
    return this.reporter.onReading(listener);
  }

  current(): ScaleReading | null {
    return this.reporter.current();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.link.close();
    this.reporter.clear();
  }

  /**
   * Poll with one request in flight: `request` → wait `pollMs` → again, for as long as this
   * session lasts. Timeouts count towards "no reply"; any answer resets the count.
   */
  protected async pollLoop(generation: number, request: () => Promise<{ ok: true } | { ok: false; reason: string }>, label: string): Promise<void> {
    while (this.link.isCurrent(generation)) {
      const r = await request();
      if (!this.link.isCurrent(generation)) return;
      if (r.ok) this.link.replied();
      else if (r.reason === 'timeout') this.link.missedReply(label);
      else if (r.reason === 'linkLost' || r.reason === 'cancelled') return;
      if (!(await this.link.delay(this.config.pollMs, generation))) return;
    }
  }
}
