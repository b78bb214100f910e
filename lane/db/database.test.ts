import { describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { appliedMigrations, migrate, openDatabase } from './database.ts';
import type { Migration } from './migration.ts';
import { MIGRATIONS } from './migrations/index.ts';
import { tempDir } from './testing.ts';

describe('openDatabase', () => {
  it('opens a file database in WAL mode with synchronous=FULL, foreign keys and a busy timeout', () => {
    const t = tempDir();
    const db = openDatabase(t.path(), { busyTimeoutMs: 1234 });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(1234);
    db.close();
    t.cleanup();
  });

  it('opens :memory: with every migration applied', () => {
    const db = openDatabase(':memory:');
    expect(appliedMigrations(db)).toEqual(MIGRATIONS.map((m) => m.version));
    db.close();
  });

  it('applies nothing on reopen', () => {
    const t = tempDir();
    openDatabase(t.path()).close();
    const db = openDatabase(t.path());
    expect(migrate(db)).toEqual([]);
    expect(appliedMigrations(db)).toEqual([1, 2, 3, 4]);
    db.close();
    t.cleanup();
  });
});

describe('migrate', () => {
  const ok: Migration = { version: 1, name: 'one', up: (db: Database) => db.exec('CREATE TABLE one (x)') };

  it('rolls back a failing migration completely, keeping earlier ones', () => {
    const db = openDatabase(':memory:', { migrations: [] });
    const bad: Migration = {
      version: 2,
      name: 'bad',
      up: (d: Database) => {
        d.exec('CREATE TABLE two (x)');
        throw new Error('boom');
      },
    };
    expect(() => migrate(db, [ok, bad])).toThrow('boom');
    expect(appliedMigrations(db)).toEqual([1]);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'two'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('rejects migrations with a gap in their numbers', () => {
    const db = openDatabase(':memory:', { migrations: [] });
    expect(() => migrate(db, [ok, { ...ok, version: 3 }])).toThrow(TypeError);
    db.close();
  });

  it('applies only the new migration when one is added later', () => {
    const db = openDatabase(':memory:', { migrations: [ok] });
    const two: Migration = { version: 2, name: 'two', up: (d: Database) => d.exec('CREATE TABLE two (x)') };
    expect(migrate(db, [ok, two])).toEqual([2]);
    db.close();
  });
});
