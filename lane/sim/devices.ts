import type { DeviceHealth, PrinterCondition, ReceiptDocument, ScaleReading, ScaleState, Scan } from '../../contracts/index.ts';
import { receiptText } from '../../contracts/index.ts';
import type {
  ApprovedPayment,
  LaneDevices,
  PaymentHooks,
  PaymentOutcome,
  PaymentRequest,
  PrintOutcome,
  PrinterPort,
  ScalePort,
  ScannerPort,
  TerminalPort,
  Unsubscribe,
} from '../../contracts/ports.ts';
import type { Clock } from '../../core/clock.ts';

/**
 * In-memory simulated devices implementing the lane's ports directly (no bytes). Used by the
 * simulator panel, the scenario runner's default mode and unit tests. The byte-level
 * simulators in drivers/* are the ones that prove the real protocols.
 */

/**
 * The simulators keep what they were asked to do (beeps, receipts, payment requests) for
 * tests and the simulator panel; only the most recent are kept, so a simulated lane that
 * runs for days does not grow (10,000 receipts were ~35 MB of heap).
 */
const MAX_SIM_LOG = 1000;
function pushBounded<T>(log: T[], entry: T): void {
  log.push(entry);
  if (log.length > MAX_SIM_LOG) log.splice(0, log.length - MAX_SIM_LOG);
}

class Listeners<T> {
  private readonly set = new Set<(v: T) => void>();
  add(l: (v: T) => void): Unsubscribe {
    this.set.add(l);
    return () => this.set.delete(l);
  }
  emit(v: T): void {
    for (const l of [...this.set]) l(v);
  }
}

abstract class SimDevice {
  protected healthState: DeviceHealth;
  protected readonly healthListeners = new Listeners<DeviceHealth>();
  plugged = true;

  constructor(protected readonly clock: Clock) {
    this.healthState = { status: 'ok', since: clock.now() };
  }
  health(): DeviceHealth {
    return this.healthState;
  }
  onHealth(l: (h: DeviceHealth) => void): Unsubscribe {
    return this.healthListeners.add(l);
  }
  async close(): Promise<void> {}
  protected setHealth(status: DeviceHealth['status'], reason?: string): void {
    if (this.healthState.status === status && this.healthState.reason === reason) return;
    this.healthState = { status, ...(reason ? { reason } : {}), since: this.clock.now() };
    this.healthListeners.emit(this.healthState);
  }
  unplug(): void {
    this.plugged = false;
    this.setHealth('offline', 'linkLost');
  }
  replug(): void {
    this.plugged = true;
    this.setHealth('ok');
  }
}

export class SimScanner extends SimDevice implements ScannerPort {
  private readonly scans = new Listeners<Scan>();
  enabled = true;
  readonly beeps: ('good' | 'error')[] = [];

  onScan(l: (s: Scan) => void): Unsubscribe {
    return this.scans.add(l);
  }
  async enable(): Promise<void> {
    this.enabled = true;
  }
  async disable(): Promise<void> {
    this.enabled = false;
  }
  async beep(kind: 'good' | 'error'): Promise<void> {
    pushBounded(this.beeps, kind);
  }
  /** The scanner reads a code. Returns false when the scanner is disabled or unplugged. */
  scan(data: string, symbology?: string): boolean {
    if (!this.enabled || !this.plugged) return false;
    this.scans.emit({ data, ...(symbology ? { symbology } : {}), source: 'sim' });
    return true;
  }
}

export class SimScale extends SimDevice implements ScalePort {
  private readonly readings = new Listeners<ScaleReading>();
  private reading: ScaleReading = { state: 'stable', grams: 0 };

  onReading(l: (r: ScaleReading) => void): Unsubscribe {
    return this.readings.add(l);
  }
  current(): ScaleReading | null {
    return this.plugged ? this.reading : null;
  }
  get grams(): number {
    return this.reading.grams;
  }
  set(grams: number, state: ScaleState = 'stable'): void {
    this.reading = { state, grams: state === 'stable' || state === 'motion' ? grams : this.reading.grams };
    if (this.plugged) this.readings.emit(this.reading);
  }
  /** Goods placed (positive) or taken away (negative): motion, then a stable reading. */
  change(deltaGrams: number): void {
    const target = this.reading.grams + deltaGrams;
    this.set(target, 'motion');
    this.set(target, 'stable');
  }
  setState(state: ScaleState): void {
    this.set(this.reading.grams, state);
  }
}

export class SimPrinter extends SimDevice implements PrinterPort {
  private readonly conditions = new Listeners<PrinterCondition>();
  private cond: PrinterCondition = 'ok';
  readonly printed: { doc: ReceiptDocument; text: string }[] = [];

  condition(): PrinterCondition {
    return this.plugged ? this.cond : 'offline';
  }
  onCondition(l: (c: PrinterCondition) => void): Unsubscribe {
    return this.conditions.add(l);
  }
  setCondition(c: PrinterCondition): void {
    this.cond = c;
    this.conditions.emit(c);
    if (c === 'ok') this.setHealth('ok');
    else if (c === 'paperNearEnd') this.setHealth('warning', c);
    else this.setHealth('error', c);
  }
  async print(doc: ReceiptDocument): Promise<PrintOutcome> {
    const c = this.condition();
    if (c === 'paperOut' || c === 'coverOpen' || c === 'offline' || c === 'cutterError') return { ok: false, condition: c, message: `printer ${c}` };
    pushBounded(this.printed, { doc, text: receiptText(doc) });
    return { ok: true };
  }
}

export type CardBehaviour = 'approve' | 'decline' | 'cancel' | 'timeout' | 'lostCompletion' | 'lostAnswer';

/** A simulated card terminal: a payment waits until a behaviour is chosen (or one was queued). */
export class SimTerminal extends SimDevice implements TerminalPort {
  private queued: CardBehaviour[] = [];
  private pending: { req: PaymentRequest; hooks: PaymentHooks; resolve: (o: PaymentOutcome) => void } | null = null;
  private trace = 1000;
  readonly requests: PaymentRequest[] = [];
  /** The terminal's own record of its last transaction (what a repeat-receipt would show). */
  private last: { amountMinor: number; reference: string; approved: boolean } | null = null;

  /** Decide what happens to the current payment, or queue it for the next one. */
  setBehaviour(b: CardBehaviour): void {
    if (this.pending) this.finish(b);
    else this.queued.push(b);
  }
  get waiting(): boolean {
    return this.pending !== null;
  }
  async pay(req: PaymentRequest, hooks: PaymentHooks): Promise<PaymentOutcome> {
    pushBounded(this.requests, req);
    if (!this.plugged) return { status: 'declined', reason: 'terminalError' };
    hooks.onPrompt('presentCard');
    return new Promise<PaymentOutcome>((resolve) => {
      this.pending = { req, hooks, resolve };
      const next = this.queued.shift();
      if (next) this.finish(next);
    });
  }
  async abort(): Promise<void> {
    if (this.pending) this.finish('cancel');
  }
  async reconcile(req: PaymentRequest, known: ReadonlySet<string>): Promise<ApprovedPayment | null | 'unknown'> {
    if (!this.plugged) return 'unknown';
    const l = this.last;
    if (!l || !l.approved || known.has(l.reference) || l.amountMinor !== req.amountMinor) return null;
    return { status: 'approved', amountMinor: l.amountMinor, reference: l.reference, maskedPan: '************4242', resultCode: '00' };
  }
  override unplug(): void {
    super.unplug();
    if (this.pending) this.finish('timeout');
  }
  private finish(b: CardBehaviour): void {
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    const { req, hooks, resolve } = p;
    switch (b) {
      case 'lostAnswer':
      case 'lostCompletion': {
        // Approved and booked at the terminal, but the result never reaches the lane: only
        // `reconcile` (the repeat receipt) can tell it.
        this.last = { amountMinor: req.amountMinor, reference: String(++this.trace), approved: true };
        resolve({ status: 'timeout' });
        return;
      }
      case 'approve': {
        hooks.onPrompt('enterPin');
        hooks.onPrompt('pleaseWait');
        const approved = {
          status: 'approved' as const,
          amountMinor: req.amountMinor,
          reference: String(++this.trace),
          maskedPan: '************4242',
          cardName: 'Girocard',
          resultCode: '00',
        };
        // The approval is persisted before it is acknowledged.
        this.last = { amountMinor: req.amountMinor, reference: approved.reference, approved: true };
        hooks.persistApproval(approved);
        resolve(approved);
        return;
      }
      case 'decline':
        hooks.onPrompt('declined');
        resolve({ status: 'declined', reason: 'declined', resultCode: '05' });
        return;
      case 'cancel':
        resolve({ status: 'cancelled' });
        return;
      case 'timeout':
        resolve({ status: 'timeout' });
        return;
    }
  }
}

export interface SimDevices extends LaneDevices {
  scanner: SimScanner;
  produceScale: SimScale;
  baggingScale: SimScale;
  printer: SimPrinter;
  terminal: SimTerminal;
}

export function createSimDevices(clock: Clock): SimDevices {
  return {
    scanner: new SimScanner(clock),
    produceScale: new SimScale(clock),
    baggingScale: new SimScale(clock),
    printer: new SimPrinter(clock),
    terminal: new SimTerminal(clock),
  };
}

/**
 * What store staff, the simulator panel and the scenario runner can do to a lane's
 * simulated devices — whether they are these in-memory ports or byte-level simulators
 * behind real drivers (lane/sim/wire.ts).
 */
export interface SimControl {
  readonly kind: 'memory' | 'wire';
  /** The scanner reads a code; false when the scanner is disabled or unplugged. */
  scan(data: string, symbology?: string, via?: 'serial' | 'hid' | 'hidpos' | 'wedge'): Promise<boolean>;
  /** Goods put on (positive) or taken off (negative) the bagging scale. */
  bag(deltaGrams: number): Promise<void>;
  produce(grams: number, stable: boolean): Promise<void>;
  scaleState(scale: 'produceScale' | 'baggingScale', state: ScaleState): Promise<void>;
  card(behaviour: CardBehaviour): Promise<void>;
  printer(condition: PrinterCondition): Promise<void>;
  unplug(device: 'scanner' | 'produceScale' | 'baggingScale' | 'printer' | 'terminal'): Promise<void>;
  replug(device: 'scanner' | 'produceScale' | 'baggingScale' | 'printer' | 'terminal'): Promise<void>;
  /** Text of every receipt printed so far (the last 1000), as a shopper would read it. */
  receipts(): string[];
  scannerEnabled(): boolean;
  close(): Promise<void>;
}

export function memoryControl(sim: SimDevices): SimControl {
  return {
    kind: 'memory',
    scan: async (data, symbology) => sim.scanner.scan(data, symbology),
    bag: async (g) => sim.baggingScale.change(g),
    produce: async (g, stable) => sim.produceScale.set(g, stable ? 'stable' : 'motion'),
    scaleState: async (scale, state) => sim[scale].setState(state),
    card: async (b) => sim.terminal.setBehaviour(b),
    printer: async (c) => sim.printer.setCondition(c),
    unplug: async (d) => sim[d].unplug(),
    replug: async (d) => sim[d].replug(),
    receipts: () => sim.printer.printed.map((p) => p.text),
    scannerEnabled: () => sim.scanner.enabled,
    close: async () => undefined,
  };
}
