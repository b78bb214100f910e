/**
 * The pricing engine: basket lines + promotions + tax table → line totals, discounts per line,
 * totals and taxes. Pure, integer arithmetic only, never throws; questionable input is priced
 * as safely as possible and reported in `warnings`.
 *
 * Line totals (before discounts):
 * - `fixedTotalMinor` set (price embedded in a variable-measure code): that amount, whatever
 *   the quantity.
 * - `kg`: round-half-up(unitPriceMinor × weightGrams / 1000); a kg line without a weight is 0
 *   and warned about.
 * - `each`: unitPriceMinor × quantity.
 *
 * Promotions:
 * - Active when `validFrom ≤ now ≤ validTo` (ISO timestamps, inclusive; a date-only `validTo`
 *   such as `2026-01-31` lasts to the end of that UTC day). Unparseable dates → ignored, warned.
 * - A promotion applies to lines whose item is in `items` or which belong to `group`.
 *   Overridden lines get no promotions.
 * - Counting promotions (multibuy, fixedPrice, mixMatch) count units of `each` lines without an
 *   embedded price, pooled across lines. `percent` and `fixedOff` apply to every eligible line;
 *   a weighed or embedded-price line counts as one unit priced at its line total.
 * - Units are lined up from the most expensive down (ties: earlier line first) and cut into
 *   consecutive sets of `buy`/`quantity`:
 *   - multibuy (buy N pay M): in each set the N − M cheapest units are free;
 *   - fixedPrice / mixMatch (Q for P): each set whose regular price exceeds P costs P; the
 *     saving is shared over the set's lines in proportion to their regular price (largest
 *     remainder, ties to the earlier line). Left-over units — always the cheapest — stay at full
 *     price and remain available to other promotions;
 *   - percent: round-half-up(line amount × percent / 100) per line;
 *   - fixedOff: `amountMinor` off each unit, never more than the unit's price.
 * - No stacking: a unit takes at most one promotion. Rule, in two stages:
 *   1. Counting promotions take sets of units one set at a time. Each offers its next set (the
 *      most expensive units still free); the set applied next is the one with the largest
 *      gain = its saving − what its units would save under their best percent/fixedOff
 *      promotion (ties: larger saving, smaller promotion id, catalogue order). Sets with no
 *      positive gain are not applied. Repeat until no set gains anything.
 *   2. Every unit left gets the best percent/fixedOff promotion of its line (ties: smaller id,
 *      catalogue order).
 *   So a basket prices the same whether three cans are one line of 3 or three lines of 1.
 *   Greedy, deterministic; not always the global optimum.
 *
 * Taxes: prices include tax. Per tax class, gross = Σ (line total − line discounts) and
 * tax = round-half-up(gross × rate / (10000 + rate)), rate in basis points. An unknown tax
 * class is taxed at 0 and warned about. Tax lines are sorted by class.
 *
 * Warnings are short machine-readable strings `reason:subject`, e.g. `unknownTaxClass:luxury`.
 */
import { localize } from '../../contracts/catalogue.ts';
import type { Language, Promotion, TaxTable } from '../../contracts/catalogue.ts';
import type { Discount, TaxLine } from '../../contracts/view.ts';

export interface PricingLine {
  lineId: string;
  itemId: string;
  unit: 'each' | 'kg';
  quantity: number;
  weightGrams?: number;
  unitPriceMinor: number;
  taxClass: string;
  groups: string[];
  /** Price embedded in a variable-measure code: the line total. */
  fixedTotalMinor?: number;
  /** Price set by an attendant: no promotions. */
  overridden?: boolean;
}

export interface PricedLine {
  lineId: string;
  /** Before discounts. */
  totalMinor: number;
  discounts: Discount[];
}

export interface PricedBasket {
  /** In the order of the input lines. */
  lines: PricedLine[];
  subtotalMinor: number;
  discountMinor: number;
  /** subtotalMinor − discountMinor. */
  totalMinor: number;
  taxes: TaxLine[];
  warnings: string[];
}

export interface PricingOptions {
  /** Lane clock, epoch ms: decides which promotions are active. */
  now: number;
  /** Language of the discount labels. */
  language: Language;
}

export type Pricer = (lines: readonly PricingLine[], opts: PricingOptions) => PricedBasket;

// ---- integer helpers ---------------------------------------------------------------------

const MAX = Number.MAX_SAFE_INTEGER;

/** round-half-up(a × b / d) for non-negative integers a, b and positive d. */
function mulDivHalfUp(a: number, b: number, d: number): number {
  const product = a * b;
  if (product <= MAX / 2 - d) return Math.floor((2 * product + d) / (2 * d));
  const big = (2n * BigInt(a) * BigInt(b) + BigInt(d)) / (2n * BigInt(d));
  return big <= BigInt(MAX) ? Number(big) : MAX;
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

// ---- promotion index ---------------------------------------------------------------------

interface IndexedPromotion {
  promo: Promotion;
  order: number;
  from: number;
  to: number;
  /** Why the promotion can never apply (bad dates, bad numbers), for a warning. */
  broken?: string;
}

const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function boundary(value: string | undefined, end: boolean): number {
  if (value === undefined) return end ? Infinity : -Infinity;
  const t = Date.parse(value);
  if (Number.isNaN(t)) return NaN;
  return end && DATE_ONLY.test(value) ? t + DAY_MS - 1 : t;
}

function brokenReason(p: Promotion): string | undefined {
  switch (p.kind) {
    case 'multibuy':
      return isCount(p.buy) && isCount(p.pay) && p.buy >= 1 ? undefined : 'promotionBadNumbers';
    case 'fixedPrice':
    case 'mixMatch':
      return isCount(p.quantity) && p.quantity >= 1 && isCount(p.priceMinor) ? undefined : 'promotionBadNumbers';
    case 'percent':
      return isCount(p.percent) && p.percent <= 100 ? undefined : 'promotionBadNumbers';
    case 'fixedOff':
      return isCount(p.amountMinor) ? undefined : 'promotionBadNumbers';
  }
}

// ---- evaluation --------------------------------------------------------------------------

interface Unitised {
  /** Price of one unit (the line total for weighed / embedded-price lines). */
  unitPrice: number;
  /** Units the line has. */
  count: number;
  /** `each` line without embedded price: multibuy, fixedPrice and mixMatch may count it. */
  countable: boolean;
}

type CountingPromotion = Extract<Promotion, { kind: 'multibuy' | 'fixedPrice' | 'mixMatch' }>;
type PerUnitPromotion = Extract<Promotion, { kind: 'percent' | 'fixedOff' }>;

interface Counting {
  ix: IndexedPromotion;
  promo: CountingPromotion;
  /** Eligible line indices, most expensive unit first. */
  scope: number[];
  /** Line index → its index in `scope`. */
  pos: Map<number, number>;
  /** Index into `scope` before which every line is used up (lines only ever lose units). */
  cursor: number;
  next: UnitSet | null;
  /** Scope index of the last line in `next` (Infinity without `next`): units taken beyond it cannot change `next`. */
  reach: number;
  /** Too few units left for a set: stays so, as units are only ever taken. */
  exhausted: boolean;
  /** Bumped whenever `next` is recomputed: older heap entries for this promotion are stale. */
  version: number;
}

interface UnitSet {
  saving: number;
  gain: number;
  /** line index → [units taken, amount off]. */
  perLine: Map<number, [number, number]>;
}

/** Lines of a set of units, with how many units each and their regular amount. */
type SetPart = [line: number, units: number, amount: number];

function add(perLine: Map<number, [number, number]>, line: number, units: number, amount: number): void {
  const cur = perLine.get(line);
  if (cur) {
    cur[0] += units;
    cur[1] += amount;
  } else perLine.set(line, [units, amount]);
}

/** Share `saving` over parts in proportion to their amount (largest remainder, ties to the earlier part). */
function share(saving: number, parts: readonly SetPart[], into: Map<number, [number, number]>): void {
  const total = parts.reduce((s, p) => s + p[2], 0);
  if (total <= 0) return;
  const safe = saving * total <= MAX;
  const shares = parts.map(([, , amount], i) => {
    if (safe) {
      const exact = saving * amount;
      const floor = Math.floor(exact / total);
      return { i, floor, rest: exact - floor * total };
    }
    const exact = BigInt(saving) * BigInt(amount);
    const floor = exact / BigInt(total);
    return { i, floor: Number(floor), rest: Number(exact - floor * BigInt(total)) };
  });
  let left = saving - shares.reduce((s, x) => s + x.floor, 0);
  const byRest = [...shares].sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const x of byRest) {
    if (left <= 0) break;
    x.floor += 1;
    left -= 1;
  }
  for (const x of shares) {
    const part = parts[x.i];
    if (part) add(into, part[0], part[1], x.floor);
  }
}

/** Saving of a percent/fixedOff promotion on `n` units of one line. */
function perUnitSaving(p: PerUnitPromotion, n: number, unitPrice: number): number {
  if (n <= 0 || unitPrice <= 0) return 0;
  return p.kind === 'percent' ? mulDivHalfUp(n * unitPrice, p.percent, 100) : n * Math.min(p.amountMinor, unitPrice);
}

interface PerUnitChoice {
  ix: IndexedPromotion;
  promo: PerUnitPromotion;
  saving: number;
}

/** The best percent/fixedOff promotion for `n` units of a line (ties: smaller id, catalogue order). */
function bestPerUnit(options: readonly { ix: IndexedPromotion; promo: PerUnitPromotion }[] | undefined, n: number, unitPrice: number): PerUnitChoice | null {
  if (!options) return null;
  let best: { ix: IndexedPromotion; promo: PerUnitPromotion } | null = null;
  let bestSaving = 0;
  for (const o of options) {
    const saving = perUnitSaving(o.promo, n, unitPrice);
    if (saving <= 0) continue;
    if (!best || saving > bestSaving || (saving === bestSaving && (o.ix.promo.id < best.ix.promo.id || (o.ix.promo.id === best.ix.promo.id && o.ix.order < best.ix.order)))) {
      best = o;
      bestSaving = saving;
    }
  }
  return best ? { ix: best.ix, promo: best.promo, saving: bestSaving } : null;
}

/** The next set a counting promotion offers on the units still free, or null. */
function nextSet(c: Counting, avail: readonly number[], units: readonly Unitised[], baseline: (line: number, n: number) => number): UnitSet | null {
  const p = c.promo;
  const size = p.kind === 'multibuy' ? p.buy : p.quantity;
  while (c.cursor < c.scope.length && (avail[c.scope[c.cursor] ?? -1] ?? 0) <= 0) c.cursor++;
  const parts: SetPart[] = [];
  let need = size;
  c.reach = Infinity;
  for (let k = c.cursor; k < c.scope.length && need > 0; k++) {
    const line = c.scope[k] ?? -1;
    const take = Math.min(avail[line] ?? 0, need);
    if (take <= 0) continue;
    parts.push([line, take, take * (units[line]?.unitPrice ?? 0)]);
    need -= take;
    if (need === 0) c.reach = k;
  }
  if (need > 0) {
    c.exhausted = true;
    return null;
  }
  const perLine = new Map<number, [number, number]>();
  let saving: number;
  if (p.kind === 'multibuy') {
    // Parts run from the most expensive unit down: the units after the first `pay` are free.
    let paid = p.pay;
    saving = 0;
    for (const [line, n] of parts) {
      const paidHere = Math.min(paid, n);
      paid -= paidHere;
      const off = (n - paidHere) * (units[line]?.unitPrice ?? 0);
      saving += off;
      add(perLine, line, n, off);
    }
  } else {
    saving = parts.reduce((s, x) => s + x[2], 0) - p.priceMinor;
    if (saving > 0) share(saving, parts, perLine);
  }
  if (saving <= 0) {
    c.reach = Infinity;
    return null;
  }
  let gain = saving;
  for (const [line, n] of parts) gain -= baseline(line, n);
  if (gain > 0) return { saving, gain, perLine };
  c.reach = Infinity;
  return null;
}

const betterSet = (a: Counting, b: Counting): boolean => {
  const x = a.next;
  const y = b.next;
  if (!x || !y) return x !== null;
  if (x.gain !== y.gain) return x.gain > y.gain;
  if (x.saving !== y.saving) return x.saving > y.saving;
  if (a.ix.promo.id !== b.ix.promo.id) return a.ix.promo.id < b.ix.promo.id;
  return a.ix.order < b.ix.order;
};

/** Binary max-heap of counting promotions by their next set (`betterSet`), lazily invalidated. */
class SetHeap {
  private readonly items: { c: Counting; version: number }[] = [];

  push(c: Counting): void {
    const a = this.items;
    a.push({ c, version: c.version });
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = a[parent];
      const x = a[i];
      if (!p || !x || !betterSet(x.c, p.c)) break;
      a[parent] = x;
      a[i] = p;
      i = parent;
    }
  }

  /** The promotion with the best current set, or undefined when none is left. */
  pop(): Counting | undefined {
    const a = this.items;
    for (let top = a[0]; top; top = a[0]) {
      const last = a.pop();
      if (last && a.length > 0) {
        a[0] = last;
        this.siftDown();
      }
      if (top.version === top.c.version && top.c.next) return top.c;
    }
    return undefined;
  }

  private siftDown(): void {
    const a = this.items;
    let i = 0;
    for (;;) {
      const x = a[i];
      if (!x) return;
      let best = x;
      let m = i;
      for (const k of [2 * i + 1, 2 * i + 2]) {
        const y = a[k];
        if (y && betterSet(y.c, best.c)) {
          best = y;
          m = k;
        }
      }
      if (m === i) return;
      a[m] = x;
      a[i] = best;
      i = m;
    }
  }
}

const isCounting = (p: Promotion): p is CountingPromotion => p.kind === 'multibuy' || p.kind === 'fixedPrice' || p.kind === 'mixMatch';

// ---- the pricer --------------------------------------------------------------------------

/**
 * Index promotions by item and group once; the returned function prices a basket. Reuse it
 * while the catalogue's promotions and tax table stay the same.
 */
export function createPricer(promotions: readonly Promotion[], taxes: TaxTable): Pricer {
  const byItem = new Map<string, IndexedPromotion[]>();
  const byGroup = new Map<string, IndexedPromotion[]>();
  const push = <K, V>(map: Map<K, V[]>, key: K, value: V): void => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  promotions.forEach((promo, order) => {
    const from = boundary(promo.validFrom, false);
    const to = boundary(promo.validTo, true);
    const broken = Number.isNaN(from) || Number.isNaN(to) ? 'promotionBadDate' : brokenReason(promo);
    const ix: IndexedPromotion = { promo, order, from, to, ...(broken ? { broken } : {}) };
    for (const item of new Set(promo.items ?? [])) push(byItem, item, ix);
    if (promo.group !== undefined) push(byGroup, promo.group, ix);
  });

  return (lines, opts) => {
    const warnings = new Set<string>();
    const count = (v: unknown, what: string, line: PricingLine): number => {
      if (isCount(v)) return v;
      warnings.add(`${what}:${line.lineId}`);
      return typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.min(Math.floor(v), MAX) : 0;
    };

    // Line totals and units.
    const totals: number[] = [];
    const units: Unitised[] = [];
    for (const line of lines) {
      let total: number;
      if (line.fixedTotalMinor !== undefined) total = count(line.fixedTotalMinor, 'badFixedTotal', line);
      else if (line.unit === 'kg') {
        const price = count(line.unitPriceMinor, 'badUnitPrice', line);
        if (line.weightGrams === undefined) {
          warnings.add(`missingWeight:${line.lineId}`);
          total = 0;
        } else total = mulDivHalfUp(price, count(line.weightGrams, 'badWeight', line), 1000);
      } else {
        const price = count(line.unitPriceMinor, 'badUnitPrice', line);
        const qty = count(line.quantity, 'badQuantity', line);
        total = price * qty <= MAX ? price * qty : MAX;
        units.push({ unitPrice: price, count: qty, countable: true });
        totals.push(total);
        continue;
      }
      units.push({ unitPrice: total, count: total > 0 ? 1 : 0, countable: false });
      totals.push(total);
    }

    // Promotions indexed under the basket's items and groups, with their eligible lines.
    const scopes = new Map<IndexedPromotion, Set<number>>();
    lines.forEach((line, i) => {
      if (line.overridden) return;
      const hits = [...(byItem.get(line.itemId) ?? [])];
      for (const g of line.groups ?? []) hits.push(...(byGroup.get(g) ?? []));
      for (const ix of hits) {
        const scope = scopes.get(ix);
        if (scope) scope.add(i);
        else scopes.set(ix, new Set([i]));
      }
    });
    const counting: Counting[] = [];
    const countingByLine = new Map<number, Counting[]>();
    const perUnitByLine = new Map<number, { ix: IndexedPromotion; promo: PerUnitPromotion }[]>();
    for (const [ix, scopeSet] of [...scopes].sort((a, b) => a[0].order - b[0].order)) {
      if (ix.broken) {
        warnings.add(`${ix.broken}:${ix.promo.id}`);
        continue;
      }
      if (!(ix.from <= opts.now && opts.now <= ix.to)) continue;
      const promo = ix.promo;
      if (isCounting(promo)) {
        const scope = [...scopeSet].filter((i) => units[i]?.countable);
        if (scope.length === 0) continue;
        scope.sort((a, b) => (units[b]?.unitPrice ?? 0) - (units[a]?.unitPrice ?? 0) || a - b);
        const c: Counting = { ix, promo, scope, pos: new Map(scope.map((line, k) => [line, k])), cursor: 0, next: null, reach: Infinity, exhausted: false, version: 0 };
        counting.push(c);
        for (const i of scope) push(countingByLine, i, c);
      } else {
        for (const i of scopeSet) push(perUnitByLine, i, { ix, promo });
      }
    }

    const avail = units.map((u) => u.count);
    // What `n` units of a line would save under its best percent/fixedOff promotion; asked
    // for the same (line, n) again and again while sets are compared, so remembered.
    const baselines = new Map<number, number>();
    const baseline = (line: number, n: number): number => {
      const options = perUnitByLine.get(line);
      if (!options) return 0;
      const key = n * lines.length + line;
      let v = baselines.get(key);
      if (v === undefined) {
        v = bestPerUnit(options, n, units[line]?.unitPrice ?? 0)?.saving ?? 0;
        baselines.set(key, v);
      }
      return v;
    };
    const discounts: Discount[][] = lines.map(() => []);
    const addDiscount = (line: number, ix: IndexedPromotion, amountMinor: number): void => {
      const list = discounts[line];
      if (!list || amountMinor <= 0) return;
      const same = list.find((d) => d.promotionId === ix.promo.id);
      if (same) same.amountMinor += amountMinor;
      else list.push({ promotionId: ix.promo.id, label: localize(ix.promo.label, opts.language), amountMinor });
    };

    // Stage 1: counting promotions, one set at a time, best gain first.
    // The best set is taken from a heap ordered by `betterSet` (a total order), with lazy
    // deletion: an entry is current only while its version matches its promotion's.
    const heap = new SetHeap();
    for (const c of counting) {
      c.next = nextSet(c, avail, units, baseline);
      if (c.next) heap.push(c);
    }
    for (;;) {
      const best = heap.pop();
      const set = best?.next;
      if (!best || !set) break;
      const dirty = new Set<Counting>([best]);
      for (const [line, [taken, amount]] of set.perLine) {
        avail[line] = Math.max(0, (avail[line] ?? 0) - taken);
        addDiscount(line, best.ix, amount);
        for (const c of countingByLine.get(line) ?? []) if (!c.exhausted && (c.pos.get(line) ?? Infinity) <= c.reach) dirty.add(c);
      }
      for (const c of dirty) {
        c.next = nextSet(c, avail, units, baseline);
        c.version++;
        if (c.next) heap.push(c);
      }
    }

    // Stage 2: what is left of each line takes its best percent / fixedOff promotion.
    for (const [line, options] of perUnitByLine) {
      const choice = bestPerUnit(options, avail[line] ?? 0, units[line]?.unitPrice ?? 0);
      if (choice) addDiscount(line, choice.ix, choice.saving);
    }

    // Totals and taxes.
    const pricedLines: PricedLine[] = [];
    const grossByClass = new Map<string, number>();
    let subtotalMinor = 0;
    let discountMinor = 0;
    lines.forEach((line, i) => {
      const totalMinor = totals[i] ?? 0;
      // Safety net: a line never goes below zero (the rules above already guarantee it).
      let room = totalMinor;
      const lineDiscounts: Discount[] = [];
      for (const d of discounts[i] ?? []) {
        const amountMinor = Math.min(d.amountMinor, room);
        room -= amountMinor;
        if (amountMinor > 0) lineDiscounts.push({ ...d, amountMinor });
      }
      subtotalMinor += totalMinor;
      discountMinor += totalMinor - room;
      grossByClass.set(line.taxClass, (grossByClass.get(line.taxClass) ?? 0) + room);
      pricedLines.push({ lineId: line.lineId, totalMinor, discounts: lineDiscounts });
    });
    const taxLines: TaxLine[] = [...grossByClass.keys()].sort().map((taxClass) => {
      const grossMinor = grossByClass.get(taxClass) ?? 0;
      let rate = Object.hasOwn(taxes, taxClass) ? taxes[taxClass] : undefined;
      if (!isCount(rate) || rate > 10_000) {
        warnings.add(`unknownTaxClass:${taxClass}`);
        rate = 0;
      }
      return { taxClass, rateBasisPoints: rate, grossMinor, taxMinor: mulDivHalfUp(grossMinor, rate, 10_000 + rate) };
    });

    return {
      lines: pricedLines,
      subtotalMinor,
      discountMinor,
      totalMinor: subtotalMinor - discountMinor,
      taxes: taxLines,
      warnings: [...warnings],
    };
  };
}

/** Price a basket in one go (indexes the promotions each call; prefer `createPricer` when repricing). */
export function priceBasket(lines: readonly PricingLine[], promotions: readonly Promotion[], taxes: TaxTable, opts: PricingOptions): PricedBasket {
  return createPricer(promotions, taxes)(lines, opts);
}
