import type { Database } from 'better-sqlite3';
import type { Migration } from '../migration.ts';

/** Key/value settings (JSON values) the lane persists across restarts. */
export const migration: Migration = {
  version: 4,
  name: 'settings',
  up(db: Database): void {
    db.exec(`
      CREATE TABLE settings (
        key        TEXT PRIMARY KEY,
        value_json TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) WITHOUT ROWID;
    `);
  },
};
