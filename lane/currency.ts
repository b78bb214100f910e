import { currencyInfo, fail, numericString, ok, type CurrencyInfo, type Result } from '../contracts/index.ts';
import type { LaneConfig } from './config.ts';

/**
 * The lane's one currency setting: `config.currency` when set, else the catalogue's (EUR for
 * a lane with neither, as an empty simulated lane). Every
 * other currency figure is derived from it (ISO 4217 table, contracts/currency.ts): the
 * exponent on screen and receipt, the numeric code of GS1 AI 393n prices, the card
 * terminal's currency. A derived figure that is still given explicitly (older configuration
 * files) must agree; a disagreement is refused at start with the field named.
 */
export interface CurrencySources {
  config: LaneConfig;
  /** The imported catalogue's currency, if any. */
  catalogueCurrency: string | null;
  /** The card terminal's currency code as configured, when the devices come with one. */
  terminalCurrencyCode?: number | undefined;
}

export function resolveLaneCurrency(src: CurrencySources): Result<CurrencyInfo> {
  const setting = src.config.currency ?? src.catalogueCurrency ?? 'EUR';
  const info = currencyInfo(setting, src.config.currency !== undefined ? 'currency' : 'catalogue.currency');
  if (!info.ok) return info;
  const c = info.value;
  const codes = src.config.codes;
  const mismatch = (path: string, given: unknown, derived: unknown): Result<CurrencyInfo> =>
    fail('invalidInput', `${path} is ${JSON.stringify(given)} but the lane's currency ${c.alpha} has ${JSON.stringify(derived)}; remove ${path} (it is derived)`, {
      path,
    });
  if (src.config.currencyExponent !== undefined && src.config.currencyExponent !== c.exponent) return mismatch('currencyExponent', src.config.currencyExponent, c.exponent);
  if (codes['currencyExponent'] !== undefined && codes['currencyExponent'] !== c.exponent) return mismatch('codes.currencyExponent', codes['currencyExponent'], c.exponent);
  if (codes['currencyNumeric'] !== undefined && codes['currencyNumeric'] !== numericString(c)) return mismatch('codes.currencyNumeric', codes['currencyNumeric'], numericString(c));
  if (src.terminalCurrencyCode !== undefined && src.terminalCurrencyCode !== c.numeric) return mismatch('devices.terminal.currencyCode', src.terminalCurrencyCode, c.numeric);
  return ok(c);
}

/** The configuration with every currency figure filled in from the one resolved currency. */
export function withLaneCurrency(config: LaneConfig, c: CurrencyInfo): LaneConfig {
  return {
    ...config,
    currency: c.alpha,
    currencyExponent: c.exponent,
    codes: { ...config.codes, currencyExponent: c.exponent, currencyNumeric: numericString(c) },
  };
}

/**
 * The currency the checkout shows, charges and prints. A lane opened by `openLane` has it
 * resolved in its configuration; a service built directly (tests) falls back to the
 * catalogue's, through the same table.
 */
export function checkoutCurrency(config: Pick<LaneConfig, 'currency' | 'currencyExponent'>, catalogue: { currency(): string }): { alpha: string; exponent: number } {
  const alpha = config.currency ?? catalogue.currency();
  if (config.currencyExponent !== undefined) return { alpha, exponent: config.currencyExponent };
  const info = currencyInfo(alpha);
  // An unknown code cannot come through openLane (refused at start); a hand-built service gets 2.
  return { alpha, exponent: info.ok ? info.value.exponent : 2 };
}
