import { randomUUID } from 'node:crypto';
import { createActor, type Actor } from 'xstate';
import type {
  AttendantCommand,
  AttendantView,
  CatalogueQuery,
  CategoryHit,
  Cue,
  LaneView,
  Result,
  SearchHit,
  ShopperIntent,
  SimAction,
  SuspendedBasket,
} from '../contracts/index.ts';
import { AttendantCommand as AttendantCommandSchema, MAX_SUSPENDED, ShopperIntent as ShopperIntentSchema, fail, localize, ok, parseWith, SUPERVISOR_COMMANDS } from '../contracts/index.ts';
import { PinGate } from './auth.ts';
import { DEMO_ATTENDANTS } from '../store-bus/demo.ts';
import type { CatalogueLookup, WeightLearning } from './checkout/deps.ts';
import type { DomainEvent } from './checkout/events.ts';
import { createCheckoutMachine, initialContext, type CheckoutContext, type MachineEvent } from './checkout/machine.ts';
import type { TxState } from './checkout/tx.ts';
import { buildView, statePaths } from './checkout/view.ts';
import { CodeConfig } from './codes/config.ts';
import type { LaneConfig } from './config.ts';
import type { LaneDevices, Unsubscribe } from '../contracts/ports.ts';
import { recover, type StoredEvent } from './recovery.ts';
import type { SimControl } from './sim/devices.ts';
import type { Clock } from '../core/clock.ts';
import type { Logger } from '../core/log.ts';

/** The journal as the service uses it: durable append, ordered read. */
export interface JournalPort {
  append(transactionId: string | null, type: string, payload: Record<string, unknown>): { seq: number };
  /** Several events atomically, one disk sync. */
  appendAll(transactionId: string | null, events: readonly { type: string; payload: Record<string, unknown> }[]): void;
  events(): Iterable<StoredEvent>;
}

/** Catalogue reads beyond the checkout rules: the produce screen's queries. */
export interface CatalogueQueries extends CatalogueLookup {
  search(text: string, language: LaneView['language'], limit: number): ReturnType<CatalogueLookup['byId']>[];
  byCategory(categoryId: string, limit: number): ReturnType<CatalogueLookup['byId']>[];
  categories(produceOnly: boolean): { id: string; name: { en: string; de?: string; ru?: string; fa?: string }; picture?: string }[];
}

export interface LaneServiceOptions {
  config: LaneConfig;
  catalogue: CatalogueQueries;
  weights: WeightLearning;
  journal: JournalPort;
  devices: LaneDevices;
  /** Present when the devices are simulated (enables `sim` actions). */
  sim?: SimControl;
  clock: Clock;
  logger: Logger;
  newId?: (prefix: string) => string;
}

type ViewListener = (view: LaneView) => void;
type CueListener = (cue: Cue, at: number) => void;
/** A domain event just appended to the journal (before the view that shows its effect). */
export type DomainEventListener = (event: DomainEvent, transactionId: string | null, at: number) => void;

/** What `/health` reports: the checkout actor's real state. Not `ok` when it stopped or failed. */
export interface LaneHealth {
  ok: boolean;
  /** `running`; `error` = the actor failed (the lane is out of service until restarted); `stopped` = closed. */
  actor: 'running' | 'error' | 'stopped';
  error?: string;
}

const INTENT_EVENTS_ALWAYS_OK = new Set<ShopperIntent['type']>(['language.set', 'help.request', 'session.stillHere']);

/**
 * One lane: the checkout actor with its devices, journal and catalogue. The single source
 * of truth for every screen, console and test. Methods return `Result`s; nothing throws on
 * bad input.
 */
export class LaneService {
  private actor!: Actor<ReturnType<typeof createCheckoutMachine>>;
  private readonly pins: PinGate;
  private readonly appliedCommands: Set<string>;
  private readonly viewListeners = new Set<ViewListener>();
  private readonly cueListeners = new Set<CueListener>();
  private readonly domainListeners = new Set<DomainEventListener>();
  private readonly unsubs: Unsubscribe[] = [];
  private seq = 0;
  private current!: LaneView;
  private idleTimer: ReturnType<Clock['setTimeout']> | undefined;
  private thanksTimer: ReturnType<Clock['setTimeout']> | undefined;
  private closed = false;
  /** Set once the checkout actor failed: the lane is out of service until it is restarted. */
  private failure: { message: string; at: number } | null = null;
  readonly laneId: string;
  readonly codeConfig: CodeConfig;

  constructor(private readonly opts: LaneServiceOptions) {
    const { config, clock } = opts;
    this.laneId = config.laneId;
    this.pins = new PinGate(config.attendants ?? DEMO_ATTENDANTS, config.pin, clock);
    this.codeConfig = CodeConfig.parse(config.codes);
    // Recover from the journal.
    const rec = recover(opts.journal.events(), config.language);
    this.pins.restore(opts.journal.events());
    const newId = opts.newId ?? ((prefix: string) => `${prefix}-${randomUUID().slice(0, 13)}`);
    const deps = {
      config,
      catalogue: opts.catalogue,
      weights: opts.weights,
      recorder: {
        append: (txId: string | null, e: DomainEvent) => this.journalAppend(txId, e),
        appendAll: (txId: string | null, es: readonly DomainEvent[]) => this.journalAppendAll(txId, es),
      },
      clock,
      logger: opts.logger,
      newId,
      knownTerminalReferences: rec.terminalReferences,
    };

    this.appliedCommands = rec.appliedCommands;
    const context: CheckoutContext = initialContext(rec.tx?.language ?? config.language, clock.now());
    context.closedReason = rec.closedReason;
    context.suspended = rec.suspended;
    const tx: TxState | null = rec.tx;
    if (tx) {
      // An interrupted payment is reconciled with the terminal by the machine's boot.
      opts.logger.info({ transactionId: tx.transactionId, replayed: rec.replayed, unreadable: rec.unreadable }, 'recovered open transaction');
    }
    context.tx = tx;
    // Device state as it is now.
    for (const name of ['scanner', 'produceScale', 'baggingScale', 'printer', 'terminal'] as const) context.devices[name] = opts.devices[name].health();
    context.readings.baggingScale = opts.devices.baggingScale.current();
    context.readings.produceScale = opts.devices.produceScale.current();

    const machine = createCheckoutMachine(deps, opts.devices, this.codeConfig);
    this.actor = createActor(machine, {
      input: { context },
      clock: { setTimeout: (fn: () => void, ms: number) => clock.setTimeout(fn, ms), clearTimeout: (h: unknown) => clock.clearTimeout(h as never) },
    });
    this.actor.on('cue', (e) => this.emitCue(e.cue));
    this.actor.subscribe({
      next: () => this.publish(),
      error: (err) => this.failed(err),
    });
    this.actor.start();
    this.wireDevices();
    this.publish();
  }

  // ---- journal -----------------------------------------------------------------------

  // A journal that cannot take an event takes the lane out of service (nothing is
  // acknowledged that is not durable); the error still reaches the caller.
  private journalAppend(transactionId: string | null, e: DomainEvent): void {
    const { type, ...payload } = e;
    try {
      this.opts.journal.append(transactionId, type, payload);
    } catch (err) {
      this.failed(err);
      throw err;
    }
    this.tellDomainListeners(transactionId, e);
  }

  private journalAppendAll(transactionId: string | null, es: readonly DomainEvent[]): void {
    try {
      this.opts.journal.appendAll(
        transactionId,
        es.map(({ type, ...payload }) => ({ type, payload })),
      );
    } catch (err) {
      this.failed(err);
      throw err;
    }
    for (const e of es) this.tellDomainListeners(transactionId, e);
  }

  // ---- failure: never swallowed ------------------------------------------------------

  /** The checkout actor (or the journal under it) failed: out of service, visibly, until restarted. */
  private failed(err: unknown): void {
    if (this.failure) return;
    this.failure = { message: err instanceof Error ? err.message : String(err), at: this.opts.clock.now() };
    this.opts.logger.error({ err }, 'checkout failed: the lane is out of service until it is restarted');
    this.publish();
  }

  /** The error every request gets once the lane failed; null while it runs. */
  private outOfService(): Result<never> | null {
    return this.failure ? fail('internal', `the lane is out of service (${this.failure.message}); it must be restarted`, { detail: { outOfService: true } }) : null;
  }

  /** The checkout actor's real state, for `/health` (the supervisor restarts a lane that is not ok). */
  health(): LaneHealth {
    if (this.failure) return { ok: false, actor: 'error', error: this.failure.message };
    const status = this.actor.getSnapshot().status;
    if (status === 'error') return { ok: false, actor: 'error', error: 'checkout actor failed' };
    if (this.closed || status !== 'active') return { ok: false, actor: 'stopped' };
    return { ok: true, actor: 'running' };
  }

  private tellDomainListeners(transactionId: string | null, e: DomainEvent): void {
    const type = e.type;
    if (this.domainListeners.size === 0) return;
    const at = this.opts.clock.now();
    for (const l of [...this.domainListeners]) {
      try {
        l(e, transactionId, at);
      } catch (err) {
        this.opts.logger.error({ err, type }, 'domain event listener failed');
      }
    }
  }

  /** Every journaled domain event, as it is appended (store bus, audit feeds). */
  onDomainEvent(l: DomainEventListener): Unsubscribe {
    this.domainListeners.add(l);
    return () => this.domainListeners.delete(l);
  }

  /** The lane's staff roster: id, name and role of each attendant account (never a PIN or hash). */
  staffRoster(): AttendantView[] {
    return (this.opts.config.attendants ?? DEMO_ATTENDANTS).map((a) => ({ id: a.id, name: a.name, role: a.role }));
  }

  /** Baskets suspended at this lane and not yet resumed, oldest first (store bus status). */
  suspendedBaskets(): SuspendedBasket[] {
    return this.context().suspended.map((x) => ({ transactionId: x.transactionId, itemCount: x.itemCount, totalMinor: x.totalMinor, at: x.at, by: x.by }));
  }

  /** The journal, oldest first (shift figures on the store bus). Read-only use. */
  journalEvents(): Iterable<StoredEvent> {
    return this.opts.journal.events();
  }

  /** An attendant account by id, as `command` checks it (for identities from the store bus). */
  attendantAccount(id: string): AttendantView | null {
    return this.pins.account(id);
  }

  // ---- devices -----------------------------------------------------------------------

  private wireDevices(): void {
    const d = this.opts.devices;
    const send = (e: MachineEvent) => this.send(e);
    this.unsubs.push(d.scanner.onScan((scan) => send({ type: 'scanner.scanned', scan })));
    this.unsubs.push(d.produceScale.onReading((reading) => send({ type: 'scale.reading', scale: 'produceScale', reading })));
    this.unsubs.push(d.baggingScale.onReading((reading) => send({ type: 'scale.reading', scale: 'baggingScale', reading })));
    for (const name of ['scanner', 'produceScale', 'baggingScale', 'printer', 'terminal'] as const) {
      this.unsubs.push(d[name].onHealth((health) => send({ type: 'device.health', device: name, health })));
    }
  }

  private send(e: MachineEvent): void {
    if (this.closed || this.failure) return;
    this.actor.send(e);
  }

  // ---- views and cues ----------------------------------------------------------------

  private statePath(): string {
    return statePaths(this.actor.getSnapshot().value)[0] ?? 'attract';
  }

  private publish(): void {
    if (this.closed) return;
    const snap = this.actor.getSnapshot();
    if (snap.context.tx?.receipt) this.lastReceipt = { doc: snap.context.tx.receipt.doc };
    const view = this.failure
      ? buildView({ laneId: this.laneId, seq: ++this.seq, statePath: 'closed', context: { ...snap.context, attendant: null, closedReason: `out of service: ${this.failure.message}` }, deps: this.opts })
      : buildView({ laneId: this.laneId, seq: ++this.seq, statePath: this.statePath(), context: snap.context, deps: this.opts });
    this.current = view;
    this.armTimers(view);
    for (const l of [...this.viewListeners]) l(view);
  }

  private emitCue(cue: Cue): void {
    const at = this.opts.clock.now();
    for (const l of [...this.cueListeners]) l(cue, at);
  }

  view(): LaneView {
    return this.current;
  }

  onView(l: ViewListener): Unsubscribe {
    this.viewListeners.add(l);
    return () => this.viewListeners.delete(l);
  }

  onCue(l: CueListener): Unsubscribe {
    this.cueListeners.add(l);
    return () => this.cueListeners.delete(l);
  }

  /** Machine context, for the scenario runner and tests (read-only use). */
  context(): CheckoutContext {
    return this.actor.getSnapshot().context;
  }

  /** The state path (e.g. `session.scanning.main`), for logs and tests. */
  state(): string {
    return this.statePath();
  }

  // ---- idle handling -----------------------------------------------------------------

  private lastActivityKey = '';

  /** Timers restart whenever the shopper-visible state changes. */
  private armTimers(view: LaneView): void {
    const { clock, config } = this.opts;
    const key = `${view.screen}|${view.lines.length}|${view.itemCount}|${view.prompt.id}|${view.interventions.length}|${view.payment?.status ?? ''}`;
    if (key === this.lastActivityKey) return;
    this.lastActivityKey = key;
    clock.clearTimeout(this.idleTimer);
    clock.clearTimeout(this.thanksTimer);
    this.idleTimer = undefined;
    this.thanksTimer = undefined;
    if (view.screen === 'thanks') {
      this.thanksTimer = clock.setTimeout(() => this.send({ type: 'thanks.timeout' }), config.timeouts.thanksMs);
      return;
    }
    if ((view.screen !== 'scanning' && view.screen !== 'produceLookup' && view.screen !== 'payment') || view.blocked) return;
    if (view.prompt.id === 'stillThere') {
      this.idleTimer = clock.setTimeout(() => this.send({ type: 'idle.abandon' }), config.timeouts.stillThereAnswerMs);
    } else if (view.lines.length === 0) {
      this.idleTimer = clock.setTimeout(() => this.send({ type: 'idle.abandon' }), config.timeouts.idleMs);
    } else {
      this.idleTimer = clock.setTimeout(() => this.send({ type: 'idle.stillThere' }), config.timeouts.stillThereMs);
    }
  }

  // ---- shopper intents ---------------------------------------------------------------

  /**
   * Every intent, including the attendant's PIN login (which checks the PIN off the event
   * loop). The WebSocket API and the scenario runner use this.
   */
  async handleIntent(input: unknown): Promise<Result<LaneView>> {
    const parsed = parseWith(ShopperIntentSchema, input, 'intent');
    if (!parsed.ok) return parsed;
    const down = this.outOfService();
    if (down) return down;
    return parsed.value.type === 'attendant.login' ? this.login(parsed.value.pin) : this.intent(parsed.value);
  }

  /** A shopper intent, answered at once. The PIN login is asynchronous: use `handleIntent` or `login`. */
  intent(input: unknown): Result<LaneView> {
    const parsed = parseWith(ShopperIntentSchema, input, 'intent');
    if (!parsed.ok) return parsed;
    const intent = parsed.value;
    const down = this.outOfService();
    if (down) return down;
    if (intent.type === 'attendant.login') return fail('notAllowed', 'the PIN login is asynchronous: use handleIntent() or login()');
    if (intent.type === 'attendant.logout') {
      const who = this.context().attendant;
      if (!who) return fail('notAllowed', 'no attendant is logged in');
      this.journalAppend(null, { type: 'attendant.loggedOut', by: who.id });
      this.send({ type: 'attendant.session', attendant: null });
      return ok(this.current);
    }
    if (this.context().attendant && intent.type !== 'language.set') {
      return fail('notAllowed', 'the lane is in attendant mode');
    }
    const snap = this.actor.getSnapshot();
    // `pay.start` from the scanning screen with card as the only tender goes straight on.
    if (!INTENT_EVENTS_ALWAYS_OK.has(intent.type) && !snap.can(intent)) {
      return fail('notAllowed', `'${intent.type}' is not possible now (${this.statePath()})`, { detail: { state: this.statePath(), blocked: this.current.blocked } });
    }
    this.send(intent);
    return this.outOfService() ?? ok(this.current);
  }

  /** Identify an attendant by PIN (counts toward the lockout like any PIN entry). */
  async authenticate(pin: string): Promise<Result<AttendantView>> {
    const r = await this.pins.login(pin);
    if (r.ok) return ok(r.attendant);
    this.journalAppend(null, { type: 'attendant.loginFailed', lockedOut: r.reason === 'lockedOut' });
    return fail('unauthorized', r.reason === 'lockedOut' ? 'PIN entry is locked; try again later' : 'wrong PIN');
  }

  /** The attendant logs in at the lane with a PIN: the lane shows the attendant screen. */
  async login(pin: string): Promise<Result<LaneView>> {
    const down = this.outOfService();
    if (down) return down;
    const r = await this.pins.login(pin);
    if (!r.ok) {
      this.journalAppend(null, { type: 'attendant.loginFailed', lockedOut: r.reason === 'lockedOut' });
      return fail('unauthorized', r.reason === 'lockedOut' ? 'PIN entry is locked; try again later' : 'wrong PIN', {
        detail: { reason: r.reason, ...(r.retryAfterMs ? { retryAfterMs: r.retryAfterMs } : {}) },
      });
    }
    this.journalAppend(null, { type: 'attendant.loggedIn', by: r.attendant.id, via: 'lane' });
    this.send({ type: 'attendant.session', attendant: r.attendant });
    return ok(this.current);
  }

  // ---- attendant commands ------------------------------------------------------------

  /**
   * An attendant command. At the lane, the logged-in attendant is the authority; over the
   * store bus, `auth.attendant` is the identity the bus authenticated; with a PIN, call
   * `authenticate` first.
   */
  command(input: unknown, auth: { attendant?: AttendantView } = {}): Result<LaneView> {
    const parsed = parseWith(AttendantCommandSchema, input, 'command');
    if (!parsed.ok) return parsed;
    const cmd: AttendantCommand = parsed.value;
    const down = this.outOfService();
    if (down) return down;
    const now = this.opts.clock.now();
    if (this.appliedCommands.has(cmd.id)) return fail('conflict', `command ${cmd.id} was already applied`);
    if (cmd.expiresAt !== undefined && cmd.expiresAt < now) {
      this.audit(cmd, cmd.by, 'expired');
      return fail('expired', `command ${cmd.id} expired`);
    }
    let who: AttendantView | null = null;
    if (auth.attendant) who = auth.attendant;
    else who = this.context().attendant;
    if (!who) return fail('unauthorized', 'log in as an attendant first');
    if (who.id !== cmd.by) return fail('unauthorized', `command says it is from '${cmd.by}' but '${who.id}' is authenticated`);
    if (SUPERVISOR_COMMANDS.has(cmd.type) && who.role !== 'supervisor') {
      this.audit(cmd, who.id, 'refused: supervisor only');
      return fail('unauthorized', `'${cmd.type}' needs a supervisor`);
    }
    if (cmd.type === 'receipt.reprint' && this.statePath().startsWith('attract')) return this.reprintLast(cmd, who);
    const event: MachineEvent = { type: 'attendant.command', command: cmd, attendant: who };
    const snap = this.actor.getSnapshot();
    if (!snap.can(event) || !this.commandTargetExists(cmd)) {
      this.audit(cmd, who.id, 'refused: not possible now');
      return fail('notAllowed', `'${cmd.type}' is not possible now (${this.statePath()})`);
    }
    this.appliedCommands.add(cmd.id);
    this.audit(cmd, who.id, 'applied');
    this.send(event);
    return this.outOfService() ?? ok(this.current);
  }

  private commandTargetExists(cmd: AttendantCommand): boolean {
    const tx = this.context().tx;
    switch (cmd.type) {
      case 'intervention.approve':
      case 'intervention.deny':
        if (!tx) return false;
        if (cmd.interventionId) return tx.interventions.some((i) => i.id === cmd.interventionId);
        return cmd.kind ? tx.interventions.some((i) => i.kind === cmd.kind) : tx.interventions.length > 0;
      case 'item.void':
      case 'price.override':
        return !!tx && tx.status === 'open' && tx.lines.some((l) => l.lineId === cmd.lineId && !l.voided);
      case 'transaction.cancel':
        return !!tx && tx.status === 'open';
      case 'transaction.suspend':
        // Not while the terminal has the amount or after a payment went through.
        return !!tx && tx.status === 'open' && !tx.payments.some((p) => p.status === 'waiting' || p.status === 'approved') && this.context().suspended.length < MAX_SUSPENDED;
      case 'transaction.resume':
        return (!tx || tx.status !== 'open') && this.context().suspended.some((x) => x.transactionId === cmd.transactionId);
      case 'receipt.reprint':
        return !!tx?.receipt;
      default:
        return true;
    }
  }

  private lastReceipt: { doc: NonNullable<TxState['receipt']>['doc'] } | null = null;

  private reprintLast(cmd: AttendantCommand, who: AttendantView): Result<LaneView> {
    const last = this.lastReceipt;
    if (!last) return fail('notFound', 'no receipt to reprint');
    this.appliedCommands.add(cmd.id);
    this.audit(cmd, who.id, 'applied');
    void this.opts.devices.printer.print(last.doc);
    return ok(this.current);
  }

  private audit(cmd: AttendantCommand, by: string, outcome: string): void {
    this.journalAppend(this.context().tx?.transactionId ?? null, { type: 'attendant.command', by, commandId: cmd.id, command: cmd.type, outcome });
  }

  // ---- catalogue queries ---------------------------------------------------------------

  query(q: CatalogueQuery): Result<SearchHit[] | CategoryHit[]> {
    const c = this.opts.catalogue;
    const hit = (i: NonNullable<ReturnType<CatalogueLookup['byId']>>): SearchHit => ({
      itemId: i.id,
      name: localize(i.name, q.language),
      ...(i.plu ? { plu: i.plu } : {}),
      priceMinor: i.priceMinor,
      unit: i.unit,
      ...(i.picture ? { picture: i.picture } : {}),
      category: i.category,
    });
    switch (q.type) {
      case 'catalogue.search':
        return ok(c.search(q.text, q.language, q.limit).flatMap((i) => (i ? [hit(i)] : [])));
      case 'catalogue.category':
        return ok(c.byCategory(q.categoryId, q.limit).flatMap((i) => (i ? [hit(i)] : [])));
      case 'catalogue.categories':
        return ok(c.categories(q.produceOnly).map((k) => ({ id: k.id, name: localize(k.name, q.language), ...(k.picture ? { picture: k.picture } : {}) })));
    }
  }

  // ---- simulated devices ---------------------------------------------------------------

  get simulated(): SimControl | undefined {
    return this.opts.sim;
  }

  async simulate(action: SimAction): Promise<Result<LaneView>> {
    const sim = this.opts.sim;
    if (!sim) return fail('notAllowed', 'this lane runs real devices: simulator actions are off');
    const down = this.outOfService();
    if (down) return down;
    switch (action.type) {
      case 'scan':
        if (!(await sim.scan(action.data, action.symbology, action.via))) return fail('device', 'the scanner is disabled or unplugged');
        break;
      case 'bagGrams':
        await sim.bag(action.grams);
        break;
      case 'produceGrams':
        await sim.produce(action.grams, action.stable);
        break;
      case 'scaleState':
        await sim.scaleState(action.scale, action.state);
        break;
      case 'card':
        await sim.card(action.behaviour);
        break;
      case 'printer':
        await sim.printer(action.condition);
        break;
      case 'unplug':
        await sim.unplug(action.device);
        break;
      case 'replug':
        await sim.replug(action.device);
        break;
    }
    return ok(this.current);
  }

  /** Remember the receipt of each finished transaction for reprints from attract. */
  private trackReceipt(): void {
    const tx = this.context().tx;
    if (tx?.receipt) this.lastReceipt = { doc: tx.receipt.doc };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.trackReceipt();
    this.closed = true;
    this.opts.clock.clearTimeout(this.idleTimer);
    this.opts.clock.clearTimeout(this.thanksTimer);
    for (const u of this.unsubs) u();
    this.actor.stop();
  }

  /** Stop without any cleanup, as a crash would (for kill tests). */
  abandon(): void {
    this.closed = true;
    for (const u of this.unsubs) u();
    this.actor.stop();
  }
}
