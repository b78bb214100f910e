/**
 * Scale drivers over real pty pairs (socat) with the real serialport binding: the simulator
 * sits on one end, the driver on the other. Killing socat is an unplug; restarting it is a
 * replug, and the driver must recover by itself.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceHealth, ScaleReading } from '../../contracts/devices.ts';
import { systemClock } from '../../core/clock.ts';
import { silentLogger } from '../../core/log.ts';
import { ScaleConfig, openScale, type ScaleConfigInput } from '../../drivers/scale/index.ts';
import type { ScaleSimulator } from '../../drivers/scale/sim/base.ts';
import { MagellanSimulator } from '../../drivers/scale/magellan/sim.ts';
import { Mt8217Simulator } from '../../drivers/scale/mt8217/sim.ts';
import { SicsSimulator } from '../../drivers/scale/sics/sim.ts';
import { SerialTransportConfig, createTransport, type Transport } from '../../drivers/transport/index.ts';
import { SocatPair, socatAvailable } from '../../drivers/transport/sim/socat.ts';
import { waitForEvent } from '../helpers/wait.ts';
import type { ScalePort } from '../../contracts/ports.ts';

const hasSocat = socatAvailable();
if (!hasSocat) console.warn('scale-serial: socat not found, skipping the pty integration tests');

type Case = {
  name: string;
  line: { dataBits: 7 | 8; parity: 'even' | 'odd' | 'none' };
  config: (path: string) => ScaleConfigInput;
  sim: (transport: Transport) => ScaleSimulator;
};

const opts = { clock: systemClock, logger: silentLogger };
// timeoutMs × missedRepliesBeforeOffline (3 s) stays well above the serial transport's 1 s presence
// check, so a killed socat reads as linkLost (unplug), not as a silent device (noReply).
const fast = { pollMs: 100, timeoutMs: 1500, missedRepliesBeforeOffline: 2, backoff: { initialMs: 100, maxMs: 400 } };

const CASES: Case[] = [
  {
    name: 'Mettler-Toledo 8217 at 9600 7E1 (lb)',
    line: { dataBits: 7, parity: 'even' },
    config: (path) => ({ protocol: 'mt8217', unit: 'lb', transport: { kind: 'serial', path }, ...fast }),
    sim: (transport) => new Mt8217Simulator({ transport, ...opts, unit: 'lb' }),
  },
  {
    name: 'MT-SICS at 9600 8N1 (SIR stream)',
    line: { dataBits: 8, parity: 'none' },
    config: (path) => ({ protocol: 'sics', mode: 'stream', transport: { kind: 'serial', path }, ...fast }),
    sim: (transport) => new SicsSimulator({ transport, ...opts, streamMs: 100 }),
  },
  {
    name: 'Magellan scanner-scale at 9600 7O1',
    line: { dataBits: 7, parity: 'odd' },
    config: (path) => ({ protocol: 'magellan', transport: { kind: 'serial', path }, ...fast }),
    sim: (transport) => new MagellanSimulator({ transport, ...opts }),
  },
];

function reading(scale: ScalePort, state: ScaleReading['state'], grams: number): Promise<ScaleReading> {
  const c = scale.current();
  if (c && c.state === state && c.grams === grams) return Promise.resolve(c);
  return waitForEvent<ScaleReading>((l) => scale.onReading(l), (r) => r.state === state && r.grams === grams);
}

function health(scale: ScalePort, accept: (h: DeviceHealth) => boolean): Promise<DeviceHealth> {
  if (accept(scale.health())) return Promise.resolve(scale.health());
  return waitForEvent<DeviceHealth>((l) => scale.onHealth(l), accept);
}

describe.skipIf(!hasSocat)('scale drivers over socat pty pairs (real serialport)', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  it.each(CASES)('$name: weights arrive; unplug → offline (linkLost); replug → recovers by itself', async (c) => {
    const pair = new SocatPair();
    cleanup.push(() => pair.dispose());
    await pair.start();

    const device = createTransport(SerialTransportConfig.parse({ kind: 'serial', path: pair.b, ...c.line }), opts);
    const sim = c.sim(device).start();
    cleanup.push(() => sim.close());
    const config = ScaleConfig.parse(c.config(pair.a));
    expect(config.transport).toMatchObject(c.line);
    const scale = openScale(config, opts);
    cleanup.push(() => scale.close());

    sim.setGrams(454);
    await health(scale, (h) => h.status === 'ok');
    await reading(scale, 'stable', 454);

    const lost = health(scale, (h) => h.status === 'offline');
    const simLost = sim.disconnected();
    await pair.kill();
    expect(await lost).toMatchObject({ status: 'offline', reason: 'linkLost' });
    // Replug only once both ends noticed: the serial transport detects a vanished pty by its
    // path, so a replug faster than its 1 s presence check would go unnoticed on that end.
    await simLost;

    await pair.start();
    await health(scale, (h) => h.status === 'ok');
    sim.setGrams(907);
    await reading(scale, 'stable', 907);
  });
});
