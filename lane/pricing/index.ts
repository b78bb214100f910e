/** Public surface of the pricing engine. */
export { createPricer, priceBasket } from './price.ts';
export type { PricedBasket, PricedLine, Pricer, PricingLine, PricingOptions } from './price.ts';
