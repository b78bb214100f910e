import { z } from 'zod';
import { Language, LocalizedText, Unit } from './catalogue.ts';
import { DeclineReason, DeviceHealth, DeviceName, PrinterCondition, ScaleReading, TerminalPrompt } from './devices.ts';

/**
 * Screens of the shopper UI. The lane service decides which one shows.
 * - attract: idle, waiting for a shopper
 * - scanning: a transaction is open, items are scanned and bagged
 * - produceLookup: the shopper is picking an unbarcoded item (PLU, search, categories)
 * - payment: tender choice, amount shown, basket still editable by going back
 * - paying: the card terminal has the amount; amount frozen
 * - thanks: paid; receipt printed (or why not)
 * - attendant: an attendant is logged in at the lane
 * - outOfService: the lane is closed
 */
export const Screen = z.enum(['attract', 'scanning', 'produceLookup', 'payment', 'paying', 'thanks', 'attendant', 'outOfService']);
export type Screen = z.infer<typeof Screen>;

export const InterventionKind = z.enum([
  'ageCheck',
  'unknownItem',
  'unexpectedItem',
  'itemRemoved',
  'weightMismatch',
  'skipBagging',
  'voidRequest',
  'cancelRequest',
  'help',
  'paymentTrouble',
  'paperOut',
]);
export type InterventionKind = z.infer<typeof InterventionKind>;

/** Interventions that stop the shopper flow until an attendant resolves them. `help` does not. */
export const BLOCKING_KINDS: ReadonlySet<InterventionKind> = new Set<InterventionKind>([
  'ageCheck',
  'unknownItem',
  'unexpectedItem',
  'itemRemoved',
  'weightMismatch',
  'skipBagging',
  'voidRequest',
  'cancelRequest',
  'paymentTrouble',
  'paperOut',
]);

export const Intervention = z.object({
  id: z.string(),
  kind: InterventionKind,
  /** Epoch ms when raised (lane clock). */
  since: z.number().int(),
  blocking: z.boolean(),
  /**
   * Kind-specific detail: ageCheck {itemName, ageLimit}; weight kinds {expectedGrams,
   * measuredGrams, toleranceGrams, itemName?}; unknownItem {code}; voidRequest {lineId, itemName};
   * paymentTrouble {reason}; paperOut {}.
   */
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type Intervention = z.infer<typeof Intervention>;

export const Discount = z.object({
  promotionId: z.string(),
  label: z.string(),
  /** Positive amount taken off. */
  amountMinor: z.number().int().nonnegative(),
});
export type Discount = z.infer<typeof Discount>;

export const ViewLine = z.object({
  lineId: z.string(),
  itemId: z.string(),
  code: z.string(),
  /** In the view's language (the shopper's). */
  name: z.string(),
  /** The catalogue's name in every language it has, for viewers in another language (the console). */
  names: LocalizedText.optional(),
  unit: Unit,
  /** For `each` lines. */
  quantity: z.number().int().positive().optional(),
  /** For `kg` lines (and variable-measure codes with embedded weight). */
  weightGrams: z.number().int().positive().optional(),
  unitPriceMinor: z.number().int().nonnegative(),
  /** Before discounts. */
  totalMinor: z.number().int().nonnegative(),
  discounts: z.array(Discount),
  ageLimit: z.number().int().optional(),
  /** Price changed by an attendant. */
  overridden: z.boolean().default(false),
});
export type ViewLine = z.infer<typeof ViewLine>;

/** What a line's discounts take off it (minor units). Pure. */
export function lineDiscountMinor(line: Pick<ViewLine, 'discounts'>): number {
  return line.discounts.reduce((sum, d) => sum + d.amountMinor, 0);
}

/** What the shopper pays for a line: its total less its discounts. The view's lines add up to `totalMinor`. Pure. */
export function lineNetMinor(line: Pick<ViewLine, 'totalMinor' | 'discounts'>): number {
  return line.totalMinor - lineDiscountMinor(line);
}

export const TaxLine = z.object({
  taxClass: z.string(),
  rateBasisPoints: z.number().int(),
  grossMinor: z.number().int(),
  taxMinor: z.number().int(),
});
export type TaxLine = z.infer<typeof TaxLine>;

/** Prompt ids; the UI maps them to localised text. `params` fill placeholders. */
export const PromptId = z.enum([
  'touchToStart',
  'scanItem',
  'placeItemInBag',
  'waitForScale',
  'assistantComing',
  'selectProduce',
  'placeOnProduceScale',
  'produceScaleUnstable',
  'produceScaleOverload',
  'produceScaleUnderZero',
  'produceScaleZeroError',
  'produceScaleEmpty',
  'chooseTender',
  'followTerminal',
  'paymentDeclined',
  'takeReceipt',
  'receiptUnavailable',
  'stillThere',
  'attendantMenu',
  'laneClosed',
  'unknownItem',
  'removeUnexpectedItem',
  'returnRemovedItem',
  'placeOwnBag',
]);
export type PromptId = z.infer<typeof PromptId>;

export const Prompt = z.object({
  id: PromptId,
  params: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
});
export type Prompt = z.infer<typeof Prompt>;

export const PaymentView = z.object({
  amountMinor: z.number().int(),
  status: z.enum(['choosing', 'waiting', 'approved', 'declined', 'cancelled']),
  terminalPrompt: TerminalPrompt.optional(),
  declineReason: DeclineReason.optional(),
  /** Attempts in this transaction. */
  attempts: z.number().int().nonnegative(),
  reference: z.string().optional(),
  maskedPan: z.string().optional(),
});
export type PaymentView = z.infer<typeof PaymentView>;

export const ReceiptView = z.object({
  status: z.enum(['printing', 'printed', 'failed']),
  reason: PrinterCondition.optional(),
  /** For the e-receipt QR code. */
  url: z.string().optional(),
});
export type ReceiptView = z.infer<typeof ReceiptView>;

export const ProduceView = z.object({
  selectedItemId: z.string().optional(),
  selectedName: z.string().optional(),
  pricePerKgMinor: z.number().int().optional(),
  reading: ScaleReading.optional(),
  /** Computed for a stable, positive reading. */
  priceMinor: z.number().int().optional(),
});
export type ProduceView = z.infer<typeof ProduceView>;

export const AttendantView = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(['attendant', 'supervisor']),
});
export type AttendantView = z.infer<typeof AttendantView>;

export const BaggingView = z.object({
  /** Stable weight currently in the bagging area (grams). */
  measuredGrams: z.number().int(),
  /** What the basket should weigh (grams). */
  expectedGrams: z.number().int(),
  /** Line waiting to be bagged, if any. */
  awaitingLineId: z.string().optional(),
});
export type BaggingView = z.infer<typeof BaggingView>;

/** Everything any screen needs, pushed by the lane service on every change. */
export const LaneView = z.object({
  laneId: z.string(),
  /** Increases on every change; lets clients drop stale views. */
  seq: z.number().int().nonnegative(),
  screen: Screen,
  transactionId: z.string().nullable(),
  lines: z.array(ViewLine),
  /** Line id of the most recent scan (shown large). */
  lastLineId: z.string().nullable(),
  itemCount: z.number().int().nonnegative(),
  subtotalMinor: z.number().int(),
  discountMinor: z.number().int(),
  totalMinor: z.number().int(),
  taxes: z.array(TaxLine),
  currency: z.string().length(3),
  language: Language,
  blocked: z.boolean(),
  interventions: z.array(Intervention),
  prompt: Prompt,
  devices: z.record(DeviceName, DeviceHealth),
  bagging: BaggingView,
  produce: ProduceView.nullable(),
  payment: PaymentView.nullable(),
  receipt: ReceiptView.nullable(),
  attendant: AttendantView.nullable(),
  ownBag: z.boolean(),
  ageVerified: z.boolean(),
  /** Reason the lane is closed; shown to staff only. */
  closedReason: z.string().nullable(),
  /** Lane clock at the time of this view (epoch ms). */
  now: z.number().int(),
});
export type LaneView = z.infer<typeof LaneView>;
