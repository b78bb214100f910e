import { afterAll, describe, expect, it } from 'vitest';
import { appliedMigrations, openDatabase } from '../database.ts';
import { queryPlan, schemaNames, tempDir } from '../testing.ts';
import { MIGRATIONS } from './index.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const upTo2 = MIGRATIONS.slice(0, 2);

describe('migration 0002-journal', () => {
  it('applies on an empty database', () => {
    const db = openDatabase(':memory:', { migrations: upTo2 });
    expect(appliedMigrations(db)).toEqual([1, 2]);
    expect(schemaNames(db, 'table')).toEqual(expect.arrayContaining(['journal', 'journal_head']));
    expect(schemaNames(db, 'index')).toContain('journal_by_transaction');
    expect(schemaNames(db, 'trigger')).toEqual(['journal_no_delete', 'journal_no_update']);
    db.close();
  });

  it('is idempotent across reopen', () => {
    openDatabase(tmp.path(), { migrations: upTo2 }).close();
    const db = openDatabase(tmp.path(), { migrations: upTo2 });
    expect(appliedMigrations(db)).toEqual([1, 2]);
    db.close();
  });

  it('refuses UPDATE and DELETE of journal rows', () => {
    const db = openDatabase(':memory:', { migrations: upTo2 });
    db.prepare("INSERT INTO journal (at, type, payload, prev_hash, hash) VALUES (1, 'a.b', '{}', 'x', 'y')").run();
    expect(() => db.prepare("UPDATE journal SET type = 'c.d'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM journal').run()).toThrow(/append-only/);
    db.close();
  });

  it('finds a transaction’s entries through an index', () => {
    const db = openDatabase(':memory:', { migrations: upTo2 });
    expect(queryPlan(db, 'SELECT * FROM journal WHERE transaction_id = ? ORDER BY seq', 't1')).toMatch(/SEARCH journal USING INDEX journal_by_transaction/);
    expect(queryPlan(db, 'SELECT * FROM journal WHERE seq >= ? ORDER BY seq', 5)).toMatch(/SEARCH journal USING INTEGER PRIMARY KEY/);
    db.close();
  });
});
