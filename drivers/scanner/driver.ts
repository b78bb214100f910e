/**
 * One scanner driver for every protocol: a decoder + a transport under a Supervisor.
 * Implements `ScannerPort`. Protocol differences are data (`ScannerProtocol`): the decoder
 * to use, the `source` tag, and the host commands where the device takes any.
 *
 * - Scans are validated against the `Scan` contract before listeners see them.
 * - `disable()`: the device is told where the protocol allows (Datalogic `D`); scans that
 *   still arrive are dropped (the lane disables while paying). HID POS and wedge scanners
 *   get no command: disable = ignore.
 * - After every (re)connect the decoder is reset and the current enable state re-sent.
 */
import { Scan } from '../../contracts/devices.ts';
import type { DeviceHealth } from '../../contracts/devices.ts';
import type { ScannerPort, Unsubscribe } from '../../contracts/ports.ts';
import type { Clock, TimerHandle } from '../../core/clock.ts';
import type { Logger } from '../../core/log.ts';
import { Supervisor, type BackoffOptions } from '../transport/supervisor.ts';
import type { Transport } from '../transport/types.ts';
import type { ScannerCodecEvent, ScannerDecoder } from './codec.ts';

export interface ScannerCommands {
  enable?: Uint8Array;
  disable?: Uint8Array;
  beepGood?: Uint8Array;
  beepError?: Uint8Array;
}

export interface ScannerProtocol {
  source: Scan['source'];
  decoder: ScannerDecoder;
  commands?: ScannerCommands;
}

/** What the driver threw away, for diagnostics, the simulator panel and tests. */
export type ScannerDiagnostic =
  | Extract<ScannerCodecEvent, { type: 'discarded' }>
  | { type: 'droppedWhileDisabled'; data: string }
  | { type: 'invalidScan'; message: string };

export interface ScannerDriverDeps {
  clock: Clock;
  logger: Logger;
  backoff?: Partial<BackoffOptions>;
}

export class ScannerDriver implements ScannerPort {
  readonly supervisor: Supervisor;
  private enabled = true;
  private timer: TimerHandle | undefined;
  private readonly scanListeners = new Set<(scan: Scan) => void>();
  /** Discards seen (last 100, for diagnostics and tests). */
  readonly discards: Extract<ScannerCodecEvent, { type: 'discarded' }>[] = [];
  private readonly diagnosticListeners = new Set<(d: ScannerDiagnostic) => void>();

  constructor(
    transport: Transport,
    private readonly protocol: ScannerProtocol,
    private readonly deps: ScannerDriverDeps,
  ) {
    this.supervisor = new Supervisor({
      name: 'scanner',
      transport,
      clock: deps.clock,
      logger: deps.logger,
      ...(deps.backoff ? { backoff: deps.backoff } : {}),
      onConnect: async () => {
        this.protocol.decoder.reset();
        this.disarm();
        const cmd = this.enabled ? protocol.commands?.enable : protocol.commands?.disable;
        if (cmd) {
          const w = await this.supervisor.write(cmd);
          if (!w.ok) return { ok: false, reason: w.error.message };
        }
        return { ok: true };
      },
    });
    this.supervisor.onData((chunk) => this.handle(this.protocol.decoder.push(chunk, this.deps.clock.now())));
    this.supervisor.start();
  }

  health(): DeviceHealth {
    return this.supervisor.health();
  }

  onHealth(listener: (health: DeviceHealth) => void): Unsubscribe {
    return this.supervisor.onHealth(listener);
  }

  onScan(listener: (scan: Scan) => void): Unsubscribe {
    this.scanListeners.add(listener);
    return () => {
      this.scanListeners.delete(listener);
    };
  }

  /** Everything the driver drops (bad input, scans while disabled), as it happens. */
  onDiagnostic(listener: (d: ScannerDiagnostic) => void): Unsubscribe {
    this.diagnosticListeners.add(listener);
    return () => {
      this.diagnosticListeners.delete(listener);
    };
  }

  get isEnabled(): boolean {
    return this.enabled;
  }

  async enable(): Promise<void> {
    this.enabled = true;
    await this.command(this.protocol.commands?.enable, 'enable');
  }

  async disable(): Promise<void> {
    this.enabled = false;
    await this.command(this.protocol.commands?.disable, 'disable');
  }

  async beep(kind: 'good' | 'error'): Promise<void> {
    await this.command(kind === 'good' ? this.protocol.commands?.beepGood : this.protocol.commands?.beepError, `beep ${kind}`);
  }

  async close(): Promise<void> {
    this.disarm();
    await this.supervisor.stop();
  }

  private async command(bytes: Uint8Array | undefined, what: string): Promise<void> {
    if (!bytes || !this.supervisor.isUp) return;
    const r = await this.supervisor.write(bytes);
    if (!r.ok) this.deps.logger.warn({ what, err: r.error.message }, 'scanner command not sent');
  }

  private handle(events: ScannerCodecEvent[]): void {
    for (const e of events) {
      if (e.type === 'discarded') {
        this.discards.push(e);
        if (this.discards.length > 100) this.discards.shift();
        this.deps.logger.debug({ reason: e.reason, count: e.count }, 'scanner input discarded');
        this.diagnostic(e);
        continue;
      }
      const parsed = Scan.safeParse({ data: e.data, symbology: e.symbology, source: this.protocol.source });
      if (!parsed.success) {
        const message = parsed.error.issues[0]?.message ?? 'invalid scan';
        this.deps.logger.warn({ issue: message }, 'scanner produced an invalid scan; dropped');
        this.diagnostic({ type: 'invalidScan', message });
        continue;
      }
      if (!this.enabled) {
        this.deps.logger.debug('scan while disabled; dropped');
        this.diagnostic({ type: 'droppedWhileDisabled', data: parsed.data.data });
        continue;
      }
      for (const l of [...this.scanListeners]) {
        try {
          l(parsed.data);
        } catch (err) {
          this.deps.logger.error({ err }, 'scan listener threw');
        }
      }
    }
    this.arm();
  }

  private diagnostic(d: ScannerDiagnostic): void {
    for (const l of [...this.diagnosticListeners]) {
      try {
        l(d);
      } catch (err) {
        this.deps.logger.error({ err }, 'diagnostic listener threw');
      }
    }
  }

  /** Keep one clock timer at the decoder's next deadline. */
  private arm(): void {
    this.disarm();
    const deadline = this.protocol.decoder.nextDeadline();
    if (deadline === undefined) return;
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = undefined;
      this.handle(this.protocol.decoder.tick(this.deps.clock.now()));
    }, Math.max(0, deadline - this.deps.clock.now()));
  }

  private disarm(): void {
    this.deps.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
