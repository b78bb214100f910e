import type { Language } from '../contracts/index.ts';
import type { ApprovedPayment } from '../contracts/ports.ts';
import { DomainEvent, LANE_EVENTS, type EventOf, type ParkedLine } from './checkout/events.ts';
import { applyEvent, approvedPayment, currentPayment, emptyTx, type PaymentState, type TxState } from './checkout/tx.ts';

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

// ---- interrupted payments ------------------------------------------------------------

/** What the terminal said about a payment that ended with no answer (`TerminalPort.reconcile`). */
export type ReconcileAnswer = ApprovedPayment | null | 'unknown';

/** Intervention detail `reason` when the terminal cannot tell whether it charged the card. */
export const PAYMENT_UNCONFIRMED = 'unconfirmed';

/**
 * The payment whose outcome the lane does not know: the last attempt is still waiting (the
 * service stopped while the terminal had the amount) or ended with no answer, no approval is
 * journaled, and the terminal has not said it was not charged. While there is one, nobody may
 * start another payment: that is how a card gets charged twice.
 */
export function unsettledPayment(tx: TxState | null): PaymentState | null {
  if (!tx || tx.status !== 'open' || approvedPayment(tx)) return null;
  const p = currentPayment(tx);
  if (!p) return null;
  if (p.status === 'waiting') return p;
  if (p.status === 'timeout' && p.reconciled !== 'notCharged') return p;
  return null;
}

/** Where the lane goes once the terminal answered. */
export type ReconcileRoute = 'receipt' | 'payAgain' | 'attendant';

export interface ReconcileDecision {
  /** Journal these (in order, together) before acting on the answer. */
  events: DomainEvent[];
  route: ReconcileRoute;
}

/**
 * Decide what a reconcile answer means for the unsettled payment `p` of `tx`:
 * approved (a terminal reference the journal does not hold yet) → the payment stands and the
 * sale completes with no attendant; `null` → nothing was charged and the shopper may pay
 * again; `unknown` → an attendant is asked, with exactly that reason. `raise` builds the
 * intervention event (ids and time come from the caller).
 */
export function decideReconcile(
  tx: TxState,
  p: PaymentState,
  answer: ReconcileAnswer,
  known: ReadonlySet<string>,
  raise: (detail: Record<string, string>) => DomainEvent,
): ReconcileDecision {
  const noAnswer: DomainEvent[] = p.status === 'waiting' ? [{ type: 'payment.timedOut', reference: p.reference }] : [];
  if (answer && answer !== 'unknown' && !known.has(answer.reference)) {
    return { events: [{ type: 'payment.approved', payment: approvedRecord(p.reference, answer) }], route: 'receipt' };
  }
  if (answer === null) return { events: [...noAnswer, { type: 'payment.reconciled', reference: p.reference, result: 'notCharged' }], route: 'payAgain' };
  // 'unknown', or an "approval" the journal already holds (the terminal's last transaction is
  // an earlier one of ours: this payment's fate is not shown by it).
  const events: DomainEvent[] = [...noAnswer, { type: 'payment.reconciled', reference: p.reference, result: 'unknown' }];
  const pending = tx.interventions.find((i) => i.kind === 'paymentTrouble' && i.detail['reason'] === PAYMENT_UNCONFIRMED);
  if (!pending) events.push(raise({ reason: PAYMENT_UNCONFIRMED }));
  return { events, route: 'attendant' };
}

/** The journal record of a terminal approval for the lane's payment `reference`. */
export function approvedRecord(reference: string, p: ApprovedPayment): EventOf<'payment.approved'>['payment'] {
  return {
    reference,
    amountMinor: p.amountMinor,
    terminalReference: p.reference,
    resultCode: p.resultCode,
    ...(p.maskedPan ? { maskedPan: p.maskedPan } : {}),
    ...(p.cardName ? { cardName: p.cardName } : {}),
    ...(p.receiptLines ? { receiptLines: p.receiptLines } : {}),
  };
}
