import type { Language } from '../../contracts/catalogue.ts';
import type { DeclineReason, DeviceName, TerminalPrompt } from '../../contracts/devices.ts';
import type { CategoryHit, SearchHit } from '../../contracts/protocol.ts';
import { LaneView, type Intervention, type InterventionKind, type PromptId, type Screen, type ViewLine } from '../../contracts/view.ts';

/**
 * Builders of valid `LaneView`s, one per screen, for component tests, the screenshot script
 * and the simulator's offline preview. Every builder output is checked with the `LaneView`
 * schema, so a fixture can never drift from the contract.
 */
export const FIXTURE_NOW = Date.UTC(2026, 10, 23, 10, 30, 0);

const ITEMS: ReadonlyArray<{ name: string; code: string; priceMinor: number; unit: 'each' | 'kg'; grams?: number }> = [
  { name: 'Organic whole milk 1 l', code: '4006381333931', priceMinor: 119, unit: 'each' },
  { name: 'Sourdough bread', code: '4001234567890', priceMinor: 349, unit: 'each' },
  { name: 'Bananas', code: '4011', priceMinor: 199, unit: 'kg', grams: 1234 },
  { name: 'Greek yoghurt 500 g', code: '5201054017401', priceMinor: 259, unit: 'each' },
  { name: 'Sparkling water 6 × 1.5 l', code: '4008501011009', priceMinor: 354, unit: 'each' },
  { name: 'Tomatoes on the vine', code: '4664', priceMinor: 429, unit: 'kg', grams: 512 },
  { name: 'Dark chocolate 70 %', code: '7610400068697', priceMinor: 229, unit: 'each' },
  { name: 'Free-range eggs × 10', code: '4388844008751', priceMinor: 389, unit: 'each' },
];

/** `n` basket lines cycling through demo items; every third `each` line has quantity 2. */
export function sampleLines(n: number): ViewLine[] {
  const lines: ViewLine[] = [];
  for (let i = 0; i < n; i++) {
    const it = ITEMS[i % ITEMS.length] as (typeof ITEMS)[number];
    const lineId = `L${i + 1}`;
    if (it.unit === 'kg') {
      const grams = it.grams ?? 1000;
      const totalMinor = Math.round((it.priceMinor * grams) / 1000);
      lines.push({ lineId, itemId: `item-${i % ITEMS.length}`, code: it.code, name: it.name, unit: 'kg', weightGrams: grams, unitPriceMinor: it.priceMinor, totalMinor, discounts: [], overridden: false });
    } else {
      const quantity = i % 3 === 0 ? 2 : 1;
      const discounts = i % ITEMS.length === 3 ? [{ promotionId: 'p-yog', label: '2 for 4.00', amountMinor: 18 }] : [];
      lines.push({ lineId, itemId: `item-${i % ITEMS.length}`, code: it.code, name: it.name, unit: 'each', quantity, unitPriceMinor: it.priceMinor, totalMinor: it.priceMinor * quantity, discounts, overridden: false });
    }
  }
  return lines;
}

const devicesOk = (): LaneView['devices'] => {
  const d: Partial<Record<DeviceName, LaneView['devices'][DeviceName]>> = {};
  for (const n of ['scanner', 'produceScale', 'baggingScale', 'printer', 'terminal'] as const) d[n] = { status: 'ok', since: FIXTURE_NOW - 3_600_000 };
  return d as LaneView['devices'];
};

function totals(lines: ViewLine[]): Pick<LaneView, 'subtotalMinor' | 'discountMinor' | 'totalMinor' | 'itemCount'> {
  const subtotalMinor = lines.reduce((s, l) => s + l.totalMinor, 0);
  const discountMinor = lines.reduce((s, l) => s + l.discounts.reduce((a, d) => a + d.amountMinor, 0), 0);
  const itemCount = lines.reduce((s, l) => s + (l.quantity ?? 1), 0);
  return { subtotalMinor, discountMinor, totalMinor: subtotalMinor - discountMinor, itemCount };
}

/** The base of every fixture: an idle lane. */
export function baseView(): LaneView {
  return LaneView.parse({
    laneId: 'lane-1',
    seq: 1,
    screen: 'attract',
    transactionId: null,
    lines: [],
    lastLineId: null,
    itemCount: 0,
    subtotalMinor: 0,
    discountMinor: 0,
    totalMinor: 0,
    taxes: [],
    currency: 'EUR',
    language: 'en',
    blocked: false,
    interventions: [],
    prompt: { id: 'touchToStart', params: {} },
    devices: devicesOk(),
    bagging: { measuredGrams: 0, expectedGrams: 0 },
    produce: null,
    payment: null,
    receipt: null,
    attendant: null,
    ownBag: false,
    ageVerified: false,
    closedReason: null,
    now: FIXTURE_NOW,
  });
}

export function intervention(kind: InterventionKind, over: Partial<Intervention> = {}): Intervention {
  const details: Record<InterventionKind, Intervention['detail']> = {
    ageCheck: { itemName: 'Red wine 0.75 l', ageLimit: 18 },
    unknownItem: { code: '4000000000017' },
    unexpectedItem: { expectedGrams: 1200, measuredGrams: 1650, toleranceGrams: 30 },
    itemRemoved: { expectedGrams: 1650, measuredGrams: 1200, toleranceGrams: 30 },
    weightMismatch: { expectedGrams: 500, measuredGrams: 820, toleranceGrams: 25, itemName: 'Greek yoghurt 500 g' },
    skipBagging: {},
    voidRequest: { lineId: 'L2', itemName: 'Sourdough bread' },
    cancelRequest: {},
    help: {},
    paymentTrouble: { reason: 'lostCompletion' },
    paperOut: {},
  };
  return { id: `iv-${kind}`, kind, since: FIXTURE_NOW - 75_000, blocking: kind !== 'help', detail: details[kind], ...over };
}

export interface FixtureOptions {
  language?: Language;
  lines?: number;
  seq?: number;
}

export type FixtureName =
  | Screen
  | 'blocked'
  | 'declined'
  | 'thanksFailed'
  | 'stillThere'
  | 'produceWeighing'
  | 'outOfServiceStaff';

const promptFor: Record<Screen, PromptId> = {
  attract: 'touchToStart',
  scanning: 'scanItem',
  produceLookup: 'selectProduce',
  payment: 'chooseTender',
  paying: 'followTerminal',
  thanks: 'takeReceipt',
  attendant: 'attendantMenu',
  outOfService: 'laneClosed',
};

/** A valid view for `name`; `patch` is applied last and the result re-validated. */
export function buildView(name: FixtureName, options: FixtureOptions = {}, patch: Partial<LaneView> = {}): LaneView {
  const b = baseView();
  const language = options.language ?? 'en';
  const lines = sampleLines(options.lines ?? 6);
  const inTx = { transactionId: 'tx-0001', lines, lastLineId: lines.at(-1)?.lineId ?? null, ...totals(lines) };
  const attendant = { id: 'att-7', name: 'Maria', role: 'supervisor' as const };
  const screenOf: Record<FixtureName, Screen> = {
    attract: 'attract',
    scanning: 'scanning',
    produceLookup: 'produceLookup',
    produceWeighing: 'produceLookup',
    payment: 'payment',
    declined: 'payment',
    paying: 'paying',
    thanks: 'thanks',
    thanksFailed: 'thanks',
    attendant: 'attendant',
    outOfService: 'outOfService',
    outOfServiceStaff: 'outOfService',
    blocked: 'scanning',
    stillThere: 'scanning',
  };
  const screen = screenOf[name];
  let v: LaneView = { ...b, screen, language, seq: options.seq ?? 1, prompt: { id: promptFor[screen], params: {} } };
  const payment = (status: 'choosing' | 'waiting' | 'declined', terminalPrompt?: TerminalPrompt, declineReason?: DeclineReason): LaneView['payment'] => ({
    amountMinor: inTx.totalMinor,
    status,
    attempts: status === 'declined' ? 1 : 0,
    ...(terminalPrompt ? { terminalPrompt } : {}),
    ...(declineReason ? { declineReason } : {}),
  });
  switch (name) {
    case 'attract':
    case 'outOfService':
      break;
    case 'outOfServiceStaff':
      v = { ...v, attendant, closedReason: 'Printer maintenance until 14:00' };
      break;
    case 'scanning':
      v = { ...v, ...inTx, prompt: { id: 'placeItemInBag', params: {} }, bagging: { measuredGrams: 2400, expectedGrams: 2900, awaitingLineId: inTx.lastLineId ?? undefined } };
      break;
    case 'blocked':
      v = { ...v, ...inTx, blocked: true, prompt: { id: 'assistantComing', params: {} }, interventions: [intervention('ageCheck')] };
      break;
    case 'stillThere':
      v = { ...v, ...inTx, prompt: { id: 'stillThere', params: {} } };
      break;
    case 'produceLookup':
      v = { ...v, ...inTx, produce: { reading: { state: 'stable', grams: 0 } } };
      break;
    case 'produceWeighing':
      v = {
        ...v,
        ...inTx,
        prompt: { id: 'placeOnProduceScale', params: {} },
        produce: { selectedItemId: 'item-2', selectedName: 'Bananas', pricePerKgMinor: 199, reading: { state: 'stable', grams: 1234 }, priceMinor: 246 },
      };
      break;
    case 'payment':
      v = { ...v, ...inTx, payment: payment('choosing') };
      break;
    case 'declined':
      v = { ...v, ...inTx, prompt: { id: 'paymentDeclined', params: {} }, payment: payment('declined', 'declined', 'cardExpired') };
      break;
    case 'paying':
      v = { ...v, ...inTx, payment: payment('waiting', 'enterPin') };
      break;
    case 'thanks':
      v = {
        ...v,
        ...inTx,
        payment: { amountMinor: inTx.totalMinor, status: 'approved', attempts: 1, reference: 'A1B2C3', maskedPan: '•••• 4242' },
        receipt: { status: 'printed', url: 'https://receipts.example.com/r/tx-0001' },
      };
      break;
    case 'thanksFailed':
      v = {
        ...v,
        ...inTx,
        prompt: { id: 'receiptUnavailable', params: {} },
        payment: { amountMinor: inTx.totalMinor, status: 'approved', attempts: 1, maskedPan: '•••• 4242' },
        receipt: { status: 'failed', reason: 'paperOut', url: 'https://receipts.example.com/r/tx-0001' },
        interventions: [intervention('paperOut', { blocking: false })],
      };
      break;
    case 'attendant':
      v = {
        ...v,
        ...inTx,
        attendant,
        interventions: [intervention('ageCheck'), intervention('weightMismatch', { since: FIXTURE_NOW - 20_000 })],
        devices: { ...v.devices, printer: { status: 'warning', reason: 'paperNearEnd', since: FIXTURE_NOW - 600_000 } },
      };
      break;
  }
  return LaneView.parse({ ...v, ...patch });
}

export const DEMO_CATEGORIES: CategoryHit[] = [
  { id: 'fruit', name: 'Fruit' },
  { id: 'veg', name: 'Vegetables' },
  { id: 'bakery', name: 'Bakery' },
  { id: 'herbs', name: 'Herbs' },
];

export const DEMO_HITS: SearchHit[] = [
  { itemId: 'item-2', name: 'Bananas', plu: '4011', priceMinor: 199, unit: 'kg', category: 'fruit' },
  { itemId: 'apple', name: 'Apples Braeburn', plu: '4103', priceMinor: 299, unit: 'kg', category: 'fruit' },
  { itemId: 'pear', name: 'Pears Conference', plu: '4409', priceMinor: 279, unit: 'kg', category: 'fruit' },
  { itemId: 'lemon', name: 'Lemons', plu: '4053', priceMinor: 45, unit: 'each', category: 'fruit' },
  { itemId: 'grapes', name: 'Grapes white', plu: '4022', priceMinor: 499, unit: 'kg', category: 'fruit' },
  { itemId: 'kiwi', name: 'Kiwi', plu: '4030', priceMinor: 39, unit: 'each', category: 'fruit' },
];
