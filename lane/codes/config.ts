import { z } from 'zod';

/**
 * Configuration of barcode parsing: in-store variable-measure templates and the ambiguity
 * rules. Validate with `CodeConfig.parse` when loading; `parseScan` trusts what it is given.
 */

/** A run of digits in the 13-digit form of a code: 0-based `start`, `length` digits. */
export const DigitSpan = z.object({
  start: z.number().int().min(0).max(11),
  length: z.number().int().min(1).max(11),
});
export type DigitSpan = z.infer<typeof DigitSpan>;

const within = (s: DigitSpan, index: number): boolean => index >= s.start && index < s.start + s.length;
const overlaps = (a: DigitSpan, b: DigitSpan): boolean => a.start < b.start + b.length && b.start < a.start + a.length;

/**
 * One in-store (restricted circulation) variable-measure layout. Positions index the code in
 * its 13-digit form: EAN-13 as is, UPC-A with a leading `0` (so UPC number system 2 is prefix
 * `02`). Index 12 is the EAN check digit and may not be used.
 *
 * Catalogue lookup rule: the key is the code with the `value` digits (and the price check
 * digit, if any) set to 0 and the EAN check digit recomputed, as a GTIN-14.
 */
export const VariableMeasureTemplate = z
  .object({
    name: z.string().min(1).max(64),
    /** Leading digits of the 13-digit form this template applies to, e.g. `20`, `02`. */
    prefixes: z.array(z.string().regex(/^\d{1,3}$/)).min(1),
    /** Digits naming the item (reported as `itemKey`; they stay in the lookup key). */
    item: DigitSpan,
    /** Digits holding the price (minor units) or weight (grams). */
    value: DigitSpan,
    valueKind: z.enum(['price', 'weight']),
    /** Index of the GS1 price/weight check digit (§7.9.3) over `value`; needs a 4- or 5-digit value. */
    priceCheckDigit: z.number().int().min(0).max(11).optional(),
  })
  .superRefine((t, ctx) => {
    for (const key of ['item', 'value'] as const) {
      if (t[key].start + t[key].length > 12) ctx.addIssue({ code: 'custom', path: [key], message: 'must end before the EAN check digit (index 12)' });
    }
    if (overlaps(t.item, t.value)) ctx.addIssue({ code: 'custom', path: ['value'], message: 'value overlaps item' });
    if (t.value.length > 9) ctx.addIssue({ code: 'custom', path: ['value', 'length'], message: 'at most 9 value digits' });
    const pcd = t.priceCheckDigit;
    if (pcd !== undefined) {
      if (t.value.length !== 4 && t.value.length !== 5) ctx.addIssue({ code: 'custom', path: ['priceCheckDigit'], message: 'a price check digit needs a 4- or 5-digit value' });
      if (within(t.item, pcd) || within(t.value, pcd)) ctx.addIssue({ code: 'custom', path: ['priceCheckDigit'], message: 'price check digit overlaps item or value' });
    }
  });
export type VariableMeasureTemplate = z.infer<typeof VariableMeasureTemplate>;

/**
 * Default templates (13-digit form, digits numbered 1–13 here for readability):
 * - `storePrice`, prefixes 20–24: `2p IIIII V PPPP C` — item in digits 3–7, GS1 price check
 *   digit in digit 8, 4-digit price in minor units in digits 9–12 (up to 99.99).
 * - `storeWeight`, prefixes 25–29: `2p IIIII WWWWW C` — item in digits 3–7, net weight in grams
 *   in digits 8–12 (up to 99.999 kg); no price check digit.
 * - `upcPrice`, prefix 02 (EAN-13 `02…` and UPC-A number system 2): `02 IIIII PPPPP C` — item in
 *   digits 3–7, 5-digit price in minor units in digits 8–12; no price check digit.
 */
export const defaultVariableMeasureTemplates: readonly VariableMeasureTemplate[] = [
  {
    name: 'storePrice',
    prefixes: ['20', '21', '22', '23', '24'],
    item: { start: 2, length: 5 },
    priceCheckDigit: 7,
    value: { start: 8, length: 4 },
    valueKind: 'price',
  },
  {
    name: 'storeWeight',
    prefixes: ['25', '26', '27', '28', '29'],
    item: { start: 2, length: 5 },
    value: { start: 7, length: 5 },
    valueKind: 'weight',
  },
  {
    name: 'upcPrice',
    prefixes: ['02'],
    item: { start: 2, length: 5 },
    value: { start: 7, length: 5 },
    valueKind: 'price',
  },
];

export const CodeConfig = z.object({
  /** Checked in order; the first template with a matching prefix wins. */
  variableMeasure: z.array(VariableMeasureTemplate).default(() => [...defaultVariableMeasureTemplates]),
  /**
   * An 8-digit code starting with 0 or 1 is ambiguous (EAN-8 or UPC-E). With no symbology
   * identifier saying which, it is read as EAN-8 unless this flag is set.
   */
  upcE8AsDefault: z.boolean().default(false),
  /** Decimal places of the store currency (2 for EUR, 0 for JPY). */
  currencyExponent: z.number().int().min(0).max(4).default(2),
  /**
   * ISO 4217 numeric code of the store currency (`978` for EUR). An AI 393n price in another
   * currency is reported but gives no `priceMinor`. Omitted → any 393n price is taken as local.
   */
  currencyNumeric: z.string().regex(/^\d{3}$/).optional(),
});
export type CodeConfig = z.infer<typeof CodeConfig>;
export type CodeConfigInput = z.input<typeof CodeConfig>;

export const defaultCodeConfig: CodeConfig = {
  variableMeasure: [...defaultVariableMeasureTemplates],
  upcE8AsDefault: false,
  currencyExponent: 2,
  currencyNumeric: '978',
};
