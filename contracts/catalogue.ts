import { z } from 'zod';

/** UI languages. `fa` is Persian (right-to-left). */
export const Language = z.enum(['en', 'de', 'ru', 'fa']);
export type Language = z.infer<typeof Language>;
export const LANGUAGES: readonly Language[] = Language.options;

/** Names per language; `en` is required and is the fallback. */
export const LocalizedText = z.object({
  en: z.string().min(1),
  de: z.string().min(1).optional(),
  ru: z.string().min(1).optional(),
  fa: z.string().min(1).optional(),
});
export type LocalizedText = z.infer<typeof LocalizedText>;

export function localize(text: LocalizedText, language: Language): string {
  return text[language] ?? text.en;
}

export const Unit = z.enum(['each', 'kg']);
export type Unit = z.infer<typeof Unit>;

/**
 * One sellable item in the documented catalogue import format (fixtures/catalogue.json).
 * Money in integer minor units; weights in integer grams.
 */
export const CatalogueItem = z
  .object({
    /** Stable internal id (SKU). */
    id: z.string().min(1).max(64),
    /** Barcodes that identify this item: GTIN-8/12/13/14 (check digit included). Several allowed. */
    codes: z.array(z.string().regex(/^\d{8,14}$/)).default([]),
    /** Price look-up code for produce (4–5 digits, IFPS style). */
    plu: z.string().regex(/^\d{4,5}$/).optional(),
    name: LocalizedText,
    /** Price per unit: per item for `each`, per kilogram for `kg`. */
    priceMinor: z.number().int().nonnegative(),
    unit: Unit.default('each'),
    /** Expected gross weight of one unit on the bagging scale (grams). `each` items only. */
    weightGrams: z.number().int().nonnegative().optional(),
    /** Allowed deviation (grams) around `weightGrams`; omitted → lane default rule. */
    toleranceGrams: z.number().int().nonnegative().optional(),
    /** True for items the bagging scale cannot see (gift cards, greeting cards). */
    noWeight: z.boolean().default(false),
    /** Minimum buyer age (e.g. 16, 18); omitted → none. */
    ageLimit: z.number().int().min(1).max(99).optional(),
    /** Tax class key into the lane's tax table (e.g. `standard`, `reduced`). */
    taxClass: z.string().min(1).default('standard'),
    category: z.string().min(1),
    /** Picture: path relative to the catalogue file or an URL. */
    picture: z.string().optional(),
    /** Promotion group keys this item belongs to (for mix and match). */
    groups: z.array(z.string()).default([]),
  })
  .refine((i) => i.codes.length > 0 || i.plu !== undefined, { message: 'an item needs a code or a PLU', path: ['codes'] });
export type CatalogueItem = z.infer<typeof CatalogueItem>;
export type CatalogueItemInput = z.input<typeof CatalogueItem>;

export const Category = z.object({
  id: z.string().min(1),
  name: LocalizedText,
  picture: z.string().optional(),
  /** Shown on the produce look-up screen. */
  produce: z.boolean().default(false),
});
export type Category = z.infer<typeof Category>;

/**
 * Promotions. All amounts in minor units.
 * - `multibuy`: buy `buy` of the item(s), pay for `pay` (3 for 2).
 * - `fixedPrice`: `quantity` items for `priceMinor` (2 for 3.00).
 * - `mixMatch`: any `quantity` items from `group` for `priceMinor`.
 * - `percent`: `percent` off each matching item (or group).
 * - `fixedOff`: `amountMinor` off each matching item.
 */
const PromotionBase = z.object({
  id: z.string().min(1),
  label: LocalizedText,
  /** Item ids the promotion applies to (or use `group`). */
  items: z.array(z.string()).default([]),
  group: z.string().optional(),
  /** ISO timestamps; omitted → always valid. */
  validFrom: z.string().optional(),
  validTo: z.string().optional(),
});
export const Promotion = z.discriminatedUnion('kind', [
  PromotionBase.extend({ kind: z.literal('multibuy'), buy: z.number().int().min(2), pay: z.number().int().min(1) }),
  PromotionBase.extend({ kind: z.literal('fixedPrice'), quantity: z.number().int().min(2), priceMinor: z.number().int().nonnegative() }),
  PromotionBase.extend({ kind: z.literal('mixMatch'), quantity: z.number().int().min(2), priceMinor: z.number().int().nonnegative() }),
  PromotionBase.extend({ kind: z.literal('percent'), percent: z.number().int().min(1).max(100) }),
  PromotionBase.extend({ kind: z.literal('fixedOff'), amountMinor: z.number().int().positive() }),
]);
export type Promotion = z.infer<typeof Promotion>;

/** Tax rates in basis points (19 % = 1900), keyed by tax class. Prices are tax-inclusive. */
export const TaxTable = z.record(z.string(), z.number().int().min(0).max(10_000));
export type TaxTable = z.infer<typeof TaxTable>;

/** The documented catalogue file. */
export const CatalogueFile = z.object({
  version: z.literal(1),
  currency: z.string().length(3),
  taxes: TaxTable,
  categories: z.array(Category),
  items: z.array(CatalogueItem),
  promotions: z.array(Promotion).default([]),
});
export type CatalogueFile = z.infer<typeof CatalogueFile>;
