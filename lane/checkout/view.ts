import type { LaneView, Prompt, Screen, ViewLine } from '../../contracts/index.ts';
import { localize } from '../../contracts/index.ts';
import type { PricedBasket } from '../pricing/price.ts';
import type { CheckoutDeps } from './deps.ts';
import type { CheckoutContext } from './machine.ts';
import { priceTx } from './totals.ts';
import { activeLines, baggedGrams, currentPayment, isBlocked, itemCount, pendingBagging } from './tx.ts';
import { checkoutCurrency } from '../currency.ts';

/** The machine's state value, flattened to dotted paths (`session.scanning.main`). */
export function statePaths(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix + value];
  if (value && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => statePaths(v, `${prefix}${k}.`));
  }
  return [];
}

function screenOf(path: string, ctx: CheckoutContext): Screen {
  if (ctx.attendant) return 'attendant';
  if (path.startsWith('closed')) return 'outOfService';
  if (path.startsWith('attract') || path.startsWith('boot')) return 'attract';
  if (path.startsWith('session.scanning.produce')) return 'produceLookup';
  if (path.startsWith('session.payment.paying') || path.startsWith('reconciling')) return 'paying';
  if (path.startsWith('session.payment')) return 'payment';
  if (path.startsWith('session.receipt') || path.startsWith('session.thanks')) return 'thanks';
  return 'scanning';
}

function promptOf(path: string, screen: Screen, ctx: CheckoutContext): Prompt {
  const tx = ctx.tx;
  const p = (id: Prompt['id'], params: Prompt['params'] = {}): Prompt => ({ id, params });
  if (screen === 'attendant') return p('attendantMenu');
  if (screen === 'outOfService') return p('laneClosed');
  if (screen === 'attract') return p('touchToStart');
  if (ctx.stillThere) return p('stillThere');
  if (screen === 'thanks') return tx?.receipt?.status === 'failed' ? p('receiptUnavailable') : p('takeReceipt');
  if (tx && isBlocked(tx)) {
    const first = [...tx.interventions].filter((i) => i.blocking).sort((a, b) => a.since - b.since)[0];
    if (first?.kind === 'unexpectedItem') return p('removeUnexpectedItem');
    if (first?.kind === 'itemRemoved') return p('returnRemovedItem');
    if (first?.kind === 'unknownItem') return p('unknownItem');
    return p('assistantComing', { kind: first?.kind ?? 'help' });
  }
  if (screen === 'produceLookup') {
    if (!ctx.produce?.itemId) return p('selectProduce');
    const r = ctx.readings.produceScale;
    if (!r) return p('placeOnProduceScale');
    switch (r.state) {
      case 'motion':
        return p('produceScaleUnstable');
      case 'overload':
        return p('produceScaleOverload');
      case 'underZero':
        return p('produceScaleUnderZero');
      case 'zeroError':
        return p('produceScaleZeroError');
      case 'stable':
        return r.grams > 0 && ctx.produce.armed ? p('waitForScale') : p(r.grams > 0 ? 'produceScaleEmpty' : 'placeOnProduceScale');
    }
  }
  if (screen === 'payment') {
    const pay = tx ? currentPayment(tx) : undefined;
    return pay && pay.status !== 'waiting' && pay.status !== 'approved' ? p('paymentDeclined', { reason: pay.declineReason ?? pay.status }) : p('chooseTender');
  }
  if (screen === 'paying') return p('followTerminal');
  if (ctx.notice) return p(ctx.notice);
  if (tx) {
    const pend = pendingBagging(tx)[0];
    if (pend) {
      const r = ctx.readings.baggingScale;
      return r && r.state === 'motion' ? p('waitForScale') : p('placeItemInBag', { itemName: localize(pend.line.name, ctx.language) });
    }
    if (tx.ownBag && tx.ownBagGrams === 0 && activeLines(tx).length === 0) return p('placeOwnBag');
  }
  void path;
  return p('scanItem');
}

export interface ViewInputs {
  laneId: string;
  seq: number;
  statePath: string;
  context: CheckoutContext;
  deps: Pick<CheckoutDeps, 'catalogue' | 'config' | 'clock'>;
}

export function buildView({ laneId, seq, statePath, context: ctx, deps }: ViewInputs): LaneView {
  const now = deps.clock.now();
  const tx = ctx.tx && (ctx.tx.status === 'open' || ctx.tx.status === 'paid') ? ctx.tx : null;
  const language = ctx.language;
  const priced: PricedBasket | null = tx ? priceTx(tx, deps.catalogue, { now, language }) : null;
  const byLine = new Map((priced?.lines ?? []).map((l) => [l.lineId, l]));
  const lines: ViewLine[] = tx
    ? activeLines(tx).map((l) => {
        const pl = byLine.get(l.lineId);
        return {
          lineId: l.lineId,
          itemId: l.itemId,
          code: l.code,
          name: localize(l.name, language),
          names: l.name,
          unit: l.weightGrams ? 'kg' : l.unit,
          ...(l.weightGrams ? { weightGrams: l.weightGrams } : { quantity: l.quantity }),
          unitPriceMinor: l.unitPriceMinor,
          totalMinor: pl?.totalMinor ?? 0,
          discounts: pl?.discounts ?? [],
          ...(l.ageLimit !== undefined ? { ageLimit: l.ageLimit } : {}),
          overridden: l.overridden,
        };
      })
    : [];
  const screen = screenOf(statePath, ctx);
  const pay = tx ? currentPayment(tx) : undefined;
  const produceItem = ctx.produce?.itemId ? deps.catalogue.byId(ctx.produce.itemId) : null;
  const pr = ctx.readings.produceScale;
  const pendingLine = tx ? pendingBagging(tx)[0] : undefined;
  return {
    laneId,
    seq,
    screen,
    transactionId: tx?.transactionId ?? null,
    lines,
    lastLineId: tx && ctx.lastLineId && lines.some((l) => l.lineId === ctx.lastLineId) ? ctx.lastLineId : null,
    itemCount: tx ? itemCount(tx) : 0,
    subtotalMinor: priced?.subtotalMinor ?? 0,
    discountMinor: priced?.discountMinor ?? 0,
    // While paying (and after), the amount is the frozen one sent to the terminal.
    totalMinor: pay && (pay.status === 'waiting' || pay.status === 'approved') ? pay.amountMinor : (priced?.totalMinor ?? 0),
    taxes: priced?.taxes ?? [],
    currency: checkoutCurrency(deps.config, deps.catalogue).alpha,
    language,
    blocked: isBlocked(tx),
    interventions: tx ? tx.interventions : [],
    prompt: promptOf(statePath, screen, ctx),
    devices: ctx.devices,
    bagging: {
      measuredGrams: ctx.readings.baggingScale?.grams ?? 0,
      expectedGrams: tx ? baggedGrams(tx) + tx.ownBagGrams : 0,
      ...(pendingLine ? { awaitingLineId: pendingLine.line.lineId } : {}),
    },
    produce: ctx.produce
      ? {
          ...(produceItem ? { selectedItemId: produceItem.id, selectedName: localize(produceItem.name, language), pricePerKgMinor: produceItem.priceMinor } : {}),
          ...(pr ? { reading: pr } : {}),
          ...(produceItem && produceItem.unit === 'kg' && pr && pr.state === 'stable' && pr.grams > 0
            ? { priceMinor: Math.floor((produceItem.priceMinor * pr.grams + 500) / 1000) }
            : {}),
        }
      : null,
    payment:
      tx && (screen === 'payment' || screen === 'paying' || screen === 'thanks' || tx.payments.length > 0)
        ? {
            amountMinor: pay?.amountMinor ?? priced?.totalMinor ?? 0,
            status: !pay ? 'choosing' : pay.status === 'timeout' ? 'declined' : pay.status,
            ...(pay?.terminalPrompt ? { terminalPrompt: pay.terminalPrompt } : {}),
            ...(pay?.declineReason ? { declineReason: pay.declineReason } : pay?.status === 'timeout' ? { declineReason: 'timeout' as const } : {}),
            attempts: tx.payments.length,
            ...(pay?.terminalReference ? { reference: pay.terminalReference } : {}),
            ...(pay?.maskedPan ? { maskedPan: pay.maskedPan } : {}),
          }
        : null,
    receipt: tx?.receipt
      ? {
          status: tx.receipt.status,
          ...(tx.receipt.condition ? { reason: tx.receipt.condition } : {}),
          url: `${deps.config.receipt.eReceiptBaseUrl}${tx.transactionId}`,
        }
      : null,
    attendant: ctx.attendant,
    ownBag: tx?.ownBag ?? false,
    ageVerified: tx?.ageVerified ?? false,
    closedReason: ctx.closedReason,
    now,
  };
}
