/**
 * Child process of the footprint benchmark (run with `node --expose-gc --import tsx`):
 * a lane service alone in its process — `openLane` (SQLite on disk) + `startLaneServer` —
 * that reports its RSS idle and while it runs `transactions` shopper transactions
 * (scan, bag, pay by card, receipt, done). Prints one JSON line on stdout.
 *
 *   footprint-child.ts <transactions> <samples>
 */
import { rmSync } from 'node:fs';
import { startLaneServer } from '../lane/server.ts';
import { ManualClock } from '../core/clock.ts';
import { silentLogger } from '../core/log.ts';
import { openBenchLane, payAndFinish } from './lane.ts';

const transactions = Number(process.argv[2] ?? 10_000);
const samples = Math.max(1, Number(process.argv[3] ?? 10));
const gc = (globalThis as { gc?: () => void }).gc;

function rssMB(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().rss / 2 ** 20;
}

const clock = new ManualClock();
const { lane, dir, items } = openBenchLane({ clock, items: 1_000 });
const server = await startLaneServer({ service: lane.service, logger: silentLogger, port: 0 });
const sim = lane.sim;
if (!sim) throw new Error('footprint child needs simulated devices');

// Idle: settle for a moment, then several readings.
const idle: number[] = [];
for (let i = 0; i < 5; i++) {
  await new Promise((r) => setTimeout(r, 100));
  idle.push(rssMB());
}
const during: { after: number; rssMB: number }[] = [];
const every = Math.max(1, Math.floor(transactions / samples));
const t0 = performance.now();
for (let t = 0; t < transactions; t++) {
  const item = items[(t * 37) % items.length];
  if (!item) throw new Error('no item');
  sim.scanner.scan(item.codes[0] ?? '');
  sim.baggingScale.change(item.weightGrams ?? 0);
  await payAndFinish(lane, sim);
  sim.baggingScale.change(-(item.weightGrams ?? 0)); // the shopper takes the bag
  clock.advance(1_000);
  if ((t + 1) % every === 0) during.push({ after: t + 1, rssMB: rssMB() });
}
const seconds = (performance.now() - t0) / 1000;
const after = rssMB();
const journal = lane.journal.head().seq;
await server.close();
await lane.close();
rmSync(dir, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify({ idle, during, after, transactions, journal, seconds })}\n`);
process.exit(0);
