import { z } from 'zod';
import { Language } from './catalogue.ts';
import { LaneErrorSchema } from './errors.ts';
import { AttendantCommand, ShopperIntent } from './intents.ts';
import { LaneView } from './view.ts';

/**
 * The lane service's WebSocket API (loopback + token), used by the shopper UI, the
 * simulator panel and the Electron shell alike. Every frame is JSON validated by these schemas.
 */

/** A catalogue query the produce-lookup screen makes; answered with `SearchResult`. */
export const CatalogueQuery = z.discriminatedUnion('type', [
  z.object({ type: z.literal('catalogue.search'), text: z.string().max(64), language: Language, limit: z.number().int().min(1).max(100).default(24) }),
  z.object({ type: z.literal('catalogue.category'), categoryId: z.string(), language: Language, limit: z.number().int().min(1).max(200).default(48) }),
  z.object({ type: z.literal('catalogue.categories'), language: Language, produceOnly: z.boolean().default(true) }),
]);
export type CatalogueQuery = z.infer<typeof CatalogueQuery>;

export const SearchHit = z.object({
  itemId: z.string(),
  name: z.string(),
  plu: z.string().optional(),
  priceMinor: z.number().int(),
  unit: z.enum(['each', 'kg']),
  picture: z.string().optional(),
  category: z.string(),
});
export type SearchHit = z.infer<typeof SearchHit>;
export const CategoryHit = z.object({ id: z.string(), name: z.string(), picture: z.string().optional() });
export type CategoryHit = z.infer<typeof CategoryHit>;

/** Client → service. */
export const ClientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('intent'), id: z.string().min(1).max(64), intent: ShopperIntent }),
  z.object({ type: z.literal('command'), id: z.string().min(1).max(64), pin: z.string().regex(/^\d{4,8}$/).optional(), command: AttendantCommand }),
  z.object({ type: z.literal('query'), id: z.string().min(1).max(64), query: CatalogueQuery }),
  z.object({ type: z.literal('hello'), client: z.enum(['shopper', 'attendant', 'simulator', 'test']) }),
  z.object({ type: z.literal('sim'), id: z.string().min(1).max(64), action: z.lazy(() => SimAction) }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

/** Short cues the UI turns into sounds and animations. */
export const Cue = z.enum(['scanAccepted', 'scanRejected', 'interventionRaised', 'interventionResolved', 'paymentApproved', 'paymentDeclined']);
export type Cue = z.infer<typeof Cue>;

/** Service → client. */
export const ServerMessage = z.union([
  z.object({ type: z.literal('view'), view: LaneView }),
  z.object({ type: z.literal('cue'), cue: Cue, at: z.number().int() }),
  z.object({ type: z.literal('reply'), id: z.string(), ok: z.literal(true), value: z.unknown().optional() }),
  z.object({ type: z.literal('reply'), id: z.string(), ok: z.literal(false), error: LaneErrorSchema }),
]);
export type ServerMessage = z.infer<typeof ServerMessage>;

/**
 * Simulator actions: what the simulator panel (and the scenario runner) may do to the
 * simulated devices of a lane. Only accepted by a lane started with simulated devices.
 */
export const SimAction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('scan'), data: z.string().min(1).max(512), symbology: z.string().optional(), via: z.enum(['serial', 'hid', 'wedge']).optional() }),
  /** Bagging scale changes by `grams` (negative = taken away). */
  z.object({ type: z.literal('bagGrams'), grams: z.number().int() }),
  z.object({ type: z.literal('produceGrams'), grams: z.number().int(), stable: z.boolean().default(true) }),
  z.object({ type: z.literal('scaleState'), scale: z.enum(['produceScale', 'baggingScale']), state: z.enum(['stable', 'motion', 'overload', 'underZero', 'zeroError']) }),
  z.object({ type: z.literal('card'), behaviour: z.enum(['approve', 'decline', 'cancel', 'timeout', 'lostCompletion', 'lostAnswer']) }),
  z.object({ type: z.literal('printer'), condition: z.enum(['ok', 'paperOut', 'coverOpen', 'paperNearEnd']) }),
  z.object({ type: z.literal('unplug'), device: z.enum(['scanner', 'produceScale', 'baggingScale', 'printer', 'terminal']) }),
  z.object({ type: z.literal('replug'), device: z.enum(['scanner', 'produceScale', 'baggingScale', 'printer', 'terminal']) }),
]);
export type SimAction = z.infer<typeof SimAction>;
