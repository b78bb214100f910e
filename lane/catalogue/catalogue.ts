/**
 * The catalogue store (SQLite): lookups, search, categories, promotions, taxes, and the one
 * write — replacing the whole catalogue in a transaction. What an import accepts is decided in
 * importCheck.ts, CSV rows are mapped in csvItems.ts. Over 400 lines because the bulk-load
 * write path (index drop and rebuild, pragmas) belongs with the tables it writes.
 */
import { readFileSync } from 'node:fs';
import type { Database, Statement } from 'better-sqlite3';
import { z } from 'zod';
import {
  CatalogueFile,
  CatalogueItem,
  Category,
  localize,
  Promotion,
  TaxTable,
  type Language,
  type LocalizedText,
} from '../../contracts/catalogue.ts';
import { fail, fromZodError, ok, type Result } from '../../contracts/errors.ts';
import type { SearchHit } from '../../contracts/protocol.ts';
import { toGtin14 } from '../codes/gtin.ts';
import type { Clock } from '../../core/clock.ts';
import { silentLogger, type Logger } from '../../core/log.ts';
import { parseCsv } from './csv.ts';
import { csvRowsToItems } from './csvItems.ts';
import { checkImport, type Candidate, type ImportItemError, type ImportOptions, type ImportReport } from './importCheck.ts';

export type { ImportItemError, ImportOptions, ImportRejectReason, ImportReport } from './importCheck.ts';
export { CSV_COLUMNS } from './csvItems.ts';
import { matchExpression, normaliseForIndex, queryTokens } from './normalise.ts';


/** What a CSV import takes from outside the CSV; anything omitted is kept from the current catalogue. */
export interface CsvImportMeta {
  currency?: string;
  taxes?: TaxTable;
  categories?: Category[];
  promotions?: Promotion[];
}

interface ItemRow {
  seq: number;
  id: string;
  plu: string | null;
  name_en: string;
  name_de: string | null;
  name_ru: string | null;
  name_fa: string | null;
  price_minor: number;
  unit: 'each' | 'kg';
  weight_grams: number | null;
  tolerance_grams: number | null;
  no_weight: 0 | 1;
  age_limit: number | null;
  tax_class: string;
  category: string;
  picture: string | null;
  groups_json: string;
}

interface CategoryRow {
  id: string;
  name_en: string;
  name_de: string | null;
  name_ru: string | null;
  name_fa: string | null;
  picture: string | null;
  produce: 0 | 1;
}

type ItemParams = [
  id: string,
  plu: string | null,
  nameEn: string,
  nameDe: string | null,
  nameRu: string | null,
  nameFa: string | null,
  priceMinor: number,
  unit: string,
  weightGrams: number | null,
  toleranceGrams: number | null,
  noWeight: number,
  ageLimit: number | null,
  taxClass: string,
  category: string,
  picture: string | null,
  groupsJson: string,
];


const NAME_COLUMN: Record<Language, string> = { en: 'name_en', de: 'name_de', ru: 'name_ru', fa: 'name_fa' };

function names(r: { name_en: string; name_de: string | null; name_ru: string | null; name_fa: string | null }): LocalizedText {
  const n: LocalizedText = { en: r.name_en };
  if (r.name_de !== null) n.de = r.name_de;
  if (r.name_ru !== null) n.ru = r.name_ru;
  if (r.name_fa !== null) n.fa = r.name_fa;
  return n;
}

const StringArray = z.array(z.string());

function toCategory(r: CategoryRow): Category {
  const c: Category = { id: r.id, name: names(r), produce: r.produce === 1 };
  if (r.picture !== null) c.picture = r.picture;
  return c;
}

/** Map a search result to the wire shape of the produce look-up screen. */
export function toSearchHit(item: CatalogueItem, language: Language): SearchHit {
  const hit: SearchHit = { itemId: item.id, name: localize(item.name, language), priceMinor: item.priceMinor, unit: item.unit, category: item.category };
  if (item.plu !== undefined) hit.plu = item.plu;
  if (item.picture !== undefined) hit.picture = item.picture;
  return hit;
}

/**
 * The catalogue, stored in the lane database (migration 0001). Read methods use prepared
 * statements and return contract types (`CatalogueItem`, `Category`, `Promotion`); codes
 * come back as GTIN-14. Imports replace everything in one transaction: after an import
 * the catalogue is exactly the accepted part of the file, or unchanged if the import failed.
 */
export class Catalogue {
  private readonly log: Logger;
  private readonly s: {
    byCode: Statement<[string], ItemRow>;
    byPlu: Statement<[string], ItemRow>;
    byId: Statement<[string], ItemRow>;
    codesOf: Statement<[number], { code: string }>;
    byCategory: Statement<[string, number], ItemRow>;
    categories: Statement<[], CategoryRow>;
    produceCategories: Statement<[], CategoryRow>;
    promotions: Statement<[], { id: string; body_json: string }>;
    taxes: Statement<[], { tax_class: string; rate_bp: number }>;
    meta: Statement<[string], { value: string }>;
    counts: Statement<[], { items: number; codes: number }>;
    search: Statement<[string, number], ItemRow>;
    searchUnranked: Statement<[string, number], ItemRow>;
  };

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    logger: Logger = silentLogger,
  ) {
    this.log = logger;
    this.s = {
      byCode: db.prepare('SELECT i.* FROM item_codes c JOIN items i ON i.seq = c.item_seq WHERE c.code = ?'),
      byPlu: db.prepare('SELECT * FROM items WHERE plu = ?'),
      byId: db.prepare('SELECT * FROM items WHERE id = ?'),
      codesOf: db.prepare('SELECT code FROM item_codes WHERE item_seq = ? ORDER BY code'),
      byCategory: db.prepare('SELECT * FROM items WHERE category = ? ORDER BY seq LIMIT ?'),
      categories: db.prepare('SELECT * FROM categories ORDER BY position'),
      produceCategories: db.prepare('SELECT * FROM categories WHERE produce = 1 ORDER BY position'),
      promotions: db.prepare('SELECT id, body_json FROM promotions ORDER BY position'),
      taxes: db.prepare('SELECT tax_class, rate_bp FROM taxes ORDER BY tax_class'),
      meta: db.prepare('SELECT value FROM catalogue_meta WHERE key = ?'),
      counts: db.prepare('SELECT (SELECT count(*) FROM items) AS items, (SELECT count(*) FROM item_codes) AS codes'),
      search: db.prepare(
        `SELECT i.* FROM (SELECT rowid, rank FROM item_search WHERE item_search MATCH ? ORDER BY rank LIMIT ?) s
         JOIN items i ON i.seq = s.rowid ORDER BY s.rank`,
      ),
      searchUnranked: db.prepare(
        `SELECT i.* FROM (SELECT rowid FROM item_search WHERE item_search MATCH ? LIMIT ?) s
         JOIN items i ON i.seq = s.rowid ORDER BY i.seq`,
      ),
    };
  }

  // ── lookups ────────────────────────────────────────────────────────────────

  /** Item by barcode. Any valid GTIN-8/12/13/14 is accepted and normalised; invalid → null. */
  byCode(code: string): CatalogueItem | null {
    const gtin14 = toGtin14(code);
    if (gtin14 === null) return null;
    const row = this.s.byCode.get(gtin14);
    return row ? this.toItem(row) : null;
  }

  byPlu(plu: string): CatalogueItem | null {
    const row = this.s.byPlu.get(plu);
    return row ? this.toItem(row) : null;
  }

  byId(id: string): CatalogueItem | null {
    const row = this.s.byId.get(id);
    return row ? this.toItem(row) : null;
  }

  /**
   * Name search for the look-up screen: every word of `text` must start a word of the
   * item's name in `language` or in English (the fallback name), or start its PLU. Case,
   * Latin accents and Persian/Arabic letter variants are ignored. An exact PLU comes first,
   * then FTS5 bm25 rank (catalogue order when every word is a single letter).
   */
  search(text: string, language: Language, limit = 24): CatalogueItem[] {
    const columns = language === 'en' ? ['name_en', 'plu'] : [NAME_COLUMN[language], 'name_en', 'plu'];
    const match = matchExpression(text, columns);
    if (match === null) return [];
    const cap = Math.max(1, Math.min(500, Math.trunc(limit)));
    const tokens = queryTokens(text);
    const exact = tokens.length === 1 && /^\d{4,5}$/.test(tokens[0] ?? '') ? this.s.byPlu.get(tokens[0] ?? '') : undefined;
    // Rank inside FTS first and join only the page we return: a one-letter prefix can match
    // most of a large catalogue.
    // One-letter queries can match most of a large catalogue: skip ranking, take the first
    // matches in catalogue order (FTS5 stops at the limit).
    const ranked = tokens.some((t) => t.length > 1);
    const rows = (ranked ? this.s.search : this.s.searchUnranked).all(match, cap).filter((r) => r.seq !== exact?.seq);
    if (exact) rows.unshift(exact);
    rows.length = Math.min(rows.length, cap);
    return rows.map((r) => this.toItem(r));
  }

  byCategory(categoryId: string, limit = 48): CatalogueItem[] {
    return this.s.byCategory.all(categoryId, Math.max(1, Math.trunc(limit))).map((r) => this.toItem(r));
  }

  /** Categories in file order; only those marked `produce` when asked. */
  categories(produceOnly = false): Category[] {
    return (produceOnly ? this.s.produceCategories : this.s.categories).all().map(toCategory);
  }

  /**
   * Promotions valid now (by the lane clock), in file order, each parsed back through the
   * Promotion schema; a stored row that no longer parses is logged and left out.
   */
  promotions(): Promotion[] {
    const now = this.clock.now();
    const out: Promotion[] = [];
    for (const row of this.s.promotions.all()) {
      let raw: unknown;
      try {
        raw = JSON.parse(row.body_json);
      } catch {
        this.log.error({ promotion: row.id }, 'catalogue: stored promotion is not JSON');
        continue;
      }
      const parsed = Promotion.safeParse(raw);
      if (!parsed.success) {
        this.log.error({ promotion: row.id, error: fromZodError(parsed.error, 'promotion') }, 'catalogue: stored promotion is invalid');
        continue;
      }
      const p = parsed.data;
      if (p.validFrom !== undefined && Date.parse(p.validFrom) > now) continue;
      if (p.validTo !== undefined && Date.parse(p.validTo) < now) continue;
      out.push(p);
    }
    return out;
  }

  taxes(): TaxTable {
    const t: TaxTable = {};
    for (const r of this.s.taxes.all()) t[r.tax_class] = r.rate_bp;
    return t;
  }

  /** ISO 4217 code of the imported catalogue; null before the first import. */
  currency(): string | null {
    return this.s.meta.get('currency')?.value ?? null;
  }

  /** When the current catalogue was imported (lane clock ms); null before the first import. */
  importedAt(): number | null {
    const v = this.s.meta.get('importedAt')?.value;
    return v === undefined ? null : Number(v);
  }

  stats(): { items: number; codes: number } {
    return this.s.counts.get() ?? { items: 0, codes: 0 };
  }

  // ── imports ────────────────────────────────────────────────────────────────

  /** Replace the catalogue with a parsed file. See `ImportReport` for what was left out and why. */
  importFile(file: CatalogueFile, opts: ImportOptions = {}): Result<ImportReport> {
    return this.replaceAll(
      file,
      file.items.map((item, index) => ({ index, item })),
      [],
      opts,
    );
  }

  /**
   * Read and import a catalogue JSON file. The envelope (currency, taxes, categories,
   * promotions) must be valid or nothing happens; items failing their schema are rejected
   * one by one (`invalidItem`) and the rest imported.
   */
  importJson(path: string, opts: ImportOptions = {}): Result<ImportReport> {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path, 'utf8'));
    } catch (err) {
      return fail('invalidInput', `cannot read catalogue ${path}: ${errorMessage(err)}`);
    }
    const envelope = CatalogueFile.extend({ items: z.array(z.unknown()) }).safeParse(raw);
    if (!envelope.success) return { ok: false, error: fromZodError(envelope.error, 'catalogue file') };
    const candidates: Candidate[] = [];
    const rejected: ImportItemError[] = [];
    envelope.data.items.forEach((rawItem, index) => {
      const parsed = CatalogueItem.safeParse(rawItem);
      if (parsed.success) candidates.push({ index, item: parsed.data });
      else rejected.push({ index, ...idOf(rawItem), reason: 'invalidItem', message: fromZodError(parsed.error, 'item').message });
    });
    return this.replaceAll({ ...envelope.data, items: [] }, candidates, rejected, opts);
  }

  /**
   * Import items from a CSV file (format: lane/catalogue/README.md). Currency, taxes,
   * categories and promotions come from `meta` or, when omitted, stay as they are.
   */
  importCsv(path: string, meta: CsvImportMeta = {}, opts: ImportOptions = {}): Result<ImportReport> {
    let text: string;
  try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      return fail('invalidInput', `cannot read catalogue ${path}: ${errorMessage(err)}`);
    }
    return this.importCsvText(text, meta, opts);
  }

  /** `importCsv` for text already in memory. */
  importCsvText(text: string, meta: CsvImportMeta = {}, opts: ImportOptions = {}): Result<ImportReport> {
    const parsed = parseCsv(text);
    if (!parsed.ok) return parsed;
    const rows = csvRowsToItems(parsed.value);
    if (!rows.ok) return rows;
    const currency = meta.currency ?? this.currency();
    if (currency === null) return fail('invalidInput', 'a CSV import needs a currency (none given and no catalogue imported yet)', { path: 'currency' });
    const file: CatalogueFile = {
      version: 1,
      currency,
      taxes: meta.taxes ?? this.taxes(),
      categories: meta.categories ?? this.categories(),
      promotions: meta.promotions ?? this.allPromotions(),
      items: [],
    };
    const envelope = CatalogueFile.safeParse(file);
    if (!envelope.success) return { ok: false, error: fromZodError(envelope.error, 'catalogue meta') };
    return this.replaceAll(envelope.data, rows.value.candidates, rows.value.rejected, opts);
  }

  private allPromotions(): Promotion[] {
    const out: Promotion[] = [];
    for (const row of this.s.promotions.all()) {
      const p = Promotion.safeParse(JSON.parse(row.body_json));
      if (p.success) out.push(p.data);
    }
    return out;
  }

  private replaceAll(file: CatalogueFile, candidates: readonly Candidate[], preRejected: readonly ImportItemError[], opts: ImportOptions): Result<ImportReport> {
    const checked = checkImport(file, candidates, preRejected, opts);
    if (!checked.ok) return checked;
    const { accepted, errors } = checked.value;

    const db = this.db;
    const insItem = db.prepare<ItemParams>(
      `INSERT INTO items (id, plu, name_en, name_de, name_ru, name_fa, price_minor, unit, weight_grams, tolerance_grams,
         no_weight, age_limit, tax_class, category, picture, groups_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insCode = db.prepare<[string, number | bigint]>('INSERT INTO item_codes (code, item_seq) VALUES (?, ?)');
    const insSearch = db.prepare<[number | bigint, string, string | null, string | null, string | null, string | null]>(
      'INSERT INTO item_search (rowid, name_en, name_de, name_ru, name_fa, plu) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const insCategory = db.prepare<[string, number, string, string | null, string | null, string | null, string | null, number]>(
      'INSERT INTO categories (id, position, name_en, name_de, name_ru, name_fa, picture, produce) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const insPromotion = db.prepare<[string, number, string, string | null, string | null, string]>(
      'INSERT INTO promotions (id, position, kind, valid_from, valid_to, body_json) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const insTax = db.prepare<[string, number]>('INSERT INTO taxes (tax_class, rate_bp) VALUES (?, ?)');
    const insMeta = db.prepare<[string, string]>('INSERT INTO catalogue_meta (key, value) VALUES (?, ?)');
    const idx = (s: string | undefined): string | null => (s === undefined ? null : normaliseForIndex(s));

    let codeCount = 0;
    // Bulk-load settings for this connection, restored afterwards. Foreign keys are off so that
    // the wholesale DELETEs take SQLite's truncate path instead of checking every row; the
    // checks above guarantee every item's category exists and every code points at an item.
    // A larger page cache keeps the code and id indexes in memory for big catalogues.
    const foreignKeys = db.pragma('foreign_keys', { simple: true });
    const cacheSize = db.pragma('cache_size', { simple: true });
    db.pragma('foreign_keys = OFF');
    if (accepted.length > 20_000) db.pragma(`cache_size = ${-Math.min(262_144, 64 * Math.ceil(accepted.length / 256))}`);
    // Secondary indexes of the big tables are dropped for the bulk insert and rebuilt from
    // their own SQL afterwards (building an index once is far cheaper than maintaining it
    // per row). The migration stays their only definition.
    const indexes = db
      .prepare<[], { name: string; sql: string }>("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name IN ('items', 'item_codes') AND sql IS NOT NULL")
      .all();
    try {
      db.transaction(() => {
        for (const ix of indexes) db.exec(`DROP INDEX "${ix.name.replace(/"/g, '""')}"`);
        db.exec(`DELETE FROM item_codes; DELETE FROM items; DELETE FROM categories; DELETE FROM promotions;
                 DELETE FROM taxes; DELETE FROM catalogue_meta; INSERT INTO item_search (item_search) VALUES ('delete-all');`);
        insMeta.run('currency', file.currency);
        insMeta.run('importedAt', String(this.clock.now()));
        for (const [cls, bp] of Object.entries(file.taxes)) insTax.run(cls, bp);
        file.categories.forEach((c, i) => {
          insCategory.run(c.id, i, c.name.en, c.name.de ?? null, c.name.ru ?? null, c.name.fa ?? null, c.picture ?? null, c.produce ? 1 : 0);
        });
        file.promotions.forEach((p, i) => {
          insPromotion.run(p.id, i, p.kind, p.validFrom ?? null, p.validTo ?? null, JSON.stringify(p));
        });
        for (const { item: it, codes } of accepted) {
          const seq = insItem.run(
            it.id,
            it.plu ?? null,
            it.name.en,
            it.name.de ?? null,
            it.name.ru ?? null,
            it.name.fa ?? null,
            it.priceMinor,
            it.unit,
            it.weightGrams ?? null,
            it.toleranceGrams ?? null,
            it.noWeight ? 1 : 0,
            it.ageLimit ?? null,
            it.taxClass,
            it.category,
            it.picture ?? null,
            it.groups.length === 0 ? '[]' : JSON.stringify(it.groups),
          ).lastInsertRowid;
          for (const g of codes) insCode.run(g, seq);
          codeCount += codes.length;
          insSearch.run(seq, normaliseForIndex(it.name.en), idx(it.name.de), idx(it.name.ru), idx(it.name.fa), it.plu ?? null);
        }
        for (const ix of indexes) db.exec(ix.sql);
      }).immediate();
    } catch (err) {
      // Rolled back: the catalogue is as it was. The checks above make this a disk or bug case.
      this.log.error({ err }, 'catalogue: import failed');
      return fail('internal', `catalogue import failed, nothing changed: ${errorMessage(err)}`);
    } finally {
      db.pragma(`cache_size = ${Number(cacheSize)}`);
      db.pragma(`foreign_keys = ${foreignKeys === 1 ? 'ON' : 'OFF'}`);
    }

    const report: ImportReport = {
      items: accepted.length,
      codes: codeCount,
      categories: file.categories.length,
      promotions: file.promotions.length,
      rejected: errors.length,
      errors,
    };
    this.log.info({ items: report.items, rejected: report.rejected }, 'catalogue: imported');
    return ok(report);
  }

  private toItem(r: ItemRow): CatalogueItem {
    const groups = StringArray.safeParse(JSON.parse(r.groups_json));
    const item: CatalogueItem = {
      id: r.id,
      codes: this.s.codesOf.all(r.seq).map((c) => c.code),
      name: names(r),
      priceMinor: r.price_minor,
      unit: r.unit,
      noWeight: r.no_weight === 1,
      taxClass: r.tax_class,
      category: r.category,
      groups: groups.success ? groups.data : [],
    };
    if (r.plu !== null) item.plu = r.plu;
    if (r.weight_grams !== null) item.weightGrams = r.weight_grams;
    if (r.tolerance_grams !== null) item.toleranceGrams = r.tolerance_grams;
    if (r.age_limit !== null) item.ageLimit = r.age_limit;
    if (r.picture !== null) item.picture = r.picture;
    return item;
  }
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function idOf(raw: unknown): { itemId?: string } {
  if (typeof raw === 'object' && raw !== null && 'id' in raw && typeof raw.id === 'string') return { itemId: raw.id };
  return {};
}

