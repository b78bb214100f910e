import { describe, expect, it } from 'vitest';
import { memoryLane, type TestLane } from '../../test/helpers/memoryLane.ts';

/** transaction.suspend / transaction.resume: park a basket, recall it at the same lane, survive kill -9. */

const WATER = '4006381333931'; // 1560 g, 0.79
const CHOC = '5901234123457'; // 105 g, 1.49
const BEER = '4008387012346'; // age 16, 780 g

let seq = 0;
/** An attendant command from a demo attendant (PIN 1234 = Alex, 9999 = Sam); PIN checks have their own tests. */
const cmd = (lane: TestLane, body: Record<string, unknown>, pin = '1234') => {
  const who = lane.service.attendantAccount(pin === '9999' ? 'sam' : 'alex');
  if (!who) throw new Error('no demo attendant');
  return lane.service.command({ id: `cmd-susp-${++seq}-xx`, by: who.id, ...body }, { attendant: who });
};
const view = (lane: TestLane) => lane.service.view();

/** Water and chocolate scanned and bagged: 2 items, 2.28. */
function basket(lane: TestLane): void {
  lane.sim.scanner.scan(WATER);
  lane.sim.baggingScale.change(1560);
  lane.sim.scanner.scan(CHOC);
  lane.sim.baggingScale.change(105);
  expect(view(lane)).toMatchObject({ itemCount: 2, totalMinor: 228, blocked: false });
}

describe('suspending a transaction', () => {
  it('journals the basket as transaction.suspended before acknowledging, and the lane returns to attract', () => {
    const lane = memoryLane();
    basket(lane);
    const txId = view(lane).transactionId!;
    const r = cmd(lane, { type: 'transaction.suspend' });
    expect(r.ok).toBe(true);
    expect(view(lane)).toMatchObject({ screen: 'attract', transactionId: null, itemCount: 0 });
    const row = lane.journal.rows.find((x) => x.type === 'transaction.suspended');
    expect(row).toMatchObject({ transactionId: txId, payload: { by: 'alex', ageVerified: false, itemCount: 2, totalMinor: 228 } });
    expect((row?.payload as { lines: unknown[] }).lines).toMatchObject([
      { code: WATER, quantity: 1, unitPriceMinor: 79, overridden: false },
      { code: CHOC, quantity: 1, unitPriceMinor: 149, overridden: false },
    ]);
    // Journaled before the audit record says "applied" is even returned; bagging state is not parked.
    expect(JSON.stringify(row?.payload)).not.toMatch(/baggedUnits|voided/);
    expect(lane.service.suspendedBaskets()).toEqual([{ transactionId: txId, itemCount: 2, totalMinor: 228, at: lane.clock.now(), by: 'alex' }]);
  });

  it('parks only active lines, with their overridden prices', () => {
    const lane = memoryLane();
    basket(lane);
    const [water, choc] = view(lane).lines;
    expect(cmd(lane, { type: 'item.void', lineId: water!.lineId }).ok).toBe(true);
    lane.sim.baggingScale.change(-1560);
    expect(cmd(lane, { type: 'price.override', lineId: choc!.lineId, unitPriceMinor: 100 }, '9999').ok).toBe(true);
    expect(cmd(lane, { type: 'transaction.suspend' }).ok).toBe(true);
    expect(lane.service.suspendedBaskets()).toMatchObject([{ itemCount: 1, totalMinor: 100 }]);
    expect(cmd(lane, { type: 'transaction.resume', transactionId: lane.service.suspendedBaskets()[0]!.transactionId }).ok).toBe(true);
    expect(view(lane).lines).toMatchObject([{ code: CHOC, unitPriceMinor: 100, overridden: true, totalMinor: 100 }]);
  });

  it('is refused with no open transaction, while the terminal has the amount, and after payment', async () => {
    const lane = memoryLane();
    expect(cmd(lane, { type: 'transaction.suspend' })).toMatchObject({ ok: false, error: { code: 'notAllowed' } });
    basket(lane);
    expect(lane.service.intent({ type: 'pay.start' }).ok).toBe(true);
    expect(lane.service.intent({ type: 'pay.card' }).ok).toBe(true);
    expect(view(lane).screen).toBe('paying');
    expect(cmd(lane, { type: 'transaction.suspend' })).toMatchObject({ ok: false, error: { code: 'notAllowed' } });
    lane.sim.terminal.setBehaviour('approve');
    await lane.settle();
    expect(view(lane).screen).toBe('thanks');
    expect(cmd(lane, { type: 'transaction.suspend' })).toMatchObject({ ok: false, error: { code: 'notAllowed' } });
    expect(lane.journal.types()).not.toContain('transaction.suspended');
    expect(lane.service.suspendedBaskets()).toEqual([]);
  });

  it('may park a basket after a declined card (no money moved)', async () => {
    const lane = memoryLane();
    basket(lane);
    lane.service.intent({ type: 'pay.start' });
    lane.service.intent({ type: 'pay.card' });
    lane.sim.terminal.setBehaviour('decline');
    await lane.settle();
    expect(view(lane).payment).toMatchObject({ status: 'declined' });
    expect(cmd(lane, { type: 'transaction.suspend' }).ok).toBe(true);
    expect(view(lane).screen).toBe('attract');
  });
});

describe('resuming a suspended transaction', () => {
  it('recalls the basket into a new transaction at the same lane; the shopper can pay at once', async () => {
    const lane = memoryLane();
    basket(lane);
    const parked = view(lane).transactionId!;
    cmd(lane, { type: 'transaction.suspend' });
    lane.sim.baggingScale.change(-1665); // the goods are set aside
    // Another shopper uses the lane meanwhile.
    lane.sim.scanner.scan(CHOC);
    lane.sim.baggingScale.change(105);
    expect(cmd(lane, { type: 'transaction.resume', transactionId: parked })).toMatchObject({ ok: false, error: { code: 'notAllowed' } });
    expect(cmd(lane, { type: 'transaction.cancel' }).ok).toBe(true);
    lane.sim.baggingScale.change(-105);

    expect(cmd(lane, { type: 'transaction.resume', transactionId: parked }).ok).toBe(true);
    const v = view(lane);
    expect(v).toMatchObject({ screen: 'scanning', itemCount: 2, totalMinor: 228, blocked: false });
    expect(v.transactionId).not.toBe(parked);
    const tail = lane.journal.rows.filter((r) => r.transactionId === v.transactionId).map((r) => r.type);
    expect(tail).toEqual(['transaction.started', 'transaction.resumed']);
    expect(lane.journal.rows.find((r) => r.type === 'transaction.resumed')?.payload).toMatchObject({ from: parked, by: 'alex' });
    expect(lane.service.suspendedBaskets()).toEqual([]);
    // More goods are checked as usual, then payment.
    lane.sim.scanner.scan(CHOC);
    lane.sim.baggingScale.change(105);
    expect(view(lane).interventions).toEqual([]);
    expect(view(lane)).toMatchObject({ itemCount: 3, totalMinor: 377, blocked: false });
    expect(lane.service.intent({ type: 'pay.start' }).ok).toBe(true);
    expect(lane.service.intent({ type: 'pay.card' }).ok).toBe(true);
    lane.sim.terminal.setBehaviour('approve');
    await lane.settle();
    expect(view(lane).screen).toBe('thanks');
    expect(lane.sim.terminal.requests.at(-1)).toMatchObject({ amountMinor: 377 });
  });

  it('recalls a basket once: a second resume, an unknown id and a missing id are refused', () => {
    const lane = memoryLane();
    basket(lane);
    const parked = view(lane).transactionId!;
    cmd(lane, { type: 'transaction.suspend' });
    expect(cmd(lane, { type: 'transaction.resume', transactionId: 'tx-nope' })).toMatchObject({ ok: false, error: { code: 'notAllowed' } });
    expect(cmd(lane, { type: 'transaction.resume' })).toMatchObject({ ok: false, error: { code: 'invalidInput', path: 'transactionId' } });
    expect(cmd(lane, { type: 'transaction.resume', transactionId: parked }).ok).toBe(true);
    expect(cmd(lane, { type: 'transaction.cancel' }).ok).toBe(true);
    expect(cmd(lane, { type: 'transaction.resume', transactionId: parked })).toMatchObject({ ok: false, error: { code: 'notAllowed' } });
    expect(lane.journal.types().filter((t) => t === 'transaction.resumed')).toHaveLength(1);
  });

  it('is refused while the lane is closed', () => {
    const lane = memoryLane();
    basket(lane);
    const parked = view(lane).transactionId!;
    cmd(lane, { type: 'transaction.suspend' });
    expect(cmd(lane, { type: 'lane.close', reason: 'break' }, '9999').ok).toBe(true);
    expect(cmd(lane, { type: 'transaction.resume', transactionId: parked })).toMatchObject({ ok: false, error: { code: 'notAllowed' } });
    expect(cmd(lane, { type: 'lane.open' }, '9999').ok).toBe(true);
    expect(cmd(lane, { type: 'transaction.resume', transactionId: parked }).ok).toBe(true);
  });

  it('checks the age again when the parked basket held an unverified age-limited item', () => {
    const lane = memoryLane();
    lane.sim.scanner.scan(CHOC);
    lane.sim.baggingScale.change(105);
    lane.sim.scanner.scan(BEER);
    expect(view(lane).interventions.map((i) => i.kind)).toEqual(['ageCheck']);
    const parked = view(lane).transactionId!;
    expect(cmd(lane, { type: 'transaction.suspend' }).ok).toBe(true);
    expect(cmd(lane, { type: 'transaction.resume', transactionId: parked }).ok).toBe(true);
    expect(view(lane)).toMatchObject({ blocked: true, ageVerified: false });
    expect(view(lane).interventions).toMatchObject([{ kind: 'ageCheck', detail: { itemName: 'Lager 0.5 l', ageLimit: 16 } }]);
  });

  it('keeps an age verification an attendant already gave', () => {
    const lane = memoryLane();
    lane.sim.scanner.scan(BEER);
    expect(cmd(lane, { type: 'intervention.approve', kind: 'ageCheck' }).ok).toBe(true);
    lane.sim.baggingScale.change(780);
    const parked = view(lane).transactionId!;
    cmd(lane, { type: 'transaction.suspend' });
    cmd(lane, { type: 'transaction.resume', transactionId: parked });
    expect(view(lane)).toMatchObject({ blocked: false, ageVerified: true, interventions: [] });
  });
});

describe('suspended baskets survive kill -9', () => {
  it('a basket suspended before a crash is listed after the restart and can be resumed', () => {
    const lane = memoryLane();
    basket(lane);
    const parked = view(lane).transactionId!;
    cmd(lane, { type: 'transaction.suspend' });
    const again = lane.restart();
    expect(view(again).screen).toBe('attract');
    expect(again.service.suspendedBaskets()).toMatchObject([{ transactionId: parked, itemCount: 2, totalMinor: 228 }]);
    expect(cmd(again, { type: 'transaction.resume', transactionId: parked }).ok).toBe(true);
    expect(view(again)).toMatchObject({ screen: 'scanning', itemCount: 2, totalMinor: 228 });
  });

  it('a resumed basket is rebuilt after a crash, and is not offered for resuming again', () => {
    const lane = memoryLane();
    basket(lane);
    const parked = view(lane).transactionId!;
    cmd(lane, { type: 'transaction.suspend' });
    cmd(lane, { type: 'transaction.resume', transactionId: parked });
    const resumed = view(lane).transactionId;
    const again = lane.restart();
    expect(view(again)).toMatchObject({ screen: 'scanning', transactionId: resumed, itemCount: 2, totalMinor: 228, blocked: false });
    expect(again.service.suspendedBaskets()).toEqual([]);
    expect(cmd(again, { type: 'transaction.resume', transactionId: parked })).toMatchObject({ ok: false, error: { code: 'notAllowed' } });
  });

  it('a crash between "started" and "resumed" loses nothing: the basket is still parked', () => {
    const lane = memoryLane();
    basket(lane);
    const parked = view(lane).transactionId!;
    cmd(lane, { type: 'transaction.suspend' });
    cmd(lane, { type: 'transaction.resume', transactionId: parked });
    // Cut the journal after `transaction.started` of the resuming transaction.
    const at = lane.journal.rows.findIndex((r) => r.type === 'transaction.resumed');
    lane.journal.rows.splice(at);
    const again = lane.restart();
    expect(again.service.suspendedBaskets()).toMatchObject([{ transactionId: parked }]);
  });

  it('the command ids stay applied once across the restart', () => {
    const lane = memoryLane();
    basket(lane);
    const who = { id: 'alex', name: 'Alex', role: 'attendant' as const };
    const body = { id: 'cmd-suspend-once-1', by: 'alex', type: 'transaction.suspend' };
    expect(lane.service.command(body, { attendant: who }).ok).toBe(true);
    const again = lane.restart();
    expect(again.service.command(body, { attendant: who })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});
