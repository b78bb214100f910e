/**
 * The importer's judgement, before anything is written: file-level checks that make a whole
 * file unusable (duplicate category or promotion ids, bad dates) and item checks that leave
 * one item out (bad or duplicate code, duplicate id or PLU, unknown category or tax class).
 * Pure; the store (catalogue.ts) writes what this accepts.
 */
import type { CatalogueFile, CatalogueItem } from '../../contracts/catalogue.ts';
import { fail, ok, type Result } from '../../contracts/errors.ts';
import { toGtin14 } from '../codes/gtin.ts';

export type ImportRejectReason =
  | 'invalidItem' // failed the CatalogueItem schema (JSON/CSV import)
  | 'invalidCode' // not 8, 12, 13 or 14 digits
  | 'invalidCheckDigit'
  | 'duplicateCode' // the code already belongs to an earlier item in the file
  | 'duplicateId'
  | 'duplicatePlu'
  | 'unknownCategory'
  | 'unknownTaxClass';

/** Why one item of an import was left out. `index` is its 0-based position in the file's items. */
export interface ImportItemError {
  index: number;
  /** CSV: the line the row starts on. */
  line?: number;
  itemId?: string;
  reason: ImportRejectReason;
  message: string;
  /** The offending code, PLU or field. */
  value?: string;
}

export interface ImportReport {
  items: number;
  codes: number;
  categories: number;
  promotions: number;
  rejected: number;
  errors: ImportItemError[];
}

export interface ImportOptions {
  /** Refuse the whole import (change nothing) if any item is rejected. Default false. */
  strict?: boolean;
}

/** One item of a file, before the checks. */
export interface Candidate {
  index: number;
  line?: number;
  item: CatalogueItem;
}

export interface CheckedImport {
  accepted: Array<{ item: CatalogueItem; codes: string[] }>;
  /** Items left out, by position in the file. */
  errors: ImportItemError[];
}

export function checkImport(file: CatalogueFile, candidates: readonly Candidate[], preRejected: readonly ImportItemError[], opts: ImportOptions): Result<CheckedImport> {
  // File-level checks: these make the whole file unusable.
  const categoryIds = new Set<string>();
  for (const c of file.categories) {
    if (categoryIds.has(c.id)) return fail('invalidInput', `duplicate category id '${c.id}'`, { path: 'categories' });
    categoryIds.add(c.id);
  }
  const promotionIds = new Set<string>();
  for (const p of file.promotions) {
    if (promotionIds.has(p.id)) return fail('invalidInput', `duplicate promotion id '${p.id}'`, { path: 'promotions' });
    promotionIds.add(p.id);
    for (const [field, v] of [
      ['validFrom', p.validFrom],
      ['validTo', p.validTo],
    ] as const) {
      if (v !== undefined && Number.isNaN(Date.parse(v))) return fail('invalidInput', `promotion '${p.id}': ${field} is not a date`, { path: `promotions.${p.id}.${field}` });
    }
  }

  // Item checks: an item with any problem is left out whole; the first of two duplicates wins.
  const errors: ImportItemError[] = [...preRejected];
  const accepted: Array<{ item: CatalogueItem; codes: string[] }> = [];
  const codeOwner = new Map<string, string>();
  const pluOwner = new Map<string, string>();
  const ids = new Set<string>();
  for (const { index, line, item } of candidates) {
    const reject = (reason: ImportRejectReason, message: string, value?: string): void => {
      const e: ImportItemError = { index, itemId: item.id, reason, message };
      if (line !== undefined) e.line = line;
      if (value !== undefined) e.value = value;
      errors.push(e);
    };
    if (ids.has(item.id)) {
      reject('duplicateId', `item id '${item.id}' appears earlier in the file`, item.id);
      continue;
    }
    const codes: string[] = [];
    let bad = false;
    for (const code of item.codes) {
      const g = toGtin14(code);
      if (g === null) {
        if ([8, 12, 13, 14].includes(code.length)) reject('invalidCheckDigit', `code ${code} has a wrong check digit`, code);
        else reject('invalidCode', `code ${code} is not a GTIN-8, -12, -13 or -14`, code);
        bad = true;
        break;
      }
      const owner = codeOwner.get(g);
      if (owner !== undefined) {
        reject('duplicateCode', `code ${code} already belongs to item '${owner}'`, code);
        bad = true;
        break;
      }
      if (!codes.includes(g)) codes.push(g);
    }
    if (bad) continue;
    if (item.plu !== undefined) {
      const owner = pluOwner.get(item.plu);
      if (owner !== undefined) {
        reject('duplicatePlu', `PLU ${item.plu} already belongs to item '${owner}'`, item.plu);
        continue;
      }
    }
    if (!categoryIds.has(item.category)) {
      reject('unknownCategory', `category '${item.category}' is not in the file`, item.category);
      continue;
    }
    if (file.taxes[item.taxClass] === undefined) {
      reject('unknownTaxClass', `tax class '${item.taxClass}' is not in the tax table`, item.taxClass);
      continue;
    }
    ids.add(item.id);
    for (const g of codes) codeOwner.set(g, item.id);
    if (item.plu !== undefined) pluOwner.set(item.plu, item.id);
    accepted.push({ item, codes });
  }
  errors.sort((a, b) => a.index - b.index);

  if (opts.strict && errors.length > 0) {
    return fail('invalidInput', `${errors.length} item(s) rejected; nothing imported (first: ${errors[0]?.message ?? ''})`, {
      detail: { errors },
    });
  }
  return ok({ accepted, errors });
}
