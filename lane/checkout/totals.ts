import type { Language } from '../../contracts/index.ts';
import { priceBasket, type PricedBasket, type Pricer, type PricingLine } from '../pricing/price.ts';
import type { CatalogueLookup } from './deps.ts';
import { activeLines, type TxState } from './tx.ts';

/** Price the transaction's active lines with the catalogue's promotions and tax table. */
export function priceTx(tx: TxState, catalogue: CatalogueLookup & { pricer?: () => Pricer }, opts: { now: number; language: Language }): PricedBasket {
  const lines: PricingLine[] = activeLines(tx).map((l) => ({
    lineId: l.lineId,
    itemId: l.itemId,
    unit: l.weightGrams ? 'kg' : l.unit,
    quantity: l.quantity,
    ...(l.weightGrams ? { weightGrams: l.weightGrams } : {}),
    unitPriceMinor: l.unitPriceMinor,
    taxClass: l.taxClass,
    groups: l.groups,
    ...(l.fixedTotalMinor !== undefined ? { fixedTotalMinor: l.fixedTotalMinor } : {}),
    overridden: l.overridden,
  }));
  return catalogue.pricer ? catalogue.pricer()(lines, opts) : priceBasket(lines, catalogue.promotions(), catalogue.taxes(), opts);
}
