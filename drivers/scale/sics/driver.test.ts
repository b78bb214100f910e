import { describe, expect, it } from 'vitest';
import type { ScaleReading } from '../../../contracts/devices.ts';
import { ManualClock } from '../../../core/clock.ts';
import { silentLogger } from '../../../core/log.ts';
import { MemoryHub } from '../../transport/index.ts';
import { ScaleConfig, openScale } from '../index.ts';
import { bytes, runFor, runUntil } from '../testing.ts';
import { SicsDriver } from './driver.ts';
import { SicsSimulator } from './sim.ts';

function setup(mode: 'poll' | 'stream', simUnit: 'g' | 'kg' = 'g') {
  const clock = new ManualClock();
  const hub = new MemoryHub();
  const link = hub.link('s');
  const sim = new SicsSimulator({ transport: link.device, clock, logger: silentLogger, link, unit: simUnit, streamMs: 100 }).start();
  const scale = openScale(ScaleConfig.parse({ protocol: 'sics', mode, transport: { kind: 'memory', name: 's' } }), { clock, logger: silentLogger, hub });
  const readings: ScaleReading[] = [];
  scale.onReading((r) => readings.push(r));
  return { clock, link, sim, scale, readings };
}

describe('SicsDriver', () => {
  it('probes with @ and then polls SI in poll mode', async () => {
    const t = setup('poll');
    await runUntil(t.clock, () => t.sim.received.filter((c) => c === 'SI').length >= 3);
    expect(t.sim.received.slice(0, 2)).toEqual(['@', 'SI']);
    expect(t.sim.received).not.toContain('SIR');
    await t.scale.close();
  });

  it('in stream mode sends SIR once and follows the stream, dynamic values included', async () => {
    const t = setup('stream', 'kg');
    await runUntil(t.clock, () => t.scale.current()?.state === 'stable');
    t.sim.place(1250, 1000);
    await runUntil(t.clock, () => t.scale.current()?.state === 'motion');
    expect(t.scale.current()).toEqual({ state: 'motion', grams: 1250 });
    await runUntil(t.clock, () => t.scale.current()?.state === 'stable');
    expect(t.scale.current()).toEqual({ state: 'stable', grams: 1250 });
    expect(t.sim.received).toEqual(['@', 'SIR']);
    expect(t.sim.streaming).toBe(true);
    await t.scale.close();
  });

  it('a silent stream is re-requested once, then the link is dropped and re-probed', async () => {
    const t = setup('stream');
    await runUntil(t.clock, () => t.scale.health().status === 'ok');
    t.sim.noReply(true);
    await runUntil(t.clock, () => t.scale.health().status === 'offline');
    expect(t.scale.health().reason).toBe('noReply');
    t.sim.noReply(false);
    await runUntil(t.clock, () => t.scale.health().status === 'ok');
    await runFor(t.clock, 500);
    expect(t.sim.received.slice(-2)).toEqual(['@', 'SIR']);
    await t.scale.close();
  });

  it('keeps the last reading when the balance says "not executable" (S I) or reports an error', async () => {
    const t = setup('stream');
    t.sim.place(80);
    await runUntil(t.clock, () => t.scale.current()?.grams === 80);
    const n = t.readings.length;
    t.sim.garbage(bytes('S I\r\nES\r\nEL\r\n'));
    await runFor(t.clock, 50);
    expect(t.readings).toHaveLength(n);
    expect(t.scale.current()).toEqual({ state: 'stable', grams: 80 });
    await t.scale.close();
  });
});

describe('SicsDriver.zero', () => {
  async function direct(mode: 'poll' | 'stream') {
    const clock = new ManualClock();
    const hub = new MemoryHub();
    const link = hub.link('s');
    const sim = new SicsSimulator({ transport: link.device, clock, logger: silentLogger, link }).start();
    const config = ScaleConfig.parse({ protocol: 'sics', mode, transport: { kind: 'memory', name: 's' } });
    if (config.protocol !== 'sics') throw new Error('unreachable');
    const driver = new SicsDriver(config, link.host, { clock, logger: silentLogger }).start();
    return { clock, sim, driver };
  }

  it.each(['poll', 'stream'] as const)('zeroes a stable balance (Z A) in %s mode, and the stream resumes', async (mode) => {
    const t = await direct(mode);
    t.sim.place(30);
    await runUntil(t.clock, () => t.driver.current()?.grams === 30);
    const result = t.driver.zero();
    await runUntil(t.clock, () => t.driver.current()?.grams === 0);
    expect(await result).toEqual({ ok: true, value: undefined });
    if (mode === 'stream') {
      await runUntil(t.clock, () => t.sim.streaming);
      t.sim.place(5);
      await runUntil(t.clock, () => t.driver.current()?.grams === 5);
    }
    await t.driver.close();
  });

  it('refuses while in motion (Z I → notAllowed)', async () => {
    const t = await direct('poll');
    await runUntil(t.clock, () => t.driver.health().status === 'ok');
    t.sim.place(100, 10_000);
    const result = t.driver.zero();
    await runUntil(t.clock, () => t.sim.received.includes('Z'));
    await runFor(t.clock, 20);
    expect(await result).toMatchObject({ ok: false, error: { code: 'notAllowed' } });
    await t.driver.close();
  });

  it('fails with a timeout when the balance does not answer', async () => {
    const t = await direct('poll');
    await runUntil(t.clock, () => t.driver.health().status === 'ok');
    t.sim.noReply(true);
    let settled: unknown;
    void t.driver.zero().then((r) => (settled = r));
    await runUntil(t.clock, () => settled !== undefined);
    expect(settled).toMatchObject({ ok: false, error: { code: 'timeout' } });
    await t.driver.close();
  });
});
