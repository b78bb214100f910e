import type { CatalogueItem, CatalogueItemInput, Category, Language, Promotion } from '../../contracts/index.ts';
import { CatalogueItem as ItemSchema, Promotion as PromotionSchema, localize } from '../../contracts/index.ts';
import type { WeightLearning, WeightStats } from '../../lane/checkout/deps.ts';
import { LaneConfig, type LaneConfigInput } from '../../lane/config.ts';
import { toGtin14 } from '../../lane/codes/gtin.ts';
import type { StoredEvent } from '../../lane/recovery.ts';
import { LaneService, type CatalogueQueries, type JournalPort } from '../../lane/service.ts';
import { createSimDevices, memoryControl, type SimDevices } from '../../lane/sim/devices.ts';
import { ManualClock } from '../../core/clock.ts';
import { silentLogger } from '../../core/log.ts';

/**
 * A lane with no database: an in-memory journal and catalogue, simulated devices and a
 * manual clock. For fast machine tests; the real composition is covered by lane.test.ts.
 */
export class MemoryJournal implements JournalPort {
  readonly rows: StoredEvent[] = [];
  constructor(private readonly clock: ManualClock) {}
  append(transactionId: string | null, type: string, payload: Record<string, unknown>) {
    const seq = this.rows.length + 1;
    this.rows.push({ seq, at: this.clock.now(), transactionId, type, payload: JSON.parse(JSON.stringify(payload)) });
    return { seq };
  }
  appendAll(transactionId: string | null, events: readonly { type: string; payload: Record<string, unknown> }[]): void {
    for (const e of events) this.append(transactionId, e.type, e.payload);
  }
  events(): Iterable<StoredEvent> {
    return this.rows;
  }
  types(): string[] {
    return this.rows.map((r) => r.type);
  }
}

export class MemoryCatalogue implements CatalogueQueries {
  readonly items: CatalogueItem[];
  constructor(items: CatalogueItemInput[], readonly promos: Promotion[] = [], readonly cats: Category[] = []) {
    this.items = items.map((i) => ItemSchema.parse(i));
  }
  byCode(gtin14: string) {
    return this.items.find((i) => i.codes.some((c) => toGtin14(c) === gtin14)) ?? null;
  }
  byPlu(plu: string) {
    return this.items.find((i) => i.plu === plu) ?? null;
  }
  byId(id: string) {
    return this.items.find((i) => i.id === id) ?? null;
  }
  promotions() {
    return this.promos;
  }
  taxes() {
    return { standard: 1900, reduced: 700 };
  }
  currency() {
    return 'EUR';
  }
  search(text: string, language: Language, limit: number) {
    return this.items.filter((i) => localize(i.name, language).toLowerCase().includes(text.toLowerCase())).slice(0, limit);
  }
  byCategory(categoryId: string, limit: number) {
    return this.items.filter((i) => i.category === categoryId).slice(0, limit);
  }
  categories() {
    return this.cats;
  }
}

export class MemoryWeights implements WeightLearning {
  readonly samples = new Map<string, number[]>();
  stats(id: string): WeightStats | null {
    const s = this.samples.get(id);
    if (!s || s.length === 0) return null;
    const mean = s.reduce((a, b) => a + b, 0) / s.length;
    const v = s.length > 1 ? s.reduce((a, b) => a + (b - mean) ** 2, 0) / (s.length - 1) : 0;
    return { count: s.length, meanGrams: mean, stdDevGrams: Math.sqrt(v) };
  }
  record(id: string, grams: number, samples = 1) {
    const s = this.samples.get(id) ?? [];
    for (let i = 0; i < samples; i++) s.push(grams);
    this.samples.set(id, s);
  }
}

/** A small catalogue with one item of every kind the rules care about. */
export const TEST_ITEMS: CatalogueItemInput[] = [
  { id: 'water', codes: ['4006381333931'], name: { en: 'Still water 1.5 l', de: 'Stilles Wasser 1,5 l' }, priceMinor: 79, weightGrams: 1560, taxClass: 'reduced', category: 'drinks' },
  { id: 'choc', codes: ['5901234123457'], name: { en: 'Chocolate bar' }, priceMinor: 149, weightGrams: 105, taxClass: 'reduced', category: 'sweets', groups: ['sweets'] },
  { id: 'gum', codes: ['96385074'], name: { en: 'Chewing gum' }, priceMinor: 99, weightGrams: 30, taxClass: 'reduced', category: 'sweets', groups: ['sweets'] },
  { id: 'beer', codes: ['4008387012346'], name: { en: 'Lager 0.5 l' }, priceMinor: 109, weightGrams: 780, ageLimit: 16, taxClass: 'standard', category: 'alcohol' },
  { id: 'giftcard', codes: ['4000000000006'], name: { en: 'Gift card 25' }, priceMinor: 2500, noWeight: true, taxClass: 'standard', category: 'cards' },
  { id: 'apples', plu: '4131', name: { en: 'Apples Fuji' }, priceMinor: 299, unit: 'kg', taxClass: 'reduced', category: 'fruit' },
  { id: 'lemon', plu: '4053', name: { en: 'Lemon' }, priceMinor: 45, weightGrams: 110, taxClass: 'reduced', category: 'fruit' },
  { id: 'cheese', codes: ['2112345000008', '2512345000006'], name: { en: 'Gouda (counter)' }, priceMinor: 1890, unit: 'kg', taxClass: 'reduced', category: 'counter' },
];

export interface TestLane {
  service: LaneService;
  sim: SimDevices;
  clock: ManualClock;
  journal: MemoryJournal;
  weights: MemoryWeights;
  catalogue: MemoryCatalogue;
  /** Let promise-based device replies run. */
  settle(): Promise<void>;
  restart(): TestLane;
}

export function memoryLane(config: LaneConfigInput = {}, opts: { items?: CatalogueItemInput[]; promotions?: Promotion[]; shared?: Omit<TestLane, 'service' | 'settle' | 'restart'> } = {}): TestLane {
  const clock = opts.shared?.clock ?? new ManualClock();
  const journal = opts.shared?.journal ?? new MemoryJournal(clock);
  const weights = opts.shared?.weights ?? new MemoryWeights();
  const catalogue = opts.shared?.catalogue ?? new MemoryCatalogue(opts.items ?? TEST_ITEMS, (opts.promotions ?? []).map((p) => PromotionSchema.parse(p)));
  const sim = opts.shared?.sim ?? createSimDevices(clock);
  let n = 0;
  const service = new LaneService({
    config: LaneConfig.parse(config),
    catalogue,
    weights,
    journal,
    devices: sim,
    sim: memoryControl(sim),
    clock,
    logger: silentLogger,
    newId: (p) => `${p}-${journal.rows.length}-${++n}`,
  });
  const lane: TestLane = {
    service,
    sim,
    clock,
    journal,
    weights,
    catalogue,
    settle: async () => {
      for (let i = 0; i < 10; i++) await new Promise<void>((r) => setImmediate(r));
    },
    restart: () => {
      service.abandon();
      return memoryLane(config, { shared: { sim, clock, journal, weights, catalogue } });
    },
  };
  return lane;
}
