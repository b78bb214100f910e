/**
 * journal: durable events per second, and the latency the journal adds to one scan.
 * Reference: a bare better-sqlite3 INSERT with the same durability (WAL, synchronous=FULL,
 * one transaction per event) into a table of the same shape, in the same directory.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Journal } from '../lane/journal/journal.ts';
import { openDatabase } from '../lane/db/index.ts';
import { ManualClock } from '../core/clock.ts';
import { openBenchLane, payAndFinish } from './lane.ts';
import { bench, metric, nowMs, type BenchOptions, type BenchResult, type Metric } from './harness.ts';

const PAYLOAD = { lineId: 'line-1234', itemId: 'item123', code: '04000000012345', quantity: 1, unitPriceMinor: 129, source: 'serial' };

export async function run(opts: BenchOptions): Promise<BenchResult> {
  return bench('journal', 'Journal: durable appends per second; latency added to one scan', opts, async (notes) => {
    const batches = opts.quick ? 4 : 40;
    const batchSize = opts.quick ? 20 : 100;
    const scans = opts.quick ? 10 : 1_000;
    const clock = new ManualClock();
    const metrics: Metric[] = [];

    // ---- throughput: Journal.append vs bare INSERT, batch by batch, interleaved ------------
    const { lane, dir } = openBenchLane({ clock, items: 1_000 });
    const db = openDatabase(join(dir, 'journal-only.db'));
    const journal = new Journal(db, clock);
    const bareDb = openDatabase(join(dir, 'bare.db'));
    bareDb.exec(`CREATE TABLE bare (seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, transaction_id TEXT, type TEXT NOT NULL,
                 payload TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL)`);
    const bareInsert = bareDb.prepare<[number, string, string, string, string, string]>(
      'INSERT INTO bare (at, transaction_id, type, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const payloadJson = JSON.stringify(PAYLOAD);
    const fakeHash = 'f'.repeat(64);
    const journalRates: number[] = [];
    const bareRates: number[] = [];
    const journalLatency: number[] = [];
    const bareLatency: number[] = [];
    for (let b = 0; b < batches; b++) {
      const doJournal = (): void => {
        const t0 = nowMs();
        for (let i = 0; i < batchSize; i++) {
          const s = nowMs();
          journal.append({ transactionId: 'tx-bench', type: 'item.added', payload: PAYLOAD });
          journalLatency.push(nowMs() - s);
        }
        journalRates.push((batchSize * 1000) / (nowMs() - t0));
      };
      const doBare = (): void => {
        const t0 = nowMs();
        for (let i = 0; i < batchSize; i++) {
          const s = nowMs();
          bareInsert.run(clock.now(), 'tx-bench', 'item.added', payloadJson, fakeHash, fakeHash);
          bareLatency.push(nowMs() - s);
        }
        bareRates.push((batchSize * 1000) / (nowMs() - t0));
      };
      if (b % 2 === 0) {
        doJournal();
        doBare();
      } else {
        doBare();
        doJournal();
      }
    }
    metrics.push(
      metric('durable appends', 'events/s', journalRates, {
        reference: { name: 'bare INSERT, WAL + synchronous=FULL', samples: bareRates },
        ratioOf: 'median',
        target: { text: '≥ 2,000 events/s (median batch)', pass: (s) => s.median >= 2_000 },
      }),
    );
    metrics.push(
      metric('one append', 'ms', journalLatency, {
        reference: { name: 'one bare INSERT, same durability', samples: bareLatency },
      }),
    );
    notes.push(
      `Throughput: ${batches} batches of ${batchSize} appends each for \`Journal.append\` (schema check, card-data guard, canonical JSON, SHA-256 chain, head row, one IMMEDIATE transaction) and for a bare INSERT with the same durability; batches alternate. The rate of each batch is one sample; the target is checked on the median batch (a sustained rate). fsync cost dominates both.`,
    );

    // ---- latency added to one scan ------------------------------------------------------
    const sim = lane.sim;
    if (!sim) throw new Error('bench lane has no simulated devices');
    let inJournal = 0;
    let appends = 0;
    const append = lane.journal.append.bind(lane.journal);
    lane.journal.append = (e) => {
      const t0 = nowMs();
      try {
        return append(e);
      } finally {
        inJournal += nowMs() - t0;
        appends++;
      }
    };
    const items = lane.catalogue.inner;
    const perScanJournal: number[] = [];
    const perScanTotal: number[] = [];
    const perScanAppends: number[] = [];
    const perScanBare: number[] = [];
    let k = 0;
    const perTransaction = 10;
    while (perScanJournal.length < scans) {
      for (let i = 0; i < perTransaction && perScanJournal.length < scans; i++) {
        const idx = (k++ * 7919) % 1_000;
        const item = items.byId(`item${idx}`);
        if (!item) throw new Error(`item${idx} missing`);
        const code = item.codes[0] ?? '';
        inJournal = 0;
        appends = 0;
        const before = lane.service.view().itemCount;
        const t0 = nowMs();
        sim.scanner.scan(code.slice(1));
        const total = nowMs() - t0;
        if (lane.service.view().itemCount !== before + 1) throw new Error(`scan not added (${lane.service.state()}, ${lane.service.view().prompt.id})`);
        perScanJournal.push(inJournal);
        perScanTotal.push(total);
        perScanAppends.push(appends);
        // The same number of bare durable INSERTs, right now: the reference shares this moment's disk.
        const b0 = nowMs();
        for (let a = 0; a < appends; a++) bareInsert.run(clock.now(), 'tx-bench', 'item.added', payloadJson, fakeHash, fakeHash);
        perScanBare.push(nowMs() - b0);
        sim.baggingScale.change(item.weightGrams ?? 0);
      }
      await payAndFinish(lane, sim);
    }
    metrics.push(
      metric('journal time in one scan', 'ms', perScanJournal, {
        reference: { name: 'as many bare INSERTs, right after each scan', samples: perScanBare },
        target: { text: '≤ 1 ms per scan (p99)', pass: (s) => s.p99 <= 1 },
      }),
    );
    metrics.push(metric('whole scan in the service (for scale)', 'ms', perScanTotal));
    const avgAppends = perScanAppends.reduce((a, b) => a + b, 0) / perScanAppends.length;
    notes.push(
      `Per scan: ${scans.toLocaleString('en-US')} scans through a real lane (\`openLane\`, SQLite on disk, simulated scanner, each item bagged, paid every ${perTransaction} items); the time inside \`Journal.append\` during the synchronous handling of each scan is summed. A scan appends ${avgAppends.toFixed(2)} events on average (the first of a transaction also \`transaction.started\`). The reference: right after each scan, as many bare durable INSERTs as the scan appended, timed together (same moment, same disk). The whole scan handling time (XState, rules, pricing, view) is shown for scale.`,
    );

    db.close();
    bareDb.close();
    await lane.close();
    rmSync(dir, { recursive: true, force: true });
    return metrics;
  });
}
