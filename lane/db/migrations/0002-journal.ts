import type { Database } from 'better-sqlite3';
import type { Migration } from '../migration.ts';

/**
 * The append-only, hash-chained journal (see lane/journal). Triggers refuse UPDATE and
 * DELETE so no code path can rewrite history by accident; the hash chain is what detects
 * deliberate tampering. `journal_head` mirrors the last entry so a truncated tail is noticed.
 */
export const migration: Migration = {
  version: 2,
  name: 'journal',
  up(db: Database): void {
    db.exec(`
      CREATE TABLE journal (
        seq            INTEGER PRIMARY KEY,
        at             INTEGER NOT NULL,
        transaction_id TEXT,
        type           TEXT NOT NULL,
        payload        TEXT NOT NULL,
        prev_hash      TEXT NOT NULL,
        hash           TEXT NOT NULL
      );
      CREATE INDEX journal_by_transaction ON journal (transaction_id, seq) WHERE transaction_id IS NOT NULL;

      CREATE TABLE journal_head (
        id   INTEGER PRIMARY KEY CHECK (id = 1),
        seq  INTEGER NOT NULL,
        hash TEXT NOT NULL
      );

      CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
      BEGIN SELECT RAISE(ABORT, 'journal is append-only'); END;
      CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
      BEGIN SELECT RAISE(ABORT, 'journal is append-only'); END;
    `);
  },
};
