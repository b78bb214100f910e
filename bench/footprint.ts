/**
 * footprint: lane service start → ready; shopper UI first render; RSS idle and after
 * 10,000 transactions.
 *
 * - Start → ready: `lane/main.ts` spawned as `npm run lane` runs it (Node + tsx), timed from
 *   spawn to its `lane.ready` line on stdout, on a data directory that already holds the
 *   imported catalogue (a restart; the first, importing start is reported apart). Peer in the
 *   same run: spawning Node + tsx on an empty module — the floor no service code can beat.
 * - First render: Chromium opens the shopper page of a running lane; time from navigation
 *   start to the first `lane:view` mark (first view painted), with First Contentful Paint.
 * - RSS: bench/footprint-child.ts, a lane service alone in a process, after a forced GC.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLaneServer } from '../lane/server.ts';
import { systemClock } from '../core/clock.ts';
import { silentLogger } from '../core/log.ts';
import { ensureUiBuilt, haveChromium, launchChromium } from '../test/helpers/e2e.ts';
import { syntheticCatalogue } from './data.ts';
import { openBenchLane } from './lane.ts';
import { bench, metric, nowMs, type BenchOptions, type BenchResult, type Metric } from './harness.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TSX = ['--import', 'tsx'];

/** Spawn `args` under Node + tsx; resolve the ms until a stdout line contains `marker` (then kill it), or until exit. */
function timeSpawn(args: string[], marker: string | null): Promise<number> {
  return new Promise((res, rej) => {
    const t0 = nowMs();
    const child = spawn(process.execPath, [...TSX, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, LANE_LOG_LEVEL: 'silent' } });
    let out = '';
    let done = false;
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (!done && marker !== null && out.includes(marker)) {
        done = true;
        const ms = nowMs() - t0;
        child.once('exit', () => res(ms));
        child.kill('SIGTERM');
      }
    });
    child.once('exit', (code) => {
      if (done) return;
      if (marker === null && code === 0) res(nowMs() - t0);
      else rej(new Error(`${args.join(' ')} exited (${code}) before ${marker}: ${out.slice(-500)}`));
    });
  });
}

interface ChildReport {
  idle: number[];
  during: { after: number; rssMB: number }[];
  after: number;
  transactions: number;
  journal: number;
  seconds: number;
}

export async function run(opts: BenchOptions): Promise<BenchResult> {
  return bench('footprint', 'Footprint: service start → ready, shopper UI first render, RSS idle and after 10,000 transactions', opts, async (notes) => {
    const metrics: Metric[] = [];
    const starts = opts.quick ? 2 : 10;
    const work = mkdtempSync(join(tmpdir(), 'lane-bench-fp-'));
    try {
      // ---- start → ready ----------------------------------------------------------------
      const catalogue = join(work, 'catalogue.json');
      writeFileSync(catalogue, JSON.stringify(syntheticCatalogue(2_000)));
      const empty = join(work, 'empty.ts');
      writeFileSync(empty, 'export {};\n');
      const laneArgs = ['lane/main.ts', '--port', '0', '--data', join(work, 'data'), '--catalogue', catalogue];
      const cold = await timeSpawn(laneArgs, '"lane.ready"');
      const ready: number[] = [];
      const floor: number[] = [];
      for (let i = 0; i < starts; i++) {
        ready.push(await timeSpawn(laneArgs, '"lane.ready"'));
        floor.push(await timeSpawn([empty], null));
      }
      metrics.push(
        metric('service start → ready (restart)', 'ms', ready, {
          reference: { name: 'Node + tsx, empty module (spawn → exit)', samples: floor },
          target: { text: 'ready ≤ 1 s (p99)', pass: (s) => s.p99 <= 1_000 },
        }),
      );
      metrics.push(metric('service first start (imports 2,000 items)', 'ms', [cold]));
      notes.push(
        `Start → ready: \`node --import tsx lane/main.ts\` (what \`npm run lane\` runs) spawned ${starts} times on a data directory that already has the catalogue, timed to its \`lane.ready\` line; interleaved with the peer, Node + tsx loading an empty module. What the service itself adds is the difference of the two.`,
      );

      // ---- first render -----------------------------------------------------------------
      if (haveChromium()) {
        const loads = opts.quick ? 2 : 20;
        const uiDir = ensureUiBuilt();
        const { lane, dir } = openBenchLane({ clock: systemClock, items: 1_000 });
        const server = await startLaneServer({ service: lane.service, logger: silentLogger, port: 0, staticDir: uiDir });
        const browser = await launchChromium();
        const firstView: number[] = [];
        const fcp: number[] = [];
        try {
          for (let i = 0; i < loads + 1; i++) {
            const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
            const page = await context.newPage();
            await page.goto(`${server.url}/?token=${server.token}`);
            const h = await page.waitForFunction(
              () => {
                const m = performance.getEntriesByType('mark').find((e) => e.name.startsWith('lane:view:'));
                const p = performance.getEntriesByName('first-contentful-paint')[0];
                return m && p ? { view: m.startTime, fcp: p.startTime } : false;
              },
              undefined,
              { timeout: 15_000 },
            );
            const r = (await h.jsonValue()) as { view: number; fcp: number };
            if (i > 0) {
              firstView.push(r.view);
              fcp.push(r.fcp);
            }
            await context.close();
          }
        } finally {
          await browser.close();
          await server.close();
          await lane.close();
          rmSync(dir, { recursive: true, force: true });
        }
        metrics.push(metric('shopper UI first render (navigation → first view painted)', 'ms', firstView, { reference: { name: 'First Contentful Paint of the same loads', samples: fcp } }));
        notes.push(
          `First render: ${loads} loads of the shopper page (fresh browser context each, after one warm-up load) from the lane server on loopback, headless Chromium 1920×1080; time from navigation start to the \`lane:view\` mark of the first view (the attract screen with live data), beside the browser's First Contentful Paint. The issue sets no target for it.`,
        );
      } else notes.push('First render: skipped (no Chromium).');

      // ---- RSS --------------------------------------------------------------------------
      const transactions = opts.quick ? 20 : 10_000;
      const child = spawnSync(process.execPath, ['--expose-gc', ...TSX, 'bench/footprint-child.ts', String(transactions), opts.quick ? '2' : '10'], {
        cwd: ROOT,
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      });
      if (child.status !== 0) throw new Error(`footprint child failed: ${child.stderr.slice(-2000)}`);
      const rep = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as ChildReport;
      const idleMB = rep.idle.reduce((a, b) => a + b, 0) / rep.idle.length;
      metrics.push(metric('RSS idle', 'MB', rep.idle, { target: { text: '≤ 150 MB', pass: (s) => s.p99 <= 150 } }));
      metrics.push(
        metric(`RSS after ${rep.transactions.toLocaleString('en-US')} transactions`, 'MB', [rep.after], {
          reference: { name: 'RSS idle (same process)', samples: rep.idle },
          ratioOf: 'median',
          target: { text: '≤ 150 MB', pass: (s) => s.p99 <= 150 },
        }),
      );
      metrics.push(
        metric('RSS growth', '%', [((rep.after - idleMB) / idleMB) * 100], { target: { text: '≤ 10 %', pass: (s) => s.p99 <= 10 } }),
      );
      const warm = rep.during[0];
      if (warm && rep.during.length > 1) {
        metrics.push(metric(`RSS growth after warm-up (${warm.after.toLocaleString('en-US')} → ${rep.transactions.toLocaleString('en-US')} transactions)`, '%', [((rep.after - warm.rssMB) / warm.rssMB) * 100]));
      }
      notes.push(
        `RSS: a lane service alone in a child process (\`openLane\` + \`startLaneServer\`, 1,000-item catalogue, SQLite journal on disk), forced GC before each reading. Idle = 5 readings after start; then ${rep.transactions.toLocaleString('en-US')} transactions (scan, bag, pay by card, receipt, done; ${rep.journal.toLocaleString('en-US')} journal events, ${rep.seconds.toFixed(0)} s). RSS along the way: ${rep.during.map((d) => `${d.after}: ${d.rssMB.toFixed(0)} MB`).join(', ')}.`,
      );
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
    return metrics;
  });
}
