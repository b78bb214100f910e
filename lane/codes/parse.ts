/**
 * Barcode data → what was scanned. Pure; never throws; expected failures are returned with
 * `LaneError.detail.reason` ∈ badCheckDigit | badPriceCheckDigit | malformed | unsupported |
 * unknownAi | badDate.
 *
 * Symbology (AIM identifier, ISO/IEC 15424): taken from a `]Xy` prefix in the data if present
 * (it wins), else from the `symbology` argument. The argument may also be a plain hint:
 * `ean13`, `ean8`, `upca`, `upce`, `gtin14`, `gs1`.
 *
 * Rules:
 * - `]E0` EAN-13/UPC-A/UPC-E: 13 digits (or 12), or 8 digits = UPC-E (EAN-8 has its own `]E4`,
 *   so an 8-digit `]E0` code not starting with 0/1 is `malformed`).
 * - `]E4` EAN-8. `]E3` EAN-13 with a 2- or 5-digit add-on: the add-on is ignored.
 * - `]C1` GS1-128, `]e0` GS1 DataBar, `]d2` GS1 DataMatrix, `]Q3` GS1 QR Code, `]J1` GS1
 *   DotCode: GS1 element strings. `]I0`/`]I1` ITF: 14 digits = ITF-14 (GTIN-14).
 * - Any other AIM identifier: `unsupported`.
 * - No symbology: 8 digits → EAN-8, unless `config.upcE8AsDefault` and the first digit is 0/1
 *   (then UPC-E); hint `upce`/`ean8` decides outright; 12 → UPC-A; 13 → EAN-13; 14 → GTIN-14; data starting with `01` + 14 digits
 *   and longer, or holding GS, or starting with GS or `(` → GS1 element string; other digit
 *   strings → `malformed`; anything else → `unsupported`.
 * - A 13-digit code starting with 0 is a UPC-A (same bars) and is reported as `upca`.
 * - EAN-13/UPC-A codes whose 13-digit form matches a variable-measure template prefix (first
 *   match in `config.variableMeasure`) are `variableMeasure`; see `config.ts` for the layout
 *   and the lookup key rule.
 * - Trailing CR/LF (scanner suffix) is ignored.
 */
import { ok } from '../../contracts/errors.ts';
import type { Result } from '../../contracts/errors.ts';
import type { CodeConfig, VariableMeasureTemplate } from './config.ts';
import { codeFailure } from './failure.ts';
import { GS, parseGs1 } from './gs1.ts';
import { expandUpcE, isValidGtin, withCheckDigit } from './gtin.ts';
import { priceCheckDigit } from './priceCheck.ts';

export type RetailSymbology = 'ean13' | 'ean8' | 'upca' | 'upce' | 'gtin14';

export type ParsedCode =
  | { kind: 'gtin'; gtin14: string; symbology: RetailSymbology; original: string }
  | {
      kind: 'variableMeasure';
      /** Catalogue key: value and price check digits zeroed, check digit recomputed. */
      lookupGtin14: string;
      priceMinor?: number;
      weightGrams?: number;
      /** The template's item digits. */
      itemKey: string;
      original: string;
      /** Name of the template that matched. */
      template: string;
    }
  | {
      kind: 'gs1';
      gtin14?: string;
      ais: Record<string, string>;
      weightGrams?: number;
      priceMinor?: number;
      /** ISO 4217 numeric currency of an AI 393n price. */
      currency?: string;
      /** AI 17 (expiration / use by), `YYYY-MM-DD`. */
      expiry?: string;
      /** AI 15 (best before), `YYYY-MM-DD`. */
      bestBefore?: string;
      batch?: string;
      serial?: string;
      original: string;
    };

export interface ParseOptions {
  /** Lane clock (epoch ms), for the GS1 century rule of YYMMDD dates; omitted → 20YY. */
  now?: number;
}

const AIM = /^\][A-Za-z][0-9A-Za-z]/;
const GS1_AIMS = new Set([']C1', ']e0', ']d2', ']Q3', ']J1']);
const HINTS = new Set(['ean13', 'ean8', 'upca', 'upce', 'gtin14', 'gs1']);

function gtin(code: string, symbology: RetailSymbology, original: string): Result<ParsedCode> {
  if (!isValidGtin(code)) return codeFailure('badCheckDigit', `${symbology} check digit is wrong`, { symbology });
  return ok({ kind: 'gtin', gtin14: code.padStart(14, '0'), symbology, original });
}

function upcE(code: string, original: string): Result<ParsedCode> {
  const upca = expandUpcE(code);
  if (upca === null) return codeFailure('malformed', 'not a UPC-E code');
  if (!isValidGtin(upca)) return codeFailure('badCheckDigit', 'upce check digit is wrong', { symbology: 'upce' });
  return ok({ kind: 'gtin', gtin14: upca.padStart(14, '0'), symbology: 'upce', original });
}

function variableMeasure(code13: string, t: VariableMeasureTemplate, original: string): Result<ParsedCode> {
  const value = code13.slice(t.value.start, t.value.start + t.value.length);
  if (!/^\d+$/.test(value)) return codeFailure('malformed', `template ${t.name} value out of range`);
  const digits = code13.split('');
  const pcdAt = t.priceCheckDigit;
  if (pcdAt !== undefined) {
    const expected = priceCheckDigit(value);
    if (expected === null || String(expected) !== digits[pcdAt]) {
      return codeFailure('badPriceCheckDigit', 'price check digit is wrong', { template: t.name });
    }
    digits[pcdAt] = '0';
  }
  for (let i = t.value.start; i < t.value.start + t.value.length && i < 12; i++) digits[i] = '0';
  const lookupGtin14 = withCheckDigit(digits.slice(0, 12).join('')).padStart(14, '0');
  const amount = Number(value);
  return ok({
    kind: 'variableMeasure',
    lookupGtin14,
    ...(t.valueKind === 'price' ? { priceMinor: amount } : { weightGrams: amount }),
    itemKey: code13.slice(t.item.start, t.item.start + t.item.length),
    original,
    template: t.name,
  });
}

/** EAN-13 or UPC-A (12 digits): check digit, then variable-measure templates. */
function ean13OrUpcA(code: string, config: CodeConfig, original: string): Result<ParsedCode> {
  const code13 = code.padStart(13, '0');
  const symbology: RetailSymbology = code13.startsWith('0') ? 'upca' : 'ean13';
  if (!isValidGtin(code13)) return codeFailure('badCheckDigit', `${symbology} check digit is wrong`, { symbology });
  const template = config.variableMeasure.find((t) => t.prefixes.some((p) => code13.startsWith(p)));
  if (template) return variableMeasure(code13, template, original);
  return ok({ kind: 'gtin', gtin14: code13.padStart(14, '0'), symbology, original });
}

function gs1(body: string, config: CodeConfig, original: string, now: number | undefined): Result<ParsedCode> {
  const r = parseGs1(body, config, now);
  if (!r.ok) return r;
  return ok({ kind: 'gs1', ...r.value, original });
}

function retail(body: string, config: CodeConfig, original: string, aim: string | undefined, hint: string | undefined): Result<ParsedCode> {
  if (!/^\d+$/.test(body)) return codeFailure('malformed', 'EAN/UPC data must be digits');
  switch (body.length) {
    case 8: {
      const canBeUpcE = body[0] === '0' || body[0] === '1';
      const asUpcE = hint === 'upce' || (hint === undefined && (aim === ']E0' || (aim === undefined && config.upcE8AsDefault && canBeUpcE)));
      if (!asUpcE) return gtin(body, 'ean8', original);
      return canBeUpcE ? upcE(body, original) : codeFailure('malformed', 'UPC-E starts with 0 or 1');
    }
    case 12:
    case 13:
      return ean13OrUpcA(body, config, original);
    case 14:
      return aim === undefined ? gtin(body, 'gtin14', original) : codeFailure('malformed', 'EAN/UPC data has a wrong length', { length: 14 });
    default:
      return codeFailure('malformed', 'EAN/UPC data has a wrong length', { length: body.length });
  }
}

/** Parse scanned barcode data. See the module comment for the rules. */
export function parseScan(data: string, config: CodeConfig, symbology?: string, options: ParseOptions = {}): Result<ParsedCode> {
  if (typeof data !== 'string') return codeFailure('malformed', 'no data');
  const original = data;
  let body = data.replace(/[\r\n]+$/, '');
  let aim: string | undefined;
  let hint: string | undefined;
  if (AIM.test(body)) {
    aim = body.slice(0, 3);
    body = body.slice(3);
  } else if (symbology !== undefined && AIM.test(symbology) && symbology.length === 3) {
    aim = symbology;
  } else if (symbology !== undefined && HINTS.has(symbology)) {
    hint = symbology;
  }
  if (body.length === 0) return codeFailure('malformed', 'no data');
  const now = options.now;

  if (aim !== undefined) {
    if (GS1_AIMS.has(aim)) return gs1(body, config, original, now);
    switch (aim) {
      case ']E0':
        return retail(body, config, original, aim, hint);
      case ']E4':
        return body.length === 8 && /^\d+$/.test(body) ? gtin(body, 'ean8', original) : codeFailure('malformed', 'EAN-8 needs 8 digits');
      case ']E3': {
        const main = body.length === 15 || body.length === 18 ? body.slice(0, 13) : '';
        return main ? retail(main, config, original, ']E0', hint) : codeFailure('malformed', 'EAN with add-on needs 15 or 18 digits');
      }
      case ']I0':
      case ']I1':
        return /^\d{14}$/.test(body) ? gtin(body, 'gtin14', original) : codeFailure('unsupported', 'ITF data is not an ITF-14', { symbology: aim });
      default:
        return codeFailure('unsupported', `symbology ${aim} is not supported`, { symbology: aim });
    }
  }

  if (hint === 'gs1' || body.startsWith(GS) || body.startsWith('(') || body.includes(GS)) return gs1(body, config, original, now);
  if (/^\d+$/.test(body)) {
    if (body.length >= 16 && body.startsWith('01')) return gs1(body, config, original, now);
    return retail(body, config, original, undefined, hint);
  }
  // Digits followed by text may still be a GS1 element string without separators (e.g. 01…10ABC).
  if (/^01\d{14}/.test(body)) return gs1(body, config, original, now);
  return codeFailure('unsupported', 'not a product code');
}
