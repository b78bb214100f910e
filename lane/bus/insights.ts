import type { Intervention, InterventionKind, LaneEvent, LaneStatus } from '../../contracts/index.ts';

/**
 * What an attendant console computes from the bus: the island's intervention queue and
 * shift statistics. Pure functions over plain data (no I/O, safe in the browser), so the
 * React console and tests use exactly the same rules.
 */

/** Most urgent first: money and security before checks and courtesy. */
export const URGENCY: readonly InterventionKind[] = [
  'paymentTrouble',
  'unexpectedItem',
  'weightMismatch',
  'itemRemoved',
  'ageCheck',
  'unknownItem',
  'cancelRequest',
  'voidRequest',
  'skipBagging',
  'paperOut',
  'help',
];

export interface LaneState {
  laneId: string;
  /** Latest retained status; null until one arrives. `online: false` = last will or shut down. */
  status: LaneStatus | null;
  /** Pending interventions as the lane last published them. */
  interventions: Intervention[];
  transactionId: string | null;
}

export interface QueueEntry {
  laneId: string;
  intervention: Intervention;
  /** Position of the kind in `URGENCY` (0 = most urgent). */
  urgency: number;
  /** False when the lane has gone offline since raising it (resolve at the lane). */
  laneOnline: boolean;
}

export function urgencyOf(kind: InterventionKind): number {
  const i = URGENCY.indexOf(kind);
  return i < 0 ? URGENCY.length : i;
}

/** All pending interventions across lanes: by urgency, then oldest first, then lane id. */
export function interventionQueue(lanes: Iterable<LaneState>): QueueEntry[] {
  const out: QueueEntry[] = [];
  for (const lane of lanes) {
    const online = lane.status?.online ?? false;
    for (const iv of lane.interventions) out.push({ laneId: lane.laneId, intervention: iv, urgency: urgencyOf(iv.kind), laneOnline: online });
  }
  return out.sort(
    (a, b) =>
      a.urgency - b.urgency ||
      a.intervention.since - b.intervention.since ||
      a.laneId.localeCompare(b.laneId) ||
      a.intervention.id.localeCompare(b.intervention.id),
  );
}

// ---- shift statistics -----------------------------------------------------------------

export interface ResolveTimes {
  /** Attendant resolutions counted (automatic ones are left out). */
  count: number;
  medianMs: number | null;
  p90Ms: number | null;
}

export interface ShiftFigures {
  /** Transactions ended (completed + cancelled). */
  transactions: number;
  completed: number;
  cancelled: number;
  /** Items in completed transactions. */
  items: number;
  /** Items per minute of transaction time (start to end) in completed transactions; null without any. */
  itemsPerMinute: number | null;
  interventions: number;
  /** Interventions raised per ended transaction, by kind (0.25 = one in four). */
  interventionRate: Partial<Record<InterventionKind, number>>;
  interventionsByKind: Partial<Record<InterventionKind, number>>;
  timeToResolve: ResolveTimes;
}

export interface ShiftSummary {
  /** Window covered (epoch ms): first and last event seen, or the window asked for. */
  from: number | null;
  to: number | null;
  island: ShiftFigures;
  lanes: Record<string, ShiftFigures>;
}

/** Nearest-rank percentile (p in 0..100) of unsorted values; null when empty. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? null;
}

function figures(events: readonly LaneEvent[]): ShiftFigures {
  let completed = 0;
  let cancelled = 0;
  let items = 0;
  let txMs = 0;
  let interventions = 0;
  const byKind: Partial<Record<InterventionKind, number>> = {};
  const resolveMs: number[] = [];
  for (const e of events) {
    switch (e.type) {
      case 'transaction.ended':
        if (e.outcome === 'completed') {
          completed++;
          items += e.items;
          txMs += Math.max(0, e.at - e.startedAt);
        } else cancelled++;
        break;
      case 'intervention.raised':
        interventions++;
        byKind[e.intervention.kind] = (byKind[e.intervention.kind] ?? 0) + 1;
        break;
      case 'intervention.resolved':
        if (e.resolution !== 'auto') resolveMs.push(Math.max(0, e.at - e.since));
        break;
    }
  }
  const transactions = completed + cancelled;
  const interventionRate: Partial<Record<InterventionKind, number>> = {};
  if (transactions > 0) for (const [k, n] of Object.entries(byKind) as [InterventionKind, number][]) interventionRate[k] = n / transactions;
  return {
    transactions,
    completed,
    cancelled,
    items,
    itemsPerMinute: completed > 0 && txMs > 0 ? (items * 60_000) / txMs : null,
    interventions,
    interventionRate,
    interventionsByKind: byKind,
    timeToResolve: { count: resolveMs.length, medianMs: percentile(resolveMs, 50), p90Ms: percentile(resolveMs, 90) },
  };
}

/** Figures per lane and for the island, from the events in [from, to] (epoch ms, inclusive). */
export function shiftSummary(events: readonly LaneEvent[], window: { from?: number; to?: number } = {}): ShiftSummary {
  const inWindow = events.filter((e) => (window.from === undefined || e.at >= window.from) && (window.to === undefined || e.at <= window.to));
  const perLane = new Map<string, LaneEvent[]>();
  for (const e of inWindow) {
    const list = perLane.get(e.laneId) ?? [];
    list.push(e);
    perLane.set(e.laneId, list);
  }
  const lanes: Record<string, ShiftFigures> = {};
  for (const [laneId, list] of [...perLane].sort(([a], [b]) => a.localeCompare(b))) lanes[laneId] = figures(list);
  let first: number | null = null;
  let last: number | null = null;
  for (const e of inWindow) {
    if (first === null || e.at < first) first = e.at;
    if (last === null || e.at > last) last = e.at;
  }
  return {
    from: window.from ?? first,
    to: window.to ?? last,
    island: figures(inWindow),
    lanes,
  };
}

/** A key that identifies one event, so a QoS 1 duplicate is counted once. */
export function eventKey(e: LaneEvent): string {
  switch (e.type) {
    case 'intervention.raised':
      return `${e.laneId}|raised|${e.intervention.id}`;
    case 'intervention.resolved':
      return `${e.laneId}|resolved|${e.interventionId}`;
    case 'transaction.ended':
      return `${e.laneId}|ended|${e.transactionId}`;
  }
}
