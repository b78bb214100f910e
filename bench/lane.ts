/**
 * A real lane for the benchmarks: `openLane` (SQLite catalogue + journal on disk, WAL,
 * synchronous=FULL) with a synthetic catalogue, and a shopper journey driven through the
 * service and the simulated devices.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CatalogueItem } from '../contracts/catalogue.ts';
import { openLane, type OpenLane } from '../lane/lane.ts';
import type { LaneDevices } from '../contracts/ports.ts';
import type { SimDevices } from '../lane/sim/devices.ts';
import type { Clock } from '../core/clock.ts';
import { silentLogger } from '../core/log.ts';
import { syntheticCatalogue } from './data.ts';

export interface BenchLane {
  lane: OpenLane;
  dir: string;
  /** Items a shopper can scan without an intervention (no age limit, each, weighed). */
  items: CatalogueItem[];
}

/** Open a lane in a fresh directory (under the OS temp dir) with `items` synthetic items. */
export function openBenchLane(opts: { clock: Clock; items: number; devices?: LaneDevices; config?: Record<string, unknown> }): BenchLane {
  const dir = mkdtempSync(join(tmpdir(), 'lane-bench-'));
  const lane = openLane({ dataDir: dir, clock: opts.clock, logger: silentLogger, devices: opts.devices ?? 'sim', config: { laneId: 'bench-1', ...(opts.config ?? {}) } });
  const file = syntheticCatalogue(opts.items);
  const r = lane.catalogue.inner.importFile(file);
  if (!r.ok) throw new Error(`bench catalogue: ${r.error.message}`);
  lane.catalogue.invalidate();
  return { lane, dir, items: file.items };
}

/** Let promise callbacks (payment, printing) run. */
export async function settle(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((r) => setImmediate(r));
}

/**
 * Pay for the open basket by card (approved), print, and go back to attract. Needs the
 * in-memory simulated terminal (`sim`).
 */
export async function payAndFinish(lane: OpenLane, sim: SimDevices): Promise<void> {
  const s = lane.service;
  const started = s.intent({ type: 'pay.start' });
  if (!started.ok) throw new Error(`pay.start refused: ${started.error.message} (${s.state()})`);
  const card = s.intent({ type: 'pay.card' });
  if (!card.ok) throw new Error(`pay.card refused: ${card.error.message}`);
  sim.terminal.setBehaviour('approve');
  for (let i = 0; i < 50 && s.view().screen !== 'thanks'; i++) await settle(1);
  if (s.view().screen !== 'thanks') throw new Error(`payment did not finish: ${s.state()}`);
  const fin = s.intent({ type: 'session.finish' });
  if (!fin.ok) throw new Error(`session.finish refused: ${fin.error.message}`);
}
