import { describe, expect, it } from 'vitest';
import { added, checkoutDeps, txOf } from '../../../test/helpers/checkoutDeps.ts';
import type { DomainEvent } from '../events.ts';
import { judgeBagging } from './bagging.ts';

const stable = (grams: number) => ({ state: 'stable' as const, grams });
const types = (events: readonly DomainEvent[]) => events.map((e) => e.type);

describe('bagging judgement (decide/bagging.ts)', () => {
  it('a matching stable reading bags the waiting unit and offers it as a learning sample', () => {
    const deps = checkoutDeps();
    const tx = txOf(deps, [added(deps, 'choc')]);
    const j = judgeBagging(tx, stable(103), deps);
    expect(j.events).toMatchObject([{ type: 'bagging.accepted', acceptedGrams: 103, reason: 'matched', bagged: [{ lineId: tx.lines[0]!.lineId, units: 1 }] }]);
    expect(j.sample).toEqual({ itemId: 'choc', grams: 103, samples: 1 });
    expect(j.cues).toEqual([]);
  });

  it('two units in one drop are bagged together and teach nothing (not a single-unit reading)', () => {
    const deps = checkoutDeps();
    const tx = txOf(deps, [added(deps, 'choc'), added(deps, 'gum')]);
    const j = judgeBagging(tx, stable(135), deps);
    expect(j.events).toMatchObject([{ type: 'bagging.accepted', bagged: [{ units: 1 }, { units: 1 }] }]);
    expect(j.sample).toBeNull();
  });

  it('a rise that matches nothing waiting raises a weight mismatch once, with a cue', () => {
    const deps = checkoutDeps();
    const tx = txOf(deps, [added(deps, 'choc')]);
    const j = judgeBagging(tx, stable(400), deps);
    expect(j.events).toMatchObject([{ type: 'intervention.raised', intervention: { kind: 'weightMismatch', blocking: true, detail: { measuredGrams: 400 } } }]);
    expect(j.cues).toEqual(['interventionRaised']);
    // Already raised: the same reading raises nothing again.
    const again = judgeBagging(txOf(deps, [added(deps, 'choc'), ...j.events]), stable(400), deps);
    expect(again.events).toEqual([]);
    expect(again.cues).toEqual([]);
  });

  it('a different weight alarm replaces the pending one (the old one resolves automatically)', () => {
    const deps = checkoutDeps();
    const first = judgeBagging(txOf(deps, []), stable(300), deps); // unexpected item
    expect(first.events).toMatchObject([{ type: 'intervention.raised', intervention: { kind: 'unexpectedItem' } }]);
    const tx = txOf(deps, [{ type: 'bagging.accepted', acceptedGrams: 500, bagged: [], reason: 'attendant' }, ...first.events]);
    const j = judgeBagging(tx, stable(100), deps); // now below what it holds: removed
    expect(types(j.events)).toEqual(['intervention.resolved', 'intervention.raised']);
    expect(j.events[0]).toMatchObject({ resolution: 'auto', by: 'scale' });
    expect(j.events[1]).toMatchObject({ intervention: { kind: 'itemRemoved' } });
  });

  it('going back to the accepted weight clears weight alarms by itself, with a cue', () => {
    const deps = checkoutDeps();
    const raised = judgeBagging(txOf(deps, []), stable(300), deps).events;
    const j = judgeBagging(txOf(deps, raised), stable(4), deps);
    expect(j.events).toMatchObject([{ type: 'intervention.resolved', resolution: 'auto', by: 'scale' }]);
    expect(j.cues).toEqual(['interventionResolved']);
  });

  it('a settled area with no alarm decides nothing', () => {
    const deps = checkoutDeps();
    expect(judgeBagging(txOf(deps, []), stable(0), deps)).toEqual({ events: [], cues: [], sample: null });
  });

  it('judges nothing on motion, a fault, no reading, a closed-off area or a transaction that is not open', () => {
    const deps = checkoutDeps();
    const tx = txOf(deps, [added(deps, 'choc')]);
    const nothing = { events: [], cues: [], sample: null };
    expect(judgeBagging(tx, { state: 'motion', grams: 400 }, deps)).toEqual(nothing);
    expect(judgeBagging(tx, { state: 'overload', grams: 0 }, deps)).toEqual(nothing);
    expect(judgeBagging(tx, null, deps)).toEqual(nothing);
    expect(judgeBagging({ ...tx, status: 'paid' }, stable(400), deps)).toEqual(nothing);
    const off = checkoutDeps({ bagging: { enabled: false } });
    expect(judgeBagging(txOf(off, [added(off, 'choc')]), stable(400), off)).toEqual(nothing);
  });
});
