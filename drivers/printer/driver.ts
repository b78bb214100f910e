/**
 * ESC/POS printer driver: encoder + status codec + transport, kept connected by the shared
 * `Supervisor`, one request in flight through the shared `RequestQueue`.
 *
 * A print job is: status round (`DLE EOT 1..4`, sent together — four queries in flight, each
 * reply within `statusTimeoutMs`), refuse on paper out / cover open / offline / cutter
 * error, send the whole job as one queued write, then a second status round; `ok` only
 * when that one is clean too. Status rounds and jobs share the one-in-flight queue, so a
 * real-time query can never land inside a raster image. Automatic Status Back is enabled on
 * every connect; its pushes and every status round update `condition()`.
 */
import type { DeviceHealth, PrinterCondition, ReceiptDocument } from '../../contracts/index.ts';
import type { PrintOutcome, PrinterPort, Unsubscribe } from '../../contracts/ports.ts';
import type { Clock } from '../../core/clock.ts';
import type { Logger } from '../../core/log.ts';
import { type MemoryHub, RequestQueue, Supervisor, type Transport, createTransport } from '../transport/index.ts';
import * as cmd from './commands.ts';
import { PrinterConfig, type PrinterConfigInput } from './config.ts';
import { type Rasteriser, encodeReceipt } from './encoder.ts';
import { type PrinterFlags, type StatusEvent, StatusDecoder, conditionOf, flagsFromAsb, flagsFromRealtime } from './status.ts';

export interface PrinterDeps {
  clock: Clock;
  logger: Logger;
  hub?: MemoryHub;
  /** Use this transport instead of building one from `config.transport` (tests). */
  transport?: Transport;
  rasteriser?: Rasteriser;
  backoff?: { initialMs?: number; maxMs?: number; factor?: number };
}

type Refusal = Exclude<PrinterCondition, 'ok' | 'paperNearEnd'>;

const QUERY_ROUND = Uint8Array.from([...cmd.statusQuery(1), ...cmd.statusQuery(2), ...cmd.statusQuery(3), ...cmd.statusQuery(4)]);

type Round = { ok: true; flags: PrinterFlags } | { ok: false; message: string };

export class EscPosPrinter implements PrinterPort {
  private readonly config: PrinterConfig;
  private readonly supervisor: Supervisor;
  private readonly queue: RequestQueue<StatusEvent>;
  private readonly decoder = new StatusDecoder();
  private readonly conditionListeners = new Set<(c: PrinterCondition) => void>();
  private readonly healthListeners = new Set<(h: DeviceHealth) => void>();
  private current: PrinterCondition = 'offline';
  private currentHealth: DeviceHealth;
  private jobs: Promise<unknown> = Promise.resolve();
  private timeoutsInARow = 0;
  /** Replies still owed to a round that timed out; dropped when they turn up late. */
  private stale = 0;
  private staleUntil = 0;
  private closed = false;
  /** Set from the supervisor's link-down until the next link-up. */
  private linkDown: string | undefined = 'connecting';

  constructor(config: PrinterConfig, private readonly deps: PrinterDeps) {
    this.config = config;
    const transport = deps.transport ?? createTransport(config.transport, { clock: deps.clock, logger: deps.logger, ...(deps.hub ? { hub: deps.hub } : {}) });
    this.currentHealth = { status: 'offline', reason: 'connecting', since: deps.clock.now() };
    this.supervisor = new Supervisor({
      name: 'printer',
      transport,
      clock: deps.clock,
      logger: deps.logger,
      ...(deps.backoff ? { backoff: deps.backoff } : {}),
      onConnect: async (t) => {
        this.decoder.reset();
        // Enable ASB (all groups); the printer answers with its first 4-byte status.
        await t.write(Uint8Array.from(cmd.asb(cmd.ASB_ALL)));
        return { ok: true };
      },
    });
    this.queue = new RequestQueue<StatusEvent>({
      clock: deps.clock,
      write: (bytes) => this.supervisor.write(bytes),
      isConnected: () => this.supervisor.isUp,
    });
    this.supervisor.onData((chunk) => this.onBytes(chunk));
    this.supervisor.onLinkDown((reason) => {
      this.linkDown = reason;
      this.queue.linkLost(`link ${reason}`);
      this.decoder.reset();
      this.stale = 0;
      this.setCondition('offline');
    });
    this.supervisor.onLinkUp(() => {
      this.linkDown = undefined;
      this.timeoutsInARow = 0;
      this.updateHealth();
      void this.refresh();
    });
    this.supervisor.onHealth(() => this.updateHealth());
    this.supervisor.start();
  }

  condition(): PrinterCondition {
    return this.current;
  }

  onCondition(listener: (condition: PrinterCondition) => void): Unsubscribe {
    this.conditionListeners.add(listener);
    return () => this.conditionListeners.delete(listener);
  }

  health(): DeviceHealth {
    return this.currentHealth;
  }

  onHealth(listener: (health: DeviceHealth) => void): Unsubscribe {
    this.healthListeners.add(listener);
    return () => this.healthListeners.delete(listener);
  }

  /** Query status now (also done before and after every job). */
  async refresh(): Promise<PrinterCondition> {
    const r = await this.statusRound();
    return r.ok ? conditionOf(r.flags) : 'offline';
  }

  print(doc: ReceiptDocument): Promise<PrintOutcome> {
    const job = this.jobs.then(() => this.runJob(doc));
    this.jobs = job.catch(() => undefined);
    return job;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.queue.cancelAll('printer closed');
    await this.supervisor.stop();
  }

  private async runJob(doc: ReceiptDocument): Promise<PrintOutcome> {
    if (this.closed) return refused('offline', 'printer closed');
    if (!this.supervisor.isUp) return refused('offline', `printer link is down (${this.supervisor.health().reason ?? 'offline'})`);
    const before = await this.statusRound();
    if (!before.ok) return refused('offline', `no status before printing: ${before.message}`);
    const pre = conditionOf(before.flags);
    if (pre !== 'ok' && pre !== 'paperNearEnd') return refused(pre, `printer not ready: ${pre}`);

    const bytes = encodeReceipt(doc, {
      codePages: this.config.codePages,
      preferredCodePages: this.config.preferredCodePages,
      width: this.config.width,
      cutFeed: this.config.cutFeed,
      ...(this.deps.rasteriser ? { rasteriser: this.deps.rasteriser } : {}),
    });
    const sent = await this.queue.send(bytes, { timeoutMs: this.writeTimeoutMs(bytes.length), label: `receipt ${doc.transactionId}` });
    if (!sent.ok) {
      this.deps.logger.warn({ transactionId: doc.transactionId, err: sent.error.message }, 'receipt not sent');
      return refused('offline', `receipt not sent: ${sent.error.message}`);
    }

    const after = await this.statusRound();
    if (!after.ok) return refused('offline', `no status after printing: ${after.message}`);
    const post = conditionOf(after.flags);
    if (post !== 'ok' && post !== 'paperNearEnd') return refused(post, `printer reported ${post} after the receipt was sent`);
    this.deps.logger.info({ transactionId: doc.transactionId, bytes: bytes.length }, 'receipt printed');
    return { ok: true };
  }

  /** Generous time to hand a job to the OS: serial at the configured baud, ×2, plus 5 s. */
  private writeTimeoutMs(length: number): number {
    const t = this.config.transport;
    const bytesPerSecond = t.kind === 'serial' ? t.baudRate / 10 : 100_000;
    return 5000 + Math.ceil(((length * 1000) / bytesPerSecond) * 2);
  }

  /** Four `DLE EOT n` queries in one write; each reply must come within `statusTimeoutMs`. */
  private async statusRound(): Promise<Round> {
    const replies: number[] = [];
    const r = await this.queue.request<number[]>({
      bytes: QUERY_ROUND,
      timeoutMs: this.config.statusTimeoutMs,
      label: 'status',
      accept: (e) => {
        if (e.kind !== 'realtime') return undefined;
        replies.push(e.byte);
        return replies.length === 4 ? { done: replies } : 'more';
      },
    });
    if (!r.ok) {
      if (r.error.reason === 'timeout') {
        this.stale = 4 - replies.length;
        this.staleUntil = this.deps.clock.now() + this.config.statusTimeoutMs * 4;
        this.timeoutsInARow++;
        this.setCondition('offline');
        if (this.timeoutsInARow >= this.config.reconnectAfterTimeouts) {
          this.timeoutsInARow = 0;
          this.supervisor.reconnect('status queries unanswered');
        }
      }
      return { ok: false, message: r.error.message };
    }
    this.timeoutsInARow = 0;
    const [a, b, c, d] = r.value as [number, number, number, number];
    const flags = flagsFromRealtime(a, b, c, d);
    this.setCondition(conditionOf(flags));
    return { ok: true, flags };
  }

  private onBytes(chunk: Uint8Array): void {
    for (const e of this.decoder.push(chunk)) {
      if (e.kind === 'asb') {
        this.setCondition(conditionOf(flagsFromAsb(e.bytes)));
        continue;
      }
      if (e.kind === 'discarded') {
        this.deps.logger.debug({ count: e.count }, 'printer sent unexpected bytes');
        continue;
      }
      // Late replies to a round that timed out come first on the wire: drop them, for a
      // while (a printer that never answers them must not eat later answers forever).
      if (this.stale > 0 && this.deps.clock.now() <= this.staleUntil) {
        this.stale--;
        continue;
      }
      if (this.queue.offer(e)) continue;
      this.deps.logger.debug({ byte: e.byte }, 'status reply nobody asked for');
    }
  }

  private setCondition(c: PrinterCondition): void {
    if (c === this.current) return;
    this.current = c;
    this.deps.logger.info({ condition: c }, 'printer condition');
    for (const l of [...this.conditionListeners]) l(c);
    this.updateHealth();
  }

  private updateHealth(): void {
    const link = this.supervisor.health();
    const next: Omit<DeviceHealth, 'since'> =
      link.status !== 'ok' || this.linkDown !== undefined
        ? { status: 'offline', reason: link.status !== 'ok' ? (link.reason ?? 'offline') : (this.linkDown ?? 'offline') }
        : this.current === 'ok'
          ? { status: 'ok' }
          : this.current === 'paperNearEnd'
            ? { status: 'warning', reason: 'paperNearEnd' }
            : this.current === 'offline'
              ? { status: 'offline', reason: 'printerOffline' }
              : { status: 'error', reason: this.current };
    if (next.status === this.currentHealth.status && next.reason === this.currentHealth.reason) return;
    this.currentHealth = { ...next, since: this.deps.clock.now() };
    const h = this.currentHealth;
    for (const l of [...this.healthListeners]) l(h);
  }
}

function refused(condition: Refusal, message: string): PrintOutcome {
  return { ok: false, condition, message };
}

/**
 * Open an ESC/POS printer. Connecting happens in the background (health `offline` /
 * `connecting` until the link is up); `print` refuses with `offline` until then.
 * Throws `TypeError` for a configuration that fails the schema (a programming error).
 */
export function openPrinter(config: PrinterConfigInput | PrinterConfig, deps: PrinterDeps): PrinterPort & { refresh(): Promise<PrinterCondition> } {
  const parsed = PrinterConfig.safeParse(config);
  if (!parsed.success) throw new TypeError(`invalid printer config: ${parsed.error.issues[0]?.message ?? 'unknown'}`);
  return new EscPosPrinter(parsed.data, deps);
}
