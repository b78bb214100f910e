import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LaneEvent } from '../../contracts/index.ts';
import type { ConsoleClient, ConsoleSnapshot } from '../../store-bus/consoleClient.ts';
import { BROKERS, auditOf, consoleFor, hasMosquitto, laneOnBus, startBroker, until, type BrokerUnderTest, type BusLane } from './bus-helpers.ts';

/**
 * Store bus, commands: an age check approved from a console, at-most-once by id, expiry,
 * roles, and two consoles racing to resolve the same intervention. Against the embedded
 * Aedes broker and a real Mosquitto.
 */
if (!hasMosquitto) console.warn('bus-commands: mosquitto not installed; Mosquitto cases skipped');

/** Retained interventions of lanes from earlier cases stay on the broker: look at one lane. */
const queueOf = (s: ConsoleSnapshot, laneId: string) => s.queue.filter((q) => q.laneId === laneId);

const BEER = '4008387012346'; // age 16, 780 g
const CHOC = '5901234123457'; // 105 g

describe.each(BROKERS)('attendant commands over %s', (kind) => {
  const skip = kind === 'mosquitto' && !hasMosquitto;
  let broker: BrokerUnderTest;
  const open: { close(): Promise<void> }[] = [];
  const lane = async (id: string): Promise<BusLane> => {
    const l = await laneOnBus(broker, id);
    open.push(l.bus);
    return l;
  };
  const console_ = async (attendantId: string, consoleId = `desk-${attendantId}`): Promise<ConsoleClient> => {
    const c = await consoleFor(broker, { attendantId, consoleId });
    open.push(c);
    return c;
  };

  beforeAll(async () => {
    if (!skip) broker = await startBroker(kind);
  });
  afterEach(async () => {
    for (const x of open.splice(0).reverse()) await x.close();
  });
  afterAll(async () => {
    await broker?.close();
  });

  it.skipIf(skip)('an age check raised at a lane is approved from a console and the lane carries on', async () => {
    const { lane: l1 } = await lane('l1');
    const c = await console_('alex');
    const events: LaneEvent[] = [];
    c.onEvent((e) => events.push(e));
    await until(c, (s) => s.lanes.l1?.status?.online === true);

    l1.sim.scanner.scan(BEER);
    const raised = await until(c, (s) => queueOf(s, 'l1').length === 1);
    const entry = queueOf(raised, 'l1')[0]!;
    expect(entry).toMatchObject({ laneId: 'l1', intervention: { kind: 'ageCheck', blocking: true }, laneOnline: true });
    expect(raised.lanes.l1?.status?.blocked).toBe(true);

    const reply = await c.send('l1', { type: 'intervention.approve', interventionId: entry.intervention.id }, { expiresAt: l1.clock.now() + 30_000 });
    expect(reply).toMatchObject({ laneId: 'l1', ok: true, consoleId: 'desk-alex' });
    await until(c, (s) => queueOf(s, 'l1').length === 0 && s.lanes.l1?.status?.blocked === false);

    // The lane continues: bag the beer, scan more.
    l1.sim.baggingScale.change(780);
    expect(l1.sim.scanner.scan(CHOC)).toBe(true);
    expect(l1.service.view()).toMatchObject({ ageVerified: true, blocked: false, itemCount: 2 });
    await until(c, (s) => s.lanes.l1?.status?.itemCount === 2);

    // Who, when and what is in the lane's journal.
    const audit = l1.journal.rows.filter((r) => r.type === 'attendant.command');
    expect(audit).toEqual([expect.objectContaining({ at: l1.clock.now(), payload: { by: 'alex', commandId: reply.commandId, command: 'intervention.approve', outcome: 'applied' } })]);
    expect(l1.journal.rows.find((r) => r.type === 'intervention.resolved')?.payload).toMatchObject({ id: entry.intervention.id, resolution: 'approved', by: 'alex' });
    // And on the bus for every console.
    await until(c, () => events.some((e) => e.type === 'intervention.resolved'));
    expect(events.map((e) => e.type)).toEqual(['intervention.raised', 'intervention.resolved']);
    expect(events[1]).toMatchObject({ laneId: 'l1', kind: 'ageCheck', resolution: 'approved', by: 'alex', since: entry.intervention.since });
  });

  it.skipIf(skip)('the same command id twice is applied once; the second reply is a conflict', async () => {
    const { lane: l2 } = await lane('l2');
    const c = await console_('alex');
    l2.service.intent({ type: 'session.start' });
    l2.service.intent({ type: 'help.request' });
    l2.service.intent({ type: 'help.request' });
    expect(l2.service.view().interventions).toHaveLength(1);
    const opts = { id: 'cmd-fixed-id-0001', expiresAt: l2.clock.now() + 30_000 };
    const first = await c.send('l2', { type: 'intervention.approve', kind: 'help' }, opts);
    l2.service.intent({ type: 'help.request' }); // a new one the replayed command must not touch
    const second = await c.send('l2', { type: 'intervention.approve', kind: 'help' }, opts);
    expect(first.ok).toBe(true);
    expect(second).toMatchObject({ ok: false, commandId: 'cmd-fixed-id-0001', error: { code: 'conflict' } });
    expect(l2.service.view().interventions.map((i) => i.kind)).toEqual(['help']);
    expect(l2.journal.rows.filter((r) => r.type === 'intervention.resolved')).toHaveLength(1);
  });

  it.skipIf(skip)('an expired command is refused with expired and changes nothing', async () => {
    const { lane: l3 } = await lane('l3');
    const c = await console_('alex');
    l3.service.intent({ type: 'session.start' });
    l3.service.intent({ type: 'help.request' });
    const reply = await c.send('l3', { type: 'intervention.approve', kind: 'help' }, { expiresAt: l3.clock.now() - 1 });
    expect(reply).toMatchObject({ ok: false, error: { code: 'expired' } });
    expect(l3.service.view().interventions).toHaveLength(1);
    expect(auditOf(l3).map((r) => r.outcome)).toEqual(['expired']);
  });

  it.skipIf(skip)('closing a lane and overriding a price need a supervisor', async () => {
    const { lane: l4 } = await lane('l4');
    const alex = await console_('alex');
    const sam = await console_('sam');
    const expiresAt = l4.clock.now() + 30_000;
    l4.sim.scanner.scan(CHOC);
    l4.sim.baggingScale.change(105);
    const lineId = l4.service.view().lines[0]!.lineId;

    const byAlex = await alex.send('l4', { type: 'price.override', lineId, unitPriceMinor: 99 }, { expiresAt });
    expect(byAlex).toMatchObject({ ok: false, error: { code: 'unauthorized', message: "'price.override' needs a supervisor" } });
    const bySam = await sam.send('l4', { type: 'price.override', lineId, unitPriceMinor: 99 }, { expiresAt });
    expect(bySam.ok).toBe(true);
    expect(l4.service.view().totalMinor).toBe(99);

    expect((await sam.send('l4', { type: 'transaction.cancel' }, { expiresAt })).ok).toBe(true);
    expect((await alex.send('l4', { type: 'lane.close', reason: 'cleaning' }, { expiresAt })).error?.code).toBe('unauthorized');
    expect((await sam.send('l4', { type: 'lane.close', reason: 'cleaning' }, { expiresAt })).ok).toBe(true);
    const s = await until(alex, (s) => s.lanes.l4?.status?.open === false);
    expect(s.lanes.l4?.status?.screen).toBe('outOfService');
    const audit = auditOf(l4).map((r) => [r.by, r.command, r.outcome]);
    expect(audit).toEqual([
      ['alex', 'price.override', 'refused: supervisor only'],
      ['sam', 'price.override', 'applied'],
      ['sam', 'transaction.cancel', 'applied'],
      ['alex', 'lane.close', 'refused: supervisor only'],
      ['sam', 'lane.close', 'applied'],
    ]);
  });

  it.skipIf(skip)('two consoles racing to approve one intervention: one wins, the other gets a clear refusal, both see it resolved', async () => {
    const { lane: l5 } = await lane('l5');
    const a = await console_('alex', 'desk-a');
    const b = await console_('sam', 'tablet-b');
    l5.sim.scanner.scan(BEER);
    const [sa] = await Promise.all([until(a, (s) => queueOf(s, 'l5').length === 1), until(b, (s) => queueOf(s, 'l5').length === 1)]);
    const id = queueOf(sa, 'l5')[0]!.intervention.id;
    const expiresAt = l5.clock.now() + 30_000;

    const replies = await Promise.all([a.approve('l5', id), b.send('l5', { type: 'intervention.approve', interventionId: id }, { expiresAt })]);
    const winners = replies.filter((r) => r.ok);
    const losers = replies.filter((r) => !r.ok);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    const winner = winners[0]!.consoleId === 'desk-a' ? 'alex' : 'sam';
    expect(losers[0]!.error).toMatchObject({ code: 'conflict', message: `intervention ${id} was already approved by ${winner}`, detail: { by: winner } });
    await Promise.all([until(a, (s) => queueOf(s, 'l5').length === 0), until(b, (s) => queueOf(s, 'l5').length === 0)]);
    expect(l5.journal.rows.filter((r) => r.type === 'intervention.resolved')).toHaveLength(1);
  });

  it.skipIf(skip)('approving an intervention that never existed is notFound', async () => {
    await lane('l6');
    const c = await console_('alex');
    const reply = await c.approve('l6', 'iv-nope');
    expect(reply).toMatchObject({ ok: false, error: { code: 'notFound' } });
  });
});
