import type { Database } from 'better-sqlite3';
import type { Migration } from '../migration.ts';

/**
 * Catalogue: items, their barcodes (GTIN-14), categories, promotions, taxes and metadata.
 * Uniqueness of item ids and PLUs is kept by explicit indexes, not column constraints, so
 * the importer can drop them and build them once after a bulk insert (much faster than
 * updating them row by row).
 * `item_search` is a contentless FTS5 index over normalised names and PLUs; its rowid is
 * `items.seq`. Hot lookups: by code (item_codes primary key), by PLU (unique index), by id.
 */
export const migration: Migration = {
  version: 1,
  name: 'catalogue',
  up(db: Database): void {
    db.exec(`
      CREATE TABLE catalogue_meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE taxes (
        tax_class TEXT PRIMARY KEY,
        rate_bp   INTEGER NOT NULL CHECK (rate_bp BETWEEN 0 AND 10000)
      ) WITHOUT ROWID;

      CREATE TABLE categories (
        id       TEXT PRIMARY KEY,
        position INTEGER NOT NULL,
        name_en  TEXT NOT NULL,
        name_de  TEXT,
        name_ru  TEXT,
        name_fa  TEXT,
        picture  TEXT,
        produce  INTEGER NOT NULL DEFAULT 0 CHECK (produce IN (0, 1))
      );

      CREATE TABLE items (
        seq             INTEGER PRIMARY KEY,
        id              TEXT NOT NULL,
        plu             TEXT,
        name_en         TEXT NOT NULL,
        name_de         TEXT,
        name_ru         TEXT,
        name_fa         TEXT,
        price_minor     INTEGER NOT NULL CHECK (price_minor >= 0),
        unit            TEXT NOT NULL CHECK (unit IN ('each', 'kg')),
        weight_grams    INTEGER,
        tolerance_grams INTEGER,
        no_weight       INTEGER NOT NULL DEFAULT 0 CHECK (no_weight IN (0, 1)),
        age_limit       INTEGER,
        tax_class       TEXT NOT NULL,
        category        TEXT NOT NULL REFERENCES categories (id),
        picture         TEXT,
        groups_json     TEXT NOT NULL DEFAULT '[]'
      );
      -- Explicit indexes (not column constraints): a bulk import drops and rebuilds them.
      CREATE UNIQUE INDEX items_by_id ON items (id);
      -- Partial: most items have no PLU, and a NULL needs no index entry.
      CREATE UNIQUE INDEX items_by_plu ON items (plu) WHERE plu IS NOT NULL;
      CREATE INDEX items_by_category ON items (category, seq);

      CREATE TABLE item_codes (
        code     TEXT PRIMARY KEY CHECK (length(code) = 14),
        item_seq INTEGER NOT NULL REFERENCES items (seq)
      ) WITHOUT ROWID;
      CREATE INDEX item_codes_by_item ON item_codes (item_seq);

      CREATE TABLE promotions (
        id         TEXT PRIMARY KEY,
        position   INTEGER NOT NULL,
        kind       TEXT NOT NULL,
        valid_from TEXT,
        valid_to   TEXT,
        body_json  TEXT NOT NULL
      );

      CREATE VIRTUAL TABLE item_search USING fts5 (
        name_en, name_de, name_ru, name_fa, plu,
        content = '',
        tokenize = 'unicode61 remove_diacritics 2'
      );
    `);
  },
};
