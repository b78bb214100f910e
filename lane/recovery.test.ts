import { describe, expect, it } from 'vitest';
import type { ApprovedPayment, PaymentRequest } from '../contracts/ports.ts';
import { memoryLane, type TestLane } from '../test/helpers/memoryLane.ts';
import type { DomainEvent } from './checkout/events.ts';
import { applyEvent, emptyTx, type TxState } from './checkout/tx.ts';
import { decideReconcile, PAYMENT_UNCONFIRMED, unsettledPayment, type ReconcileAnswer } from './recovery.ts';

const GIFT = '4000000000006'; // 25.00, no weight

const approval = (reference: string, amountMinor = 2500): ApprovedPayment => ({ status: 'approved', amountMinor, reference, resultCode: '00', maskedPan: '************4242' });

function txWith(events: DomainEvent[]): TxState {
  let tx = emptyTx('tx-1', 0, 'en');
  for (const e of events) tx = applyEvent(tx, e, 1);
  return tx;
}
const started: DomainEvent = { type: 'payment.started', reference: 'pay-1', amountMinor: 2500 };
const raiseTrouble = (detail: Record<string, string>): DomainEvent => ({
  type: 'intervention.raised',
  intervention: { id: 'iv-1', kind: 'paymentTrouble', since: 1, blocking: true, detail },
});

describe('reconcile decisions (pure)', () => {
  it('a payment still waiting, or timed out and not known to be uncharged, is unsettled', () => {
    expect(unsettledPayment(txWith([started]))?.reference).toBe('pay-1');
    expect(unsettledPayment(txWith([started, { type: 'payment.timedOut', reference: 'pay-1' }]))?.reference).toBe('pay-1');
    expect(unsettledPayment(txWith([started, { type: 'payment.reconciled', reference: 'pay-1', result: 'unknown' }]))?.reference).toBe('pay-1');
    expect(unsettledPayment(txWith([started, { type: 'payment.reconciled', reference: 'pay-1', result: 'notCharged' }]))).toBeNull();
    expect(unsettledPayment(txWith([started, { type: 'payment.declined', reference: 'pay-1', reason: 'declined' }]))).toBeNull();
    expect(unsettledPayment(txWith([]))).toBeNull();
  });

  it('approved → the approval is journaled and the sale completes; no attendant', () => {
    const tx = txWith([started]);
    const d = decideReconcile(tx, unsettledPayment(tx)!, approval('4711'), new Set(), raiseTrouble);
    expect(d.route).toBe('receipt');
    expect(d.events).toEqual([{ type: 'payment.approved', payment: { reference: 'pay-1', amountMinor: 2500, terminalReference: '4711', resultCode: '00', maskedPan: '************4242' } }]);
  });

  it('not charged → the shopper may pay again; no attendant', () => {
    const tx = txWith([started]);
    const d = decideReconcile(tx, unsettledPayment(tx)!, null, new Set(), raiseTrouble);
    expect(d.route).toBe('payAgain');
    expect(d.events.map((e) => e.type)).toEqual(['payment.timedOut', 'payment.reconciled']);
    expect(unsettledPayment(txWith([started, ...d.events]))).toBeNull();
  });

  it('unknown, or an approval the journal already holds → the attendant sees "unconfirmed"', () => {
    const tx = txWith([started]);
    for (const answer of ['unknown', approval('4711')] as ReconcileAnswer[]) {
      const d = decideReconcile(tx, unsettledPayment(tx)!, answer, new Set(['4711']), raiseTrouble);
      expect(d.route).toBe('attendant');
      expect(d.events.at(-1)).toMatchObject({ type: 'intervention.raised', intervention: { kind: 'paymentTrouble', detail: { reason: PAYMENT_UNCONFIRMED } } });
      expect(unsettledPayment(txWith([started, ...d.events]))).not.toBeNull();
    }
  });
});

/** The terminal's answer to `reconcile`, scripted per test; counts the questions. */
function scriptTerminal(lane: TestLane, answers: ReconcileAnswer[]): { asked: PaymentRequest[] } {
  const asked: PaymentRequest[] = [];
  lane.sim.terminal.reconcile = async (req: PaymentRequest) => {
    asked.push(req);
    return answers.length > 1 ? answers.shift()! : answers[0]!;
  };
  return { asked };
}

const cmd = (lane: TestLane, body: Record<string, unknown>) => {
  const who = lane.service.attendantAccount('alex')!;
  return lane.service.command({ id: `cmd-${Math.random().toString(36).slice(2, 12)}`, by: who.id, ...body }, { attendant: who });
};

/** A basket with a payment the terminal has, then a stop with nothing more journaled. */
async function interrupted(answers: ReconcileAnswer[]) {
  const lane = memoryLane();
  lane.sim.scanner.scan(GIFT);
  expect(lane.service.intent({ type: 'pay.start' }).ok).toBe(true);
  expect(lane.service.intent({ type: 'pay.card' }).ok).toBe(true);
  expect(lane.journal.types().at(-1)).toBe('payment.started');
  const terminal = scriptTerminal(lane, answers);
  const again = lane.restart();
  await again.settle();
  return { again, terminal };
}

describe('restart with an interrupted payment: the terminal is asked first', () => {
  it('approved at the terminal → the sale completes with no attendant and no second payment', async () => {
    const { again, terminal } = await interrupted([approval('4711')]);
    expect(terminal.asked).toMatchObject([{ amountMinor: 2500 }]);
    const v = again.service.view();
    expect(v.screen).toBe('thanks');
    expect(v.payment?.status).toBe('approved');
    expect(v.interventions).toEqual([]);
    expect(again.journal.types().filter((t) => t === 'payment.approved')).toHaveLength(1);
    expect(again.journal.types().filter((t) => t === 'payment.started')).toHaveLength(1);
  });

  it('nothing happened at the terminal → the shopper is offered payment again, no attendant', async () => {
    const { again } = await interrupted([null]);
    const v = again.service.view();
    expect(v.screen).toBe('payment');
    expect(v.interventions).toEqual([]);
    expect(again.service.intent({ type: 'pay.card' }).ok).toBe(true);
    again.sim.terminal.setBehaviour('approve');
    await again.settle();
    expect(again.service.view().payment?.status).toBe('approved');
  });

  it('the terminal cannot tell → "payment unconfirmed" for the attendant; clearing it asks the terminal again', async () => {
    const { again, terminal } = await interrupted(['unknown', 'unknown', null]);
    let v = again.service.view();
    expect(v.interventions.map((i) => [i.kind, i.detail['reason']])).toEqual([['paymentTrouble', PAYMENT_UNCONFIRMED]]);
    const startedBefore = again.journal.types().filter((t) => t === 'payment.started').length;
    again.service.intent({ type: 'pay.start' });
    again.service.intent({ type: 'pay.card' });
    expect(again.journal.types().filter((t) => t === 'payment.started')).toHaveLength(startedBefore);

    // First approval: the terminal still cannot tell → still blocked, still no payment.
    expect(cmd(again, { type: 'intervention.approve', kind: 'paymentTrouble' }).ok).toBe(true);
    await again.settle();
    expect(terminal.asked).toHaveLength(2);
    v = again.service.view();
    expect(v.interventions.map((i) => [i.kind, i.detail['reason']])).toEqual([['paymentTrouble', PAYMENT_UNCONFIRMED]]);
    again.service.intent({ type: 'pay.start' });
    again.service.intent({ type: 'pay.card' });
    expect(again.journal.types().filter((t) => t === 'payment.started')).toHaveLength(startedBefore);

    // Second approval: now the terminal says it did not charge → payment is offered again.
    expect(cmd(again, { type: 'intervention.approve', kind: 'paymentTrouble' }).ok).toBe(true);
    await again.settle();
    expect(terminal.asked).toHaveLength(3);
    v = again.service.view();
    expect(v.interventions).toEqual([]);
    expect(v.screen).toBe('payment');
    expect(again.service.intent({ type: 'pay.card' }).ok).toBe(true);
    expect(again.journal.types().filter((t) => t === 'payment.started')).toHaveLength(startedBefore + 1);
  });

  it('an approval that clears "payment trouble" finds the payment approved → the sale completes once', async () => {
    const { again } = await interrupted(['unknown', approval('4712')]);
    expect(cmd(again, { type: 'intervention.approve', kind: 'paymentTrouble' }).ok).toBe(true);
    await again.settle();
    expect(again.service.view().screen).toBe('thanks');
    expect(again.journal.types().filter((t) => t === 'payment.approved')).toHaveLength(1);
  });

  it('the state survives another restart while unconfirmed (asked again at the next boot)', async () => {
    const { again, terminal } = await interrupted(['unknown', approval('4713')]);
    const third = again.restart();
    await third.settle();
    expect(terminal.asked).toHaveLength(2);
    expect(third.service.view().screen).toBe('thanks');
  });
});
