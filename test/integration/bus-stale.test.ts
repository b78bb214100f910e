import { afterEach, describe, expect, it } from 'vitest';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../broker/broker.ts';
import { silentLogger } from '../../core/log.ts';
import { staleAfterMs } from '../../store-bus/insights.ts';
import { accountsFor, consoleFor, laneOnBus, until, type BrokerUnderTest } from './bus-helpers.ts';

/**
 * A dead lane is never shown online. The broker restarts; a lane dies while it is down, so
 * its last will is never published (the broker that held its session is gone) and its last
 * retained status says "online". The console shows it offline once its status has been silent
 * for `staleAfterMs(heartbeatMs)`, while a quiet lane that is alive keeps its heartbeat and
 * stays online. Real embedded broker over TCP on 127.0.0.1.
 */
const HEARTBEAT_MS = 400;
const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const x of open.splice(0).reverse()) await x.close().catch(() => undefined);
});

const asBroker = (b: EmbeddedBroker): BrokerUnderTest => ({ kind: 'aedes', url: b.url, wsUrl: b.wsUrl, close: () => b.close() });

describe('a lane that died during a broker outage', () => {
  it('is shown offline by the console that was watching, and never online by a new one, while a quiet live lane stays online', async () => {
    const accounts = accountsFor(['dead', 'alive']);
    const first = await startEmbeddedBroker({ accounts, port: 0, logger: silentLogger });
    const port = Number(new URL(first.url).port);
    const dead = await laneOnBus(asBroker(first), 'dead', { heartbeatMs: HEARTBEAT_MS });
    const alive = await laneOnBus(asBroker(first), 'alive', { heartbeatMs: HEARTBEAT_MS });
    open.push(alive.bus);
    // The live lane's clock moves, so its heartbeat runs; the lanes publish nothing else.
    const tick = setInterval(() => alive.lane.clock.advance(HEARTBEAT_MS / 4), HEARTBEAT_MS / 4);
    open.push({ close: async () => clearInterval(tick) });
    const watching = await consoleFor(asBroker(first), { attendantId: 'alex' });
    open.push(watching);
    await until(watching, (s) => s.lanes.dead?.status?.online === true && s.lanes.alive?.status?.online === true);

    await first.close();
    await dead.bus.close(); // the broker is down: neither an offline status nor a will reaches anyone
    const second = await startEmbeddedBroker({ accounts, port, logger: silentLogger });
    open.push(second);

    const since = Date.now();
    const s = await until(watching, (x) => x.connected && x.lanes.dead?.status?.online === false);
    expect(Date.now() - since).toBeLessThan(staleAfterMs(HEARTBEAT_MS) + 5_000);
    expect(s.lanes.alive?.status?.online).toBe(true);

    // A console that connects now never sees the dead lane online; the live one it does.
    const fresh = await consoleFor(asBroker(second), { attendantId: 'sam' });
    open.push(fresh);
    let deadShownOnline = false;
    fresh.subscribe(() => {
      if (fresh.getSnapshot().lanes.dead?.status?.online) deadShownOnline = true;
    });
    await until(fresh, (x) => x.lanes.alive?.status?.online === true);
    // Past the staleness window of any status it might have got, the live lane is still online.
    await until(fresh, (x) => x.lanes.alive?.status?.online === true && Date.now() - since > staleAfterMs(HEARTBEAT_MS) + HEARTBEAT_MS);
    expect(deadShownOnline).toBe(false);
    expect(fresh.getSnapshot().lanes.alive?.status?.online).toBe(true);
  }, 40_000);
});
