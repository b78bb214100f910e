/**
 * GS1 element strings (GS1 General Specifications §3 Application Identifiers, §5.10 and
 * §7.8 processing of element strings). Used for GS1-128, GS1 DataBar, GS1 DataMatrix and
 * GS1 QR Code; FNC1 as a field separator arrives as GS (0x1D).
 */
import { ok } from '../../contracts/errors.ts';
import type { Result } from '../../contracts/errors.ts';
import type { CodeConfig } from './config.ts';
import { codeFailure } from './failure.ts';
import { gtinCheckDigit } from './gtin.ts';

/** ASCII group separator: how scanners transmit FNC1 used as a separator. */
export const GS = '\u001d';

interface AiSpec {
  /** `n` numeric, `x` GS1 AI encodable character set 82. */
  format: 'n' | 'x';
  min: number;
  max: number;
  /** Last digit is a GS1 mod-10 check digit (GTIN, SSCC, GLN). */
  check?: boolean;
  /** YYMMDD with day 00 allowed. */
  date?: boolean;
}

const n = (min: number, max = min, extra: Partial<AiSpec> = {}): AiSpec => ({ format: 'n', min, max, ...extra });
const x = (max: number): AiSpec => ({ format: 'x', min: 1, max });

/** The AIs this lane understands. An AI not in here cannot be delimited, so the scan is refused. */
const AIS = new Map<string, AiSpec>([
  ['00', n(18, 18, { check: true })], // SSCC
  ['01', n(14, 14, { check: true })], // GTIN
  ['02', n(14, 14, { check: true })], // GTIN of contained trade items
  ['10', x(20)], // batch or lot
  ['11', n(6, 6, { date: true })], // production date
  ['12', n(6, 6, { date: true })], // due date
  ['13', n(6, 6, { date: true })], // packaging date
  ['15', n(6, 6, { date: true })], // best before
  ['16', n(6, 6, { date: true })], // sell by
  ['17', n(6, 6, { date: true })], // expiration (use by)
  ['20', n(2)], // variant
  ['21', x(20)], // serial
  ['22', x(20)], // consumer product variant
  ['240', x(30)], // additional product id
  ['241', x(30)], // customer part number
  ['250', x(30)], // secondary serial
  ['251', x(30)], // reference to source entity
  ['30', n(1, 8)], // variable count
  ['37', n(1, 8)], // count of trade items
  ['400', x(30)], // customer's purchase order
  ['401', x(30)], // GINC
  ['420', x(20)], // ship-to postal code
  ['90', x(30)], // mutually agreed between partners
]);
// 31nn–36nn measures: 6 digits, 4th AI digit = decimal places (0–5).
const MEASURE_AIS: Record<string, string> = { '31': '0123456', '32': '0123456789', '33': '01234567', '34': '0123456789', '35': '01234567', '36': '0123456789' };
for (const [head, thirds] of Object.entries(MEASURE_AIS)) {
  for (const third of thirds) for (let d = 0; d <= 5; d++) AIS.set(`${head}${third}${d}`, n(6));
}
for (let d = 0; d <= 9; d++) {
  AIS.set(`392${d}`, n(1, 15)); // amount payable, single monetary area, d decimals
  AIS.set(`393${d}`, n(4, 18)); // ISO 4217 numeric currency + amount payable
}
for (let gln = 410; gln <= 415; gln++) AIS.set(String(gln), n(13, 13, { check: true }));
for (let internal = 91; internal <= 99; internal++) AIS.set(String(internal), x(90)); // company internal, kept raw

/**
 * Data lengths of AIs whose length is predefined by their first two digits (GS1 General
 * Specifications Figure 7.8.5-2): no FNC1 separator follows them. Every other AI ends at GS or
 * at the end of the data.
 */
const PREDEFINED_LENGTH: Readonly<Record<string, number>> = {
  '00': 18, '01': 14, '02': 14, '03': 14, '04': 16,
  '11': 6, '12': 6, '13': 6, '14': 6, '15': 6, '16': 6, '17': 6, '18': 6, '19': 6,
  '20': 2, '31': 6, '32': 6, '33': 6, '34': 6, '35': 6, '36': 6, '41': 13,
};

const CSET82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]+$/;
const DIGITS = /^\d+$/;

function findAi(s: string, at: number): string | null {
  for (const len of [2, 3, 4]) {
    const ai = s.slice(at, at + len);
    if (ai.length === len && AIS.has(ai)) return ai;
  }
  return null;
}

type Element = readonly [ai: string, value: string];

/** Split a raw element string (FNC1 as GS) into AI/value pairs. */
function splitRaw(s: string): Result<Element[]> {
  const out: Element[] = [];
  let i = 0;
  while (i < s.length) {
    if (s[i] === GS) {
      i++;
      continue;
    }
    const ai = findAi(s, i);
    if (ai === null) {
      const head = s.slice(i, i + 4);
      return /^\d\d/.test(head)
        ? codeFailure('unknownAi', `unknown application identifier at ${head}`, { at: i })
        : codeFailure('malformed', 'expected an application identifier', { at: i });
    }
    i += ai.length;
    const fixed = PREDEFINED_LENGTH[ai.slice(0, 2)];
    let end: number;
    if (fixed !== undefined) {
      end = i + fixed;
      if (end > s.length) return codeFailure('malformed', `AI ${ai} needs ${fixed} characters`, { ai });
    } else {
      const gs = s.indexOf(GS, i);
      end = gs === -1 ? s.length : gs;
    }
    out.push([ai, s.slice(i, end)]);
    i = end;
  }
  return ok(out);
}

/** Split the human-readable form `(01)09501101530003(17)251231` into AI/value pairs. */
function splitBracketed(s: string): Result<Element[]> {
  const out: Element[] = [];
  const re = /\((\d{2,4})\)([^()]*)/y;
  let i = 0;
  while (i < s.length) {
    re.lastIndex = i;
    const m = re.exec(s);
    if (!m) return codeFailure('malformed', 'bad bracketed element string', { at: i });
    const ai = m[1] ?? '';
    if (!AIS.has(ai)) return codeFailure('unknownAi', `unknown application identifier ${ai}`, { ai });
    out.push([ai, m[2] ?? '']);
    i = re.lastIndex;
  }
  return ok(out);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * A GS1 date YYMMDD as `YYYY-MM-DD`; null when impossible. Day 00 means the last day of the
 * month (§7.12). Century: with `nowMs`, the §7.12 sliding window (YY 51–99 years ahead of the
 * current year → previous century, 50–99 years behind → next century); without it 20YY.
 */
export function gs1Date(yymmdd: string, nowMs?: number): string | null {
  if (!/^\d{6}$/.test(yymmdd)) return null;
  const yy = Number(yymmdd.slice(0, 2));
  const mm = Number(yymmdd.slice(2, 4));
  const dd = Number(yymmdd.slice(4, 6));
  if (mm < 1 || mm > 12) return null;
  let year = 2000 + yy;
  if (nowMs !== undefined && Number.isFinite(nowMs)) {
    const current = new Date(nowMs).getUTCFullYear();
    if (Number.isFinite(current)) {
      const century = current - (current % 100);
      const diff = yy - (current % 100);
      year = century + yy + (diff >= 51 ? -100 : diff <= -50 ? 100 : 0);
    }
  }
  const last = daysInMonth(year, mm);
  if (dd > last) return null;
  const pad = (v: number): string => String(v).padStart(2, '0');
  return `${String(year).padStart(4, '0')}-${pad(mm)}-${pad(dd === 0 ? last : dd)}`;
}

function validate(ai: string, value: string, nowMs: number | undefined): Result<string> {
  const spec = AIS.get(ai);
  if (!spec) return codeFailure('unknownAi', `unknown application identifier ${ai}`, { ai });
  if (value.length < spec.min || value.length > spec.max) {
    return codeFailure('malformed', `AI ${ai} needs ${spec.min === spec.max ? spec.min : `${spec.min}–${spec.max}`} characters`, { ai });
  }
  if (!(spec.format === 'n' ? DIGITS : CSET82).test(value)) {
    return codeFailure('malformed', `AI ${ai} has characters not allowed (${spec.format === 'n' ? 'digits only' : 'GS1 character set 82'})`, { ai });
  }
  if (spec.check && gtinCheckDigit(value.slice(0, -1)) !== value.charCodeAt(value.length - 1) - 48) {
    return codeFailure('badCheckDigit', `AI ${ai} has a wrong check digit`, { ai });
  }
  if (spec.date) {
    const iso = gs1Date(value, nowMs);
    if (iso === null) return codeFailure('badDate', `AI ${ai} is not a date`, { ai, value });
    return ok(iso);
  }
  return ok(value);
}

/** `value × 10^shift`, rounded half up when `shift` is negative; null beyond safe integers. */
function scaleDecimal(value: string, shift: number): number | null {
  let v = BigInt(value);
  if (shift >= 0) v *= 10n ** BigInt(shift);
  else {
    const div = 10n ** BigInt(-shift);
    v = (v + div / 2n) / div;
  }
  return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : null;
}

export interface Gs1Data {
  /** Raw values by AI, as encoded. */
  ais: Record<string, string>;
  /** AI 01. */
  gtin14?: string;
  /** AI 310n net weight, kg with n decimals → grams; n = 4, 5 rounded half up to whole grams. */
  weightGrams?: number;
  /** AI 392n (or 393n in the store currency) → store currency minor units, rounded half up. */
  priceMinor?: number;
  /** ISO 4217 numeric currency of an AI 393n price. */
  currency?: string;
  /** AI 17, `YYYY-MM-DD`. */
  expiry?: string;
  /** AI 15, `YYYY-MM-DD`. */
  bestBefore?: string;
  /** AI 10. */
  batch?: string;
  /** AI 21. */
  serial?: string;
}

/**
 * Parse a GS1 element string: raw (AIs run together, variable-length fields ended by GS; a
 * leading GS/FNC1 is skipped) or the bracketed human-readable form `(01)…(17)…`.
 */
export function parseGs1(data: string, config: Pick<CodeConfig, 'currencyExponent' | 'currencyNumeric'>, nowMs?: number): Result<Gs1Data> {
  const split = data.startsWith('(') ? splitBracketed(data) : splitRaw(data);
  if (!split.ok) return split;
  if (split.value.length === 0) return codeFailure('malformed', 'no element strings');
  const out: Gs1Data = { ais: {} };
  for (const [ai, value] of split.value) {
    const checked = validate(ai, value, nowMs);
    if (!checked.ok) return checked;
    const seen = out.ais[ai];
    if (seen !== undefined) {
      if (seen !== value) return codeFailure('malformed', `AI ${ai} appears twice with different values`, { ai });
      continue;
    }
    out.ais[ai] = value;
    const decimals = Number(ai[3] ?? '0');
    if (ai === '01') out.gtin14 = value;
    else if (ai === '10') out.batch = value;
    else if (ai === '21') out.serial = value;
    else if (ai === '17') out.expiry = checked.value;
    else if (ai === '15') out.bestBefore = checked.value;
    else if (ai.startsWith('310') && out.weightGrams === undefined) {
      const grams = scaleDecimal(value, 3 - decimals);
      if (grams !== null) out.weightGrams = grams;
    } else if (ai.startsWith('392') && out.priceMinor === undefined) {
      const minor = scaleDecimal(value, config.currencyExponent - decimals);
      if (minor === null) return codeFailure('malformed', `AI ${ai} amount out of range`, { ai });
      out.priceMinor = minor;
    } else if (ai.startsWith('393') && out.priceMinor === undefined) {
      const currency = value.slice(0, 3);
      out.currency = currency;
      if (config.currencyNumeric === undefined || config.currencyNumeric === currency) {
        const minor = scaleDecimal(value.slice(3), config.currencyExponent - decimals);
        if (minor === null) return codeFailure('malformed', `AI ${ai} amount out of range`, { ai });
        out.priceMinor = minor;
      }
    }
  }
  return ok(out);
}
