import type { LaneError, Result } from '../../contracts/errors.ts';
import type { Clock, TimerHandle } from '../../core/clock.ts';

/** Why a request did not get its answer. */
export type RequestFailureReason = 'timeout' | 'linkLost' | 'writeFailed' | 'cancelled' | 'queueFull';

/** The project's error shape (`LaneError`) plus a typed `reason`. */
export interface RequestError extends LaneError {
  reason: RequestFailureReason;
}

export type RequestResult<T> = { ok: true; value: T } | { ok: false; error: RequestError };

/**
 * How the in-flight request judges each decoded event: `{done: value}` finishes it,
 * `'more'` means "mine, keep waiting" (the timeout restarts), `undefined` means unrelated.
 */
export type RequestStep<T> = { done: T } | 'more' | undefined;

export interface RequestSpec<E, T> {
  /** Bytes written when the request reaches the head of the queue. */
  bytes: Uint8Array;
  /** Time allowed for the answer, counted from the start of the write. */
  timeoutMs: number;
  accept: (event: E) => RequestStep<T>;
  /** For logs/errors. */
  label?: string;
  /** @internal set by `send`: the request completes when written. */
  noReply?: boolean;
}

export interface RequestQueueOptions {
  clock: Clock;
  /** Write the bytes (e.g. `supervisor.write`). A failed write fails the request. */
  write: (bytes: Uint8Array) => Promise<Result<void>>;
  /** When false, requests fail at once with `linkLost` instead of being written. */
  isConnected?: () => boolean;
  /** Requests waiting behind the one in flight; more are refused with `queueFull`. Default 32. */
  maxQueued?: number;
}

interface Pending<E> {
  spec: RequestSpec<E, unknown>;
  resolve: (r: RequestResult<unknown>) => void;
  timer?: TimerHandle;
  settled: boolean;
}

/**
 * One request in flight per device. Requests run in order; each gets its own timeout on the
 * injected clock and resolves with a `RequestResult` — expected failures (timeout, link lost,
 * write failed) are values, never thrown.
 *
 * Wire decoded events in with `offer(event)` and link loss with `linkLost()`
 * (e.g. `supervisor.onLinkDown(() => queue.linkLost())`).
 */
export class RequestQueue<E> {
  private inFlight: Pending<E> | undefined;
  private readonly waiting: Pending<E>[] = [];

  constructor(private readonly opts: RequestQueueOptions) {}

  get busy(): boolean {
    return this.inFlight !== undefined;
  }

  get queued(): number {
    return this.waiting.length;
  }

  request<T>(spec: RequestSpec<E, T>): Promise<RequestResult<T>> {
    return new Promise<RequestResult<T>>((resolve) => {
      if (this.waiting.length >= (this.opts.maxQueued ?? 32)) {
        resolve(failure('queueFull', `request queue full (${spec.label ?? 'request'})`));
        return;
      }
      const pending: Pending<E> = {
        spec: spec as RequestSpec<E, unknown>,
        resolve: (r) => resolve(r as RequestResult<T>),
        settled: false,
      };
      this.waiting.push(pending);
      this.pump();
    });
  }

  /**
   * Queue bytes that expect no answer (beep, enable …): resolves `ok` once written, or
   * fails like any request (`timeout` if the write itself hangs, `linkLost`, `writeFailed`).
   */
  send(bytes: Uint8Array, opts: { timeoutMs: number; label?: string }): Promise<RequestResult<void>> {
    return this.request<void>({ bytes, timeoutMs: opts.timeoutMs, accept: () => undefined, noReply: true, ...(opts.label ? { label: opts.label } : {}) });
  }

  /** Give a decoded event to the in-flight request. True if the request claimed it. */
  offer(event: E): boolean {
    const p = this.inFlight;
    if (!p || p.settled) return false;
    const step = p.spec.accept(event);
    if (step === undefined) return false;
    if (step === 'more') {
      this.armTimer(p);
      return true;
    }
    this.settle(p, { ok: true, value: step.done });
    return true;
  }

  /** Restart the in-flight request's timeout (e.g. the device said "please wait"). */
  restartTimeout(timeoutMs?: number): void {
    if (this.inFlight && !this.inFlight.settled) this.armTimer(this.inFlight, timeoutMs);
  }

  /** The link went down: the in-flight request and everything queued fail with `linkLost`. */
  linkLost(message = 'link lost'): void {
    this.failAll('linkLost', message);
  }

  /** Fail everything with `cancelled` (driver closing). */
  cancelAll(message = 'cancelled'): void {
    this.failAll('cancelled', message);
  }

  private failAll(reason: RequestFailureReason, message: string): void {
    const all = [...(this.inFlight ? [this.inFlight] : []), ...this.waiting.splice(0)];
    for (const p of all) this.settle(p, failure(reason, `${p.spec.label ?? 'request'}: ${message}`), false);
    this.inFlight = undefined;
  }

  private pump(): void {
    if (this.inFlight) return;
    const next = this.waiting.shift();
    if (!next) return;
    this.inFlight = next;
    if (this.opts.isConnected && !this.opts.isConnected()) {
      this.settle(next, failure('linkLost', `${next.spec.label ?? 'request'}: link is not connected`));
      return;
    }
    this.armTimer(next);
    this.opts.write(next.spec.bytes).then(
      (r) => {
        if (r.ok && next.spec.noReply) {
          this.settle(next, { ok: true, value: undefined });
        } else if (!r.ok && !next.settled) {
          const reason = r.error.detail?.['reason'] === 'notConnected' ? 'linkLost' : 'writeFailed';
          this.settle(next, failure(reason, `${next.spec.label ?? 'request'}: ${r.error.message}`));
        }
      },
      (err: unknown) => {
        if (!next.settled) this.settle(next, failure('writeFailed', `${next.spec.label ?? 'request'}: ${String(err)}`));
      },
    );
  }

  private armTimer(p: Pending<E>, timeoutMs = p.spec.timeoutMs): void {
    this.opts.clock.clearTimeout(p.timer);
    p.timer = this.opts.clock.setTimeout(() => {
      if (!p.settled) this.settle(p, failure('timeout', `${p.spec.label ?? 'request'}: no answer within ${timeoutMs} ms`));
    }, timeoutMs);
  }

  private settle(p: Pending<E>, result: RequestResult<unknown>, next = true): void {
    if (p.settled) return;
    p.settled = true;
    this.opts.clock.clearTimeout(p.timer);
    if (this.inFlight === p) this.inFlight = undefined;
    p.resolve(result);
    if (next) this.pump();
  }
}

function failure(reason: RequestFailureReason, message: string): { ok: false; error: RequestError } {
  return { ok: false, error: { code: reason === 'timeout' ? 'timeout' : 'device', message, reason, detail: { reason } } };
}
