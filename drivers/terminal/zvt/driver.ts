/**
 * ZVT card terminal driver: `TerminalPort` (+ `ZvtExtras`) over the transport Supervisor.
 *
 * Flow of every command (device-protocols.md §4.4): we send the command; the terminal
 * answers `80 00 00` within `ackMs` (or `84 xx` = refused); then it drives and we answer
 * every message with `80 00 00`, until `06 0F` completion or `06 1E` abort. Silence longer
 * than `responseMs` (T4, restarted by each terminal message) ends the exchange.
 *
 * Money rule (§4.5): a `04 0F` status information with result `27 00` is a paid
 * transaction. We build the `ApprovedPayment` and call `hooks.persistApproval` synchronously
 * *before* our `80 00 00` for it is written, and resolve `approved` even if the completion
 * never comes (T4 expiry or link loss).
 *
 * Ordering: each received APDU is first handed to the in-flight request (synchronous
 * processing, including `persistApproval`), then acknowledged; the next queued command is
 * written one microtask later, so our ACK always precedes it on the wire.
 *
 * Size: one class over one exchange (payment, abort, reversal, status, end of day, repeat
 * receipt, reconcile); what the answers mean is decoded in answers.ts, commands built in
 * messages.ts.
 */
import type { DeviceHealth } from '../../../contracts/devices.ts';
import { fail, ok, type Result } from '../../../contracts/errors.ts';
import { currencyInfo } from '../../../contracts/currency.ts';
import type { Clock } from '../../../core/clock.ts';
import type { Logger } from '../../../core/log.ts';
import type { ApprovedPayment, PaymentHooks, PaymentOutcome, PaymentRequest, TerminalPort, Unsubscribe } from '../../../contracts/ports.ts';
import { RequestQueue } from '../../transport/request-queue.ts';
import { Supervisor, type BackoffOptions, type HandshakeResult } from '../../transport/supervisor.ts';
import type { Transport } from '../../transport/types.ts';
import type { ZvtTerminalConfig } from '../config.ts';
import { ACK_APDU, apduName, encodeApdu, hex, type Apdu } from './apdu.ts';
import { decodeFields, findField, type BmpField } from './bmp.ts';
import { createLink, type Framing, type ZvtLink } from './link.ts';
import * as cmd from './messages.ts';
import { printLineText, textBlockLines } from './print.ts';
import type { TextEncoding } from './text.ts';
import {
  approvedFrom,
  decodeEndOfDay,
  decodeRepeatReceipt,
  decodeReversal,
  parseStatusCompletion,
  paymentFromCompletion,
  terminalReference,
  type EndOfDayResult,
  type RepeatReceiptResult,
  type ReversalResult,
  type StatusEnquiryResult,
} from './answers.ts';

/** Events the request queue sees: every APDU from the terminal. */
interface ZvtEvent {
  apdu: Apdu;
}

/** How one command exchange ended. */
export type ExchangeEnd =
  | { kind: 'completed'; data: Uint8Array; statusInfos: BmpField[][]; receiptLines: string[] }
  | { kind: 'aborted'; resultCode: number | undefined; statusInfos: BmpField[][]; receiptLines: string[] }
  | { kind: 'refused'; code: number }
  | { kind: 'noAck' }
  | { kind: 'timeout'; statusInfos: BmpField[][]; receiptLines: string[] }
  | { kind: 'linkLost'; statusInfos: BmpField[][]; receiptLines: string[] }
  | { kind: 'failed'; message: string };

interface ExchangeHooks {
  onIntermediateStatus?(status: number): void;
  /** Synchronous: runs before the ACK for this status information is written. */
  onStatusInformation?(fields: BmpField[], raw: Uint8Array): void;
  onCompletion?(data: Uint8Array): void;
}

/** ZVT functions beyond the payment port (§4.3). Expected failures are `Result` errors. */
export interface ZvtExtras {
  reversal(receiptNo: number): Promise<Result<ReversalResult>>;
  statusEnquiry(): Promise<Result<StatusEnquiryResult>>;
  endOfDay(): Promise<Result<EndOfDayResult>>;
  repeatReceipt(): Promise<Result<RepeatReceiptResult>>;
  /** Re-register (`06 00`) now. Also done automatically after every (re)connect. */
  register(): Promise<Result<void>>;
}

export interface ZvtDriverDeps {
  clock: Clock;
  logger: Logger;
  transport: Transport;
  backoff?: Partial<BackoffOptions>;
  /** Every chunk on the wire (captures, diagnostics). */
  onWire?: (direction: 'in' | 'out', bytes: Uint8Array) => void;
}

export class ZvtTerminal implements TerminalPort, ZvtExtras {
  private readonly supervisor: Supervisor;
  private readonly link: ZvtLink;
  private readonly queue: RequestQueue<ZvtEvent>;
  private readonly encoding: TextEncoding;
  private readonly log: Logger;
  /** Result of the last `accept` call, so the handler knows whether to restart T4. */
  private lastStepMore = false;
  private exchangeTimeoutMs = 0;
  private activePayment: { abortRequested: boolean } | undefined;

  constructor(
    private readonly config: ZvtTerminalConfig,
    private readonly deps: ZvtDriverDeps,
  ) {
    this.encoding = config.textEncoding;
    this.log = deps.logger.child({ device: 'terminal', protocol: 'zvt' });
    const framing: Framing = config.framing === 'auto' ? (config.transport.kind === 'serial' ? 'serial' : 'bare') : config.framing;
    this.supervisor = new Supervisor({
      name: 'terminal',
      transport: deps.transport,
      clock: deps.clock,
      logger: this.log,
      ...(deps.backoff ? { backoff: deps.backoff } : {}),
      onConnect: () => this.handshake(),
    });
    this.link = createLink(
      { write: (b) => this.supervisor.write(b), onData: (l) => this.supervisor.onData(l) },
      {
        framing,
        clock: deps.clock,
        logger: this.log,
        ackTimeoutMs: config.timeouts.serialAckMs,
        maxAttempts: config.timeouts.serialAttempts,
        ...(deps.onWire ? { onWire: deps.onWire } : {}),
      },
    );
    this.queue = new RequestQueue<ZvtEvent>({
      clock: deps.clock,
      // One microtask later: the ACK for the message that ended the previous exchange goes first.
      write: (bytes) => Promise.resolve().then(() => this.link.sendBytes(bytes)),
      isConnected: () => this.supervisor.state === 'up' || this.supervisor.state === 'handshaking',
    });
    this.link.onApdu((a) => this.onApdu(a));
    this.supervisor.onLinkDown(() => {
      this.link.reset();
      this.queue.linkLost();
    });
    this.supervisor.start();
  }

  // ---- HealthSource -------------------------------------------------------------------

  health(): DeviceHealth {
    return this.supervisor.health();
  }

  onHealth(listener: (health: DeviceHealth) => void): Unsubscribe {
    return this.supervisor.onHealth(listener);
  }

  async close(): Promise<void> {
    this.queue.cancelAll('terminal closed');
    await this.supervisor.stop();
    this.link.dispose();
  }

  // ---- wire ---------------------------------------------------------------------------

  private onApdu(a: Apdu): void {
    const kind = cmd.messageKind(a);
    this.lastStepMore = false;
    const claimed = this.queue.offer({ apdu: a });
    if (claimed && this.lastStepMore) this.queue.restartTimeout(this.exchangeTimeoutMs);
    if (kind !== 'ack' && kind !== 'nack') {
      if (!claimed) this.log.info({ apdu: apduName(a) }, 'unsolicited terminal message, acknowledged');
      void this.link.send(ACK_APDU).then((r) => {
        if (!r.ok) this.log.warn({ err: r.error.message }, 'could not acknowledge terminal message');
      });
    }
  }

  private async handshake(): Promise<HandshakeResult> {
    this.link.reset();
    const r = await this.register();
    return r.ok ? { ok: true } : { ok: false, reason: r.error.message };
  }

  /**
   * Run one command exchange through the one-in-flight queue. The queue's timer first
   * guards the terminal's `80 00 00` (`ackMs`), then, restarted by every terminal message,
   * the silence limit `responseMs`.
   */
  private async exchange(command: Apdu, responseMs: number, hooks: ExchangeHooks = {}): Promise<ExchangeEnd> {
    const statusInfos: BmpField[][] = [];
    const receiptLines: string[] = [];
    let acked = false;
    const label = `zvt ${apduName(command)}`;
    const serialSlack = this.link.framing === 'serial' ? this.config.timeouts.serialAckMs * (this.config.timeouts.serialAttempts - 1) : 0;
    const result = await this.queue.request<ExchangeEnd>({
      bytes: encodeApdu(command),
      timeoutMs: this.config.timeouts.ackMs + serialSlack,
      label,
      accept: ({ apdu: a }) => {
        const kind = cmd.messageKind(a);
        const more = (): 'more' => {
          this.lastStepMore = true;
          this.exchangeTimeoutMs = responseMs;
          return 'more';
        };
        switch (kind) {
          case 'ack':
            acked = true;
            return more();
          case 'nack':
            // Before our command was accepted: refused. Later (e.g. answer to 06 B0): ignore.
            return acked ? undefined : { done: { kind: 'refused', code: a.instr } };
          case 'intermediateStatus':
            acked = true;
            hooks.onIntermediateStatus?.(a.data[0] ?? 0);
            return more();
          case 'statusInformation': {
            acked = true;
            const { fields } = decodeFields(a.data, this.encoding);
            statusInfos.push(fields);
            hooks.onStatusInformation?.(fields, a.data);
            return more();
          }
          case 'printLine':
            acked = true;
            receiptLines.push(printLineText(a, this.encoding));
            return more();
          case 'printTextBlock':
            acked = true;
            receiptLines.push(...textBlockLines(a, this.encoding));
            return more();
          case 'completion':
            hooks.onCompletion?.(a.data);
            return { done: { kind: 'completed', data: a.data, statusInfos, receiptLines } };
          case 'abort':
            return { done: { kind: 'aborted', resultCode: a.data[0], statusInfos, receiptLines } };
          case 'other':
            this.log.info({ apdu: apduName(a) }, 'terminal message not handled, acknowledged');
            return more();
        }
      },
    });
    if (result.ok) return result.value;
    switch (result.error.reason) {
      case 'timeout':
        return acked ? { kind: 'timeout', statusInfos, receiptLines } : { kind: 'noAck' };
      case 'linkLost':
        return { kind: 'linkLost', statusInfos, receiptLines };
      default:
        return { kind: 'failed', message: result.error.message };
    }
  }

  // ---- TerminalPort -------------------------------------------------------------------

  async register(): Promise<Result<void>> {
    const end = await this.exchange(
      cmd.registration({
        password: this.config.password,
        configByte: this.config.configByte,
        currencyCode: this.config.currencyCode,
        ...(this.config.serviceByte !== undefined ? { serviceByte: this.config.serviceByte } : {}),
      }),
      this.config.timeouts.adminMs,
    );
    if (end.kind === 'completed') return ok(undefined);
    this.log.warn({ end: end.kind }, 'registration failed');
    return failFromEnd(end, 'registration');
  }

  async pay(request: PaymentRequest, hooks: PaymentHooks): Promise<PaymentOutcome> {
    const currency = currencyInfo(request.currency);
    const currencyCode = currency.ok ? currency.value.numeric : undefined;
    if (!Number.isInteger(request.amountMinor) || request.amountMinor <= 0 || request.amountMinor > 999_999_999_999) {
      this.log.error({ amountMinor: request.amountMinor }, 'invalid amount, not sent to the terminal');
      return { status: 'declined', reason: 'terminalError' };
    }
    // The lane derives the terminal's currency from its own (lane/currency.ts), so this is a
    // wiring fault; it is still checked: a terminal must never charge in the wrong currency.
    if (currencyCode !== this.config.currencyCode) {
      this.log.error({ currency: request.currency, configured: this.config.currencyCode }, 'currency does not match the terminal');
      return { status: 'declined', reason: 'terminalError' };
    }
    const state = { abortRequested: false };
    let approval: ApprovedPayment | undefined;
    const seenStatusInfo = new Set<string>();
    let lastStatus: number | undefined;
    const prompt = (p: Parameters<PaymentHooks['onPrompt']>[0]): void => {
      try {
        hooks.onPrompt(p);
      } catch (err) {
        this.log.error({ err }, 'onPrompt threw');
      }
    };
    const persist = (payment: ApprovedPayment): void => {
      try {
        hooks.persistApproval(payment);
      } catch (err) {
        // The payment happened whatever our journal says: keep going, the outcome carries it.
        this.log.error({ err, reference: payment.reference }, 'persistApproval threw; the payment is approved at the terminal');
      }
    };
    const log = this.log.child({ reference: request.reference });
    this.activePayment = state;
    const end = await this.exchange(
      cmd.authorization({
        amountMinor: request.amountMinor,
        ...(this.config.currencyInAuthorization ? { currencyCode } : {}),
      }),
      this.config.timeouts.responseMs,
      {
        onIntermediateStatus: (status) => {
          if (status === lastStatus) return; // a repeated status changes nothing on screen
          lastStatus = status;
          prompt(cmd.promptForStatus(status));
        },
        onStatusInformation: (fields, raw) => {
          const key = hex(raw);
          if (seenStatusInfo.has(key)) {
            log.info('duplicate status information ignored');
            return;
          }
          seenStatusInfo.add(key);
          const rc = findField(fields, 'resultCode')?.resultCode;
          if (rc === 0x00 && !approval) {
            approval = approvedFrom(fields, request, []);
            log.info({ terminalReference: approval.reference }, 'approved by terminal');
            persist(approval);
          }
        },
      },
    );
    this.activePayment = undefined;
    const withLines = (p: ApprovedPayment, lines: string[]): ApprovedPayment => (lines.length ? { ...p, receiptLines: lines } : p);
    switch (end.kind) {
      case 'completed': {
        if (approval) return withLines(approval, end.receiptLines);
        // No status information: the completion itself says the transaction went through.
        const fromCompletion = paymentFromCompletion(end.data, this.encoding, request, end.receiptLines);
        if ('declinedWith' in fromCompletion) {
          const rc = fromCompletion.declinedWith;
          return { status: 'declined', reason: cmd.reasonForResultCode(rc), resultCode: cmd.resultCodeHex(rc) };
        }
        persist(fromCompletion.approved);
        return fromCompletion.approved;
      }
      case 'aborted': {
        if (approval) log.error({ resultCode: end.resultCode }, 'terminal aborted after approving; reconcile with repeatReceipt/statusEnquiry');
        if (end.resultCode === 0x6c && state.abortRequested) return { status: 'cancelled' };
        return {
          status: 'declined',
          reason: cmd.reasonForResultCode(end.resultCode),
          ...(end.resultCode !== undefined ? { resultCode: cmd.resultCodeHex(end.resultCode) } : {}),
        };
      }
      case 'timeout':
      case 'linkLost':
        if (approval) {
          log.warn({ end: end.kind }, 'completion lost after approval: payment stands');
          return withLines(approval, end.receiptLines);
        }
        log.warn({ end: end.kind }, 'payment outcome unknown (no approval seen)');
        return { status: 'timeout' };
      case 'refused':
        return { status: 'declined', reason: 'terminalError', resultCode: cmd.resultCodeHex(end.code) };
      case 'noAck':
      case 'failed':
        return { status: 'declined', reason: 'terminalError' };
    }
  }

  async abort(): Promise<void> {
    const p = this.activePayment;
    if (!p) return;
    p.abortRequested = true;
    const r = await this.link.send(cmd.ecrAbort());
    if (!r.ok) this.log.warn({ err: r.error.message }, 'abort could not be sent');
  }

  // ---- ZvtExtras ----------------------------------------------------------------------

  async reversal(receiptNo: number): Promise<Result<ReversalResult>> {
    const end = await this.exchange(cmd.reversal({ password: this.config.password, receiptNo }), this.config.timeouts.responseMs);
    if (end.kind !== 'completed') return failFromEnd(end, 'reversal');
    return decodeReversal(end.statusInfos, end.data, this.encoding, receiptNo, end.receiptLines);
  }

  async statusEnquiry(): Promise<Result<StatusEnquiryResult>> {
    const end = await this.exchange(cmd.statusEnquiry(this.config.password), this.config.timeouts.adminMs);
    if (end.kind !== 'completed') return failFromEnd(end, 'status enquiry');
    return ok(parseStatusCompletion(end.data, this.encoding));
  }

  async endOfDay(): Promise<Result<EndOfDayResult>> {
    const end = await this.exchange(cmd.endOfDay(this.config.password), this.config.timeouts.responseMs);
    if (end.kind !== 'completed') return failFromEnd(end, 'end of day');
    return ok(decodeEndOfDay(end.statusInfos, end.data, this.encoding, end.receiptLines));
  }

  /**
   * Reconcile a payment that ended with no answer: ask for the last transaction (`06 20`
   * repeat receipt). Ours when it was approved, for the same amount, under a terminal
   * reference the lane has not seen before.
   */
  async reconcile(request: PaymentRequest, known: ReadonlySet<string>): Promise<ApprovedPayment | null | 'unknown'> {
    // The link may be coming back after a loss: wait for it (a few seconds at most).
    for (let i = 0; i < 50 && this.supervisor.state !== 'up'; i++) {
      await new Promise<void>((res) => this.deps.clock.setTimeout(res, 100));
    }
    const r = await this.repeatReceipt();
    if (!r.ok) {
      this.log.warn({ reference: request.reference, error: r.error.message }, 'reconcile: the terminal could not repeat its last receipt');
      return 'unknown';
    }
    const last = r.value.lastTransaction;
    if (!last) return 'unknown';
    const reference = terminalReference(last);
    if (reference === undefined) return 'unknown';
    if (known.has(reference) || last.amountMinor !== request.amountMinor || (last.resultCode !== undefined && last.resultCode !== '00')) return null;
    this.log.warn({ reference: request.reference, terminalReference: reference }, 'reconcile: the terminal approved the payment we lost');
    return {
      status: 'approved',
      amountMinor: last.amountMinor,
      reference,
      resultCode: '00',
      ...(last.maskedPan ? { maskedPan: last.maskedPan } : {}),
      receiptLines: r.value.receiptLines,
    };
  }

  async repeatReceipt(): Promise<Result<RepeatReceiptResult>> {
    const end = await this.exchange(cmd.repeatReceipt(this.config.password), this.config.timeouts.responseMs);
    if (end.kind !== 'completed') return failFromEnd(end, 'repeat receipt');
    return ok(decodeRepeatReceipt(end.statusInfos, end.receiptLines));
  }
}

function failFromEnd<T>(end: Exclude<ExchangeEnd, { kind: 'completed' }>, what: string): Result<T> {
  switch (end.kind) {
    case 'aborted': {
      const rc = end.resultCode === undefined ? undefined : cmd.resultCodeHex(end.resultCode);
      return fail('device', `${what} aborted by the terminal${rc ? ` (result ${rc})` : ''}`, { detail: { reason: 'aborted', ...(rc ? { resultCode: rc } : {}) } });
    }
    case 'refused':
      return fail('device', `${what} refused by the terminal (84 ${cmd.resultCodeHex(end.code)})`, { detail: { reason: 'refused', code: cmd.resultCodeHex(end.code) } });
    case 'noAck':
      return fail('timeout', `${what}: terminal did not acknowledge`, { detail: { reason: 'noAck' } });
    case 'timeout':
      return fail('timeout', `${what}: terminal went silent`, { detail: { reason: 'timeout' } });
    case 'linkLost':
      return fail('device', `${what}: link lost`, { detail: { reason: 'linkLost' } });
    case 'failed':
      return fail('device', `${what}: ${end.message}`, { detail: { reason: 'failed' } });
  }
}
