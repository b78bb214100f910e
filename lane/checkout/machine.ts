import { assign, emit, fromCallback, fromPromise, setup } from 'xstate';
import type {
  AttendantCommand,
  AttendantView,
  Cue,
  DeviceHealth,
  DeviceName,
  Intervention,
  Language,
  ScaleReading,
  Scan,
  ShopperIntent,
  TerminalPrompt,
} from '../../contracts/index.ts';
import { localize } from '../../contracts/index.ts';
import type { CodeConfig } from '../codes/config.ts';
import { approvedRecord, decideReconcile, unsettledPayment, type ReconcileAnswer, type SuspendedTx } from '../recovery.ts';
import type { ApprovedPayment, LaneDevices, PaymentOutcome, PrintOutcome } from '../../contracts/ports.ts';
import { judgeBagging as decideBagging } from './decide/bagging.ts';
import type { CheckoutDeps } from './deps.ts';
import type { DomainEvent, ParkedLine } from './events.ts';
import { buildReceipt } from './receipt.ts';
import { priceTx } from './totals.ts';
import { addItem, decideScan, hasPending, mootAgeChecks, raise } from './rules.ts';
import { activeLines, applyEvent, approvedPayment, currentPayment, emptyTx, isBlocked, itemCount, pendingBagging, type TxState } from './tx.ts';
import { checkoutCurrency } from '../currency.ts';

/**
 * The checkout machine (XState v5). Flow: boot → attract → session (scanning ⇄ produce →
 * payment (choosing → paying) → receipt → thanks) → attract, and closed (out of service).
 * Interventions live in the transaction (tx.interventions) and block the flow through
 * guards; device health and scale readings are context. Every change to money, goods or
 * authority goes through `commit`, which journals each domain event before applying it.
 */

export type MachineEvent =
  | ShopperIntent
  | { type: 'scanner.scanned'; scan: Scan }
  | { type: 'scale.reading'; scale: 'produceScale' | 'baggingScale'; reading: ScaleReading }
  | { type: 'device.health'; device: DeviceName; health: DeviceHealth }
  | { type: 'attendant.command'; command: AttendantCommand; attendant: AttendantView }
  | { type: 'attendant.session'; attendant: AttendantView | null }
  | { type: 'idle.stillThere' }
  | { type: 'idle.abandon' }
  | { type: 'terminal.prompt'; prompt: TerminalPrompt }
  | { type: 'terminal.approved'; payment: ApprovedPayment; reference: string }
  /** `reconciled`: what the terminal said when asked after no answer (timeouts only). */
  | { type: 'terminal.outcome'; outcome: PaymentOutcome; reference: string; reconciled?: null | 'unknown' }
  | { type: 'thanks.timeout' };

export interface CheckoutContext {
  tx: TxState | null;
  language: Language;
  closedReason: string | null;
  attendant: AttendantView | null;
  produce: { itemId: string | null; armed: boolean } | null;
  readings: { produceScale: ScaleReading | null; baggingScale: ScaleReading | null };
  devices: Record<DeviceName, DeviceHealth>;
  lastLineId: string | null;
  stillThere: boolean;
  /** A transient notice shown as the prompt until the next accepted action. */
  notice: 'unknownItem' | 'placeItemInBag' | null;
  /** What the last scan came to (drives the beep and the cue). */
  scanOutcome: 'accepted' | 'rejected' | null;
  /** Baskets parked with `transaction.suspend`, oldest first (rebuilt from the journal on start). */
  suspended: SuspendedTx[];
}

export interface CheckoutInput {
  context: CheckoutContext;
}

export function initialContext(language: Language, now: number): CheckoutContext {
  const ok: DeviceHealth = { status: 'ok', since: now };
  return {
    tx: null,
    language,
    closedReason: null,
    attendant: null,
    produce: null,
    readings: { produceScale: null, baggingScale: null },
    devices: { scanner: ok, produceScale: ok, baggingScale: ok, printer: ok, terminal: ok },
    lastLineId: null,
    stillThere: false,
    notice: null,
    scanOutcome: null,
    suspended: [],
  };
}

export function createCheckoutMachine(deps: CheckoutDeps, devices: LaneDevices, codeConfig: CodeConfig) {
  const { recorder, clock } = deps;

  /** Journal, then apply. Returns the new transaction state. */
  function commit(tx: TxState, events: readonly DomainEvent[]): TxState {
    if (events.length === 0) return tx;
    // All events of one decision are durable together (one sync) before any is applied.
    if (events.length === 1) recorder.append(tx.transactionId, events[0]!);
    else recorder.appendAll(tx.transactionId, events);
    let next = tx;
    for (const e of events) next = applyEvent(next, e, clock.now());
    // A void can leave an age check with nothing to check (rules.ts mootAgeChecks).
    if (events.some((e) => e.type === 'item.voided')) {
      const moot = mootAgeChecks(next);
      if (moot.length > 0) next = commit(next, moot);
    }
    return next;
  }

  function startTx(ctx: CheckoutContext, ownBag: boolean): TxState {
    const tx = emptyTx(deps.newId('tx'), clock.now(), ctx.language);
    const r = ctx.readings.baggingScale;
    // Whatever lies in the bagging area at the start counts as there already (e.g. a bag
    // put down early); a declared own bag is then judged by the next rise.
    const baseline = r && r.state === 'stable' ? r.grams : 0;
    return commit(tx, [{ type: 'transaction.started', language: ctx.language, ownBag, baselineGrams: baseline }]);
  }

  /** Re-judge the bagging area (decide/bagging.ts) and commit what it decided: one decision, one disk sync. */
  function judgeBagging(tx: TxState, ctx: CheckoutContext): { tx: TxState; cues: Cue[] } {
    const j = decideBagging(tx, ctx.readings.baggingScale, deps);
    const next = commit(tx, j.events);
    if (j.sample) deps.weights.record(j.sample.itemId, j.sample.grams, j.sample.samples);
    return { tx: next, cues: j.cues };
  }

  function pricedTotal(tx: TxState, language: Language): number {
    return priceTx(tx, deps.catalogue, { now: clock.now(), language }).totalMinor;
  }

  function resolveIntervention(ctx: CheckoutContext, iv: Intervention, approve: boolean, by: string): TxState {
    let tx = ctx.tx!;
    const ev: DomainEvent[] = [];
    switch (iv.kind) {
      case 'ageCheck':
        if (approve) ev.push({ type: 'age.verified', by });
        else for (const l of activeLines(tx)) if (l.ageLimit !== undefined) ev.push({ type: 'item.voided', lineId: l.lineId, by });
        break;
      case 'weightMismatch':
      case 'unexpectedItem':
      case 'itemRemoved': {
        const r = ctx.readings.baggingScale;
        if (approve && r && r.state === 'stable') {
          const pending = pendingBagging(tx);
          ev.push({ type: 'bagging.accepted', acceptedGrams: r.grams, bagged: pending.map((p) => ({ lineId: p.line.lineId, units: p.units })), reason: 'attendant' });
          // Not learned: an approved mismatch is the reading the rules refused (it may be a
          // swap the attendant did not see); learning it would teach the lane the theft.
        }
        break;
      }
      case 'skipBagging':
        // Only the line the shopper asked about; others still waiting are bagged as usual.
        if (approve) {
          const lineId = String(iv.detail.lineId ?? '');
          const named = pendingBagging(tx).filter((p) => p.line.lineId === lineId);
          ev.push({ type: 'bagging.skipped', lineIds: (named.length > 0 ? named : pendingBagging(tx).slice(0, 1)).map((p) => p.line.lineId), by });
        }
        break;
      case 'voidRequest': {
        const lineId = String(iv.detail.lineId ?? '');
        const to = typeof iv.detail.toQuantity === 'number' ? iv.detail.toQuantity : null;
        if (approve && tx.lines.some((l) => l.lineId === lineId && !l.voided)) {
          ev.push(to !== null && to > 0 ? { type: 'item.quantityChanged', lineId, quantity: to, by } : { type: 'item.voided', lineId, by });
        }
        break;
      }
      case 'cancelRequest':
      case 'unknownItem':
      case 'help':
      case 'paymentTrouble':
      case 'paperOut':
        break;
    }
    ev.push({ type: 'intervention.resolved', id: iv.id, resolution: approve ? 'approved' : 'denied', by });
    tx = commit(tx, ev);
    if (iv.kind === 'cancelRequest' && approve) tx = commit(tx, [{ type: 'transaction.cancelled', by, reason: 'shopper asked' }]);
    return tx;
  }

  function findIntervention(tx: TxState | null, cmd: { interventionId?: string | undefined; kind?: string | undefined }): Intervention | undefined {
    if (!tx) return undefined;
    if (cmd.interventionId) return tx.interventions.find((i) => i.id === cmd.interventionId);
    const list = cmd.kind ? tx.interventions.filter((i) => i.kind === cmd.kind) : tx.interventions;
    return [...list].sort((a, b) => a.since - b.since)[0];
  }

  const payActor = fromCallback<MachineEvent, { amountMinor: number; currency: string; reference: string; transactionId: string }>(({ sendBack, input }) => {
    let settled = false;
    void devices.terminal
      .pay(
        { amountMinor: input.amountMinor, currency: input.currency, reference: input.reference },
        {
          onPrompt: (prompt) => sendBack({ type: 'terminal.prompt', prompt }),
          persistApproval: (payment) => {
            // Durable BEFORE the driver acknowledges the terminal's approval.
            recorder.append(input.transactionId, { type: 'payment.approved', payment: approvedRecord(input.reference, payment) });
            deps.knownTerminalReferences.add(payment.reference);
            sendBack({ type: 'terminal.approved', payment, reference: input.reference });
          },
        },
      )
      .then(
        async (first) => {
          let outcome = first;
          let reconciled: null | 'unknown' | undefined;
          if (outcome.status === 'timeout') {
            // No answer is not a refusal: ask the terminal what became of the payment.
            const request = { amountMinor: input.amountMinor, currency: input.currency, reference: input.reference };
            const found = await askTerminal(request);
            if (found && found !== 'unknown' && !deps.knownTerminalReferences.has(found.reference)) {
              recorder.append(input.transactionId, { type: 'payment.approved', payment: approvedRecord(input.reference, found) });
              deps.knownTerminalReferences.add(found.reference);
              sendBack({ type: 'terminal.approved', payment: found, reference: input.reference });
              outcome = found;
            } else reconciled = found === null ? null : 'unknown';
          }
          settled = true;
          sendBack({ type: 'terminal.outcome', outcome, reference: input.reference, ...(reconciled !== undefined ? { reconciled } : {}) });
        },
        (err: unknown) => {
          settled = true;
          deps.logger.error({ err }, 'terminal.pay failed');
          sendBack({ type: 'terminal.outcome', outcome: { status: 'declined', reason: 'terminalError' }, reference: input.reference });
        },
      );
    return () => {
      if (!settled) void devices.terminal.abort();
    };
  });

  /** `TerminalPort.reconcile`, with a terminal that cannot be asked (or fails) counting as "cannot tell". */
  function askTerminal(request: { amountMinor: number; currency: string; reference: string }): Promise<ReconcileAnswer> {
    if (!devices.terminal.reconcile) return Promise.resolve('unknown');
    return devices.terminal.reconcile(request, deps.knownTerminalReferences).catch((err: unknown) => {
      deps.logger.warn({ err }, 'terminal.reconcile failed');
      return 'unknown' as const;
    });
  }

  /** Asks the terminal about the unsettled payment (after a restart, or before re-enabling payment). */
  const reconcileActor = fromPromise<ReconcileAnswer, { amountMinor: number; currency: string; reference: string }>(({ input }) => askTerminal(input));

  const printActor = fromPromise<PrintOutcome, { tx: TxState }>(async ({ input }) => {
    const doc = input.tx.receipt?.doc;
    if (!doc) return { ok: false, condition: 'offline', message: 'no receipt' };
    try {
      return await devices.printer.print(doc);
    } catch (err) {
      return { ok: false, condition: 'offline', message: err instanceof Error ? err.message : String(err) };
    }
  });

  return setup({
    types: {
      context: {} as CheckoutContext,
      events: {} as MachineEvent,
      input: {} as CheckoutInput,
      emitted: {} as { type: 'cue'; cue: Cue },
    },
    actors: { pay: payActor, print: printActor, reconcile: reconcileActor },
    guards: {
      isClosed: ({ context }) => context.closedReason !== null,
      hasOpenTx: ({ context }) => !!context.tx && context.tx.status === 'open',
      isPaidUnprinted: ({ context }) => !!context.tx && context.tx.status === 'paid' && context.tx.receipt?.status !== 'printed',
      isPaidPrinted: ({ context }) => !!context.tx && context.tx.status === 'paid',
      txEnded: ({ context }) => !context.tx || context.tx.status === 'cancelled' || context.tx.status === 'completed' || context.tx.status === 'suspended',
      notBlocked: ({ context }) => !isBlocked(context.tx),
      needsReconcile: ({ context }) => unsettledPayment(context.tx) !== null,
      canPay: ({ context }) =>
        !!context.tx && !isBlocked(context.tx) && !unsettledPayment(context.tx) && activeLines(context.tx).length > 0 && pendingBagging(context.tx).length === 0 && pricedTotal(context.tx, context.language) > 0,
      canFinish: ({ context }) => !context.tx || !context.tx.interventions.some((i) => i.kind === 'paperOut'),
      laneIdle: ({ context }) => !context.tx || context.tx.status !== 'open',
      paymentApproved: ({ context }) => !!context.tx && !!approvedPayment(context.tx),
    },
    actions: {
      cue: emit((_, params: { cue: Cue }) => ({ type: 'cue' as const, cue: params.cue })),
      setLanguage: assign(({ context, event }) => {
        if (event.type !== 'language.set') return {};
        const tx = context.tx && context.tx.status === 'open' ? commit(context.tx, [{ type: 'language.changed', language: event.language }]) : context.tx;
        return { language: event.language, tx };
      }),
      startTx: assign(({ context, event }) => ({
        tx: startTx(context, event.type === 'ownBag.declare'),
        produce: null,
        lastLineId: null,
        stillThere: false,
        notice: null,
      })),
      clearTx: assign({ tx: null, produce: null, lastLineId: null, stillThere: false, notice: null }),
      /** Each new shopper is greeted in the store's language, not the last shopper's. */
      storeLanguage: assign({ language: deps.config.language }),
      /** Recall a parked basket into a new transaction (journaled: started, then resumed). */
      resumeTx: assign(({ context, event }) => {
        if (event.type !== 'attendant.command' || event.command.type !== 'transaction.resume') return {};
        const from = event.command.transactionId;
        const parked = context.suspended.find((x) => x.transactionId === from);
        if (!parked) return {};
        let tx = startTx(context, false);
        tx = commit(tx, [{ type: 'transaction.resumed', from, by: event.attendant.id, lines: parked.lines, ageVerified: parked.ageVerified }]);
        // An age-limited basket recalled without a verification is checked again.
        const aged = tx.ageVerified ? [] : activeLines(tx).filter((l) => l.ageLimit !== undefined);
        const strictest = aged.reduce<(typeof aged)[number] | undefined>((a, l) => (!a || (l.ageLimit ?? 0) > (a.ageLimit ?? 0) ? l : a), undefined);
        if (strictest) tx = commit(tx, [raise(deps, 'ageCheck', { itemName: localize(strictest.name, 'en'), ageLimit: strictest.ageLimit ?? 0, lineId: strictest.lineId })]);
        return { tx, suspended: context.suspended.filter((x) => x.transactionId !== from), produce: null, lastLineId: null, stillThere: false, notice: null };
      }),
      // Each press opens the window for one bag; a bag already put down is judged at once.
      declareOwnBag: assign(({ context }) => (context.tx && !context.tx.ownBagWindow ? { tx: judgeBagging(commit(context.tx, [{ type: 'ownBag.declared' }]), context).tx } : {})),
      scan: assign(({ context, event }) => {
        if (!context.tx) return {};
        const scan: Scan | null =
          event.type === 'scanner.scanned' ? event.scan : event.type === 'scan.manual' ? { data: event.code, source: 'manual' } : null;
        if (!scan) return {};
        // An item put down before it was scanned raises `unexpectedItem`; the scan that
        // explains it must not be refused (the judgement after it clears or keeps the alarm).
        const blockers = context.tx.interventions.filter((i) => i.blocking);
        if (blockers.some((i) => i.kind !== 'unexpectedItem')) return { scanOutcome: 'rejected' as const };
        const d = decideScan(context.tx, scan, deps, codeConfig);
        const tx = commit(context.tx, d.events ?? []);
        const j = d.ok ? judgeBagging(tx, context) : { tx, cues: [] as Cue[] };
        return {
          tx: j.tx,
          lastLineId: d.ok ? (d.lineId ?? context.lastLineId) : context.lastLineId,
          notice: d.ok ? null : (d.notice ?? null),
          stillThere: false,
          scanOutcome: d.ok ? ('accepted' as const) : ('rejected' as const),
        };
      }),
      scanCue: emit(({ context }) => ({ type: 'cue' as const, cue: context.scanOutcome === 'accepted' ? ('scanAccepted' as const) : ('scanRejected' as const) })),
      beep: ({ context }) => {
        void devices.scanner.beep(context.scanOutcome === 'accepted' ? 'good' : 'error').catch(() => undefined);
      },
      reading: assign(({ context, event }) => {
        if (event.type !== 'scale.reading') return {};
        const readings = { ...context.readings, [event.scale]: event.reading };
        let produce = context.produce;
        if (event.scale === 'produceScale' && produce && (event.reading.state === 'motion' || (event.reading.state === 'stable' && event.reading.grams === 0))) {
          produce = { ...produce, armed: true };
        }
        if (event.scale !== 'baggingScale' || !context.tx || event.reading.state !== 'stable') return { readings, produce };
        const j = judgeBagging(context.tx, { ...context, readings });
        return { readings, produce, tx: j.tx };
      }),
      health: assign(({ context, event }) => (event.type === 'device.health' ? { devices: { ...context.devices, [event.device]: event.health } } : {})),
      openProduce: assign({ produce: () => ({ itemId: null, armed: true }), notice: null }),
      closeProduce: assign({ produce: null }),
      selectProduce: assign(({ context, event }) => {
        if (event.type !== 'produce.select' || !context.produce) return {};
        const item = event.itemId ? deps.catalogue.byId(event.itemId) : event.plu ? deps.catalogue.byPlu(event.plu) : null;
        return { produce: { ...context.produce, itemId: item?.id ?? null } };
      }),
      addProduce: assign(({ context }) => {
        if (!context.tx || !context.produce?.itemId) return {};
        const item = deps.catalogue.byId(context.produce.itemId);
        if (!item) return {};
        const r = context.readings.produceScale;
        const grams = item.unit === 'kg' ? (r && r.state === 'stable' && r.grams > 0 ? r.grams : undefined) : undefined;
        if (item.unit === 'kg' && grams === undefined) return {};
        const d = addItem(context.tx, item, item.plu ?? item.codes[0] ?? item.id, deps, { weightGrams: grams });
        if (!d.ok) return {};
        const tx = commit(context.tx, d.events);
        const j = judgeBagging(tx, context);
        return { tx: j.tx, lastLineId: d.lineId ?? null, produce: null };
      }),
      setQuantity: assign(({ context, event }) => {
        if (event.type !== 'quantity.set' || !context.tx) return {};
        const line = activeLines(context.tx).find((l) => l.lineId === event.lineId);
        if (!line || line.unit === 'kg' || line.weightGrams || line.fixedTotalMinor !== undefined) return {};
        if (event.quantity > line.quantity) {
          const tx = commit(context.tx, [{ type: 'item.quantityChanged', lineId: line.lineId, quantity: event.quantity }]);
          return { tx: judgeBagging(tx, context).tx };
        }
        if (event.quantity < line.quantity && !hasPending(context.tx, 'voidRequest')) {
          // Fewer units = voiding goods: an attendant approves.
          return { tx: commit(context.tx, [raise(deps, 'voidRequest', { lineId: line.lineId, itemName: line.name.en, toQuantity: event.quantity })]) };
        }
        return {};
      }),
      requestVoid: assign(({ context, event }) => {
        if (event.type !== 'void.request' || !context.tx) return {};
        const line = activeLines(context.tx).find((l) => l.lineId === event.lineId);
        if (!line || hasPending(context.tx, 'voidRequest')) return {};
        return { tx: commit(context.tx, [raise(deps, 'voidRequest', { lineId: line.lineId, itemName: line.name.en })]) };
      }),
      requestCancel: assign(({ context }) =>
        context.tx && !hasPending(context.tx, 'cancelRequest') ? { tx: commit(context.tx, [raise(deps, 'cancelRequest', {})]) } : {},
      ),
      requestHelp: assign(({ context }) => (context.tx && !hasPending(context.tx, 'help') ? { tx: commit(context.tx, [raise(deps, 'help', {})]) } : {})),
      requestSkip: assign(({ context }) => {
        if (!context.tx || hasPending(context.tx, 'skipBagging')) return {};
        const first = pendingBagging(context.tx)[0];
        if (!first) return {};
        return { tx: commit(context.tx, [raise(deps, 'skipBagging', { lineId: first.line.lineId, itemName: first.line.name.en })]) };
      }),
      stillThere: assign({ stillThere: true }),
      notStillThere: assign({ stillThere: false }),
      abandon: assign(({ context }) =>
        context.tx && context.tx.status === 'open' ? { tx: commit(context.tx, [{ type: 'transaction.cancelled', by: 'system', reason: 'abandoned' }]) } : {},
      ),
      startPayment: assign(({ context }) => {
        if (!context.tx) return {};
        const amount = pricedTotal(context.tx, context.language);
        return { tx: commit(context.tx, [{ type: 'payment.started', reference: deps.newId('pay'), amountMinor: amount }]) };
      }),
      terminalPrompt: assign(({ context, event }) => {
        if (event.type !== 'terminal.prompt' || !context.tx) return {};
        const p = currentPayment(context.tx);
        if (!p || p.status !== 'waiting') return {};
        return { tx: { ...context.tx, payments: context.tx.payments.map((x) => (x === p ? { ...x, terminalPrompt: event.prompt } : x)) } };
      }),
      approvedPersisted: assign(({ context, event }) => {
        if (event.type !== 'terminal.approved' || !context.tx) return {};
        // Already journaled inside persistApproval: apply only.
        return { tx: applyEvent(context.tx, { type: 'payment.approved', payment: approvedRecord(event.reference, event.payment) }, clock.now()) };
      }),
      paymentOutcome: assign(({ context, event }) => {
        if (event.type !== 'terminal.outcome' || !context.tx) return {};
        const o = event.outcome;
        const ref = event.reference;
        let tx = context.tx;
        if (o.status === 'approved') {
          deps.knownTerminalReferences.add(o.reference);
          if (!approvedPayment(tx)) tx = commit(tx, [{ type: 'payment.approved', payment: approvedRecord(ref, o) }]);
          return { tx };
        }
        if (approvedPayment(tx)) return {};
        if (o.status === 'timeout') {
          tx = commit(tx, [{ type: 'payment.timedOut', reference: ref }]);
          const p = currentPayment(tx);
          if (!p) return { tx };
          const d = decideReconcile(tx, p, event.reconciled ?? 'unknown', deps.knownTerminalReferences, (detail) => raise(deps, 'paymentTrouble', detail));
          tx = commit(tx, d.events);
          // Not charged: still an attendant checks before a retry (the shopper may be confused).
          if (d.route === 'payAgain' && !hasPending(tx, 'paymentTrouble')) tx = commit(tx, [raise(deps, 'paymentTrouble', { reason: 'timeout' })]);
          return { tx };
        }
        if (o.status === 'declined') tx = commit(tx, [{ type: 'payment.declined', reference: ref, reason: o.reason, ...(o.resultCode ? { resultCode: o.resultCode } : {}) }]);
        else if (o.status === 'cancelled') tx = commit(tx, [{ type: 'payment.cancelled', reference: ref }]);
        return { tx };
      }),
      reconciled: assign(({ context }, params: { answer: ReconcileAnswer }) => {
        const tx = context.tx;
        const p = unsettledPayment(tx);
        if (!tx || !p) return {};
        const d = decideReconcile(tx, p, params.answer, deps.knownTerminalReferences, (detail) => raise(deps, 'paymentTrouble', detail));
        if (params.answer && params.answer !== 'unknown' && d.route === 'receipt') deps.knownTerminalReferences.add(params.answer.reference);
        return { tx: commit(tx, d.events) };
      }),
      abortPayment: () => {
        void devices.terminal.abort().catch(() => undefined);
      },
      disableScanner: () => {
        void devices.scanner.disable().catch(() => undefined);
      },
      enableScanner: () => {
        void devices.scanner.enable().catch(() => undefined);
      },
      createReceipt: assign(({ context }) => {
        if (!context.tx || context.tx.receipt) return {};
        const priced = priceTx(context.tx, deps.catalogue, { now: clock.now(), language: context.tx.language });
        const doc = buildReceipt(context.tx, priced, deps, clock.now());
        return { tx: commit(context.tx, [{ type: 'receipt.created', receipt: doc }]) };
      }),
      receiptPrinting: assign(({ context }) => (context.tx?.receipt ? { tx: { ...context.tx, receipt: { ...context.tx.receipt, status: 'printing' as const } } } : {})),
      printed: assign(({ context }, params: { outcome: PrintOutcome | undefined }) => {
        if (!context.tx) return {};
        const out = params.outcome;
        if (out && out.ok) {
          const paper = context.tx.interventions.filter((i) => i.kind === 'paperOut');
          const events: DomainEvent[] = [{ type: 'receipt.printed' }, ...paper.map((i): DomainEvent => ({ type: 'intervention.resolved', id: i.id, resolution: 'auto', by: 'printer' }))];
          return { tx: commit(context.tx, events) };
        }
        const condition = out && !out.ok ? out.condition : 'offline';
        const events: DomainEvent[] = [{ type: 'receipt.failed', condition }];
        if (!hasPending(context.tx, 'paperOut')) events.push(raise(deps, 'paperOut', { condition }));
        return { tx: commit(context.tx, events) };
      }),
      complete: assign(({ context }) => (context.tx && context.tx.status === 'paid' ? { tx: commit(context.tx, [{ type: 'transaction.completed' }]) } : {})),
      attendantSession: assign(({ event }) => (event.type === 'attendant.session' ? { attendant: event.attendant } : {})),
      command: assign(({ context, event }) => {
        if (event.type !== 'attendant.command') return {};
        const { command: cmd, attendant } = event;
        const by = attendant.id;
        const tx = context.tx;
        switch (cmd.type) {
          case 'intervention.approve':
          case 'intervention.deny': {
            const iv = findIntervention(tx, cmd);
            if (!iv || !tx) return {};
            let next = resolveIntervention(context, iv, cmd.type === 'intervention.approve', by);
            next = judgeBagging(next, context).tx;
            return { tx: next };
          }
          case 'item.void':
            return tx ? { tx: judgeBagging(commit(tx, [{ type: 'item.voided', lineId: cmd.lineId, by }]), context).tx } : {};
          case 'price.override':
            return tx ? { tx: commit(tx, [{ type: 'item.priceOverridden', lineId: cmd.lineId, unitPriceMinor: cmd.unitPriceMinor, by }]) } : {};
          case 'transaction.cancel':
            return tx ? { tx: commit(tx, [{ type: 'transaction.cancelled', by, reason: 'attendant' }]) } : {};
          case 'transaction.suspend': {
            if (!tx || tx.status !== 'open') return {};
            const lines: ParkedLine[] = activeLines(tx).map(({ voided: _v, baggedUnits: _b, baggingSkipped: _s, ...line }) => line);
            const parked = { by, lines, ageVerified: tx.ageVerified, itemCount: itemCount(tx), totalMinor: pricedTotal(tx, context.language) };
            const next = commit(tx, [{ type: 'transaction.suspended', ...parked }]);
            return { tx: next, suspended: [...context.suspended, { transactionId: tx.transactionId, at: clock.now(), ...parked }] };
          }
          case 'transaction.resume':
            // Only from attract (see `resumeTx`); never inside an open transaction.
            return {};
          case 'lane.close':
            recorder.append(null, { type: 'lane.closed', by, reason: cmd.reason });
            return { closedReason: cmd.reason };
          case 'lane.open':
            recorder.append(null, { type: 'lane.opened', by });
            return { closedReason: null };
          case 'receipt.reprint':
            return {};
        }
      }),
    },
  }).createMachine({
    id: 'checkout',
    context: ({ input }) => input.context,
    initial: 'boot',
    on: {
      'device.health': { actions: 'health' },
      'scale.reading': { actions: 'reading' },
      'attendant.session': { actions: 'attendantSession' },
      'language.set': { actions: 'setLanguage' },
    },
    states: {
      /** Routes a fresh or recovered context to the right state. */
      boot: {
        always: [
          { guard: 'isClosed', target: 'closed' },
          { guard: 'isPaidUnprinted', target: 'session.receipt' },
          { guard: 'isPaidPrinted', target: 'session.thanks' },
          { guard: 'needsReconcile', target: 'reconciling' },
          { guard: 'hasOpenTx', target: 'session.scanning' },
          { target: 'attract', actions: 'clearTx' },
        ],
      },
      /**
       * A payment's outcome is unknown (the service stopped while the terminal had the amount,
       * or an attendant cleared "payment trouble"): ask the terminal before anyone is asked
       * anything, and never offer payment again before it answered.
       */
      reconciling: {
        entry: 'disableScanner',
        invoke: {
          src: 'reconcile',
          input: ({ context }) => {
            const p = unsettledPayment(context.tx)!;
            return { amountMinor: p.amountMinor, currency: deps.catalogue.currency(), reference: p.reference };
          },
          onDone: [
            { guard: ({ event }) => event.output !== null && event.output !== 'unknown' && !deps.knownTerminalReferences.has(event.output.reference), actions: [{ type: 'reconciled', params: ({ event }) => ({ answer: event.output }) }, { type: 'cue', params: { cue: 'paymentApproved' } }], target: 'session.receipt' },
            { guard: ({ event }) => event.output === null, actions: { type: 'reconciled', params: ({ event }) => ({ answer: event.output }) }, target: 'session.payment.choosing' },
            { actions: { type: 'reconciled', params: ({ event }) => ({ answer: event.output }) }, target: 'session.scanning' },
          ],
          onError: { actions: { type: 'reconciled', params: { answer: 'unknown' as const } }, target: 'session.scanning' },
        },
      },
      closed: {
        on: {
          'attendant.command': [
            {
              guard: ({ event }) => event.command.type === 'lane.open',
              target: 'attract',
              actions: 'command',
            },
          ],
        },
      },
      attract: {
        entry: ['clearTx', 'storeLanguage'],
        on: {
          'session.start': { target: 'session', actions: 'startTx' },
          'ownBag.declare': { target: 'session', actions: 'startTx' },
          'scanner.scanned': { target: 'session', actions: ['startTx', 'scan', 'scanCue', 'beep'] },
          'scan.manual': { target: 'session', actions: ['startTx', 'scan', 'scanCue', 'beep'] },
          'produce.open': { target: 'session.scanning.produce', actions: ['startTx', 'openProduce'] },
          'attendant.command': [
            { guard: ({ event }) => event.command.type === 'lane.close', target: 'closed', actions: 'command' },
            {
              guard: ({ event, context }) => {
                const c = event.command;
                return c.type === 'transaction.resume' && context.suspended.some((x) => x.transactionId === c.transactionId);
              },
              target: 'session',
              actions: 'resumeTx',
            },
          ],
        },
      },
      session: {
        initial: 'scanning',
        always: { guard: 'txEnded', target: 'attract' },
        on: {
          'attendant.command': [
            {
              // Clearing "payment trouble" while a payment's outcome is unknown asks the terminal
              // first: an attendant's word never re-enables payment by itself.
              guard: ({ event, context }) =>
                (event.command.type === 'intervention.approve' || event.command.type === 'intervention.deny') &&
                findIntervention(context.tx, event.command)?.kind === 'paymentTrouble' &&
                unsettledPayment(context.tx) !== null,
              actions: 'command',
              target: '#checkout.reconciling',
            },
            {
              // A lane closes or opens only between transactions. Other commands act in place;
              // the `always` below leaves the session when one ended the transaction.
              guard: ({ event }) => event.command.type !== 'lane.close' && event.command.type !== 'lane.open',
              actions: 'command',
            },
          ],
          'help.request': { actions: 'requestHelp' },
          'cancel.request': { guard: 'hasOpenTx', actions: 'requestCancel' },
        },
        states: {
          scanning: {
            initial: 'main',
            entry: 'enableScanner',
            on: {
              'scanner.scanned': { actions: ['scan', 'scanCue', 'beep'] },
              'scan.manual': { actions: ['scan', 'scanCue', 'beep'] },
              'ownBag.declare': { actions: 'declareOwnBag' },
              'quantity.set': { guard: 'notBlocked', actions: 'setQuantity' },
              'void.request': { guard: 'notBlocked', actions: 'requestVoid' },
              'bagging.skip': { guard: 'notBlocked', actions: 'requestSkip' },
              'session.stillHere': { actions: 'notStillThere' },
              'idle.stillThere': { actions: 'stillThere' },
              'idle.abandon': { actions: 'abandon', target: '#checkout.attract' },
              'pay.start': { guard: 'canPay', target: 'payment' },
            },
            states: {
              main: {
                on: { 'produce.open': { guard: 'notBlocked', target: 'produce', actions: 'openProduce' } },
              },
              produce: {
                on: {
                  'produce.select': { actions: 'selectProduce', target: 'produce.deciding' },
                  'produce.cancel': { target: 'main', actions: 'closeProduce' },
                  'produce.confirm': { target: 'produce.deciding' },
                  'scale.reading': { actions: 'reading', target: 'produce.deciding' },
                },
                initial: 'waiting',
                states: {
                  waiting: {},
                  deciding: {
                    always: [
                      {
                        guard: ({ context }) => {
                          const id = context.produce?.itemId;
                          if (!id || !context.produce?.armed) return false;
                          const item = deps.catalogue.byId(id);
                          if (!item) return false;
                          if (item.unit === 'each') return true;
                          const r = context.readings.produceScale;
                          return !!r && r.state === 'stable' && r.grams > 0;
                        },
                        actions: ['addProduce', { type: 'cue', params: { cue: 'scanAccepted' } }],
                        target: '#checkout.session.scanning.main',
                      },
                      { target: 'waiting' },
                    ],
                  },
                },
              },
            },
          },
          payment: {
            initial: 'choosing',
            on: {
              'idle.stillThere': { actions: 'stillThere' },
              'session.stillHere': { actions: 'notStillThere' },
              'idle.abandon': { actions: 'abandon', target: '#checkout.attract' },
            },
            states: {
              choosing: {
                on: {
                  'pay.back': { target: '#checkout.session.scanning' },
                  'pay.card': { guard: 'canPay', target: 'paying' },
                  'scanner.scanned': { target: '#checkout.session.scanning', actions: ['scan', 'scanCue', 'beep'] },
                },
              },
              paying: {
                entry: ['disableScanner', 'startPayment'],
                exit: 'enableScanner',
                invoke: {
                  src: 'pay',
                  input: ({ context }) => {
                    const tx = context.tx!;
                    const p = currentPayment(tx)!;
                    return { amountMinor: p.amountMinor, currency: checkoutCurrency(deps.config, deps.catalogue).alpha, reference: p.reference, transactionId: tx.transactionId };
                  },
                },
                on: {
                  'terminal.prompt': { actions: 'terminalPrompt' },
                  'terminal.approved': { actions: 'approvedPersisted' },
                  'pay.cancel': { actions: 'abortPayment' },
                  'terminal.outcome': [
                    { guard: ({ event }) => event.outcome.status === 'approved', actions: ['paymentOutcome', { type: 'cue', params: { cue: 'paymentApproved' } }], target: '#checkout.session.receipt' },
                    { guard: 'paymentApproved', target: '#checkout.session.receipt' },
                    { actions: ['paymentOutcome', { type: 'cue', params: { cue: 'paymentDeclined' } }], target: 'choosing' },
                  ],
                },
              },
            },
          },
          receipt: {
            entry: ['createReceipt', 'receiptPrinting'],
            invoke: {
              src: 'print',
              input: ({ context }) => ({ tx: context.tx! }),
              onDone: { actions: { type: 'printed', params: ({ event }) => ({ outcome: event.output }) }, target: 'thanks' },
              onError: { actions: { type: 'printed', params: { outcome: undefined } }, target: 'thanks' },
            },
          },
          thanks: {
            on: {
              'session.finish': { guard: 'canFinish', actions: 'complete', target: '#checkout.attract' },
              'thanks.timeout': { guard: 'canFinish', actions: 'complete', target: '#checkout.attract' },
              'attendant.command': [
                { guard: ({ event }) => event.command.type === 'receipt.reprint', actions: 'command', target: 'receipt' },
                {
                  guard: ({ event, context }) =>
                    event.command.type === 'intervention.approve' && findIntervention(context.tx, event.command)?.kind === 'paperOut',
                  actions: 'command',
                  target: 'receipt',
                },
                {
                  guard: ({ event }) => event.command.type !== 'lane.close' && event.command.type !== 'lane.open',
                  actions: 'command',
                },
              ],
            },
          },
        },
      },
    },
  });
}

export type CheckoutMachine = ReturnType<typeof createCheckoutMachine>;
