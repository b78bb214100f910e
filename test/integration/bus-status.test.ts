import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { topics } from '../../contracts/index.ts';
import type { ConsoleClient } from '../../store-bus/consoleClient.ts';
import { connectConsole } from '../../store-bus/consoleClient.ts';
import { BROKERS, CONSOLE_SECRET, STORE, capturingLogger, consoleFor, hasMosquitto, laneOnBus, raw, startBroker, until, type BrokerUnderTest, type BusLane } from './bus-helpers.ts';

/**
 * Store bus, lane status: retained status for late consoles, last will → offline, the lane
 * republishing after a reconnect, invalid payloads dropped. Each case runs against the
 * embedded Aedes broker and a real Mosquitto.
 */
if (!hasMosquitto) console.warn('bus-status: mosquitto not installed; Mosquitto cases skipped');

const t = topics(STORE);

describe.each(BROKERS)('lane status over %s', (kind) => {
  let broker: BrokerUnderTest;
  const open: { close(): Promise<void> }[] = [];
  const track = <T extends { close(): Promise<void> }>(x: T): T => (open.push(x), x);
  const lane = async (id: string, o: Parameters<typeof laneOnBus>[2] = {}): Promise<BusLane> => {
    const l = await laneOnBus(broker, id, o);
    track(l.bus);
    return l;
  };
  const console_ = async (o: Parameters<typeof consoleFor>[1]): Promise<ConsoleClient> => track(await consoleFor(broker, o));

  beforeAll(async () => {
    if (kind === 'mosquitto' && !hasMosquitto) return;
    broker = await startBroker(kind);
  });
  afterEach(async () => {
    for (const x of open.splice(0).reverse()) await x.close();
  });
  afterAll(async () => {
    await broker?.close();
  });

  it.skipIf(kind === 'mosquitto' && !hasMosquitto)('a console that connects later sees every lane’s retained status and interventions', async () => {
    const l1 = await lane('l1');
    const l2 = await lane('l2');
    l2.lane.service.intent({ type: 'session.start' });
    l2.lane.service.intent({ type: 'help.request' });
    l1.lane.sim.scanner.scan('5901234123457');

    const c = await console_({ attendantId: 'alex' });
    const s = await until(c, (s) => s.lanes.l1?.status?.screen === 'scanning' && s.lanes.l2?.interventions.length === 1);
    expect(s.lanes.l1?.status).toMatchObject({ laneId: 'l1', online: true, open: true, itemCount: 1, totalMinor: 149, currency: 'EUR', blocked: false, attendantAtLane: null });
    expect(s.lanes.l1?.status?.devices?.scanner?.status).toBe('ok');
    expect(s.lanes.l2?.status).toMatchObject({ online: true, screen: 'scanning', blocked: false });
    expect(s.queue.map((q) => [q.laneId, q.intervention.kind])).toEqual([['l2', 'help']]);
  });

  it.skipIf(kind === 'mosquitto' && !hasMosquitto)('a read-only console sees statuses but cannot send commands', async () => {
    await lane('l3');
    const c = await console_({ consoleId: 'wall', consoleSecret: CONSOLE_SECRET });
    await until(c, (s) => s.lanes.l3?.status?.online === true);
    const reply = await c.send('l3', { type: 'intervention.approve', kind: 'help' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it.skipIf(kind === 'mosquitto' && !hasMosquitto)('a lane whose connection drops is marked offline by its last will, then back online when it reconnects', async () => {
    const l4 = await lane('l4', { keepaliveSeconds: 2 });
    const c = await console_({ attendantId: 'sam' });
    await until(c, (s) => s.lanes.l4?.status?.online === true);

    l4.bus.simulateConnectionLoss();
    const offline = await until(c, (s) => s.lanes.l4?.status?.online === false);
    expect(offline.lanes.l4?.status).toMatchObject({ laneId: 'l4', online: false });
    expect(offline.lanes.l4?.status?.screen).toBeUndefined();

    // The lane reconnects by itself and republishes its retained status.
    const back = await until(c, (s) => s.lanes.l4?.status?.online === true);
    expect(back.lanes.l4?.status?.screen).toBe('attract');
    expect(l4.bus.stats().connects).toBeGreaterThanOrEqual(2);
  });

  it.skipIf(kind === 'mosquitto' && !hasMosquitto)('a lane that shuts down cleanly publishes offline itself', async () => {
    const l5 = await lane('l5');
    const c = await console_({ attendantId: 'alex' });
    await until(c, (s) => s.lanes.l5?.status?.online === true);
    await l5.bus.close();
    await until(c, (s) => s.lanes.l5?.status?.online === false);
  });

  it.skipIf(kind === 'mosquitto' && !hasMosquitto)('status changes are republished; the lane keeps working while its bus is down', async () => {
    const l6 = await lane('l6');
    const c = await console_({ attendantId: 'alex' });
    await until(c, (s) => s.lanes.l6?.status?.screen === 'attract');
    l6.lane.service.intent({ type: 'session.start' });
    await until(c, (s) => s.lanes.l6?.status?.screen === 'scanning');
    l6.bus.simulateConnectionLoss();
    // The service does not wait for the bus.
    expect(l6.lane.sim.scanner.scan('5901234123457')).toBe(true);
    expect(l6.lane.service.view().itemCount).toBe(1);
    const s = await until(c, (s) => s.lanes.l6?.status?.online === true && s.lanes.l6.status.itemCount === 1);
    expect(s.lanes.l6?.status?.totalMinor).toBe(149);
  });

  it.skipIf(kind === 'mosquitto' && !hasMosquitto)('invalid status payloads are dropped and reported, never shown', async () => {
    const invalid: { topic: string; code: string; message: string }[] = [];
    const c = await console_({ attendantId: 'alex', onInvalid: (topic, e) => invalid.push({ topic, code: e.code, message: e.message }) });
    const l7 = await raw(broker, 'lane-l7', 'secret-of-l7');
    await l7.publishSettled(t.status('l7'), 'not json');
    await l7.publishSettled(t.status('l7'), JSON.stringify({ laneId: 'l7', online: 'yes', updatedAt: 1 }));
    await l7.publishSettled(t.status('l7'), JSON.stringify({ laneId: 'l8', online: true, updatedAt: 1 }));
    await l7.publishSettled(t.status('l7'), JSON.stringify({ laneId: 'l7', online: true, screen: 'attract', updatedAt: 1 }));
    // Messages from one publisher arrive in order: once the valid one is shown, the others were seen.
    await until(c, (s) => s.lanes.l7?.status?.online === true);
    expect(invalid.map((i) => i.code)).toEqual(['invalidInput', 'invalidInput', 'invalidInput']);
    expect(invalid[1]?.message).toContain("'online'");
    expect(invalid[2]?.message).toContain("names lane 'l8'");
    expect(c.dropped()).toBe(3);
    expect(c.getSnapshot().lanes.l7?.status).toEqual({ laneId: 'l7', online: true, screen: 'attract', updatedAt: 1 });
    await l7.end();
  });

  it.skipIf(kind === 'mosquitto' && !hasMosquitto)('invalid command payloads are logged and dropped by the lane, which goes on answering valid ones', async () => {
    const log = capturingLogger();
    const l8 = await lane('l8', { logger: log.logger });
    l8.lane.service.intent({ type: 'session.start' });
    l8.lane.service.intent({ type: 'help.request' });
    const alex = await raw(broker, 'alex', '1234');
    const bad = [
      'not json',
      JSON.stringify({ consoleId: 'x' }),
      JSON.stringify({ consoleId: 'x', command: { id: 'short', by: 'alex', type: 'intervention.approve' } }),
      JSON.stringify({ consoleId: 'x', command: { id: 'cmd-00000001', by: 'alex', type: 'lane.explode' } }),
    ];
    for (const b of bad) await alex.publishSettled(t.command('l8', 'alex'), b);
    const c = await console_({ attendantId: 'alex' });
    const reply = await c.send('l8', { type: 'intervention.approve', kind: 'help' }, { expiresAt: l8.lane.clock.now() + 30_000 });
    expect(reply.ok).toBe(true);
    expect(l8.bus.stats()).toMatchObject({ dropped: 4, applied: 1 });
    const dropped = log.lines().filter((l) => l.msg === 'bus message dropped');
    expect(dropped).toHaveLength(4);
    expect(dropped[0]).toMatchObject({ level: 40, error: { code: 'invalidInput', message: 'payload is not JSON' } });
    expect(dropped[2]).toMatchObject({ error: { code: 'invalidInput', path: 'command.id' } });
    // Nothing from the dropped messages reached the journal.
    expect(l8.lane.journal.rows.filter((r) => r.type === 'attendant.command')).toHaveLength(1);
    await alex.end();
  });
});

describe('consoles in the browser path (MQTT over WebSocket, embedded broker)', () => {
  it('a console over ws:// gets the same retained status', async () => {
    const broker = await startBroker('aedes');
    const l1 = await laneOnBus(broker, 'l1');
    const r = await connectConsole({ url: broker.wsUrl ?? '', storeId: STORE, consoleId: 'tablet', attendantId: 'alex', pin: '1234' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const s = await until(r.value, (s) => s.lanes.l1?.status?.online === true);
    expect(s.lanes.l1?.status?.screen).toBe('attract');
    await r.value.close();
    await l1.bus.close();
    await broker.close();
  });
});
