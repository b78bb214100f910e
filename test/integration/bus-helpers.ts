import { Writable } from 'node:stream';
import mqtt from 'mqtt';
import type { IClientOptions, MqttClient } from 'mqtt';
import { pino } from 'pino';
import { z } from 'zod';
import { DEMO_ATTENDANTS } from '../../store-bus/demo.ts';
import { hashPin } from '../../core/pin.ts';
import { type BusAccountsInput } from '../../store-bus/accounts.ts';
import { startEmbeddedBroker } from '../../broker/broker.ts';
import { connectConsole, type ConsoleClient, type ConsoleOptions, type ConsoleSnapshot } from '../../store-bus/consoleClient.ts';
import { connectLaneBus, type LaneBus } from '../../lane/bus/laneBus.ts';
import { findMosquitto, startMosquitto } from '../../broker/mosquitto.ts';
import type { LaneConfigInput } from '../../lane/config.ts';
import { silentLogger, type Logger } from '../../core/log.ts';
import { memoryLane, type TestLane } from '../helpers/memoryLane.ts';

/** Store-bus test fixtures shared by test/integration/bus-*.test.ts. */
export const STORE = 'store-1';

/** A third attendant only the lockout test uses, so locking it out disturbs no other test. */
export const LEE = { id: 'lee', name: 'Lee', role: 'attendant' as const, pinHash: hashPin('4321', Buffer.from('6c616e652d746573742d6c6565', 'hex')) };
export const ATTENDANTS = [...DEMO_ATTENDANTS, LEE];
export const PINS: Record<string, string> = { alex: '1234', sam: '9999', lee: '4321' };

export const laneSecret = (laneId: string) => `secret-of-${laneId}`;
export const CONSOLE_SECRET = 'wall-display-secret';

export function accountsFor(laneIds: string[]): BusAccountsInput {
  return {
    storeId: STORE,
    lanes: Object.fromEntries(laneIds.map((id) => [id, laneSecret(id)])),
    consoles: { wall: CONSOLE_SECRET },
    attendants: ATTENDANTS,
    lockout: { maxFailures: 3, lockoutMs: 60_000 },
  };
}

export const LANES = ['l1', 'l2', 'l3', 'l4', 'l5', 'l6', 'l7', 'l8'];

export type BrokerKind = 'aedes' | 'mosquitto';
export interface BrokerUnderTest {
  kind: BrokerKind;
  url: string;
  /** MQTT over WebSocket (embedded broker only). */
  wsUrl: string | null;
  close(): Promise<void>;
}

export const hasMosquitto = findMosquitto() !== null;
export const BROKERS: BrokerKind[] = ['aedes', 'mosquitto'];

export async function startBroker(kind: BrokerKind, laneIds: string[] = LANES): Promise<BrokerUnderTest> {
  const accounts = accountsFor(laneIds);
  if (kind === 'aedes') {
    const b = await startEmbeddedBroker({ accounts, port: 0, wsPort: 0, logger: silentLogger });
    return { kind, url: b.url, wsUrl: b.wsUrl, close: () => b.close() };
  }
  const m = await startMosquitto({ accounts, attendantSecrets: PINS });
  if ('skipped' in m) throw new Error(m.skipped);
  return { kind, url: m.url, wsUrl: null, close: () => m.close() };
}

const AuditPayload = z.object({ by: z.string(), commandId: z.string(), command: z.string(), outcome: z.string() });
/** The lane journal's `attendant.command` audit records (who, what, outcome). */
export function auditOf(lane: TestLane): z.infer<typeof AuditPayload>[] {
  return lane.journal.rows.filter((r) => r.type === 'attendant.command').map((r) => AuditPayload.parse(r.payload));
}

/** A logger that keeps its JSON lines, to check what was logged. */
export function capturingLogger(): { logger: Logger; lines: () => { msg?: string; [k: string]: unknown }[] } {
  const out: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      out.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      cb();
    },
  });
  const logger = pino({ level: 'debug' }, stream);
  return { logger, lines: () => out.map((l) => JSON.parse(l) as { msg?: string }) };
}

export interface BusLane {
  lane: TestLane;
  bus: LaneBus;
}

export async function laneOnBus(
  broker: BrokerUnderTest,
  laneId: string,
  opts: { config?: LaneConfigInput; logger?: Logger; keepaliveSeconds?: number; password?: string; heartbeatMs?: number } = {},
): Promise<BusLane> {
  const lane = memoryLane({ laneId, ...(opts.config ?? {}) });
  const bus = connectLaneBus(lane.service, {
    url: broker.url,
    storeId: STORE,
    password: opts.password ?? laneSecret(laneId),
    clock: lane.clock,
    logger: opts.logger ?? silentLogger,
    keepaliveSeconds: opts.keepaliveSeconds ?? 5,
    reconnectMs: 200,
    ...(opts.heartbeatMs ? { heartbeatMs: opts.heartbeatMs } : {}),
  });
  await bus.whenReady();
  return { lane, bus };
}

export async function consoleFor(broker: BrokerUnderTest, o: Partial<ConsoleOptions> & { attendantId?: string }): Promise<ConsoleClient> {
  const r = await connectConsole({
    url: broker.url,
    storeId: STORE,
    consoleId: o.consoleId ?? `console-${o.attendantId ?? 'ro'}`,
    ...(o.attendantId ? { attendantId: o.attendantId, pin: o.pin ?? PINS[o.attendantId] } : {}),
    ...o,
  });
  if (!r.ok) throw new Error(`console login failed: ${r.error.message}`);
  return r.value;
}

/** Resolve when the console's snapshot satisfies `pred` (checked now and on every change). */
export function until(c: ConsoleClient, pred: (s: ConsoleSnapshot) => boolean): Promise<ConsoleSnapshot> {
  return new Promise((resolve) => {
    if (pred(c.getSnapshot())) return resolve(c.getSnapshot());
    const off = c.subscribe(() => {
      const s = c.getSnapshot();
      if (pred(s)) {
        off();
        resolve(s);
      }
    });
  });
}

/** A raw MQTT client (for ACL tests): keeps every message it gets. */
export class RawClient {
  readonly messages: { topic: string; payload: string }[] = [];
  private waiters: { pred: (m: { topic: string; payload: string }) => boolean; resolve: () => void }[] = [];
  constructor(readonly client: MqttClient) {
    client.on('message', (topic, payload) => {
      const m = { topic, payload: payload.toString('utf8') };
      this.messages.push(m);
      this.waiters = this.waiters.filter((w) => (w.pred(m) ? (w.resolve(), false) : true));
    });
  }
  next(pred: (m: { topic: string; payload: string }) => boolean): Promise<void> {
    if (this.messages.some(pred)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ pred, resolve }));
  }
  /** Publish and wait until the broker has dealt with it: PUBACK, or the connection closed. */
  publishSettled(topic: string, payload: string): Promise<'acked' | 'closed'> {
    return new Promise((resolve) => {
      const onClose = () => resolve('closed');
      this.client.once('close', onClose);
      this.client.publish(topic, payload, { qos: 1 }, (err) => {
        this.client.off('close', onClose);
        resolve(err ? 'closed' : 'acked');
      });
    });
  }
  end(): Promise<void> {
    return this.client.endAsync(true);
  }
}

export async function raw(broker: BrokerUnderTest, username: string, password: string, extra: Partial<IClientOptions> = {}): Promise<RawClient> {
  const client = await mqtt.connectAsync(broker.url, {
    protocolVersion: 4,
    username,
    password,
    clientId: `${username}:raw-${Math.random().toString(16).slice(2, 10)}`,
    reconnectPeriod: 0,
    ...extra,
  });
  return new RawClient(client);
}
