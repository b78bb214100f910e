import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { fail, ok, parseWith, type CatalogueItem, type CurrencyInfo, type Promotion, type Result, type TaxTable } from '../contracts/index.ts';
import { resolveLaneCurrency, withLaneCurrency } from './currency.ts';
import { Catalogue } from './catalogue/catalogue.ts';
import type { WeightLearning } from './checkout/deps.ts';
import { LaneConfig, type LaneConfigInput } from './config.ts';
import { openDatabase, ItemWeights, Settings, type Database } from './db/index.ts';
import { Journal } from './journal/journal.ts';
import { createPricer, type Pricer } from './pricing/price.ts';
import type { LaneDevices } from '../contracts/ports.ts';
import { LaneService, type CatalogueQueries, type JournalPort } from './service.ts';
import { createSimDevices, memoryControl, type SimControl, type SimDevices } from './sim/devices.ts';
import type { Clock } from '../core/clock.ts';
import type { Logger } from '../core/log.ts';

/**
 * Composition root: one lane = one SQLite file (catalogue, journal, learned weights,
 * settings) + devices + the service. Used by `lane/main.ts`, the scenario runner and tests.
 */
export interface OpenLaneOptions {
  dataDir: string;
  /** Catalogue JSON to import when the database has none or the file is newer. */
  catalogue?: string;
  config?: LaneConfigInput | Record<string, unknown>;
  clock: Clock;
  logger: Logger;
  /**
   * `sim` = in-memory simulated devices; otherwise ports built by the caller (and their
   * control, if simulated), or a function that builds them in the lane's resolved currency.
   */
  devices: 'sim' | LaneDevices | ((currency: CurrencyInfo) => LaneDevices);
  /**
   * The card terminal's ISO 4217 numeric currency as the caller configured it (ready-made
   * `devices`, or a devices file that names one): refused at start unless it is the lane's.
   */
  terminalCurrencyCode?: number | undefined;
  control?: SimControl;
  /** With `devices: 'sim'`: keep these simulated devices (a restarted service finds the hardware as it was). */
  reuseSim?: SimDevices;
}

export interface OpenLane {
  service: LaneService;
  catalogue: CachedCatalogue;
  db: Database;
  journal: Journal;
  sim: SimDevices | undefined;
  /** Control of the simulated devices (memory or wire), if any. */
  control: SimControl | undefined;
  /** Stop as a crash would: no cleanup at all (the database stays as the OS left it). */
  kill(): void;
  close(): Promise<void>;
  journalSummary(): { events: number; byType: Record<string, number>; chainValid: boolean };
}

/** The catalogue with promotions, taxes and the pricer cached until the next import. */
export class CachedCatalogue implements CatalogueQueries {
  private promos: Promotion[] | null = null;
  private taxTable: TaxTable | null = null;
  private pricerFn: Pricer | null = null;

  constructor(readonly inner: Catalogue) {}

  invalidate(): void {
    this.promos = null;
    this.taxTable = null;
    this.pricerFn = null;
  }
  byCode(gtin14: string): CatalogueItem | null {
    return this.inner.byCode(gtin14);
  }
  byPlu(plu: string): CatalogueItem | null {
    return this.inner.byPlu(plu);
  }
  byId(id: string): CatalogueItem | null {
    return this.inner.byId(id);
  }
  promotions(): readonly Promotion[] {
    return (this.promos ??= this.inner.promotions());
  }
  taxes(): TaxTable {
    return (this.taxTable ??= this.inner.taxes());
  }
  currency(): string {
    return this.inner.currency() ?? 'EUR';
  }
  pricer(): Pricer {
    return (this.pricerFn ??= createPricer(this.promotions(), this.taxes()));
  }
  search(text: string, language: 'en' | 'de' | 'ru' | 'fa', limit: number): CatalogueItem[] {
    return this.inner.search(text, language, limit);
  }
  byCategory(categoryId: string, limit: number): CatalogueItem[] {
    return this.inner.byCategory(categoryId, limit);
  }
  categories(produceOnly: boolean) {
    return this.inner.categories(produceOnly);
  }
}

const SimState = z.object({ baggingGrams: z.number().int(), produceGrams: z.number().int() });

/**
 * Simulated devices whose physical state (what lies on the scales) survives a restart of the
 * service process, as real hardware's does: a restarted simulated lane must not see goods
 * "removed" just because its simulator started empty.
 */
function restoredSimDevices(settings: Settings, clock: Clock): SimDevices {
  const sim = createSimDevices(clock);
  const saved = settings.get('sim.devices', SimState);
  if (saved.ok) {
    sim.baggingScale.set(saved.value.baggingGrams);
    sim.produceScale.set(saved.value.produceGrams);
  }
  return sim;
}

/** Keep the simulated scales' contents in the settings table; returns the unsubscribe. */
function persistSim(sim: SimDevices, settings: Settings): () => void {
  const save = () => settings.set('sim.devices', { baggingGrams: sim.baggingScale.grams, produceGrams: sim.produceScale.grams });
  const offs = [sim.baggingScale.onReading(save), sim.produceScale.onReading(save)];
  return () => offs.forEach((off) => off());
}

/**
 * Open a lane, or say why not: an invalid configuration, a catalogue that does not import,
 * or currency settings that disagree, each with the field named (`error.path`).
 */
export function tryOpenLane(opts: OpenLaneOptions): Result<OpenLane> {
  const parsed = parseWith(LaneConfig, opts.config ?? {}, 'lane config');
  if (!parsed.ok) return parsed;
  const given = parsed.value;
  mkdirSync(opts.dataDir, { recursive: true });
  const db = openDatabase(join(opts.dataDir, `${given.laneId}.db`), { logger: opts.logger });
  const settings = new Settings(db, opts.clock);
  const inner = new Catalogue(db, opts.clock, opts.logger);
  if (opts.catalogue) {
    const mtime = existsSync(opts.catalogue) ? Math.floor(statSync(opts.catalogue).mtimeMs) : 0;
    const key = `catalogue:${opts.catalogue}:${mtime}`;
    const had = settings.get('catalogue.source', z.string());
    if (!had.ok || had.value !== key || inner.stats().items === 0) {
      const r = inner.importJson(opts.catalogue);
      if (!r.ok) {
        db.close();
        return fail(r.error.code, `catalogue ${opts.catalogue}: ${r.error.message}`, { path: r.error.path ? `catalogue.${r.error.path}` : 'catalogue' });
      }
      settings.set('catalogue.source', key);
      opts.logger.info({ items: r.value.items, rejected: r.value.rejected }, 'catalogue imported');
    }
  }
  const currency = resolveLaneCurrency({ config: given, catalogueCurrency: inner.currency(), terminalCurrencyCode: opts.terminalCurrencyCode });
  if (!currency.ok) {
    db.close();
    return currency;
  }
  const config = withLaneCurrency(given, currency.value);
  const catalogue = new CachedCatalogue(inner);
  const journal = new Journal(db, opts.clock, { logger: opts.logger });
  const itemWeights = new ItemWeights(db, opts.clock);
  const weights: WeightLearning = {
    stats: (id) => itemWeights.get(id),
    record: (id, grams, samples = 1) => {
      for (let i = 0; i < samples; i++) itemWeights.observe(id, grams);
    },
  };
  const journalPort: JournalPort = {
    append: (transactionId, type, payload) => journal.append({ transactionId, type, payload }),
    appendAll: (transactionId, events) => void journal.appendAll(events.map((e) => ({ transactionId, type: e.type, payload: e.payload }))),
    events: () => journal.entries().entries,
  };
  const sim = opts.devices === 'sim' ? (opts.reuseSim ?? restoredSimDevices(settings, opts.clock)) : undefined;
  const devices = sim ?? (typeof opts.devices === 'function' ? opts.devices(currency.value) : (opts.devices as LaneDevices));
  const stopPersisting = sim ? persistSim(sim, settings) : () => undefined;
  const control = sim ? memoryControl(sim) : opts.control;
  const service = new LaneService({
    config,
    catalogue,
    weights,
    journal: journalPort,
    devices,
    ...(control ? { sim: control } : {}),
    clock: opts.clock,
    logger: opts.logger,
  });
  let closed = false;
  return ok({
    service,
    catalogue,
    db,
    journal,
    sim,
    control,
    kill() {
      closed = true;
      stopPersisting();
      service.abandon();
      // A crash does not checkpoint or close: drop the handle as the process would.
      try {
        db.close();
      } catch {
        /* already closed */
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      stopPersisting();
      await service.close();
      if (!sim) await Promise.all(Object.values(devices).map((d) => d.close()));
      db.close();
    },
    journalSummary() {
      const byType: Record<string, number> = {};
      let events = 0;
      for (const e of journal.entries().entries) {
        events++;
        byType[e.type] = (byType[e.type] ?? 0) + 1;
      }
      return { events, byType, chainValid: journal.verify().ok };
    },
  });
}

/**
 * `tryOpenLane` for callers whose inputs are fixed (tests, benchmarks, the scenario runner
 * with its own fixtures): a refusal there is a programming error, so this throws it.
 */
export function openLane(opts: OpenLaneOptions): OpenLane {
  const r = tryOpenLane(opts);
  if (!r.ok) throw new Error(`lane not opened: ${r.error.message}${r.error.path ? ` (at '${r.error.path}')` : ''}`);
  return r.value;
}
