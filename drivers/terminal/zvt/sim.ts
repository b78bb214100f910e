/**
 * ZVT terminal simulator (device side). Speaks the real wire bytes over any Transport —
 * bare APDUs (TCP, memory) or serial DLE/STX framing — and over its own TCP server.
 * Scriptable per next payment; records every APDU the ECR sent.
 *
 * Every terminal message waits for the ECR's `80 00 00` before the next one, as a real
 * terminal does. The simulator has no timers of its own (the serial link's T3 uses the clock).
 */
import net from 'node:net';
import type { Result } from '../../../contracts/errors.ts';
import type { Clock } from '../../../core/clock.ts';
import type { Logger } from '../../../core/log.ts';
import type { Transport } from '../../transport/types.ts';
import { ACK_APDU, apdu, apduName, type Apdu } from './apdu.ts';
import { decodeFields, encodeFields, findField, type BmpField } from './bmp.ts';
import { createLink, type Framing, type ZvtLink } from './link.ts';
import { encodeText, type TextEncoding } from './text.ts';

export type PaymentScript =
  | { kind: 'approve' }
  /** Terminal declines with this result code (`06 1E <code>`), e.g. 0x05, 0x64, 0x78, 0x7A, 0xC3. */
  | { kind: 'decline'; resultCode: number }
  /** Goes silent after "insert card" (answers nothing more in this session). */
  | { kind: 'timeout' }
  /** Shopper pressed abort on the terminal: `06 1E 6C`. */
  | { kind: 'abort' }
  /**
   * The terminal approves and books the payment (its ledger, its last receipt), but the result
   * never reaches the ECR: the link drops before `04 0F` is delivered (`drop`), or `04 0F` and
   * `06 0F` are lost on the wire while the link stays up (`silent`; the next command is
   * answered). Only a repeat receipt (`06 20`) tells the ECR what happened.
   */
  | { kind: 'lostCompletion'; mode: 'drop' | 'silent' }
  /** Sends "please wait" and the status information twice each. */
  | { kind: 'duplicate' }
  /** Hold before card insertion until `release()` — lets a test abort from the ECR. */
  | { kind: 'hold' }
  /** Approves (the money is taken) but the answer never reaches the ECR: goes silent before `04 0F`. */
  | { kind: 'lostAnswer' };

/** Result code the simulator answers a foreign currency with (0xFF: system error, a terminal fault). */
export const SIM_CURRENCY_REFUSED = 0xff;

/** Result code the simulator uses for "reversal not possible" (unknown receipt). */
export const SIM_REVERSAL_NOT_POSSIBLE = 0xb5;

export interface ZvtSimulatorOptions {
  clock: Clock;
  logger: Logger;
  /** A payment with no script waits for one (the shopper has not yet presented a card). */
  awaitScript?: boolean;
  encoding?: TextEncoding;
  terminalId?: string;
  /** Raw data of the status-enquiry completion; default `27 00 29 <tid>`. */
  statusEnquiryReply?: Uint8Array;
  /**
   * The terminal's own currency, ISO 4217 numeric (default 978 EUR). A registration or an
   * authorization that names another currency is refused with `SIM_CURRENCY_REFUSED`, as a
   * terminal set up for one currency refuses the others.
   */
  currencyCode?: number;
}

export interface AttachOptions {
  framing: Framing;
  /** How to "drop the link" for `lostCompletion: drop`; default: close the transport. */
  drop?: () => void;
}

interface ApprovedRecord {
  receiptNo: number;
  trace: number;
  amountMinor: number;
  reversed: boolean;
}

type Incoming = { kind: 'ack' } | { kind: 'abort' } | { kind: 'closed' };

class SimSession {
  private readonly link: ZvtLink;
  private waiter: ((x: Incoming) => void) | undefined;
  private busy = false;
  private silent = false;
  private abortRequested = false;
  private holdRelease: (() => void) | undefined;
  private closed = false;
  private readonly backlog: Apdu[] = [];

  constructor(
    private readonly sim: ZvtSimulator,
    private readonly transport: Transport,
    private readonly opts: AttachOptions,
  ) {
    const pipe = {
      write: async (bytes: Uint8Array): Promise<Result<void>> => {
        try {
          await transport.write(bytes);
          return { ok: true, value: undefined };
        } catch (err) {
          return { ok: false, error: { code: 'device', message: String(err) } };
        }
      },
      onData: (l: (chunk: Uint8Array) => void) => transport.onData(l),
    };
    this.link = createLink(pipe, {
      framing: opts.framing,
      clock: sim.opts.clock,
      logger: sim.opts.logger,
      onWire: (dir, bytes) => sim.wire.push({ direction: dir === 'in' ? 'ecr' : 'terminal', bytes: Uint8Array.from(bytes) }),
    });
    this.link.onApdu((a) => this.onApdu(a));
    transport.onClose(() => this.end());
  }

  end(): void {
    if (this.closed) return;
    this.closed = true;
    this.link.dispose();
    this.wake({ kind: 'closed' });
    this.sim.sessions.delete(this);
  }

  release(): void {
    const r = this.holdRelease;
    this.holdRelease = undefined;
    r?.();
  }

  private wake(x: Incoming): void {
    const w = this.waiter;
    this.waiter = undefined;
    w?.(x);
  }

  private onApdu(a: Apdu): void {
    this.sim.record(a);
    if (this.silent) return;
    if (a.cls === 0x80 && a.instr === 0x00) {
      this.wake({ kind: 'ack' });
      return;
    }
    if (a.cls === 0x06 && a.instr === 0xb0) {
      // ECR abort: accepted while the payment has not been approved yet.
      void this.link.send(ACK_APDU);
      if (this.busy) {
        this.abortRequested = true;
        this.release();
      }
      return;
    }
    // A command right behind the ECR's last ACK can overtake our bookkeeping: queue it.
    this.backlog.push(a);
    this.pump();
  }

  private pump(): void {
    if (this.busy || this.closed) return;
    const next = this.backlog.shift();
    if (!next) return;
    this.busy = true;
    void this.handle(next).finally(() => {
      this.busy = false;
      this.abortRequested = false;
      this.pump();
    });
  }

  /** Send a terminal message and wait for the ECR's `80 00 00`. False if the session ended. */
  private async say(a: Apdu): Promise<boolean> {
    if (this.closed) return false;
    const got = new Promise<Incoming>((resolve) => (this.waiter = resolve));
    const r = await this.link.send(a);
    if (!r.ok) return false;
    const x = await got;
    return x.kind === 'ack';
  }

  private async reply(a: Apdu): Promise<void> {
    await this.link.send(a);
  }

  private async handle(a: Apdu): Promise<void> {
    const name = apduName(a);
    switch (name) {
      case '06 00': {
        // registration: password (3), config byte, then the optional currency code (2, BCD).
        await this.reply(ACK_APDU);
        const cc = registrationCurrency(a);
        this.sim.currenciesSeen.push({ apdu: '06 00', currencyCode: cc });
        if (cc !== undefined && cc !== this.sim.currencyCode) await this.say(apdu(0x06, 0x1e, [SIM_CURRENCY_REFUSED]));
        else await this.say(apdu(0x06, 0x0f));
        return;
      }
      case '06 01':
        await this.reply(ACK_APDU);
        await this.authorize(a);
        return;
      case '05 01':
        await this.reply(ACK_APDU);
        await this.say(apdu(0x06, 0x0f, this.sim.opts.statusEnquiryReply ?? encodeFields([{ kind: 'resultCode', bmp: 0x27, resultCode: 0 }, { kind: 'terminalId', bmp: 0x29, terminalId: this.sim.terminalId }])));
        return;
      case '06 30':
        await this.reply(ACK_APDU);
        await this.reverse(a);
        return;
      case '06 50':
        await this.reply(ACK_APDU);
        await this.endOfDay();
        return;
      case '06 20':
        await this.reply(ACK_APDU);
        await this.repeatReceipt();
        return;
      default:
        await this.reply(apdu(0x84, 0x83)); // function not possible
    }
  }

  private status(code: number): Apdu {
    return apdu(0x04, 0xff, [code]);
  }

  private async abortIfAsked(): Promise<boolean> {
    if (!this.abortRequested) return false;
    await this.say(apdu(0x06, 0x1e, [0x6c]));
    return true;
  }

  private async authorize(a: Apdu): Promise<void> {
    const fields = decodeFields(a.data).fields;
    const currencyCode = findField(fields, 'currency')?.currencyCode;
    this.sim.currenciesSeen.push({ apdu: '06 01', currencyCode });
    if (currencyCode !== undefined && currencyCode !== this.sim.currencyCode) {
      await this.say(apdu(0x06, 0x1e, [SIM_CURRENCY_REFUSED]));
      return;
    }
    const script = await this.sim.nextScript();
    const amountMinor = findField(fields, 'amount')?.amountMinor ?? 0;
    if (!(await this.say(this.status(0x0a)))) return; // insert card
    if (script.kind === 'timeout') {
      this.silent = true;
      return;
    }
    if (script.kind === 'hold' && !this.abortRequested) await new Promise<void>((resolve) => (this.holdRelease = resolve));
    if (await this.abortIfAsked()) return;
    if (script.kind === 'abort') {
      await this.say(apdu(0x06, 0x1e, [0x6c]));
      return;
    }
    if (!(await this.say(this.status(0x01)))) return; // PIN
    if (await this.abortIfAsked()) return;
    const waits = script.kind === 'duplicate' ? 2 : 1;
    for (let i = 0; i < waits; i++) if (!(await this.say(this.status(0x0e)))) return; // please wait
    if (await this.abortIfAsked()) return;
    if (script.kind === 'decline') {
      if (!(await this.say(this.status(0x1d)))) return;
      await this.say(apdu(0x06, 0x1e, [script.resultCode]));
      return;
    }
    const rec = this.sim.approve(amountMinor);
    const info = apdu(0x04, 0x0f, encodeFields(this.sim.statusFields(rec)));
    this.sim.lastStatus = info;
    if (script.kind === 'lostAnswer') {
      // The link dies before the approval reaches the ECR.
      this.sim.lastReceipt = this.sim.receiptLines(rec);
      (this.opts.drop ?? (() => void this.transport.close()))();
      return;
    }
    if (script.kind === 'lostCompletion') {
      // Booked here; the ECR hears nothing of it.
      this.sim.lastReceipt = this.sim.receiptLines(rec);
      if (script.mode === 'drop') (this.opts.drop ?? (() => void this.transport.close()))();
      return;
    }
    const infos = script.kind === 'duplicate' ? 2 : 1;
    for (let i = 0; i < infos; i++) if (!(await this.say(info))) return;
    const lines = this.sim.receiptLines(rec);
    this.sim.lastReceipt = lines;
    for (const line of lines) if (!(await this.say(this.printLine(line)))) return;
    await this.say(apdu(0x06, 0x0f));
  }

  private printLine(text: string): Apdu {
    return apdu(0x06, 0xd1, [0x00, ...encodeText(text, this.sim.encoding)]);
  }

  private async reverse(a: Apdu): Promise<void> {
    // data: password (3 BCD) then BMP 87 receipt number
    const receiptNo = findField(decodeFields(a.data.subarray(3)).fields, 'receiptNo')?.receiptNo;
    const rec = this.sim.approved.find((r) => r.receiptNo === receiptNo && !r.reversed);
    if (!(await this.say(this.status(0x0e)))) return;
    if (!rec) {
      await this.say(apdu(0x06, 0x1e, [SIM_REVERSAL_NOT_POSSIBLE]));
      return;
    }
    rec.reversed = true;
    const fields: BmpField[] = [
      { kind: 'resultCode', bmp: 0x27, resultCode: 0 },
      { kind: 'amount', bmp: 0x04, amountMinor: rec.amountMinor },
      { kind: 'trace', bmp: 0x0b, trace: this.sim.nextTrace() },
      { kind: 'receiptNo', bmp: 0x87, receiptNo: rec.receiptNo },
    ];
    if (!(await this.say(apdu(0x04, 0x0f, encodeFields(fields))))) return;
    if (!(await this.say(this.printLine(`STORNO Beleg ${rec.receiptNo}`)))) return;
    await this.say(apdu(0x06, 0x0f));
  }

  private async endOfDay(): Promise<void> {
    const open = this.sim.approved.filter((r) => !r.reversed);
    const total = open.reduce((s, r) => s + r.amountMinor, 0);
    if (!(await this.say(this.status(0x0e)))) return;
    if (!(await this.say(this.printLine(`Kassenschnitt ${open.length} Buchungen`)))) return;
    if (!(await this.say(apdu(0x04, 0x0f, encodeFields([{ kind: 'resultCode', bmp: 0x27, resultCode: 0 }, { kind: 'amount', bmp: 0x04, amountMinor: total }]))))) return;
    this.sim.approved.length = 0;
    await this.say(apdu(0x06, 0x0f));
  }

  private async repeatReceipt(): Promise<void> {
    if (!this.sim.lastStatus) {
      await this.say(apdu(0x06, 0x1e, [0x83]));
      return;
    }
    for (const line of this.sim.lastReceipt) if (!(await this.say(this.printLine(line)))) return;
    if (!(await this.say(this.sim.lastStatus))) return;
    await this.say(apdu(0x06, 0x0f));
  }
}

export class ZvtSimulator {
  /** Every APDU the ECR sent, in order. */
  readonly received: Apdu[] = [];
  /** Every chunk on the wire, from the simulator's point of view. */
  readonly wire: { direction: 'ecr' | 'terminal'; bytes: Uint8Array }[] = [];
  readonly approved: ApprovedRecord[] = [];
  readonly sessions = new Set<SimSession>();
  readonly encoding: TextEncoding;
  readonly terminalId: string;
  /** The terminal's currency (ISO 4217 numeric). */
  readonly currencyCode: number;
  /** The currency each registration and authorization named (`undefined`: none sent). */
  readonly currenciesSeen: { apdu: '06 00' | '06 01'; currencyCode: number | undefined }[] = [];
  lastStatus: Apdu | undefined;
  lastReceipt: string[] = [];
  private readonly scripts: PaymentScript[] = [];
  private readonly scriptWaiters: (() => void)[] = [];
  private readonly receivedListeners = new Set<(a: Apdu) => void>();
  private trace = 100;
  private receipt = 41;

  constructor(readonly opts: ZvtSimulatorOptions) {
    this.encoding = opts.encoding ?? 'cp437';
    this.terminalId = opts.terminalId ?? '52500123';
    this.currencyCode = opts.currencyCode ?? 978;
  }

  /**
   * Script the next payment(s), first in first out. Unscripted payments are approved — or,
   * with `awaitScript`, wait (card not yet presented) until a script arrives.
   */
  script(...scripts: PaymentScript[]): void {
    this.scripts.push(...scripts);
    const waiting = this.scriptWaiters.splice(0);
    for (const w of waiting) w();
  }

  /** @internal The script for a payment that has just started. */
  async nextScript(): Promise<PaymentScript> {
    while (this.opts.awaitScript && this.scripts.length === 0) await new Promise<void>((r) => this.scriptWaiters.push(r));
    return this.takeScript();
  }

  /** Let a `hold` payment go on (to the ECR-abort check). */
  release(): void {
    for (const s of this.sessions) s.release();
  }

  /** Serve one connection (memory end, serial port, accepted socket). */
  attach(transport: Transport, opts: AttachOptions): () => void {
    const s = new SimSession(this, transport, opts);
    this.sessions.add(s);
    return () => s.end();
  }

  /** TCP server on `host:port` (default 127.0.0.1:0); each connection is one session. */
  async listenTcp(port = 0, host = '127.0.0.1'): Promise<{ port: number; close(): Promise<void>; dropAll(): void }> {
    const sockets = new Set<net.Socket>();
    const server = net.createServer((socket) => {
      sockets.add(socket);
      socket.setNoDelay(true);
      const t = socketTransport(socket);
      socket.on('close', () => sockets.delete(socket));
      this.attach(t, { framing: 'bare', drop: () => socket.destroy() });
    });
    await new Promise<void>((resolve) => server.listen(port, host, resolve));
    const addr = server.address();
    const bound = typeof addr === 'object' && addr ? addr.port : port;
    return {
      port: bound,
      dropAll: () => {
        for (const s of sockets) s.destroy();
      },
      close: () =>
        new Promise<void>((resolve) => {
          for (const s of sockets) s.destroy();
          server.close(() => resolve());
        }),
    };
  }

  onReceived(listener: (a: Apdu) => void): () => void {
    this.receivedListeners.add(listener);
    return () => this.receivedListeners.delete(listener);
  }

  /** @internal */
  record(a: Apdu): void {
    this.received.push(a);
    for (const l of [...this.receivedListeners]) l(a);
  }

  /** @internal */
  takeScript(): PaymentScript {
    return this.scripts.shift() ?? { kind: 'approve' };
  }

  /** @internal */
  nextTrace(): number {
    return ++this.trace;
  }

  /** @internal */
  approve(amountMinor: number): ApprovedRecord {
    const rec = { receiptNo: ++this.receipt, trace: this.nextTrace(), amountMinor, reversed: false };
    this.approved.push(rec);
    return rec;
  }

  /** @internal */
  statusFields(rec: ApprovedRecord): BmpField[] {
    const now = new Date(this.opts.clock.now());
    const two = (n: number): string => String(n).padStart(2, '0');
    return [
      { kind: 'resultCode', bmp: 0x27, resultCode: 0x00 },
      { kind: 'amount', bmp: 0x04, amountMinor: rec.amountMinor },
      { kind: 'trace', bmp: 0x0b, trace: rec.trace },
      { kind: 'time', bmp: 0x0c, hhmmss: `${two(now.getUTCHours())}${two(now.getUTCMinutes())}${two(now.getUTCSeconds())}` },
      { kind: 'date', bmp: 0x0d, mmdd: `${two(now.getUTCMonth() + 1)}${two(now.getUTCDate())}` },
      { kind: 'expiry', bmp: 0x0e, yymm: '2812' },
      { kind: 'paymentType', bmp: 0x19, paymentType: 0x40 },
      { kind: 'pan', bmp: 0x22, maskedPan: '672559******1234' },
      { kind: 'terminalId', bmp: 0x29, terminalId: this.terminalId },
      { kind: 'aid', bmp: 0x3b, aid: '123456' },
      { kind: 'currency', bmp: 0x49, currencyCode: this.currencyCode },
      { kind: 'receiptNo', bmp: 0x87, receiptNo: rec.receiptNo },
      { kind: 'cardType', bmp: 0x8a, cardType: 0x05 },
      { kind: 'cardName', bmp: 0x8b, cardName: 'girocard' },
    ];
  }

  /** @internal */
  receiptLines(rec: ApprovedRecord): string[] {
    const euros = `${Math.floor(rec.amountMinor / 100)},${String(rec.amountMinor % 100).padStart(2, '0')} EUR`;
    return ['Kartenzahlung', 'girocard', `Terminal-ID ${this.terminalId}`, `Beleg-Nr. ${rec.receiptNo}  Trace ${rec.trace}`, `Betrag ${euros}`, 'Zahlung erfolgt'];
  }
}

/** Accepted socket → Transport (already open; `lost` when the peer goes away). */
function socketTransport(socket: net.Socket): Transport {
  const data = new Set<(chunk: Uint8Array) => void>();
  const close = new Set<(reason: 'closed' | 'lost', error?: Error) => void>();
  let open = true;
  let byUs = false;
  socket.on('data', (chunk: Buffer) => {
    for (const l of [...data]) l(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  });
  socket.on('error', () => socket.destroy());
  socket.on('close', () => {
    if (!open) return;
    open = false;
    for (const l of [...close]) l(byUs ? 'closed' : 'lost');
  });
  return {
    address: `tcp://${socket.remoteAddress ?? '?'}:${socket.remotePort ?? 0}#device`,
    get isOpen() {
      return open;
    },
    open: async () => {},
    write: (bytes) =>
      new Promise<void>((resolve, reject) => {
        socket.write(bytes, (err) => (err ? reject(err) : resolve()));
      }),
    close: async () => {
      byUs = true;
      socket.destroy();
    },
    onData: (l) => {
      data.add(l);
      return () => data.delete(l);
    },
    onClose: (l) => {
      close.add(l);
      return () => close.delete(l);
    },
  };
}

/** The currency code of a registration (`06 00`): BCD bytes 5–6 of its data, when present. */
function registrationCurrency(a: Apdu): number | undefined {
  if (a.data.length < 6) return undefined;
  const hi = a.data[4]!;
  const lo = a.data[5]!;
  const digits = [hi >> 4, hi & 0x0f, lo >> 4, lo & 0x0f];
  if (digits.some((d) => d > 9)) return undefined;
  return digits.reduce((n, d) => n * 10 + d, 0);
}

/** For tests: the amount a recorded authorization asked for. */
export function authorizationAmount(a: Apdu): number | undefined {
  if (a.cls !== 0x06 || a.instr !== 0x01) return undefined;
  const f = decodeFields(a.data).fields;
  return findField(f, 'amount')?.amountMinor;
}

