import type { CatalogueItem, InterventionKind, Scan } from '../../contracts/index.ts';
import { BLOCKING_KINDS, localize } from '../../contracts/index.ts';
import type { ParsedCode } from '../codes/parse.ts';
import { parseScan } from '../codes/parse.ts';
import type { CodeConfig } from '../codes/config.ts';
import { defaultTolerance, learnedTolerance, produceTolerance } from './bagging.ts';
import type { CheckoutDeps } from './deps.ts';
import type { DomainEvent, LineRecord } from './events.ts';
import { activeLines, pendingBagging, type TxState } from './tx.ts';
import { maskPans } from '../journal/cardData.ts';

/**
 * Deciders: pure-ish functions from (transaction, input) to the domain events that should
 * happen. They read the catalogue and learned weights but write nothing; the machine
 * journals and applies what they return.
 */

export type Decision =
  | { ok: true; events: DomainEvent[]; lineId?: string; cue?: 'scanAccepted' | 'scanRejected' }
  | { ok: false; reason: string; notice?: 'unknownItem' | 'placeItemInBag'; events?: DomainEvent[]; cue?: 'scanRejected' };

export function raise(deps: Pick<CheckoutDeps, 'newId' | 'clock'>, kind: InterventionKind, detail: Record<string, string | number | boolean | null> = {}): DomainEvent {
  return {
    type: 'intervention.raised',
    intervention: { id: deps.newId('iv'), kind, since: deps.clock.now(), blocking: BLOCKING_KINDS.has(kind), detail },
  };
}

/**
 * An age check is about the restricted items in the basket: once none is left (voided by
 * the shopper's request or by an attendant), a pending age check is moot and resolves itself.
 */
export function mootAgeChecks(tx: TxState): DomainEvent[] {
  if (activeLines(tx).some((l) => l.ageLimit !== undefined)) return [];
  return tx.interventions.filter((i) => i.kind === 'ageCheck').map((i) => ({ type: 'intervention.resolved', id: i.id, resolution: 'auto', by: 'lane' }));
}

export function hasPending(tx: TxState, kind: InterventionKind): boolean {
  return tx.interventions.some((i) => i.kind === kind);
}

/** Bagging expectation for one unit of an item. */
export function unitExpectation(item: CatalogueItem, deps: CheckoutDeps, weighedGrams?: number, labelGrams?: number): { expected: number | null; tolerance: number } {
  const cfg = deps.config.bagging;
  if (!cfg.enabled || item.noWeight) return { expected: null, tolerance: 0 };
  // The scale cannot tell a change inside its noise band from nothing: such a unit would wait
  // for a rise that never shows, so it is not checked (the line says why).
  const visible = Math.max(cfg.minCheckedGrams, cfg.noiseGrams + 1);
  if (weighedGrams !== undefined) {
    if (weighedGrams < visible) return { expected: null, tolerance: 0 };
    return { expected: weighedGrams, tolerance: produceTolerance(weighedGrams, cfg) };
  }
  // A price-embedded label's weight is this package's own: it beats any learned average.
  if (labelGrams !== undefined) {
    if (labelGrams < visible) return { expected: null, tolerance: 0 };
    return { expected: labelGrams, tolerance: item.toleranceGrams ?? defaultTolerance(labelGrams, cfg) };
  }
  const learned = deps.weights.stats(item.id);
  if (learned && learned.count >= cfg.learnMinSamples) {
    const expected = Math.round(learned.meanGrams);
    const tol = item.toleranceGrams ?? learnedTolerance(learned.stdDevGrams, cfg);
    return expected < visible ? { expected: null, tolerance: 0 } : { expected, tolerance: tol };
  }
  if (item.weightGrams === undefined || item.weightGrams < visible) return { expected: null, tolerance: 0 };
  return { expected: item.weightGrams, tolerance: item.toleranceGrams ?? defaultTolerance(item.weightGrams, cfg) };
}

export function newLine(deps: CheckoutDeps, item: CatalogueItem, code: string, opts: { quantity?: number; weightGrams?: number; fixedTotalMinor?: number } = {}): LineRecord {
  const weighed = item.unit === 'kg' ? opts.weightGrams : undefined;
  const label = opts.fixedTotalMinor !== undefined && opts.weightGrams === undefined ? item.weightGrams : undefined;
  const exp = unitExpectation(item, deps, weighed ?? (opts.weightGrams !== undefined ? opts.weightGrams : undefined), label);
  const cfg = deps.config.bagging;
  const grams = opts.weightGrams ?? label ?? item.weightGrams;
  const unchecked = exp.expected === null && cfg.enabled && !item.noWeight && grams !== undefined ? ('belowResolution' as const) : undefined;
  return {
    lineId: deps.newId('ln'),
    itemId: item.id,
    code,
    name: item.name,
    unit: opts.weightGrams !== undefined ? 'kg' : item.unit,
    quantity: opts.quantity ?? 1,
    ...(opts.weightGrams !== undefined ? { weightGrams: opts.weightGrams } : {}),
    unitPriceMinor: item.priceMinor,
    ...(opts.fixedTotalMinor !== undefined ? { fixedTotalMinor: opts.fixedTotalMinor } : {}),
    taxClass: item.taxClass,
    groups: item.groups,
    ...(item.ageLimit !== undefined ? { ageLimit: item.ageLimit } : {}),
    expectedGramsPerUnit: exp.expected,
    toleranceGrams: exp.tolerance,
    ...(unchecked ? { unchecked } : {}),
  };
}

function lookup(parsed: ParsedCode, deps: CheckoutDeps): { item: CatalogueItem | null; code: string; weightGrams?: number; fixedTotalMinor?: number } {
  switch (parsed.kind) {
    case 'gtin':
      return { item: deps.catalogue.byCode(parsed.gtin14), code: parsed.original };
    case 'variableMeasure': {
      const item = deps.catalogue.byCode(parsed.lookupGtin14);
      if (!item) return { item: null, code: parsed.original };
      if (parsed.weightGrams !== undefined) return { item, code: parsed.original, weightGrams: parsed.weightGrams };
      // Price embedded: estimate the weight from the price per kg so the bagging scale can check it.
      const priceMinor = parsed.priceMinor ?? 0;
      const estGrams = item.unit === 'kg' && item.priceMinor > 0 ? Math.round((priceMinor * 1000) / item.priceMinor) : undefined;
      return { item: estGrams ? { ...item, weightGrams: estGrams, unit: 'each' } : { ...item, unit: 'each' }, code: parsed.original, fixedTotalMinor: priceMinor };
    }
    case 'gs1': {
      const item = parsed.gtin14 ? deps.catalogue.byCode(parsed.gtin14) : null;
      return {
        item,
        code: parsed.original,
        ...(parsed.weightGrams !== undefined ? { weightGrams: parsed.weightGrams } : {}),
        ...(parsed.priceMinor !== undefined ? { fixedTotalMinor: parsed.priceMinor } : {}),
      };
    }
  }
}

/** A scan (from the scanner or typed on the keypad) in an open transaction. */
export function decideScan(tx: TxState, scan: Scan, deps: CheckoutDeps, codeConfig: CodeConfig): Decision {
  if (pendingBagging(tx).length >= deps.config.bagging.maxPendingItems) {
    return { ok: false, reason: 'items are waiting for the bagging area', notice: 'placeItemInBag', cue: 'scanRejected' };
  }
  const parsed = parseScan(scan.data, codeConfig, scan.symbology);
  const found = parsed.ok ? lookup(parsed.value, deps) : null;
  if (!found || !found.item) {
    const code = parsed.ok ? parsed.value.original : scan.data;
    const why = parsed.ok ? 'notInCatalogue' : String(parsed.error.detail?.reason ?? 'malformed');
    const events = hasPending(tx, 'unknownItem') ? [] : [raise(deps, 'unknownItem', { code: printable(code), reason: why })];
    return { ok: false, reason: `unknown or invalid code (${why})`, notice: 'unknownItem', events, cue: 'scanRejected' };
  }
  const { item, code } = found;
  return addItem(tx, item, code, deps, { weightGrams: found.weightGrams, fixedTotalMinor: found.fixedTotalMinor });
}

/** Add one unit of an item (or a weighed/priced line), merging repeated scans of a plain item. */
export function addItem(
  tx: TxState,
  item: CatalogueItem,
  code: string,
  deps: CheckoutDeps,
  opts: { weightGrams?: number | undefined; fixedTotalMinor?: number | undefined } = {},
): Decision {
  if (item.unit === 'kg' && opts.weightGrams === undefined && opts.fixedTotalMinor === undefined) {
    return { ok: false, reason: `${item.id} is sold by weight: weigh it on the produce scale` };
  }
  const events: DomainEvent[] = [];
  const plain = opts.weightGrams === undefined && opts.fixedTotalMinor === undefined && item.unit === 'each';
  const last = activeLines(tx).at(-1);
  let lineId: string;
  // A line whose bagging was skipped (or that came back with a resumed basket) takes no more
  // units: a new unit must be bagged and checked, so it gets a line of its own.
  if (plain && last && last.itemId === item.id && !last.overridden && !last.baggingSkipped && last.fixedTotalMinor === undefined && !last.weightGrams && last.quantity < 99) {
    lineId = last.lineId;
    events.push({ type: 'item.quantityChanged', lineId, quantity: last.quantity + 1 });
  } else {
    const line = newLine(deps, item, code, {
      ...(opts.weightGrams !== undefined ? { weightGrams: opts.weightGrams } : {}),
      ...(opts.fixedTotalMinor !== undefined ? { fixedTotalMinor: opts.fixedTotalMinor } : {}),
    });
    lineId = line.lineId;
    events.push({ type: 'item.added', line });
  }
  if (item.ageLimit !== undefined && !tx.ageVerified && !hasPending(tx, 'ageCheck')) {
    events.push(raise(deps, 'ageCheck', { itemName: localize(item.name, 'en'), ageLimit: item.ageLimit, lineId }));
  }
  return { ok: true, events, lineId, cue: 'scanAccepted' };
}

/** For screens, the bus and the journal: control characters out, card-number-like runs masked. */
function printable(code: string): string {
  return maskPans(code.replace(/[\u0000-\u001f]/g, (c) => (c === '\u001d' ? '<GS>' : ''))).slice(0, 64);
}
