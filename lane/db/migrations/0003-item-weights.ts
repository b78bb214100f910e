import type { Database } from 'better-sqlite3';
import type { Migration } from '../migration.ts';

/**
 * Learned item weights for bagging security: running statistics per item (Welford's
 * algorithm). `mean_grams` and `m2` are REAL (statistics, not money); variance = m2 / (count − 1).
 * Not tied to `items` by a foreign key: the catalogue is replaced wholesale on import and
 * what the lane has learned must survive that.
 */
export const migration: Migration = {
  version: 3,
  name: 'item-weights',
  up(db: Database): void {
    db.exec(`
      CREATE TABLE item_weights (
        item_id    TEXT PRIMARY KEY,
        count      INTEGER NOT NULL CHECK (count >= 0),
        mean_grams REAL NOT NULL,
        m2         REAL NOT NULL CHECK (m2 >= 0),
        min_grams  INTEGER NOT NULL,
        max_grams  INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) WITHOUT ROWID;
    `);
  },
};
