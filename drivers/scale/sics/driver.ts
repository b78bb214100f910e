/**
 * MT-SICS driver: `@` on every connect (the probe: it also stops a stream left running,
 * answered by `I4 A "…"`), then either `SI` every `pollMs` (mode `poll`) or one `SIR` and a
 * watchdog (mode `stream`): silence longer than `timeoutMs` counts as a missed reply and
 * re-sends `SIR`; `missedRepliesBeforeOffline` silences in a row drop and re-probe the link.
 */
import { fail, ok, type Result } from '../../../contracts/errors.ts';
import type { SicsConfig } from '../config.ts';
import { ScaleDriver, type ScaleDeps } from '../driver.ts';
import type { TimerHandle } from '../../../core/clock.ts';
import type { Transport } from '../../transport/index.ts';
import { SicsHostDecoder, sicsEncode, sicsReading, type SicsReply } from './codec.ts';

export class SicsDriver extends ScaleDriver<SicsReply> {
  private watchdog: TimerHandle | undefined;
  private streamGeneration = -1;

  constructor(
    private readonly sics: SicsConfig,
    transport: Transport,
    deps: ScaleDeps,
  ) {
    super(sics, transport, deps, () => ({
      decoder: new SicsHostDecoder(),
      onEvent: (e) => this.onEvent(e),
      probe: () => this.probe(),
      onUp: (g) => {
        if (this.sics.mode === 'stream') void this.startStream(g);
        else void this.pollLoop(g, () => this.poll(), 'SI');
      },
    }));
  }

  /**
   * `Z`: zero the balance. `Z A` → ok; `Z I` (busy, e.g. unstable) → `notAllowed`;
   * `Z +`/`Z -` (outside the zero range) → `device`. In stream mode the `SIR` stream, which
   * any command ends, is requested again afterwards.
   */
  async zero(): Promise<Result<void>> {
    const generation = this.link.generation;
    const r = await this.link.queue.request<SicsReply>({
      bytes: sicsEncode.zero(),
      timeoutMs: this.config.timeoutMs,
      accept: (e) => ((e.kind === 'reply' && e.command === 'Z') || e.kind === 'error' ? { done: e } : undefined),
      label: 'SICS Z',
    });
    if (this.sics.mode === 'stream' && this.link.isCurrent(generation)) void this.startStream(generation);
    if (!r.ok) return { ok: false, error: r.error };
    const reply = r.value;
    if (reply.kind === 'reply' && reply.status === 'A') return ok(undefined);
    if (reply.kind === 'reply' && reply.status === 'I') return fail('notAllowed', 'the balance cannot zero now (Z I)');
    if (reply.kind === 'reply') return fail('device', `zero refused: outside the zero range (Z ${reply.status})`);
    return fail('device', `zero refused (${reply.kind === 'error' ? reply.code : 'unexpected reply'})`);
  }

  private onEvent(e: SicsReply): void {
    if (e.kind === 'invalid') {
      this.logger.debug({ reason: e.reason, text: e.text }, 'SICS: unreadable line');
      return;
    }
    if (e.kind === 'error') this.logger.warn({ code: e.code }, 'SICS: balance reported an error');
    if (e.kind === 'weight' || e.kind === 'weightStatus') {
      if (this.link.isCurrent(this.streamGeneration)) {
        this.link.replied();
        this.armWatchdog(this.streamGeneration);
      }
    }
    const reading = sicsReading(e);
    if (reading) this.reporter.report(reading);
  }

  private async probe(): Promise<{ ok: true } | { ok: false; reason: string }> {
    const r = await this.link.queue.request({
      bytes: sicsEncode.reset(),
      timeoutMs: this.config.timeoutMs,
      accept: (e) => (e.kind === 'reply' && e.command === 'I4') || e.kind === 'error' ? { done: true } : undefined,
      label: 'SICS @',
    });
    return r.ok ? { ok: true } : { ok: false, reason: r.error.message };
  }

  private async poll(): Promise<{ ok: true } | { ok: false; reason: string }> {
    const r = await this.link.queue.request({
      bytes: sicsEncode.immediate(),
      timeoutMs: this.config.timeoutMs,
      accept: (e) => (e.kind === 'weight' || e.kind === 'weightStatus' || e.kind === 'error' ? { done: true } : undefined),
      label: 'SICS SI',
    });
    return r.ok ? { ok: true } : { ok: false, reason: r.error.reason };
  }

  private async startStream(generation: number): Promise<void> {
    this.streamGeneration = generation;
    this.armWatchdog(generation);
    const r = await this.link.queue.send(sicsEncode.stream(), { timeoutMs: this.config.timeoutMs, label: 'SICS SIR' });
    if (!r.ok) this.logger.debug({ err: r.error.message }, 'SICS: SIR not sent');
  }

  private armWatchdog(generation: number): void {
    this.link.cancelTimer(this.watchdog);
    this.watchdog = this.link.timer(() => {
      this.watchdog = undefined;
      if (!this.link.isCurrent(generation)) return;
      this.link.missedReply('SIR stream');
      // Still up (not yet dropped): ask for the stream again.
      if (this.link.isCurrent(generation)) void this.startStream(generation);
    }, this.config.timeoutMs);
  }
}
