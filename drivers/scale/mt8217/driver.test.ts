import { describe, expect, it } from 'vitest';
import type { ScaleReading } from '../../../contracts/devices.ts';
import { ManualClock } from '../../../core/clock.ts';
import { silentLogger } from '../../../core/log.ts';
import { MemoryHub } from '../../transport/index.ts';
import { collectUntil } from '../../../test/helpers/wait.ts';
import { ScaleConfig, openScale } from '../index.ts';
import { runFor, runUntil } from '../testing.ts';
import { Mt8217Driver } from './driver.ts';
import { Mt8217Simulator } from './sim.ts';

function setup(unit: 'lb' | 'kg', extra: Record<string, unknown> = {}) {
  const clock = new ManualClock();
  const hub = new MemoryHub();
  const link = hub.link('s');
  const sim = new Mt8217Simulator({ transport: link.device, clock, logger: silentLogger, link, unit }).start();
  const scale = openScale(ScaleConfig.parse({ protocol: 'mt8217', unit, transport: { kind: 'memory', name: 's' }, ...extra }), { clock, logger: silentLogger, hub });
  const readings: ScaleReading[] = [];
  scale.onReading((r) => readings.push(r));
  return { clock, hub, link, sim, scale, readings };
}

describe('Mt8217Driver', () => {
  it('probes with the echo sequence (E hello F) before the first W', async () => {
    const t = setup('kg');
    const wire = collectUntil((l) => t.link.device.onData(l), (all) => all.includes(0x57 /* W */));
    await runUntil(t.clock, () => t.scale.health().status === 'ok');
    expect(new TextDecoder().decode(await wire)).toBe('EhelloFW');
    await t.scale.close();
  });

  it('stays offline (handshakeFailed) when the device does not answer the echo probe', async () => {
    const t = setup('kg');
    t.sim.noReply(true);
    await runUntil(t.clock, () => t.scale.health().reason === 'handshakeFailed');
    expect(t.scale.health().status).toBe('offline');
    expect(t.readings).toEqual([]);
    await t.scale.close();
  });

  it('converts lb readings to grams exactly (1.00 lb → 454 g, 2.50 lb → 1134 g)', async () => {
    const t = setup('lb');
    t.sim.setGrams(454);
    await runUntil(t.clock, () => t.scale.current()?.grams === 454);
    t.sim.setGrams(1134);
    await runUntil(t.clock, () => t.scale.current()?.grams === 1134);
    expect(t.readings.filter((r) => r.state === 'stable').map((r) => r.grams)).toEqual([454, 1134]);
    await t.scale.close();
  });

  it('reports zero error from the "outside zero capture" status bit, and motion keeps the last grams', async () => {
    const t = setup('kg');
    t.sim.place(500);
    await runUntil(t.clock, () => t.scale.current()?.grams === 500);
    t.sim.motion(2000);
    await runUntil(t.clock, () => t.scale.current()?.state === 'motion');
    expect(t.scale.current()).toEqual({ state: 'motion', grams: 500 });
    t.sim.settle().zeroError();
    await runUntil(t.clock, () => t.scale.current()?.state === 'zeroError');
    t.sim.clearFault();
    await runUntil(t.clock, () => t.scale.current()?.state === 'stable');
    await t.scale.close();
  });

  it('keeps one request in flight: a silent scale gets no second W until the first timed out', async () => {
    const t = setup('kg', { timeoutMs: 1000, pollMs: 200, missedRepliesBeforeOffline: 5 });
    let ws = 0;
    t.link.device.onData((chunk) => (ws += chunk.filter((b) => b === 0x57).length));
    await runUntil(t.clock, () => t.scale.health().status === 'ok');
    t.sim.noReply(true);
    const before = ws;
    // Within one poll interval plus one timeout, at most one new W can start.
    await runFor(t.clock, 1150);
    expect(ws - before).toBeLessThanOrEqual(1);
    // After that timeout, polling goes on (the link stays up below 5 misses).
    await runUntil(t.clock, () => ws - before >= 2);
    expect(t.scale.health().status).toBe('ok');
    await t.scale.close();
  });
});

describe('Mt8217Driver.command', () => {
  it('zero, tare and clear tare reach the scale and the readings follow', async () => {
    const clock = new ManualClock();
    const hub = new MemoryHub();
    const link = hub.link('s');
    const sim = new Mt8217Simulator({ transport: link.device, clock, logger: silentLogger, link, unit: 'kg' }).start();
    const config = ScaleConfig.parse({ protocol: 'mt8217', transport: { kind: 'memory', name: 's' } });
    if (config.protocol !== 'mt8217') throw new Error('unreachable');
    const driver = new Mt8217Driver(config, link.host, { clock, logger: silentLogger }).start();
    sim.place(30);
    await runUntil(clock, () => driver.current()?.grams === 30);
    expect(await driver.command('zero')).toEqual({ ok: true, value: undefined });
    await runUntil(clock, () => driver.current()?.grams === 0);
    sim.place(200);
    await runUntil(clock, () => driver.current()?.grams === 200);
    await driver.command('tare');
    await runUntil(clock, () => driver.current()?.grams === 0);
    await driver.command('clearTare');
    await runUntil(clock, () => driver.current()?.grams === 200);
    expect(sim.received.filter((c) => c !== 'W')).toEqual(['E', 'F', 'Z', 'T', 'C']);
    await driver.close();
  });
});
