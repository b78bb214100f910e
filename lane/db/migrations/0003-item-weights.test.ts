import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../core/clock.ts';
import { appliedMigrations, openDatabase } from '../database.ts';
import { ItemWeights } from '../itemWeights.ts';
import { queryPlan, schemaNames, tempDir } from '../testing.ts';
import { MIGRATIONS } from './index.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const upTo3 = MIGRATIONS.slice(0, 3);

describe('migration 0003-item-weights', () => {
  it('applies on an empty database', () => {
    const db = openDatabase(':memory:', { migrations: upTo3 });
    expect(appliedMigrations(db)).toEqual([1, 2, 3]);
    expect(schemaNames(db, 'table')).toContain('item_weights');
    db.close();
  });

  it('is idempotent across reopen and keeps what was learned', () => {
    const a = openDatabase(tmp.path(), { migrations: upTo3 });
    new ItemWeights(a, new ManualClock()).observe('milk', 1060);
    a.close();
    const b = openDatabase(tmp.path(), { migrations: upTo3 });
    expect(appliedMigrations(b)).toEqual([1, 2, 3]);
    expect(new ItemWeights(b, new ManualClock()).get('milk')?.count).toBe(1);
    b.close();
  });

  it('looks up an item’s statistics by primary key', () => {
    const db = openDatabase(':memory:', { migrations: upTo3 });
    expect(queryPlan(db, 'SELECT * FROM item_weights WHERE item_id = ?', 'x')).toMatch(/SEARCH item_weights USING PRIMARY KEY/);
    db.close();
  });
});

describe('ItemWeights', () => {
  it('computes mean and sample variance like Welford', () => {
    const db = openDatabase(':memory:');
    const w = new ItemWeights(db, new ManualClock());
    for (const g of [100, 102, 98, 101, 99]) w.observe('a', g);
    const s = w.get('a');
    expect(s).toMatchObject({ count: 5, meanGrams: 100, minGrams: 98, maxGrams: 102 });
    expect(s?.varianceGrams2).toBeCloseTo(2.5, 10);
    expect(s?.stdDevGrams).toBeCloseTo(Math.sqrt(2.5), 10);
    db.close();
  });

  it('reports zero variance after a single observation and null for an unknown item', () => {
    const db = openDatabase(':memory:');
    const w = new ItemWeights(db, new ManualClock());
    expect(w.observe('a', 500).varianceGrams2).toBe(0);
    expect(w.get('b')).toBeNull();
    db.close();
  });

  it('rejects fractional or negative grams', () => {
    const db = openDatabase(':memory:');
    const w = new ItemWeights(db, new ManualClock());
    expect(() => w.observe('a', 1.5)).toThrow(TypeError);
    expect(() => w.observe('a', -1)).toThrow(TypeError);
    db.close();
  });
});
