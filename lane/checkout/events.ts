import { z } from 'zod';
import { DeclineReason, Intervention, Language, LocalizedText, PrinterCondition, ReceiptDocument, Unit } from '../../contracts/index.ts';

/**
 * Domain events: every fact that changes money, goods or authority. Each is appended to the
 * journal BEFORE the lane acknowledges it, and a pure reducer (tx.ts) rebuilds the exact
 * transaction from them after a restart. Names are `domain.verb` in the past tense.
 */

export const LineRecord = z.object({
  lineId: z.string(),
  itemId: z.string(),
  code: z.string(),
  name: LocalizedText,
  unit: Unit,
  quantity: z.number().int().positive(),
  weightGrams: z.number().int().positive().optional(),
  unitPriceMinor: z.number().int().nonnegative(),
  /** Price embedded in a variable-measure or GS1 code. */
  fixedTotalMinor: z.number().int().nonnegative().optional(),
  taxClass: z.string(),
  groups: z.array(z.string()),
  ageLimit: z.number().int().optional(),
  /** Expected bagging weight of one unit; null = not checked. */
  expectedGramsPerUnit: z.number().int().nonnegative().nullable(),
  /** Tolerance for one unit (grams). */
  toleranceGrams: z.number().int().nonnegative(),
  /** Why a unit with a weight is not checked: `belowResolution` = inside the scale's noise band. */
  unchecked: z.enum(['belowResolution']).optional(),
});
export type LineRecord = z.infer<typeof LineRecord>;

export const ApprovedPaymentRecord = z.object({
  reference: z.string(),
  amountMinor: z.number().int(),
  terminalReference: z.string(),
  maskedPan: z.string().optional(),
  cardName: z.string().optional(),
  resultCode: z.string(),
  receiptLines: z.array(z.string()).optional(),
});

const by = z.string();

/** A basket line as it is parked by `transaction.suspended` and brought back by `transaction.resumed`. */
export const ParkedLine = LineRecord.extend({ overridden: z.boolean() });
export type ParkedLine = z.infer<typeof ParkedLine>;

export const DomainEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('transaction.started'), language: Language, ownBag: z.boolean(), baselineGrams: z.number().int() }),
  z.object({ type: z.literal('transaction.completed') }),
  z.object({ type: z.literal('transaction.cancelled'), by, reason: z.string() }),
  /**
   * The open basket is parked (closes this transaction): its active lines and age
   * verification, so it can be recalled at this lane after any restart.
   */
  z.object({
    type: z.literal('transaction.suspended'),
    by,
    lines: z.array(ParkedLine),
    ageVerified: z.boolean(),
    itemCount: z.number().int().nonnegative(),
    totalMinor: z.number().int(),
  }),
  /** A parked basket recalled into this (new) transaction, right after `transaction.started`. */
  z.object({ type: z.literal('transaction.resumed'), from: z.string().min(1), by, lines: z.array(ParkedLine), ageVerified: z.boolean() }),
  z.object({ type: z.literal('item.added'), line: LineRecord }),
  z.object({ type: z.literal('item.quantityChanged'), lineId: z.string(), quantity: z.number().int().positive(), by: by.optional() }),
  z.object({ type: z.literal('item.voided'), lineId: z.string(), by }),
  z.object({ type: z.literal('item.priceOverridden'), lineId: z.string(), unitPriceMinor: z.number().int().nonnegative(), by }),
  /** The bagging area now legitimately holds `acceptedGrams`; listed lines' units are bagged. */
  z.object({
    type: z.literal('bagging.accepted'),
    acceptedGrams: z.number().int(),
    bagged: z.array(z.object({ lineId: z.string(), units: z.number().int().nonnegative() })),
    reason: z.enum(['matched', 'ownBag', 'attendant', 'removed', 'start']),
  }),
  z.object({ type: z.literal('bagging.skipped'), lineIds: z.array(z.string()), by }),
  z.object({ type: z.literal('ownBag.declared') }),
  z.object({ type: z.literal('intervention.raised'), intervention: Intervention }),
  z.object({ type: z.literal('intervention.resolved'), id: z.string(), resolution: z.enum(['approved', 'denied', 'auto']), by }),
  z.object({ type: z.literal('age.verified'), by }),
  z.object({ type: z.literal('language.changed'), language: Language }),
  z.object({ type: z.literal('payment.started'), reference: z.string(), amountMinor: z.number().int() }),
  z.object({ type: z.literal('payment.approved'), payment: ApprovedPaymentRecord }),
  z.object({ type: z.literal('payment.declined'), reference: z.string(), reason: DeclineReason, resultCode: z.string().optional() }),
  z.object({ type: z.literal('payment.cancelled'), reference: z.string() }),
  z.object({ type: z.literal('payment.timedOut'), reference: z.string() }),
  /**
   * What the terminal said when asked about a payment that ended with no answer (lost link,
   * timeout, lane killed): `notCharged` — its last transaction is not this payment, so the
   * shopper may pay again; `unknown` — it could not tell (an attendant must check). An approval
   * found this way is journaled as `payment.approved` instead.
   */
  z.object({ type: z.literal('payment.reconciled'), reference: z.string(), result: z.enum(['notCharged', 'unknown']) }),
  z.object({ type: z.literal('receipt.created'), receipt: ReceiptDocument }),
  z.object({ type: z.literal('receipt.printed') }),
  z.object({ type: z.literal('receipt.failed'), condition: PrinterCondition }),
  // lane-level (transactionId null)
  z.object({ type: z.literal('lane.closed'), by, reason: z.string() }),
  z.object({ type: z.literal('lane.opened'), by }),
  z.object({ type: z.literal('attendant.loggedIn'), by, via: z.enum(['lane', 'bus']) }),
  z.object({ type: z.literal('attendant.loggedOut'), by }),
  z.object({ type: z.literal('attendant.loginFailed'), attendantHint: z.string().optional(), lockedOut: z.boolean() }),
  /** Audit record of every attendant command, applied or refused. */
  z.object({ type: z.literal('attendant.command'), by, commandId: z.string(), command: z.string(), outcome: z.string() }),
]);
export type DomainEvent = z.infer<typeof DomainEvent>;
export type DomainEventType = DomainEvent['type'];
export type EventOf<T extends DomainEventType> = Extract<DomainEvent, { type: T }>;

/** Events that belong to no transaction. */
export const LANE_EVENTS: ReadonlySet<DomainEventType> = new Set([
  'lane.closed',
  'lane.opened',
  'attendant.loggedIn',
  'attendant.loggedOut',
  'attendant.loginFailed',
  'attendant.command',
]);
