import type { CatalogueItem, Promotion, TaxTable } from '../../contracts/index.ts';
import type { LaneConfig } from '../config.ts';
import type { Clock } from '../../core/clock.ts';
import type { Logger } from '../../core/log.ts';
import type { DomainEvent } from './events.ts';

/** What the checkout rules read from the catalogue. */
export interface CatalogueLookup {
  byCode(gtin14: string): CatalogueItem | null;
  byPlu(plu: string): CatalogueItem | null;
  byId(id: string): CatalogueItem | null;
  promotions(): readonly Promotion[];
  taxes(): TaxTable;
  currency(): string;
}

export interface WeightStats {
  count: number;
  meanGrams: number;
  stdDevGrams: number;
}

/** Learned item weights (Welford statistics per item). */
export interface WeightLearning {
  stats(itemId: string): WeightStats | null;
  /** `samples` > 1 gives a reading more trust (an attendant's reading counts as 2). */
  record(itemId: string, grams: number, samples?: number): void;
}

/** Appends a domain event durably; returns only once it is on disk. */
export interface Recorder {
  append(transactionId: string | null, event: DomainEvent): void;
  /** Several events of one decision, atomically and with one disk sync. */
  appendAll(transactionId: string | null, events: readonly DomainEvent[]): void;
}

export interface CheckoutDeps {
  config: LaneConfig;
  catalogue: CatalogueLookup;
  weights: WeightLearning;
  recorder: Recorder;
  clock: Clock;
  logger: Logger;
  /** Fresh unique ids (transactions, lines, interventions, payment references). */
  newId(prefix: string): string;
  /** Terminal references of every approval in the journal (for reconciling lost payments). */
  knownTerminalReferences: Set<string>;
}
