/**
 * bus: 64 and 256 simulated lanes publish their status and interventions on the store bus;
 * a console client receives them. The embedded Aedes broker and a real Mosquitto are
 * measured side by side in the same run, each as the other's peer.
 *
 * Each lane is a real `LaneService` (in-memory journal and catalogue, simulated devices)
 * with `connectLaneBus`; one read-only console (`connectConsole`) watches the island. Every
 * lane acts about every 2 s, at random points: scan an item and bag it (status:
 * itemCount), and every 4th action ask for help (interventions: raised), the next one
 * resolved at the lane (interventions: cleared). Latency = from just before the action at
 * the lane to the console's snapshot showing its effect (same process, `process.hrtime`).
 */
import { randomBytes } from 'node:crypto';
import type { AttendantView } from '../contracts/index.ts';
import { DEMO_ATTENDANTS } from '../store-bus/demo.ts';
import { startEmbeddedBroker } from '../broker/broker.ts';
import { connectConsole, type ConsoleClient } from '../store-bus/consoleClient.ts';
import type { LaneState } from '../store-bus/insights.ts';
import { connectLaneBus, type LaneBus } from '../lane/bus/laneBus.ts';
import { findMosquitto, startMosquitto } from '../broker/mosquitto.ts';
import { type BusAccountsInput } from '../store-bus/accounts.ts';
import { silentLogger } from '../core/log.ts';
import { memoryLane, type TestLane } from '../test/helpers/memoryLane.ts';
import { bench, metric, nowMs, stats, type BenchOptions, type BenchResult, type Metric, type Stats } from './harness.ts';

const STORE = 'bench-store';
const CHOC = '5901234123457'; // 105 g in memoryLane's TEST_ITEMS
const PERIOD_MS = 2_000;

type Broker = 'aedes' | 'mosquitto';

interface Pending {
  laneId: string;
  t0: number;
  done: (s: LaneState | undefined) => boolean;
}

const laneSecret = (id: string): string => `secret-${id}-bench`;

function accounts(laneIds: string[], consoleSecret: string): BusAccountsInput {
  return { storeId: STORE, lanes: Object.fromEntries(laneIds.map((id) => [id, laneSecret(id)])), consoles: { bench: consoleSecret }, attendants: DEMO_ATTENDANTS };
}

async function startBroker(kind: Broker, acc: BusAccountsInput): Promise<{ url: string; close(): Promise<void> }> {
  if (kind === 'aedes') {
    const b = await startEmbeddedBroker({ accounts: acc, port: 0, logger: silentLogger });
    return { url: b.url, close: () => b.close() };
  }
  const m = await startMosquitto({ accounts: acc, attendantSecrets: { alex: '1234', sam: '9999' } });
  if ('skipped' in m) throw new Error(m.skipped);
  return { url: m.url, close: () => m.close() };
}

export async function island(kind: Broker, lanes: number, seconds: number): Promise<{ latencies: number[]; messages: number }> {
  const ids = Array.from({ length: lanes }, (_, i) => `lane${String(i + 1).padStart(3, '0')}`);
  const consoleSecret = randomBytes(12).toString('hex');
  const broker = await startBroker(kind, accounts(ids, consoleSecret));
  const members: { id: string; lane: TestLane; bus: LaneBus; n: number; attendant: AttendantView }[] = [];
  let consoleClient: ConsoleClient | undefined;
  const timers = new Set<ReturnType<typeof setTimeout>>();
  try {
    for (let i = 0; i < ids.length; i += 32) {
      const batch = await Promise.all(
        ids.slice(i, i + 32).map(async (id) => {
          const lane = memoryLane({ laneId: id });
          const bus = connectLaneBus(lane.service, { url: broker.url, storeId: STORE, password: laneSecret(id), clock: lane.clock, logger: silentLogger, reconnectMs: 500 });
          await bus.whenReady();
          // The attendant's PIN is checked once here: a PIN check is a synchronous scrypt
          // (~30–70 ms of CPU), and all lanes share this process, where on a real island
          // each lane is its own machine.
          const who = await lane.service.authenticate('1234');
          if (!who.ok) throw new Error(who.error.message);
          return { id, lane, bus, n: 0, attendant: who.value };
        }),
      );
      members.push(...batch);
    }
    const c = await connectConsole({ url: broker.url, storeId: STORE, consoleId: 'bench', consoleSecret });
    if (!c.ok) throw new Error(`console: ${c.error.message}`);
    consoleClient = c.value;
    const con = consoleClient;
    // Wait until the console has every lane's retained status.
    for (let i = 0; i < 500 && Object.keys(con.getSnapshot().lanes).length < lanes; i++) await new Promise((r) => setTimeout(r, 20));

    const pending = new Set<Pending>();
    const latencies: number[] = [];
    let messages = 0;
    let measuring = false;
    const off = con.subscribe(() => {
      const at = nowMs();
      const snap = con.getSnapshot();
      for (const p of pending) {
        if (p.done(snap.lanes[p.laneId])) {
          pending.delete(p);
          if (measuring) latencies.push(at - p.t0);
        }
      }
    });

    const act = (m: (typeof members)[number]): void => {
      const s = m.lane.service;
      const k = m.n++;
      const t0 = nowMs();
      if (k % 4 === 2) {
        s.intent({ type: 'help.request' });
        pending.add({ laneId: m.id, t0, done: (st) => !!st?.interventions.some((i) => i.kind === 'help') });
      } else if (k % 4 === 3) {
        s.command({ id: `cmd-${m.id}-${k}-bench`, by: m.attendant.id, type: 'intervention.approve', kind: 'help' }, { attendant: m.attendant });
        pending.add({ laneId: m.id, t0, done: (st) => !!st && !st.interventions.some((i) => i.kind === 'help') });
      } else {
        const want = s.view().itemCount + 1;
        m.lane.sim.scanner.scan(CHOC);
        m.lane.sim.baggingScale.change(105);
        pending.add({ laneId: m.id, t0, done: (st) => (st?.status?.itemCount ?? 0) >= want });
      }
      messages++;
    };

    const runFor = async (ms: number): Promise<void> => {
      const end = nowMs() + ms;
      for (const m of members) {
        const tick = (): void => {
          if (nowMs() >= end) return;
          act(m);
          const t = setTimeout(tick, PERIOD_MS * (0.5 + Math.random()));
          timers.add(t);
        };
        const t = setTimeout(tick, Math.random() * PERIOD_MS);
        timers.add(t);
      }
      await new Promise((r) => setTimeout(r, ms));
      for (let i = 0; i < 200 && pending.size > 0; i++) await new Promise((r) => setTimeout(r, 10));
    };
    await runFor(Math.min(2_000, seconds * 250)); // warm-up
    measuring = true;
    messages = 0;
    await runFor(seconds * 1000);
    off();
    if (pending.size > 0) throw new Error(`${kind} ${lanes} lanes: ${pending.size} updates never reached the console`);
    return { latencies, messages };
  } finally {
    for (const t of timers) clearTimeout(t);
    await consoleClient?.close();
    await Promise.all(members.map((m) => m.bus.close().catch(() => undefined)));
    await broker.close();
  }
}

export async function run(opts: BenchOptions): Promise<BenchResult> {
  return bench('bus', 'Store bus: lanes publishing status and interventions → a console client (Aedes and Mosquitto side by side)', opts, async (notes) => {
    const sizes = opts.quick ? [4] : [64, 256];
    const seconds = opts.quick ? 2 : 20;
    const brokers: Broker[] = findMosquitto() ? ['aedes', 'mosquitto'] : ['aedes'];
    if (brokers.length === 1) notes.push('Mosquitto is not installed: Aedes only, without its peer.');
    const metrics: Metric[] = [];
    for (const lanes of sizes) {
      const got = new Map<Broker, { s: Stats; samples: number[]; messages: number }>();
      for (const b of brokers) {
        const r = await island(b, lanes, seconds);
        got.set(b, { s: stats(r.latencies), samples: r.latencies, messages: r.messages });
      }
      for (const b of brokers) {
        const mine = got.get(b);
        const peer = got.get(b === 'aedes' ? 'mosquitto' : 'aedes');
        if (!mine) continue;
        const target = lanes === 64 || opts.quick ? { text: 'p99 ≤ 50 ms (at 64 lanes)', pass: (s: Stats) => s.p99 <= 50 } : undefined;
        metrics.push(
          metric(`${lanes} lanes, ${b === 'aedes' ? 'embedded Aedes' : 'Mosquitto'}: lane change → console`, 'ms', mine.samples, {
            ...(peer ? { reference: { name: b === 'aedes' ? 'Mosquitto (peer)' : 'embedded Aedes (peer)', stats: peer.s } } : {}),
            ...(target ? { target } : {}),
          }),
        );
        notes.push(`${lanes} lanes on ${b}: ${mine.messages.toLocaleString('en-US')} lane changes measured in ${seconds} s (${(mine.messages / seconds).toFixed(0)}/s).`);
      }
    }
    notes.push(
      'Everything but Mosquitto runs in this one Node process: the lanes (XState, rules, views), their MQTT clients, the console and, for Aedes, the broker. Mosquitto runs in its own process. So Aedes shares the CPU with the load it serves, as it does in `npm start`; on a real island each lane is its own machine. QoS 1, retained status, loopback TCP.',
    );
    return metrics;
  });
}
