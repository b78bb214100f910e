import { describe, expect, it } from 'vitest';
import { ACT_TYPES } from './population.ts';
import { runSecurity, toMarkdown } from './run.ts';

describe('bench:security (quick mode: shape only, no figures)', () => {
  it('drives real lanes for every policy and reports every metric per policy and seed', async () => {
    const rep = await runSecurity({ quick: true });
    expect(rep.summary.length).toBeGreaterThanOrEqual(2);
    expect(rep.results.length).toBe(rep.summary.length * rep.seeds.length);
    for (const r of rep.results) {
      expect(r.transactions).toBe(rep.transactionsPerSeed);
      for (const k of ['falseInterventionsPer100Honest', 'alertsPer100Honest', 'honestStoppedPct', 'attendantMinutesPer100', 'uncheckedUnitsPct'] as const) {
        expect(Number.isFinite(r[k])).toBe(true);
      }
      expect(Object.keys(r.acts).sort()).toEqual([...ACT_TYPES].sort());
      // Transactions really ran on the lane: they were paid (or cancelled by the attendant).
      expect(r.incomplete).toBeLessThan(r.transactions);
    }
    expect(rep.parameters.every((p) => /^(source|assumption): /.test(p.basis))).toBe(true);
    expect(toMarkdown(rep)).toContain('| policy |');
  }, 120_000);
});
