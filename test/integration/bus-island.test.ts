import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LaneEvent } from '../../contracts/index.ts';
import type { ConsoleClient } from '../../store-bus/consoleClient.ts';
import { consoleFor, laneOnBus, startBroker, until, type BrokerUnderTest, type BusLane } from './bus-helpers.ts';

/**
 * 64 simulated lanes (memory lanes with their own lane-bus clients) on the embedded broker,
 * one console watching and commanding them all. Correctness only: every status arrives,
 * every intervention is queued once and resolved once, every reply comes back.
 */
const N = 64;
const ids = Array.from({ length: N }, (_, i) => `sim-${String(i + 1).padStart(2, '0')}`);

describe(`an island of ${N} lanes on the embedded broker`, () => {
  let broker: BrokerUnderTest;
  let lanes: BusLane[] = [];
  let sam: ConsoleClient;
  const events: LaneEvent[] = [];

  beforeAll(async () => {
    broker = await startBroker('aedes', ids);
    lanes = await Promise.all(ids.map((id) => laneOnBus(broker, id)));
    sam = await consoleFor(broker, { attendantId: 'sam', consoleId: 'island-desk' });
    sam.onEvent((e) => events.push(e));
  }, 60_000);
  afterAll(async () => {
    await sam?.close();
    await Promise.all(lanes.map((l) => l.bus.close()));
    await broker?.close();
  });

  it('one console receives the retained status of every lane', async () => {
    const s = await until(sam, (s) => ids.every((id) => s.lanes[id]?.status?.online === true));
    expect(Object.keys(s.lanes).sort()).toEqual(ids);
    expect(Object.values(s.lanes).every((l) => l.status?.screen === 'attract')).toBe(true);
  });

  it('queues one intervention per lane, resolves them all, and counts them in the shift summary', async () => {
    for (const { lane } of lanes) {
      lane.service.intent({ type: 'session.start' });
      lane.service.intent({ type: 'help.request' });
    }
    const s = await until(sam, (s) => s.queue.length === N);
    expect(new Set(s.queue.map((q) => q.laneId)).size).toBe(N);
    expect(s.queue.every((q) => q.intervention.kind === 'help' && q.laneOnline)).toBe(true);
    // Same kind, same age (every lane's clock starts at the same instant): by lane id.
    expect(s.queue.map((q) => q.laneId)).toEqual(ids);

    const replies = await Promise.all(s.queue.map((q) => sam.approve(q.laneId, q.intervention.id)));
    expect(replies.filter((r) => !r.ok)).toEqual([]);
    await until(sam, (s) => s.queue.length === 0);

    const cancels = await Promise.all(ids.map((id) => sam.send(id, { type: 'transaction.cancel' })));
    expect(cancels.filter((r) => !r.ok)).toEqual([]);
    await until(sam, (s) => ids.every((id) => s.lanes[id]?.status?.screen === 'attract'));
    await until(sam, () => events.filter((e) => e.type === 'transaction.ended').length === N);

    for (const { lane } of lanes) expect(lane.service.view().screen).toBe('attract');
    const summary = sam.shiftSummary();
    expect(summary.island).toMatchObject({ transactions: N, cancelled: N, completed: 0, interventions: N, interventionsByKind: { help: N }, interventionRate: { help: 1 } });
    expect(summary.island.timeToResolve.count).toBe(N);
    expect(Object.keys(summary.lanes)).toHaveLength(N);
    expect(summary.lanes['sim-01']).toMatchObject({ transactions: 1, interventions: 1 });
  });
});
