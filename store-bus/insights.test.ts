import { describe, expect, it } from 'vitest';
import type { Intervention, LaneEvent } from '../contracts/index.ts';
import { DEFAULT_HEARTBEAT_MS, eventKey, interventionQueue, interventionsPer100, laneOnline, percentile, roleOnLane, shiftFromLanes, shiftSummary, staleAfterMs, whoAmI, type LaneState } from './insights.ts';

const iv = (id: string, kind: Intervention['kind'], since: number): Intervention => ({ id, kind, since, blocking: kind !== 'help', detail: {} });
const lane = (laneId: string, interventions: Intervention[], online = true): LaneState => ({ laneId, status: { laneId, online, updatedAt: 0 }, interventions, transactionId: 'tx' });

describe('interventionQueue', () => {
  it('orders by urgency of kind, then oldest first, across lanes', () => {
    const q = interventionQueue([
      lane('l1', [iv('a', 'help', 100), iv('b', 'ageCheck', 300)]),
      lane('l2', [iv('c', 'paymentTrouble', 500), iv('d', 'ageCheck', 200)]),
      lane('l3', [iv('e', 'weightMismatch', 900)], false),
    ]);
    expect(q.map((e) => e.intervention.id)).toEqual(['c', 'e', 'd', 'b', 'a']);
    expect(q.find((e) => e.intervention.id === 'e')?.laneOnline).toBe(false);
  });
  it('is empty for lanes without interventions or without status', () => {
    expect(interventionQueue([lane('l1', []), { laneId: 'l2', status: null, interventions: [], transactionId: null }])).toEqual([]);
  });
});

describe('percentile', () => {
  it('uses the nearest rank', () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([7], 90)).toBe(7);
    expect(percentile([4, 1, 3, 2], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
  });
});

describe('shiftSummary', () => {
  const min = 60_000;
  const events: LaneEvent[] = [
    { type: 'intervention.raised', laneId: 'l1', intervention: iv('i1', 'ageCheck', 1000), at: 1000 },
    { type: 'intervention.resolved', laneId: 'l1', interventionId: 'i1', kind: 'ageCheck', resolution: 'approved', by: 'alex', since: 1000, at: 11_000 },
    { type: 'transaction.ended', laneId: 'l1', transactionId: 't1', outcome: 'completed', items: 10, totalMinor: 2500, startedAt: 0, at: 2 * min },
    { type: 'intervention.raised', laneId: 'l2', intervention: iv('i2', 'weightMismatch', 5000), at: 5000 },
    { type: 'intervention.resolved', laneId: 'l2', interventionId: 'i2', kind: 'weightMismatch', resolution: 'auto', by: 'scale', since: 5000, at: 6000 },
    { type: 'intervention.raised', laneId: 'l2', intervention: iv('i3', 'help', 7000), at: 7000 },
    { type: 'intervention.resolved', laneId: 'l2', interventionId: 'i3', kind: 'help', resolution: 'approved', by: 'sam', since: 7000, at: 37_000 },
    { type: 'transaction.ended', laneId: 'l2', transactionId: 't2', outcome: 'completed', items: 2, totalMinor: 300, startedAt: 0, at: min },
    { type: 'transaction.ended', laneId: 'l2', transactionId: 't3', outcome: 'cancelled', items: 1, totalMinor: 100, startedAt: min, at: 2 * min },
  ];

  it('counts transactions, items, items per minute and interventions per lane and island', () => {
    const s = shiftSummary(events);
    expect(s.from).toBe(1000);
    expect(s.to).toBe(2 * min);
    expect(s.lanes.l1).toMatchObject({ transactions: 1, completed: 1, items: 10, itemsPerMinute: 5, interventions: 1, interventionRate: { ageCheck: 1 } });
    expect(s.lanes.l2).toMatchObject({ transactions: 2, completed: 1, cancelled: 1, items: 2, itemsPerMinute: 2, interventions: 2, interventionRate: { weightMismatch: 0.5, help: 0.5 } });
    // Island: 12 items in 3 transaction-minutes of completed transactions.
    expect(s.island).toMatchObject({ transactions: 3, items: 12, itemsPerMinute: 4, interventions: 3, interventionsByKind: { ageCheck: 1, weightMismatch: 1, help: 1 } });
  });

  it('times attendant resolutions only (automatic ones are left out)', () => {
    const s = shiftSummary(events);
    expect(s.island.timeToResolve).toEqual({ count: 2, medianMs: 10_000, p90Ms: 30_000 });
    expect(s.lanes.l2?.timeToResolve).toEqual({ count: 1, medianMs: 30_000, p90Ms: 30_000 });
  });

  it('keeps to a window and copes with no events', () => {
    expect(shiftSummary(events, { from: 6000, to: 7000 }).island).toMatchObject({ interventions: 1, transactions: 0, itemsPerMinute: null, interventionRate: {} });
    expect(shiftSummary([])).toMatchObject({ from: null, to: null, lanes: {}, island: { transactions: 0, timeToResolve: { count: 0, medianMs: null, p90Ms: null } } });
  });

  it('gives each event one key, so QoS 1 duplicates are counted once', () => {
    expect(new Set(events.map(eventKey)).size).toBe(events.length);
  });
});

describe('interventionsPer100', () => {
  it('is interventions per 100 ended transactions (completed + cancelled), the denominator the console shows', () => {
    const s = shiftFromLanes([
      { laneId: 'l1', from: 0, to: 1, completed: 2, cancelled: 1, suspended: 0, items: 5, transactionMs: 60_000, itemsPerMinute: 5, interventionsByKind: { ageCheck: 3, help: 1 }, timeToResolve: { count: 0, medianMs: null, p90Ms: null }, timeToResolveByKind: {}, resolveSamplesMs: {}, samplesComplete: true, updatedAt: 1 },
    ]);
    expect(s.island).toMatchObject({ transactions: 3, completed: 2, cancelled: 1, interventions: 4 });
    expect(interventionsPer100(s.island)).toBeCloseTo(400 / 3, 9);
    expect(interventionsPer100(s.lanes.l1!)).toBeCloseTo(400 / 3, 9);
    // The per-kind rates the chart draws add up to it.
    expect(Object.values(s.island.interventionRate).reduce((a, r) => a + (r ?? 0) * 100, 0)).toBeCloseTo(interventionsPer100(s.island)!, 9);
  });
  it('is null with no ended transaction', () => {
    expect(interventionsPer100({ interventions: 2, transactions: 0 })).toBeNull();
  });
});

describe('roles from the lanes staff rosters', () => {
  const withStaff = (laneId: string, online: boolean, staff: Array<{ id: string; name: string; role: 'attendant' | 'supervisor' }> | undefined): LaneState => ({
    laneId,
    status: { laneId, online, updatedAt: 0, ...(staff ? { staff } : {}) },
    interventions: [],
    transactionId: null,
  });

  it('roleOnLane reads the role of the logged-in person from that lane', () => {
    const l1 = withStaff('l1', true, [{ id: 'alex', name: 'Alex', role: 'attendant' }, { id: 'sam', name: 'Sam', role: 'supervisor' }]);
    expect(roleOnLane(l1, 'sam')).toBe('supervisor');
    expect(roleOnLane(l1, 'alex')).toBe('attendant');
  });

  it('roleOnLane is null for an unknown person, a lane without a roster, no status or no login', () => {
    const l1 = withStaff('l1', true, [{ id: 'sam', name: 'Sam', role: 'supervisor' }]);
    expect(roleOnLane(l1, 'mallory')).toBeNull();
    expect(roleOnLane(withStaff('l2', true, undefined), 'sam')).toBeNull();
    expect(roleOnLane({ status: null }, 'sam')).toBeNull();
    expect(roleOnLane(undefined, 'sam')).toBeNull();
    expect(roleOnLane(l1, null)).toBeNull();
  });

  it('whoAmI prefers an online lane, then the lowest lane id', () => {
    const lanes = [
      withStaff('l1', false, [{ id: 'sam', name: 'Sam (old)', role: 'attendant' }]),
      withStaff('l3', true, [{ id: 'sam', name: 'Sam', role: 'supervisor' }]),
      withStaff('l2', true, undefined),
    ];
    expect(whoAmI(lanes, 'sam')).toEqual({ id: 'sam', name: 'Sam', role: 'supervisor' });
    expect(whoAmI(lanes, 'nobody')).toBeNull();
    expect(whoAmI([], 'sam')).toBeNull();
  });
});

describe('laneOnline: a silent lane is shown offline', () => {
  const status = (heartbeatMs?: number) => ({ laneId: 'l1', online: true, updatedAt: 0, ...(heartbeatMs ? { heartbeatMs } : {}) });
  it('is online while its status is within two heartbeats and the slack', () => {
    expect(laneOnline({ status: status(1000), statusReceivedAt: 10_000 }, 10_000 + staleAfterMs(1000))).toBe(true);
  });
  it('is offline once its status has been silent longer than that', () => {
    expect(laneOnline({ status: status(1000), statusReceivedAt: 10_000 }, 10_001 + staleAfterMs(1000))).toBe(false);
  });
  it('uses the default heartbeat for a lane that promises none', () => {
    expect(staleAfterMs(undefined)).toBe(2 * DEFAULT_HEARTBEAT_MS + 5_000);
    expect(laneOnline({ status: status(), statusReceivedAt: 0 }, staleAfterMs(undefined) + 1)).toBe(false);
  });
  it('is offline when its status says so, however fresh', () => {
    expect(laneOnline({ status: { ...status(1000), online: false }, statusReceivedAt: 5 }, 5)).toBe(false);
    expect(laneOnline({ status: null }, 5)).toBe(false);
  });
});
