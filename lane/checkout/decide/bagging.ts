import type { Cue, Intervention, ScaleReading } from '../../../contracts/index.ts';
import { evaluateBagging, learnedSample, WEIGHT_KINDS } from '../bagging.ts';
import type { CheckoutDeps } from '../deps.ts';
import type { DomainEvent } from '../events.ts';
import { hasPending, raise } from '../rules.ts';
import type { TxState } from '../tx.ts';

/**
 * Bagging judgement: what the lane does about the bagging area after anything that can
 * change what it should hold (a scan, a reading, a void, an attendant's resolution).
 * Pure apart from fresh ids and the clock's time for raised interventions: it returns the
 * events (one decision, journaled together), the cues to play and the weight sample to
 * learn, and the machine journals, applies and records them.
 */
export interface BaggingJudgement {
  events: DomainEvent[];
  cues: Cue[];
  /** One unit of one line matched on its own: a reading worth learning. */
  sample: { itemId: string; grams: number; samples: number } | null;
}

const NOTHING: BaggingJudgement = { events: [], cues: [], sample: null };

function autoResolved(ivs: readonly Intervention[]): DomainEvent[] {
  return ivs.map((i) => ({ type: 'intervention.resolved', id: i.id, resolution: 'auto', by: 'scale' }));
}

/**
 * Judge the bagging area against the last reading. Only a stable reading of an open
 * transaction on a lane with bagging security on is judged; anything else decides nothing.
 */
export function judgeBagging(tx: TxState, reading: ScaleReading | null, deps: Pick<CheckoutDeps, 'config' | 'newId' | 'clock'>): BaggingJudgement {
  if (!reading || reading.state !== 'stable' || !deps.config.bagging.enabled || tx.status !== 'open') return NOTHING;
  const decision = evaluateBagging(tx, reading.grams, deps.config.bagging);
  if (decision.kind === 'raise') {
    // A different weight alarm replaces the old one; the same one is not raised twice.
    const events = autoResolved(tx.interventions.filter((i) => WEIGHT_KINDS.has(i.kind) && i.kind !== decision.intervention));
    const cues: Cue[] = [];
    if (!hasPending(tx, decision.intervention)) {
      events.push(raise(deps, decision.intervention, decision.detail));
      cues.push('interventionRaised');
    }
    return { events, cues, sample: null };
  }
  if (decision.kind === 'none' && !decision.settled) return NOTHING;
  // Matched or settled: weight alarms clear by themselves.
  const events: DomainEvent[] = [];
  let sample: BaggingJudgement['sample'] = null;
  if (decision.kind === 'accept') {
    const s = learnedSample(tx, decision);
    if (s) sample = { itemId: s.line.itemId, grams: s.grams, samples: 1 };
    events.push(decision.event);
  }
  const clear = tx.interventions.filter((i) => WEIGHT_KINDS.has(i.kind));
  const cues: Cue[] = [];
  if (clear.length > 0) {
    events.push(...autoResolved(clear));
    cues.push('interventionResolved');
  }
  return { events, cues, sample };
}
