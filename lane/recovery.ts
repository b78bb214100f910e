import type { Language } from '../contracts/index.ts';
import { DomainEvent, LANE_EVENTS, type ParkedLine } from './checkout/events.ts';
import { applyEvent, emptyTx, type TxState } from './checkout/tx.ts';

/** A journal row as the recovery reads it. */
export interface StoredEvent {
  seq: number;
  at: number;
  transactionId: string | null;
  type: string;
  payload: unknown;
}

/** A basket parked with `transaction.suspended` and not yet resumed. */
export interface SuspendedTx {
  transactionId: string;
  at: number;
  by: string;
  lines: ParkedLine[];
  ageVerified: boolean;
  itemCount: number;
  totalMinor: number;
}

export interface Recovered {
  /** Baskets suspended at this lane and not yet resumed, oldest first. */
  suspended: SuspendedTx[];
  /** The transaction that was open (or paid but not finished) when the service stopped. */
  tx: TxState | null;
  closedReason: string | null;
  /** Ids of attendant commands already applied (idempotency survives restarts). */
  appliedCommands: Set<string>;
  /** Terminal references of every journaled approval. */
  terminalReferences: Set<string>;
  /** Events the recovery could not read (reported, never fatal). */
  unreadable: number;
  replayed: number;
}

/**
 * Rebuild the lane's state from the journal: replay the last unfinished transaction's
 * events through the same reducer the machine uses.
 */
export function recover(events: Iterable<StoredEvent>, language: Language): Recovered {
  let closedReason: string | null = null;
  const appliedCommands = new Set<string>();
  const terminalReferences = new Set<string>();
  let tx: TxState | null = null;
  let suspended: SuspendedTx[] = [];
  let unreadable = 0;
  let replayed = 0;
  for (const row of events) {
    const parsed = DomainEvent.safeParse({ ...(row.payload as object), type: row.type });
    if (!parsed.success) {
      unreadable++;
      continue;
    }
    const e = parsed.data;
    if (e.type === 'payment.approved') terminalReferences.add(e.payment.terminalReference);
    if (LANE_EVENTS.has(e.type)) {
      if (e.type === 'lane.closed') closedReason = e.reason;
      else if (e.type === 'lane.opened') closedReason = null;
      else if (e.type === 'attendant.command') appliedCommands.add(e.commandId);
      continue;
    }
    if (!row.transactionId) continue;
    if (e.type === 'transaction.suspended') {
      suspended.push({ transactionId: row.transactionId, at: row.at, by: e.by, lines: e.lines, ageVerified: e.ageVerified, itemCount: e.itemCount, totalMinor: e.totalMinor });
    } else if (e.type === 'transaction.resumed') {
      suspended = suspended.filter((x) => x.transactionId !== e.from);
    }
    if (e.type === 'transaction.started') {
      tx = emptyTx(row.transactionId, row.at, language);
      replayed = 0;
    }
    if (!tx || tx.transactionId !== row.transactionId) continue;
    tx = applyEvent(tx, e, row.at);
    replayed++;
  }
  if (tx && (tx.status === 'completed' || tx.status === 'cancelled' || tx.status === 'suspended')) tx = null;
  return { tx, suspended, closedReason, appliedCommands, terminalReferences, unreadable, replayed };
}
