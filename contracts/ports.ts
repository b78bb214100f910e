/**
 * Ports: what the lane service needs from its devices. Simulated devices (lane/sim) and the
 * real protocol drivers (drivers/…) both implement these. The checkout machine never sees a
 * byte; drivers never see a rule.
 */
import type { DeclineReason, DeviceHealth, PrinterCondition, ReceiptDocument, ScaleReading, Scan, TerminalPrompt } from './index.ts';

export type Unsubscribe = () => void;

interface HealthSource {
  /** Current health; listeners are told of every change. */
  health(): DeviceHealth;
  onHealth(listener: (health: DeviceHealth) => void): Unsubscribe;
  /** Release the device (close transports, stop timers). */
  close(): Promise<void>;
}

export interface ScannerPort extends HealthSource {
  onScan(listener: (scan: Scan) => void): Unsubscribe;
  /** Accept scans again (e.g. after payment). Idempotent. */
  enable(): Promise<void>;
  /** Stop scanning (e.g. while paying): the device itself is told where the protocol allows. */
  disable(): Promise<void>;
  /** Audible feedback on the device, where it has a beeper. */
  beep(kind: 'good' | 'error'): Promise<void>;
}

export interface ScalePort extends HealthSource {
  /** Every change of reading (state or grams). Drivers poll or stream; the port reports changes. */
  onReading(listener: (reading: ScaleReading) => void): Unsubscribe;
  /** Last reading, if any. */
  current(): ScaleReading | null;
}

export type PrintOutcome =
  | { ok: true }
  | { ok: false; condition: Exclude<PrinterCondition, 'ok' | 'paperNearEnd'>; message: string };

export interface PrinterPort extends HealthSource {
  /**
   * Print one receipt. Checks status before sending and after, and resolves `ok: true`
   * only when the printer reported no fault after the job.
   */
  print(doc: ReceiptDocument): Promise<PrintOutcome>;
  condition(): PrinterCondition;
  onCondition(listener: (condition: PrinterCondition) => void): Unsubscribe;
}

export interface PaymentRequest {
  amountMinor: number;
  currency: string;
  /** Our reference for the attempt (journal key). */
  reference: string;
}

export interface ApprovedPayment {
  status: 'approved';
  amountMinor: number;
  /** Terminal's reference (trace number / receipt number). */
  reference: string;
  maskedPan?: string;
  cardName?: string;
  /** Lines the terminal asked the ECR to print (merchant/customer receipt). */
  receiptLines?: string[];
  resultCode: string;
}

export type PaymentOutcome =
  | ApprovedPayment
  | { status: 'declined'; reason: DeclineReason; resultCode?: string }
  | { status: 'cancelled' }
  | { status: 'timeout' };

export interface PaymentHooks {
  /** The terminal's display text for the shopper, mirrored on screen. */
  onPrompt(prompt: TerminalPrompt): void;
  /**
   * Called synchronously as soon as the terminal reports an approval, BEFORE the driver
   * acknowledges it: the lane journals it here, so a lost completion can never lose a payment.
   */
  persistApproval(payment: ApprovedPayment): void;
}

export interface TerminalPort extends HealthSource {
  pay(request: PaymentRequest, hooks: PaymentHooks): Promise<PaymentOutcome>;
  /** Ask the terminal to abort the payment in progress (shopper cancelled). */
  abort(): Promise<void>;
  /**
   * After a payment ended with no answer (timeout, link lost), ask the terminal what became
   * of it: the approval if its last transaction is this payment (same amount, a terminal
   * reference not in `known`), `null` if it certainly is not, `'unknown'` if the terminal
   * cannot tell. Never assume a failure that may have taken the shopper's money.
   */
  reconcile?(request: PaymentRequest, known: ReadonlySet<string>): Promise<ApprovedPayment | null | 'unknown'>;
}

export interface LaneDevices {
  scanner: ScannerPort;
  produceScale: ScalePort;
  baggingScale: ScalePort;
  printer: PrinterPort;
  terminal: TerminalPort;
}
