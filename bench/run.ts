/**
 * `npm run bench` — run every benchmark (or those named) and write
 * bench/results/<YYYY-MM-DD>-<host>.json and .md.
 *
 *   npm run bench                         # all, full counts
 *   npm run bench -- catalogue pricing    # some
 *   npm run bench -- --quick              # tiny counts (…-quick.json/.md)
 *   npm run bench -- --out /tmp/results   # somewhere else
 *
 * Results of the same day and host are merged by benchmark id, so benchmarks can be run one
 * at a time; the machine line is that of the latest run.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { machineInfo, toMarkdown, type BenchOptions, type BenchResult, type RunReport } from './harness.ts';

type Runner = (opts: BenchOptions) => Promise<BenchResult>;

/** In the order they run and appear in the table. Each module is loaded only when chosen. */
export const BENCHMARKS: Record<string, () => Promise<Runner>> = {
  'scan-to-screen': async () => (await import('./scan-to-screen.ts')).run,
  'basket-render': async () => (await import('./basket-render.ts')).run,
  'weigh-to-verdict': async () => (await import('./weigh-to-verdict.ts')).run,
  catalogue: async () => (await import('./catalogue.ts')).run,
  pricing: async () => (await import('./pricing.ts')).run,
  journal: async () => (await import('./journal.ts')).run,
  bus: async () => (await import('./bus.ts')).run,
  footprint: async () => (await import('./footprint.ts')).run,
};

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { quick: { type: 'boolean', default: false }, out: { type: 'string' } },
  });
  const unknown = positionals.filter((p) => !(p in BENCHMARKS));
  if (unknown.length > 0) {
    process.stderr.write(`unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(BENCHMARKS).join(', ')}\n`);
    process.exit(2);
  }
  const ids = positionals.length > 0 ? Object.keys(BENCHMARKS).filter((id) => positionals.includes(id)) : Object.keys(BENCHMARKS);
  const quick = values.quick ?? false;
  const machine = machineInfo();
  const date = new Date().toISOString().slice(0, 10);
  const outDir = resolve(values.out ?? join(dirname(new URL(import.meta.url).pathname), 'results'));
  const base = join(outDir, `${date}-${machine.host}${quick ? '-quick' : ''}`);
  mkdirSync(outDir, { recursive: true });

  process.stdout.write(`${machine.cpu}, ${machine.cores} cores, ${machine.memoryMB} MB, Node ${machine.node}${quick ? ' (quick mode)' : ''}\n`);
  const fresh: BenchResult[] = [];
  for (const id of ids) {
    const load = BENCHMARKS[id];
    if (!load) continue;
    process.stdout.write(`▶ ${id} … `);
    const runBench = await load();
    const r = await runBench({ quick });
    fresh.push(r);
    if (r.skipped) process.stdout.write(`skipped: ${r.skipped}\n`);
    else {
      const misses = r.metrics.filter((m) => m.target && !m.target.pass).map((m) => m.name);
      process.stdout.write(`${(r.durationMs / 1000).toFixed(1)} s${misses.length ? `, MISS: ${misses.join('; ')}` : ', all targets met'}\n`);
    }
  }

  // Merge with earlier results of the same day/host, keeping the table order.
  let previous: BenchResult[] = [];
  if (existsSync(`${base}.json`)) {
    try {
      previous = (JSON.parse(readFileSync(`${base}.json`, 'utf8')) as RunReport).results;
    } catch {
      previous = [];
    }
  }
  const byId = new Map(previous.map((r) => [r.id, r]));
  for (const r of fresh) byId.set(r.id, r);
  const order = Object.keys(BENCHMARKS);
  const results = [...byId.values()].sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  const report: RunReport = { date, machine, quick, results };
  writeFileSync(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(`${base}.md`, toMarkdown(report));
  process.stdout.write(`\n${toMarkdown({ ...report, results: fresh }, { notes: false })}\nwrote ${base}.json and ${base}.md\n`);
  // Chromium, brokers and child processes are closed by each benchmark; leave nothing hanging.
  process.exit(0);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) await main();
