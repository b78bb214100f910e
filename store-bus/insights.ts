import type { AttendantView, Intervention, InterventionKind, LaneEvent, LaneShift, LaneStatus } from '../contracts/index.ts';

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
  /** The lane's own shift figures (retained `shift` topic), once one arrived. */
  shift?: LaneShift | null;
  /** When this console last received the lane's status (its own clock: no skew between machines). */
  statusReceivedAt?: number;
}

/** Lanes that promise no heartbeat (older versions) are judged by this one. */
export const DEFAULT_HEARTBEAT_MS = 10_000;
/** Silence a console allows: two missed heartbeats plus network slack. */
export function staleAfterMs(heartbeatMs: number | undefined): number {
  return 2 * (heartbeatMs ?? DEFAULT_HEARTBEAT_MS) + 5_000;
}

/**
 * Whether the console should show the lane online at `now`: its last status says online and
 * arrived within `staleAfterMs` of its heartbeat. The retained status a broker hands a new
 * console counts as received at that moment, so a dead lane is shown offline at most
 * `staleAfterMs` after a console connects.
 */
export function laneOnline(lane: Pick<LaneState, 'status' | 'statusReceivedAt'>, now: number): boolean {
  if (!lane.status?.online) return false;
  if (lane.statusReceivedAt === undefined) return true;
  return now - lane.statusReceivedAt <= staleAfterMs(lane.status.heartbeatMs);
}

/**
 * The role of `attendantId` on one lane, from that lane's retained staff roster; null when
 * the lane publishes no roster or does not know the person. Consoles show supervisor-only
 * actions on a lane only when this is `supervisor` (the lane checks again on every command).
 */
export function roleOnLane(lane: Pick<LaneState, 'status'> | undefined, attendantId: string | null | undefined): AttendantView['role'] | null {
  if (!lane?.status?.staff || !attendantId) return null;
  return lane.status.staff.find((m) => m.id === attendantId)?.role ?? null;
}

/**
 * Who the logged-in person is, from the rosters of the lanes (online lanes first, then by
 * lane id): name and role as the first roster that lists them says. Null when no lane lists
 * them (yet).
 */
export function whoAmI(lanes: Iterable<Pick<LaneState, 'laneId' | 'status'>>, attendantId: string): AttendantView | null {
  const sorted = [...lanes].sort((a, b) => Number(b.status?.online ?? false) - Number(a.status?.online ?? false) || a.laneId.localeCompare(b.laneId));
  for (const l of sorted) {
    const m = l.status?.staff?.find((x) => x.id === attendantId);
    if (m) return { id: m.id, name: m.name, role: m.role };
  }
  return null;
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
  /** Per kind (attendant resolutions). */
  timeToResolveByKind?: Partial<Record<InterventionKind, ResolveTimes>>;
  /** Transactions parked with `transaction.suspend` (lane figures only). */
  suspended?: number;
}

export interface ShiftSummary {
  /** Window covered (epoch ms): first and last event seen, or the window asked for. */
  from: number | null;
  to: number | null;
  /**
   * `lanes`: from the lanes' own journal figures (durable, whole shift); `events`: from the
   * events this console saw since it connected.
   */
  source?: 'lanes' | 'events';
  /**
   * False when the island's median/p90 were computed from incomplete samples (a lane had
   * more resolutions than it publishes samples for): then they are approximate.
   */
  exact?: boolean;
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
  const resolveByKind = new Map<InterventionKind, number[]>();
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
        if (e.resolution !== 'auto') {
          resolveMs.push(Math.max(0, e.at - e.since));
          resolveByKind.set(e.kind, [...(resolveByKind.get(e.kind) ?? []), Math.max(0, e.at - e.since)]);
        }
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
    timeToResolve: resolveTimes(resolveMs),
    timeToResolveByKind: Object.fromEntries([...resolveByKind].map(([k, ms]) => [k, resolveTimes(ms)])),
  };
}

function resolveTimes(ms: readonly number[]): ResolveTimes {
  return { count: ms.length, medianMs: percentile(ms, 50), p90Ms: percentile(ms, 90) };
}

/**
 * Interventions per 100 ended transactions (completed + cancelled): the one intervention
 * rate the console shows, always next to its numerator and denominator. Null with no
 * ended transaction. Interventions raised in a transaction still open count too, so the
 * figure can exceed 100.
 */
export function interventionsPer100(f: Pick<ShiftFigures, 'interventions' | 'transactions'>): number | null {
  return f.transactions > 0 ? (f.interventions * 100) / f.transactions : null;
}

/** One lane's published figures as `ShiftFigures`. */
export function figuresOfLane(s: LaneShift): ShiftFigures {
  const transactions = s.completed + s.cancelled;
  const interventions = Object.values(s.interventionsByKind).reduce((a, n) => a + (n ?? 0), 0);
  const interventionRate: Partial<Record<InterventionKind, number>> = {};
  if (transactions > 0) for (const [k, n] of Object.entries(s.interventionsByKind) as [InterventionKind, number][]) interventionRate[k] = n / transactions;
  return {
    transactions,
    completed: s.completed,
    cancelled: s.cancelled,
    suspended: s.suspended,
    items: s.items,
    itemsPerMinute: s.itemsPerMinute,
    interventions,
    interventionRate,
    interventionsByKind: { ...s.interventionsByKind },
    timeToResolve: { ...s.timeToResolve },
    timeToResolveByKind: { ...s.timeToResolveByKind },
  };
}

/**
 * The island's shift from the lanes' own figures (retained `shift` topics). Counts and
 * items per minute add up exactly (summed items over summed transaction time). Median and
 * p90 come from the pooled per-kind samples the lanes publish: exact when every lane's
 * samples are complete (`exact: true`), otherwise approximate (the oldest samples of a very
 * busy lane are missing). `from`/`to`: earliest shift start, latest event.
 */
export function shiftFromLanes(shifts: Iterable<LaneShift>): ShiftSummary {
  const list = [...shifts].sort((a, b) => a.laneId.localeCompare(b.laneId));
  const lanes: Record<string, ShiftFigures> = {};
  let completed = 0;
  let cancelled = 0;
  let suspended = 0;
  let items = 0;
  let txMs = 0;
  let exact = true;
  const byKind: Partial<Record<InterventionKind, number>> = {};
  const samples = new Map<InterventionKind, number[]>();
  for (const s of list) {
    lanes[s.laneId] = figuresOfLane(s);
    completed += s.completed;
    cancelled += s.cancelled;
    suspended += s.suspended;
    items += s.items;
    txMs += s.transactionMs;
    exact &&= s.samplesComplete;
    for (const [k, n] of Object.entries(s.interventionsByKind) as [InterventionKind, number][]) byKind[k] = (byKind[k] ?? 0) + n;
    for (const [k, ms] of Object.entries(s.resolveSamplesMs) as [InterventionKind, number[]][]) samples.set(k, [...(samples.get(k) ?? []), ...ms]);
  }
  const transactions = completed + cancelled;
  const interventionRate: Partial<Record<InterventionKind, number>> = {};
  if (transactions > 0) for (const [k, n] of Object.entries(byKind) as [InterventionKind, number][]) interventionRate[k] = n / transactions;
  const all = [...samples.values()].flat();
  const island: ShiftFigures = {
    transactions,
    completed,
    cancelled,
    suspended,
    items,
    itemsPerMinute: completed > 0 && txMs > 0 ? (items * 60_000) / txMs : null,
    interventions: Object.values(byKind).reduce((a, n) => a + (n ?? 0), 0),
    interventionRate,
    interventionsByKind: byKind,
    timeToResolve: resolveTimes(all),
    timeToResolveByKind: Object.fromEntries([...samples].map(([k, ms]) => [k, resolveTimes(ms)])),
  };
  return {
    from: list.length > 0 ? Math.min(...list.map((s) => s.from)) : null,
    to: list.length > 0 ? Math.max(...list.map((s) => s.to)) : null,
    source: 'lanes',
    exact,
    island,
    lanes,
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
    source: 'events',
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
