export {
  Catalogue,
  CSV_COLUMNS,
  toSearchHit,
  type CsvImportMeta,
  type ImportItemError,
  type ImportOptions,
  type ImportRejectReason,
  type ImportReport,
} from './catalogue.ts';
export { parseCsv, csvField, type CsvRecord } from './csv.ts';
export { normaliseForIndex, queryTokens, matchExpression } from './normalise.ts';
