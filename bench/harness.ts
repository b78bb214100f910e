/**
 * The benchmark harness: timing loops, percentiles, machine info, results as JSON and
 * Markdown. Every benchmark in bench/ exports `run(opts) → Promise<BenchResult>` built
 * with these helpers. No dependencies beyond Node.
 *
 * Percentiles: nearest-rank on the sorted samples, p-th percentile = the sample at
 * 1-based rank ceil(p/100 × n) (so p99 of 200 samples is the 198th smallest, p99 of 50
 * samples is the largest). No interpolation: every figure reported is a time that was
 * actually measured.
 *
 * Noise: a subject and its reference are sampled *interleaved* (A, B, A, B …) by
 * `sampleInterleaved`, so a burst of load from another process hits both alike, and the
 * ratio of the two stays meaningful on a busy machine.
 */
import { cpus, freemem, hostname, loadavg, platform, release, totalmem } from 'node:os';

export interface BenchOptions {
  /** Tiny counts: proves the benchmark works (test suite), says nothing about speed. */
  quick: boolean;
}

export interface Stats {
  n: number;
  median: number;
  p95: number;
  p99: number;
  min: number;
  max: number;
  mean: number;
}

export type Unit = 'ms' | 'µs' | 's' | 'events/s' | 'MB' | '%';

export interface Reference {
  /** What the reference is (a bare statement, a wire time, a peer broker …). */
  name: string;
  stats: Stats;
}

export interface Target {
  /** As written in the issue, e.g. `p99 ≤ 2 ms`. */
  text: string;
  pass: boolean;
}

export interface Metric {
  name: string;
  unit: Unit;
  stats: Stats;
  reference?: Reference;
  /** Subject ÷ reference, on the statistic named by `ratioOf`. */
  ratio?: number;
  ratioOf?: 'p99' | 'median';
  target?: Target;
}

export interface BenchResult {
  id: string;
  title: string;
  quick: boolean;
  durationMs: number;
  metrics: Metric[];
  /** Method, caveats, what limits a miss. */
  notes: string[];
  /** Set when the benchmark could not run here (e.g. no Chromium); metrics are then empty. */
  skipped?: string;
}

export interface MachineInfo {
  host: string;
  cpu: string;
  cores: number;
  memoryMB: number;
  freeMemoryMB: number;
  loadAverage: number[];
  node: string;
  os: string;
}

export interface RunReport {
  date: string;
  machine: MachineInfo;
  quick: boolean;
  results: BenchResult[];
}

export function machineInfo(): MachineInfo {
  const c = cpus();
  return {
    host: hostname(),
    cpu: c[0]?.model.trim() ?? 'unknown',
    cores: c.length,
    memoryMB: Math.round(totalmem() / 2 ** 20),
    freeMemoryMB: Math.round(freemem() / 2 ** 20),
    loadAverage: loadavg().map((x) => Math.round(x * 100) / 100),
    node: process.version,
    os: `${platform()} ${release()}`,
  };
}

// ---- statistics -----------------------------------------------------------------------

/** Nearest-rank percentile of already sorted values (see the file comment). */
export function percentileSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? NaN;
}

export function stats(samples: readonly number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  const sum = sorted.reduce((s, x) => s + x, 0);
  return {
    n,
    median: percentileSorted(sorted, 50),
    p95: percentileSorted(sorted, 95),
    p99: percentileSorted(sorted, 99),
    min: sorted[0] ?? NaN,
    max: sorted[n - 1] ?? NaN,
    mean: n ? sum / n : NaN,
  };
}

/** A metric with its reference, ratio and target. `pass` gets the subject's stats. */
export function metric(
  name: string,
  unit: Unit,
  samples: readonly number[],
  more: {
    reference?: { name: string; samples: readonly number[] } | { name: string; stats: Stats };
    ratioOf?: 'p99' | 'median';
    target?: { text: string; pass: (s: Stats, ref: Stats | undefined) => boolean };
  } = {},
): Metric {
  const s = stats(samples);
  const m: Metric = { name, unit, stats: s };
  if (more.reference) {
    const refStats = 'stats' in more.reference ? more.reference.stats : stats(more.reference.samples);
    m.reference = { name: more.reference.name, stats: refStats };
    const of = more.ratioOf ?? 'p99';
    m.ratioOf = of;
    m.ratio = refStats[of] === 0 ? NaN : s[of] / refStats[of];
  }
  if (more.target) m.target = { text: more.target.text, pass: more.target.pass(s, m.reference?.stats) };
  return m;
}

// ---- timing ---------------------------------------------------------------------------

/** Monotonic milliseconds with sub-microsecond resolution. */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export interface SampleOptions {
  warmup: number;
  reps: number;
}

/** Time `fn` `reps` times after `warmup` untimed calls; milliseconds per call. */
export function sampleSync(fn: (i: number) => void, o: SampleOptions): number[] {
  for (let i = 0; i < o.warmup; i++) fn(i);
  const out: number[] = [];
  for (let i = 0; i < o.reps; i++) {
    const t0 = nowMs();
    fn(o.warmup + i);
    out.push(nowMs() - t0);
  }
  return out;
}

/** Subject and reference timed alternately, call by call (see the file comment). */
export function sampleInterleaved(subject: (i: number) => void, reference: (i: number) => void, o: SampleOptions): { subject: number[]; reference: number[] } {
  for (let i = 0; i < o.warmup; i++) {
    subject(i);
    reference(i);
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < o.reps; i++) {
    const k = o.warmup + i;
    // Alternate which goes first, so neither always runs on a warmer cache.
    if (i % 2 === 0) {
      let t0 = nowMs();
      subject(k);
      a.push(nowMs() - t0);
      t0 = nowMs();
      reference(k);
      b.push(nowMs() - t0);
    } else {
      let t0 = nowMs();
      reference(k);
      b.push(nowMs() - t0);
      t0 = nowMs();
      subject(k);
      a.push(nowMs() - t0);
    }
  }
  return { subject: a, reference: b };
}

/** Per-call times in µs from a batch: time `batch` calls at once, `reps` times (for sub-µs work). */
export function sampleBatchedUs(fn: (i: number) => void, batch: number, o: SampleOptions): number[] {
  let k = 0;
  for (let i = 0; i < o.warmup * batch; i++) fn(k++);
  const out: number[] = [];
  for (let r = 0; r < o.reps; r++) {
    const t0 = nowMs();
    for (let i = 0; i < batch; i++) fn(k++);
    out.push(((nowMs() - t0) * 1000) / batch);
  }
  return out;
}

export function msToUs(samples: readonly number[]): number[] {
  return samples.map((x) => x * 1000);
}

/** Run a benchmark body, filling in id, title, duration; a thrown error becomes a `skipped` result only when `skipIf` says so. */
export async function bench(id: string, title: string, opts: BenchOptions, body: (notes: string[]) => Promise<Metric[]>): Promise<BenchResult> {
  const t0 = nowMs();
  const notes: string[] = [];
  const metrics = await body(notes);
  return { id, title, quick: opts.quick, durationMs: Math.round(nowMs() - t0), metrics, notes };
}

export function skipped(id: string, title: string, opts: BenchOptions, reason: string): BenchResult {
  return { id, title, quick: opts.quick, durationMs: 0, metrics: [], notes: [], skipped: reason };
}

// ---- output ---------------------------------------------------------------------------

function fmt(x: number | undefined): string {
  if (x === undefined || !Number.isFinite(x)) return '—';
  const a = Math.abs(x);
  if (a >= 1000) return Math.round(x).toLocaleString('en-US');
  if (a >= 100) return x.toFixed(0);
  if (a >= 10) return x.toFixed(1);
  if (a >= 1) return x.toFixed(2);
  return x.toFixed(3);
}

/** The results as one Markdown table (plus the machine line and per-benchmark notes). */
export function toMarkdown(report: RunReport, opts: { notes?: boolean } = {}): string {
  const m = report.machine;
  const lines: string[] = [];
  lines.push(
    `Measured ${report.date} on \`${m.host}\`: ${m.cpu}, ${m.cores} cores, ${Math.round(m.memoryMB / 1024)} GB RAM, Node ${m.node}, ${m.os}, load ${m.loadAverage.join(' / ')}${report.quick ? ' — QUICK MODE (counts too small to mean anything)' : ''}.`,
  );
  lines.push('');
  lines.push('| benchmark | metric | n | median | p95 | p99 | reference (same run) | ref median | ref p99 | ratio | target | result |');
  lines.push('| --- | --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | --- | --- |');
  for (const r of report.results) {
    if (r.skipped) {
      lines.push(`| ${r.id} | — | | | | | | | | | | skipped: ${r.skipped} |`);
      continue;
    }
    for (const x of r.metrics) {
      const u = x.unit;
      const ref = x.reference;
      lines.push(
        [
          '',
          r.id,
          `${x.name} (${u})`,
          String(x.stats.n),
          fmt(x.stats.median),
          fmt(x.stats.p95),
          fmt(x.stats.p99),
          ref ? ref.name : '—',
          ref ? fmt(ref.stats.median) : '',
          ref ? fmt(ref.stats.p99) : '',
          x.ratio !== undefined ? `${fmt(x.ratio)}× (${x.ratioOf})` : '',
          x.target ? x.target.text : '',
          x.target ? (x.target.pass ? 'pass' : '**MISS**') : '',
          '',
        ].join(' | ').trim(),
      );
    }
  }
  if (opts.notes !== false) {
    for (const r of report.results) {
      if (r.notes.length === 0) continue;
      lines.push('');
      lines.push(`**${r.id}** — ${r.title}`);
      for (const n of r.notes) lines.push(`- ${n}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
