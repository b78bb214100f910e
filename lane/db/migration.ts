import type { Database } from 'better-sqlite3';

/**
 * One schema step. `version` is the number in the file name (`0001-catalogue.ts` → 1);
 * `up` runs inside the transaction that also records the version in `schema_migrations`,
 * so a migration is applied completely or not at all. Migrations are never edited after
 * release: a change is a new file.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database): void;
}
