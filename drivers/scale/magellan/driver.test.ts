import { describe, expect, it } from 'vitest';
import type { ScaleReading, Scan } from '../../../contracts/devices.ts';
import { ManualClock } from '../../../core/clock.ts';
import { silentLogger } from '../../../core/log.ts';
import { MemoryHub } from '../../transport/index.ts';
import { MagellanConfig, ScaleConfig, openMagellan, openScale } from '../index.ts';
import { runFor, runUntil } from '../testing.ts';
import { MagellanSimulator } from './sim.ts';

function setup(unit: 'kg' | 'lb' = 'kg', extra: Record<string, unknown> = {}) {
  const clock = new ManualClock();
  const hub = new MemoryHub();
  const link = hub.link('m');
  const sim = new MagellanSimulator({ transport: link.device, clock, logger: silentLogger, link, unit, resetMs: 5000 }).start();
  const ports = openMagellan(MagellanConfig.parse({ protocol: 'magellan', unit, transport: { kind: 'memory', name: 'm' }, ...extra }), { clock, logger: silentLogger, hub });
  const scans: Scan[] = [];
  const readings: ScaleReading[] = [];
  ports.scanner.onScan((s) => scans.push(s));
  ports.scale.onReading((r) => readings.push(r));
  const online = () => ports.scale.health().status === 'ok';
  return { clock, hub, link, sim, ports, scans, readings, online };
}

describe('Magellan driver (scanner and scale on one cable)', () => {
  it('delivers scans with AIM symbology between scale polls', async () => {
    const t = setup();
    await runUntil(t.clock, t.online);
    t.sim.scan('F', '4006381333931').scan('A', '012345678905').scan('B3', 'ABC123').scan('F', '96385074');
    await runUntil(t.clock, () => t.scans.length === 4);
    expect(t.scans).toEqual([
      { data: '4006381333931', symbology: ']E0', source: 'magellan' },
      { data: '012345678905', symbology: ']E0', source: 'magellan' },
      { data: 'ABC123', symbology: ']C0', source: 'magellan' },
      { data: '96385074', symbology: ']E4', source: 'magellan' },
    ]);
    expect(t.ports.scanner.health().status).toBe('ok');
    await t.ports.close();
  });

  it('drops scans while disabled (the protocol has no disable command) and takes them again after enable', async () => {
    const t = setup();
    await runUntil(t.clock, t.online);
    await t.ports.scanner.disable();
    t.sim.scan('F', '4006381333931');
    await runFor(t.clock, 100);
    expect(t.scans).toEqual([]);
    await t.ports.scanner.enable();
    t.sim.scan('F', '4006381333931');
    await runUntil(t.clock, () => t.scans.length === 1);
    await t.ports.close();
  });

  it('beeps once for good and twice for error with S334', async () => {
    const t = setup();
    await runUntil(t.clock, t.online);
    await t.ports.scanner.beep('good');
    await t.ports.scanner.beep('error');
    await runUntil(t.clock, () => t.sim.beeps === 3);
    await t.ports.close();
  });

  it('reads lb weights (4 digits) as grams', async () => {
    const t = setup('lb');
    t.sim.setGrams(454);
    await runUntil(t.clock, () => t.ports.scale.current()?.grams === 454);
    expect(t.ports.scale.current()).toEqual({ state: 'stable', grams: 454 });
    await t.ports.close();
  });

  it('reports the zero error status (S140) and stable zero (S143) as stable 0', async () => {
    const t = setup();
    t.sim.place(10);
    await runUntil(t.clock, () => t.ports.scale.current()?.grams === 10);
    t.sim.zeroError();
    await runUntil(t.clock, () => t.ports.scale.current()?.state === 'zeroError');
    t.sim.clearFault().setGrams(0);
    await runUntil(t.clock, () => t.ports.scale.current()?.state === 'stable');
    expect(t.ports.scale.current()).toEqual({ state: 'stable', grams: 0 });
    await t.ports.close();
  });

  it('keeps exactly one S14 outstanding', async () => {
    const t = setup('kg', { pollMs: 100, timeoutMs: 1000 });
    let outstanding = 0;
    let maxOutstanding = 0;
    t.link.device.onData((c) => {
      outstanding += new TextDecoder().decode(c).split('S14\r').length - 1;
      maxOutstanding = Math.max(maxOutstanding, outstanding);
    });
    t.link.host.onData((c) => {
      outstanding -= (new TextDecoder().decode(c).match(/S14\d/g) ?? []).length;
    });
    t.sim.setReplyDelay(50);
    await runUntil(t.clock, t.online);
    await runFor(t.clock, 2000);
    expect(maxOutstanding).toBe(1);
    await t.ports.close();
  });

  it('closes the link only when both ports are closed', async () => {
    const t = setup();
    await runUntil(t.clock, t.online);
    await t.ports.scale.close();
    expect(t.ports.scanner.health().status).toBe('ok');
    t.sim.scan('E', '01234565');
    await runUntil(t.clock, () => t.scans.length === 1);
    await t.ports.scanner.close();
    expect(t.ports.scanner.health()).toMatchObject({ status: 'offline', reason: 'closed' });
  });

  it('openScale with protocol magellan gives a scale whose close() closes the link', async () => {
    const clock = new ManualClock();
    const hub = new MemoryHub();
    const link = hub.link('m');
    const sim = new MagellanSimulator({ transport: link.device, clock, logger: silentLogger, link }).start();
    const scale = openScale(ScaleConfig.parse({ protocol: 'magellan', transport: { kind: 'memory', name: 'm' } }), { clock, logger: silentLogger, hub });
    await runUntil(clock, () => scale.health().status === 'ok');
    await scale.close();
    expect(link.host.isOpen).toBe(false);
    await sim.close();
  });
});
