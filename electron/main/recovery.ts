/**
 * Runs: node (no Electron import). Brings a crashed or hung kiosk renderer back: a renderer
 * that is gone is reloaded, one unresponsive for longer than `unresponsiveMs` is crashed on
 * purpose and reloaded. Repeated crashes back off (0 s, 1 s, 2 s … 30 s) so a page that
 * crashes on load cannot spin the CPU; a renderer that stayed up for a minute starts afresh.
 */
import type { Clock, TimerHandle } from '../../core/clock.ts';
import type { Logger } from '../../core/log.ts';
import { backoffDelay } from '../../host/supervisor.ts';

export interface GoneDetails {
  reason: string;
  exitCode: number;
}

export interface WatchdogOptions {
  clock: Clock;
  log: Logger;
  /** Loads the page the window should show now (lane UI or "one moment"). */
  reload: () => void;
  /** Kills a hung renderer (`webContents.forcefullyCrashRenderer`). */
  crash: () => void;
  /** A renderer unresponsive this long is reloaded (default 10 s). */
  unresponsiveMs?: number;
  /** A renderer up this long resets the crash backoff (default 60 s). */
  stableResetMs?: number;
}

export class RendererWatchdog {
  private hangTimer: TimerHandle | undefined;
  private reloadTimer: TimerHandle | undefined;
  private crashes = 0;
  private lastReloadAt: number | undefined;
  private disposed = false;

  constructor(private readonly o: WatchdogOptions) {}

  /** `render-process-gone` */
  onGone(details: GoneDetails): void {
    this.clearHang();
    if (details.reason === 'clean-exit') {
      this.o.log.info(details, 'renderer exited cleanly');
      return;
    }
    this.o.log.error(details, 'renderer gone; reloading');
    this.scheduleReload();
  }

  /** `unresponsive` */
  onUnresponsive(): void {
    if (this.hangTimer || this.disposed) return;
    const ms = this.o.unresponsiveMs ?? 10_000;
    this.o.log.warn({ ms }, 'renderer unresponsive');
    this.hangTimer = this.o.clock.setTimeout(() => {
      this.hangTimer = undefined;
      this.o.log.error({ ms }, 'renderer unresponsive too long; crashing and reloading it');
      this.o.crash();
      this.scheduleReload();
    }, ms);
  }

  /** `responsive` */
  onResponsive(): void {
    if (this.hangTimer) this.o.log.info('renderer responsive again');
    this.clearHang();
  }

  dispose(): void {
    this.disposed = true;
    this.clearHang();
    this.o.clock.clearTimeout(this.reloadTimer);
    this.reloadTimer = undefined;
  }

  private scheduleReload(): void {
    if (this.reloadTimer || this.disposed) return;
    const now = this.o.clock.now();
    if (this.lastReloadAt !== undefined && now - this.lastReloadAt >= (this.o.stableResetMs ?? 60_000)) this.crashes = 0;
    const delayMs = this.crashes === 0 ? 0 : backoffDelay(this.crashes, 1_000, 30_000);
    this.crashes++;
    this.reloadTimer = this.o.clock.setTimeout(() => {
      this.reloadTimer = undefined;
      this.lastReloadAt = this.o.clock.now();
      this.o.log.warn({ crashes: this.crashes, delayMs }, 'reloading renderer');
      this.o.reload();
    }, delayMs);
  }

  private clearHang(): void {
    this.o.clock.clearTimeout(this.hangTimer);
    this.hangTimer = undefined;
  }
}
