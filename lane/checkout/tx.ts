import type { DeclineReason, Intervention, Language, PrinterCondition, ReceiptDocument, TerminalPrompt } from '../../contracts/index.ts';
import { BLOCKING_KINDS } from '../../contracts/index.ts';
import type { DomainEvent, LineRecord } from './events.ts';

/**
 * The state of one transaction, derived ONLY from domain events by `applyEvent`. The
 * checkout machine keeps one of these in its context; after a restart the journal's events
 * are replayed through the same reducer, so the rebuilt basket is exact by construction.
 */
export interface LineState extends LineRecord {
  voided: boolean;
  overridden: boolean;
  /** Units already confirmed in the bagging area. */
  baggedUnits: number;
  /** The attendant allowed this line to stay out of the bagging area. */
  baggingSkipped: boolean;
}

export interface PaymentState {
  reference: string;
  amountMinor: number;
  status: 'waiting' | 'approved' | 'declined' | 'cancelled' | 'timeout';
  declineReason?: DeclineReason;
  resultCode?: string;
  terminalReference?: string;
  maskedPan?: string;
  cardName?: string;
  receiptLines?: string[];
  /** What reconciling with the terminal found after no answer (see `payment.reconciled`). */
  reconciled?: 'notCharged' | 'unknown';
  /** Live terminal text; not journaled. */
  terminalPrompt?: TerminalPrompt;
}

export interface TxState {
  transactionId: string;
  startedAt: number;
  language: Language;
  ownBag: boolean;
  lines: LineState[];
  interventions: Intervention[];
  /** Resolved interventions (for summaries and audits). */
  resolved: { id: string; kind: Intervention['kind']; resolution: 'approved' | 'denied' | 'auto'; by: string; since: number; at: number }[];
  ageVerified: boolean;
  /** Weight the bagging area legitimately holds (grams). */
  acceptedGrams: number;
  /** "Own bag" was just pressed: the next unexplained rise (up to maxOwnBagGrams) is the bag. Closed by a scan or the bag. */
  ownBagWindow: boolean;
  /** Part of `acceptedGrams` that is the shopper's own bags. */
  ownBagGrams: number;
  /** Weight of voided, already-bagged goods the shopper should take out again. */
  removalPendingGrams: number;
  /** Attempts in order; the last one is current. */
  payments: PaymentState[];
  receipt: { doc: ReceiptDocument; status: 'printing' | 'printed' | 'failed'; condition?: PrinterCondition } | null;
  status: 'open' | 'paid' | 'completed' | 'cancelled' | 'suspended';
  /** The suspended transaction this one recalled, if any. */
  resumedFrom?: string;
}

export function emptyTx(transactionId: string, at: number, language: Language): TxState {
  return {
    transactionId,
    startedAt: at,
    language,
    ownBag: false,
    ownBagWindow: false,
    lines: [],
    interventions: [],
    resolved: [],
    ageVerified: false,
    acceptedGrams: 0,
    ownBagGrams: 0,
    removalPendingGrams: 0,
    payments: [],
    receipt: null,
    status: 'open',
  };
}

function mapLine(tx: TxState, lineId: string, f: (l: LineState) => LineState): LineState[] {
  return tx.lines.map((l) => (l.lineId === lineId ? f(l) : l));
}

function mapPayment(tx: TxState, reference: string, f: (p: PaymentState) => PaymentState): PaymentState[] {
  return tx.payments.map((p) => (p.reference === reference ? f(p) : p));
}

/** Pure reducer: the next transaction state after one domain event. `at` is the event time. */
export function applyEvent(tx: TxState, event: DomainEvent, at: number): TxState {
  switch (event.type) {
    case 'transaction.started':
      return { ...tx, language: event.language, ownBag: event.ownBag, ownBagWindow: event.ownBag, acceptedGrams: event.baselineGrams, startedAt: at };
    case 'transaction.completed':
      return { ...tx, status: 'completed' };
    case 'transaction.cancelled':
      return { ...tx, status: 'cancelled' };
    case 'transaction.suspended':
      return { ...tx, status: 'suspended' };
    case 'transaction.resumed':
      // The goods were out of the bagging area meanwhile: the attendant who recalls the basket
      // vouches for them (bagging skipped); new scans are checked as usual from here on.
      return {
        ...tx,
        resumedFrom: event.from,
        ageVerified: tx.ageVerified || event.ageVerified,
        lines: [...tx.lines, ...event.lines.map(({ overridden, ...l }) => ({ ...l, voided: false, overridden, baggedUnits: 0, baggingSkipped: true }))],
      };
    case 'item.added':
      return { ...tx, ownBagWindow: false, lines: [...tx.lines, { ...event.line, voided: false, overridden: false, baggedUnits: 0, baggingSkipped: false }] };
    case 'item.quantityChanged': {
      const line = tx.lines.find((l) => l.lineId === event.lineId);
      const unbagged = line ? Math.max(0, line.baggedUnits - event.quantity) * (line.expectedGramsPerUnit ?? 0) : 0;
      return {
        ...tx,
        removalPendingGrams: tx.removalPendingGrams + unbagged,
        lines: mapLine(tx, event.lineId, (l) => ({ ...l, quantity: event.quantity, baggedUnits: Math.min(l.baggedUnits, event.quantity) })),
      };
    }
    case 'item.voided': {
      const line = tx.lines.find((l) => l.lineId === event.lineId);
      const bagged = line && !line.voided ? (line.expectedGramsPerUnit ?? 0) * line.baggedUnits : 0;
      return { ...tx, removalPendingGrams: tx.removalPendingGrams + bagged, lines: mapLine(tx, event.lineId, (l) => ({ ...l, voided: true })) };
    }
    case 'item.priceOverridden':
      return {
        ...tx,
        lines: mapLine(tx, event.lineId, (l) => ({ ...l, unitPriceMinor: event.unitPriceMinor, fixedTotalMinor: undefined, overridden: true })),
      };
    case 'bagging.accepted': {
      let lines = tx.lines;
      for (const b of event.bagged) {
        lines = lines.map((l) => (l.lineId === b.lineId ? { ...l, baggedUnits: Math.min(l.quantity, l.baggedUnits + b.units) } : l));
      }
      return {
        ...tx,
        acceptedGrams: event.acceptedGrams,
        ownBagGrams: event.reason === 'ownBag' ? tx.ownBagGrams + (event.acceptedGrams - tx.acceptedGrams) : tx.ownBagGrams,
        ownBagWindow: event.reason === 'ownBag' ? false : tx.ownBagWindow,
        removalPendingGrams: event.reason === 'removed' || event.reason === 'attendant' ? 0 : tx.removalPendingGrams,
        lines,
      };
    }
    case 'bagging.skipped':
      return { ...tx, lines: tx.lines.map((l) => (event.lineIds.includes(l.lineId) ? { ...l, baggingSkipped: true } : l)) };
    case 'ownBag.declared':
      return { ...tx, ownBag: true, ownBagWindow: true };
    case 'intervention.raised':
      return { ...tx, interventions: [...tx.interventions, event.intervention] };
    case 'intervention.resolved': {
      const found = tx.interventions.find((i) => i.id === event.id);
      if (!found) return tx;
      return {
        ...tx,
        interventions: tx.interventions.filter((i) => i.id !== event.id),
        resolved: [...tx.resolved, { id: found.id, kind: found.kind, resolution: event.resolution, by: event.by, since: found.since, at }],
      };
    }
    case 'age.verified':
      return { ...tx, ageVerified: true };
    case 'language.changed':
      return { ...tx, language: event.language };
    case 'payment.started':
      return { ...tx, payments: [...tx.payments, { reference: event.reference, amountMinor: event.amountMinor, status: 'waiting' }] };
    case 'payment.approved': {
      const p = event.payment;
      const known = tx.payments.some((x) => x.reference === p.reference);
      const approved = (x: PaymentState): PaymentState => ({
        ...x,
        status: 'approved',
        amountMinor: p.amountMinor,
        terminalReference: p.terminalReference,
        maskedPan: p.maskedPan,
        cardName: p.cardName,
        resultCode: p.resultCode,
        receiptLines: p.receiptLines,
        terminalPrompt: undefined,
      });
      const payments = known ? mapPayment(tx, p.reference, approved) : [...tx.payments, approved({ reference: p.reference, amountMinor: p.amountMinor, status: 'waiting' })];
      return { ...tx, payments, status: 'paid' };
    }
    case 'payment.declined':
      return {
        ...tx,
        payments: mapPayment(tx, event.reference, (p) =>
          p.status === 'approved' ? p : { ...p, status: 'declined', declineReason: event.reason, resultCode: event.resultCode, terminalPrompt: undefined },
        ),
      };
    case 'payment.cancelled':
      return { ...tx, payments: mapPayment(tx, event.reference, (p) => (p.status === 'approved' ? p : { ...p, status: 'cancelled', terminalPrompt: undefined })) };
    case 'payment.timedOut':
      return { ...tx, payments: mapPayment(tx, event.reference, (p) => (p.status === 'approved' ? p : { ...p, status: 'timeout', terminalPrompt: undefined })) };
    case 'payment.reconciled':
      return {
        ...tx,
        payments: mapPayment(tx, event.reference, (p) => (p.status === 'approved' ? p : { ...p, status: 'timeout', reconciled: event.result, terminalPrompt: undefined })),
      };
    case 'receipt.created':
      return { ...tx, receipt: { doc: event.receipt, status: 'printing' } };
    case 'receipt.printed':
      return tx.receipt ? { ...tx, receipt: { ...tx.receipt, status: 'printed', condition: undefined } } : tx;
    case 'receipt.failed':
      return tx.receipt ? { ...tx, receipt: { ...tx.receipt, status: 'failed', condition: event.condition } } : tx;
    case 'lane.closed':
    case 'lane.opened':
    case 'attendant.loggedIn':
    case 'attendant.loggedOut':
    case 'attendant.loginFailed':
    case 'attendant.command':
      return tx;
  }
}

// ---- derived facts -------------------------------------------------------------------

export const activeLines = (tx: TxState): LineState[] => tx.lines.filter((l) => !l.voided);

/** Lines with units still waiting for the bagging area, oldest first. */
export function pendingBagging(tx: TxState): { line: LineState; units: number }[] {
  return activeLines(tx)
    .filter((l) => l.expectedGramsPerUnit !== null && !l.baggingSkipped && l.baggedUnits < l.quantity)
    .map((l) => ({ line: l, units: l.quantity - l.baggedUnits }));
}

/** Grams the bagging area should hold for the bagged units (excluding own bags). */
export function baggedGrams(tx: TxState): number {
  return activeLines(tx).reduce((s, l) => s + (l.expectedGramsPerUnit ?? 0) * l.baggedUnits, 0);
}

export const isBlocked = (tx: TxState | null): boolean => !!tx && tx.interventions.some((i) => BLOCKING_KINDS.has(i.kind));

export const currentPayment = (tx: TxState): PaymentState | undefined => tx.payments[tx.payments.length - 1];

export const approvedPayment = (tx: TxState): PaymentState | undefined => tx.payments.find((p) => p.status === 'approved');

export const itemCount = (tx: TxState): number => activeLines(tx).reduce((n, l) => n + (l.unit === 'kg' || l.weightGrams ? 1 : l.quantity), 0);
