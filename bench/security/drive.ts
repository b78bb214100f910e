/**
 * Plays the population against REAL lane services: the checkout machine, bagging rules and
 * learned weights of lane/, driven only through the device ports (simulated scanner, produce
 * and bagging scales, card terminal) and attendant commands — as a store's hardware and
 * console would. Several lanes of one store run at once and share one learned-weights store
 * (the real SQLite `ItemWeights`, in memory).
 */
import type { CatalogueItem, Intervention } from '../../contracts/index.ts';
import { ManualClock } from '../../core/clock.ts';
import { silentLogger } from '../../core/log.ts';
import type { WeightLearning } from '../../lane/checkout/deps.ts';
import { LaneConfig, type LaneConfigInput } from '../../lane/config.ts';
import { openDatabase } from '../../lane/db/database.ts';
import { ItemWeights } from '../../lane/db/itemWeights.ts';
import { LaneService } from '../../lane/service.ts';
import { createSimDevices, memoryControl, type SimDevices } from '../../lane/sim/devices.ts';
import { MemoryCatalogue, MemoryJournal } from '../../test/helpers/memoryLane.ts';
import { rng } from '../../test/helpers/rng.ts';
import { PARAMS as P } from './params.ts';
import { ACT_TYPES, buildPopulation, gauss, lognormal, planTransaction, sigmaFromP90, type ActType, type PlanUnit, type Rand, type TxPlan } from './population.ts';

const WEIGHT_KINDS = new Set(['unexpectedItem', 'itemRemoved', 'weightMismatch']);

export interface TxOutcome {
  archetype: TxPlan['archetype'];
  act: ActType | null;
  /** A weight intervention was raised while the act was being done. */
  caught: boolean;
  /** Weight interventions raised (including those the shopper or scale cleared). */
  alerts: number;
  /** Interventions an attendant had to resolve for bagging reasons (weight kinds, skip-bagging). */
  attendantCalls: number;
  attendantSeconds: number;
  /** Attendant calls by intervention kind. */
  callsByKind: Record<string, number>;
  /** Units the lane did not check by weight (no expectation). */
  uncheckedUnits: number;
  units: number;
  completed: boolean;
}

export interface PolicyResult {
  policy: string;
  seed: number;
  transactions: number;
  honest: number;
  falseInterventionsPer100Honest: number;
  alertsPer100Honest: number;
  honestStoppedPct: number;
  attendantMinutesPer100: number;
  uncheckedUnitsPct: number;
  acts: Record<ActType, { n: number; caught: number; ratePct: number | null }>;
  weightDetectableCatchPct: number | null;
  incomplete: number;
  /** Attendant calls per 100 honest transactions, by intervention kind. */
  honestCallsByKindPer100: Record<string, number>;
}

function isWeightRaise(e: { type: string; payload: unknown }): boolean {
  return e.type === 'intervention.raised' && WEIGHT_KINDS.has(String((e.payload as { intervention?: { kind?: string } }).intervention?.kind));
}

const ALEX = { id: 'alex', name: 'Alex', role: 'attendant' as const };

class BenchLane {
  readonly clock = new ManualClock();
  readonly journal = new MemoryJournal(this.clock);
  readonly sim: SimDevices = createSimDevices(this.clock);
  readonly service: LaneService;
  /** What truly lies on the bagging area (grams), and what of it rests off the platter. */
  area = 0;
  offPlatter = 0;
  private drift = 0;
  private cmdSeq = 0;
  private n = 0;

  constructor(
    readonly id: string,
    config: LaneConfigInput,
    catalogue: MemoryCatalogue,
    weights: WeightLearning,
    private readonly r: Rand,
  ) {
    this.service = new LaneService({
      config: LaneConfig.parse({ ...config, laneId: id, timeouts: { idleMs: 86_400_000, stillThereMs: 86_400_000 } }),
      catalogue,
      weights,
      journal: this.journal,
      devices: this.sim,
      sim: memoryControl(this.sim),
      clock: this.clock,
      logger: silentLogger,
      newId: (p) => `${p}-${id}-${++this.n}`,
    });
  }

  /** The scale reports the area: motion, maybe a premature stable reading, then the settled value. */
  report(): void {
    const e = P.divisionGrams.value;
    const q = (g: number) => Math.max(0, Math.round(g / e) * e);
    const truth = this.area - this.offPlatter + this.drift;
    const scale = this.sim.baggingScale;
    scale.set(q(truth + e * 3), 'motion');
    if (this.r() < P.prematureStableShare.value) {
      scale.set(q(truth + (this.r() < 0.5 ? -1 : 1) * e * (1 + Math.floor(this.r() * 3))), 'stable');
      scale.set(q(truth), 'motion');
    }
    scale.set(q(truth + gauss(this.r) * P.noiseSdDivisions.value * e), 'stable');
  }

  wait(seconds: number): void {
    this.clock.advance(Math.round(seconds * 1000));
    this.drift += gauss(this.r) * P.driftDivisionsPerMin.value * P.divisionGrams.value * Math.sqrt(seconds / 60);
  }

  put(grams: number, overhang = 0): void {
    this.area += grams;
    this.offPlatter += grams * overhang;
    this.report();
  }

  take(grams: number): void {
    this.area = Math.max(0, this.area - grams);
    this.offPlatter = Math.min(this.offPlatter, this.area);
    this.report();
  }

  command(body: Record<string, unknown>): boolean {
    return this.service.command({ id: `cmd-${this.id}-${++this.cmdSeq}-bench`, by: ALEX.id, ...body }, { attendant: ALEX }).ok;
  }

  interventions(): Intervention[] {
    return this.service.view().interventions;
  }

  /** Scan; true when the lane accepted it (good beep). */
  scan(code: string): boolean {
    // The simulator keeps only its last 1000 beeps: empty it so the next beep is this scan's.
    const beeps = this.sim.scanner.beeps;
    beeps.length = 0;
    if (!this.sim.scanner.scan(code)) return false;
    return beeps[0] === 'good';
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise<void>((res) => setImmediate(res));
}

/** Drive one transaction; returns its outcome. */
async function runTransaction(lane: BenchLane, plan: TxPlan, r: Rand): Promise<TxOutcome> {
  const out: TxOutcome = { archetype: plan.archetype, act: null, caught: false, alerts: 0, attendantCalls: 0, attendantSeconds: 0, callsByKind: {}, uncheckedUnits: 0, units: plan.units.length, completed: false };
  const attSigma = sigmaFromP90(P.attendantMedianSeconds.value, P.attendantP90Seconds.value);
  const mark = lane.journal.rows.length;
  lane.area = lane.sim.baggingScale.grams; // whatever is left from before counts as there (baseline)
  lane.offPlatter = 0;

  /** The shopper (and, when needed, an attendant) clear what is open. */
  const resolve = (): void => {
    for (let round = 0; round < 8; round++) {
      const ivs = lane.interventions();
      if (ivs.length === 0) return;
      if (lane.offPlatter > 0 && ivs.some((i) => WEIGHT_KINDS.has(i.kind))) {
        // The alarm makes the shopper push the overhanging goods onto the platter.
        lane.wait(3);
        lane.offPlatter = 0;
        lane.report();
        continue;
      }
      for (const iv of ivs) {
        const secs = lognormal(r, P.attendantMedianSeconds.value, attSigma);
        lane.wait(secs);
        if (lane.command({ type: 'intervention.approve', interventionId: iv.id })) {
          if (WEIGHT_KINDS.has(iv.kind) || iv.kind === 'skipBagging') {
            out.attendantCalls++;
            out.callsByKind[iv.kind] = (out.callsByKind[iv.kind] ?? 0) + 1;
            out.attendantSeconds += secs;
          }
        }
      }
    }
  };
  /** Scan with retries: a refused scan brings the attendant / a bagging skip. */
  const scan = (code: string): boolean => {
    for (let attempt = 0; attempt < 3; attempt++) {
      if (lane.scan(code)) return true;
      resolve();
      if (lane.scan(code)) return true;
      // Still refused: items wait to be bagged that the shopper thinks are bagged.
      if (lane.service.intent({ type: 'bagging.skip' }).ok) resolve();
    }
    return false;
  };
  const weightRaisedSince = (from: number): boolean => lane.journal.rows.slice(from).some(isWeightRaise);

  // Start, own bags.
  const bags = [...plan.bags];
  const putBag = (): void => {
    const g = bags.shift();
    if (g !== undefined) lane.put(g);
  };
  if (bags.length > 0) {
    if (plan.bagBeforeDeclare) {
      lane.service.intent({ type: 'session.start' });
      lane.wait(2);
      putBag();
      lane.service.intent({ type: 'ownBag.declare' });
    } else {
      lane.service.intent({ type: 'ownBag.declare' });
      lane.wait(2);
      putBag();
    }
  } else lane.service.intent({ type: 'session.start' });
  resolve();

  const interSigma = 0.5;
  let i = 0;
  let firstBagLoad = 0;
  while (i < plan.units.length) {
    const u = plan.units[i]!;
    if (i > 0 && i % P.unitsPerBag.value === 0 && bags.length > 0) {
      if (firstBagLoad === 0) firstBagLoad = lane.area;
      lane.service.intent({ type: 'ownBag.declare' });
      lane.wait(2);
      putBag();
      resolve();
    }
    if (plan.lean && plan.lean.atUnit === i) {
      lane.put(plan.lean.grams);
      lane.wait(0.5 + r() * 4.5);
      lane.take(plan.lean.grams);
    }
    if (plan.earlyRemovalAtUnit === i) {
      // An honest shopper lifts a full bag into the trolley before paying.
      if (firstBagLoad > 0) lane.take(firstBagLoad);
      resolve();
    }
    lane.wait(lognormal(r, P.interScanSeconds.value, interSigma));
    if (u.act) {
      out.act = u.act.type;
      const from = lane.journal.rows.length;
      act(lane, u, scan);
      out.caught = weightRaisedSince(from);
      resolve();
      i++;
      continue;
    }
    const group: PlanUnit[] = u.habit === 'pairWithNext' && plan.units[i + 1] && !plan.units[i + 1]!.act ? [u, plan.units[i + 1]!] : [u];
    if (u.habit === 'bagBeforeScan') {
      lane.put(u.grams, u.overhang);
      lane.wait(1);
      enter(lane, u, scan);
    } else {
      for (const g of group) enter(lane, g, scan);
      lane.wait(lognormal(r, P.scanToBagSeconds.value, 0.5));
      const grams = group.reduce((s, g) => s + g.grams, 0);
      lane.put(grams, Math.max(...group.map((g) => g.overhang)));
    }
    resolve();
    i += group.length;
  }
  // Pay.
  for (let attempt = 0; attempt < 4; attempt++) {
    resolve();
    if (lane.service.intent({ type: 'pay.start' }).ok) break;
    if (lane.service.intent({ type: 'bagging.skip' }).ok) resolve();
  }
  lane.wait(P.paymentSeconds.value);
  if (lane.service.intent({ type: 'pay.card' }).ok) {
    lane.sim.terminal.setBehaviour('approve');
    for (let k = 0; k < 20 && lane.service.view().screen !== 'thanks'; k++) await settle();
    out.completed = lane.service.intent({ type: 'session.finish' }).ok;
  }
  if (!out.completed) {
    lane.command({ type: 'transaction.cancel' });
    resolve();
  }
  // The shopper takes everything away.
  lane.area = 0;
  lane.offPlatter = 0;
  lane.report();
  const rows = lane.journal.rows.slice(mark);
  for (const e of rows) {
    if (isWeightRaise(e)) out.alerts++;
    if (e.type === 'item.added' && (e.payload as { line?: { expectedGramsPerUnit?: number | null } }).line?.expectedGramsPerUnit === null) out.uncheckedUnits++;
  }
  lane.journal.rows.length = 0;
  return out;
}

/** Scan (or weigh) one unit as an honest shopper would. */
function enter(lane: BenchLane, u: PlanUnit, scan: (code: string) => boolean): void {
  if (u.kind === 'produce') {
    lane.sim.produceScale.set(u.produceGrams ?? 0, 'stable');
    lane.service.intent({ type: 'produce.open' });
    lane.service.intent({ type: 'produce.select', plu: u.code });
    lane.service.intent({ type: 'produce.confirm' });
    lane.sim.produceScale.set(0, 'stable');
    return;
  }
  scan(u.code);
}

function act(lane: BenchLane, u: PlanUnit, scan: (code: string) => boolean): void {
  const a = u.act!;
  switch (a.type) {
    case 'nonScanBagged':
      lane.put(u.grams);
      return;
    case 'nonScanCarried':
      return; // straight into the trolley: nothing reaches the scanner or the scale
    case 'swap':
      scan(a.scanCode!);
      lane.wait(1.5);
      lane.put(u.grams);
      return;
    case 'underCount':
      scan(u.code);
      lane.wait(1.5);
      lane.put(u.grams * 2);
      return;
    case 'skipBagging':
      // Scans the item, asks to skip bagging it (approved), then bags an unscanned one instead.
      scan(u.code);
      if (lane.service.intent({ type: 'bagging.skip' }).ok) lane.command({ type: 'intervention.approve', kind: 'skipBagging' });
      lane.wait(2);
      lane.put(a.stolenGrams ?? u.grams);
      return;
    case 'removeThenAdd': {
      // Scans and bags the item, lifts the bag, puts it back with an unscanned item inside.
      scan(u.code);
      lane.put(u.grams);
      const held = lane.area;
      lane.take(held);
      lane.wait(3);
      lane.put(held + (a.stolenGrams ?? 100));
      return;
    }
  }
}

/** One policy × seed: a store of `lanes` lanes, `transactions` transactions shared among them. */
export async function runPolicy(opts: { policy: string; config: LaneConfigInput; seed: number; transactions: number; lanes: number; items: CatalogueItem[] }): Promise<PolicyResult> {
  const catalogue = new MemoryCatalogue(opts.items);
  const db = openDatabase(':memory:');
  const learnedClock = new ManualClock();
  const itemWeights = new ItemWeights(db, learnedClock);
  const weights: WeightLearning = {
    stats: (id) => itemWeights.get(id),
    record: (id, grams, samples = 1) => {
      for (let k = 0; k < samples; k++) itemWeights.observe(id, Math.max(0, Math.round(grams)));
    },
  };
  const pop = buildPopulation(catalogue.items, opts.seed);
  const planR = rng(opts.seed);
  const plans = Array.from({ length: opts.transactions }, (_, k) => planTransaction(pop, k, planR));
  const lanes = Array.from({ length: opts.lanes }, (_, k) => new BenchLane(`lane-${k + 1}`, opts.config, catalogue, weights, rng(opts.seed * 1000 + k)));
  const outcomes: TxOutcome[] = [];
  let next = 0;
  try {
    await Promise.all(
      lanes.map(async (lane, k) => {
        const r = rng(opts.seed * 7919 + k);
        while (next < plans.length) {
          const plan = plans[next++]!;
          outcomes[plan.index] = await runTransaction(lane, plan, r);
        }
      }),
    );
  } finally {
    for (const l of lanes) l.service.abandon();
    db.close();
  }
  return summarize(opts.policy, opts.seed, outcomes);
}

export function summarize(policy: string, seed: number, outcomes: TxOutcome[]): PolicyResult {
  const honest = outcomes.filter((o) => o.act === null && o.archetype === 'honest');
  const per100 = (x: number, n: number) => (n === 0 ? 0 : round2((100 * x) / n));
  const acts = Object.fromEntries(
    ACT_TYPES.map((t) => {
      const with_ = outcomes.filter((o) => o.act === t);
      const caught = with_.filter((o) => o.caught).length;
      return [t, { n: with_.length, caught, ratePct: with_.length ? round2((100 * caught) / with_.length) : null }];
    }),
  ) as PolicyResult['acts'];
  const detectable = outcomes.filter((o) => o.act !== null && o.act !== 'nonScanCarried');
  const units = outcomes.reduce((s, o) => s + o.units, 0);
  return {
    policy,
    seed,
    transactions: outcomes.length,
    honest: honest.length,
    falseInterventionsPer100Honest: per100(
      honest.reduce((s, o) => s + o.attendantCalls, 0),
      honest.length,
    ),
    alertsPer100Honest: per100(
      honest.reduce((s, o) => s + o.alerts, 0),
      honest.length,
    ),
    honestStoppedPct: per100(honest.filter((o) => o.attendantCalls > 0).length, honest.length),
    attendantMinutesPer100: per100(outcomes.reduce((s, o) => s + o.attendantSeconds, 0) / 60, outcomes.length),
    uncheckedUnitsPct: per100(
      outcomes.reduce((s, o) => s + o.uncheckedUnits, 0),
      units,
    ),
    acts,
    weightDetectableCatchPct: detectable.length ? round2((100 * detectable.filter((o) => o.caught).length) / detectable.length) : null,
    incomplete: outcomes.filter((o) => !o.completed).length,
    honestCallsByKindPer100: Object.fromEntries(
      [...new Set(honest.flatMap((o) => Object.keys(o.callsByKind)))].sort().map((k) => [k, per100(honest.reduce((s, o) => s + (o.callsByKind[k] ?? 0), 0), honest.length)]),
    ),
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;
