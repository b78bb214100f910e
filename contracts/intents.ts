import { z } from 'zod';
import { Language } from './catalogue.ts';
import { InterventionKind } from './view.ts';

/** What the shopper's touch UI may ask the lane to do. */
export const ShopperIntent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('session.start') }),
  z.object({ type: z.literal('ownBag.declare') }),
  z.object({ type: z.literal('scan.manual'), code: z.string().regex(/^[0-9]{4,14}$/, 'digits only, 4 to 14') }),
  z.object({ type: z.literal('produce.open') }),
  z.object({ type: z.literal('produce.select'), itemId: z.string().min(1).optional(), plu: z.string().regex(/^\d{4,5}$/).optional() }),
  z.object({ type: z.literal('produce.confirm') }),
  z.object({ type: z.literal('produce.cancel') }),
  z.object({ type: z.literal('quantity.set'), lineId: z.string().min(1), quantity: z.number().int().min(1).max(99) }),
  z.object({ type: z.literal('void.request'), lineId: z.string().min(1) }),
  z.object({ type: z.literal('cancel.request') }),
  z.object({ type: z.literal('help.request') }),
  z.object({ type: z.literal('bagging.skip') }),
  z.object({ type: z.literal('language.set'), language: Language }),
  z.object({ type: z.literal('pay.start') }),
  z.object({ type: z.literal('pay.back') }),
  z.object({ type: z.literal('pay.card') }),
  z.object({ type: z.literal('pay.cancel') }),
  z.object({ type: z.literal('session.stillHere') }),
  z.object({ type: z.literal('session.finish') }),
  z.object({ type: z.literal('attendant.login'), pin: z.string().regex(/^\d{4,8}$/) }),
  z.object({ type: z.literal('attendant.logout') }),
]);
export type ShopperIntent = z.infer<typeof ShopperIntent>;
export type ShopperIntentType = ShopperIntent['type'];

/**
 * What an attendant may do, at the lane (after PIN login) or from the console over the bus.
 * `id` makes the command idempotent; `expiresAt` (epoch ms) bounds its life.
 */
const CommandBase = z.object({
  id: z.string().min(8).max(64),
  /** Attendant id; authority is checked by the lane, never trusted from the sender alone. */
  by: z.string().min(1),
  expiresAt: z.number().int().optional(),
});
export const AttendantCommand = z.discriminatedUnion('type', [
  CommandBase.extend({ type: z.literal('intervention.approve'), interventionId: z.string().optional(), kind: InterventionKind.optional() }),
  CommandBase.extend({ type: z.literal('intervention.deny'), interventionId: z.string().optional(), kind: InterventionKind.optional() }),
  CommandBase.extend({ type: z.literal('item.void'), lineId: z.string().min(1) }),
  CommandBase.extend({ type: z.literal('price.override'), lineId: z.string().min(1), unitPriceMinor: z.number().int().nonnegative() }),
  CommandBase.extend({ type: z.literal('transaction.cancel') }),
  /** Park the open basket (journaled with its lines); the lane returns to attract. */
  CommandBase.extend({ type: z.literal('transaction.suspend') }),
  /** Recall a basket suspended at this lane (only while the lane is idle). */
  CommandBase.extend({ type: z.literal('transaction.resume'), transactionId: z.string().min(1).max(128) }),
  CommandBase.extend({ type: z.literal('receipt.reprint') }),
  CommandBase.extend({ type: z.literal('lane.close'), reason: z.string().min(1).max(200) }),
  CommandBase.extend({ type: z.literal('lane.open') }),
]);
export type AttendantCommand = z.infer<typeof AttendantCommand>;
export type AttendantCommandType = AttendantCommand['type'];

/** Commands that need the supervisor role. */
export const SUPERVISOR_COMMANDS: ReadonlySet<AttendantCommandType> = new Set(['price.override', 'lane.close', 'lane.open']);
