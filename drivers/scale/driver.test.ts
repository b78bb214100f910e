/**
 * Behaviour every scale driver shares, run against each protocol's simulator over the
 * in-memory transport with a ManualClock.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScaleReading, type DeviceHealth, type ScaleState } from '../../contracts/devices.ts';
import { ManualClock } from '../../core/clock.ts';
import { silentLogger } from '../../core/log.ts';
import { MemoryHub } from '../transport/index.ts';
import { ScaleConfig, openScale, type ScaleConfigInput } from './index.ts';
import { MagellanSimulator } from './magellan/sim.ts';
import { Mt8217Simulator } from './mt8217/sim.ts';
import type { ScaleSimulator } from './sim/base.ts';
import { SicsSimulator } from './sics/sim.ts';
import { runFor, runUntil } from './testing.ts';

type Variant = 'mt8217' | 'sics poll' | 'sics stream' | 'magellan';
const VARIANTS: Variant[] = ['mt8217', 'sics poll', 'sics stream', 'magellan'];

function setup(variant: Variant, extra: Partial<ScaleConfigInput> = {}) {
  const clock = new ManualClock();
  const hub = new MemoryHub();
  const link = hub.link('scale');
  const simOpts = { transport: link.device, clock, logger: silentLogger, link };
  const sim: ScaleSimulator =
    variant === 'mt8217' ? new Mt8217Simulator({ ...simOpts, unit: 'kg' }) : variant === 'magellan' ? new MagellanSimulator({ ...simOpts, unit: 'kg' }) : new SicsSimulator(simOpts);
  sim.start();
  const transport = { kind: 'memory', name: 'scale' } as const;
  const base =
    variant === 'mt8217'
      ? { protocol: 'mt8217' as const, unit: 'kg' as const }
      : variant === 'magellan'
        ? { protocol: 'magellan' as const, unit: 'kg' as const }
        : { protocol: 'sics' as const, mode: variant === 'sics stream' ? ('stream' as const) : ('poll' as const) };
  const config = ScaleConfig.parse({ ...base, transport, ...extra });
  const scale = openScale(config, { clock, logger: silentLogger, hub });
  const readings: ScaleReading[] = [];
  const healths: DeviceHealth[] = [];
  scale.onReading((r) => readings.push(r));
  scale.onHealth((h) => healths.push(h));
  const is = (state: ScaleState, grams?: number) => () => {
    const c = scale.current();
    return c !== null && c.state === state && (grams === undefined || c.grams === grams);
  };
  const online = () => scale.health().status === 'ok';
  return { clock, sim, scale, readings, healths, is, online };
}

describe.each(VARIANTS)('%s driver over the memory transport', (variant) => {
  it('probes, comes online and reports the weight placed as stable', async () => {
    const t = setup(variant);
    expect(t.scale.health()).toMatchObject({ status: 'offline', reason: 'connecting' });
    t.sim.place(532);
    await runUntil(t.clock, () => t.online() && t.is('stable', 532)(), { what: 'stable 532' });
    expect(t.healths.at(-1)).toMatchObject({ status: 'ok' });
    await t.scale.close();
  });

  it('reports motion while the platter swings, then the settled weight', async () => {
    const t = setup(variant);
    await runUntil(t.clock, t.is('stable', 0));
    t.sim.place(250, 1500);
    await runUntil(t.clock, t.is('stable', 250), { what: 'settled at 250' });
    const states = t.readings.map((r) => r.state);
    expect(states.lastIndexOf('motion')).toBeGreaterThan(states.indexOf('stable'));
    expect(t.readings.at(-1)).toEqual({ state: 'stable', grams: 250 });
    await t.scale.close();
  });

  it('surfaces overload and under zero as their own states, and recovers', async () => {
    const t = setup(variant);
    await runUntil(t.clock, t.is('stable', 0));
    t.sim.place(20_000);
    await runUntil(t.clock, t.is('overload'), { what: 'overload' });
    t.sim.setGrams(-50);
    await runUntil(t.clock, t.is('underZero'), { what: 'under zero' });
    t.sim.setGrams(100);
    await runUntil(t.clock, t.is('stable', 100), { what: 'back to stable' });
    await t.scale.close();
  });

  it('reports a change once, not on every poll', async () => {
    const t = setup(variant);
    t.sim.place(700);
    await runUntil(t.clock, t.is('stable', 700));
    const count = t.readings.length;
    await runFor(t.clock, 5000);
    expect(t.readings).toHaveLength(count);
    await t.scale.close();
  });

  it('goes offline (noReply) when the scale stops answering and recovers by itself', async () => {
    const t = setup(variant);
    await runUntil(t.clock, t.online);
    t.sim.noReply(true);
    await runUntil(t.clock, () => t.scale.health().status === 'offline', { what: 'offline' });
    expect(t.scale.health().reason).toBe('noReply');
    t.sim.noReply(false);
    t.sim.place(42);
    await runUntil(t.clock, () => t.online() && t.is('stable', 42)(), { what: 'recovered' });
    await t.scale.close();
  });

  it('goes offline (linkLost) when the cable is pulled and recovers after replug', async () => {
    const t = setup(variant);
    await runUntil(t.clock, t.online);
    expect(t.sim.dropLink(3000)).toBe(true);
    await runUntil(t.clock, () => t.scale.health().status === 'offline');
    expect(t.scale.health().reason).toBe('linkLost');
    t.sim.place(1234);
    await runUntil(t.clock, () => t.online() && t.is('stable', 1234)(), { what: 'recovered after replug' });
    await t.scale.close();
  });

  it('reads replies split into single bytes with garbage between them', async () => {
    const t = setup(variant);
    t.sim.splitReplies(1);
    await runUntil(t.clock, t.online);
    t.sim.garbage('\x7f\x00junk\r\n\r');
    t.sim.place(900);
    await runUntil(t.clock, t.is('stable', 900), { what: 'stable 900 through split replies' });
    await t.scale.close();
  });

  it('with the stability filter, holds a stable weight back until n readings agree', async () => {
    const t = setup(variant, { stability: { stableReadings: 4 }, divisionGrams: 5 });
    await runUntil(t.clock, t.is('stable', 0));
    t.readings.length = 0;
    t.sim.place(300);
    await runUntil(t.clock, t.is('stable', 300));
    // The first device-stable 300 g was reported as motion first.
    expect(t.readings[0]).toEqual({ state: 'motion', grams: 300 });
    await t.scale.close();
  });

  it('line noise between replies never yields an invalid reading, and the weight still arrives (fuzz)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uint8Array({ minLength: 1, maxLength: 40 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 14_000 }), async (noise, grams) => {
        const t = setup(variant);
        await runUntil(t.clock, t.online);
        for (const n of noise) {
          t.sim.garbage(n);
          await runFor(t.clock, 30);
        }
        t.sim.setGrams(grams);
        await runUntil(t.clock, () => t.online() && t.is('stable', grams)(), { what: `stable ${grams} after noise` });
        for (const r of t.readings) expect(ScaleReading.safeParse(r).success).toBe(true);
        await t.scale.close();
        await t.sim.close();
      }),
      { numRuns: 25 },
    );
  });

  it('close() goes offline (closed), stops polling and ends all timers', async () => {
    const t = setup(variant);
    await runUntil(t.clock, t.online);
    await t.scale.close();
    expect(t.scale.health()).toMatchObject({ status: 'offline', reason: 'closed' });
    const sent = t.sim.received.length;
    await runFor(t.clock, 5000);
    expect(t.sim.received).toHaveLength(sent);
    await t.sim.close();
    expect(t.clock.pendingTimers()).toBe(0);
  });
});
