/**
 * Golden bytes: each simulator answers host commands with exactly the wire bytes of its
 * protocol (the host end is driven by hand here, no driver involved).
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../core/clock.ts';
import { silentLogger } from '../../../core/log.ts';
import { MemoryHub, type Transport } from '../../transport/index.ts';
import { collectUntil } from '../../../test/helpers/wait.ts';
import { MagellanSimulator } from '../magellan/sim.ts';
import { Mt8217Simulator } from '../mt8217/sim.ts';
import { SicsSimulator } from '../sics/sim.ts';
import type { ScaleSimulator } from './base.ts';
import { bytes, runFor, runUntil } from '../testing.ts';

async function harness(make: (o: { transport: Transport; clock: ManualClock; logger: typeof silentLogger }) => ScaleSimulator) {
  const clock = new ManualClock();
  const link = new MemoryHub().link('x');
  const sim = make({ transport: link.device, clock, logger: silentLogger }).start();
  await link.host.open();
  await runUntil(clock, () => sim.isConnected);
  const ask = async (command: string, until: (text: string) => boolean): Promise<string> => {
    const got = collectUntil((l) => link.host.onData(l), (all) => until(new TextDecoder().decode(all)));
    await link.host.write(bytes(command));
    await runFor(clock, 10);
    return new TextDecoder().decode(await got);
  };
  return { clock, sim, ask };
}

describe('Mt8217Simulator wire bytes', () => {
  it('answers W in kg (WW.WWW), in lb (0WW.WW), and with STX ? status when in motion', async () => {
    const kg = await harness((o) => new Mt8217Simulator({ ...o, unit: 'kg' }));
    kg.sim.place(532);
    expect(await kg.ask('W', (s) => s.endsWith('\r'))).toBe('\x0200.532\r');
    kg.sim.motion(1000);
    expect(await kg.ask('W', (s) => s.endsWith('\r'))).toBe('\x02?A\r');
    expect(await kg.ask('Ehello', (s) => s.endsWith('hello'))).toBe('\x02E\rhello');
    expect(await kg.ask('F', (s) => s === 'F')).toBe('F');
    const lb = await harness((o) => new Mt8217Simulator({ ...o, unit: 'lb' }));
    lb.sim.place(530);
    expect(await lb.ask('W', (s) => s.endsWith('\r'))).toBe('\x02001.17\r');
    lb.sim.overload();
    expect(await lb.ask('W', (s) => s.endsWith('\r'))).toBe('\x02?B\r');
  });

  it('splits replies when told to, byte by byte', async () => {
    const t = await harness((o) => new Mt8217Simulator({ ...o, unit: 'kg' }));
    t.sim.splitReplies(1).place(5);
    expect(await t.ask('W', (s) => s.endsWith('\r'))).toBe('\x0200.005\r');
  });
});

describe('SicsSimulator wire bytes', () => {
  it('answers SI, Z, @ and unknown commands', async () => {
    const t = await harness((o) => new SicsSimulator(o));
    t.sim.place(532);
    expect(await t.ask('SI\r\n', (s) => s.endsWith('\n'))).toBe('S S     532.00 g\r\n');
    t.sim.motion(500);
    expect(await t.ask('SI\r\n', (s) => s.endsWith('\n'))).toBe('S D     532.00 g\r\n');
    t.sim.settle().overload();
    expect(await t.ask('SI\r\n', (s) => s.endsWith('\n'))).toBe('S +\r\n');
    t.sim.clearFault();
    expect(await t.ask('Z\r\n', (s) => s.endsWith('\n'))).toBe('Z A\r\n');
    expect(await t.ask('@\r\n', (s) => s.endsWith('\n'))).toBe('I4 A "SIM0000001"\r\n');
    expect(await t.ask('XYZ\r\n', (s) => s.endsWith('\n'))).toBe('ES\r\n');
  });
});

describe('MagellanSimulator wire bytes', () => {
  it('answers S14 with each status and S11 with the next stable non-zero weight', async () => {
    const t = await harness((o) => new MagellanSimulator({ ...o, unit: 'kg' }));
    expect(await t.ask('S14\r', (s) => s.endsWith('\r'))).toBe('S143\r');
    t.sim.place(532);
    expect(await t.ask('S14\r', (s) => s.endsWith('\r'))).toBe('S14400532\r');
    t.sim.motion(1000);
    expect(await t.ask('S14\r', (s) => s.endsWith('\r'))).toBe('S141\r');
    t.sim.settle().zeroError();
    expect(await t.ask('S14\r', (s) => s.endsWith('\r'))).toBe('S140\r');
    t.sim.clearFault().setGrams(-5);
    expect(await t.ask('S14\r', (s) => s.endsWith('\r'))).toBe('S145\r');
    t.sim.setGrams(0);
    const weight = t.ask('S11\r', (s) => s.endsWith('\r'));
    t.sim.place(250);
    expect(await weight).toBe('S1100250\r');
  });
});
