import { MAX_RESOLVE_SAMPLES, type InterventionKind, type LaneShift, type ResolveStats } from '../../contracts/index.ts';
import { DomainEvent } from '../checkout/events.ts';
import { applyEvent, emptyTx, itemCount, type TxState } from '../checkout/tx.ts';
import type { StoredEvent } from '../recovery.ts';
import { percentile } from '../../store-bus/insights.ts';

/**
 * A lane's shift figures from its journal (contracts/bus.ts `LaneShift`). Pure: feed it the
 * journal from the start (so transactions that began before the shift start are known),
 * then every newly appended event; only facts at or after `from` are counted.
 *
 * - A transaction counts when it ENDS inside the shift: completed (items = the basket's item
 *   count, rebuilt with the checkout reducer, so it is exactly what the shopper paid for),
 *   cancelled, or suspended.
 * - Interventions count when RAISED inside the shift; time to resolve is resolution time −
 *   `since` for attendant resolutions (approved/denied), per kind and overall.
 */
export function localMidnight(now: number): number {
  return shiftStartAt(0)(now);
}

/**
 * Shifts that start every day at `hour`:`minute` local time (a store opening at 06:00 counts
 * the night's transactions with the day before). Returns the start of the shift `now` is in.
 */
export function shiftStartAt(hour: number, minute = 0): (now: number) => number {
  return (now) => {
    const d = new Date(now);
    d.setHours(hour, minute, 0, 0);
    if (d.getTime() > now) d.setDate(d.getDate() - 1);
    return d.getTime();
  };
}

/** Transactions we track at most at once (open ones; a crash can leave some never closed). */
const MAX_OPEN = 1000;
const MAX_PENDING_INTERVENTIONS = 5000;

interface Sample {
  kind: InterventionKind;
  ms: number;
}

export class ShiftTracker {
  private readonly open = new Map<string, TxState>();
  private readonly pending = new Map<string, { kind: InterventionKind; since: number; transactionId: string | null }>();
  private completed = 0;
  private cancelled = 0;
  private suspended = 0;
  private items = 0;
  private transactionMs = 0;
  private readonly byKind: Partial<Record<InterventionKind, number>> = {};
  /** Every resolve time of the shift, oldest first (exact per-lane figures). */
  private readonly samples: Sample[] = [];
  private last: number;
  private unreadable = 0;

  constructor(
    readonly laneId: string,
    readonly from: number,
  ) {
    this.last = from;
  }

  /** Build from a whole journal. */
  static fromJournal(laneId: string, from: number, rows: Iterable<StoredEvent>): ShiftTracker {
    const t = new ShiftTracker(laneId, from);
    for (const row of rows) t.apply(row);
    return t;
  }

  /** Rows that were not domain events (kept for logs; never fatal). */
  get unreadableRows(): number {
    return this.unreadable;
  }

  apply(row: Pick<StoredEvent, 'at' | 'transactionId' | 'type' | 'payload'>): void {
    const parsed = DomainEvent.safeParse({ ...(typeof row.payload === 'object' && row.payload !== null ? row.payload : {}), type: row.type });
    if (!parsed.success) {
      this.unreadable++;
      return;
    }
    this.applyEvent(parsed.data, row.transactionId, row.at);
  }

  applyEvent(e: DomainEvent, transactionId: string | null, at: number): void {
    const inShift = at >= this.from;
    if (inShift && at > this.last) this.last = at;
    switch (e.type) {
      case 'intervention.raised':
        this.pending.set(e.intervention.id, { kind: e.intervention.kind, since: e.intervention.since, transactionId });
        if (this.pending.size > MAX_PENDING_INTERVENTIONS) this.pending.delete(this.pending.keys().next().value ?? '');
        if (inShift) this.byKind[e.intervention.kind] = (this.byKind[e.intervention.kind] ?? 0) + 1;
        break;
      case 'intervention.resolved': {
        const p = this.pending.get(e.id);
        this.pending.delete(e.id);
        if (p && inShift && e.resolution !== 'auto' && p.since >= this.from) this.samples.push({ kind: p.kind, ms: Math.max(0, at - p.since) });
        break;
      }
      default:
        break;
    }
    if (!transactionId) return;
    if (e.type === 'transaction.started') {
      this.open.set(transactionId, emptyTx(transactionId, at, 'en'));
      if (this.open.size > MAX_OPEN) this.open.delete(this.open.keys().next().value ?? '');
    }
    const tx = this.open.get(transactionId);
    if (!tx) return;
    const next = applyEvent(tx, e, at);
    this.open.set(transactionId, next);
    const ended = e.type === 'transaction.completed' || e.type === 'transaction.cancelled' || e.type === 'transaction.suspended';
    if (!ended) return;
    this.open.delete(transactionId);
    for (const [id, p] of this.pending) if (p.transactionId === transactionId) this.pending.delete(id);
    if (!inShift) return;
    if (e.type === 'transaction.completed') {
      this.completed++;
      this.items += itemCount(next);
      this.transactionMs += Math.max(0, at - next.startedAt);
    } else if (e.type === 'transaction.cancelled') this.cancelled++;
    else this.suspended++;
  }

  figures(now: number): LaneShift {
    const stats = (ms: readonly number[]): ResolveStats => ({ count: ms.length, medianMs: percentile(ms, 50), p90Ms: percentile(ms, 90) });
    const perKind = new Map<InterventionKind, number[]>();
    for (const s of this.samples) perKind.set(s.kind, [...(perKind.get(s.kind) ?? []), s.ms]);
    const timeToResolveByKind: LaneShift['timeToResolveByKind'] = {};
    for (const [k, ms] of perKind) timeToResolveByKind[k] = stats(ms);
    const kept = this.samples.slice(-MAX_RESOLVE_SAMPLES);
    const resolveSamplesMs: LaneShift['resolveSamplesMs'] = {};
    for (const s of kept) (resolveSamplesMs[s.kind] ??= []).push(s.ms);
    return {
      laneId: this.laneId,
      from: this.from,
      to: this.last,
      completed: this.completed,
      cancelled: this.cancelled,
      suspended: this.suspended,
      items: this.items,
      transactionMs: this.transactionMs,
      itemsPerMinute: this.completed > 0 && this.transactionMs > 0 ? (this.items * 60_000) / this.transactionMs : null,
      interventionsByKind: { ...this.byKind },
      timeToResolve: stats(this.samples.map((s) => s.ms)),
      timeToResolveByKind,
      resolveSamplesMs,
      samplesComplete: kept.length === this.samples.length,
      updatedAt: now,
    };
  }
}
