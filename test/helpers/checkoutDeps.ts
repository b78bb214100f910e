import type { CatalogueItemInput } from '../../contracts/index.ts';
import { ManualClock } from '../../core/clock.ts';
import { silentLogger } from '../../core/log.ts';
import type { CheckoutDeps } from '../../lane/checkout/deps.ts';
import type { DomainEvent } from '../../lane/checkout/events.ts';
import { newLine } from '../../lane/checkout/rules.ts';
import { applyEvent, emptyTx, type TxState } from '../../lane/checkout/tx.ts';
import { LaneConfig, type LaneConfigInput } from '../../lane/config.ts';
import { MemoryCatalogue, MemoryWeights, TEST_ITEMS } from './memoryLane.ts';

/**
 * Checkout dependencies with no lane around them, for unit tests of the deciders: the test
 * catalogue, learned weights in memory, a manual clock, numbered ids and a recorder that
 * only collects what it is given.
 */
export function checkoutDeps(config: LaneConfigInput = {}, items: CatalogueItemInput[] = TEST_ITEMS): CheckoutDeps & { recorded: DomainEvent[]; weights: MemoryWeights; clock: ManualClock; catalogue: MemoryCatalogue } {
  let n = 0;
  const recorded: DomainEvent[] = [];
  return {
    config: LaneConfig.parse(config),
    catalogue: new MemoryCatalogue(items),
    weights: new MemoryWeights(),
    recorder: { append: (_t, e) => void recorded.push(e), appendAll: (_t, es) => void recorded.push(...es) },
    clock: new ManualClock(),
    logger: silentLogger,
    newId: (p) => `${p}-${++n}`,
    knownTerminalReferences: new Set(),
    recorded,
  };
}

/** A transaction built by applying events (the same reducer the machine uses). */
export function txOf(deps: CheckoutDeps, events: DomainEvent[]): TxState {
  let tx = emptyTx('tx-test', deps.clock.now(), 'en');
  for (const e of events) tx = applyEvent(tx, e, deps.clock.now());
  return tx;
}

/** `item.added` for one unit of a test catalogue item. */
export function added(deps: CheckoutDeps, itemId: string, opts: { quantity?: number; weightGrams?: number } = {}): DomainEvent {
  const item = deps.catalogue.byId(itemId);
  if (!item) throw new Error(`no test item ${itemId}`);
  return { type: 'item.added', line: newLine(deps, item, item.codes[0] ?? item.plu ?? item.id, opts) };
}
