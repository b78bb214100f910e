import type { DeviceHealth } from '../../contracts/devices.ts';
import type { LaneError, Result } from '../../contracts/errors.ts';
import type { Clock, TimerHandle } from '../../core/clock.ts';
import type { Logger } from '../../core/log.ts';
import type { CloseReason, Transport } from './types.ts';

export interface BackoffOptions {
  /** First retry delay. */
  initialMs: number;
  /** Ceiling of the delay. */
  maxMs: number;
  /** Multiplier per failed attempt. */
  factor: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 250, maxMs: 10_000, factor: 2 };

/** Outcome of a driver's probe/handshake after each (re)connect. */
export type HandshakeResult = { ok: true } | { ok: false; reason: string };

export interface SupervisorOptions {
  /** Device name for logs (`scanner`, `printer` …). */
  name: string;
  transport: Transport;
  clock: Clock;
  logger: Logger;
  backoff?: Partial<BackoffOptions>;
  /**
   * Runs after every successful `open()`, with data already flowing to `onData` listeners
   * and `write` allowed. Return `{ok:false}` (or throw) to close the link and retry with
   * backoff. Health turns `ok` only after it succeeded.
   */
  onConnect?: (transport: Transport) => Promise<HandshakeResult> | HandshakeResult;
  /** A handshake still running after this long counts as failed. Default: no limit. */
  handshakeTimeoutMs?: number;
}

/**
 * Link states. `waiting` = a retry is scheduled; `stopped` = `stop()` was called or the
 * transport was closed by someone else (never reconnects from there).
 */
export type LinkState = 'idle' | 'connecting' | 'handshaking' | 'up' | 'waiting' | 'stopped';

/** Reasons in `DeviceHealth.reason` while offline. */
export type OfflineReason = 'connecting' | 'openFailed' | 'handshakeFailed' | 'linkLost' | 'closed';

/**
 * Keeps one transport connected: opens it, runs the driver's handshake, reconnects with
 * exponential backoff (250 ms doubling to 10 s by default, reset after a successful
 * handshake) on `lost` and on failed opens/handshakes — never after `closed`.
 * Health is `ok` while up and `offline` with an `OfflineReason` otherwise.
 *
 * Drivers subscribe to `onData` once (it survives reconnects), write through `write`
 * (returns a Result, never throws), and call `reconnect(reason)` when they detect a
 * half-open link (e.g. repeated request timeouts).
 */
export class Supervisor {
  readonly transport: Transport;
  private linkState: LinkState = 'idle';
  private attempt = 0;
  private retryTimer: TimerHandle | undefined;
  private currentHealth: DeviceHealth;
  /** Set while we close the transport ourselves, so its `closed` is not taken as a stop. */
  private closingForRetry = false;
  private closing: Promise<void> | undefined;
  private generation = 0;
  private readonly backoff: BackoffOptions;
  private readonly healthListeners = new Set<(h: DeviceHealth) => void>();
  private readonly dataListeners = new Set<(chunk: Uint8Array) => void>();
  private readonly upListeners = new Set<() => void>();
  private readonly downListeners = new Set<(reason: OfflineReason) => void>();
  private readonly unsubscribe: (() => void)[] = [];

  constructor(private readonly opts: SupervisorOptions) {
    this.transport = opts.transport;
    this.backoff = { ...DEFAULT_BACKOFF, ...opts.backoff };
    this.currentHealth = { status: 'offline', reason: 'connecting', since: opts.clock.now() };
    this.unsubscribe.push(
      this.transport.onData((chunk) => {
        for (const l of [...this.dataListeners]) this.guard(() => l(chunk));
      }),
      this.transport.onClose((reason, error) => this.handleClose(reason, error)),
    );
  }

  get state(): LinkState {
    return this.linkState;
  }

  /** True when the transport is open and the handshake succeeded. */
  get isUp(): boolean {
    return this.linkState === 'up';
  }

  health(): DeviceHealth {
    return this.currentHealth;
  }

  onHealth(listener: (health: DeviceHealth) => void): () => void {
    this.healthListeners.add(listener);
    return () => this.healthListeners.delete(listener);
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    this.dataListeners.add(listener);
    return () => this.dataListeners.delete(listener);
  }

  /** After each successful (re)connect + handshake. */
  onLinkUp(listener: () => void): () => void {
    this.upListeners.add(listener);
    return () => this.upListeners.delete(listener);
  }

  /** When an up (or handshaking) link goes away: fail in-flight requests here. */
  onLinkDown(listener: (reason: OfflineReason) => void): () => void {
    this.downListeners.add(listener);
    return () => this.downListeners.delete(listener);
  }

  /** Delay the next retry would use (for diagnostics and tests). */
  nextRetryDelayMs(): number {
    return Math.min(this.backoff.maxMs, Math.round(this.backoff.initialMs * this.backoff.factor ** this.attempt));
  }

  /** Begin connecting. Idempotent. */
  start(): void {
    if (this.linkState !== 'idle') return;
    void this.connect();
  }

  /** Close the link for good: no reconnect. */
  async stop(): Promise<void> {
    if (this.linkState === 'stopped') return;
    const wasUp = this.linkState === 'up' || this.linkState === 'handshaking';
    this.linkState = 'stopped';
    this.generation++;
    this.opts.clock.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    if (wasUp) this.emitDown('closed');
    this.setHealth('offline', 'closed');
    if (this.transport.isOpen) await this.transport.close().catch(() => {});
    for (const u of this.unsubscribe) u();
  }

  /** The driver saw the link die without a transport event (half-open): drop it and retry. */
  reconnect(reason: string): void {
    if (this.linkState !== 'up' && this.linkState !== 'handshaking') return;
    this.opts.logger.warn({ device: this.opts.name, reason }, 'link dropped by driver');
    this.generation++;
    this.emitDown('linkLost');
    void this.closeThenRetry('linkLost');
  }

  /** Write through the link. Never throws. */
  async write(bytes: Uint8Array): Promise<Result<void>> {
    if (!this.transport.isOpen || (this.linkState !== 'up' && this.linkState !== 'handshaking')) {
      return { ok: false, error: linkError('link is not connected', 'notConnected') };
    }
    try {
      await this.transport.write(bytes);
      return { ok: true, value: undefined };
    } catch (err) {
      return { ok: false, error: linkError(err instanceof Error ? err.message : String(err), 'writeFailed') };
    }
  }

  private async connect(): Promise<void> {
    const gen = ++this.generation;
    this.linkState = 'connecting';
    if (this.closing) await this.closing;
    try {
      await this.transport.open();
    } catch (err) {
      if (gen !== this.generation) return;
      this.opts.logger.debug({ device: this.opts.name, address: this.transport.address, err: String(err) }, 'open failed');
      this.scheduleRetry(this.currentHealth.reason === 'linkLost' ? 'linkLost' : 'openFailed');
      return;
    }
    if (gen !== this.generation) {
      // stopped or superseded while opening
      if (this.isStopped()) await this.transport.close().catch(() => {});
      return;
    }
    this.linkState = 'handshaking';
    const result = await this.handshake();
    if (gen !== this.generation) return;
    if (!result.ok) {
      this.opts.logger.warn({ device: this.opts.name, address: this.transport.address, reason: result.reason }, 'handshake failed');
      this.generation++;
      this.emitDown('handshakeFailed');
      await this.closeThenRetry('handshakeFailed');
      return;
    }
    this.linkState = 'up';
    this.attempt = 0;
    this.opts.logger.info({ device: this.opts.name, address: this.transport.address }, 'link up');
    this.setHealth('ok');
    for (const l of [...this.upListeners]) this.guard(l);
  }

  private async handshake(): Promise<HandshakeResult> {
    const run = async (): Promise<HandshakeResult> => {
      try {
        return this.opts.onConnect ? await this.opts.onConnect(this.transport) : { ok: true };
      } catch (err) {
        return { ok: false, reason: err instanceof Error ? err.message : String(err) };
      }
    };
    const limit = this.opts.handshakeTimeoutMs;
    if (limit === undefined) return run();
    let timer: TimerHandle | undefined;
    const timeout = new Promise<HandshakeResult>((resolve) => {
      timer = this.opts.clock.setTimeout(() => resolve({ ok: false, reason: `handshake timeout after ${limit} ms` }), limit);
    });
    const result = await Promise.race([run(), timeout]);
    this.opts.clock.clearTimeout(timer);
    return result;
  }

  private isStopped(): boolean {
    return this.linkState === 'stopped';
  }

  private async closeThenRetry(reason: OfflineReason): Promise<void> {
    // Schedule first, so the retry timer exists as soon as health says offline.
    this.scheduleRetry(reason);
    if (this.transport.isOpen) {
      this.closingForRetry = true;
      const closing = this.transport.close().catch(() => {});
      this.closing = closing;
      await closing;
      if (this.closing === closing) this.closing = undefined;
      this.closingForRetry = false;
    }
  }

  private handleClose(reason: CloseReason, error?: Error): void {
    if (this.closingForRetry || this.linkState === 'stopped' || this.linkState === 'waiting') return;
    const wasLive = this.linkState === 'up' || this.linkState === 'handshaking';
    if (!wasLive) return;
    this.generation++;
    if (reason === 'closed') {
      // Someone closed the transport on purpose: that is a stop, not a fault.
      this.linkState = 'stopped';
      this.emitDown('closed');
      this.setHealth('offline', 'closed');
      return;
    }
    this.opts.logger.warn({ device: this.opts.name, address: this.transport.address, err: error?.message }, 'link lost');
    this.emitDown('linkLost');
    this.scheduleRetry('linkLost');
  }

  private scheduleRetry(reason: OfflineReason): void {
    if (this.linkState === 'stopped') return;
    this.linkState = 'waiting';
    this.setHealth('offline', reason);
    const delay = this.nextRetryDelayMs();
    this.attempt++;
    this.opts.clock.clearTimeout(this.retryTimer);
    this.retryTimer = this.opts.clock.setTimeout(() => {
      this.retryTimer = undefined;
      if (this.linkState === 'waiting') void this.connect();
    }, delay);
  }

  private emitDown(reason: OfflineReason): void {
    for (const l of [...this.downListeners]) this.guard(() => l(reason));
  }

  private setHealth(status: 'ok' | 'offline', reason?: OfflineReason): void {
    if (this.currentHealth.status === status && this.currentHealth.reason === reason) return;
    this.currentHealth = { status, ...(reason ? { reason } : {}), since: this.opts.clock.now() };
    const h = this.currentHealth;
    for (const l of [...this.healthListeners]) this.guard(() => l(h));
  }

  private guard(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.opts.logger.error({ device: this.opts.name, err }, 'supervisor listener threw');
    }
  }
}

function linkError(message: string, reason: 'notConnected' | 'writeFailed'): LaneError {
  return { code: 'device', message, detail: { reason } };
}
