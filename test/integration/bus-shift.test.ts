import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleClient } from '../../store-bus/consoleClient.ts';
import { connectLaneBus } from '../../lane/bus/laneBus.ts';
import { silentLogger } from '../../core/log.ts';
import { memoryLane, type TestLane } from '../helpers/memoryLane.ts';
import { BROKERS, STORE, consoleFor, hasMosquitto, laneOnBus, laneSecret, startBroker, until, type BrokerUnderTest, type BusLane } from './bus-helpers.ts';

/**
 * Store bus, what a console needs beyond totals: the lane's staff roster (roles), its basket
 * lines, and its own shift figures from the journal (retained `shift`, survives a console
 * that was not watching and a lane restart). Against Aedes and a real Mosquitto.
 */
if (!hasMosquitto) console.warn('bus-shift: mosquitto not installed; Mosquitto cases skipped');

const WATER = '4006381333931'; // 1560 g, 0.79
const CHOC = '5901234123457'; // 105 g, 1.49
const BEER = '4008387012346'; // age 16, 780 g

async function buy(lane: TestLane, items: Array<[string, number]>, approveAfterMs?: number): Promise<void> {
  let grams = 0;
  for (const [code, g] of items) {
    expect(lane.sim.scanner.scan(code)).toBe(true);
    if (approveAfterMs !== undefined) {
      for (const iv of lane.service.view().interventions) {
        lane.clock.advance(approveAfterMs);
        const r = lane.service.command({ id: `cmd-bs-${iv.id}-xx`, by: 'sam', type: 'intervention.approve', interventionId: iv.id }, { attendant: { id: 'sam', name: 'Sam', role: 'supervisor' } });
        expect(r.ok).toBe(true);
      }
    }
    lane.sim.baggingScale.change(g);
    grams += g;
  }
  lane.clock.advance(30_000);
  expect(lane.service.intent({ type: 'pay.start' }).ok).toBe(true);
  expect(lane.service.intent({ type: 'pay.card' }).ok).toBe(true);
  lane.sim.terminal.setBehaviour('approve');
  await lane.settle();
  expect(lane.service.intent({ type: 'session.finish' }).ok).toBe(true);
  lane.sim.baggingScale.change(-grams);
}

describe.each(BROKERS)('lane roster, lines and shift over %s', (kind) => {
  const skip = kind === 'mosquitto' && !hasMosquitto;
  let broker: BrokerUnderTest;
  const open: { close(): Promise<void> }[] = [];
  const track = <T extends { close(): Promise<void> }>(x: T): T => (open.push(x), x);
  const lane = async (id: string): Promise<BusLane> => {
    const l = await laneOnBus(broker, id, { config: { timeouts: { stillThereMs: 3_600_000, idleMs: 3_600_000 } } });
    track(l.bus);
    return l;
  };
  const console_ = async (attendantId: string): Promise<ConsoleClient> => track(await consoleFor(broker, { attendantId, consoleId: `desk-${attendantId}-${Math.random().toString(16).slice(2, 8)}` }));

  beforeAll(async () => {
    if (!skip) broker = await startBroker(kind);
  });
  afterEach(async () => {
    for (const x of open.splice(0).reverse()) await x.close();
  });
  afterAll(async () => {
    await broker?.close();
  });

  it.skipIf(skip)('the status carries the staff roster (no secrets), so a console knows who is a supervisor', async () => {
    await lane('l1');
    const c = await console_('alex');
    const s = await until(c, (x) => (x.lanes.l1?.status?.staff?.length ?? 0) > 0);
    expect(s.lanes.l1?.status?.staff).toEqual([
      { id: 'alex', name: 'Alex', role: 'attendant' },
      { id: 'sam', name: 'Sam', role: 'supervisor' },
    ]);
    expect(JSON.stringify(s.lanes.l1?.status)).not.toMatch(/scrypt|pinHash|badge/i);
  });

  it.skipIf(skip)('the status carries the basket lines, and a console voids any line by its id', async () => {
    const { lane: l2 } = await lane('l2');
    const c = await console_('alex');
    l2.sim.scanner.scan(WATER);
    l2.sim.baggingScale.change(1560);
    l2.sim.scanner.scan(CHOC);
    l2.sim.baggingScale.change(105);
    const s = await until(c, (x) => x.lanes.l2?.status?.lines?.length === 2);
    expect(s.lanes.l2?.status).toMatchObject({ linesOmitted: 0, lines: [{ name: 'Still water 1.5 l', quantity: 1, unitPriceMinor: 79, totalMinor: 79 }, { name: 'Chocolate bar', quantity: 1, unitPriceMinor: 149, totalMinor: 149 }] });
    const water = s.lanes.l2!.status!.lines![0]!;
    const reply = await c.send('l2', { type: 'item.void', lineId: water.lineId }, { expiresAt: l2.clock.now() + 30_000 });
    expect(reply).toMatchObject({ ok: true });
    await until(c, (x) => x.lanes.l2?.status?.lines?.length === 1 && x.lanes.l2.status.lines[0]?.name === 'Chocolate bar');
  });

  it.skipIf(skip)('a console suspends a basket, sees it listed in the status, and recalls it at the same lane', async () => {
    const { lane: l4 } = await lane('l4');
    const c = await console_('alex');
    l4.sim.scanner.scan(WATER);
    l4.sim.baggingScale.change(1560);
    const txId = (await until(c, (x) => x.lanes.l4?.status?.itemCount === 1)).lanes.l4!.status!.transactionId!;
    expect(await c.send('l4', { type: 'transaction.suspend' }, { expiresAt: l4.clock.now() + 30_000 })).toMatchObject({ ok: true });
    const s = await until(c, (x) => x.lanes.l4?.status?.suspended?.length === 1 && x.lanes.l4.status.screen === 'attract');
    expect(s.lanes.l4?.status?.suspended).toEqual([{ transactionId: txId, itemCount: 1, totalMinor: 79, at: l4.clock.now(), by: 'alex' }]);
    expect(await c.send('l4', { type: 'transaction.resume', transactionId: 'tx-unknown' }, { expiresAt: l4.clock.now() + 30_000 })).toMatchObject({ ok: false, error: { code: 'notAllowed' } });
    expect(await c.send('l4', { type: 'transaction.resume', transactionId: txId }, { expiresAt: l4.clock.now() + 30_000 })).toMatchObject({ ok: true });
    const back = await until(c, (x) => x.lanes.l4?.status?.suspended?.length === 0 && x.lanes.l4.status.screen === 'scanning');
    expect(back.lanes.l4?.status).toMatchObject({ itemCount: 1, totalMinor: 79, lines: [{ name: 'Still water 1.5 l' }] });
    await until(c, (x) => x.lanes.l4?.shift?.suspended === 1);
  });

  it.skipIf(skip)('a lane publishes its shift from the journal, so a console that saw nothing gets the whole shift, also after the lane restarts', async () => {
    const l3 = memoryLane({ laneId: 'l3', timeouts: { stillThereMs: 3_600_000, idleMs: 3_600_000 } });
    const shiftStart = l3.clock.now() - 60_000;
    const connect = (l: TestLane) =>
      track(connectLaneBus(l.service, { url: broker.url, storeId: STORE, password: laneSecret('l3'), clock: l.clock, logger: silentLogger, reconnectMs: 200, shiftStart: () => shiftStart }));
    // Trade while no console watches and the lane is not even on the bus.
    await buy(l3, [[WATER, 1560], [CHOC, 105]]);
    await buy(l3, [[BEER, 780]], 12_000);
    const bus = connect(l3);
    await bus.whenReady();
    const c = await console_('alex');
    const s = await until(c, (x) => x.lanes.l3?.shift?.completed === 2);
    expect(s.lanes.l3?.shift).toMatchObject({ laneId: 'l3', from: shiftStart, completed: 2, cancelled: 0, items: 3, interventionsByKind: { ageCheck: 1 }, timeToResolve: { count: 1, medianMs: 12_000 }, resolveSamplesMs: { ageCheck: [12_000] }, samplesComplete: true });
    expect(c.shiftReport()).toMatchObject({ source: 'lanes', exact: true, island: { completed: 2, items: 3 } });
    expect(c.shiftSummary().island.transactions).toBe(0); // the console's own events saw none

    // A live purchase updates the retained figures.
    await buy(l3, [[CHOC, 105]]);
    await until(c, (x) => x.lanes.l3?.shift?.completed === 3);

    // kill -9 and restart: the figures come back from the journal.
    bus.simulateConnectionLoss();
    await bus.close();
    const again = l3.restart();
    const bus2 = connect(again);
    await bus2.whenReady();
    const late = await console_('sam');
    const s2 = await until(late, (x) => x.lanes.l3?.shift?.completed === 3 && x.lanes.l3.status?.online === true);
    expect(s2.lanes.l3?.shift).toMatchObject({ completed: 3, items: 4, timeToResolve: { count: 1 } });
  });
});
