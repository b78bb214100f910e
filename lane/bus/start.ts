import { readFileSync } from 'node:fs';
import type { AttendantAccount, LaneConfig } from '../config.ts';
import { BusConfig } from '../config.ts';
import { DEMO_ATTENDANTS, DEMO_LANE_SECRET, DEMO_STORE_ID, demoBusAccounts } from '../../store-bus/demo.ts';
import type { LaneService } from '../service.ts';
import type { Clock } from '../../core/clock.ts';
import type { Logger } from '../../core/log.ts';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../broker/broker.ts';
import { connectLaneBus, type LaneBus } from './laneBus.ts';
import { shiftStartAt } from './shift.ts';

/**
 * Wiring for lane/main.ts: connect the lane to the store bus from its config or a flag.
 *
 * - `--bus embedded`: start the embedded broker here (127.0.0.1:1883, WebSocket 8083) with
 *   demo accounts, or — when another lane on this machine already runs it — just connect.
 *   One machine, a whole island, no set-up. Demo only: fixed lane secret, demo attendants.
 * - `--bus mqtt://host:1883` or `bus: { url, storeId, password, … }` in the config: a real
 *   broker. The secret comes from `bus.password` or LANE_BUS_PASSWORD.
 *
 * The lane never waits for the bus: this returns once the client is created, and a broker
 * that is down is retried in the background.
 */
export interface StartLaneBusOptions {
  service: LaneService;
  config: LaneConfig;
  /** `embedded`, a broker URL, or undefined (use `config.bus` if present). */
  flag?: string;
  clock: Clock;
  logger: Logger;
  env?: Record<string, string | undefined>;
}

export interface StartedLaneBus {
  bus: LaneBus | null;
  broker: EmbeddedBroker | null;
  close(): Promise<void>;
}

function isAddrInUse(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && err.code === 'EADDRINUSE';
}

export async function startLaneBusFromConfig(o: StartLaneBusOptions): Promise<StartedLaneBus> {
  const env = o.env ?? process.env;
  const none: StartedLaneBus = { bus: null, broker: null, close: async () => undefined };
  const laneId = o.config.laneId;
  let broker: EmbeddedBroker | null = null;
  let settings: BusConfig;

  if (o.flag === 'embedded') {
    const storeId = o.config.bus?.storeId ?? DEMO_STORE_ID;
    try {
      broker = await startEmbeddedBroker({
        accounts: demoBusAccounts([laneId], o.config.attendants ?? DEMO_ATTENDANTS, storeId),
        port: 1883,
        wsPort: 8083,
        host: env.LANE_BUS_HOST ?? '127.0.0.1',
        clock: o.clock,
        logger: o.logger.child({ component: 'busBroker' }),
      });
    } catch (err) {
      if (!isAddrInUse(err)) throw err;
      o.logger.info('a store-bus broker already runs on this machine; connecting to it');
    }
    settings = BusConfig.parse({ url: 'mqtt://127.0.0.1:1883', storeId, password: DEMO_LANE_SECRET });
  } else {
    const url = o.flag ?? o.config.bus?.url;
    if (!url) return none;
    const parsed = BusConfig.safeParse({ ...(o.config.bus ?? {}), url });
    if (!parsed.success) {
      o.logger.error({ issues: parsed.error.issues }, 'bus configuration is invalid; running without the store bus');
      return none;
    }
    settings = parsed.data;
  }
  const password = settings.password ?? env.LANE_BUS_PASSWORD;
  if (!password) {
    o.logger.error('no bus secret (bus.password or LANE_BUS_PASSWORD); running without the store bus');
    if (broker) await broker.close();
    return none;
  }
  const tls = settings.tls;
  const bus = connectLaneBus(o.service, {
    url: settings.url,
    storeId: settings.storeId,
    ...(settings.username ? { username: settings.username } : {}),
    password,
    clock: o.clock,
    logger: o.logger,
    keepaliveSeconds: settings.keepaliveSeconds,
    reconnectMs: settings.reconnectMs,
    shiftStart: shiftStartAt(Number(settings.shiftStart.slice(0, 2)), Number(settings.shiftStart.slice(3, 5))),
    ...(tls
      ? {
          tls: {
            ...(tls.caFile ? { ca: readFileSync(tls.caFile) } : {}),
            ...(tls.certFile ? { cert: readFileSync(tls.certFile) } : {}),
            ...(tls.keyFile ? { key: readFileSync(tls.keyFile) } : {}),
            rejectUnauthorized: tls.rejectUnauthorized,
          },
        }
      : {}),
  });
  o.logger.info({ url: settings.url, storeId: settings.storeId, embeddedBroker: broker?.url ?? null, consoles: broker?.wsUrl ?? null }, 'store bus starting');
  const started = broker;
  return {
    bus,
    broker,
    async close() {
      await bus.close();
      if (started) await started.close();
    },
  };
}
