import type { InterventionKind } from '../../contracts/index.ts';
import type { BaggingConfig } from '../config.ts';
import type { EventOf } from './events.ts';
import { localize } from '../../contracts/index.ts';
import { pendingBagging, type LineState, type TxState } from './tx.ts';

/**
 * Bagging-area security as a pure function of the transaction and one STABLE reading of
 * the bagging scale. Motion is never judged (it is "pending", not an error).
 *
 * Rules (see README "Bagging-area security"):
 * - The lane tracks `acceptedGrams`, the weight the area legitimately holds.
 * - Units waiting to be bagged are matched oldest first; the longest prefix of waiting
 *   units whose expected sum lies within the combined tolerance of the change is bagged.
 *   Combined tolerance = √(Σ unit tolerance²) + one scale division: independent package
 *   variations add in quadrature, so two items in one drop are not a false alarm.
 * - A return to the accepted weight (within the noise band) clears weight alarms by
 *   itself: the shopper fixed it, nobody needs to walk over.
 * - Voided goods that were bagged may be taken out without an alarm.
 * - Right after "own bag" is pressed (before the next scan), the first unexplained rise up
 *   to `maxOwnBagGrams` with no item waiting is taken as the bag; each bag is declared.
 */

export const WEIGHT_KINDS: ReadonlySet<InterventionKind> = new Set(['unexpectedItem', 'itemRemoved', 'weightMismatch']);

export type BaggingDecision =
  | { kind: 'accept'; event: EventOf<'bagging.accepted'> }
  | { kind: 'raise'; intervention: InterventionKind; detail: Record<string, string | number> }
  /** Nothing changed that matters. `settled` = the area holds what it should. */
  | { kind: 'none'; settled: boolean };

function combinedTolerance(tolerances: number[], cfg: BaggingConfig): number {
  const sq = tolerances.reduce((s, t) => s + t * t, 0);
  return Math.ceil(Math.sqrt(sq)) + cfg.divisionGrams;
}

/** Tolerance for one unit of `expectedGrams` when the catalogue and learning say nothing. */
export function defaultTolerance(expectedGrams: number, cfg: BaggingConfig): number {
  return Math.max(cfg.minToleranceGrams, Math.ceil((expectedGrams * cfg.tolerancePercentBp) / 10_000));
}

/** Tolerance for weighed produce whose weight came from the produce scale. */
export function produceTolerance(weightGrams: number, cfg: BaggingConfig): number {
  return Math.max(cfg.minToleranceGrams, Math.ceil((weightGrams * cfg.produceTolerancePercentBp) / 10_000) + 2 * cfg.divisionGrams);
}

/** Tolerance from learned statistics (mean, standard deviation) once there are enough samples. */
export function learnedTolerance(stdDevGrams: number, cfg: BaggingConfig): number {
  return Math.max(cfg.minToleranceGrams, Math.ceil(cfg.learnSigmas * stdDevGrams));
}

export function evaluateBagging(tx: TxState, measuredGrams: number, cfg: BaggingConfig): BaggingDecision {
  const excess = measuredGrams - tx.acceptedGrams;
  const pending = pendingBagging(tx);

  // 1. Waiting units: longest matching prefix (oldest first).
  if (pending.length > 0 && excess > cfg.noiseGrams) {
    let cum = 0;
    const tols: number[] = [];
    const taken: { lineId: string; units: number }[] = [];
    let best: { lineId: string; units: number }[] | null = null;
    for (const { line, units } of pending) {
      for (let u = 1; u <= units; u++) {
        cum += line.expectedGramsPerUnit ?? 0;
        tols.push(line.toleranceGrams);
        const last = taken[taken.length - 1];
        if (last && last.lineId === line.lineId) last.units = u;
        else taken.push({ lineId: line.lineId, units: 1 });
        if (Math.abs(excess - cum) <= combinedTolerance(tols, cfg)) best = taken.map((t) => ({ ...t }));
      }
    }
    if (best) return { kind: 'accept', event: { type: 'bagging.accepted', acceptedGrams: measuredGrams, bagged: best, reason: 'matched' } };
  }

  // 2. Voided goods taken back out.
  if (tx.removalPendingGrams > 0 && excess < -cfg.noiseGrams) {
    const tol = defaultTolerance(tx.removalPendingGrams, cfg) + cfg.divisionGrams;
    if (Math.abs(excess + tx.removalPendingGrams) <= tol) {
      return { kind: 'accept', event: { type: 'bagging.accepted', acceptedGrams: measuredGrams, bagged: [], reason: 'removed' } };
    }
  }

  // 3. Nothing changed beyond noise.
  if (Math.abs(excess) <= cfg.noiseGrams) return { kind: 'none', settled: true };

  if (excess < 0) {
    return { kind: 'raise', intervention: 'itemRemoved', detail: { expectedGrams: tx.acceptedGrams, measuredGrams, toleranceGrams: cfg.noiseGrams } };
  }

  // 4. A rise that matches nothing waiting.
  const first = pending[0]?.line;
  if (first) {
    const expected = tx.acceptedGrams + (first.expectedGramsPerUnit ?? 0);
    return {
      kind: 'raise',
      intervention: 'weightMismatch',
      detail: { expectedGrams: expected, measuredGrams, toleranceGrams: first.toleranceGrams, itemName: localize(first.name, 'en'), lineId: first.lineId },
    };
  }
  if (tx.ownBagWindow && excess <= cfg.maxOwnBagGrams) {
    return { kind: 'accept', event: { type: 'bagging.accepted', acceptedGrams: measuredGrams, bagged: [], reason: 'ownBag' } };
  }
  return { kind: 'raise', intervention: 'unexpectedItem', detail: { expectedGrams: tx.acceptedGrams, measuredGrams, toleranceGrams: cfg.noiseGrams } };
}

/** The single-item readings a match yields, for weight learning (only one unit of one line). */
export function learnedSample(tx: TxState, decision: BaggingDecision): { line: LineState; grams: number } | null {
  if (decision.kind !== 'accept' || decision.event.reason !== 'matched') return null;
  const [only, ...rest] = decision.event.bagged;
  if (!only || rest.length > 0 || only.units !== 1) return null;
  const line = tx.lines.find((l) => l.lineId === only.lineId);
  // Weighed goods and price-embedded packages vary by nature: their readings teach nothing about the item.
  if (!line || line.unit === 'kg' || line.weightGrams || line.fixedTotalMinor !== undefined) return null;
  return { line, grams: decision.event.acceptedGrams - tx.acceptedGrams };
}
