import { describe, expect, it } from 'vitest';
import type { LaneShift } from '../../contracts/index.ts';
import { memoryLane, type TestLane } from '../../test/helpers/memoryLane.ts';
import { shiftFromLanes } from '../../store-bus/insights.ts';
import { localMidnight, shiftStartAt, ShiftTracker } from './shift.ts';

const WATER = '4006381333931'; // 1560 g
const CHOC = '5901234123457'; // 105 g
const BEER = '4008387012346'; // age 16, 780 g

let seq = 0;
const approveAll = (lane: TestLane) => {
  for (const iv of lane.service.view().interventions) {
    const r = lane.service.command({ id: `cmd-shift-${++seq}-xx`, by: 'alex', type: 'intervention.approve', interventionId: iv.id }, { attendant: { id: 'alex', name: 'Alex', role: 'attendant' } });
    expect(r.ok).toBe(true);
  }
};

async function buy(lane: TestLane, codes: Array<[string, number]>, opts: { minutes: number; ageCheckMs?: number }): Promise<void> {
  let grams = 0;
  for (const [code, g] of codes) {
    expect(lane.sim.scanner.scan(code)).toBe(true);
    if (opts.ageCheckMs !== undefined && lane.service.view().interventions.length > 0) {
      lane.clock.advance(opts.ageCheckMs);
      approveAll(lane);
    }
    grams += g;
    lane.sim.baggingScale.change(g);
  }
  lane.clock.advance(opts.minutes * 60_000);
  expect(lane.service.intent({ type: 'pay.start' }).ok).toBe(true);
  expect(lane.service.intent({ type: 'pay.card' }).ok).toBe(true);
  lane.sim.terminal.setBehaviour('approve');
  await lane.settle();
  expect(lane.service.intent({ type: 'session.finish' }).ok).toBe(true);
  lane.sim.baggingScale.change(-grams);
}

describe('ShiftTracker (shift figures from the journal)', () => {
  it('counts completed and cancelled transactions, items, pace and attendant resolve times since the shift start', async () => {
    const lane = memoryLane({ laneId: 'l1', timeouts: { stillThereMs: 3_600_000, idleMs: 3_600_000 } });
    // Before the shift: one purchase that must not count.
    await buy(lane, [[WATER, 1560]], { minutes: 1 });
    lane.clock.advance(10 * 60_000);
    const shiftStart = lane.clock.now();
    await buy(lane, [[WATER, 1560], [CHOC, 105]], { minutes: 1 });
    await buy(lane, [[BEER, 780], [CHOC, 105]], { minutes: 2, ageCheckMs: 20_000 });
    // A cancelled one (abandoned basket).
    lane.sim.scanner.scan(CHOC);
    expect(lane.service.command({ id: `cmd-shift-${++seq}-xx`, by: 'alex', type: 'transaction.cancel' }, { attendant: { id: 'alex', name: 'Alex', role: 'attendant' } }).ok).toBe(true);

    const f = ShiftTracker.fromJournal('l1', shiftStart, lane.journal.rows).figures(lane.clock.now());
    expect(f).toMatchObject({ laneId: 'l1', from: shiftStart, completed: 2, cancelled: 1, suspended: 0, items: 4, interventionsByKind: { ageCheck: 1 }, samplesComplete: true });
    expect(f.timeToResolve).toEqual({ count: 1, medianMs: 20_000, p90Ms: 20_000 });
    expect(f.timeToResolveByKind).toEqual({ ageCheck: { count: 1, medianMs: 20_000, p90Ms: 20_000 } });
    expect(f.resolveSamplesMs).toEqual({ ageCheck: [20_000] });
    // 4 items over the two completed transactions' start-to-end time.
    expect(f.itemsPerMinute).toBeCloseTo((4 * 60_000) / f.transactionMs, 10);
    expect(f.transactionMs).toBeGreaterThanOrEqual(3 * 60_000 + 20_000);
  });

  it('gives the same figures fed live event by event as read back from the journal (and after a restart)', async () => {
    const lane = memoryLane({ laneId: 'l1', timeouts: { stillThereMs: 3_600_000, idleMs: 3_600_000 } });
    const from = lane.clock.now();
    const live = new ShiftTracker('l1', from);
    lane.service.onDomainEvent((e, tx, at) => live.applyEvent(e, tx, at));
    await buy(lane, [[BEER, 780]], { minutes: 1, ageCheckMs: 7000 });
    const again = lane.restart();
    await buy(again, [[CHOC, 105]], { minutes: 1 });
    const fromJournal = ShiftTracker.fromJournal('l1', from, lane.journal.rows).figures(0);
    const restarted = ShiftTracker.fromJournal('l1', from, again.journal.rows).figures(0);
    expect(restarted).toEqual(fromJournal);
    // The live tracker missed the second lane's events (it listened to the first service only).
    expect(live.figures(0)).toMatchObject({ completed: 1, items: 1, timeToResolve: { count: 1, medianMs: 7000 } });
    expect(fromJournal).toMatchObject({ completed: 2, items: 2 });
  });

  it('counts a transaction that began before the shift start and ended after it, with all its items', async () => {
    const lane = memoryLane({ laneId: 'l1', timeouts: { stillThereMs: 3_600_000, idleMs: 3_600_000 } });
    lane.sim.scanner.scan(WATER);
    lane.sim.baggingScale.change(1560);
    const from = lane.clock.now() + 1;
    lane.clock.advance(60_000);
    lane.sim.scanner.scan(CHOC);
    lane.sim.baggingScale.change(105);
    expect(lane.service.intent({ type: 'pay.start' }).ok).toBe(true);
    expect(lane.service.intent({ type: 'pay.card' }).ok).toBe(true);
    lane.sim.terminal.setBehaviour('approve');
    await lane.settle();
    expect(lane.service.intent({ type: 'session.finish' }).ok).toBe(true);
    expect(ShiftTracker.fromJournal('l1', from, lane.journal.rows).figures(0)).toMatchObject({ completed: 1, items: 2 });
  });

  it('skips journal rows that are not domain events, and leaves automatic resolutions out of resolve times', () => {
    const t = new ShiftTracker('l1', 0);
    t.apply({ at: 1, transactionId: null, type: 'no.suchEvent', payload: {} });
    t.apply({ at: 2, transactionId: 'tx', type: 'intervention.raised', payload: { intervention: { id: 'i1', kind: 'weightMismatch', since: 2, blocking: true, detail: {} } } });
    t.apply({ at: 3, transactionId: 'tx', type: 'intervention.resolved', payload: { id: 'i1', resolution: 'auto', by: 'scale' } });
    t.apply({ at: 4, transactionId: 'tx', type: 'intervention.resolved', payload: { id: 'i1', resolution: 'bogus', by: 'x' } });
    expect(t.unreadableRows).toBe(2);
    expect(t.figures(5)).toMatchObject({ interventionsByKind: { weightMismatch: 1 }, timeToResolve: { count: 0, medianMs: null, p90Ms: null }, completed: 0 });
  });

  it('local midnight is the start of the local day', () => {
    const noon = new Date(2026, 0, 15, 12, 30).getTime();
    expect(localMidnight(noon)).toBe(new Date(2026, 0, 15).getTime());
    expect(localMidnight(new Date(2026, 0, 15).getTime())).toBe(new Date(2026, 0, 15).getTime());
  });
});

describe('shiftFromLanes (island from the lanes own figures)', () => {
  const lane = (laneId: string, samples: Partial<Record<'ageCheck' | 'help', number[]>>, over: Partial<LaneShift> = {}): LaneShift => {
    const all = Object.values(samples).flat();
    return {
      laneId,
      from: 1000,
      to: 5000,
      completed: 2,
      cancelled: 1,
      suspended: 0,
      items: 10,
      transactionMs: 5 * 60_000,
      itemsPerMinute: 2,
      interventionsByKind: Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, v.length])),
      timeToResolve: { count: all.length, medianMs: null, p90Ms: null },
      timeToResolveByKind: {},
      resolveSamplesMs: samples,
      samplesComplete: true,
      updatedAt: 5000,
      ...over,
    };
  };

  it('pools the samples, so the island median and p90 are exact (not a median of medians)', () => {
    // l1: 1,2,3 s (median 2 s); l2: 100 s (median 100 s). Median of medians would be 2 or 100 s.
    const s = shiftFromLanes([lane('l1', { ageCheck: [1000, 2000, 3000] }), lane('l2', { help: [100_000] }, { items: 20, transactionMs: 5 * 60_000 })]);
    expect(s).toMatchObject({ source: 'lanes', exact: true, from: 1000, to: 5000 });
    expect(s.island.timeToResolve).toEqual({ count: 4, medianMs: 2000, p90Ms: 100_000 });
    expect(s.island.timeToResolveByKind).toEqual({ ageCheck: { count: 3, medianMs: 2000, p90Ms: 3000 }, help: { count: 1, medianMs: 100_000, p90Ms: 100_000 } });
    // Items per minute over the summed transaction time: 30 items in 10 minutes.
    expect(s.island).toMatchObject({ completed: 4, cancelled: 2, transactions: 6, items: 30, itemsPerMinute: 3, interventions: 4, interventionsByKind: { ageCheck: 3, help: 1 } });
    expect(s.island.interventionRate.ageCheck).toBeCloseTo(0.5, 10);
    expect(Object.keys(s.lanes)).toEqual(['l1', 'l2']);
  });

  it('says the island figures are approximate when a lane left samples out', () => {
    expect(shiftFromLanes([lane('l1', { ageCheck: [1000] }), lane('l2', { help: [5] }, { samplesComplete: false })]).exact).toBe(false);
  });

  it('is empty without lanes', () => {
    expect(shiftFromLanes([])).toMatchObject({ from: null, to: null, lanes: {}, island: { transactions: 0, itemsPerMinute: null, timeToResolve: { count: 0, medianMs: null } } });
  });
});

describe('shift start', () => {
  it.each([
    ['after the start hour: today', '2026-03-10T14:30:00', 6, '2026-03-10T06:00:00'],
    ['before the start hour: yesterday', '2026-03-10T05:59:00', 6, '2026-03-09T06:00:00'],
    ['exactly at the start', '2026-03-10T06:00:00', 6, '2026-03-10T06:00:00'],
    ['midnight shifts', '2026-03-10T00:00:01', 0, '2026-03-10T00:00:00'],
  ])('%s', (_name, now, hour, start) => {
    expect(shiftStartAt(hour)(new Date(now).getTime())).toBe(new Date(start).getTime());
  });
});

