import mqtt, { ErrorWithSubackPacket } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topics } from '../../contracts/index.ts';
import { connectConsole } from '../../store-bus/consoleClient.ts';
import { BROKERS, CONSOLE_SECRET, STORE, hasMosquitto, laneSecret, raw, startBroker, type BrokerUnderTest, type RawClient } from './bus-helpers.ts';

/**
 * Store bus, security: the broker's ACL table (contracts/bus.ts, store-bus/acl.ts) and
 * logins, against the embedded Aedes broker and a real Mosquitto with generated files.
 *
 * A refused PUBLISH is silently dropped by Mosquitto and closes the connection on Aedes
 * (MQTT 3.1.1 has no negative PUBACK); either way it must never reach a subscriber. To
 * prove a message did NOT arrive without waiting on a timer, an allowed "marker" message
 * is published after the refused one was settled: the observer gets messages in order, so
 * once it has the marker, the refused message would already have been there.
 */
if (!hasMosquitto) console.warn('bus-acl: mosquitto not installed; Mosquitto cases skipped');

const t = topics(STORE);
const cmd = (by: string) => JSON.stringify({ consoleId: 'x', command: { id: `cmd-acl-${Math.random().toString(16).slice(2, 10)}`, by, type: 'intervention.approve' } });

describe.each(BROKERS)('bus ACLs on %s', (kind) => {
  const skip = kind === 'mosquitto' && !hasMosquitto;
  let broker: BrokerUnderTest;
  let observer: RawClient;
  let marker: RawClient;
  let n = 0;

  beforeAll(async () => {
    if (skip) return;
    broker = await startBroker(kind);
    observer = await raw(broker, 'sam', '9999');
    await observer.client.subscribeAsync(`${t.base}/lanes/#`, { qos: 1 });
    marker = await raw(broker, 'lane-l8', laneSecret('l8'));
  });
  afterAll(async () => {
    await observer?.end();
    await marker?.end();
    await broker?.close();
  });

  /** Publish as `client`, then prove the observer never got it. */
  async function refused(client: RawClient, topic: string, payload: string): Promise<'acked' | 'closed'> {
    const outcome = await client.publishSettled(topic, payload);
    const m = `marker-${++n}`;
    await marker.publishSettled(t.events('l8'), m);
    await observer.next((x) => x.payload === m);
    expect(observer.messages.filter((x) => x.topic === topic && x.payload === payload)).toEqual([]);
    return outcome;
  }

  it.skipIf(skip)('a lane may publish its own status', async () => {
    const l1 = await raw(broker, 'lane-l1', laneSecret('l1'));
    const payload = JSON.stringify({ laneId: 'l1', online: true, updatedAt: 1 });
    expect(await l1.publishSettled(t.status('l1'), payload)).toBe('acked');
    await observer.next((x) => x.topic === t.status('l1') && x.payload === payload);
    await l1.end();
  });

  it.skipIf(skip)("a lane cannot publish another lane's status", async () => {
    const l1 = await raw(broker, 'lane-l1', laneSecret('l1'));
    const outcome = await refused(l1, t.status('l2'), JSON.stringify({ laneId: 'l2', online: false, updatedAt: 2 }));
    expect(outcome).toBe(kind === 'aedes' ? 'closed' : 'acked');
    await l1.end();
  });

  it.skipIf(skip)('a lane may publish its own shift figures, and nobody else’s', async () => {
    const l1 = await raw(broker, 'lane-l1', laneSecret('l1'));
    const own = JSON.stringify({ laneId: 'l1', marker: `own-shift-${++n}` });
    expect(await l1.publishSettled(t.shift('l1'), own)).toBe('acked');
    await observer.next((x) => x.topic === t.shift('l1') && x.payload === own);
    const outcome = await refused(l1, t.shift('l2'), JSON.stringify({ laneId: 'l2', marker: 'forged' }));
    expect(outcome).toBe(kind === 'aedes' ? 'closed' : 'acked');
    await l1.end();
    const alex = await raw(broker, 'alex', '1234');
    await refused(alex, t.shift('l3'), JSON.stringify({ laneId: 'l3', marker: 'by-attendant' }));
    await alex.end();
  });

  it.skipIf(skip)('a lane cannot publish any command, so it cannot approve its own interventions', async () => {
    const l1 = await raw(broker, 'lane-l1', laneSecret('l1'));
    await refused(l1, t.command('l1', 'lane-l1'), cmd('lane-l1'));
    await l1.end();
    const again = await raw(broker, 'lane-l1', laneSecret('l1'));
    await refused(again, t.command('l1', 'alex'), cmd('alex'));
    await again.end();
  });

  it.skipIf(skip)("a lane cannot read another lane's commands", async () => {
    const l1 = await raw(broker, 'lane-l1', laneSecret('l1'));
    const granted = await l1.client.subscribeAsync([t.commandsOf('l2'), t.commandsOf('l1')], { qos: 1 }).then(
      (g) => g.map((x) => x.qos),
      (e: unknown) => (e instanceof ErrorWithSubackPacket ? e.packet.granted : []),
    );
    // Aedes refuses the subscription (0x80); Mosquitto 2.0 grants it but never delivers.
    expect(granted).toEqual(kind === 'aedes' ? [128, 1] : [1, 1]);
    const alex = await raw(broker, 'alex', '1234');
    const toL2 = cmd('alex');
    const toL1 = cmd('alex');
    await alex.publishSettled(t.command('l2', 'alex'), toL2);
    await alex.publishSettled(t.command('l1', 'alex'), toL1);
    await l1.next((x) => x.payload === toL1);
    expect(l1.messages.map((x) => x.topic)).toEqual([t.command('l1', 'alex')]);
    await alex.end();
    await l1.end();
  });

  it.skipIf(skip)('an attendant may command any lane under its own name only', async () => {
    const alex = await raw(broker, 'alex', '1234');
    const own = cmd('alex');
    expect(await alex.publishSettled(t.command('l3', 'alex'), own)).toBe('acked');
    await observer.next((x) => x.payload === own);
    await refused(alex, t.command('l3', 'sam'), cmd('sam'));
    await alex.end();
  });

  it.skipIf(skip)('an attendant cannot publish lane topics', async () => {
    const alex = await raw(broker, 'alex', '1234');
    await refused(alex, t.status('l3'), JSON.stringify({ laneId: 'l3', online: false, updatedAt: 3 }));
    await alex.end();
  });

  it.skipIf(skip)('a read-only console can watch but cannot command', async () => {
    const wall = await raw(broker, 'console-wall', CONSOLE_SECRET);
    const granted = await wall.client.subscribeAsync(t.allStatus, { qos: 1 });
    expect(granted[0]?.qos).toBe(1);
    await refused(wall, t.command('l3', 'console-wall'), cmd('console-wall'));
    await wall.end();
    const wall2 = await raw(broker, 'console-wall', CONSOLE_SECRET);
    await refused(wall2, t.command('l3', 'alex'), cmd('alex'));
    await wall2.end();
  });

  it.skipIf(skip)('anonymous users, unknown users and wrong secrets are refused', async () => {
    const anonymous = await mqtt.connectAsync(broker.url, { protocolVersion: 4, reconnectPeriod: 0 }).then(
      (c) => (c.end(true), 'connected'),
      (e: unknown) => String(e),
    );
    expect(anonymous).toMatch(/refused/i);
    for (const [username, password] of [
      ['lane-l1', 'not-the-secret'],
      ['lane-l99', laneSecret('l99')],
      ['console-wall', 'guess-guess'],
      ['console-nobody', CONSOLE_SECRET],
      ['mallory', '1234'],
    ] as const) {
      const r = await raw(broker, username, password).then(
        (c) => (void c.end(), 'connected'),
        (e: unknown) => String(e),
      );
      expect(r, `${username}/${password}`).toMatch(/refused/i);
    }
  });

  it.skipIf(skip)('a wrong PIN is refused', async () => {
    const r = await connectConsole({ url: broker.url, storeId: STORE, consoleId: 'desk', attendantId: 'alex', pin: '0000' });
    expect(r).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });
});

describe('login lockout on the embedded broker', () => {
  let broker: BrokerUnderTest;
  beforeAll(async () => {
    broker = await startBroker('aedes');
  });
  afterAll(async () => {
    await broker.close();
  });
  const login = (pin: string) => connectConsole({ url: broker.url, storeId: STORE, consoleId: 'desk', attendantId: 'lee', pin });

  it('locks a user name after repeated wrong PINs; then even the right PIN is refused', async () => {
    // accountsFor(): maxFailures 3.
    expect(await login('0001')).toMatchObject({ ok: false, error: { code: 'unauthorized', detail: { connack: 4 } } });
    expect(await login('0002')).toMatchObject({ ok: false, error: { code: 'unauthorized', detail: { connack: 4 } } });
    expect(await login('0003')).toMatchObject({ ok: false, error: { code: 'unauthorized', detail: { connack: 5 } } });
    expect(await login('4321')).toMatchObject({ ok: false, error: { code: 'unauthorized', detail: { connack: 5 } } });
    // Other users are not affected.
    const alex = await connectConsole({ url: broker.url, storeId: STORE, consoleId: 'desk', attendantId: 'alex', pin: '1234' });
    expect(alex.ok).toBe(true);
    if (alex.ok) await alex.value.close();
  });

  it('refuses a client id that belongs to another user (no session take-over)', async () => {
    const r = await raw(broker, 'alex', '1234', { clientId: 'lane-l1' }).then(
      () => 'connected',
      (e: unknown) => String(e),
    );
    expect(r).toMatch(/Not authorized|not authorized/i);
  });
});
