/** Public surface of barcode parsing. */
export { parseScan } from './parse.ts';
export type { ParsedCode, ParseOptions, RetailSymbology } from './parse.ts';
export { CodeConfig, DigitSpan, VariableMeasureTemplate, defaultCodeConfig, defaultVariableMeasureTemplates } from './config.ts';
export type { CodeConfigInput } from './config.ts';
export type { CodeFailureReason } from './failure.ts';
export { GS, gs1Date, parseGs1 } from './gs1.ts';
export type { Gs1Data } from './gs1.ts';
export { priceCheckDigit } from './priceCheck.ts';
export { expandUpcE, gtinCheckDigit, isValidGtin, toGtin14, withCheckDigit } from './gtin.ts';
