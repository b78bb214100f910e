/**
 * Every benchmark in quick mode, to prove it runs and reports a well-formed result.
 * Benchmarks are not timed tests: nothing here asserts a time, a ratio or a pass.
 */
import { describe, expect, it } from 'vitest';
import { BENCHMARKS } from '../bench/run.ts';
import { percentileSorted, stats, toMarkdown, machineInfo, type BenchResult } from '../bench/harness.ts';

function expectWellFormed(r: BenchResult, id: string): void {
  expect(r.id).toBe(id);
  expect(r.quick).toBe(true);
  if (r.skipped) {
    expect(r.skipped.length).toBeGreaterThan(0);
    return;
  }
  expect(r.metrics.length).toBeGreaterThan(0);
  for (const m of r.metrics) {
    expect(m.name.length).toBeGreaterThan(0);
    expect(m.stats.n).toBeGreaterThan(0);
    for (const v of [m.stats.median, m.stats.p95, m.stats.p99, m.stats.min, m.stats.max, m.stats.mean]) expect(Number.isFinite(v)).toBe(true);
    expect(m.stats.min).toBeLessThanOrEqual(m.stats.median);
    expect(m.stats.median).toBeLessThanOrEqual(m.stats.p99);
    if (m.reference) {
      expect(Number.isFinite(m.reference.stats.p99)).toBe(true);
      expect(Number.isFinite(m.ratio)).toBe(true);
    }
    if (m.target) expect(typeof m.target.pass).toBe('boolean');
  }
  expect(toMarkdown({ date: '2026-01-01', machine: machineInfo(), quick: true, results: [r] })).toContain(`| ${id} |`);
}

describe('bench harness', () => {
  it('nearest-rank percentiles', () => {
    const xs = Array.from({ length: 200 }, (_, i) => i + 1);
    expect(percentileSorted(xs, 50)).toBe(100);
    expect(percentileSorted(xs, 99)).toBe(198);
    expect(percentileSorted([5], 99)).toBe(5);
    expect(stats([3, 1, 2])).toMatchObject({ n: 3, median: 2, p99: 3, min: 1, max: 3, mean: 2 });
  });
});

describe('benchmarks in quick mode (shape only, never a time)', () => {
  for (const [id, load] of Object.entries(BENCHMARKS)) {
    it(
      id,
      async () => {
        const run = await load();
        expectWellFormed(await run({ quick: true }), id);
      },
      240_000,
    );
  }
});
