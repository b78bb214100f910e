/**
 * Mettler-Toledo 8217 driver: echo probe on every connect (`Ehello` → STX E CR `hello`, then
 * `F`), then `W` every `pollMs` with one request in flight. Every change of reading is
 * reported; status-only replies keep the last grams for `motion`.
 */
import type { Result } from '../../../contracts/errors.ts';
import type { Mt8217Config } from '../config.ts';
import { ScaleDriver, type ScaleDeps } from '../driver.ts';
import type { Transport } from '../../transport/index.ts';
import { Mt8217HostDecoder, mt8217Encode, mt8217Reading, type Mt8217Reply } from './codec.ts';

export class Mt8217Driver extends ScaleDriver<Mt8217Reply> {
  constructor(config: Mt8217Config, transport: Transport, deps: ScaleDeps) {
    super(config, transport, deps, () => ({
      decoder: new Mt8217HostDecoder(config.unit),
      onEvent: (e) => this.onEvent(e),
      probe: () => this.probe(),
      onUp: (g) => void this.pollLoop(g, () => this.poll(), 'W'),
    }));
  }

  /** `Z` zero, `T` tare, `C` clear tare. The 8217 does not answer them; ok = written. */
  async command(which: 'zero' | 'tare' | 'clearTare'): Promise<Result<void>> {
    const bytes = which === 'zero' ? mt8217Encode.zero() : which === 'tare' ? mt8217Encode.tare() : mt8217Encode.clearTare();
    const r = await this.link.queue.send(bytes, { timeoutMs: this.config.timeoutMs, label: `8217 ${which}` });
    return r.ok ? r : { ok: false, error: r.error };
  }

  private onEvent(e: Mt8217Reply): void {
    if (e.kind === 'invalid') {
      this.logger.debug({ reason: e.reason, text: e.text }, '8217: unreadable frame');
      return;
    }
    const reading = mt8217Reading(e, this.reporter.lastGrams());
    if (reading) this.reporter.report(reading);
  }

  private async probe(): Promise<{ ok: true } | { ok: false; reason: string }> {
    const r = await this.link.queue.request({
      bytes: mt8217Encode.echoProbe('hello'),
      timeoutMs: this.config.timeoutMs,
      accept: (e) => (e.kind === 'echo' ? { done: true } : undefined),
      label: '8217 echo probe',
    });
    if (!r.ok) return { ok: false, reason: r.error.message };
    // Leave echo mode; the scale echoes the `F`, which the decoder skips (outside a frame).
    const off = await this.link.queue.send(mt8217Encode.echoOff(), { timeoutMs: this.config.timeoutMs, label: '8217 echo off' });
    return off.ok ? { ok: true } : { ok: false, reason: off.error.message };
  }

  private async poll(): Promise<{ ok: true } | { ok: false; reason: string }> {
    const r = await this.link.queue.request({
      bytes: mt8217Encode.weight(),
      timeoutMs: this.config.timeoutMs,
      accept: (e) => (e.kind === 'weight' || e.kind === 'status' ? { done: true } : undefined),
      label: '8217 W',
    });
    return r.ok ? { ok: true } : { ok: false, reason: r.error.reason };
  }
}
