import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ManualClock } from '../../../core/clock.ts';
import { appliedMigrations, openDatabase } from '../database.ts';
import { Settings } from '../settings.ts';
import { queryPlan, schemaNames, tempDir } from '../testing.ts';
import { MIGRATIONS } from './index.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('migration 0004-settings', () => {
  it('applies on an empty database', () => {
    const db = openDatabase(':memory:', { migrations: MIGRATIONS.slice(0, 4) });
    expect(appliedMigrations(db)).toEqual([1, 2, 3, 4]);
    expect(schemaNames(db, 'table')).toContain('settings');
    db.close();
  });

  it('is idempotent across reopen and keeps values', () => {
    const a = openDatabase(tmp.path());
    new Settings(a, new ManualClock()).set('language', 'de');
    a.close();
    const b = openDatabase(tmp.path());
    expect(appliedMigrations(b)).toEqual([1, 2, 3, 4]);
    expect(new Settings(b, new ManualClock()).get('language', z.string())).toEqual({ ok: true, value: 'de' });
    b.close();
  });

  it('reads a setting by primary key', () => {
    const db = openDatabase(':memory:');
    expect(queryPlan(db, 'SELECT value_json FROM settings WHERE key = ?', 'k')).toMatch(/SEARCH settings USING PRIMARY KEY/);
    db.close();
  });
});

describe('Settings', () => {
  it('returns notFound for an unset key and invalidInput for a value failing its schema', () => {
    const db = openDatabase(':memory:');
    const s = new Settings(db, new ManualClock());
    expect(s.get('x', z.number())).toMatchObject({ ok: false, error: { code: 'notFound' } });
    s.set('x', 'text');
    expect(s.get('x', z.number())).toMatchObject({ ok: false, error: { code: 'invalidInput' } });
    expect(s.delete('x')).toBe(true);
    expect(s.delete('x')).toBe(false);
    db.close();
  });

  it('overwrites a value', () => {
    const db = openDatabase(':memory:');
    const s = new Settings(db, new ManualClock());
    s.set('n', 1);
    s.set('n', 2);
    expect(s.get('n', z.number())).toEqual({ ok: true, value: 2 });
    db.close();
  });
});
