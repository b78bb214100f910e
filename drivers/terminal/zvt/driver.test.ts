import { describe, expect, it } from 'vitest';
import type { DeviceHealth, TerminalPrompt } from '../../../contracts/devices.ts';
import { ManualClock } from '../../../core/clock.ts';
import { silentLogger } from '../../../core/log.ts';
import type { ApprovedPayment, PaymentHooks } from '../../../contracts/ports.ts';
import { MemoryHub } from '../../transport/memory.ts';
import { TerminalConfig } from '../config.ts';
import { openTerminal, type ZvtTerminalPort } from '../index.ts';
import { apduName, encodeApdu, hex, type Apdu } from './apdu.ts';
import type { Framing } from './link.ts';
import { ZvtSimulator, type PaymentScript } from './sim.ts';
import { waitForHealth } from '../../../test/helpers/wait.ts';

const waitHealth = (t: ZvtTerminalPort, status: DeviceHealth['status']) => waitForHealth(t, status);

function waitReceived(sim: ZvtSimulator, pred: (a: Apdu) => boolean): Promise<Apdu> {
  return new Promise((resolve) => {
    const off = sim.onReceived((a) => {
      if (pred(a)) {
        off();
        resolve(a);
      }
    });
  });
}

async function setup(framing: Framing = 'bare') {
  const clock = new ManualClock();
  const hub = new MemoryHub();
  const link = hub.link('terminal');
  const sim = new ZvtSimulator({ clock, logger: silentLogger });
  const attachSim = async () => {
    await link.device.open();
    sim.attach(link.device, { framing, drop: () => link.unplug() });
  };
  await attachSim();
  /** Ordered log of what left the driver and what the lane's hooks saw. */
  const events: string[] = [];
  const config = TerminalConfig.parse({ protocol: 'zvt', transport: { kind: 'memory', name: 'terminal' }, framing });
  const term = openTerminal(config, {
    clock,
    logger: silentLogger,
    hub,
    onWire: (dir, bytes) => events.push(`${dir} ${hex(bytes)}`),
  });
  await waitHealth(term, 'ok');
  const prompts: TerminalPrompt[] = [];
  const persisted: ApprovedPayment[] = [];
  const promptWaiters: { p: TerminalPrompt; resolve: () => void }[] = [];
  const hooks: PaymentHooks = {
    onPrompt: (p) => {
      prompts.push(p);
      events.push(`prompt ${p}`);
      for (const w of promptWaiters.filter((x) => x.p === p)) w.resolve();
    },
    persistApproval: (pay) => {
      persisted.push(pay);
      events.push('persistApproval');
    },
  };
  const prompted = (p: TerminalPrompt) => new Promise<void>((resolve) => (prompts.includes(p) ? resolve() : promptWaiters.push({ p, resolve })));
  const pay = (amountMinor = 1000, script?: PaymentScript) => {
    if (script) sim.script(script);
    return term.pay({ amountMinor, currency: 'EUR', reference: 'sale-1' }, hooks);
  };
  return { clock, hub, link, sim, term, events, prompts, persisted, hooks, pay, prompted, attachSim };
}

describe.each(['bare', 'serial'] as const)('ZVT driver vs simulator over memory (%s framing)', (framing) => {
  it('registers on connect with password, config byte 0E and EUR', async () => {
    const { sim, term } = await setup(framing);
    expect(hex(encodeApdu(sim.received[0]!))).toBe('06 00 06 00 00 00 0E 09 78');
    expect(term.health().status).toBe('ok');
    await term.close();
  });

  it('approves: prompts, persists, collects receipt lines, ACKs every terminal message', async () => {
    const { sim, term, pay, prompts, persisted } = await setup(framing);
    const outcome = await pay(1234);
    expect(outcome).toMatchObject({ status: 'approved', amountMinor: 1234, resultCode: '00', reference: 'receipt:0042', maskedPan: '************1234', cardName: 'girocard' });
    expect(outcome.status === 'approved' && outcome.receiptLines).toContain('Betrag 12,34 EUR');
    expect(prompts).toEqual(['insertCard', 'enterPin', 'pleaseWait']);
    expect(persisted).toHaveLength(1);
    const auth = sim.received.find((a) => apduName(a) === '06 01')!;
    expect(hex(encodeApdu(auth))).toBe('06 01 0A 04 00 00 00 00 12 34 49 09 78');
    // 3 statuses + status info + 6 print lines + completion, each answered with 80 00 00
    const acks = sim.received.filter((a) => apduName(a) === '80 00').length;
    expect(acks).toBe(1 /* registration completion */ + 3 + 1 + 6 + 1);
    await term.close();
  });

  it('calls persistApproval before the ACK for 04 0F 27 00 leaves the driver', async () => {
    const { term, pay, events } = await setup(framing);
    await pay(1000);
    const i = events.findIndex((e) => /^in (10 02 )?04 0F/.test(e));
    expect(i).toBeGreaterThan(-1);
    // (single-byte 06/15 are serial transport-level frame ACKs, not the 80 00 00 APDU)
    const after = events.slice(i + 1).filter((e) => (e.startsWith('out') && e.length > 6) || e === 'persistApproval');
    expect(after[0]).toBe('persistApproval');
    expect(after[1]).toMatch(/^out (10 02 )?80 00 00/);
    await term.close();
  });

  it.each([
    [0x05, 'declined', '05'],
    [0x64, 'cardUnreadable', '64'],
    [0x78, 'cardExpired', '78'],
    [0x7a, 'cardUnknown', '7A'],
    [0xc3, 'amountTooHigh', 'C3'],
    [0xff, 'terminalError', 'FF'],
  ] as const)('declines with result code %i as %s', async (code, reason, hexCode) => {
    const { term, pay, persisted, prompts } = await setup(framing);
    expect(await pay(1000, { kind: 'decline', resultCode: code })).toEqual({ status: 'declined', reason, resultCode: hexCode });
    expect(persisted).toHaveLength(0);
    expect(prompts).toContain('declined');
    await term.close();
  });

  it('shopper abort at the terminal (06 1E 6C) → declined aborted', async () => {
    const { term, pay } = await setup(framing);
    expect(await pay(1000, { kind: 'abort' })).toEqual({ status: 'declined', reason: 'aborted', resultCode: '6C' });
    await term.close();
  });

  it('abort() from the ECR sends 06 B0 and resolves cancelled', async () => {
    const { term, pay, sim, prompted } = await setup(framing);
    const outcome = pay(1000, { kind: 'hold' });
    await prompted('insertCard');
    const seen = waitReceived(sim, (a) => apduName(a) === '06 B0');
    await term.abort();
    await seen;
    expect(await outcome).toEqual({ status: 'cancelled' });
    await term.close();
  });

  it('terminal silent after the first status → timeout after T4', async () => {
    const { term, pay, clock, prompted, persisted } = await setup(framing);
    const outcome = pay(1000, { kind: 'timeout' });
    await prompted('insertCard');
    clock.advance(180_000);
    expect(await outcome).toEqual({ status: 'timeout' });
    expect(persisted).toHaveLength(0);
    await term.close();
  });

  it('no 80 00 00 for the command → declined terminalError', async () => {
    const { term, clock, sim, hooks } = await setup(framing);
    // silence the simulator entirely by detaching it
    for (const s of sim.sessions) s.end();
    const outcome = term.pay({ amountMinor: 100, currency: 'EUR', reference: 'x' }, hooks);
    await Promise.resolve();
    clock.advance(60_000);
    expect(await outcome).toEqual({ status: 'declined', reason: 'terminalError' });
    await term.close();
  });

  it('lost completion (result lost on the wire, link up): timeout after T4, no approval seen; reconcile finds it', async () => {
    const { term, pay, clock, persisted, sim } = await setup(framing);
    const outcome = pay(1000, { kind: 'lostCompletion', mode: 'silent' });
    while (sim.approved.length === 0) await new Promise<void>((r) => setImmediate(r));
    clock.advance(180_000);
    expect(await outcome).toMatchObject({ status: 'timeout' });
    expect(persisted).toHaveLength(0);
    // The terminal booked it: only the repeat receipt tells the lane.
    expect(sim.approved).toMatchObject([{ amountMinor: 1000, receiptNo: 42 }]);
    expect(await term.reconcile?.({ amountMinor: 1000, currency: 'EUR', reference: 'x' }, new Set())).toMatchObject({ status: 'approved', amountMinor: 1000, reference: 'receipt:0042' });
    expect(await term.reconcile?.({ amountMinor: 1000, currency: 'EUR', reference: 'x' }, new Set(['receipt:0042']))).toBeNull();
    await term.close();
  });

  it('lost completion (link dropped before the result): no approval seen, the payment is booked, then reconnects', async () => {
    const { term, pay, persisted, link, clock, attachSim, sim } = await setup(framing);
    const outcome = await pay(1000, { kind: 'lostCompletion', mode: 'drop' });
    expect(outcome).toMatchObject({ status: 'timeout' });
    expect(persisted).toHaveLength(0);
    expect(sim.approved).toMatchObject([{ amountMinor: 1000, receiptNo: 42 }]);
    expect(term.health()).toMatchObject({ status: 'offline', reason: 'linkLost' });
    // re-plug: the supervisor reconnects with backoff and registers again
    link.replug();
    await attachSim();
    const registered = sim.received.filter((a) => apduName(a) === '06 00').length;
    const up = waitHealth(term, 'ok');
    clock.advance(10_000);
    await up;
    expect(sim.received.filter((a) => apduName(a) === '06 00').length).toBe(registered + 1);
    expect(await pay(500)).toMatchObject({ status: 'approved', amountMinor: 500 });
    await term.close();
  });

  it('duplicate status and status information are processed once, and all ACKed', async () => {
    const { term, pay, prompts, persisted, sim } = await setup(framing);
    const outcome = await pay(1000, { kind: 'duplicate' });
    expect(outcome.status).toBe('approved');
    expect(prompts).toEqual(['insertCard', 'enterPin', 'pleaseWait']);
    expect(persisted).toHaveLength(1);
    expect(sim.received.filter((a) => apduName(a) === '80 00').length).toBe(1 + 4 + 2 + 6 + 1);
    await term.close();
  });

  it('refuses a payment in another currency without sending it', async () => {
    const { term, hooks, sim } = await setup(framing);
    expect(await term.pay({ amountMinor: 100, currency: 'USD', reference: 'x' }, hooks)).toEqual({ status: 'declined', reason: 'terminalError' });
    expect(sim.received.some((a) => apduName(a) === '06 01')).toBe(false);
    await term.close();
  });

  it.each([0, -5, 1.5, 1e13])('refuses amount %s without sending it', async (amountMinor) => {
    const { term, hooks } = await setup(framing);
    expect(await term.pay({ amountMinor, currency: 'EUR', reference: 'x' }, hooks)).toMatchObject({ status: 'declined', reason: 'terminalError' });
    await term.close();
  });
});

describe('ZVT extras vs simulator', () => {
  it('status enquiry returns the terminal id and status', async () => {
    const { term } = await setup();
    expect(await term.statusEnquiry()).toMatchObject({ ok: true, value: { terminalStatus: 0, terminalId: '52500123' } });
    await term.close();
  });

  it('reversal of an approved receipt succeeds; an unknown receipt is refused with its result code', async () => {
    const { term, pay } = await setup();
    await pay(700);
    expect(await term.reversal(42)).toMatchObject({ ok: true, value: { receiptNo: 42, amountMinor: 700, resultCode: '00' } });
    expect(await term.reversal(42)).toMatchObject({ ok: false, error: { code: 'device', detail: { resultCode: 'B5' } } });
    await term.close();
  });

  it('repeat receipt reports the last transaction (reconciliation after a lost completion)', async () => {
    const { term, pay } = await setup();
    await pay(999, { kind: 'lostCompletion', mode: 'drop' }).then(() => undefined);
    await term.close();
    const s = await setup();
    await s.pay(321);
    expect(await s.term.repeatReceipt()).toMatchObject({ ok: true, value: { lastTransaction: { amountMinor: 321, receiptNo: 42, resultCode: '00' } } });
    await s.term.close();
  });

  it('end of day totals the approved payments', async () => {
    const { term, pay } = await setup();
    await pay(100);
    await pay(250);
    expect(await term.endOfDay()).toMatchObject({ ok: true, value: { resultCode: '00', totalMinor: 350 } });
    await term.close();
  });
});
