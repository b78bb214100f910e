import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import type { Logger } from '../../core/log.ts';
import { silentLogger } from '../../core/log.ts';
import type { Migration } from './migration.ts';
import { MIGRATIONS } from './migrations/index.ts';

export type { Database };

export interface OpenDatabaseOptions {
  /** How long a writer waits for another connection's lock (ms). Default 5000. */
  busyTimeoutMs?: number;
  /** Open read-only; no migrations are applied. */
  readonly?: boolean;
  /** Migrations to apply; default: all of lane/db/migrations. */
  migrations?: readonly Migration[];
  logger?: Logger;
}

/**
 * Open (or create) the lane database and bring its schema up to date.
 *
 * Durability contract: files use WAL with `synchronous=FULL`, so every committed write
 * transaction is fsynced to the WAL before the statement returns. A caller that writes and
 * only then acknowledges (the journal does) never acknowledges something a kill -9 or a
 * power cut can take back. `:memory:` databases are for tests and have no durability.
 */
export function openDatabase(path: string, opts: OpenDatabaseOptions = {}): Database {
  const log = opts.logger ?? silentLogger;
  const db = new BetterSqlite3(path, { readonly: opts.readonly ?? false });
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(opts.busyTimeoutMs ?? 5000))}`);
    if (path !== ':memory:' && !opts.readonly) {
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal') log.warn({ mode }, 'database: WAL not available, using rollback journal');
    }
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    if (!opts.readonly) {
      const applied = migrate(db, opts.migrations ?? MIGRATIONS);
      if (applied.length > 0) log.info({ path, applied }, 'database: migrations applied');
    }
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * Apply every migration newer than the recorded schema version, each in its own
 * transaction together with its `schema_migrations` row. Returns the versions applied.
 * Throws (a programming or disk error, not an expected failure) when migrations are
 * mis-numbered or one fails; the failed one leaves nothing behind.
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  sorted.forEach((m, i) => {
    if (m.version !== i + 1) throw new TypeError(`migrations must be numbered 1..n without gaps; found ${m.version} at position ${i + 1}`);
  });
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  )`);
  const done = new Set(
    db
      .prepare<[], { version: number }>('SELECT version FROM schema_migrations')
      .all()
      .map((r) => r.version),
  );
  const record = db.prepare<[number, string, number]>('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const applied: number[] = [];
  for (const m of sorted) {
    if (done.has(m.version)) continue;
    db.transaction(() => {
      m.up(db);
      // Wall time on purpose: when a schema changed is a fact about this machine, not the lane's clock.
      record.run(m.version, m.name, Date.now());
    }).immediate();
    applied.push(m.version);
  }
  return applied;
}

/** Versions recorded in `schema_migrations`, ascending. */
export function appliedMigrations(db: Database): number[] {
  return db
    .prepare<[], { version: number }>('SELECT version FROM schema_migrations ORDER BY version')
    .all()
    .map((r) => r.version);
}
